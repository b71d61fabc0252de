// The Kotlin side of kix, run on the JVM against the built library by `make test`:
// every exported function (with good and bad input), then every conformance vector in
// tests/vectors/, which must give the same results as Rust. `--bench` measures the FFI.

import org.kixemap.kix.*
import java.io.File
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset
import kotlin.system.exitProcess

// ---------------------------------------------------------------- a small JSON reader and writer

object Json {
    fun parse(text: String): Any? {
        val p = Parser(text)
        val v = p.value()
        p.ws()
        require(p.i == text.length) { "trailing characters at ${p.i}" }
        return v
    }

    private class Parser(val s: String) {
        var i = 0
        fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }
        fun value(): Any? {
            ws()
            return when (val c = s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> { i += 4; true }
                'f' -> { i += 5; false }
                'n' -> { i += 4; null }
                else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $i")
            }
        }
        fun obj(): Map<String, Any?> {
            val m = LinkedHashMap<String, Any?>()
            i++; ws()
            if (s[i] == '}') { i++; return m }
            while (true) {
                ws(); val k = str(); ws(); require(s[i] == ':'); i++
                m[k] = value(); ws()
                if (s[i] == ',') { i++; continue }
                require(s[i] == '}'); i++; return m
            }
        }
        fun arr(): List<Any?> {
            val l = ArrayList<Any?>()
            i++; ws()
            if (s[i] == ']') { i++; return l }
            while (true) {
                l.add(value()); ws()
                if (s[i] == ',') { i++; continue }
                require(s[i] == ']'); i++; return l
            }
        }
        fun str(): String {
            require(s[i] == '"'); i++
            val b = StringBuilder()
            while (s[i] != '"') {
                val c = s[i++]
                if (c != '\\') { b.append(c); continue }
                when (val e = s[i++]) {
                    'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                    'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                    'u' -> { b.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                    else -> b.append(e)
                }
            }
            i++
            return b.toString()
        }
        fun num(): Any {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            val t = s.substring(start, i)
            return if (t.any { it in ".eE" }) t.toDouble() else t.toLong()
        }
    }

    fun write(v: Any?): String = when (v) {
        null -> "null"
        is String -> buildString {
            append('"')
            for (c in v) when {
                c == '"' -> append("\\\""); c == '\\' -> append("\\\\")
                c == '\n' -> append("\\n"); c == '\r' -> append("\\r"); c == '\t' -> append("\\t")
                c < ' ' -> append(String.format("\\u%04x", c.code))
                else -> append(c)
            }
            append('"')
        }
        is Map<*, *> -> v.entries.joinToString(",", "{", "}") { write(it.key as String) + ":" + write(it.value) }
        is List<*> -> v.joinToString(",", "[", "]") { write(it) }
        else -> v.toString()
    }
}

@Suppress("UNCHECKED_CAST")
fun Any?.obj() = this as Map<String, Any?>
@Suppress("UNCHECKED_CAST")
fun Any?.list() = this as List<Any?>

// ---------------------------------------------------------------- a small harness

var passed = 0
var failed = 0
val failures = mutableListOf<String>()

fun check(name: String, body: () -> Unit) {
    try {
        body(); passed++
    } catch (e: Throwable) {
        failed++; failures += "$name: $e"
    }
}

fun expect(cond: Boolean, msg: () -> String) { if (!cond) throw AssertionError(msg()) }

