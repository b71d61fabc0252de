//! The calendar corpus: `.ics` files kix writes for hard cases, which the test
//! suite reads with independent parsers (Python `icalendar` and
//! `recurring-ical-events`, Mozilla's ical.js, libical) and compares with the
//! instants Python's `zoneinfo` gives.
//!
//! `cargo run -p xtask -- ics-corpus DIR` writes `DIR/*.ics` and
//! `DIR/manifest.json`. The manifest holds each file's *inputs* — the events as
//! kix reads them (wall times, zones, durations, rules), the registrant's status
//! for an invitation — never kix's own instants: the test derives the expected
//! instants from the inputs with zoneinfo.
//!
//! The cases: series across every DST change of every member zone with DST
//! (Europe/Tirane, Europe/Chisinau) and of Geneva, starts in folds and gaps,
//! an occurrence during which the clocks change, the 45- and 30-minute zones
//! (Asia/Kathmandu, Asia/Kabul, Asia/Yangon), long Cyrillic and Arabic text,
//! names that need RFC 6868, cancelled occurrences, moved ones, cancelled
//! events and series, feeds of 100 events (all, a country's, a series'), and
//! invitations and cancellations for registrants; monthly series (nth weekdays,
//! the 31st, the last day, the last working day, a fifth Thursday), extra dates
//! and series with no end in Zurich, Chisinau, Almaty, Kathmandu, Lord Howe and
//! Apia, and their feed; invitations to one session of a series, each also
//! written as an instance of the series (`"alternative": "recurrence-id"`) for
//! the comparison of the two forms.

// A generator over known-good data: a failure is a bug to see at once, so it stops with the panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use kix_core::calendar::{CalendarFilter, feed, invitation, to_ics};
use kix_core::{
    Actor, BookStatus, ByDay, Event, EventStatus, Frequency, Hub, Location, MovedOccurrence, Party, Recurrence,
    Registration, RegistrationBook, Weekday, ZoneId,
};
use serde_json::{Value, json};

const CYRILLIC: &str = "Цикл обучения национальных экспертов: оценка качества образования, «инклюзия» и цифровые \
    инструменты; модуль №3 — практикум по анализу данных (Кишинёв, Бишкек, Душанбе). Ёлки-палки, щука, съезд, ъ.";
const ARABIC: &str = "ندوة عبر الإنترنت حول توسيع نطاق الابتكارات في التعليم: الإنصاف، والبحث، ودور الداعمين؛ \
    الجلسة الثالثة مع ترجمة فورية إلى العربية والروسية (جنيف، الخرطوم، صنعاء).";

fn at(text: &str) -> NaiveDateTime {
    text.parse().unwrap()
}

struct Corpus<'a> {
    dir: &'a Path,
    hub: Hub,
    manifest: Vec<Value>,
    stamp: chrono::DateTime<Utc>,
}

impl Corpus<'_> {
    fn put(&mut self, file: &str, kind: &str, ics: &str, events: &[&Event], extra: Value) {
        std::fs::write(self.dir.join(file), ics).unwrap();
        let mut entry = json!({
            "file": file,
            "kind": kind,
            "hub_id": self.hub.id,
            "events": events,
        });
        if let (Value::Object(entry), Value::Object(extra)) = (&mut entry, extra) {
            entry.extend(extra);
        }
        self.manifest.push(entry);
    }

    fn event(&mut self, file: &str, event: &Event) {
        let ics = to_ics(&self.hub, event, self.stamp).unwrap();
        self.put(file, "event", &ics, &[event], json!({}));
    }
}

/// Webinar 20 as a template, moved to a zone and a time.
fn base(id: &str, zone: &str, start: &str, end: Option<&str>, minutes: Option<u32>) -> Event {
    let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    e.id = id.into();
    (e.series, e.number) = (None, None);
    e.title = format!("Session {id}");
    e.zone = ZoneId::from(zone);
    e.start = at(start);
    e.end = end.map(at);
    e.duration_minutes = minutes;
    e.agenda.clear();
    e.location =
        Location::Online { platform: Some("Zoom".into()), url: Some(format!("https://zoom.example/j/{id}?pwd=a,b;c")) };
    e
}

