//! Registrations per occurrence: a learning cycle of three weekly sessions, Tuesdays 10:00 in
//! Geneva (Europe/Zurich) across the end of summer time on 26 October 2025, two seats per
//! session. Each session has its own seats, waiting list, duplicates, registration window,
//! cancellation deadline and reminders; a cancelled session takes nobody.
//!
//! The instants are those of the tz database as Python's zoneinfo gives them:
//! `datetime(2025, 10, 21, 10, tzinfo=ZoneInfo("Europe/Zurich"))` is 08:00 UTC (CEST),
//! the 28 October and 4 November sessions 09:00 UTC (CET).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{DateTime, NaiveDateTime, Utc};
use kix_core::{
    Actor, BookStatus, Code, Event, Frequency, HeldRegistration, Recurrence, Registration, RegistrationBook,
    RegistrationDesk, RegistrationStatus, Severity, validate_batch, validate_registration,
};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn wall(text: &str) -> NaiveDateTime {
    text.parse().unwrap()
}

const S1: &str = "2025-10-21T10:00:00";
const S2: &str = "2025-10-28T10:00:00";
const S3: &str = "2025-11-04T10:00:00";

/// Three weekly sessions, 10:00–11:30 Geneva time, two seats each, registration per session.
fn cycle(waiting_list: bool) -> Event {
    let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    e.id = "learning-cycle-4".into();
    (e.series, e.number) = (None, None);
    e.start = wall(S1);
    e.end = Some(wall("2025-10-21T11:30:00"));
    e.agenda.clear();
    e.recurrence = Some(Recurrence { count: Some(3), ..Recurrence::new(Frequency::Weekly) });
    e.registration.per_occurrence = true;
    e.registration.capacity = Some(2);
    e.registration.waiting_list = waiting_list;
    e
}

fn person(name: &str, session: Option<&str>) -> Registration {
    Registration {
        full_name: Some(name.into()),
        email: Some(format!("{}@example.org", name.to_lowercase())),
        country: Some("Kyrgyzstan".into()),
        audience: Some("teacher".into()),
        submitted_at: Some("2025-10-01T09:00:00+06:00".into()),
        occurrence: session.map(wall),
        ..Default::default()
    }
}

fn codes(o: &kix_core::RegistrationOutcome) -> Vec<Code> {
    o.violations.iter().map(|v| v.code).collect()
}

#[test]
fn the_sessions_keep_their_wall_time_and_change_instant_with_the_clocks() {
    let e = cycle(false);
    assert!(e.check(kix_core::emap()).is_empty(), "{:?}", e.check(kix_core::emap()));
    let starts: Vec<String> = e.occurrences().unwrap().iter().map(|o| o.start_utc.to_rfc3339()).collect();
    assert_eq!(starts, ["2025-10-21T08:00:00+00:00", "2025-10-28T09:00:00+00:00", "2025-11-04T09:00:00+00:00"]);
}

#[test]
fn each_session_has_its_own_two_seats() {
    let e = cycle(false);
    let records = [
        person("Aigerim", Some(S1)),
        person("Bakyt", Some(S1)),
        person("Chynara", Some(S1)),
        person("Dastan", Some(S2)),
    ];
    let o = validate_batch(kix_core::emap(), &e, &records, &[], None).unwrap();
    use RegistrationStatus::*;
    assert_eq!(o.iter().map(|o| o.status).collect::<Vec<_>>(), [Confirmed, Confirmed, Rejected, Confirmed]);
    assert_eq!(codes(&o[2]), [Code::RegistrationFull]);
    assert_eq!(o[2].violations[0].params["occurrence"], S1);
    assert_eq!(o[2].violations[0].params["capacity"], 2);

    // With a waiting list the third person of the first session waits, while the second
    // session still has a seat for them.
    let e = cycle(true);
    let mut records = records.to_vec();
    records.push(person("Chynara", Some(S2)));
    records.push(person("Erlan", Some(S2)));
    let o = validate_batch(kix_core::emap(), &e, &records, &[], None).unwrap();
    assert_eq!(
        o.iter().map(|o| o.status).collect::<Vec<_>>(),
        [Confirmed, Confirmed, Waitlisted, Confirmed, Confirmed, Waitlisted]
    );
    assert!(o.iter().all(|o| o.violations.is_empty()));
}