inline fun <reified T : Throwable> expectThrows(body: () -> Unit): T {
    try { body() } catch (e: Throwable) {
        if (e is T) return e
        throw AssertionError("expected ${T::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${T::class.simpleName}, got no exception")
}

fun codeOf(body: () -> Unit): String {
    val e = expectThrows<KixException> { body() }
    return when (e) {
        is KixException.Validation -> e.code
        is KixException.InvalidInput -> "invalid_input"
        is KixException.NotFound -> "not_found"
    }
}

// ---------------------------------------------------------------- the API

val W20 = "kix-emap-webinar-20"

fun good(email: String = "a@example.org", country: String = "Kyrgyz Republic") = Registration(
    fullName = "Test Person", email = email, country = country, organisation = null, audience = "teacher",
    language = "ru", consent = true, submittedAt = "2024-07-20T10:00:00+06:00",
)

fun apiTests() {
    val hub = Hub.emap()
    check("versions") {
        expect(kixVersion() == "0.1.0") { kixVersion() }
        expect(tzdataVersion().startsWith("20")) { tzdataVersion() }
        expect("registration.duplicate" in violationCodes()) { "codes" }
    }
    check("the embedded hub") {
        expect(hub.id() == "kix-emap" && hub.name() == "KIX EMAP Hub") { hub.name() }
        expect(hub.countries().size == 21) { "21 countries" }
        val kg = hub.country("Kyrgyzstan")
        expect(kg.code == "KG" && kg.subRegion == "central-asia-mongolia" && kg.timeZones == listOf("Asia/Bishkek")) { "$kg" }
        expect(hub.country("PK").subdivision == "PK-SD") { "PK-SD" }
        expect(hub.country("Nepal").restDays == listOf("saturday")) { "Nepal rests on Saturday" }
        expect(hub.check().map { it.code } == List(5) { "hub.country_unassigned" }) { "${hub.check()}" }
        expect(hub.organisations().any { it.id == "acer" && "regional_partner" in it.roles }) { "acer" }
        expect(Hub.fromJson(hub.toJson()).countries() == hub.countries()) { "JSON round trip" }
    }
    check("bad hub input") {
        expect(codeOf { Hub.fromJson("{") } == "invalid_input") { "bad JSON" }
        expect(codeOf { Hub.fromJson("""{"id": 3}""") } == "invalid_input") { "wrong type" }
        expect(codeOf { hub.country("Narnia") } == "country.unknown") { "Narnia" }
        expect(codeOf { hub.country("France") } == "hub.unknown_country") { "France" }
        expect(codeOf { hub.country("") } == "country.unknown") { "empty" }
    }
    check("partners and the timeline") {
        expect(hub.partnerFor("Moldova", "2022-03-01")?.id == "fhi360") { "Moldova" }
        expect(hub.partnerFor("Viet Nam", "2022-03-01") == null) { "Viet Nam" }
        expect(codeOf { hub.partnerFor("MD", "01/03/2022") } == "invalid_input") { "bad date" }
        expect(codeOf { hub.partnerFor("Atlantis", "2022-03-01") } == "country.unknown") { "bad country" }
        val p = hub.timelinePosition("2023-12-31")
        expect(p.phase == "phase-1" && p.monthIndex == 45u && p.projectYear == 4u) { "$p" }
        expect(hub.timelinePosition("2024-07-31").phase == "extension") { "extension" }
        expect(codeOf { hub.timelinePosition("2019-01-01") } == "timeline.outside_project") { "outside" }
        expect(codeOf { hub.timelinePosition("2023-02-30") } == "invalid_input") { "no such day" }
    }
    check("country and zone resolution") {
        expect(resolveCountry("Burma") == "MM" && resolveCountry("Lao PDR") == "LA") { "names" }
        expect(codeOf { resolveCountry("x".repeat(100_000)) } == "country.unknown") { "huge" }
        expect(resolveZone("CET / Geneva") == "Europe/Zurich") { "label" }
        expect(codeOf { resolveZone("Mars") } == "time.unknown_zone") { "Mars" }
        expect(toLocal(Instant.parse("2024-07-31T11:00:00Z"), "Geneva time") == "2024-07-31T13:00:00") { "labels are zones, as in Python" }
    }
    check("time") {
        val t = fromLocal("2024-07-31T13:00:00", "Europe/Zurich", Disambiguation.REJECT)
        expect(t == Instant.parse("2024-07-31T11:00:00Z")) { "$t" }
        expect(toLocal(t, "Asia/Kathmandu") == "2024-07-31T16:45:00") { toLocal(t, "Asia/Kathmandu") }
        expect(fromLocal("2024-03-31T02:30:00", "Europe/Zurich", Disambiguation.COMPATIBLE) == Instant.parse("2024-03-31T01:30:00Z")) { "gap" }
        expect(codeOf { fromLocal("2024-03-31T02:30:00", "Europe/Zurich", Disambiguation.REJECT) } == "time.nonexistent_local_time") { "reject" }
        expect(codeOf { fromLocal("not a time", "Europe/Zurich", Disambiguation.COMPATIBLE) } == "invalid_input") { "bad wall" }
        expect(codeOf { fromLocal("2024-07-31T13:00:00", "Mars/Olympus", Disambiguation.COMPATIBLE) } == "time.unknown_zone") { "bad zone" }
        expect(codeOf { toLocal(Instant.MAX, "UTC") } == "invalid_input") { "Instant.MAX" }
        expect(toLocal(Instant.parse("1900-01-01T00:00:00Z"), "UTC") == "1900-01-01T00:00:00") { "before 1970" }
    }
    check("listings") {
        val s = parseListing("31 July 2024", "1:00 – 2:30 PM (CET / Geneva)")
        expect(s.start == Instant.parse("2024-07-31T11:00:00Z") && s.localStart == "2024-07-31T13:00:00") { "$s" }
        expect(s.warnings.map { it.code } == listOf("time.label_season_mismatch")) { "${s.warnings}" }
        val e = expectThrows<KixException.Validation> { parseListing("31 Jully 2024", "soon") }
        expect(e.violations.map { it.code } == listOf("time.unparseable", "time.unparseable")) { "${e.violations}" }
        expect(codeOf { parseListing("", "") } == "time.unparseable") { "empty" }
    }
    check("events") {
        val e = hub.event(W20)
        expect(e.start == Instant.parse("2024-07-31T11:00:00Z") && e.zone == "Europe/Zurich" && e.interpretation == listOf("ar", "ru")) { "$e" }
        expect(hub.events().size == 1) { "one event" }
        expect(codeOf { hub.event("webinar-99") } == "not_found") { "not found" }
        val rows = hub.localTimes(W20, 8u, 18u)
        val np = rows.first { it.zone == "Asia/Kathmandu" }
        expect(np.localStart == "2024-07-31T16:45:00" && np.utcOffset == "+05:45" && np.abbreviation == "NPT") { "$np" }
        expect(codeOf { hub.localTimes(W20, 18u, 8u) } == "invalid_input") { "bad hours" }
        expect(codeOf { hub.localTimes("nope", 8u, 18u) } == "not_found") { "no event" }
        val phone = hub.localTimeIn(W20, "Pacific/Apia")
        expect(phone.localDate == "2024-08-01" && phone.dayShift == 1 && phone.country == null) { "$phone" }
        expect(codeOf { hub.localTimeIn(W20, "Mars/Olympus") } == "time.unknown_zone") { "bad device zone" }
        val ics = hub.eventIcs(W20)
        expect(ics.startsWith("BEGIN:VCALENDAR\r\n") && "DTSTART;TZID=Europe/Zurich:20240731T130000" in ics) { "ics" }
        expect(codeOf { hub.eventIcs("nope") } == "not_found") { "no ics" }
    }
    check("slots") {
        val slots = hub.findSlots(SlotQuery(countries = listOf("NP", "Bhutan"), from = "2025-03-04", to = "2025-03-04", durationMinutes = 60u))
        expect(slots.size == 5 && slots[0].start == Instant.parse("2025-03-04T03:15:00Z") && slots[0].minScore == 1.0) { "${slots.firstOrNull()}" }
        expect(codeOf { hub.findSlots(SlotQuery(from = "2025-03-05", to = "2025-03-04")) } == "invalid_input") { "reversed" }
        expect(codeOf { hub.findSlots(SlotQuery(countries = listOf("France"), from = "2025-03-04", to = "2025-03-04")) } == "hub.unknown_country") { "France" }
        expect(codeOf { hub.findSlots(SlotQuery(from = "2025-03-04", to = "2025-03-04", durationMinutes = 0u)) } == "invalid_input") { "zero" }
    }
    check("registrations") {
        val one = hub.validateRegistration(W20, good(), emptyList(), null)
        expect(one.status == RegistrationStatus.CONFIRMED && one.country == "KG" && one.violations.isEmpty()) { "$one" }
        val empty = hub.validateRegistration(W20, Registration(), emptyList(), null)
        expect(empty.violations.map { it.code } == List(5) { "registration.missing_field" }) { "$empty" }
        val dup = hub.validateRegistration(W20, good(), listOf(HeldRegistration("A@Example.org", RegistrationStatus.CONFIRMED)), null)
        expect(dup.violations.map { it.code } == listOf("registration.duplicate")) { "$dup" }
        val noTime = hub.validateRegistration(W20, good().copy(submittedAt = null), emptyList(), Instant.parse("2024-07-01T00:00:00Z"))
        expect(noTime.status == RegistrationStatus.CONFIRMED) { "$noTime" }
        val batch = hub.validateRegistrations(W20, listOf(good("p@example.org"), good("P@example.org"), good("bad")), emptyList(), null)
        expect(batch.map { it.status } == listOf(RegistrationStatus.CONFIRMED, RegistrationStatus.REJECTED, RegistrationStatus.REJECTED)) { "$batch" }
        expect(codeOf { hub.validateRegistration("nope", good(), emptyList(), null) } == "not_found") { "no event" }
        expect(codeOf { hub.validateRegistration(W20, good(), emptyList(), Instant.MAX) } == "invalid_input") { "Instant.MAX" }
        expect(hub.validateRegistrations(W20, emptyList(), emptyList(), null).isEmpty()) { "empty batch" }
    }
    check("training") {
        val h = Hub.emap()
        expect(h.trainingCycles().map { it.id } == listOf("cycle-1", "cycle-2")) { "cycles" }
        for (who in listOf("a", "b", "c")) h.nominate("cycle-1", who, "$who@example.np", "Nepal", "2020-07-01")
        expect(codeOf { h.nominate("cycle-1", "d", "d@example.np", "NP", "2020-07-01") } == "training.quota_exceeded") { "quota" }
        h.advance("cycle-1", 0u, NominationStep.Endorse("2020-07-20"))
        expect(codeOf { h.advance("cycle-1", 1u, NominationStep.Endorse("2020-09-08")) } == "training.endorsed_after_start") { "late" }
        expect(codeOf { h.advance("cycle-1", 99u, NominationStep.Withdraw("2020-07-20")) } == "not_found") { "no nomination" }
        expect(h.nomineeStatus("cycle-1", "A@example.np") == "endorsed") { "status" }
        expect(h.nomineeStatus("cycle-1", "z@example.np") == null) { "none" }
        val np = h.ledger("cycle-1").first { it.country == "NP" }
        expect(np.pending == 3u && np.free == 0u) { "$np" }
        expect(codeOf { h.ledger("cycle-9") } == "not_found") { "no cycle" }
        expect(codeOf { h.nominate("cycle-1", "x", "x@example.org", "Atlantis", "2020-07-01") } == "country.unknown") { "bad country" }
        expect(Hub.emap().ledger("cycle-1").first { it.country == "NP" }.pending == 0u) { "emap untouched" }
    }
    check("catalogue and grants") {
        val products = hub.products(ProductQuery(kind = "webinar_recording"))
        expect(products.size == 1 && products[0].event == W20) { "$products" }
        expect(hub.products(ProductQuery()).size == 1) { "all" }
        expect(hub.products(ProductQuery(country = "Nepal")).isEmpty()) { "none for Nepal" }
        expect(hub.products(ProductQuery(from = "2024-01-01", to = "2024-12-31", language = "en")).size == 1) { "2024" }
        expect(codeOf { hub.products(ProductQuery(kind = "video")) } == "invalid_input") { "bad kind" }
        expect(codeOf { hub.products(ProductQuery(country = "Atlantis")) } == "country.unknown") { "bad country" }
        expect(codeOf { hub.products(ProductQuery(from = "July 2024")) } == "invalid_input") { "bad date" }
        val counts = hub.productCounts("phase")
        expect(counts.size == 1 && counts[0].phase == "extension" && counts[0].count == 1u) { "$counts" }
        expect(codeOf { hub.productCounts("week") } == "invalid_input") { "bad bucket" }
        expect(hub.grantTotals().byCountry.isEmpty()) { "no grants" }
    }
}

// Every exported function with hostile values: only KixException may come back (never a
// panic, which UniFFI would surface as InternalException, never a crash of the JVM).
fun badValueSweep() {
    val hub = Hub.emap()
    val bad = listOf("", "\u0000", "x".repeat(100_000), "2024-13-45", "9999-99-99T99:99:99", "{", "Mars/Olympus",
        "\r\nEND:VEVENT", "ZZ", "-1", "😀".repeat(1000))
    val instants = listOf(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"))
    val calls = mutableListOf<Pair<String, () -> Any?>>()
    for (b in bad) {
        calls += "resolveCountry" to { resolveCountry(b) }
        calls += "resolveZone" to { resolveZone(b) }
        calls += "parseListing" to { parseListing(b, b) }
        for (d in Disambiguation.values()) calls += "fromLocal" to { fromLocal(b, b, d) }
        calls += "Hub.fromJson" to { Hub.fromJson(b) }
        calls += "country" to { hub.country(b) }
        calls += "partnerFor" to { hub.partnerFor(b, b) }
        calls += "timelinePosition" to { hub.timelinePosition(b) }
        calls += "event" to { hub.event(b) }
        calls += "localTimes" to { hub.localTimes(b, 0u, 24u) }
        calls += "localTimes hours" to { hub.localTimes(W20, UInt.MAX_VALUE, 0u) }
        calls += "localTimeIn" to { hub.localTimeIn(W20, b) }
        calls += "eventIcs" to { hub.eventIcs(b) }
        calls += "findSlots" to { hub.findSlots(SlotQuery(countries = listOf(b), from = b, to = b, durationMinutes = UInt.MAX_VALUE, top = UInt.MAX_VALUE)) }
        calls += "findSlots range" to { hub.findSlots(SlotQuery(from = "2025-01-01", to = "2099-01-01")) }
        calls += "validateRegistration" to { hub.validateRegistration(W20, Registration(b, b, b, b, b, b, null, b), listOf(HeldRegistration(b, RegistrationStatus.PENDING)), null) }
        calls += "validateRegistrations" to { hub.validateRegistrations(b, listOf(Registration()), emptyList(), null) }
        calls += "ledger" to { hub.ledger(b) }
        calls += "nomineeStatus" to { hub.nomineeStatus(b, b) }
        calls += "nominate" to { Hub.emap().nominate(b, b, b, b, b) }
        calls += "advance" to { Hub.emap().advance("cycle-1", UInt.MAX_VALUE, NominationStep.Reject(b, b)) }
        calls += "products" to { hub.products(ProductQuery(b, b, b, b, b, b, b)) }
        calls += "productCounts" to { hub.productCounts(b) }
    }
    for (t in instants) {
        calls += "toLocal" to { toLocal(t, "Asia/Kathmandu") }
        calls += "validateRegistration now" to { hub.validateRegistration(W20, good(), emptyList(), t) }
    }
    check("every exported function with hostile values (${calls.size} calls)") {
        val wrong = calls.mapNotNull { (name, call) ->
            try { call(); null } catch (e: KixException) { null } catch (e: Throwable) { "$name: $e" }
        }
        expect(wrong.isEmpty()) { wrong.take(5).joinToString("; ") }
        expect(resolveCountry("Nepal") == "NP") { "still alive" }
    }
}

// ---------------------------------------------------------------- the vectors

val EMAP_JSON: Map<String, Any?> = Json.parse(Hub.emap().toJson()).obj()

fun hubWith(fields: Map<String, Any?>): Hub = Hub.fromJson(Json.write(EMAP_JSON + fields))

fun hubWithEvent(overrides: Map<String, Any?>): Hub {
    val w20 = EMAP_JSON["events"].list()[0].obj()
    return hubWith(mapOf("events" to listOf(w20 + overrides)))
}

fun offsetOf(at: Instant, zone: String): String {
    val wall = LocalDateTime.parse(toLocal(at, zone))
    val seconds = wall.toEpochSecond(ZoneOffset.UTC) - at.epochSecond
    val sign = if (seconds < 0) "-" else "+"
    val a = Math.abs(seconds)
    return "%s%02d:%02d".format(sign, a / 3600, a % 3600 / 60)
}

fun errorValue(e: KixException): Map<String, Any?> = when (e) {
    is KixException.Validation -> mapOf("error" to e.code, "errors" to e.violations.map { it.code })
    else -> mapOf("error" to e.toString())
}

fun registrationOf(r: Map<String, Any?>) = Registration(
    fullName = r["full_name"] as String?, email = r["email"] as String?, country = r["country"] as String?,
    organisation = r["organisation"] as String?, audience = r["audience"] as String?, language = r["language"] as String?,
    consent = r["consent"] as Boolean?, submittedAt = r["submitted_at"] as String?,
)

fun run(op: String, input: Map<String, Any?>): Any? {
    val s = { k: String -> input[k] as String }
    when (op) {
        "country.resolve" -> return try { mapOf("code" to resolveCountry(s("text"))) } catch (e: KixException.Validation) { mapOf("error" to e.code) }
        "zone.resolve" -> return try { mapOf("zone" to resolveZone(s("label"))) } catch (e: KixException.Validation) { mapOf("error" to e.code) }
        "time.from_local" -> return try {
            val t = fromLocal(s("local"), s("zone"), Disambiguation.valueOf(s("disambiguation").uppercase()))
            mapOf("instant" to t.toString(), "offset" to offsetOf(t, s("zone")))
        } catch (e: KixException.Validation) {
            val p = Json.parse(e.violations[0].paramsJson).obj()
            mapOf("error" to e.code, "earlier" to p["earlier"], "later" to p["later"])
        }
        "timeline.position" -> return try {
            val p = Hub.emap().timelinePosition(s("date"))
            mapOf("phase" to p.phase, "month_index" to p.monthIndex.toLong(), "month_count" to p.monthCount.toLong(),
                "project_year" to p.projectYear.toLong(), "quarter" to p.quarter.toLong(), "months_remaining" to p.monthsRemaining.toLong())
        } catch (e: KixException.Validation) { mapOf("error" to e.code) }
        "listing.parse" -> return try {
            val l = parseListing(s("date_text"), s("time_text"))
            mapOf("zone" to l.zone, "start_utc" to l.start.toString(), "end_utc" to l.end.toString(), "warnings" to l.warnings.map { it.code })
        } catch (e: KixException) { errorValue(e) }
        "local_times" -> {
            val hub = hubWithEvent(mapOf("start" to input["start"], "end" to input["end"], "zone" to input["zone"]))
            val wh = input["working_hours"].list()
            val rows = hub.localTimes(W20, (wh[0] as Long).toUInt(), (wh[1] as Long).toUInt()).associate {
                it.zone to mapOf("local_start" to it.localStart, "local_end" to it.localEnd, "utc_offset" to it.utcOffset,
                    "abbreviation" to it.abbreviation, "day_shift" to it.dayShift.toLong(),
                    "within_working_hours" to it.withinWorkingHours, "rest_day" to it.restDay)
            }
            val e = hub.event(W20)
            return mapOf("start_utc" to e.start.toString(), "end_utc" to e.end.toString(), "rows" to rows)
        }
        "registration.batch" -> {
            val hub = hubWithEvent(input["event"].obj())
            val records = input["records"].list().map { registrationOf(it.obj()) }
            val held = input["held"].list().map { HeldRegistration(it.obj()["email"] as String, RegistrationStatus.valueOf((it.obj()["status"] as String).uppercase())) }
            val now = (input["now"] as String?)?.let { Instant.parse(it) }
            val out = hub.validateRegistrations(W20, records, held, now)
            return mapOf("outcomes" to out.map { mapOf("status" to it.status.name.lowercase(), "codes" to it.violations.map { v -> v.code }) })
        }
        "training.workflow" -> {
            val hub = Hub.emap()
            val cycle = s("cycle")
            val results = input["steps"].list().map { raw ->
                val step = raw.obj()
                try {
                    if (step["op"] == "nominate") {
                        val n = step["nomination"].obj()
                        hub.nominate(cycle, n["full_name"] as String, n["email"] as String, n["country"] as String, n["nominated_on"] as String)
                    } else {
                        val st = step["step"].obj()
                        val on = st["on"] as String
                        val ns = when (st["step"]) {
                            "endorse" -> NominationStep.Endorse(on)
                            "confirm" -> NominationStep.Confirm(on)
                            "complete" -> NominationStep.Complete(on)
                            "withdraw" -> NominationStep.Withdraw(on)
                            else -> NominationStep.Reject(on, st["reason"] as String)
                        }
                        hub.advance(cycle, (step["index"] as Long).toUInt(), ns)
                    }
                    mapOf("ok" to true)
                } catch (e: KixException.Validation) {
                    mapOf("codes" to e.violations.map { it.code })
                }
            }
            val ledger = hub.ledger(cycle).associate {
                it.country to mapOf("quota" to it.quota.toLong(), "confirmed" to it.confirmed.toLong(), "pending" to it.pending.toLong(), "free" to it.free.toLong())
            }
            return mapOf("results" to results, "ledger" to ledger)
        }
        "event.check" -> return mapOf("codes" to hubWithEvent(input["event"].obj()).check().filter { it.path.startsWith("events[0]") }.map { it.code })
        "slots.find" -> return try {
            val countries = (input["countries"] as List<*>?)?.map { it as String } ?: emptyList()
            val slots = Hub.emap().findSlots(SlotQuery(countries = countries, from = s("from"), to = s("to"),
                durationMinutes = (input["duration_minutes"] as Long).toUInt(), top = (input["top"] as Long).toUInt()))
            mapOf("count" to slots.size.toLong(), "best" to slots.firstOrNull()?.let { mapOf("start_utc" to it.start.toString(), "min_score" to it.minScore) })
        } catch (e: KixException) { errorValue(e) }
        "catalogue.check" -> {
            val hub = hubWith(mapOf("catalogue" to input["products"]))
            (input["nominee"] as Map<*, *>?)?.let { n ->
                val i = hub.nominate("cycle-1", "Nominee", n["email"] as String, "NP", "2020-07-01")
                if (n["complete"] == true) {
                    hub.advance("cycle-1", i, NominationStep.Endorse("2020-07-20"))
                    hub.advance("cycle-1", i, NominationStep.Confirm("2020-08-01"))
                    hub.advance("cycle-1", i, NominationStep.Complete("2020-11-30"))
                }
            }
            return mapOf("codes" to hub.check().filter { it.path.startsWith("catalogue[") }.map { it.code })
        }
        "grants.check", "grants.totals" -> {
            val policy = if (input.containsKey("ceiling")) mapOf("ceiling" to input["ceiling"]) else emptyMap<String, Any?>()
            val hub = hubWith(mapOf("grants" to input["grants"], "grant_policy" to policy))
            if (op == "grants.check") return mapOf("codes" to hub.check().filter { it.path.startsWith("grants[") }.map { it.code })
            val t = hub.grantTotals()
            val conv = { l: List<GrantTotal> -> l.map { mapOf("key" to it.key, "currency" to it.currency, "total" to it.total, "count" to it.count.toLong()) } }
            return mapOf("by_country" to conv(t.byCountry), "by_sub_region" to conv(t.bySubRegion), "by_phase" to conv(t.byPhase))
        }
    }
    throw IllegalArgumentException("unknown op $op")
}

fun diff(expect: Any?, actual: Any?, at: String = ""): List<String> = when {
    expect is Map<*, *> -> if (actual !is Map<*, *>) listOf("$at: expected an object, got $actual")
        else expect.entries.flatMap { (k, v) -> if (!actual.containsKey(k)) listOf("$at.$k: missing") else diff(v, actual[k], "$at.$k") }
    expect is List<*> -> if (actual !is List<*> || actual.size != expect.size) listOf("$at: expected $expect, got $actual")
        else expect.indices.flatMap { diff(expect[it], actual[it], "$at[$it]") }
    expect is Number && actual is Number -> if (expect.toDouble() == actual.toDouble()) emptyList() else listOf("$at: expected $expect, got $actual")
    else -> if (expect == actual) emptyList() else listOf("$at: expected $expect, got $actual")
}

fun vectorTests(root: File) {
    val files = File(root, "tests/vectors").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    var count = 0
    for (f in files) for (raw in Json.parse(f.readText()).obj()["cases"].list()) {
        val case = raw.obj()
        count++
        check("${f.nameWithoutExtension}: ${case["name"]}") {
            val problems = diff(case["expect"], run(case["op"] as String, case["input"].obj()))
            expect(problems.isEmpty()) { problems.joinToString("; ") }
        }
    }
    check("at least 200 vectors") { expect(count >= 200) { "$count" } }
}

// ---------------------------------------------------------------- the benchmark

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

fun main(args: Array<String>) {
    if ("--bench" in args) { bench(); return }
    val root = File(args.firstOrNull() ?: ".")
    apiTests()
    badValueSweep()
    vectorTests(root)
    for (f in failures.take(40)) println("FAIL $f")
    println("kotlin: $passed passed, $failed failed")
    exitProcess(if (failed == 0 && passed > 0) 0 else 1)
}
