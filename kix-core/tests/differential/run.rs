//! Each operation the faces export, run by the core on one input, as canonical JSON.

use super::*;

/// Which faces export an operation (Rust runs them all).
pub(super) const ALL: &[&str] = &["python", "kotlin"];
pub(super) const PYTHON: &[&str] = &["python"];

pub(super) fn z(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn wall(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A calendar file without its DTSTAMP (the moment it was written).
pub(super) fn without_stamp(ics: &str) -> String {
    ics.split("\r\n").filter(|l| !l.starts_with("DTSTAMP:")).collect::<Vec<_>>().join("\r\n")
}

pub(super) fn violations(vs: &[Violation]) -> Value {
    json!(
        vs.iter()
            .map(|v| json!({
                "code": v.code.as_str(),
                "severity": v.severity.as_str(),
                "path": v.path,
                "message": v.message,
                "params": v.params,
            }))
            .collect::<Vec<_>>()
    )
}

/// An error as every face reports it: rejections with their codes, else the class.
pub(super) fn error(e: &Error) -> Value {
    match e.class() {
        c if c.is_validation() => json!({ "error": "rejected", "codes": codes(&e.to_violations()) }),
        ErrorClass::NotFound => json!({ "error": "not_found" }),
        _ => json!({ "error": "invalid_input" }),
    }
}

pub(super) fn rejected(v: &Violation) -> Value {
    json!({ "error": "rejected", "codes": [v.code.as_str()] })
}

pub(super) fn codes(vs: &[Violation]) -> Vec<&'static str> {
    vs.iter().map(|v| v.code.as_str()).collect()
}

pub(super) fn webinar() -> &'static Event {
    kix_core::emap().event("kix-emap-webinar-20").unwrap()
}

/// Webinar 20 with the input's top-level fields replaced.
pub(super) fn event_with(overrides: &Value) -> Result<Event, Error> {
    let mut base = serde_json::to_value(webinar()).unwrap();
    for (k, v) in overrides.as_object().unwrap() {
        base[k] = v.clone();
    }
    serde_json::from_value(base).map_err(|e| Error::InvalidValue {
        what: "event",
        value: e.to_string(),
        expected: "an event",
    })
}

pub(super) fn occurrence_record(o: &kix_core::Occurrence) -> Value {
    json!({ "recurrence_id": wall(o.recurrence_id), "start_utc": z(o.start_utc), "end_utc": z(o.end_utc), "moved": o.moved })
}

pub(super) fn country_record(hub: &kix_core::Hub, c: &kix_core::Country) -> Value {
    json!({
        "code": c.code.as_str(),
        "name": c.name,
        "subdivision": c.subdivision.as_ref().map(|s| s.code.clone()),
        "sub_region": hub.sub_region_of_any_period(c.code).map(|s| s.id.clone()),
        "time_zones": c.time_zones.iter().map(|z| z.as_str()).collect::<Vec<_>>(),
        "rest_days": c.rest_days,
        "note": c.note,
    })
}

pub(super) fn organisation_record(o: &kix_core::Organisation) -> Value {
    json!({ "id": o.id, "name": o.name, "full_name": o.full_name, "roles": o.roles })
}

pub(super) fn local_time_row(r: &kix_core::LocalTimeRow) -> Value {
    json!({
        "country": r.country.map(|c| c.to_string()),
        "zone": r.zone.name(),
        "local_start": wall(r.local_start),
        "local_end": wall(r.local_end),
        "local_date": r.local_date.to_string(),
        "day_shift": r.day_shift,
        "utc_offset": r.utc_offset.to_string(),
        "abbreviation": r.abbreviation.as_str(),
        "within_working_hours": r.within_working_hours,
        "rest_day": r.rest_day,
    })
}

pub(super) fn working(input: &Value) -> Result<WorkingHours, Error> {
    let wh = &input["working_hours"];
    WorkingHours::hours(wh[0].as_u64().unwrap() as u32, wh[1].as_u64().unwrap() as u32)
}

