// An analyst's exports on the phone's core: the sample Zoom registration report and attendee
// report (examples/data/, invented people) read, validated and reconciled, worked out by hand.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.io.File
import java.time.Instant

class ExportsTest {
    private val hub = Hub.emap()
    private val zoom = File(ROOT, "examples/data/zoom_registration_report.csv").readText()
    private val attendees = File(ROOT, "examples/data/zoom_attendee_report.csv").readText()
    // The report's own questions, mapped as an analyst maps them.
    private val columns = mapOf("audience" to "What best describes you?", "language" to "Preferred language")
    private val labels = mapOf("Policy maker" to "policy_maker", "Academic researcher" to "academic_researcher",
        "Government official" to "government_official", "Education stakeholder" to "education_stakeholder")
    private fun options(zone: String?) = ExportOptions("zoom", zone, columns, emptyMap(), labels)
    private val geneva = options("Europe/Zurich")

    @Test
    fun `a Zoom registration report is read past its header block in the account's zone`() {
        val read = readRegistrations(zoom, geneva)
        assertEquals(11, read.size)
        // "Jul 15, 2024 09:30:12" in the account's zone, Geneva in summer.
        assertEquals("Aigerim Bekova" to "2024-07-15T09:30:12+02:00", read[0].registration.fullName to read[0].registration.submittedAt)
        val outcomes = hub.validateReadRegistrations(W20, read)
        val refused = outcomes.withIndex().filter { it.value.status == RegistrationStatus.REJECTED }
            .associate { read[it.index].registration.fullName to it.value.violations.map { v -> v.code } }
        assertEquals(mapOf(
            "Nino Beridze" to listOf("registration.unknown_audience"),   // "Astronaut"
            "Farid Karimi" to listOf("registration.unknown_country"),    // "Atlantis"
            "Aziz Nazarov" to listOf("registration.closed"),             // 13:10 Geneva, during the webinar
        ), refused)
        // Without the zone the naive times cannot be read, and the error says how to give it.
        val e = org.junit.jupiter.api.Assertions.assertThrows(KixException::class.java) { readRegistrations(zoom, options(null)) }
        assertTrue(e.toString().contains("zone"), e.toString())
    }

    @Test
    fun `attendance reconciled as worked out by hand`() {
        val r = hub.reconcileAttendance(W20, zoom, attendees, geneva)
        val got = r.rows.associate { it.name to Triple(it.status, Math.round(it.minutes * 100) / 100.0, it.joins.toInt()) }
        assertEquals(mapOf(
            "Aigerim Bekova" to Triple("attended", 85.0, 2),   // 13:00-13:20 and 13:25-14:30, a re-join
            "Tenzin Dorji" to Triple("attended", 65.0, 2),     // 13:05-14:00 and 13:30-14:10 overlap
            "Ana Popescu" to Triple("attended", 87.83, 1),
            "Bold Erdene" to Triple("attended", 45.0, 1),
            "Sokha Chan" to Triple("attended", 89.0, 1),
            "Aziz Nazarov" to Triple("walk_in", 78.0, 1),      // refused (registered during it), came anyway
            "Nilufar Karimova" to Triple("walk_in", 75.0, 1),  // registered through the form, not in this report
            "Kyaw Min" to Triple("walk_in", 70.0, 1),
            "Guest Viewer" to Triple("walk_in", 10.0, 1),
            "Sita Rai" to Triple("no_show", 0.0, 0),
            "Ermira Hoxha" to Triple("no_show", 0.0, 0),
            "Maria Soares" to Triple("no_show", 0.0, 0),
        ), got)
        val aziz = r.rows.first { it.name == "Aziz Nazarov" }
        assertEquals(9L to RegistrationStatus.REJECTED, aziz.registrationRow?.toLong() to aziz.registrationStatus)
        assertEquals(Instant.parse("2024-07-31T11:12:00Z"), aziz.firstJoin)
        assertEquals(5L, r.counts.sumOf { it.attended.toLong() })
        val readAlone = readAttendance(attendees, "zoom", "Europe/Zurich")
        assertEquals(11, readAlone.participants.size, "attendees only: no host, no panelist, no 'Attended: No' rows")
    }
}
