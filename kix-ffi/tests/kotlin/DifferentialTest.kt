// The differential test across languages, Kotlin's side: every generated case in
// tests/differential/ whose faces include Kotlin is run through the bindings and must give
// the core's canonical JSON (Rust writes it, Python checks it too). Each `"op" ->` branch of
// `run` calls the bindings it exercises; tools/check_differential.py fails when an exported
// function or method is called by no branch that has cases.

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.kixemap.kix.*
import java.io.File
import java.time.Instant

private val EMAP: Map<String, Any?> = Json.parse(Hub.emap().toJson()).obj()
private val WEBINAR: Map<String, Any?> = EMAP["events"].list().map { it.obj() }.first { it["id"] == W20 }

/** The embedded hub with webinar 20's top-level fields replaced (the only event). */
private fun hubWithEvent(overrides: Map<String, Any?>): Hub =
    Hub.fromJson(Json.write(EMAP + mapOf("events" to listOf(WEBINAR + overrides))))

private fun violation(v: Violation) = mapOf(
    "code" to v.code, "severity" to v.severity, "path" to v.path, "message" to v.message,
    "params" to Json.parse(v.paramsJson),
)

private fun error(e: KixException): Map<String, Any?> = when (e) {
    is KixException.Validation -> mapOf("error" to "rejected", "codes" to e.violations.map { it.code })
    is KixException.NotFound -> mapOf("error" to "not_found")
    is KixException.InvalidInput -> mapOf("error" to "invalid_input")
}

private fun attempt(body: () -> Any?): Any? = try { body() } catch (e: KixException) { error(e) }

private fun country(c: Country) = mapOf(
    "code" to c.code, "name" to c.name, "subdivision" to c.subdivision, "sub_region" to c.subRegion,
    "time_zones" to c.timeZones, "rest_days" to c.restDays, "note" to c.note,
)

private fun organisation(o: Organisation) =
    mapOf("id" to o.id, "name" to o.name, "full_name" to o.fullName, "roles" to o.roles)

private fun localTime(r: LocalTime) = mapOf(
    "country" to r.country, "zone" to r.zone, "local_start" to r.localStart, "local_end" to r.localEnd,
    "local_date" to r.localDate, "day_shift" to r.dayShift.toLong(), "utc_offset" to r.utcOffset,
    "abbreviation" to r.abbreviation, "within_working_hours" to r.withinWorkingHours, "rest_day" to r.restDay,
)

private fun record(r: Map<String, Any?>) = Registration(
    fullName = r["full_name"] as String?, email = r["email"] as String?, country = r["country"] as String?,
    organisation = r["organisation"] as String?, audience = r["audience"] as String?,
    language = r["language"] as String?, consent = r["consent"] as Boolean?, submittedAt = r["submitted_at"] as String?,
    occurrence = r["occurrence"] as String?,
)

private fun held(list: Any?) = list.list().map {
    val h = it.obj()
    HeldRegistration(h["email"] as String, RegistrationStatus.valueOf((h["status"] as String).uppercase()), h["occurrence"] as String?)
}

private fun outcome(o: RegistrationOutcome) = mapOf(
    "status" to o.status.name.lowercase(), "violations" to o.violations.map(::violation), "country" to o.country,
    "subdivision" to o.subdivision, "email" to o.email,
)

/** The case's reading options: answers that are true or false are consent, the others labels. */
@Suppress("UNCHECKED_CAST")
private fun exportOptions(input: Map<String, Any?>): ExportOptions {
    val answers = (input["answers"] as Map<String, Any?>?) ?: emptyMap()
    return ExportOptions(
        format = input["format"] as String, zone = input["zone"] as String?,
        columns = (input["columns"] as Map<String, String>?) ?: emptyMap(),
        consentAnswers = answers.filterValues { it is Boolean }.mapValues { it.value as Boolean },
        labels = answers.filterValues { it is String }.mapValues { it.value as String },
    )
}

