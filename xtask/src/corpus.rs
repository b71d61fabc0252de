//! The corpus of valid documents that the test suite checks against the JSON
//! Schemas with two independent validators (Python `jsonschema` and `ajv`):
//! `cargo run -p xtask -- corpus DIR` writes `DIR/valid/<schema>/<n>.json`.
//!
//! The corpus holds the embedded hub, proptest-generated values of every input
//! type (serialized by Rust), real outputs of the library (local times, slots,
//! schedules, outcomes, ledgers, totals), and every document inside the
//! conformance vectors — except where a vector's point is something the schema
//! itself refuses (an event whose zone is no IANA name, which the Rust loader
//! reads so that the check can report it): those go to `DIR/refused/`, and the
//! validators must refuse them.

// A generator over known-good data: a failure is a bug to see at once, so it stops with the panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../../kix-core/tests/strategies/mod.rs"]
mod strategies;

use std::path::{Path, PathBuf};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde::Serialize;
use serde_json::{Value, json};

struct Corpus {
    dir: PathBuf,
    count: usize,
}

impl Corpus {
    fn put(&mut self, schema: &str, doc: &impl Serialize) {
        self.put_in("valid", schema, doc);
    }

    fn put_in(&mut self, kind: &str, schema: &str, doc: &impl Serialize) {
        let dir = self.dir.join(kind).join(schema);
        std::fs::create_dir_all(&dir).unwrap();
        let n = std::fs::read_dir(&dir).unwrap().count();
        std::fs::write(dir.join(format!("{n:04}.json")), serde_json::to_string_pretty(doc).unwrap()).unwrap();
        self.count += 1;
    }

    fn generated<T: Serialize + std::fmt::Debug>(
        &mut self,
        schema: &str,
        strategy: impl Strategy<Value = T>,
        n: usize,
    ) {
        let mut runner = TestRunner::deterministic();
        for _ in 0..n {
            let value = strategy.new_tree(&mut runner).unwrap().current();
            self.put(schema, &value);
        }
    }
}

fn vectors(root: &Path) -> Vec<Value> {
    let mut cases = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        cases.extend(doc["cases"].as_array().unwrap().iter().cloned());
    }
    cases
}