#[test]
fn one_person_may_take_several_sessions_but_each_once() {
    let e = cycle(false);
    let records = [
        person("Aigerim", Some(S1)),
        person("Aigerim", Some(S2)),
        person("Aigerim", Some(S3)),
        Registration { email: Some(" AIGERIM@Example.ORG".into()), ..person("Aigerim", Some(S2)) },
    ];
    let o = validate_batch(kix_core::emap(), &e, &records, &[], None).unwrap();
    use RegistrationStatus::*;
    assert_eq!(o.iter().map(|o| o.status).collect::<Vec<_>>(), [Confirmed, Confirmed, Confirmed, Rejected]);
    assert_eq!(codes(&o[3]), [Code::RegistrationDuplicate]);
    assert_eq!(o[3].violations[0].params["first_index"], 1);
    assert_eq!(o[3].violations[0].params["occurrence"], S2);

    // Held registrations count for their own session.
    let held = [
        HeldRegistration { email: "aigerim@example.org".into(), status: Confirmed, occurrence: Some(wall(S1)) },
        HeldRegistration { email: "bakyt@example.org".into(), status: Pending, occurrence: Some(wall(S1)) },
    ];
    let desk = RegistrationDesk::new(kix_core::emap(), &e, &held).unwrap();
    assert_eq!((desk.seats_held_for(wall(S1)), desk.seats_held_for(wall(S2))), (Some(2), Some(0)));
    assert_eq!(desk.seats_held_for(wall("2025-10-22T10:00:00")), None);
    let again = validate_registration(kix_core::emap(), &e, &person("Aigerim", Some(S1)), &held, None).unwrap();
    assert_eq!(codes(&again), [Code::RegistrationDuplicate]);
    assert_eq!(again.violations[0].params["held_index"], 0);
    let other = validate_registration(kix_core::emap(), &e, &person("Aigerim", Some(S2)), &held, None).unwrap();
    assert_eq!(other.status, Confirmed);
    let full = validate_registration(kix_core::emap(), &e, &person("Chynara", Some(S1)), &held, None).unwrap();
    assert_eq!(codes(&full), [Code::RegistrationFull]);
}

#[test]
fn a_missing_unknown_or_cancelled_session_is_refused() {
    let mut e = cycle(false);
    e.cancel_occurrence(wall(S3)).unwrap();
    let records = [
        person("Aigerim", None),
        person("Bakyt", Some("2025-10-21T11:00:00")),
        person("Chynara", Some(S3)),
        // The session's instant is not its name: the rule's wall-clock start is.
        person("Dastan", Some("2025-10-21T08:00:00")),
    ];
    let o = validate_batch(kix_core::emap(), &e, &records, &[], None).unwrap();
    assert!(o.iter().all(|o| o.status == RegistrationStatus::Rejected));
    assert_eq!(codes(&o[0]), [Code::RegistrationMissingField]);
    assert_eq!(
        (o[0].violations[0].path.as_str(), &o[0].violations[0].params["field"]),
        ("occurrence", &"occurrence".into())
    );
    assert_eq!(codes(&o[1]), [Code::EventUnknownOccurrence]);
    assert!(!o[1].violations[0].params.contains_key("cancelled"));
    assert_eq!(codes(&o[2]), [Code::EventUnknownOccurrence]);
    assert_eq!(o[2].violations[0].params["cancelled"], true);
    assert_eq!(o[2].violations[0].params["occurrence"], S3);
    assert_eq!(
        o[2].violations[0].message_in("en").text,
        "The occurrence starting at 2025-11-04T10:00:00 was cancelled."
    );
    assert_eq!(codes(&o[3]), [Code::EventUnknownOccurrence]);
    // A rejected record gives its e-mail back: the corrected one passes.
    let fixed =
        validate_batch(kix_core::emap(), &e, &[records[0].clone(), person("Aigerim", Some(S2))], &[], None).unwrap();
    assert_eq!(fixed[1].status, RegistrationStatus::Confirmed);
}

