// Webinar 20: its summary, local times in every member zone and on a phone, its calendar,
// and the fairest slots for a new event.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.time.Instant

class EventsTest {
    private val hub = Hub.emap()

    @Test
    fun `events`() {
        val e = hub.event(W20)
        assertEquals(Instant.parse("2024-07-31T11:00:00Z"), e.start)
        assertEquals("Europe/Zurich", e.zone)
        assertEquals(listOf("ar", "ru"), e.interpretation)
        assertEquals(1, hub.events().size, "one event")
        assertEquals("not_found", codeOf { hub.event("webinar-99") })
        val rows = hub.localTimes(W20, 8u, 18u)
        val np = rows.first { it.zone == "Asia/Kathmandu" }
        assertEquals("2024-07-31T16:45:00", np.localStart)
        assertEquals("+05:45", np.utcOffset)
        assertEquals("NPT", np.abbreviation)
        assertEquals("invalid_input", codeOf { hub.localTimes(W20, 18u, 8u) }, "bad hours")
        assertEquals("not_found", codeOf { hub.localTimes("nope", 8u, 18u) }, "no event")
        val phone = hub.localTimeIn(W20, "Pacific/Apia")
        assertEquals("2024-08-01", phone.localDate)
        assertEquals(1, phone.dayShift)
        assertNull(phone.country)
        assertEquals("time.unknown_zone", codeOf { hub.localTimeIn(W20, "Mars/Olympus") }, "bad device zone")
        val ics = hub.eventIcs(W20)
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n"), "ics")
        assertTrue("DTSTART;TZID=Europe/Zurich:20240731T130000" in ics, "ics")
        assertEquals("not_found", codeOf { hub.eventIcs("nope") }, "no ics")
    }

    @Test
    fun `slots`() {
        val slots = hub.findSlots(SlotQuery(countries = listOf("NP", "Bhutan"), from = "2025-03-04", to = "2025-03-04", durationMinutes = 60u))
        assertEquals(5, slots.size)
        assertEquals(Instant.parse("2025-03-04T03:15:00Z"), slots[0].start)
        assertEquals(1.0, slots[0].minScore)
        // No countries given (Kotlin's default, an empty list) means every member, as in Python.
        val everyone = hub.findSlots(SlotQuery(from = "2025-03-04", to = "2025-03-04"))
        assertEquals(hub.countries().sumOf { it.timeZones.size }, everyone[0].zones.size, "every member's zones")
        assertEquals("invalid_input", codeOf { hub.findSlots(SlotQuery(from = "2025-03-05", to = "2025-03-04")) }, "reversed")
        assertEquals("hub.unknown_country", codeOf { hub.findSlots(SlotQuery(countries = listOf("France"), from = "2025-03-04", to = "2025-03-04")) }, "France")
        assertEquals("invalid_input", codeOf { hub.findSlots(SlotQuery(from = "2025-03-04", to = "2025-03-04", durationMinutes = 0u)) }, "zero")
    }
}