fn weekly(count: Option<u32>, until: Option<&str>) -> Recurrence {
    Recurrence { count, until: until.map(|d| d.parse().unwrap()), ..Recurrence::new(Frequency::Weekly) }
}

fn organised(mut e: Event, name: &str, email: &str) -> Event {
    e.organisers = vec![Party { name: name.into(), email: Some(email.into()), ..Party::default() }];
    e
}

pub(crate) fn write(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let mut c = Corpus {
        dir,
        hub: kix_core::emap().clone(),
        manifest: Vec::new(),
        stamp: Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap(),
    };
    let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    c.event("webinar-20.ics", &w20);

    // Single events: durations across a change, starts in a fold and a gap, odd offsets.
    c.event(
        "chisinau-spring-forward-120.ics",
        &base("md-spring", "Europe/Chisinau", "2025-03-30T01:00:00", None, Some(120)),
    );
    c.event("chisinau-fall-back-120.ics", &base("md-fall", "Europe/Chisinau", "2025-10-26T01:30:00", None, Some(120)));
    c.event(
        "zurich-start-in-fold.ics",
        &base("ch-fold", "Europe/Zurich", "2025-10-26T02:15:00", Some("2025-10-26T03:30:00"), None),
    );
    c.event("tirane-start-in-gap.ics", &base("al-gap", "Europe/Tirane", "2025-03-30T02:30:00", None, Some(60)));
    c.event(
        "tirane-end-in-fold.ics",
        &base("al-end-fold", "Europe/Tirane", "2025-10-26T01:00:00", Some("2025-10-26T02:30:00"), None),
    );
    c.event(
        "kathmandu-morning.ics",
        &base("np", "Asia/Kathmandu", "2025-01-15T10:00:00", Some("2025-01-15T11:15:00"), None),
    );
    c.event("kabul-evening.ics", &base("af", "Asia/Kabul", "2025-06-01T19:30:00", None, Some(45)));
    c.event("yangon-midnight.ics", &base("mm", "Asia/Yangon", "2025-12-31T23:30:00", None, Some(60)));

    // Text: long Cyrillic and Arabic, every character TEXT and parameters must escape.
    let mut text = organised(
        base("text", "Asia/Bishkek", "2025-05-20T15:00:00", None, Some(90)),
        "\"Pro Didactica\" ^n Centre: Chișinău; MD, «Про Дидактика»",
        "info@prodidactica.example",
    );
    text.title = format!("{CYRILLIC} {ARABIC}");
    text.description = Some(format!("{CYRILLIC}\r\n\r\n{ARABIC}\nBack\\slash, semi;colon, caret ^ and a line\rbreak."));
    c.event("cyrillic-arabic-text.ics", &text);
    let mut cancelled = organised(
        base("cancelled", "Europe/Zurich", "2025-12-09T06:00:00", None, Some(120)),
        "NORRAG",
        "events@norrag.example",
    );
    cancelled.status = EventStatus::Cancelled;
    cancelled.sequence = 3;
    c.event("cancelled-event.ics", &cancelled);

    // Series: a learning cycle across each change in each zone with DST.
    for (zone, code) in [("Europe/Zurich", "ch"), ("Europe/Tirane", "al"), ("Europe/Chisinau", "md")] {
        let mut autumn =
            base(&format!("{code}-autumn"), zone, "2025-10-07T10:00:00", Some("2025-10-07T11:30:00"), None);
        autumn.recurrence = Some(weekly(Some(7), None));
        c.event(&format!("{code}-weekly-autumn.ics"), &autumn);
        let mut spring = base(&format!("{code}-spring"), zone, "2025-03-04T16:00:00", None, Some(60));
        spring.recurrence = Some(Recurrence {
            by_day: vec![Weekday::Tuesday.into(), Weekday::Thursday.into()],
            ..weekly(None, Some("2025-04-10"))
        });
        c.event(&format!("{code}-twice-weekly-spring.ics"), &spring);
        // Sunday nights: 02:30 is skipped in March and repeated in October; a 120-minute
        // session from 01:00 spans the change itself.
        let mut night = base(&format!("{code}-night"), zone, "2025-03-16T02:30:00", None, Some(45));
        night.recurrence = Some(weekly(None, Some("2025-11-02")));
        c.event(&format!("{code}-sunday-night-gap-and-fold.ics"), &night);
        let mut spanning = base(&format!("{code}-span"), zone, "2025-03-23T01:00:00", None, Some(120));
        spanning.recurrence = Some(weekly(Some(3), None));
        c.event(&format!("{code}-session-across-the-change.ics"), &spanning);
        // A year of fortnightly Monday sessions: every change of 2025 and 2026's spring.
        let mut year = base(&format!("{code}-year"), zone, "2025-01-13T09:00:00", Some("2025-01-13T10:00:00"), None);
        year.recurrence = Some(Recurrence { interval: 2, ..weekly(Some(30), None) });
        c.event(&format!("{code}-fortnightly-year.ics"), &year);
    }
    // Half- and three-quarter-hour zones.
    let mut np = base("np-daily", "Asia/Kathmandu", "2025-02-01T07:45:00", None, Some(30));
    np.recurrence = Some(Recurrence { interval: 2, count: Some(10), ..Recurrence::new(Frequency::Daily) });
    c.event("kathmandu-every-other-day.ics", &np);
    let mut af = base("af-weekly", "Asia/Kabul", "2025-03-01T08:30:00", None, Some(90));
    af.recurrence = Some(Recurrence {
        interval: 3,
        by_day: vec![Weekday::Saturday.into(), Weekday::Sunday.into(), Weekday::Wednesday.into()],
        ..weekly(Some(12), None)
    });
    c.event("kabul-every-third-week.ics", &af);
    let mut mm = base("mm-weekly", "Asia/Yangon", "2025-12-24T22:00:00", None, Some(150));
    mm.recurrence = Some(weekly(Some(3), None));
    c.event("yangon-across-new-year.ics", &mm);
    // Cancelled and moved sessions, one with a length of its own, in Geneva across the change.
    let mut cycle = organised(
        base("cycle", "Europe/Zurich", "2025-10-14T10:00:00", Some("2025-10-14T12:00:00"), None),
        "NORRAG",
        "events@norrag.example",
    );
    cycle.title = format!("Learning cycle 3 — {CYRILLIC}");
    cycle.recurrence = Some(weekly(Some(7), None));
    cycle.cancel_occurrence(at("2025-10-21T10:00:00")).unwrap();
    cycle.cancel_occurrence(at("2025-11-25T10:00:00")).unwrap();
    cycle.move_occurrence(at("2025-10-28T10:00:00"), at("2025-10-29T14:00:00"), None).unwrap();
    cycle
        .move_occurrence(at("2025-11-04T10:00:00"), at("2025-11-04T08:00:00"), Some(at("2025-11-04T08:45:00")))
        .unwrap();
    if let Some(rule) = cycle.recurrence.as_mut() {
        rule.moved.push(MovedOccurrence {
            occurrence: at("2025-11-11T10:00:00"),
            start: at("2025-11-12T09:00:00"),
            end: None,
            duration_minutes: Some(200),
        });
    }
    c.event("geneva-cycle-cancelled-and-moved.ics", &cycle);
    let mut cancelled_series = cycle.clone();
    cancelled_series.id = "cycle-cancelled".into();
    cancelled_series.status = EventStatus::Cancelled;
    cancelled_series.sequence += 1;
    c.event("geneva-cycle-cancelled.ics", &cancelled_series);

    // Invitations and cancellations for registrants of the Geneva cycle.
    let mut invited = cycle.clone();
    invited.registration.capacity = Some(2);
    invited.registration.waiting_list = true;
    invited.registration.approval = kix_core::Approval::Automatic;
    let mut book = RegistrationBook::new(&invited);
    let people = [
        ("Айгерим \"Ая\" Бекова", "aigerim@example.kg", "KG"),
        ("فاطمة، الزهراء", "fatima@example.sd", "SD"),
        ("Ana ^Rusu", "ana@example.md", "MD"),
    ];
    let mut ids = Vec::new();
    for (i, (name, email, country)) in people.iter().enumerate() {
        let r = Registration {
            full_name: Some((*name).into()),
            email: Some((*email).into()),
            country: Some((*country).into()),
            audience: Some("teacher".into()),
            ..Default::default()
        };
        let when = Utc.with_ymd_and_hms(2025, 9, 1, 8, u32::try_from(i).unwrap(), 0).unwrap();
        ids.push(book.submit(&c.hub, &invited, &r, when).unwrap().id.unwrap());
    }
    // The first cancels: the third, waiting, is offered the seat.
    book.cancel(&invited, &ids[0], Actor::Registrant, None, Utc.with_ymd_and_hms(2025, 9, 2, 8, 0, 0).unwrap())
        .unwrap();
    for (id, (name, email, _)) in ids.iter().zip(people) {
        let entry = book.get(id).unwrap();
        let ics = invitation(&c.hub, &invited, &book, id, c.stamp).unwrap();
        let status: BookStatus = entry.status;
        let file = format!("invitation-{id}.ics");
        let extra = json!({"attendee": {"name": name, "email": email, "status": status.as_str()}});
        c.put(&file, "invitation", &ics, &[&invited], extra);
    }

    rhythms(&mut c, &cycle);

    // Feeds: 100 events over every member zone and Geneva, 2024 to 2027, a fifth of them series.
    let zones: Vec<String> = {
        let mut z: Vec<String> =
            c.hub.countries.iter().flat_map(|country| country.time_zones.iter().map(ToString::to_string)).collect();
        z.push("Europe/Zurich".into());
        z
    };
    let mut hub = c.hub.clone();
    hub.events.clear();
    let first_day = NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
    for i in 0..100_i64 {
        let zone = &zones[usize::try_from(i).unwrap() % zones.len()];
        let day = first_day + Duration::days(i * 13);
        // Hours across the day, nights included, so that some land on changes of the clocks.
        let hour = u32::try_from((i * 5) % 24).unwrap();
        let start = day.and_hms_opt(hour, if i % 3 == 0 { 30 } else { 0 }, 0).unwrap();
        let mut e = base(
            &format!("feed-{i:03}"),
            zone,
            &start.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None,
            Some(30 + u32::try_from(i % 4).unwrap() * 30),
        );
        e.countries = Some(vec![c.hub.countries[usize::try_from(i).unwrap() % c.hub.countries.len()].code]);
        if i % 5 == 0 {
            e.recurrence = Some(weekly(Some(5), None));
        }
        if i % 10 == 0 {
            e.series = Some("KIX EMAP Webinar".into());
            e.number = Some(u32::try_from(100 + i).unwrap());
        }
        if i % 17 == 0 {
            e.status = EventStatus::Cancelled;
        }
        if i % 7 == 0 {
            e.title = if i % 2 == 0 { format!("{i}: {CYRILLIC}") } else { format!("{i}: {ARABIC}") };
        }
        hub.events.push(e);
    }
    // Plus the spring-forward and fold single events of the same zones.
    for e in c
        .manifest
        .iter()
        .filter(|m| m["kind"] == "event")
        .take(5)
        .flat_map(|m| m["events"].as_array().cloned().unwrap_or_default())
    {
        hub.events.push(serde_json::from_value(e).unwrap());
    }
    for (file, filter) in [
        ("feed-all.ics", CalendarFilter::All),
        ("feed-moldova.ics", CalendarFilter::Country("MD".parse().unwrap())),
        ("feed-webinar-series.ics", CalendarFilter::Series("KIX EMAP Webinar".into())),
    ] {
        let events = filter.events(&hub).unwrap();
        let ics = feed(&hub, &filter, c.stamp).unwrap();
        let hub_id = hub.id.clone();
        std::fs::write(c.dir.join(file), &ics).unwrap();
        c.manifest.push(json!({"file": file, "kind": "feed", "hub_id": hub_id, "events": events}));
    }

    std::fs::write(dir.join("manifest.json"), serde_json::to_string_pretty(&c.manifest).unwrap()).unwrap();
    println!("wrote {} calendar files to {}", c.manifest.len(), dir.display());
}