/// Writes the corpus to `dir` (emptied first); `root` is the repository, for the vectors.
pub(crate) fn write(root: &Path, dir: PathBuf) {
    let _ = std::fs::remove_dir_all(&dir);
    let mut c = Corpus { dir, count: 0 };
    let hub = kix_core::emap();

    // Generated values of every input type, serialized by Rust.
    c.generated("hub", strategies::hub(), 40);
    c.generated("event", strategies::event(), 60);
    c.generated("registration", strategies::registration(), 60);
    c.generated("held_registration", strategies::held(), 20);
    c.generated("nomination", strategies::nomination(), 40);
    c.generated("grant", strategies::grant(), 40);
    c.generated("knowledge_product", strategies::product(), 40);
    c.generated("violation", strategies::violation(), 60);

    // The embedded hub and what the library computes from it.
    c.put("hub", hub);
    for country in &hub.countries {
        c.put("country", country);
    }
    for org in &hub.organisations {
        c.put("organisation", org);
    }
    for cycle in &hub.training.cycles {
        c.put("training_cycle", cycle);
        c.put("quota_ledger", &cycle.ledger(hub));
    }
    c.put("timeline_ledger", &hub.training.timeline_ledger(hub));
    for event in &hub.events {
        c.put("event", event);
        c.put("local_times", &kix_core::local_times(hub, event, Default::default()).unwrap());
        // The same event as a series with a cancelled and a moved session, and an organiser e-mail.
        let mut series = event.clone();
        series.organisers[0].email = Some("events@norrag.example".into());
        series.recurrence = Some(kix_core::Recurrence {
            by_day: vec![kix_core::Weekday::Wednesday.into(), kix_core::Weekday::Friday.into()],
            count: Some(6),
            ..kix_core::Recurrence::new(kix_core::Frequency::Weekly)
        });
        let second = series.occurrences().unwrap()[1].recurrence_id;
        let third = series.occurrences().unwrap()[2].recurrence_id;
        series.cancel_occurrence(second).unwrap();
        series.move_occurrence(third, third + chrono::Duration::hours(20), None).unwrap();
        c.put("event", &series);
        for table in kix_core::schedule::occurrence_local_times(hub, &series, Default::default()).unwrap() {
            c.put("local_times", &table);
        }
        // Monthly: the last Thursday with no end and an extra date; the last working day; the 31st.
        use kix_core::{ByDay, Frequency, Recurrence, Weekday};
        let mut monthly = event.clone();
        monthly.start = "2024-07-25T13:00:00".parse().unwrap();
        monthly.end = Some("2024-07-25T14:30:00".parse().unwrap());
        monthly.registration.horizon_days = 400;
        monthly.recurrence = Some(Recurrence {
            by_day: vec![ByDay::nth(-1, Weekday::Thursday)],
            extra_dates: vec!["2024-08-08T13:00:00".parse().unwrap()],
            ..Recurrence::new(Frequency::Monthly)
        });
        c.put("event", &monthly);
        monthly.start = "2024-07-31T13:00:00".parse().unwrap();
        monthly.end = Some("2024-07-31T14:30:00".parse().unwrap());
        monthly.recurrence = Some(Recurrence {
            by_day: [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday]
                .map(ByDay::from)
                .to_vec(),
            by_set_pos: vec![-1],
            interval: 2,
            count: Some(6),
            ..Recurrence::new(Frequency::Monthly)
        });
        c.put("event", &monthly);
        monthly.recurrence = Some(Recurrence {
            by_month_day: vec![31, -1],
            until: "2025-07-31".parse().ok(),
            ..Recurrence::new(Frequency::Monthly)
        });
        c.put("event", &monthly);
    }
    for product in &hub.catalogue {
        c.put("knowledge_product", product);
    }
    // Listings in every shipped language, and the sample exports reconciled.
    for event in &hub.events {
        for locale in ["en", "ru", "ar", "ar-u-nu-arab", "fr"] {
            let bidi = kix_core::messages::Bidi::Isolate;
            c.put("listing", &hub.listing(event, locale, None, bidi).unwrap());
        }
    }
    let data = root.join("examples/data");
    let read = |name: &str| std::fs::read(data.join(name)).unwrap();
    let columns = [("audience", "What best describes you?"), ("language", "Preferred language")]
        .map(|(f, c)| (f.to_owned(), c.to_owned()));
    let w20 = hub.event("kix-emap-webinar-20").unwrap();
    for zone in [chrono_tz::Europe::Zurich, chrono_tz::Asia::Bishkek] {
        let r = kix_core::exports::reconcile(
            hub,
            w20,
            &read("zoom_registration_report.csv"),
            &read("zoom_attendee_report.csv"),
            kix_core::exports::ExportFormat::Zoom,
            Some(zone),
            &columns,
            &kix_core::exports::Answers::default(),
        )
        .unwrap();
        c.put("attendance", &r.attendance);
    }
    for date in ["2020-04-01", "2023-12-31", "2024-07-31", "2027-12-31"] {
        c.put("timeline_position", &hub.timeline.position(date.parse().unwrap()).unwrap());
    }
    for by in [kix_core::CountBy::Month, kix_core::CountBy::ProjectYear, kix_core::CountBy::Phase] {
        for count in hub.product_counts(by) {
            c.put("product_count", &count);
        }
    }
    c.put("product_query", &kix_core::ProductQuery::default());
    c.put(
        "product_query",
        &kix_core::ProductQuery {
            kind: Some(kix_core::ProductKind::CaseStudy),
            from: "2021-01-01".parse().ok(),
            ..Default::default()
        },
    );
    let day = "2025-03-04".parse().unwrap();
    let query = kix_core::SlotQuery::new(day, day);
    c.put("slot_query", &query);
    for slot in kix_core::find_slots(hub, &query).unwrap() {
        c.put("slot", &slot);
    }
    for v in hub.check() {
        c.put("violation", &v);
    }

    // Every document inside the conformance vectors, and the outputs they lead to.
    let w20 = serde_json::to_value(hub.event("kix-emap-webinar-20").unwrap()).unwrap();
    let merged = |overrides: &Value| {
        let mut e = w20.clone();
        for (k, v) in overrides.as_object().unwrap() {
            e[k] = v.clone();
        }
        e
    };
    for case in vectors(&root.join("tests/vectors")) {
        let input = &case["input"];
        match case["op"].as_str().unwrap() {
            "registration.batch" => {
                let event: kix_core::Event = serde_json::from_value(merged(&input["event"])).unwrap();
                c.put("event", &merged(&input["event"]));
                for r in input["records"].as_array().unwrap() {
                    c.put("registration", r);
                }
                for h in input["held"].as_array().unwrap() {
                    c.put("held_registration", h);
                }
                let records: Vec<kix_core::Registration> = serde_json::from_value(input["records"].clone()).unwrap();
                let held: Vec<kix_core::HeldRegistration> = serde_json::from_value(input["held"].clone()).unwrap();
                if let Ok(outcomes) = kix_core::validate_batch(hub, &event, &records, &held, None) {
                    for o in outcomes {
                        c.put("registration_outcome", &o);
                    }
                }
            }
            "event.check" => {
                let refused = case["expect"]["codes"].as_array().unwrap().iter().any(|c| c == "time.unknown_zone");
                c.put_in(if refused { "refused" } else { "valid" }, "event", &merged(&input["event"]));
            }
            "local_times" => {
                let doc = merged(&json!({ "start": input["start"], "end": input["end"], "zone": input["zone"] }));
                let event: kix_core::Event = serde_json::from_value(doc.clone()).unwrap();
                c.put("event", &doc);
                c.put("local_times", &kix_core::local_times(hub, &event, Default::default()).unwrap());
            }
            "listing.parse" => {
                let (d, t) = (input["date_text"].as_str().unwrap(), input["time_text"].as_str().unwrap());
                if let Ok(schedule) = kix_core::parse_listing(d, t) {
                    c.put("schedule", &schedule);
                }
            }
            "training.workflow" => {
                for step in input["steps"].as_array().unwrap() {
                    if let Some(n) = step.get("nomination") {
                        c.put("nomination", n);
                    }
                }
            }
            "catalogue.check" => {
                for p in input["products"].as_array().unwrap() {
                    c.put("knowledge_product", p);
                }
            }
            "grants.check" | "grants.totals" => {
                let mut h = hub.clone();
                h.grants = serde_json::from_value(input["grants"].clone()).unwrap();
                for g in input["grants"].as_array().unwrap() {
                    c.put("grant", g);
                }
                c.put("grant_totals", &h.grant_totals());
            }
            "book.run" => {
                let event: kix_core::Event = serde_json::from_value(merged(&input["event"])).unwrap();
                let mut book = kix_core::RegistrationBook::new(&event);
                for step in input["steps"].as_array().unwrap() {
                    let (args, now) = (&step["args"], step["now"].as_str().unwrap().parse().unwrap());
                    let id = args["id"].as_str().unwrap_or_default();
                    let applied = match step["op"].as_str().unwrap() {
                        "submit" => {
                            c.put("registration", &args["record"]);
                            let r: kix_core::Registration = serde_json::from_value(args["record"].clone()).unwrap();
                            book.submit(hub, &event, &r, now)
                                .map(|s| kix_core::Applied { changes: s.changes, warnings: vec![] })
                        }
                        "approve" => book.approve(&event, id, args["force"].as_bool().unwrap_or(false), now),
                        "deny" => book.deny(&event, id, "vector", now),
                        "cancel" => book.cancel(&event, id, kix_core::Actor::Organiser, args["reason"].as_str(), now),
                        "reinstate" => book.reinstate(&event, id, None, now),
                        "accept_offer" => book.accept_offer(&event, id, now),
                        "decline_offer" => book.decline_offer(&event, id, now),
                        "set_capacity" => {
                            book.set_capacity(&event, args["capacity"].as_u64().map(|c| c as u32), None, now)
                        }
                        "check_in" => book.check_in(&event, id, now),
                        _ => book.advance(&event, now),
                    };
                    for change in applied.map(|a| a.changes).unwrap_or_default() {
                        c.put("registration_change", &change);
                    }
                }
                c.put("registration_book", &book);
                c.put("seat_ledger", &book.ledger());
                for r in book.reminders(hub, &event).unwrap() {
                    c.put("registration_reminder", &r);
                }
            }
            _ => {}
        }
    }
    println!("wrote {} documents to {}", c.count, c.dir.display());
}
