//! The differential test across languages: generated inputs for every
//! operation the faces export, with the core's result for each, in
//! `tests/differential/`. Rust (here), Python (`tests/python/test_differential.py`)
//! and Kotlin (`kix-ffi/tests/kotlin/DifferentialTest.kt`) run every case and must
//! give the same canonical JSON, results and error codes alike; each face also
//! checks that every operation it exports is exercised by some case.
//!
//! The inputs come from proptest strategies with a fixed seed. This test fails
//! when the core's result for a committed input changes; after a deliberate
//! change, regenerate the files with
//!
//! ```sh
//! KIX_BLESS=1 cargo test -p kix-core --test differential
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

#[path = "differential/inputs.rs"]
mod inputs;
#[path = "differential/run.rs"]
mod run;
mod strategies;

use std::path::PathBuf;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use kix_core::{
    Actor, Code, CountBy, Error, ErrorClass, Event, HeldRegistration, Nomination, NominationStep, ProductQuery,
    Registration, RegistrationBook, SlotQuery, Violation, WorkingHours,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

use inputs::*;
use run::*;

/// Every operation, the faces that export it, and its generated inputs.
fn generate() -> Vec<(&'static str, &'static [&'static str], Vec<Value>)> {
    let locale = || proptest::sample::select(vec!["en", "ru", "ar", "ar-EG", "ru-KG", "fr", "zz", ""]);
    let mut ops: Vec<(&'static str, &'static [&'static str], Vec<Value>)> = vec![
        ("country.resolve", ALL, cases_of(country_text().prop_map(|t| json!({ "text": t })), 60, 1)),
        ("hub.country", ALL, cases_of(country_text().prop_map(|t| json!({ "text": t })), 40, 2)),
        (
            "country.name",
            ALL,
            cases_of(
                (strategies::code(), locale()).prop_map(|(c, l)| json!({ "code": c.as_str(), "locale": l })),
                40,
                3,
            ),
        ),
        (
            "hub.partner_for",
            ALL,
            cases_of((country_text(), iso_date()).prop_map(|(c, d)| json!({ "country": c, "date": d })), 40, 4),
        ),
        (
            "hub.structure",
            PYTHON,
            cases_of(
                (
                    proptest::sample::select(vec![
                        "central-asia-mongolia",
                        "south-asia",
                        "europe",
                        "southeast-asia-pacific",
                        "x",
                    ]),
                    proptest::sample::select(vec!["acer", "nugse", "fhi360", "norrag", "x"]),
                )
                    .prop_map(|(s, p)| json!({ "sub_region": s, "partner": p })),
                12,
                5,
            ),
        ),
        (
            "country.rest_day",
            PYTHON,
            cases_of((country_text(), iso_date()).prop_map(|(c, d)| json!({ "country": c, "date": d })), 30, 6),
        ),
        ("hub.document", ALL, cases_of(hub_document().prop_map(|h| json!({ "hub": h })), 16, 7)),
        (
            "zone.resolve",
            ALL,
            cases_of(
                prop_oneof![
                    member_zone(),
                    proptest::sample::select(vec![
                        "CET",
                        "CEST",
                        "IST",
                        "Bishkek",
                        "Geneva",
                        "UTC+5:45",
                        "GMT-3",
                        "Mongolia",
                        "NPT",
                        "Asia/Katmandu"
                    ])
                    .prop_map(str::to_owned),
                    strategies::text(),
                ]
                .prop_map(|l| json!({ "label": l })),
                50,
                8,
            ),
        ),
        (
            "time.from_local",
            ALL,
            cases_of(
                (
                    near_transition(),
                    member_zone(),
                    proptest::sample::select(vec!["compatible", "earlier", "later", "reject"]),
                )
                    .prop_map(|(l, z, d)| json!({ "local": wall(l), "zone": z, "disambiguation": d })),
                80,
                9,
            ),
        ),
        (
            "time.to_local",
            ALL,
            cases_of(
                (near_transition(), member_zone())
                    .prop_map(|(t, zone)| json!({ "instant": z(t.and_utc()), "zone": zone })),
                60,
                10,
            ),
        ),
        (
            "time.wall_seconds",
            PYTHON,
            cases_of(
                (proptest::collection::vec(1_500_000_000i64..1_800_000_000, 0..12), member_zone())
                    .prop_map(|(i, zone)| json!({ "instants": i, "zone": zone })),
                12,
                11,
            ),
        ),
        ("listing.parse", ALL, cases_of(listing(), 40, 12)),
        ("timeline.position", ALL, cases_of(iso_date().prop_map(|d| json!({ "date": d })), 30, 13)),
        ("events.list", ALL, vec![json!({})]),
        (
            "event.local_times",
            ALL,
            cases_of(
                (event_overrides(), prop_oneof![4 => Just((8u32, 18u32)), 4 => Just((9, 17)), 1 => Just((7, 25))])
                    .prop_map(|(e, (a, b))| json!({ "event": e, "working_hours": [a, b] })),
                25,
                14,
            ),
        ),
        (
            "event.local_time_in",
            ALL,
            cases_of(
                (event_overrides(), member_zone()).prop_map(|(e, zone)| json!({ "event": e, "zone": zone })),
                25,
                15,
            ),
        ),
        ("event.check", ALL, cases_of(event_overrides().prop_map(|e| json!({ "event": e })), 25, 16)),
        ("event.ics", ALL, cases_of(event_overrides().prop_map(|e| json!({ "event": e })), 12, 17)),
        ("slots.find", ALL, cases_of(slots_query(), 30, 18)),
        (
            "registration.batch",
            ALL,
            cases_of(
                (
                    registration_event(),
                    proptest::collection::vec(registration_record(), 0..8),
                    held(),
                    proptest::option::of(Just("2024-07-25T00:00:00Z")),
                )
                    .prop_map(|(e, r, h, now)| json!({ "event": e, "records": r, "held": h, "now": now })),
                30,
                19,
            ),
        ),
        (
            "registration.single",
            ALL,
            cases_of(
                (registration_event(), registration_record(), held())
                    .prop_map(|(e, r, h)| json!({ "event": e, "records": [r], "held": h, "now": null })),
                20,
                20,
            ),
        ),
        (
            "registration.anonymize",
            PYTHON,
            cases_of(
                (proptest::collection::vec(registration_record(), 0..5), "[a-z]{0,8}")
                    .prop_map(|(r, salt)| json!({ "records": r, "salt": salt })),
                10,
                21,
            ),
        ),
        (
            "messages.render",
            ALL,
            cases_of(
                (proptest::collection::vec(registration_record(), 1..4), locale(), any::<bool>())
                    .prop_map(|(r, l, plain)| json!({ "records": r, "locale": l, "plain": plain })),
                30,
                22,
            ),
        ),
        ("training.workflow", ALL, cases_of(training_steps(), 25, 23)),
        ("catalogue.query", ALL, cases_of(catalogue_query(), 30, 24)),
        (
            "catalogue.counts",
            ALL,
            ["month", "project_year", "phase", "decade"].iter().map(|b| json!({ "by": b })).collect(),
        ),
        (
            "grants.totals",
            ALL,
            cases_of(proptest::collection::vec(strategies::grant(), 0..5).prop_map(|g| json!({ "grants": g })), 15, 25),
        ),
        (
            "book.run",
            ALL,
            cases_of((registration_event(), book_steps()).prop_map(|(e, s)| json!({ "event": e, "steps": s })), 30, 26),
        ),
        ("about", ALL, vec![json!({})]),
        (
            "registration.occurrences",
            ALL,
            cases_of(
                (
                    occurrence_event(),
                    proptest::collection::vec(session_record(), 0..9),
                    (held(), proptest::collection::vec(session(), 4)),
                    proptest::option::of(Just("2025-10-25T00:00:00Z")),
                    occurrence_steps(),
                )
                    .prop_map(|(e, records, (mut held, sessions), now, steps)| {
                        for (h, s) in held.iter_mut().zip(sessions) {
                            h["occurrence"] = s;
                        }
                        json!({ "event": e, "records": records, "held": held, "now": now, "steps": steps })
                    }),
                30,
                37,
            ),
        ),
        ("event.series", ALL, cases_of(series_overrides().prop_map(|e| json!({ "event": e })), 30, 32)),
        ("event.occurrences_between", PYTHON, cases_of(monthly_windows(), 30, 38)),
        (
            "event.series_edit",
            PYTHON,
            cases_of(
                (series_overrides(), near_transition(), near_transition(), near_transition()).prop_map(
                    |(e, cancel, occurrence, to)| {
                        // Mostly the rule's own occurrences; sometimes a time it does not give.
                        let starts = || {
                            let first: NaiveDateTime = e["start"].as_str().unwrap().parse().unwrap();
                            let rule: kix_core::Recurrence = serde_json::from_value(e["recurrence"].clone()).unwrap();
                            rule.starts(first)
                        };
                        let pick = |t: NaiveDateTime| {
                            let all = starts();
                            let i = (t.and_utc().timestamp() / 60).unsigned_abs() as usize % (all.len() + 1);
                            all.get(i).copied().unwrap_or(t)
                        };
                        json!({ "event": e, "cancel": wall(pick(cancel)), "move": [wall(pick(occurrence)), wall(to)] })
                    },
                ),
                20,
                33,
            ),
        ),
        (
            "event.reschedule",
            ALL,
            cases_of(
                (prop_oneof![event_overrides(), series_overrides()], near_transition(), 0u32..3, 10i64..300).prop_map(
                    |(e, start, how, minutes)| {
                        let end = match how {
                            0 => Value::Null,
                            1 => json!(wall(start + Duration::minutes(minutes))),
                            _ => json!(wall(start - Duration::minutes(minutes))),
                        };
                        json!({ "event": e, "start": wall(start), "end": end })
                    },
                ),
                25,
                34,
            ),
        ),
        (
            "hub.calendar",
            ALL,
            cases_of(
                (
                    proptest::collection::vec(prop_oneof![event_overrides(), series_overrides()], 0..5),
                    0u32..4,
                    proptest::sample::select(vec!["MD", "Nepal", "FR", "Narnia", "KG"]),
                )
                    .prop_map(|(overrides, which, country)| {
                        let events: Vec<Value> = overrides
                            .iter()
                            .enumerate()
                            .filter_map(|(i, o)| {
                                let mut e = event_with(o).ok()?;
                                // Only events kix can write: a zone it knows, at least.
                                e.tz().ok()?;
                                e.id = format!("event-{i}");
                                e.number = Some(u32::try_from(i).unwrap());
                                if i % 2 == 1 {
                                    e.series = Some("Learning cycle".into());
                                }
                                Some(serde_json::to_value(e).unwrap())
                            })
                            .collect();
                        let (country, series) = match which {
                            0 => (Value::Null, Value::Null),
                            1 => (json!(country), Value::Null),
                            2 => (Value::Null, json!("Learning cycle")),
                            _ => (Value::Null, json!("KIX EMAP Webinar")),
                        };
                        json!({ "events": events, "country": country, "series": series })
                    }),
                20,
                35,
            ),
        ),
        (
            "book.invitations",
            ALL,
            cases_of(
                (
                    registration_event(),
                    prop_oneof![series_overrides(), event_overrides()],
                    prop_oneof![
                        4 => Just(Some("events@norrag.example")),
                        1 => Just(None),
                        1 => Just(Some("bad address")),
                    ],
                    proptest::collection::vec(0usize..6, 1..5),
                    proptest::collection::vec(1usize..6, 0..3),
                )
                    .prop_map(|(policy, times, email, people, cancel)| {
                        let mut e = policy;
                        for (k, v) in times.as_object().unwrap() {
                            e[k] = v.clone();
                        }
                        e["start"] = json!("2024-08-14T13:00:00");
                        e["end"] = json!("2024-08-14T14:30:00");
                        e["duration_minutes"] = Value::Null;
                        e["zone"] = json!("Europe/Zurich");
                        let mut organiser = serde_json::to_value(&webinar().organisers[0]).unwrap();
                        organiser["email"] = json!(email);
                        e["organisers"] = json!([organiser]);
                        let names =
                            ["Айгерим \"Ая\"", "فاطمة، الزهراء", "Ana ^Rusu", "Sita: Rai; NP", "Bob", "Chen, Li"];
                        let records: Vec<Value> = people
                            .iter()
                            .map(|p| {
                                json!({
                                    "full_name": names[*p], "email": format!("person{p}@example.org"), "country": "NP",
                                    "audience": "teacher", "consent": true,
                                })
                            })
                            .collect();
                        let cancel: Vec<String> = cancel.iter().map(|i| format!("r-{i:06}")).collect();
                        json!({ "event": e, "records": records, "cancel": cancel, "now": "2024-07-20T08:00:00Z" })
                    }),
                25,
                36,
            ),
        ),
        ("exports.read", ALL, cases_of(export_input(), 30, 27)),
        (
            "listing.write",
            ALL,
            cases_of(
                (
                    event_overrides(),
                    display_locale(),
                    proptest::option::of(proptest::collection::vec(
                        proptest::sample::select(vec!["KG", "NP", "MN", "PG", "MD", "AF", "Kyrgyzstan", "FR"]),
                        0..4,
                    )),
                    any::<bool>(),
                )
                    .prop_map(|(e, l, c, plain)| json!({ "event": e, "locale": l, "countries": c, "plain": plain })),
                40,
                29,
            ),
        ),
        (
            "format.local",
            ALL,
            cases_of(
                (near_transition(), member_zone(), display_locale())
                    .prop_map(|(t, zone, l)| json!({ "instant": z(t.and_utc()), "zone": zone, "locale": l })),
                40,
                30,
            ),
        ),
        (
            "local_times.localized",
            ALL,
            cases_of(
                (event_overrides(), display_locale()).prop_map(|(e, l)| json!({ "event": e, "locale": l })),
                20,
                31,
            ),
        ),
        (
            "attendance.reconcile",
            ALL,
            cases_of(
                (
                    export_text("zoom_registration_report.csv", "First Name,"),
                    export_text("zoom_attendee_report.csv", "Attended,User Name"),
                    export_zone_name(),
                )
                    .prop_map(|(text, participants, zone)| {
                        json!({
                            "format": "zoom", "text": text, "participants": participants, "zone": zone,
                            "columns": zoom_columns(), "answers": labels(),
                        })
                    }),
                20,
                28,
            ),
        ),
    ];
    ops.sort_by_key(|(op, _, _)| *op);
    ops
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dir() -> PathBuf {
    root().join("tests/differential")
}

fn file_name(op: &str) -> String {
    format!("{}.json", op.replace('.', "_"))
}

/// Equal JSON, numbers compared as the faces read them: serde_json's default
/// float parsing may differ from the printed value in the last bit.
fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            (e - a).abs() <= 1e-12 * e.abs().max(1.0)
        }
        (Value::Array(e), Value::Array(a)) => e.len() == a.len() && e.iter().zip(a).all(|(e, a)| same(e, a)),
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len() && e.iter().all(|(k, ev)| a.get(k).is_some_and(|av| same(ev, av)))
        }
        (e, a) => e == a,
    }
}