private fun withoutStamp(ics: String) = ics.split("\r\n").filterNot { it.startsWith("DTSTAMP:") }.joinToString("\r\n")

private fun run(op: String, input: Map<String, Any?>): Any? {
    val s = { k: String -> input[k] as String? }
    return when (op) {
        "country.resolve" -> attempt { mapOf("code" to resolveCountry(s("text")!!)) }
        "country.name" -> mapOf("name" to countryName(s("code")!!, s("locale")!!))
        "hub.country" -> attempt { mapOf("country" to country(Hub.emap().country(s("text")!!))) }
        "hub.partner_for" -> attempt { mapOf("partner" to Hub.emap().partnerFor(s("country")!!, s("date")!!)?.let(::organisation)) }
        "hub.document" -> attempt {
            val h = Hub.fromJson(Json.write(input["hub"]))
            mapOf(
                "id" to h.id(), "name" to h.name(), "countries" to h.countries().map(::country),
                "organisations" to h.organisations().map(::organisation), "check" to h.check().map(::violation),
                "round_trip" to (Hub.fromJson(h.toJson()).toJson() == h.toJson()),
            )
        }
        "zone.resolve" -> attempt { mapOf("zone" to resolveZone(s("label")!!)) }
        "time.from_local" -> attempt {
            val d = Disambiguation.valueOf(s("disambiguation")!!.uppercase())
            mapOf("instant" to fromLocal(s("local")!!, s("zone")!!, d).toString())
        }
        "time.to_local" -> attempt { mapOf("local" to toLocal(Instant.parse(s("instant")), s("zone")!!)) }
        "listing.parse" -> attempt {
            val l = parseListing(s("date_text")!!, s("time_text")!!)
            mapOf("zone" to l.zone, "start_utc" to l.start.toString(), "end_utc" to l.end.toString(),
                "warnings" to l.warnings.map(::violation))
        }
        "timeline.position" -> attempt {
            val p = Hub.emap().timelinePosition(s("date")!!)
            mapOf("date" to s("date"), "phase" to p.phase, "month_index" to p.monthIndex.toLong(),
                "month_count" to p.monthCount.toLong(), "project_year" to p.projectYear.toLong(),
                "quarter" to p.quarter.toLong(), "months_elapsed" to p.monthsElapsed.toLong(),
                "months_remaining" to p.monthsRemaining.toLong())
        }
        "events.list" -> mapOf("events" to Hub.emap().events().map { e ->
            assertEquals(e.id, Hub.emap().event(e.id).id)
            mapOf("id" to e.id, "title" to e.title, "kind" to e.kind, "zone" to e.zone, "language" to e.language,
                "interpretation" to e.interpretation, "start_utc" to e.start.toString(), "end_utc" to e.end.toString())
        })
        "event.local_times" -> attempt {
            val hub = hubWithEvent(input["event"].obj())
            val wh = input["working_hours"].list()
            val rows = hub.localTimes(W20, (wh[0] as Long).toUInt(), (wh[1] as Long).toUInt()).map(::localTime)
            val e = hub.event(W20)
            mapOf("start_utc" to e.start.toString(), "end_utc" to e.end.toString(), "rows" to rows)
        }
        "event.local_time_in" -> attempt { mapOf("row" to localTime(hubWithEvent(input["event"].obj()).localTimeIn(W20, s("zone")!!))) }
        "event.check" -> attempt {
            // The hub's check reports the event's violations under its path in the hub.
            val found = hubWithEvent(input["event"].obj()).check().filter { it.path.startsWith("events[0]") }
            mapOf("violations" to found.map { violation(it) + ("path" to it.path.removePrefix("events[0]").removePrefix(".")) })
        }
        "event.ics" -> attempt { mapOf("ics" to withoutStamp(hubWithEvent(input["event"].obj()).eventIcs(W20))) }
        "slots.find" -> attempt {
            val wh = input["working_hours"].list()
            val q = SlotQuery(
                // No list and an empty list both mean every member (SlotQuery decides it in the core).
                countries = (input["countries"] as List<*>? ?: emptyList<String>()).map { it as String }, from = s("from")!!, to = s("to")!!,
                durationMinutes = (input["duration_minutes"] as Long).toUInt(),
                workingStartHour = (wh[0] as Long).toUInt(), workingEndHour = (wh[1] as Long).toUInt(),
                granularityMinutes = (input["granularity_minutes"] as Long).toUInt(), top = (input["top"] as Long).toUInt(),
            )
            mapOf("slots" to Hub.emap().findSlots(q).map { sl ->
                mapOf("start_utc" to sl.start.toString(), "end_utc" to sl.end.toString(), "min_score" to sl.minScore,
                    "mean_score" to sl.meanScore, "zones" to sl.zones.map {
                        mapOf("country" to it.country, "zone" to it.zone, "local_start" to it.localStart,
                            "score" to it.score, "rest_day" to it.restDay)
                    })
            })
        }
        "registration.batch", "registration.single" -> attempt {
            val hub = hubWithEvent(input["event"].obj())
            val records = input["records"].list().map { record(it.obj()) }
            val now = s("now")?.let { Instant.parse(it) }
            val outcomes = if (op == "registration.single") listOf(hub.validateRegistration(W20, records[0], held(input["held"]), now))
                else hub.validateRegistrations(W20, records, held(input["held"]), now)
            mapOf("outcomes" to outcomes.map(::outcome))
        }
        "messages.render" -> {
            val outcomes = Hub.emap().validateRegistrations(W20, input["records"].list().map { record(it.obj()) }, emptyList(), null)
            mapOf("messages" to outcomes.flatMap { it.violations }.map { v ->
                val m = violationMessage(v, s("locale")!!, input["plain"] as Boolean)
                mapOf("code" to v.code, "text" to m.text, "locale" to m.locale, "fell_back" to m.fellBack)
            })
        }
        "training.workflow" -> runTraining(input)
        "catalogue.query" -> attempt {
            val q = ProductQuery(country = s("country"), subRegion = s("sub_region"), partner = s("partner"),
                kind = s("kind"), language = s("language"), from = s("from"), to = s("to"))
            mapOf("products" to Hub.emap().products(q).map {
                mapOf("id" to it.id, "kind" to it.kind, "title" to it.title, "published_on" to it.publishedOn,
                    "countries" to it.countries, "languages" to it.languages, "link" to it.link, "event" to it.event)
            })
        }
        "catalogue.counts" -> attempt {
            mapOf("counts" to Hub.emap().productCounts(s("by")!!).map {
                mapOf("phase" to it.phase, "period" to it.period.toLong(), "country" to it.country, "kind" to it.kind,
                    "count" to it.count.toLong())
            })
        }
        "grants.totals" -> {
            val t = Hub.fromJson(Json.write(EMAP + mapOf("grants" to input["grants"]))).grantTotals()
            val rows = { l: List<GrantTotal> -> l.map { mapOf("key" to it.key, "currency" to it.currency, "total" to it.total, "count" to it.count.toLong()) } }
            mapOf("by_country" to rows(t.byCountry), "by_sub_region" to rows(t.bySubRegion), "by_phase" to rows(t.byPhase))
        }
        "book.run" -> attempt { runBook(input["event"].obj(), input["steps"].list()) }
        "registration.occurrences" -> {
            val hub = hubWithEvent(input["event"].obj())
            val records = input["records"].list().map { record(it.obj()) }
            val outcomes = attempt {
                hub.validateRegistrations(W20, records, held(input["held"]), s("now")?.let { Instant.parse(it) }).map(::outcome)
            }
            val (report, book) = runBookWith(input["event"].obj(), input["steps"].list())
            val ledgers = attempt { hub.eventOccurrences(W20).map { mapOf("occurrence" to it.recurrenceId, "ledger" to ledger(book.ledgerOf(it.recurrenceId))) } }
            mapOf("outcomes" to outcomes, "book" to report + mapOf("ledgers" to ledgers, "occurrences" to book.entries().map { it.occurrence }))
        }
        "listing.write" -> attempt {
            val w = hubWithEvent(input["event"].obj()).eventListing(W20, s("locale")!!,
                (input["countries"] as List<*>?)?.map { it as String }, input["plain"] as Boolean)
            mapOf("date_text" to w.dateText, "time_text" to w.timeText, "locale" to w.locale, "fell_back" to w.fellBack)
        }
        "format.local" -> attempt { mapOf("text" to formatLocalTime(Instant.parse(s("instant")), s("zone")!!, s("locale")!!)) }
        "local_times.localized" -> attempt {
            mapOf("rows" to hubWithEvent(input["event"].obj()).localizedTimes(W20, s("locale")!!).map {
                mapOf("zone" to it.zone, "country_name" to it.countryName, "local_start" to it.localStart,
                    "local_end" to it.localEnd, "utc_offset" to it.utcOffset)
            })
        }
        "event.series" -> attempt {
            val hub = hubWithEvent(input["event"].obj())
            val occurrences = hub.eventOccurrences(W20).map(::occurrence)
            mapOf("occurrences" to occurrences, "calendar_check" to hub.eventCalendarCheck(W20, null).map(::violation))
        }
        "event.reschedule" -> attempt {
            val hub = hubWithEvent(input["event"].obj())
            val before = Json.write(WEBINAR + input["event"].obj())
            val e = hub.rescheduleEvent(W20, s("start")!!, s("end"))
            mapOf("start_utc" to e.start.toString(), "end_utc" to e.end.toString(),
                "sequence" to Json.parse(e.json).obj()["sequence"], "check" to hub.eventCalendarCheck(W20, before).map { it.code })
        }
        "hub.calendar" -> attempt {
            val hub = Hub.fromJson(Json.write(EMAP + mapOf("events" to input["events"])))
            mapOf("ics" to withoutStamp(hub.calendar(s("country"), s("series"))))
        }
        "book.invitations" -> attempt { runInvitations(input) }
        "exports.read" -> attempt {
            val read = readRegistrations(s("text")!!, exportOptions(input))
            val outcomes = Hub.emap().validateReadRegistrations(W20, read)
            mapOf(
                "rows" to read.map {
                    mapOf("row" to it.row.toLong(), "full_name" to it.registration.fullName, "email" to it.registration.email,
                        "country" to it.registration.country, "audience" to it.registration.audience,
                        "language" to it.registration.language)
                },
                "outcomes" to outcomes.map(::outcome),
            )
        }
        "attendance.reconcile" -> attempt {
            // The attendee report read alone agrees with the reconciliation's reading of it.
            val r = Hub.emap().reconcileAttendance(W20, s("text")!!, s("participants")!!, exportOptions(input))
            val joins = readAttendance(s("participants")!!, "zoom", s("zone"))
            assertEquals(joins.unreadable.map { it.code }, r.unreadable.map { it.code })
            assertEquals(joins.participants.size.toLong(), r.rows.sumOf { it.joins.toLong() })
            mapOf(
                "rows" to r.rows.map {
                    mapOf("name" to it.name, "email" to it.email, "status" to it.status,
                        "registration" to it.registrationRow?.toLong(),
                        "registration_status" to it.registrationStatus?.name?.lowercase(), "country" to it.country,
                        "sub_region" to it.subRegion, "first_join" to it.firstJoin?.toString(),
                        "last_leave" to it.lastLeave?.toString(), "minutes" to it.minutes, "joins" to it.joins.toLong())
                },
                "counts" to r.counts.map {
                    mapOf("country" to it.country, "sub_region" to it.subRegion, "attended" to it.attended.toLong(),
                        "no_show" to it.noShow.toLong(), "walk_in" to it.walkIn.toLong())
                },
            )
        }
        "about" -> mapOf("tzdata" to tzdataVersion(), "codes" to violationCodes(), "version" to kixVersion())
        else -> throw IllegalArgumentException("unknown op $op")
    }
}

