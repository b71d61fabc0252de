// The registration book from Kotlin: the waiting list, offers and refusals the core decides.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*
import java.time.Instant

class BookTest {
    private val emap: Map<String, Any?> = Json.parse(Hub.emap().toJson()).obj()

    private fun hub(capacity: Long, approval: String = "automatic"): Hub {
        val w20 = emap["events"].list()[0].obj()
        val policy = mapOf("required" to true, "capacity" to capacity, "waiting_list" to true, "approval" to approval)
        return Hub.fromJson(Json.write(emap + mapOf("events" to listOf(w20 + mapOf("registration" to policy)))))
    }

    private fun person(name: String) =
        Registration(fullName = name, email = "${name.lowercase()}@example.org", country = "NP", audience = "teacher")

    private fun at(minute: Int) = Instant.parse("2024-07-20T08:%02d:00Z".format(minute))

    @Test
    fun `a cancelled seat goes to the first in line`() {
        val book = RegistrationBook(hub(1), "kix-emap-webinar-20")
        val ids = listOf("Ana", "Bob", "Cem").mapIndexed { i, n -> book.submit(person(n), at(i)).id!! }
        assertEquals(listOf("confirmed", "waitlisted", "waitlisted"), book.entries().map { it.status })
        val done = book.cancel(ids[0], "registrant", null, at(10))
        assertEquals(listOf(ids[0], ids[1]), done.changes.map { it.registrationId })
        assertEquals("offered", book.entry(ids[1]).status)
        assertEquals(Instant.parse("2024-07-22T08:10:00Z"), book.entry(ids[1]).offerExpiresAt, "48 hours by default")
        book.acceptOffer(ids[1], at(11))
        assertEquals(1uL, book.ledger().confirmed)
        assertEquals(1uL, book.ledger().waitlisted)
    }

    @Test
    fun `an address alone changes nothing and update keeps the history`() {
        val book = RegistrationBook(hub(5), "kix-emap-webinar-20")
        val first = book.submit(person("Ana"), at(0))
        val before = book.toJson()
        val again = book.submit(person("Ana").copy(fullName = "Mallory", country = "KZ"), at(1))
        assertTrue(again.duplicate && !first.duplicate)
        assertEquals(first.id, again.id)
        assertEquals("registration.duplicate", again.violations[0].code)
        assertEquals(before, book.toJson(), "nothing changed")
        val id = first.id!!
        val done = book.update(id, person("Ana").copy(organisation = "Ministry of Education"), at(2))
        assertEquals(listOf("update"), done.changes.map { it.action })
        assertEquals(listOf("submit", "update"), book.entry(id).history.map { it.action })
        assertEquals("registration.unknown_country", codeOf { book.update(id, person("Ana").copy(country = "Atlantis"), at(3)) })
    }

    @Test
    fun `a pending registration is not approved past a lowered capacity`() {
        val book = RegistrationBook(hub(2, "manual"), "kix-emap-webinar-20")
        val a = book.submit(person("Ana"), at(0)).id!!
        book.submit(person("Bob"), at(1))
        book.setCapacity(1u, null, at(2))
        assertEquals("registration.full", codeOf { book.approve(a, false, at(3)) })
        assertEquals("pending", book.entry(a).status)
    }

    @Test
    fun `approving past capacity needs force and says so`() {
        val book = RegistrationBook(hub(1, "manual"), "kix-emap-webinar-20")
        val a = book.submit(person("Ana"), at(0)).id!!
        val b = book.submit(person("Bob"), at(1)).id!!
        book.approve(a, false, at(2))
        assertEquals("registration.full", codeOf { book.approve(b, false, at(3)) })
        assertEquals("waitlisted", book.entry(b).status)
        val forced = book.approve(b, true, at(4))
        assertEquals(listOf("registration.over_capacity"), forced.warnings.map { it.code })
        assertTrue(book.entry(b).history.last().forced)
    }

    @Test
    fun `a book survives its JSON and refuses what does not apply`() {
        val h = hub(5)
        val book = RegistrationBook(h, "kix-emap-webinar-20")
        val a = book.submit(person("Ana"), at(0)).id!!
        assertEquals("registration.invalid_transition", codeOf { book.declineOffer(a, at(1)) })
        assertEquals("invalid_input", codeOf { book.cancel(a, "someone", null, at(1)) })
        val copy = RegistrationBook.fromJson(h, "kix-emap-webinar-20", book.toJson())
        assertEquals(book.toJson(), copy.toJson())
        assertEquals("not_found", codeOf { RegistrationBook(h, "no-such-event") })
    }
    /** Webinar 20 as three weekly sessions (31 July, 7 and 14 August 2024), one seat each, per occurrence. */
    private fun sessions(): Hub {
        val w20 = emap["events"].list()[0].obj()
        val policy = mapOf("required" to true, "capacity" to 1L, "waiting_list" to true, "per_occurrence" to true)
        val series = mapOf("registration" to policy, "recurrence" to mapOf("frequency" to "weekly", "count" to 3L))
        return Hub.fromJson(Json.write(emap + mapOf("events" to listOf(w20 + series))))
    }

    @Test
    fun `per occurrence each session has its own seat and waiting list`() {
        val hub = sessions()
        val book = RegistrationBook(hub, W20)
        val first = "2024-07-31T13:00:00"
        val second = "2024-08-07T13:00:00"
        val a = book.submit(person("Ana").copy(occurrence = first), at(0))
        val b = book.submit(person("Bob").copy(occurrence = first), at(1))
        val c = book.submit(person("Bob").copy(occurrence = second), at(2))
        assertEquals(listOf("confirmed", "waitlisted", "confirmed"), listOf(a.status, b.status, c.status))
        assertEquals(listOf(first, first, second), book.entries().map { it.occurrence })
        assertEquals(1uL, book.ledgerOf(first).waitlisted)
        assertEquals(0uL, book.ledgerOf(second).free)
        assertEquals(2uL, book.ledger().confirmed)
        assertEquals("invalid_input", codeOf { book.ledgerOf("next week") })
        assertEquals("registration.invalid_value", codeOf { book.submit(person("Cem").copy(occurrence = "soon"), at(3)) })
        val batch = hub.validateRegistrations(W20, listOf(good().copy(occurrence = second), good().copy(occurrence = "soon"), good()),
            listOf(HeldRegistration("x@example.org", RegistrationStatus.CONFIRMED, second)), null)
        assertEquals(listOf(listOf(), listOf("registration.invalid_value"), listOf("registration.missing_field")),
            batch.map { o -> o.violations.filter { it.severity == "error" }.map { it.code } })
        assertEquals(RegistrationStatus.WAITLISTED, batch[0].status, "the held registration has the second session's seat")
        assertEquals("invalid_input", codeOf { hub.validateRegistrations(W20, listOf(good()), listOf(HeldRegistration("x@example.org", RegistrationStatus.CONFIRMED, "x")), null) })
    }
}