#[test]
fn each_session_closes_at_its_own_start_across_the_change_of_the_clocks() {
    let e = cycle(false);
    let late = |session: &str, submitted: &str| Registration {
        submitted_at: Some(submitted.into()),
        ..person("Aigerim", Some(session))
    };
    let check = |r: &Registration| validate_registration(kix_core::emap(), &e, r, &[], None).unwrap();
    // The first session has started (08:00 UTC): closed; the second is open.
    let o = check(&late(S1, "2025-10-21T08:00:00Z"));
    assert_eq!(codes(&o), [Code::RegistrationClosed]);
    assert_eq!(
        (&o.violations[0].params["closes_at"], &o.violations[0].params["occurrence"]),
        (&"2025-10-21T08:00:00Z".into(), &S1.into())
    );
    assert!(check(&late(S2, "2025-10-21T08:00:00Z")).is_accepted());
    // After the clocks change the second session starts at 09:00 UTC: at 08:30 UTC (09:30 in
    // Geneva) it is still open, at 09:00 UTC it closes.
    assert!(check(&late(S2, "2025-10-28T08:30:00Z")).is_accepted());
    assert_eq!(codes(&check(&late(S2, "2025-10-28T09:00:00Z"))), [Code::RegistrationClosed]);
    // A closing instant of the policy closes every session at that instant.
    let mut e = cycle(false);
    e.registration.closes_at = Some("2025-10-20T12:00:00+02:00".parse().unwrap());
    let o = validate_registration(kix_core::emap(), &e, &late(S3, "2025-10-20T10:00:00Z"), &[], None).unwrap();
    assert_eq!(codes(&o), [Code::RegistrationClosed]);
    assert_eq!(o.violations[0].params["closes_at"], "2025-10-20T10:00:00Z");
}

#[test]
fn an_event_taken_per_series_ignores_a_session_with_a_warning() {
    let mut e = cycle(false);
    e.registration.per_occurrence = false;
    let records = [person("Aigerim", Some(S1)), person("Aigerim", Some(S2)), person("Bakyt", None)];
    let o = validate_batch(kix_core::emap(), &e, &records, &[], None).unwrap();
    assert_eq!(o[0].status, RegistrationStatus::Confirmed);
    assert_eq!(codes(&o[0]), [Code::RegistrationOccurrenceIgnored]);
    assert_eq!(o[0].violations[0].severity, Severity::Warning);
    assert_eq!(o[0].violations[0].params["occurrence"], S1);
    // Per series one person registers once, whichever session they name.
    assert_eq!(codes(&o[1]), [Code::RegistrationDuplicate, Code::RegistrationOccurrenceIgnored]);
    assert!(o[2].violations.is_empty());
    for locale in ["en", "ru", "ar"] {
        assert!(!o[0].violations[0].message_in(locale).fell_back, "{locale}");
    }
}

fn submit(book: &mut RegistrationBook, e: &Event, r: &Registration, now: &str) -> kix_core::Submission {
    book.submit(kix_core::emap(), e, r, at(now)).unwrap()
}

