// The knowledge-product catalogue (filters, counts) and the grant totals.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.kixemap.kix.*

class CatalogueTest {
    private val hub = Hub.emap()

    @Test
    fun `catalogue and grants`() {
        val products = hub.products(ProductQuery(kind = "webinar_recording"))
        assertEquals(1, products.size)
        assertEquals(W20, products[0].event)
        assertEquals(1, hub.products(ProductQuery()).size, "all")
        assertTrue(hub.products(ProductQuery(country = "Nepal")).isEmpty(), "none for Nepal")
        assertEquals(1, hub.products(ProductQuery(from = "2024-01-01", to = "2024-12-31", language = "en")).size, "2024")
        assertEquals("invalid_input", codeOf { hub.products(ProductQuery(kind = "video")) }, "bad kind")
        assertEquals("country.unknown", codeOf { hub.products(ProductQuery(country = "Atlantis")) }, "bad country")
        assertEquals("invalid_input", codeOf { hub.products(ProductQuery(from = "July 2024")) }, "bad date")
        val counts = hub.productCounts("phase")
        assertEquals(1, counts.size)
        assertEquals("extension", counts[0].phase)
        assertEquals(1u, counts[0].count)
        assertEquals("invalid_input", codeOf { hub.productCounts("week") }, "bad bucket")
        assertTrue(hub.grantTotals().byCountry.isEmpty(), "no grants")
    }
}
