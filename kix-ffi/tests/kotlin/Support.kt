// What the test classes share: the webinar's id, a good registration, the error code of a
// call, and JSON through gson (numbers read as Long when integral, else Double).

import com.google.gson.GsonBuilder
import com.google.gson.ToNumberPolicy
import org.junit.jupiter.api.Assertions.assertThrows
import org.kixemap.kix.*
import java.io.File

const val W20 = "kix-emap-webinar-20"

/** The repository's root, where tests/vectors/ lives (the launcher runs from it by default). */
val ROOT = File(System.getProperty("kix.root", "."))

fun good(email: String = "a@example.org", country: String = "Kyrgyz Republic") = Registration(
    fullName = "Test Person", email = email, country = country, organisation = null, audience = "teacher",
    language = "ru", consent = true, submittedAt = "2024-07-20T10:00:00+06:00",
)

/** The code a call fails with: the violation code, or `invalid_input` / `not_found`. */
fun codeOf(body: () -> Unit): String = when (val e = assertThrows(KixException::class.java) { body() }) {
    is KixException.Validation -> e.code
    is KixException.InvalidInput -> "invalid_input"
    is KixException.NotFound -> "not_found"
}

object Json {
    private val gson = GsonBuilder()
        .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
        .serializeNulls()
        .create()

    fun parse(text: String): Any? = gson.fromJson(text, Any::class.java)
    fun write(value: Any?): String = gson.toJson(value)
}

@Suppress("UNCHECKED_CAST")
fun Any?.obj() = this as Map<String, Any?>
@Suppress("UNCHECKED_CAST")
fun Any?.list() = this as List<Any?>