private fun occurrence(o: Occurrence) = mapOf(
    "recurrence_id" to o.recurrenceId, "start_utc" to o.start.toString(), "end_utc" to o.end.toString(), "moved" to o.moved,
)

private fun runInvitations(input: Map<String, Any?>): Map<String, Any?> {
    val book = RegistrationBook(hubWithEvent(input["event"].obj()), W20)
    val now = Instant.parse(input["now"] as String)
    val records = input["records"].list()
    records.forEach { attempt { book.submit(record(it.obj()), now) } }
    input["cancel"].list().forEach { attempt { book.cancel(it as String, "registrant", null, now) } }
    return mapOf(
        "invitations" to attempt {
            book.invitations(now).map { mapOf("registration_id" to it.registrationId, "method" to it.method, "ics" to withoutStamp(it.ics)) }
        },
        "single" to (1..records.size + 1).map { i ->
            attempt { mapOf("ics" to withoutStamp(book.invitation("r-%06d".format(i), now))) }
        },
    )
}

private fun runTraining(input: Map<String, Any?>): Map<String, Any?> {
    val hub = Hub.emap()
    val cycle = input["cycle"] as String
    val results = input["steps"].list().map { raw ->
        val step = raw.obj()
        attempt {
            if (step["op"] == "nominate") {
                val n = step["nomination"].obj()
                mapOf("ok" to hub.nominate(cycle, n["full_name"] as String, n["email"] as String, n["country"] as String,
                    n["nominated_on"] as String).toLong())
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
                mapOf("ok" to null)
            }
        }
    }
    val ledger = attempt {
        hub.ledger(cycle).map { mapOf("country" to it.country, "quota" to it.quota.toLong(), "confirmed" to it.confirmed.toLong(),
            "pending" to it.pending.toLong(), "free" to it.free.toLong()) }
    }
    val statuses = input["emails"].list().map { e -> attempt { hub.nomineeStatus(cycle, e as String) } }
    val cycles = hub.trainingCycles().map {
        mapOf("id" to it.id, "name" to it.name, "start" to it.start, "endorsement_date" to it.endorsementDate,
            "nominations" to it.nominations.toLong())
    }
    return mapOf("results" to results, "ledger" to ledger, "statuses" to statuses, "cycles" to cycles)
}

