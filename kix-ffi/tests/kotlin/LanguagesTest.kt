// The region's languages on the phone: a webinar's listing, its local times and one instant,
// written in English, Russian and Arabic by the same core as the server.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.time.Instant

class LanguagesTest {
    private val hub = Hub.emap()

    @Test
    fun `the webinar listed for Bishkek and Kathmandu in three languages`() {
        val en = hub.eventListing(W20, "en", listOf("KG", "NP"), false)
        assertEquals("13:00–14:30 (Geneva, CEST) / 17:00–18:30 (Bishkek, UTC+6) / 16:45–18:15 (Kathmandu, UTC+5:45)", en.timeText)
        val ru = hub.eventListing(W20, "ru-KG", listOf("KG"), false)
        assertEquals("13:00–14:30 (Женева, UTC+2) / 17:00–18:30 (Бишкек, UTC+6)", ru.timeText)
        assertEquals("ru" to false, ru.locale to ru.fellBack)
        val ar = hub.eventListing(W20, "ar", listOf("KG"), true)
        assertEquals("13:00–14:30 (جنيف، UTC+2) / 17:00–18:30 (بشكيك، UTC+6)", ar.timeText)
        assertTrue(hub.eventListing(W20, "ar", listOf("KG"), false).timeText.contains("\u2068UTC+6\u2069"))
        // What is written in English reads back to the webinar's own instants.
        val back = parseListing(en.dateText, en.timeText)
        assertEquals(hub.event(W20).start to hub.event(W20).end, back.start to back.end)
        assertEquals("hub.unknown_country", codeOf { hub.eventListing(W20, "en", listOf("FR"), false) })
    }

    @Test
    fun `a phone shows the time in its own zone and language`() {
        val at = Instant.parse("2024-07-31T11:00:00Z")
        assertEquals("31 يوليو 2024، 17:00", formatLocalTime(at, "Asia/Bishkek", "ar"))
        assertEquals("٣١ يوليو ٢٠٢٤، ١٧:٠٠", formatLocalTime(at, "Asia/Bishkek", "ar-u-nu-arab"))
        assertEquals("31 июля 2024\u202fг., 16:45", formatLocalTime(at, "Asia/Kathmandu", "ru"))
        val kg = hub.localizedTimes(W20, "ru").first { it.zone == "Asia/Bishkek" }
        assertEquals("Киргизия" to "UTC+6", kg.countryName to kg.utcOffset)
        assertEquals("time.unknown_zone", codeOf { formatLocalTime(at, "Mars/Olympus", "ru") })
    }
}
