// A training cycle's nominations: the quota, the workflow, the ledger; the embedded hub untouched.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.kixemap.kix.*

class TrainingTest {
    @Test
    fun `training`() {
        val h = Hub.emap()
        assertEquals(listOf("cycle-1", "cycle-2"), h.trainingCycles().map { it.id })
        for (who in listOf("a", "b", "c")) h.nominate("cycle-1", who, "$who@example.np", "Nepal", "2020-07-01")
        assertEquals("training.quota_exceeded", codeOf { h.nominate("cycle-1", "d", "d@example.np", "NP", "2020-07-01") }, "quota")
        h.advance("cycle-1", 0u, NominationStep.Endorse("2020-07-20"))
        assertEquals("training.endorsed_after_start", codeOf { h.advance("cycle-1", 1u, NominationStep.Endorse("2020-09-08")) }, "late")
        assertEquals("not_found", codeOf { h.advance("cycle-1", 99u, NominationStep.Withdraw("2020-07-20")) }, "no nomination")
        assertEquals("endorsed", h.nomineeStatus("cycle-1", "A@example.np"), "status")
        assertNull(h.nomineeStatus("cycle-1", "z@example.np"), "none")
        val np = h.ledger("cycle-1").first { it.country == "NP" }
        assertEquals(3u, np.pending)
        assertEquals(0u, np.free)
        assertEquals("not_found", codeOf { h.ledger("cycle-9") }, "no cycle")
        assertEquals("country.unknown", codeOf { h.nominate("cycle-1", "x", "x@example.org", "Atlantis", "2020-07-01") }, "bad country")
        assertEquals(0u, Hub.emap().ledger("cycle-1").first { it.country == "NP" }.pending, "emap untouched")
    }
}