#[test]
fn the_book_keeps_a_waiting_list_per_session() {
    let e = cycle(true);
    let mut book = RegistrationBook::new(&e);
    let a1 = submit(&mut book, &e, &person("Aigerim", Some(S1)), "2025-10-01T08:00:00Z");
    let b1 = submit(&mut book, &e, &person("Bakyt", Some(S1)), "2025-10-01T08:01:00Z");
    let c1 = submit(&mut book, &e, &person("Chynara", Some(S1)), "2025-10-01T08:02:00Z");
    // Chynara waits for the first session; the second still seats newcomers (nobody waits for it).
    let d2 = submit(&mut book, &e, &person("Dastan", Some(S2)), "2025-10-01T08:03:00Z");
    let a2 = submit(&mut book, &e, &person("Aigerim", Some(S2)), "2025-10-01T08:04:00Z");
    use BookStatus::*;
    assert_eq!(
        [&a1, &b1, &c1, &d2, &a2].map(|s| s.status.unwrap()),
        [Confirmed, Confirmed, Waitlisted, Confirmed, Confirmed]
    );
    assert_ne!(a1.id, a2.id, "one registration per person and session");
    assert_eq!(book.get(a2.id.as_deref().unwrap()).unwrap().occurrence, Some(wall(S2)));
    // The same data for the same session is the same registration.
    let again = submit(&mut book, &e, &person("Aigerim", Some(S2)), "2025-10-02T08:00:00Z");
    assert_eq!((again.id, again.changes.len()), (a2.id.clone(), 0));

    let (l1, l2, l3) = (book.ledger_of(wall(S1)), book.ledger_of(wall(S2)), book.ledger_of(wall(S3)));
    assert_eq!((l1.confirmed, l1.waitlisted, l1.free), (2, 1, Some(0)));
    assert_eq!((l2.confirmed, l2.waitlisted, l2.free), (2, 0, Some(0)));
    assert_eq!((l3.confirmed, l3.free), (0, Some(2)));
    let total = book.ledger();
    assert_eq!((total.confirmed, total.waitlisted, total.capacity, total.free), (4, 1, Some(4), Some(0)));

    // Aigerim leaves the first session: its seat goes to Chynara, who waited for it, with an
    // offer that never outlives the session's own close (its start).
    let freed =
        book.cancel(&e, a1.id.as_deref().unwrap(), Actor::Registrant, None, at("2025-10-20T12:00:00Z")).unwrap();
    assert_eq!(freed.changes.len(), 2);
    let c = book.get(c1.id.as_deref().unwrap()).unwrap();
    assert_eq!(c.status, Offered);
    assert_eq!(c.offer_expires_at, Some(at("2025-10-21T08:00:00Z")), "48 hours, cut at the session's start");
    let accepted = book.approve(&e, c1.id.as_deref().unwrap(), false, at("2025-10-20T13:00:00Z")).unwrap();
    assert!(accepted.warnings.is_empty());
    assert_eq!(book.ledger_of(wall(S1)).confirmed, 2);

    // A newcomer of the full second session waits, and an organiser can seat them only by force.
    let f2 = submit(&mut book, &e, &person("Farida", Some(S2)), "2025-10-20T14:00:00Z");
    assert_eq!(f2.status, Some(Waitlisted));
    let refused = book.approve(&e, f2.id.as_deref().unwrap(), false, at("2025-10-20T15:00:00Z")).unwrap_err();
    assert_eq!(refused.violations()[0].code, Code::RegistrationFull);
    assert_eq!(refused.violations()[0].params["occurrence"], S2);
    let forced = book.approve(&e, f2.id.as_deref().unwrap(), true, at("2025-10-20T15:00:00Z")).unwrap();
    assert_eq!(forced.warnings[0].code, Code::RegistrationOverCapacity);
    assert_eq!((&forced.warnings[0].params["held"], &forced.warnings[0].params["occurrence"]), (&3.into(), &S2.into()));

    // Lowering the capacity warns for every session held over it, each named.
    let lowered = book.set_capacity(&e, Some(1), None, at("2025-10-20T16:00:00Z")).unwrap();
    let over: Vec<&serde_json::Value> = lowered.warnings.iter().map(|w| &w.params["occurrence"]).collect();
    assert_eq!(over, [S1, S2]);

    assert_eq!(book.replay(), book);
    assert_eq!(RegistrationBook::from_json(&book.to_json()).unwrap(), book);
}

#[test]
fn a_session_that_has_started_closes_while_later_ones_stay_open() {
    let mut e = cycle(true);
    e.registration.cancel_hours_before = Some(24);
    let mut book = RegistrationBook::new(&e);
    let a1 = submit(&mut book, &e, &person("Aigerim", Some(S1)), "2025-10-01T08:00:00Z");
    let a2 = submit(&mut book, &e, &person("Aigerim", Some(S2)), "2025-10-01T08:00:00Z");
    // After the first session started: a new registration for it is refused, the second takes one.
    let after = "2025-10-21T09:00:00Z";
    let late = submit(&mut book, &e, &person("Bakyt", Some(S1)), after);
    assert!(late.is_rejected());
    assert_eq!(late.violations[0].code, Code::RegistrationClosed);
    assert!(!submit(&mut book, &e, &person("Bakyt", Some(S2)), after).is_rejected());
    // Changing the data of the first session's registration is refused, of the second's allowed
    // (through `update`: a resubmission changes nothing, issue 27).
    let changed = |session| Registration { organisation: Some("Ministry".into()), ..person("Aigerim", Some(session)) };
    assert!(submit(&mut book, &e, &changed(S2), after).is_duplicate());
    let hub = kix_core::emap();
    let (id1, id2) = (a1.id.clone().unwrap(), a2.id.clone().unwrap());
    let refused = book.update(hub, &e, &id1, &changed(S1), at(after)).unwrap_err();
    assert_eq!(refused.violations()[0].code, Code::RegistrationClosed);
    assert_eq!(refused.violations()[0].params["occurrence"], S1);
    let updated = book.update(hub, &e, &id2, &changed(S2), at(after)).unwrap();
    assert_eq!(updated.changes[0].entry.action, kix_core::BookAction::Update);
    // The registrant's cancellation deadline is 24 hours before their own session.
    let cancel = |book: &mut RegistrationBook, id: &Option<String>, now: &str| {
        book.cancel(&e, id.as_deref().unwrap(), Actor::Registrant, None, at(now))
    };
    assert_eq!(
        cancel(&mut book, &a1.id, after).unwrap_err().violations()[0].code,
        Code::RegistrationCancelDeadlinePassed
    );
    assert!(cancel(&mut book, &a2.id, "2025-10-27T09:00:00Z").is_ok(), "24 hours before 09:00 UTC on 28 October");
}

