// Series, feeds, rescheduling and invitations from Kotlin: the core decides, java.time checks
// the instants (its own tz database, not kix's).

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneId

class CalendarTest {
    private val emap: Map<String, Any?> = Json.parse(Hub.emap().toJson()).obj()

    /** Six Tuesday sessions at 10:00 in Geneva from 14 October 2025, one seat and a waiting list. */
    private fun hub(): Hub {
        val w20 = emap["events"].list()[0].obj()
        val organiser = w20["organisers"].list()[0].obj() + mapOf("email" to "events@norrag.example")
        val cycle = w20 + mapOf(
            "id" to "cycle",
            "start" to "2025-10-14T10:00:00",
            "end" to "2025-10-14T11:30:00",
            "organisers" to listOf(organiser),
            "recurrence" to mapOf("frequency" to "weekly", "count" to 6),
            "registration" to mapOf("required" to true, "capacity" to 1, "waiting_list" to true),
        )
        return Hub.fromJson(Json.write(emap + mapOf("events" to listOf(cycle))))
    }

    @Test
    fun `a Geneva series stays at ten Geneva time across the change`() {
        val occurrences = hub().eventOccurrences("cycle")
        val geneva = ZoneId.of("Europe/Zurich")
        val expected = (0L until 6L).map { LocalDateTime.of(2025, 10, 14, 10, 0).plusWeeks(it).atZone(geneva).toInstant() }
        assertEquals(expected, occurrences.map { it.start })
        assertTrue(occurrences.all { it.localStart.endsWith("T10:00:00") && !it.moved })
        assertEquals("not_found", codeOf { hub().eventOccurrences("nope") })
    }

    @Test
    fun `feeds hold the series as one rule and filter by country or series`() {
        val hub = hub()
        val all = hub.calendar(null, null)
        assertTrue("RRULE:FREQ=WEEKLY;COUNT=6\r\n" in all, all)
        assertEquals(1, Regex("BEGIN:VTIMEZONE").findAll(all).count())
        assertTrue("BEGIN:VEVENT" in hub.calendar("Moldova", null))
        assertTrue("BEGIN:VEVENT" !in hub.calendar(null, "No such series"))
        assertEquals("invalid_input", codeOf { hub.calendar("MD", "KIX EMAP Webinar") })
        assertEquals("hub.unknown_country", codeOf { hub.calendar("France", null) })
    }

    @Test
    fun `rescheduling raises the sequence and a hand edit without it is warned of`() {
        val hub = hub()
        val before = Json.write(Json.parse(hub.toJson()).obj()["events"].list()[0])
        val moved = hub.rescheduleEvent("cycle", "2025-10-15T14:00:00", null)
        assertEquals(Instant.parse("2025-10-15T12:00:00Z"), moved.start)
        assertEquals(emptyList<Violation>(), hub.eventCalendarCheck("cycle", before))
        val edited = Json.parse(hub.toJson()).obj()
        val event = edited["events"].list()[0].obj() + mapOf("start" to "2025-10-16T14:00:00", "end" to "2025-10-16T15:30:00")
        val same = Hub.fromJson(Json.write(edited + mapOf("events" to listOf(event))))
        val previous = Json.write(Json.parse(hub.toJson()).obj()["events"].list()[0])
        val warnings = same.eventCalendarCheck("cycle", previous)
        assertEquals(listOf("calendar.sequence_not_raised"), warnings.map { it.code })
        assertEquals("invalid_input", codeOf { hub.rescheduleEvent("cycle", "next Tuesday", null) })
    }

    @Test
    fun `registrants get their invitation and the waiting list nothing`() {
        val book = RegistrationBook(hub(), "cycle")
        val now = Instant.parse("2025-09-01T08:00:00Z")
        val seat = book.submit(Registration(fullName = "Айгерим \"Ая\"", email = "aigerim@example.kg", country = "KG", audience = "teacher"), now).id!!
        val waiting = book.submit(Registration(fullName = "Bob", email = "bob@example.org", country = "NP", audience = "teacher"), now).id!!
        val ics = book.invitation(seat, now).replace("\r\n ", "")
        assertTrue("METHOD:REQUEST\r\n" in ics)
        assertTrue("PARTSTAT=ACCEPTED;RSVP=FALSE;CN=Айгерим ^'Ая^':mailto:aigerim@example.kg" in ics, ics)
        assertEquals("invalid_input", codeOf { book.invitation(waiting, now) })
        assertEquals(listOf(seat), book.invitations(now).map { it.registrationId })
        book.cancel(seat, "registrant", null, now)
        assertEquals(listOf("CANCEL", "REQUEST"), book.invitations(now).map { it.method })
    }
}
