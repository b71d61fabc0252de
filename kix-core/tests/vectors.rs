//! Runs every conformance case in `tests/vectors/` (the same files the Python
//! and Kotlin bindings run). A case passes when the actual result has every key
//! that `expect` names, with the same value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use kix_core::zone::from_local;
use kix_core::{
    Actor, Disambiguation, Error, Event, HeldRegistration, Nomination, NominationStep, Registration, RegistrationBook,
    SlotQuery, WorkingHours,
};
use serde_json::{Value, json};

fn z(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Every violation a vector produces keeps to its code's declared parameters
/// and has a message in every shipped locale built from them.
fn check_messages(violations: &[kix_core::Violation]) {
    for v in violations {
        for name in v.params.keys() {
            assert!(v.code.params().contains(&name.as_str()), "{} carries undeclared parameter {name}", v.code);
        }
        for locale in kix_core::messages::locales() {
            let m = v.message_in_plain(locale);
            assert_eq!((m.locale, m.fell_back), (locale, false), "{}", v.code);
            assert!(!m.text.is_empty() && !m.text.contains('{'), "{} in {locale}: {}", v.code, m.text);
        }
    }
}

fn codes(violations: &[kix_core::Violation]) -> Value {
    check_messages(violations);
    json!(violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>())
}

fn error_value(e: &Error) -> Value {
    check_messages(e.violations());
    match e.violations().first() {
        Some(v) => json!({ "error": v.code.as_str(), "errors": codes(e.violations()) }),
        None => json!({ "error": e.to_string() }),
    }
}

/// Webinar 20 with the case's top-level fields replaced.
fn event_with(overrides: &Value) -> Event {
    let mut base = serde_json::to_value(kix_core::emap().event("kix-emap-webinar-20").unwrap()).unwrap();
    for (k, v) in overrides.as_object().unwrap() {
        base[k] = v.clone();
    }
    serde_json::from_value(base).unwrap()
}

fn run(op: &str, input: &Value) -> Value {
    let hub = kix_core::emap();
    let s = |k: &str| input[k].as_str().unwrap_or_default().to_owned();
    match op {
        "country.resolve" => match kix_core::resolve_country(&s("text")) {
            Ok(c) => json!({ "code": c.as_str() }),
            Err(v) => json!({ "error": v.code.as_str() }),
        },
        "zone.resolve" => match kix_core::resolve_zone(&s("label")) {
            Ok(zone) => json!({ "zone": zone.as_str() }),
            Err(v) => json!({ "error": v.code.as_str() }),
        },
        "time.from_local" => {
            let local: NaiveDateTime = s("local").parse().unwrap();
            let dis: Disambiguation = s("disambiguation").parse().unwrap();
            let Ok(tz) = kix_core::ZoneId::from(s("zone").as_str()).tz() else {
                return json!({ "error": "time.unknown_zone" });
            };
            match from_local(local, tz, dis) {
                Ok(t) => json!({
                    "instant": z(t.with_timezone(&Utc)),
                    "offset": kix_core::zone::format_offset(chrono::Offset::fix(t.offset()).local_minus_utc()),
                }),
                Err(v) => {
                    json!({ "error": v.code.as_str(), "earlier": v.params["earlier"], "later": v.params["later"] })
                }
            }
        }
        "timeline.position" => match hub.timeline.position(s("date").parse::<NaiveDate>().unwrap()) {
            Ok(p) => serde_json::to_value(p).unwrap(),
            Err(v) => json!({ "error": v.code.as_str() }),
        },
        "listing.parse" => match kix_core::parse_listing(&s("date_text"), &s("time_text")) {
            Ok(sch) => json!({
                "zone": sch.zone.as_str(),
                "start_utc": z(sch.start_utc()),
                "end_utc": z(sch.end_utc()),
                "warnings": codes(&sch.warnings),
            }),
            Err(e) => error_value(&e),
        },
        "local_times" => {
            let event = event_with(&json!({
                "start": input["start"], "end": input["end"], "zone": input["zone"],
            }));
            let wh = &input["working_hours"];
            let working = WorkingHours::hours(wh[0].as_u64().unwrap() as u32, wh[1].as_u64().unwrap() as u32).unwrap();
            match kix_core::local_times(hub, &event, working) {
                Ok(t) => {
                    let mut rows = serde_json::Map::new();
                    for r in &t.rows {
                        let mut v = serde_json::to_value(r).unwrap();
                        for k in ["local_start", "local_end"] {
                            // Compare to the minute, as printed in the vectors.
                            v[k] = json!(v[k].as_str().unwrap().get(..19).unwrap());
                        }
                        rows.insert(r.zone.name().to_owned(), v);
                    }
                    json!({ "start_utc": z(t.start_utc), "end_utc": z(t.end_utc), "rows": rows })
                }
                Err(e) => error_value(&e),
            }
        }
        "registration.batch" => {
            let event = event_with(&input["event"]);
            let records: Vec<Registration> = serde_json::from_value(input["records"].clone()).unwrap();
            let held: Vec<HeldRegistration> = serde_json::from_value(input["held"].clone()).unwrap();
            let now = input.get("now").and_then(Value::as_str).map(|t| t.parse::<DateTime<Utc>>().unwrap());
            match kix_core::validate_batch(hub, &event, &records, &held, now) {
                Ok(outcomes) => json!({
                    "outcomes": outcomes
                        .iter()
                        .map(|o| json!({ "status": o.status.as_str(), "codes": codes(&o.violations) }))
                        .collect::<Vec<_>>()
                }),
                Err(e) => error_value(&e),
            }
        }
        "training.workflow" => {
            let mut hub = hub.clone();
            let cycle = s("cycle");
            let mut results = Vec::new();
            for step in input["steps"].as_array().unwrap() {
                let result = match step["op"].as_str().unwrap() {
                    "nominate" => {
                        let n: Nomination = serde_json::from_value(step["nomination"].clone()).unwrap();
                        hub.nominate(&cycle, n).map(|_| ())
                    }
                    "advance" => {
                        let st: NominationStep = serde_json::from_value(step["step"].clone()).unwrap();
                        hub.advance(&cycle, step["index"].as_u64().unwrap() as usize, st)
                    }
                    other => panic!("unknown training op {other}"),
                };
                results.push(match result {
                    Ok(()) => json!({ "ok": true }),
                    Err(e) => json!({ "codes": codes(e.violations()) }),
                });
            }
            let ledger = hub.training_cycle(&cycle).unwrap().ledger(&hub);
            let rows: serde_json::Map<String, Value> =
                ledger.rows.iter().map(|r| (r.country.to_string(), serde_json::to_value(r).unwrap())).collect();
            json!({ "results": results, "ledger": rows })
        }
        "event.check" => json!({ "codes": codes(&event_with(&input["event"]).check(hub)) }),
        "slots.find" => {
            let mut q = SlotQuery::new(s("from").parse().unwrap(), s("to").parse().unwrap());
            q.duration_minutes = input["duration_minutes"].as_u64().unwrap() as u32;
            q.top = input["top"].as_u64().unwrap() as usize;
            q.countries = input.get("countries").map(|c| serde_json::from_value(c.clone()).unwrap());
            match kix_core::find_slots(hub, &q) {
                Ok(slots) => json!({
                    "count": slots.len(),
                    "best": slots.first().map(|b| json!({ "start_utc": z(b.start_utc), "min_score": b.min_score })),
                }),
                Err(e) => error_value(&e),
            }
        }
        "catalogue.check" => {
            let mut hub = hub.clone();
            hub.catalogue = serde_json::from_value(input["products"].clone()).unwrap();
            if let Some(n) = input.get("nominee") {
                let on = NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
                let email = n["email"].as_str().unwrap();
                let i = hub.nominate("cycle-1", Nomination::new("Nominee", email, "NP".parse().unwrap(), on)).unwrap();
                if n["complete"].as_bool().unwrap() {
                    for (step, day) in
                        [("endorse", "2020-07-20"), ("confirm", "2020-08-01"), ("complete", "2020-11-30")]
                    {
                        let st: NominationStep = serde_json::from_value(json!({ "step": step, "on": day })).unwrap();
                        hub.advance("cycle-1", i, st).unwrap();
                    }
                }
            }
            json!({ "codes": codes(&kix_core::Check::check(&hub.catalogue[..], &hub)) })
        }
        "grants.check" | "grants.totals" => {
            let mut hub = hub.clone();
            hub.grants = serde_json::from_value(input["grants"].clone()).unwrap();
            hub.grant_policy.ceiling = input.get("ceiling").map(|c| serde_json::from_value(c.clone()).unwrap());
            if op == "grants.check" {
                json!({ "codes": codes(&kix_core::Check::check(&hub.grant_book(), &hub)) })
            } else {
                serde_json::to_value(hub.grant_totals()).unwrap()
            }
        }
        "book.run" => run_book(&event_with(&input["event"]), input["steps"].as_array().unwrap()),
        other => panic!("unknown op {other}"),
    }
}

/// Runs a sequence of registration-book operations; each step's result is the
/// submission's status, `ok`, or the first violation code.
fn run_book(event: &Event, steps: &[Value]) -> Value {
    let hub = kix_core::emap();
    let mut book = RegistrationBook::new(event);
    let (mut results, mut warnings) = (Vec::new(), Vec::new());
    for step in steps {
        let args = &step["args"];
        let now: DateTime<Utc> = step["now"].as_str().unwrap().parse().unwrap();
        let id = args["id"].as_str().unwrap_or_default();
        let reason = args["reason"].as_str();
        let applied = match step["op"].as_str().unwrap() {
            "submit" => {
                let record: Registration = serde_json::from_value(args["record"].clone()).unwrap();
                let s = book.submit(hub, event, &record, now).unwrap();
                check_messages(&s.violations);
                results.push(match (s.status, s.violations.iter().find(|v| v.is_error())) {
                    (Some(_), Some(v)) if s.is_duplicate() => json!(v.code.as_str()),
                    (Some(status), _) => json!(status.as_str()),
                    (None, Some(v)) => json!(v.code.as_str()),
                    (None, None) => json!("rejected"),
                });
                continue;
            }
            "approve" => book.approve(event, id, args["force"].as_bool().unwrap_or(false), now),
            "deny" => book.deny(event, id, reason.unwrap_or_default(), now),
            "cancel" => {
                let actor: Actor = serde_json::from_value(args["actor"].clone()).unwrap();
                book.cancel(event, id, actor, reason, now)
            }
            "reinstate" => book.reinstate(event, id, reason, now),
            "accept_offer" => book.accept_offer(event, id, now),
            "decline_offer" => book.decline_offer(event, id, now),
            "set_capacity" => {
                let capacity = args["capacity"].as_u64().map(|c| u32::try_from(c).unwrap());
                book.set_capacity(event, capacity, reason, now)
            }
            "advance" => book.advance(event, now),
            "check_in" => book.check_in(event, id, now),
            "update" => {
                let record: Registration = serde_json::from_value(args["record"].clone()).unwrap();
                book.update(hub, event, id, &record, now)
            }
            other => panic!("unknown book op {other}"),
        };
        match applied {
            Ok(a) => {
                check_messages(&a.warnings);
                warnings.extend(a.warnings.iter().map(|v| v.code.as_str()));
                results.push(json!("ok"));
            }
            Err(e) => {
                check_messages(e.violations());
                results.push(json!(e.violations().first().map_or_else(|| e.to_string(), |v| v.code.as_str().into())))
            }
        }
    }
    let by_id = |f: &dyn Fn(&kix_core::BookEntry) -> Option<Value>| {
        book.registrations().iter().filter_map(|e| f(e).map(|v| (e.id.clone(), v))).collect::<serde_json::Map<_, _>>()
    };
    let reminders = book.reminders(hub, event).unwrap();
    json!({
        "results": results,
        "warnings": warnings,
        "statuses": by_id(&|e| Some(json!(e.status.as_str()))),
        "offers": by_id(&|e| e.offer_expires_at.map(|t| json!(z(t)))),
        "languages": by_id(&|e| e.record.language.clone().map(Value::from)),
        "registrations": book.registrations().len(),
        "ledger": serde_json::to_value(book.ledger()).unwrap(),
        "reminders": reminders.iter().map(|r| json!({
            "registration_id": r.registration_id,
            "minutes_before": r.minutes_before,
            "send_at": z(r.send_at),
            "zone": r.zone.as_str(),
            "event_start_local": r.event_start_local.to_rfc3339(),
        })).collect::<Vec<_>>(),
    })
}

/// Whether `actual` has every key of `expect` with an equal value (arrays element by element).
fn matches(expect: &Value, actual: &Value, at: &str, diffs: &mut Vec<String>) {
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => matches(ev, av, &format!("{at}.{k}"), diffs),
                    None => diffs.push(format!("{at}.{k}: missing, expected {ev}")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{at}[{i}]"), diffs);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => {}
        (e, a) if e == a => {}
        (e, a) => diffs.push(format!("{at}: expected {e}, got {a}")),
    }
}

#[test]
fn every_conformance_vector_passes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            total += 1;
            let actual = run(case["op"].as_str().unwrap(), &case["input"]);
            let mut diffs = Vec::new();
            matches(&case["expect"], &actual, "", &mut diffs);
            if !diffs.is_empty() {
                failures.push(format!(
                    "{} / {}:\n    {}",
                    file.file_name().unwrap().to_string_lossy(),
                    case["name"].as_str().unwrap(),
                    diffs.join("\n    ")
                ));
            }
        }
    }
    assert!(total >= 200, "only {total} vectors");
    assert!(failures.is_empty(), "{} of {total} vectors failed:\n{}", failures.len(), failures.join("\n"));
}
