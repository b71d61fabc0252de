// The embedded hub: versions, countries, organisations, partners and the timeline.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*

class HubTest {
    private val hub = Hub.emap()

    @Test
    fun `versions`() {
        assertEquals("0.1.0", kixVersion())
        assertTrue(tzdataVersion().startsWith("20"), tzdataVersion())
        assertTrue("registration.duplicate" in violationCodes(), "codes")
    }

    @Test
    fun `the embedded hub`() {
        assertEquals("kix-emap", hub.id())
        assertEquals("KIX EMAP Hub", hub.name())
        assertEquals(21, hub.countries().size, "21 countries")
        val kg = hub.country("Kyrgyzstan")
        assertEquals("KG", kg.code)
        assertEquals("central-asia-mongolia", kg.subRegion)
        assertEquals(listOf("Asia/Bishkek"), kg.timeZones)
        assertEquals("PK-SD", hub.country("PK").subdivision)
        assertEquals(listOf("saturday"), hub.country("Nepal").restDays, "Nepal rests on Saturday")
        assertEquals(List(5) { "hub.country_unassigned" }, hub.check().map { it.code })
        assertTrue(hub.organisations().any { it.id == "acer" && "regional_partner" in it.roles }, "acer")
        assertEquals(hub.countries(), Hub.fromJson(hub.toJson()).countries(), "JSON round trip")
    }

    @Test
    fun `bad hub input`() {
        assertEquals("invalid_input", codeOf { Hub.fromJson("{") }, "bad JSON")
        assertEquals("invalid_input", codeOf { Hub.fromJson("""{"id": 3}""") }, "wrong type")
        assertEquals("country.unknown", codeOf { hub.country("Narnia") }, "Narnia")
        assertEquals("hub.unknown_country", codeOf { hub.country("France") }, "France")
        assertEquals("country.unknown", codeOf { hub.country("") }, "empty")
    }

    @Test
    fun `partners and the timeline`() {
        assertEquals("fhi360", hub.partnerFor("Moldova", "2022-03-01")?.id, "Moldova")
        assertNull(hub.partnerFor("Viet Nam", "2022-03-01"), "Viet Nam")
        assertEquals("invalid_input", codeOf { hub.partnerFor("MD", "01/03/2022") }, "bad date")
        assertEquals("country.unknown", codeOf { hub.partnerFor("Atlantis", "2022-03-01") }, "bad country")
        val p = hub.timelinePosition("2023-12-31")
        assertEquals("phase-1", p.phase)
        assertEquals(45u, p.monthIndex)
        assertEquals(4u, p.projectYear)
        assertEquals("extension", hub.timelinePosition("2024-07-31").phase)
        assertEquals("timeline.outside_project", codeOf { hub.timelinePosition("2019-01-01") }, "outside")
        assertEquals("invalid_input", codeOf { hub.timelinePosition("2023-02-30") }, "no such day")
    }
}