pub(super) fn date(input: &Value, key: &str) -> Result<NaiveDate, Error> {
    input[key].as_str().unwrap().parse().map_err(|_| Error::InvalidValue {
        what: "date",
        value: key.into(),
        expected: "YYYY-MM-DD",
    })
}

/// One operation on one input, as canonical JSON.
pub(super) fn run(op: &str, input: &Value) -> Value {
    let hub = kix_core::emap();
    let s = |k: &str| input[k].as_str().unwrap_or_default().to_owned();
    match op {
        "country.resolve" => match kix_core::resolve_country(&s("text")) {
            Ok(c) => json!({ "code": c.as_str() }),
            Err(v) => rejected(&v),
        },
        "country.name" => json!({ "name": kix_core::country::country_name(&s("code"), &s("locale")) }),
        "hub.country" => match kix_core::resolve_country(&s("text")).map_err(Error::from) {
            Ok(code) => match hub.require_member(code) {
                Ok(c) => json!({ "country": country_record(hub, c) }),
                Err(v) => rejected(&v),
            },
            Err(e) => error(&e),
        },
        "hub.partner_for" => {
            let found = kix_core::resolve_country(&s("country")).map_err(Error::from).and_then(|code| {
                let on = date(input, "date")?;
                Ok(hub.partner_for(code, on).map(organisation_record))
            });
            found.map_or_else(|e| error(&e), |p| json!({ "partner": p }))
        }
        "hub.structure" => {
            let sub = s("sub_region");
            let partner = s("partner");
            json!({
                "countries_of": hub.countries_of(&sub).iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
                "sub_regions_of": hub.sub_regions_of(&partner).iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            })
        }
        "country.rest_day" => match kix_core::resolve_country(&s("country")).map_err(Error::from) {
            Ok(code) => match (hub.require_member(code), date(input, "date")) {
                (Ok(c), Ok(d)) => json!({ "rest_day": c.is_rest_day(d) }),
                (Err(v), _) => rejected(&v),
                (_, Err(e)) => error(&e),
            },
            Err(e) => error(&e),
        },
        "hub.document" => match kix_core::Hub::from_json(&input["hub"].to_string()) {
            Ok(h) => json!({
                "id": h.id,
                "name": h.name,
                "countries": h.countries.iter().map(|c| country_record(&h, c)).collect::<Vec<_>>(),
                "organisations": h.organisations.iter().map(organisation_record).collect::<Vec<_>>(),
                "check": violations(&h.check()),
                "round_trip": kix_core::Hub::from_json(&h.to_json()).is_ok_and(|again| again == h),
            }),
            Err(e) => error(&e),
        },
        "zone.resolve" => match kix_core::resolve_zone(&s("label")) {
            Ok(zone) => json!({ "zone": zone.as_str() }),
            Err(v) => rejected(&v),
        },
        "time.from_local" => {
            let local: NaiveDateTime = s("local").parse().unwrap();
            let dis: kix_core::Disambiguation = s("disambiguation").parse().unwrap();
            let tz = match kix_core::ZoneId::from(s("zone").as_str()).tz() {
                Ok(tz) => tz,
                Err(e) => return error(&e),
            };
            match kix_core::zone::from_local(local, tz, dis) {
                Ok(t) => json!({ "instant": z(t.with_timezone(&Utc)) }),
                Err(v) => rejected(&v),
            }
        }
        "time.to_local" => {
            let at: DateTime<Utc> = s("instant").parse().unwrap();
            match kix_core::ZoneId::from(s("zone").as_str()).tz() {
                Ok(tz) => json!({ "local": wall(kix_core::zone::wall_time(at, tz)) }),
                Err(e) => error(&e),
            }
        }
        "time.wall_seconds" => match kix_core::ZoneId::from(s("zone").as_str()).tz() {
            Ok(tz) => {
                let instants: Vec<i64> = serde_json::from_value(input["instants"].clone()).unwrap();
                json!({ "wall": kix_core::zone::local_wall_seconds(tz, &instants) })
            }
            Err(e) => error(&e),
        },
        "listing.parse" => match kix_core::parse_listing(&s("date_text"), &s("time_text")) {
            Ok(sch) => json!({
                "zone": sch.zone.as_str(),
                "start_utc": z(sch.start_utc()),
                "end_utc": z(sch.end_utc()),
                "warnings": violations(&sch.warnings),
            }),
            Err(e) => error(&e),
        },
        "timeline.position" => match date(input, "date") {
            Ok(d) => match hub.timeline.position(d) {
                Ok(p) => serde_json::to_value(p).unwrap(),
                Err(v) => rejected(&v),
            },
            Err(e) => error(&e),
        },
        "events.list" => json!({
            "events": hub.events.iter().map(|e| json!({
                "id": e.id, "title": e.title, "kind": e.kind, "zone": e.zone.as_str(), "language": e.language,
                "interpretation": e.interpretation,
                "start_utc": e.start_utc().map(z).ok(), "end_utc": e.end_utc().map(z).ok(),
            })).collect::<Vec<_>>()
        }),
        "event.local_times" => {
            let table = event_with(&input["event"])
                .and_then(|e| working(input).and_then(|w| kix_core::local_times(hub, &e, w)));
            match table {
                Ok(t) => json!({
                    "start_utc": z(t.start_utc),
                    "end_utc": z(t.end_utc),
                    "rows": t.rows.iter().map(local_time_row).collect::<Vec<_>>(),
                }),
                Err(e) => error(&e),
            }
        }
        "event.local_time_in" => {
            let row = event_with(&input["event"]).and_then(|e| {
                let tz = kix_core::resolve_zone(&s("zone"))?.tz()?;
                kix_core::schedule::local_time_in(&e, tz, WorkingHours::default())
            });
            row.map_or_else(|e| error(&e), |r| json!({ "row": local_time_row(&r) }))
        }
        "event.check" => match event_with(&input["event"]) {
            Ok(e) => json!({ "violations": violations(&e.check(hub)) }),
            Err(e) => error(&e),
        },
        "event.ics" => {
            let ics = event_with(&input["event"]).and_then(|e| e.to_ics(hub).map(|t| without_stamp(&t)));
            ics.map_or_else(|e| error(&e), |text| json!({ "ics": text }))
        }
        "slots.find" => {
            let query = (|| {
                let mut q = SlotQuery::new(date(input, "from")?, date(input, "to")?);
                q.duration_minutes = input["duration_minutes"].as_u64().unwrap() as u32;
                q.top = input["top"].as_u64().unwrap() as usize;
                q.granularity_minutes = input["granularity_minutes"].as_u64().unwrap() as u32;
                q.working_hours = working(input)?;
                q.countries = match input["countries"].as_array() {
                    None => None,
                    Some(list) => Some(
                        list.iter()
                            .map(|c| kix_core::resolve_country(c.as_str().unwrap()))
                            .collect::<Result<Vec<_>, _>>()?,
                    ),
                };
                kix_core::find_slots(hub, &q)
            })();
            match query {
                Ok(slots) => json!({ "slots": slots.iter().map(|sl| json!({
                    "start_utc": z(sl.start_utc), "end_utc": z(sl.end_utc),
                    "min_score": sl.min_score, "mean_score": sl.mean_score,
                    "zones": sl.zones.iter().map(|sz| json!({
                        "country": sz.country.as_str(), "zone": sz.zone.name(), "local_start": wall(sz.local_start),
                        "score": sz.score, "rest_day": sz.rest_day,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>() }),
                Err(e) => error(&e),
            }
        }
        "registration.batch" | "registration.single" => {
            let records: Vec<Registration> = serde_json::from_value(input["records"].clone()).unwrap();
            let held: Vec<HeldRegistration> = serde_json::from_value(input["held"].clone()).unwrap();
            let now = input["now"].as_str().map(|t| t.parse::<DateTime<Utc>>().unwrap());
            let outcomes = event_with(&input["event"]).and_then(|e| {
                if op == "registration.single" {
                    kix_core::validate_registration(hub, &e, &records[0], &held, now).map(|o| vec![o])
                } else {
                    kix_core::validate_batch(hub, &e, &records, &held, now)
                }
            });
            match outcomes {
                Ok(outcomes) => json!({ "outcomes": outcomes_record(&outcomes) }),
                Err(e) => error(&e),
            }
        }
        "registration.occurrences" => {
            match event_with(&input["event"]) {
                Ok(event) => {
                    let records: Vec<Registration> = serde_json::from_value(input["records"].clone()).unwrap();
                    let held: Vec<HeldRegistration> = serde_json::from_value(input["held"].clone()).unwrap();
                    let now = input["now"].as_str().map(|t| t.parse::<DateTime<Utc>>().unwrap());
                    let outcomes = kix_core::validate_batch(hub, &event, &records, &held, now)
                        .map_or_else(|e| error(&e), |o| json!(outcomes_record(&o)));
                    let (mut book, report) = run_book_with(&event, input["steps"].as_array().unwrap());
                    book["ledgers"] =
                        match event.occurrences() {
                            Ok(list) => json!(list.iter().map(|o| json!({
                        "occurrence": wall(o.recurrence_id), "ledger": report.ledger_of(o.recurrence_id),
                    })).collect::<Vec<_>>()),
                            Err(v) => rejected(&v),
                        };
                    book["occurrences"] =
                        json!(report.registrations().iter().map(|e| e.occurrence.map(wall)).collect::<Vec<_>>());
                    json!({ "outcomes": outcomes, "book": book })
                }
                Err(e) => error(&e),
            }
        }
        "registration.anonymize" => {
            let records: Vec<Registration> = serde_json::from_value(input["records"].clone()).unwrap();
            match kix_core::registration::anonymize(&records, s("salt").as_bytes()) {
                Ok(out) => json!({ "records": out }),
                Err(e) => error(&e),
            }
        }
        "messages.render" => {
            let records: Vec<Registration> = serde_json::from_value(input["records"].clone()).unwrap();
            let outcomes = kix_core::validate_batch(hub, webinar(), &records, &[], None).unwrap();
            let locale = s("locale");
            let plain = input["plain"].as_bool().unwrap();
            json!({ "messages": outcomes.iter().flat_map(|o| &o.violations).map(|v| {
                let m = if plain { v.message_in_plain(&locale) } else { v.message_in(&locale) };
                json!({ "code": v.code.as_str(), "text": m.text, "locale": m.locale, "fell_back": m.fell_back })
            }).collect::<Vec<_>>() })
        }
        "training.workflow" => run_training(input),
        "catalogue.query" => {
            let q = (|| {
                let mut q = ProductQuery::default();
                let opt = |k: &str| input[k].as_str().map(str::to_owned);
                q.country = opt("country").map(|c| kix_core::resolve_country(&c)).transpose()?;
                q.sub_region = opt("sub_region");
                q.partner = opt("partner");
                q.kind = opt("kind").map(|k| k.parse()).transpose()?;
                q.language = opt("language");
                q.from = opt("from").map(|_| date(input, "from")).transpose()?;
                q.to = opt("to").map(|_| date(input, "to")).transpose()?;
                Ok::<_, Error>(q)
            })();
            match q {
                Ok(q) => json!({ "products": hub.products(&q).iter().map(|p| json!({
                    "id": p.id, "kind": p.kind, "title": p.title, "published_on": p.published_on,
                    "countries": p.countries, "languages": p.languages, "link": p.link, "event": p.event,
                })).collect::<Vec<_>>() }),
                Err(e) => error(&e),
            }
        }
        "catalogue.counts" => match s("by").parse::<CountBy>() {
            Ok(by) => json!({ "counts": hub.product_counts(by) }),
            Err(e) => error(&e),
        },
        "grants.totals" => {
            let mut hub = hub.clone();
            hub.grants = serde_json::from_value(input["grants"].clone()).unwrap();
            serde_json::to_value(hub.grant_totals()).unwrap()
        }
        "book.run" => match event_with(&input["event"]) {
            Ok(event) => run_book(&event, input["steps"].as_array().unwrap()),
            Err(e) => error(&e),
        },
        "listing.write" => {
            let written = event_with(&input["event"]).and_then(|e| {
                let countries = input["countries"]
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .map(|c| kix_core::resolve_country(c.as_str().unwrap()))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .transpose()?;
                let bidi = if input["plain"].as_bool().unwrap() {
                    kix_core::messages::Bidi::Plain
                } else {
                    kix_core::messages::Bidi::Isolate
                };
                hub.listing(&e, &s("locale"), countries.as_deref(), bidi)
            });
            written.map_or_else(|e| error(&e), |w| serde_json::to_value(w).unwrap())
        }
        "format.local" => {
            let at: DateTime<Utc> = s("instant").parse().unwrap();
            match kix_core::zone::zone_named(&s("zone")) {
                Ok(tz) => json!({ "text": kix_core::format::local_text(at, tz, &s("locale")) }),
                Err(v) => rejected(&v),
            }
        }
        "local_times.localized" => {
            let table =
                event_with(&input["event"]).and_then(|e| kix_core::local_times(hub, &e, WorkingHours::default()));
            match table {
                Ok(t) => json!({ "rows": t.rows.iter().map(|r| {
                    let l = r.localized(&s("locale"));
                    json!({ "zone": r.zone.name(), "country_name": l.country_name, "local_start": l.local_start,
                            "local_end": l.local_end, "utc_offset": l.utc_offset })
                }).collect::<Vec<_>>() }),
                Err(e) => error(&e),
            }
        }
        "event.series" => match event_with(&input["event"]) {
            Ok(e) => match e.occurrences() {
                Ok(list) => json!({
                    "occurrences": list.iter().map(occurrence_record).collect::<Vec<_>>(),
                    "calendar_check": violations(&kix_core::calendar::check(&e, None)),
                }),
                Err(v) => rejected(&v),
            },
            Err(e) => error(&e),
        },
        "event.occurrences_between" => match event_with(&input["event"]) {
            Ok(e) => {
                let (from, to): (DateTime<Utc>, DateTime<Utc>) = (s("from").parse().unwrap(), s("to").parse().unwrap());
                match e.occurrences_between(from, to) {
                    Ok(list) => json!({ "occurrences": list.iter().map(occurrence_record).collect::<Vec<_>>() }),
                    Err(v) => rejected(&v),
                }
            }
            Err(e) => error(&e),
        },
        "event.series_edit" => match event_with(&input["event"]) {
            Ok(mut e) => {
                let cancel = match e.cancel_occurrence(s("cancel").parse().unwrap()) {
                    Ok(()) => json!({ "ok": true }),
                    Err(err) => error(&err),
                };
                let mv = &input["move"];
                let moved = e.move_occurrence(
                    mv[0].as_str().unwrap().parse().unwrap(),
                    mv[1].as_str().unwrap().parse().unwrap(),
                    None,
                );
                let moved = moved.map_or_else(|err| error(&err), |()| json!({ "ok": true }));
                let tables = kix_core::schedule::occurrence_local_times(hub, &e, WorkingHours::default());
                json!({
                    "cancel": cancel,
                    "move": moved,
                    "sequence": e.sequence,
                    "occurrences": e.occurrences().map_or_else(|v| rejected(&v), |list| json!(list.iter().map(occurrence_record).collect::<Vec<_>>())),
                    // Per table its instants, its size and one row (Kathmandu's, when the event is for Nepal).
                    "tables": tables.map_or_else(|err| error(&err), |ts| json!(ts.iter().map(|t| json!({
                        "start_utc": z(t.start_utc), "end_utc": z(t.end_utc), "rows": t.rows.len(),
                        "kathmandu": t.rows.iter().find(|r| r.zone == chrono_tz::Asia::Kathmandu).map(local_time_row),
                    })).collect::<Vec<_>>())),
                })
            }
            Err(e) => error(&e),
        },
        "event.reschedule" => match event_with(&input["event"]) {
            Ok(before) => {
                let mut e = before.clone();
                let end = input["end"].as_str().map(|t| t.parse().unwrap());
                match e.reschedule(s("start").parse().unwrap(), end) {
                    Ok(()) => match (e.start_utc(), e.end_utc()) {
                        (Ok(start), Ok(end)) => json!({
                            "start_utc": z(start), "end_utc": z(end), "sequence": e.sequence,
                            "check": codes(&kix_core::calendar::check(&e, Some(&before))),
                        }),
                        (Err(v), _) | (_, Err(v)) => rejected(&v),
                    },
                    Err(err) => error(&err),
                }
            }
            Err(e) => error(&e),
        },
        "hub.calendar" => {
            let mut h = hub.clone();
            h.events = input["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| serde_json::from_value(e.clone()).unwrap())
                .collect();
            let filter = match (input["country"].as_str(), input["series"].as_str()) {
                (Some(c), _) => kix_core::resolve_country(c).map(kix_core::calendar::CalendarFilter::Country),
                (None, Some(name)) => Ok(kix_core::calendar::CalendarFilter::Series(name.to_owned())),
                (None, None) => Ok(kix_core::calendar::CalendarFilter::All),
            };
            match filter {
                Ok(f) => h.calendar(&f).map_or_else(|e| error(&e), |ics| json!({ "ics": without_stamp(&ics) })),
                Err(v) => rejected(&v),
            }
        }
        "book.invitations" => match event_with(&input["event"]) {
            Ok(event) => {
                let now: DateTime<Utc> = s("now").parse().unwrap();
                let mut book = RegistrationBook::new(&event);
                let records = input["records"].as_array().unwrap();
                for r in records {
                    let record: Registration = serde_json::from_value(r.clone()).unwrap();
                    let _ = book.submit(hub, &event, &record, now);
                }
                for id in input["cancel"].as_array().unwrap() {
                    let _ = book.cancel(&event, id.as_str().unwrap(), Actor::Registrant, None, now);
                }
                let all = kix_core::calendar::invitations(hub, &event, &book, now);
                json!({
                    "invitations": all.map_or_else(|e| error(&e), |list| json!(list.iter().map(|i| json!({
                        "registration_id": i.registration_id, "method": i.method, "ics": without_stamp(&i.ics),
                    })).collect::<Vec<_>>())),
                    "single": (1..=records.len() + 1).map(|i| {
                        let id = format!("r-{i:06}");
                        kix_core::calendar::invitation(hub, &event, &book, &id, now)
                            .map_or_else(|e| error(&e), |ics| json!({ "ics": without_stamp(&ics) }))
                    }).collect::<Vec<_>>(),
                })
            }
            Err(e) => error(&e),
        },
        "exports.read" => run_export(input),
        "attendance.reconcile" => run_attendance(input),
        "about" => json!({
            "tzdata": kix_core::tzdata_version(),
            "version": env!("CARGO_PKG_VERSION"),
            "codes": Code::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        }),
        other => panic!("unknown op {other}"),
    }
}

pub(super) fn export_zone(input: &Value) -> Result<Option<chrono_tz::Tz>, Error> {
    input["zone"].as_str().map(|z| Ok(kix_core::zone::zone_named(z)?)).transpose()
}

/// A registration export read, then validated for webinar 20 as the analysts' job does.
/// How a case reads its export: format, zone, column mapping and answers.
pub(super) type ReadOptions =
    (kix_core::exports::ExportFormat, Option<chrono_tz::Tz>, Vec<(String, String)>, kix_core::exports::Answers);

pub(super) fn read_options(input: &Value) -> Result<ReadOptions, Error> {
    let format: kix_core::exports::ExportFormat = input["format"].as_str().unwrap().parse()?;
    let columns: Vec<(String, String)> = input["columns"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())).collect())
        .unwrap_or_default();
    let mut answers = kix_core::exports::Answers::default();
    for (text, value) in input["answers"].as_object().into_iter().flatten() {
        answers = match value {
            Value::Bool(b) => answers.consent(text, *b),
            v => answers.label(text, v.as_str().unwrap()),
        };
    }
    Ok((format, export_zone(input)?, columns, answers))
}

pub(super) fn read_and_validate(
    input: &Value,
) -> Result<(Vec<kix_core::exports::ReadRegistration>, Vec<kix_core::RegistrationOutcome>), Error> {
    let (format, zone, columns, answers) = read_options(input)?;
    let text = input["text"].as_str().unwrap();
    let read = kix_core::exports::read_registrations(text.as_bytes(), format, zone, &columns, &answers)?;
    let records: Vec<Registration> = read.iter().map(|r| r.registration.clone()).collect();
    let found: Vec<Vec<Violation>> = read.iter().map(|r| r.found.clone()).collect();
    let outcomes =
        kix_core::registration::validate_batch_read(kix_core::emap(), webinar(), &records, &found, &[], None)?;
    Ok((read, outcomes))
}

pub(super) fn outcome_record(o: &kix_core::RegistrationOutcome) -> Value {
    json!({
        "status": o.status.as_str(),
        "violations": violations(&o.violations),
        "country": o.country.map(|c| c.to_string()),
        "subdivision": o.subdivision,
        "email": o.email,
    })
}

pub(super) fn run_export(input: &Value) -> Value {
    match read_and_validate(input) {
        Ok((read, outcomes)) => json!({
            "rows": read.iter().map(|r| json!({
                "row": r.row, "full_name": r.registration.full_name, "email": r.registration.email,
                "country": r.registration.country, "audience": r.registration.audience,
                "language": r.registration.language,
            })).collect::<Vec<_>>(),
            "outcomes": outcomes_record(&outcomes),
        }),
        Err(e) => error(&e),
    }
}

/// Registrations and an attendee report reconciled (one row per person), in
/// one call of the core; the faces may take the same steps one by one.
pub(super) fn run_attendance(input: &Value) -> Value {
    let result = (|| {
        let (format, zone, columns, answers) = read_options(input)?;
        let r = kix_core::exports::reconcile(
            kix_core::emap(),
            webinar(),
            input["text"].as_str().unwrap().as_bytes(),
            input["participants"].as_str().unwrap().as_bytes(),
            format,
            zone,
            &columns,
            &answers,
        )?;
        let read = &r.read;
        Ok::<_, Error>(json!({
            "rows": r.attendance.rows.iter().map(|a| json!({
                "name": a.name, "email": a.email, "status": a.status.as_str(),
                "registration": a.registration.map(|i| read[i].row),
                "registration_status": a.registration_status.map(|s| s.as_str()),
                "country": a.country.map(|c| c.to_string()), "sub_region": a.sub_region,
                "first_join": a.first_join.map(z), "last_leave": a.last_leave.map(z),
                "minutes": a.minutes, "joins": a.joins,
            })).collect::<Vec<_>>(),
            "counts": r.attendance.counts.iter().map(|c| json!({
                "country": c.country.map(|c| c.to_string()), "sub_region": c.sub_region,
                "attended": c.attended, "no_show": c.no_show, "walk_in": c.walk_in,
            })).collect::<Vec<_>>(),
        }))
    })();
    result.unwrap_or_else(|e| error(&e))
}

/// Nominations and their steps on a copy of the embedded hub; then every
/// cycle's summary, its ledger and each nominee's status.
pub(super) fn run_training(input: &Value) -> Value {
    let mut hub = kix_core::emap().clone();
    let cycle = input["cycle"].as_str().unwrap();
    let mut results = Vec::new();
    for step in input["steps"].as_array().unwrap() {
        let result = match step["op"].as_str().unwrap() {
            "nominate" => {
                let n = &step["nomination"];
                let on = n["nominated_on"].as_str().unwrap().parse().unwrap();
                kix_core::resolve_country(n["country"].as_str().unwrap()).map_err(Error::from).and_then(|code| {
                    hub.nominate(
                        cycle,
                        Nomination::new(n["full_name"].as_str().unwrap(), n["email"].as_str().unwrap(), code, on),
                    )
                    .map(|i| json!(i))
                })
            }
            _ => {
                let st: NominationStep = serde_json::from_value(step["step"].clone()).unwrap();
                hub.advance(cycle, step["index"].as_u64().unwrap() as usize, st).map(|()| json!(null))
            }
        };
        results.push(result.map_or_else(|e| error(&e), |v| json!({ "ok": v })));
    }
    let ledger = hub.require_training_cycle(cycle).map(|c| c.ledger(&hub));
    let statuses: Vec<Value> = input["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let email = e.as_str().unwrap();
            hub.require_training_cycle(cycle)
                .map_or_else(|e| error(&e), |c| json!(c.nomination_of(email).map(|n| n.status.as_str())))
        })
        .collect();
    json!({
        "results": results,
        "ledger": ledger.map_or_else(|e| error(&e), |l| serde_json::to_value(&l.rows).unwrap()),
        "statuses": statuses,
        "cycles": hub.training.cycles.iter().map(|c| json!({
            "id": c.id, "name": c.name, "start": c.start, "endorsement_date": c.endorsement_date,
            "nominations": c.nominations.len(),
        })).collect::<Vec<_>>(),
    })
}

pub(super) fn outcomes_record(outcomes: &[kix_core::RegistrationOutcome]) -> Vec<Value> {
    outcomes.iter().map(outcome_record).collect()
}

/// A registration book's operations in order, each step's result, then the book.
pub(super) fn run_book(event: &Event, steps: &[Value]) -> Value {
    run_book_with(event, steps).0
}

/// The book's steps run, as canonical JSON, and the book they left.
pub(super) fn run_book_with(event: &Event, steps: &[Value]) -> (Value, RegistrationBook) {
    let hub = kix_core::emap();
    let mut book = RegistrationBook::new(event);
    let mut results = Vec::new();
    for step in steps {
        let args = &step["args"];
        let now: DateTime<Utc> = step["now"].as_str().unwrap().parse().unwrap();
        let id = args["id"].as_str().unwrap_or_default();
        let reason = args["reason"].as_str();
        let applied = match step["op"].as_str().unwrap() {
            "submit" => {
                let record: Registration = serde_json::from_value(args["record"].clone()).unwrap();
                results.push(match book.submit(hub, event, &record, now) {
                    Ok(s) => json!({
                        "id": s.id, "status": s.status.map(|st| st.as_str()), "violations": violations(&s.violations),
                        "duplicate": s.is_duplicate(),
                    }),
                    Err(e) => error(&e),
                });
                continue;
            }
            "approve" => book.approve(event, id, args["force"].as_bool().unwrap_or(false), now),
            "deny" => book.deny(event, id, reason.unwrap_or_default(), now),
            "cancel" => {
                let actor: Actor = args["actor"].as_str().unwrap().parse().unwrap();
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
        results.push(match applied {
            Ok(a) => json!({
                "changes": a.changes.iter().map(|c| json!({
                    "id": c.registration_id, "from": c.entry.from.map(|s| s.as_str()), "to": c.entry.to.as_str(),
                    "action": c.entry.action,
                })).collect::<Vec<_>>(),
                "warnings": codes(&a.warnings),
            }),
            Err(e) => error(&e),
        });
    }
    let again = RegistrationBook::from_json(&book.to_json()).map(|b| b == book);
    let report = json!({
        "results": results,
        "entries": book.registrations().iter().map(|e| json!({
            "id": e.id, "status": e.status.as_str(), "email": e.email,
            "offer_expires_at": e.offer_expires_at.map(z),
            "history": e.history.iter().map(|h| json!({
                "at": z(h.at), "action": h.action, "to": h.to.as_str(), "actor": h.actor,
                "reason": h.reason,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "ledger": book.ledger(),
        "reminders": book.reminders(hub, event).map_or_else(|e| vec![error(&e)], |rs| rs.iter().map(|r| json!({
            "registration_id": r.registration_id, "minutes_before": r.minutes_before, "send_at": z(r.send_at),
            "zone": r.zone.as_str(), "event_start_local": r.event_start_local.to_rfc3339(),
        })).collect()),
        "round_trip": again.unwrap_or(false),
    });
    (report, book)
}