private fun change(c: BookChange) = mapOf("id" to c.registrationId, "from" to c.from, "to" to c.to, "action" to c.action)

private fun ledger(l: SeatLedger) = mapOf(
    "capacity" to l.capacity?.toLong(), "confirmed" to l.confirmed.toLong(), "pending" to l.pending.toLong(),
    "offered" to l.offered.toLong(), "waitlisted" to l.waitlisted.toLong(), "free" to l.free?.toLong(),
    "checked_in" to l.checkedIn.toLong(), "denied" to l.denied.toLong(), "cancelled" to l.cancelled.toLong(),
)

private fun runBook(event: Map<String, Any?>, steps: List<Any?>): Map<String, Any?> = runBookWith(event, steps).first

/** The book's steps run, as the canonical result, and the book they left. */
private fun runBookWith(event: Map<String, Any?>, steps: List<Any?>): Pair<Map<String, Any?>, RegistrationBook> {
    val hub = hubWithEvent(event)
    val book = RegistrationBook(hub, W20)
    val results = steps.map { raw ->
        val step = raw.obj()
        val args = step["args"].obj()
        val now = Instant.parse(step["now"] as String)
        val id = args["id"] as String? ?: ""
        val reason = args["reason"] as String?
        attempt {
            if (step["op"] == "submit") {
                val s = book.submit(record(args["record"].obj()), now)
                mapOf("id" to s.id, "status" to s.status, "violations" to s.violations.map(::violation), "duplicate" to s.duplicate)
            } else {
                val a = when (step["op"]) {
                    "approve" -> book.approve(id, args["force"] as Boolean? ?: false, now)
                    "deny" -> book.deny(id, reason ?: "", now)
                    "cancel" -> book.cancel(id, args["actor"] as String, reason, now)
                    "reinstate" -> book.reinstate(id, reason, now)
                    "accept_offer" -> book.acceptOffer(id, now)
                    "decline_offer" -> book.declineOffer(id, now)
                    "set_capacity" -> book.setCapacity((args["capacity"] as Long?)?.toUInt(), reason, now)
                    "advance" -> book.advance(now)
                    "check_in" -> book.checkIn(id, now)
                    "update" -> book.update(id, record(args["record"].obj()), now)
                    else -> throw IllegalArgumentException("unknown book op ${step["op"]}")
                }
                mapOf("changes" to a.changes.map(::change), "warnings" to a.warnings.map { it.code })
            }
        }
    }
    val entries = book.entries().map { e ->
        assertEquals(e, book.entry(e.id))
        mapOf("id" to e.id, "status" to e.status, "email" to e.email, "offer_expires_at" to e.offerExpiresAt?.toString(),
            "history" to e.history.map {
                mapOf("at" to it.at.toString(), "action" to it.action, "to" to it.to, "actor" to it.actor, "reason" to it.reason)
            })
    }
    val again = RegistrationBook.fromJson(hub, W20, book.toJson())
    return mapOf(
        "results" to results,
        "entries" to entries,
        "ledger" to ledger(book.ledger()),
        "reminders" to attempt {
            book.reminders().map {
                mapOf("registration_id" to it.registrationId, "minutes_before" to it.minutesBefore.toLong(),
                    "send_at" to it.sendAt.toString(), "zone" to it.zone, "event_start_local" to it.eventStartLocal)
            }
        },
        "round_trip" to (again.toJson() == book.toJson()),
    ) to book
}