#[test]
fn reminders_go_before_the_registrants_own_session() {
    let mut e = cycle(false);
    e.registration.reminder_minutes = vec![60];
    let mut book = RegistrationBook::new(&e);
    let a2 = submit(&mut book, &e, &person("Aigerim", Some(S2)), "2025-10-01T08:00:00Z").id.unwrap();
    let b3 = submit(&mut book, &e, &person("Bakyt", Some(S3)), "2025-10-01T08:00:00Z").id.unwrap();
    let reminders = book.reminders(kix_core::emap(), &e).unwrap();
    let sent: Vec<(&str, String, String)> = reminders
        .iter()
        .map(|r| (r.registration_id.as_str(), r.send_at.to_rfc3339(), r.event_start_local.to_rfc3339()))
        .collect();
    // An hour before 09:00 UTC (CET), in Bishkek's time (UTC+6).
    assert_eq!(
        sent,
        [
            (a2.as_str(), "2025-10-28T08:00:00+00:00".to_owned(), "2025-10-28T15:00:00+06:00".to_owned()),
            (b3.as_str(), "2025-11-04T08:00:00+00:00".to_owned(), "2025-11-04T15:00:00+06:00".to_owned()),
        ]
    );
    // The third session is cancelled: Bakyt's reminder goes, and nobody is offered its seats.
    e.cancel_occurrence(wall(S3)).unwrap();
    let reminders = book.reminders(kix_core::emap(), &e).unwrap();
    assert_eq!(reminders.iter().map(|r| r.registration_id.as_str()).collect::<Vec<_>>(), [a2.as_str()]);
    let refused = submit(&mut book, &e, &person("Chynara", Some(S3)), "2025-10-02T08:00:00Z");
    assert_eq!(refused.violations[0].code, Code::EventUnknownOccurrence);
    // Per series (the same book), every registrant is reminded before every session.
    e.registration.per_occurrence = false;
    assert_eq!(book.reminders(kix_core::emap(), &e).unwrap().len(), 4);
}

/// A monthly call on the last Thursday with no planned end, taken per session: registrations,
/// seats and reminders work over the policy's horizon (`horizon_days`), and a session beyond it
/// takes no registration until the horizon reaches it.
#[test]
fn a_series_with_no_end_takes_registrations_within_its_horizon() {
    let mut e = cycle(false);
    e.start = wall("2025-10-30T10:00:00");
    e.end = Some(wall("2025-10-30T11:30:00"));
    e.recurrence = Some(Recurrence {
        by_day: vec![kix_core::ByDay::nth(-1, kix_core::Weekday::Thursday)],
        ..Recurrence::new(Frequency::Monthly)
    });
    e.registration.horizon_days = 91; // to 29 January 2026
    assert!(e.check(kix_core::emap()).is_empty(), "{:?}", e.check(kix_core::emap()));
    let sessions: Vec<String> = e.occurrences().unwrap().iter().map(|o| o.recurrence_id.to_string()).collect();
    assert_eq!(sessions, ["2025-10-30 10:00:00", "2025-11-27 10:00:00", "2025-12-25 10:00:00", "2026-01-29 10:00:00"]);
    let hub = kix_core::emap();
    let mut book = RegistrationBook::new(&e);
    let id = book.submit(hub, &e, &person("Aigerim", Some("2026-01-29T10:00:00")), at("2025-10-01T08:00:00Z")).unwrap();
    assert_eq!(id.status, Some(BookStatus::Confirmed), "{:?}", id.violations);
    let reminders = book.reminders(hub, &e).unwrap();
    assert_eq!(reminders.len(), 3, "7 days, 1 day and 1 hour before 29 January only");
    assert!(reminders.iter().all(|r| r.event_start_local.with_timezone(&Utc) == at("2026-01-29T09:00:00Z")));
    // February's session is beyond the 91 days: not a session the series has yet.
    let beyond = validate_registration(hub, &e, &person("Chynara", Some("2026-02-26T10:00:00")), &[], None).unwrap();
    assert_eq!(codes(&beyond), [Code::EventUnknownOccurrence]);
    e.registration.horizon_days = 365;
    let within = validate_registration(hub, &e, &person("Chynara", Some("2026-02-26T10:00:00")), &[], None).unwrap();
    assert_eq!(within.status, RegistrationStatus::Confirmed, "{:?}", within.violations);
}
