// The FFI benchmark (not a test), run by `make bench-kotlin` against a release build:
// the cost of one call, and of 10k registrations one call each against one batch call.

import org.kixemap.kix.*

fun bench() {
    val hub = Hub.emap()
    fun time(n: Int, body: () -> Unit): Double {
        repeat(n / 10) { body() }
        val t = System.nanoTime()
        repeat(n) { body() }
        return (System.nanoTime() - t).toDouble() / n
    }
    val call = time(200_000) { tzdataVersion() }
    val records = (0 until 10_000).map { good("person$it@example.org", if (it % 2 == 0) "KG" else "Nepal") }
    var best1 = Double.MAX_VALUE
    var bestN = Double.MAX_VALUE
    repeat(5) {
        var t = System.nanoTime()
        for (r in records) hub.validateRegistration(W20, r, emptyList(), null)
        best1 = minOf(best1, (System.nanoTime() - t).toDouble() / records.size)
        t = System.nanoTime()
        val out = hub.validateRegistrations(W20, records, emptyList(), null)
        bestN = minOf(bestN, (System.nanoTime() - t).toDouble() / records.size)
        check(out.size == records.size)
    }
    println("one FFI call (tzdataVersion): %.0f ns".format(call))
    println("10k registrations one call each: %.1f µs per registration".format(best1 / 1000))
    println("10k registrations in one batch call: %.1f µs per registration".format(bestN / 1000))
    println("the batch is %.1fx cheaper per registration (target >= 5x)".format(best1 / bestN))
}

fun main() = bench()
