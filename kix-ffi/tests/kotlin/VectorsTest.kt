// The conformance vectors in tests/vectors/: every case run through the Kotlin bindings must
// give the result Rust and Python give (one dynamic test per case, grouped by file).

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.kixemap.kix.*
import java.io.File
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset

private val EMAP_JSON: Map<String, Any?> = Json.parse(Hub.emap().toJson()).obj()

private fun hubWith(fields: Map<String, Any?>): Hub = Hub.fromJson(Json.write(EMAP_JSON + fields))

private fun hubWithEvent(overrides: Map<String, Any?>): Hub {
    val w20 = EMAP_JSON["events"].list()[0].obj()
    return hubWith(mapOf("events" to listOf(w20 + overrides)))
}

private fun offsetOf(at: Instant, zone: String): String {
    val wall = LocalDateTime.parse(toLocal(at, zone))
    val seconds = wall.toEpochSecond(ZoneOffset.UTC) - at.epochSecond
    val sign = if (seconds < 0) "-" else "+"
    val a = Math.abs(seconds)
    return "%s%02d:%02d".format(sign, a / 3600, a % 3600 / 60)
}

private fun errorValue(e: KixException): Map<String, Any?> = when (e) {
    is KixException.Validation -> mapOf("error" to e.code, "errors" to e.violations.map { it.code })
    else -> mapOf("error" to e.toString())
}

private fun registrationOf(r: Map<String, Any?>) = Registration(
    fullName = r["full_name"] as String?, email = r["email"] as String?, country = r["country"] as String?,
    organisation = r["organisation"] as String?, audience = r["audience"] as String?, language = r["language"] as String?,
    consent = r["consent"] as Boolean?, submittedAt = r["submitted_at"] as String?,
)

private fun run(op: String, input: Map<String, Any?>): Any? {
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
        "book.run" -> return runBook(input["event"].obj(), input["steps"].list())
    }
    throw IllegalArgumentException("unknown op $op")
}

/** Plays a book's operations through the RegistrationBook object, reporting as the Rust runner does. */
private fun runBook(event: Map<String, Any?>, steps: List<Any?>): Map<String, Any?> {
    val book = RegistrationBook(hubWithEvent(event), "kix-emap-webinar-20")
    val results = mutableListOf<Any?>()
    val warnings = mutableListOf<Any?>()
    for (st in steps) {
        val step = st.obj()
        val args = step["args"].obj()
        val now = Instant.parse(step["now"] as String)
        val id = args["id"] as String? ?: ""
        val reason = args["reason"] as String?
        if (step["op"] == "submit") {
            val s = book.submit(registrationOf(args["record"].obj()), now)
            results.add(if (s.duplicate) "registration.duplicate" else s.status ?: s.violations.firstOrNull { it.severity == "error" }?.code ?: "rejected")
            continue
        }
        try {
            val applied = when (step["op"]) {
                "approve" -> book.approve(id, args["force"] as Boolean? ?: false, now)
                "deny" -> book.deny(id, reason ?: "", now)
                "cancel" -> book.cancel(id, args["actor"] as String, reason, now)
                "reinstate" -> book.reinstate(id, reason, now)
                "accept_offer" -> book.acceptOffer(id, now)
                "decline_offer" -> book.declineOffer(id, now)
                "set_capacity" -> book.setCapacity((args["capacity"] as Long?)?.toUInt(), reason, now)
                "advance" -> book.advance(now)
                "check_in" -> book.checkIn(id, now)
                "update" -> book.update(id, registrationOf(args["record"].obj()), now)
                else -> throw IllegalArgumentException("unknown book op ${step["op"]}")
            }
            warnings.addAll(applied.warnings.map { it.code })
            results.add("ok")
        } catch (e: KixException) {
            results.add(if (e is KixException.Validation) e.code else e.toString())
        }
    }
    val entries = book.entries()
    val l = book.ledger()
    return mapOf(
        "results" to results,
        "warnings" to warnings,
        "statuses" to entries.associate { it.id to it.status },
        "offers" to entries.filter { it.offerExpiresAt != null }.associate { it.id to it.offerExpiresAt.toString() },
        "languages" to entries.filter { it.language != null }.associate { it.id to it.language },
        "registrations" to entries.size.toLong(),
        "ledger" to mapOf(
            "capacity" to l.capacity?.toLong(), "confirmed" to l.confirmed.toLong(), "pending" to l.pending.toLong(),
            "offered" to l.offered.toLong(), "waitlisted" to l.waitlisted.toLong(), "free" to l.free?.toLong(),
            "checked_in" to l.checkedIn.toLong(), "denied" to l.denied.toLong(), "cancelled" to l.cancelled.toLong(),
        ),
        "reminders" to book.reminders().map {
            mapOf("registration_id" to it.registrationId, "minutes_before" to it.minutesBefore.toLong(),
                "send_at" to it.sendAt.toString(), "zone" to it.zone, "event_start_local" to it.eventStartLocal)
        },
    )
}

private fun diff(expect: Any?, actual: Any?, at: String = ""): List<String> = when {
    expect is Map<*, *> -> if (actual !is Map<*, *>) listOf("$at: expected an object, got $actual")
        else expect.entries.flatMap { (k, v) -> if (!actual.containsKey(k)) listOf("$at.$k: missing") else diff(v, actual[k], "$at.$k") }
    expect is List<*> -> if (actual !is List<*> || actual.size != expect.size) listOf("$at: expected $expect, got $actual")
        else expect.indices.flatMap { diff(expect[it], actual[it], "$at[$it]") }
    expect is Number && actual is Number -> if (expect.toDouble() == actual.toDouble()) emptyList() else listOf("$at: expected $expect, got $actual")
    else -> if (expect == actual) emptyList() else listOf("$at: expected $expect, got $actual")
}

class VectorsTest {
    private fun files(): List<File> =
        File(ROOT, "tests/vectors").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }

    private fun cases(f: File): List<Map<String, Any?>> = Json.parse(f.readText()).obj()["cases"].list().map { it.obj() }

    @TestFactory
    fun `every vector`(): List<DynamicContainer> = files().map { f ->
        dynamicContainer(f.nameWithoutExtension, cases(f).map { case ->
            dynamicTest("${f.nameWithoutExtension}: ${case["name"]}") {
                val problems = diff(case["expect"], run(case["op"] as String, case["input"].obj()))
                assertTrue(problems.isEmpty(), problems.joinToString("; "))
            }
        })
    }

    @Test
    fun `at least 200 vectors`() {
        val count = files().sumOf { cases(it).size }
        assertTrue(count >= 200, "$count")
    }
}
