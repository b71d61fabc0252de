// Registrations to webinar 20: one at a time and in a batch, duplicates and missing fields.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.time.Instant

class RegistrationsTest {
    private val hub = Hub.emap()

    @Test
    fun `registrations`() {
        val one = hub.validateRegistration(W20, good(), emptyList(), null)
        assertEquals(RegistrationStatus.CONFIRMED, one.status)
        assertEquals("KG", one.country)
        assertTrue(one.violations.isEmpty(), "$one")
        val empty = hub.validateRegistration(W20, Registration(), emptyList(), null)
        assertEquals(List(5) { "registration.missing_field" }, empty.violations.map { it.code })
        val dup = hub.validateRegistration(W20, good(), listOf(HeldRegistration("A@Example.org", RegistrationStatus.CONFIRMED)), null)
        assertEquals(listOf("registration.duplicate"), dup.violations.map { it.code })
        val noTime = hub.validateRegistration(W20, good().copy(submittedAt = null), emptyList(), Instant.parse("2024-07-01T00:00:00Z"))
        assertEquals(RegistrationStatus.CONFIRMED, noTime.status)
        val batch = hub.validateRegistrations(W20, listOf(good("p@example.org"), good("P@example.org"), good("bad")), emptyList(), null)
        assertEquals(listOf(RegistrationStatus.CONFIRMED, RegistrationStatus.REJECTED, RegistrationStatus.REJECTED), batch.map { it.status })
        assertEquals("not_found", codeOf { hub.validateRegistration("nope", good(), emptyList(), null) }, "no event")
        assertEquals("invalid_input", codeOf { hub.validateRegistration(W20, good(), emptyList(), Instant.MAX) }, "Instant.MAX")
        assertTrue(hub.validateRegistrations(W20, emptyList(), emptyList(), null).isEmpty(), "empty batch")
    }
}