#[test]
fn every_face_agrees_with_the_core_on_generated_inputs() {
    if std::env::var_os("KIX_BLESS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for (op, faces, inputs) in generate() {
            let cases: Vec<Value> = inputs.into_iter().map(|i| json!({ "input": i, "result": run(op, &i) })).collect();
            let doc = json!({
                "op": op,
                "faces": faces,
                "generated_by": "KIX_BLESS=1 cargo test -p kix-core --test differential (proptest, fixed seed)",
                "cases": cases,
            });
            std::fs::write(dir().join(file_name(op)), serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
        }
    }
    let expected_ops: Vec<&str> = generate().iter().map(|(op, _, _)| *op).collect();
    let mut seen = Vec::new();
    let (mut total, mut failures) = (0, Vec::new());
    for op in &expected_ops {
        let path = dir().join(file_name(op));
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(doc["op"], json!(op));
        seen.push(*op);
        for (i, case) in doc["cases"].as_array().unwrap().iter().enumerate() {
            total += 1;
            let actual = run(op, &case["input"]);
            if !same(&case["result"], &actual) {
                let cut = |v: &Value| v.to_string().chars().take(400).collect::<String>();
                failures.push(format!("{op} case {i}: expected {}, got {}", cut(&case["result"]), cut(&actual)));
            }
        }
    }
    let on_disk = std::fs::read_dir(dir()).unwrap().count();
    assert_eq!(on_disk, seen.len(), "tests/differential/ holds files for operations the generator no longer has");
    assert!(total > 500, "only {total} differential cases");
    assert!(failures.is_empty(), "{} of {total} cases differ:\n{}", failures.len(), failures.join("\n"));
}
