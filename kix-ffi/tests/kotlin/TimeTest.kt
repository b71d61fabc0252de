// Countries and zones people type, wall-clock times across DST, and event listings.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Assertions.assertThrows
import org.kixemap.kix.*
import java.time.Instant

class TimeTest {
    @Test
    fun `country and zone resolution`() {
        assertEquals("MM", resolveCountry("Burma"))
        assertEquals("LA", resolveCountry("Lao PDR"))
        assertEquals("country.unknown", codeOf { resolveCountry("x".repeat(100_000)) }, "huge")
        assertEquals("Europe/Zurich", resolveZone("CET / Geneva"))
        assertEquals("time.unknown_zone", codeOf { resolveZone("Mars") })
        assertEquals("2024-07-31T13:00:00", toLocal(Instant.parse("2024-07-31T11:00:00Z"), "Geneva time"), "labels are zones, as in Python")
    }

    @Test
    fun `time`() {
        val t = fromLocal("2024-07-31T13:00:00", "Europe/Zurich", Disambiguation.REJECT)
        assertEquals(Instant.parse("2024-07-31T11:00:00Z"), t)
        assertEquals("2024-07-31T16:45:00", toLocal(t, "Asia/Kathmandu"))
        assertEquals(Instant.parse("2024-03-31T01:30:00Z"), fromLocal("2024-03-31T02:30:00", "Europe/Zurich", Disambiguation.COMPATIBLE), "gap")
        assertEquals("time.nonexistent_local_time", codeOf { fromLocal("2024-03-31T02:30:00", "Europe/Zurich", Disambiguation.REJECT) }, "reject")
        assertEquals("invalid_input", codeOf { fromLocal("not a time", "Europe/Zurich", Disambiguation.COMPATIBLE) }, "bad wall")
        assertEquals("time.unknown_zone", codeOf { fromLocal("2024-07-31T13:00:00", "Mars/Olympus", Disambiguation.COMPATIBLE) }, "bad zone")
        assertEquals("invalid_input", codeOf { toLocal(Instant.MAX, "UTC") }, "Instant.MAX")
        assertEquals("1900-01-01T00:00:00", toLocal(Instant.parse("1900-01-01T00:00:00Z"), "UTC"), "before 1970")
    }

    @Test
    fun `listings`() {
        val s = parseListing("31 July 2024", "1:00 – 2:30 PM (CET / Geneva)")
        assertEquals(Instant.parse("2024-07-31T11:00:00Z"), s.start)
        assertEquals("2024-07-31T13:00:00", s.localStart)
        assertEquals(listOf("time.label_season_mismatch"), s.warnings.map { it.code })
        // A fixed offset that no IANA zone has: the wall times are the page's own.
        val india = parseListing("15 January 2025", "10:00-11:00 UTC+05:30")
        assertEquals(Instant.parse("2025-01-15T04:30:00Z"), india.start)
        assertEquals("2025-01-15T10:00:00", india.localStart)
        assertEquals("2025-01-15T11:00:00", india.localEnd)
        val e = assertThrows(KixException.Validation::class.java) { parseListing("31 Jully 2024", "soon") }
        assertEquals(listOf("time.unparseable", "time.unparseable"), e.violations.map { it.code })
        assertEquals("time.unparseable", codeOf { parseListing("", "") }, "empty")
    }
}
