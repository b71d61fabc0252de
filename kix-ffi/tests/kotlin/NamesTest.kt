// Country names and e-mail addresses as the region writes them, through the mobile face.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.kixemap.kix.*

class NamesTest {
    @Test
    fun `country names in the members' languages`() {
        assertEquals("Киргизия", countryName("KG", "ru"))
        assertEquals("قيرغيزستان", countryName("KG", "ar"))
        assertEquals(countryName("MD", "en"), countryName("MD", "xx"), "an unknown locale falls back to English")
        assertEquals("KG", resolveCountry("Кыргызстан"))
        assertEquals("country.ambiguous", codeOf { resolveCountry("Congo") })
    }

    @Test
    fun `the outcome keeps the subdivision and the address kix compared`() {
        val hub = Hub.emap()
        val r = Registration(fullName = "Sadia", email = "  कृष्ण@शिक्षा.com ", country = "Sindh, Pakistan",
            audience = "teacher", submittedAt = "2024-07-20T10:00:00+05:00")
        val o = hub.validateRegistration("kix-emap-webinar-20", r, emptyList(), null)
        assertEquals(RegistrationStatus.CONFIRMED, o.status, o.violations.joinToString { it.code })
        assertEquals("PK" to "PK-SD", o.country to o.subdivision)
        assertEquals("कृष्ण@शिक्षा.com", o.email)
    }
}