fn monthly(count: Option<u32>, edit: impl FnOnce(&mut Recurrence)) -> Recurrence {
    let mut r = Recurrence { count, ..Recurrence::new(Frequency::Monthly) };
    edit(&mut r);
    r
}

/// The hub's real rhythms (issue 32): monthly series (nth weekdays, days of the month that some
/// months lack, the last working day), extra dates, series with no end, in the zones whose clocks
/// do unusual things, their feed, and invitations for one session of a series.
fn rhythms(c: &mut Corpus<'_>, cycle: &Event) {
    let mut events = Vec::new();
    let mut add = |c: &mut Corpus<'_>, file: &str, e: Event| {
        let problems = e.check(&c.hub);
        assert!(problems.is_empty(), "{file}: {problems:?}");
        c.event(file, &e);
        events.push(e);
    };
    // The last Thursday of each month in Geneva, through both changes of two years.
    let mut e = base("ch-last-thursday", "Europe/Zurich", "2025-01-30T18:00:00", None, Some(60));
    e.recurrence = Some(monthly(Some(24), |r| r.by_day = vec![ByDay::nth(-1, Weekday::Thursday)]));
    add(c, "zurich-monthly-last-thursday.ics", e);
    // The last working day of the month (Monday to Friday, the last of the set).
    let mut e = base("ch-last-working-day", "Europe/Zurich", "2025-01-31T16:00:00", None, Some(90));
    e.recurrence = Some(monthly(Some(14), |r| {
        r.by_day = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday]
            .map(ByDay::from)
            .to_vec();
        r.by_set_pos = vec![-1];
    }));
    add(c, "zurich-last-working-day.ics", e);
    // The first and third Tuesday in Chisinau, early morning, the clocks changing at 03:00 and 04:00.
    let mut e = base("md-first-third-tuesday", "Europe/Chisinau", "2025-01-07T03:30:00", None, Some(90));
    e.recurrence = Some(monthly(None, |r| {
        r.by_day = vec![ByDay::nth(1, Weekday::Tuesday), ByDay::nth(3, Weekday::Tuesday)];
        r.until = "2025-12-31".parse().ok();
    }));
    add(c, "chisinau-first-and-third-tuesday.ics", e);
    // A fifth Thursday every second month: months without one are skipped.
    let mut e = base("md-fifth-thursday", "Europe/Chisinau", "2025-01-30T11:00:00", None, Some(60));
    e.recurrence = Some(monthly(Some(5), |r| {
        r.by_day = vec![ByDay::nth(5, Weekday::Thursday)];
        r.interval = 2;
    }));
    add(c, "chisinau-fifth-thursday-every-second-month.ics", e);
    // Almaty moved from +06 to +05 on 1 March 2024: the 31st of each month across it, and the
    // last day of each month at 22:30, whose session of 29 February ends in the hour repeated then.
    let mut e = base("kz-31st", "Asia/Almaty", "2023-10-31T09:00:00", None, Some(60));
    e.recurrence = Some(monthly(Some(8), |_| {}));
    add(c, "almaty-monthly-31st-across-2024.ics", e);
    let mut e = base("kz-last-day", "Asia/Almaty", "2023-11-30T22:30:00", None, Some(60));
    e.recurrence = Some(monthly(Some(6), |r| r.by_month_day = vec![-1]));
    add(c, "almaty-last-day-into-the-repeated-hour.ics", e);
    // Kathmandu (+05:45): the last Friday, with no planned end, and one extra session.
    let mut e = base("np-last-friday", "Asia/Kathmandu", "2025-01-31T16:15:00", None, Some(45));
    e.recurrence = Some(monthly(None, |r| {
        r.by_day = vec![ByDay::nth(-1, Weekday::Friday)];
        r.extra_dates = vec![at("2025-03-12T16:15:00")];
    }));
    add(c, "kathmandu-last-friday-no-end.ics", e);
    // Lord Howe changes its clocks by half an hour at 02:00, on the first Sunday of April and
    // October: a 90-minute session from 01:00 on the first Sunday spans each change.
    let mut e = base("au-first-sunday", "Australia/Lord_Howe", "2025-01-05T01:00:00", None, Some(90));
    e.recurrence = Some(monthly(Some(13), |r| r.by_day = vec![ByDay::nth(1, Weekday::Sunday)]));
    add(c, "lord-howe-first-sunday-across-half-hour-changes.ics", e);
    // Apia: the 15th of each month across its last summer times (2020-21), with no end after.
    let mut e = base("ws-15th", "Pacific/Apia", "2020-08-15T10:00:00", None, Some(60));
    e.recurrence = Some(monthly(None, |r| r.by_month_day = vec![15]));
    e.registration.horizon_days = 400;
    add(c, "apia-15th-no-end.ics", e);
    // Apia skipped 30 December 2011 (it crossed the date line): the 30th of each month, with
    // that day's session cancelled, since it never happened.
    let mut e = base("ws-30th-2011", "Pacific/Apia", "2011-10-30T09:00:00", None, Some(60));
    e.recurrence = Some(monthly(Some(5), |r| r.exceptions = vec![at("2011-12-30T09:00:00")]));
    add(c, "apia-30th-across-the-skipped-day.ics", e);
    // Extra dates in Geneva: a Saturday session, and a night one during which the clocks go back.
    let mut e = base("ch-extra", "Europe/Zurich", "2025-10-07T10:00:00", None, Some(120));
    e.recurrence = Some(Recurrence {
        extra_dates: vec![at("2025-10-11T10:00:00"), at("2025-10-26T01:30:00")],
        ..weekly(Some(4), None)
    });
    add(c, "zurich-weekly-with-extra-dates.ics", e);
    // A weekly series with no end in Chisinau.
    let mut e = base("md-weekly-no-end", "Europe/Chisinau", "2025-02-04T18:00:00", None, Some(60));
    e.recurrence = Some(weekly(None, None));
    e.registration.horizon_days = 200;
    add(c, "chisinau-weekly-no-end.ics", e);

    // Their feed: the rules without an end stay without one.
    let mut hub = c.hub.clone();
    hub.events = events;
    let ics = feed(&hub, &CalendarFilter::All, c.stamp).unwrap();
    c.put("feed-rhythms.ics", "feed", &ics, &hub.events.iter().collect::<Vec<_>>(), json!({}));

    // Invitations for one session each: a session, a moved one and a cancelled one of the Geneva
    // cycle taken per occurrence. kix writes each under a UID of its own; the same message as an
    // instance of the series (the series' UID and a RECURRENCE-ID) is written beside it, marked
    // "alternative", for the comparison of the two forms (docs/calendar.md).
    let mut per = cycle.clone();
    per.id = "cycle-per-session".into();
    per.registration.per_occurrence = true;
    per.registration.approval = kix_core::Approval::Automatic;
    let mut book = RegistrationBook::new(&per);
    let people = [
        ("Айгерим Бекова", "aigerim@example.kg", "KG", "2025-10-14T10:00:00"),
        ("Ana Rusu", "ana@example.md", "MD", "2025-10-28T10:00:00"),
        ("فاطمة الزهراء", "fatima@example.sd", "SD", "2025-11-18T10:00:00"),
    ];
    let mut ids = Vec::new();
    for (i, (name, email, country, occurrence)) in people.iter().enumerate() {
        let r = Registration {
            full_name: Some((*name).into()),
            email: Some((*email).into()),
            country: Some((*country).into()),
            audience: Some("teacher".into()),
            occurrence: Some(at(occurrence)),
            ..Default::default()
        };
        let when = Utc.with_ymd_and_hms(2025, 9, 1, 8, u32::try_from(i).unwrap(), 0).unwrap();
        ids.push(book.submit(&c.hub, &per, &r, when).unwrap().id.unwrap());
    }
    // The organiser cancels the third person's session after they registered.
    per.cancel_occurrence(at("2025-11-18T10:00:00")).unwrap();
    for (id, (name, email, _, occurrence)) in ids.iter().zip(people) {
        let entry = book.get(id).unwrap();
        let ics = invitation(&c.hub, &per, &book, id, c.stamp).unwrap();
        let status: BookStatus = entry.status;
        let attendee = json!({"name": name, "email": email, "status": status.as_str()});
        let file = format!("session-invitation-{id}.ics");
        c.put(&file, "invitation", &ics, &[&per], json!({"attendee": attendee, "occurrence": occurrence}));
        let own = format!("UID:{}\r\n", kix_core::calendar::session_uid(&c.hub, &per, at(occurrence)));
        assert!(ics.contains(&own), "{ics}");
        let instance = format!(
            "UID:{}@{}.kix\r\nRECURRENCE-ID;TZID={}:{}\r\n",
            per.id,
            c.hub.id,
            per.zone,
            at(occurrence).format("%Y%m%dT%H%M%S")
        );
        let file = format!("session-invitation-{id}-as-instance.ics");
        let extra = json!({"attendee": attendee, "occurrence": occurrence, "alternative": "recurrence-id"});
        c.put(&file, "invitation", &ics.replace(&own, &instance), &[&per], extra);
    }
}
