// Every exported function with hostile values: only KixException may come back (never a
// panic, which UniFFI would surface as InternalException, never a crash of the JVM).

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.time.Instant

class HostileInputTest {
    @Test
    fun `every exported function with hostile values`() {
        val hub = Hub.emap()
        val bad = listOf("", "\u0000", "x".repeat(100_000), "2024-13-45", "9999-99-99T99:99:99", "{", "Mars/Olympus",
            "\r\nEND:VEVENT", "ZZ", "-1", "😀".repeat(1000))
        val instants = listOf(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"))
        val calls = mutableListOf<Pair<String, () -> Any?>>()
        for (b in bad) {
            calls += "resolveCountry" to { resolveCountry(b) }
            calls += "resolveZone" to { resolveZone(b) }
            calls += "parseListing" to { parseListing(b, b) }
            for (d in Disambiguation.values()) calls += "fromLocal" to { fromLocal(b, b, d) }
            calls += "Hub.fromJson" to { Hub.fromJson(b) }
            calls += "country" to { hub.country(b) }
            calls += "partnerFor" to { hub.partnerFor(b, b) }
            calls += "timelinePosition" to { hub.timelinePosition(b) }
            calls += "event" to { hub.event(b) }
            calls += "localTimes" to { hub.localTimes(b, 0u, 24u) }
            calls += "localTimes hours" to { hub.localTimes(W20, UInt.MAX_VALUE, 0u) }
            calls += "localTimeIn" to { hub.localTimeIn(W20, b) }
            calls += "eventIcs" to { hub.eventIcs(b) }
            calls += "findSlots" to { hub.findSlots(SlotQuery(countries = listOf(b), from = b, to = b, durationMinutes = UInt.MAX_VALUE, top = UInt.MAX_VALUE)) }
            calls += "findSlots range" to { hub.findSlots(SlotQuery(from = "2025-01-01", to = "2099-01-01")) }
            calls += "validateRegistration" to { hub.validateRegistration(W20, Registration(b, b, b, b, b, b, null, b), listOf(HeldRegistration(b, RegistrationStatus.PENDING)), null) }
            calls += "validateRegistrations" to { hub.validateRegistrations(b, listOf(Registration()), emptyList(), null) }
            calls += "ledger" to { hub.ledger(b) }
            calls += "nomineeStatus" to { hub.nomineeStatus(b, b) }
            calls += "nominate" to { Hub.emap().nominate(b, b, b, b, b) }
            calls += "advance" to { Hub.emap().advance("cycle-1", UInt.MAX_VALUE, NominationStep.Reject(b, b)) }
            calls += "products" to { hub.products(ProductQuery(b, b, b, b, b, b, b)) }
            calls += "productCounts" to { hub.productCounts(b) }
        }
        for (t in instants) {
            calls += "toLocal" to { toLocal(t, "Asia/Kathmandu") }
            calls += "validateRegistration now" to { hub.validateRegistration(W20, good(), emptyList(), t) }
        }
        val wrong = calls.mapNotNull { (name, call) ->
            try { call(); null } catch (e: KixException) { null } catch (e: Throwable) { "$name: $e" }
        }
        assertTrue(wrong.isEmpty(), "${wrong.size} of ${calls.size} calls: " + wrong.take(5).joinToString("; "))
        assertEquals("NP", resolveCountry("Nepal"), "still alive")
    }
}