/** The differences between two canonical results (numbers to 1e-12, relative). */
private fun same(expected: Any?, actual: Any?, at: String = ""): List<String> = when {
    expected is Map<*, *> -> if (actual !is Map<*, *> || actual.keys != expected.keys)
        listOf("$at: expected keys ${expected.keys}, got ${(actual as? Map<*, *>)?.keys ?: actual}")
        else expected.keys.flatMap { same(expected[it], actual[it], "$at.$it") }
    expected is List<*> -> if (actual !is List<*> || actual.size != expected.size) listOf("$at: expected $expected, got $actual".take(600))
        else expected.indices.flatMap { same(expected[it], actual[it], "$at[$it]") }
    expected is Number && actual is Number -> {
        val (e, a) = expected.toDouble() to actual.toDouble()
        if (Math.abs(e - a) <= 1e-12 * maxOf(1.0, Math.abs(e))) emptyList() else listOf("$at: expected $expected, got $actual")
    }
    else -> if (expected == actual) emptyList() else listOf("$at: expected $expected, got $actual".take(600))
}

class DifferentialTest {
    private fun docs(): List<Map<String, Any?>> =
        File(ROOT, "tests/differential").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
            .map { Json.parse(it.readText()).obj() }

    @TestFactory
    fun `kotlin agrees with the core`(): List<DynamicContainer> = docs().filter { "kotlin" in it["faces"].list() }.map { doc ->
        val op = doc["op"] as String
        dynamicContainer(op, doc["cases"].list().mapIndexed { i, raw ->
            val case = raw.obj()
            dynamicTest("$op[$i]") {
                // JSON in and out, so the result's types are the ones the expectation was read with.
                val actual = Json.parse(Json.write(run(op, case["input"].obj())))
                val problems = same(case["result"], actual)
                assertTrue(problems.isEmpty(), problems.take(10).joinToString("\n"))
            }
        })
    }

    @Test
    fun `the generated cases cover the kotlin operations`() {
        val ops = docs().filter { "kotlin" in it["faces"].list() }
        assertTrue(ops.size >= 20 && ops.sumOf { it["cases"].list().size } > 500, "${ops.size} operations")
    }
}
