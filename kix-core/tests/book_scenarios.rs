//! The registration book as stories: the waiting-list bugs of pretix each
//! replayed against it, offers that expire and never outlive registration
//! close, denial and reinstatement, resubmissions, deadlines and reminders.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{DateTime, Utc};
use kix_core::{
    Actor, Approval, BookAction, BookStatus, Code, Event, Registration, RegistrationBook, SeatLedger, Severity,
    Submission,
};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// Webinar 20 (31 July 2024, 13:00 Geneva = 11:00 UTC) with `seats` seats and a waiting list.
fn webinar(seats: u32) -> Event {
    let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    e.registration.capacity = Some(seats);
    e.registration.waiting_list = true;
    e
}

fn person(name: &str, country: &str) -> Registration {
    Registration {
        full_name: Some(name.into()),
        email: Some(format!("{}@example.org", name.to_lowercase().replace(' ', "."))),
        country: Some(country.into()),
        audience: Some("teacher".into()),
        ..Default::default()
    }
}

fn submit(book: &mut RegistrationBook, event: &Event, r: &Registration, now: &str) -> Submission {
    book.submit(kix_core::emap(), event, r, at(now)).unwrap()
}

fn status(book: &RegistrationBook, id: &str) -> BookStatus {
    book.get(id).unwrap().status
}

/// A full webinar of one seat: Aigerim holds it, Bakyt waits, then Chynara.
fn one_seat_and_two_waiting() -> (Event, RegistrationBook, [String; 3]) {
    let event = webinar(1);
    let mut book = RegistrationBook::new(&event);
    let a = submit(&mut book, &event, &person("Aigerim Bekova", "KG"), "2024-07-20T08:00:00Z");
    let b = submit(&mut book, &event, &person("Bakyt Osmonov", "KG"), "2024-07-20T08:01:00Z");
    let c = submit(&mut book, &event, &person("Chynara Alieva", "KG"), "2024-07-20T08:02:00Z");
    assert_eq!(
        [a.status, b.status, c.status].map(Option::unwrap),
        [BookStatus::Confirmed, BookStatus::Waitlisted, BookStatus::Waitlisted]
    );
    (event, book, [a.id.unwrap(), b.id.unwrap(), c.id.unwrap()])
}

#[test]
fn pretix_1255_approving_a_waiting_person_after_the_seats_are_gone_is_refused_unless_forced() {
    let (event, mut book, [_, b, _]) = one_seat_and_two_waiting();
    let refused = book.approve(&event, &b, false, at("2024-07-21T09:00:00Z")).unwrap_err();
    assert_eq!(refused.violations()[0].code, Code::RegistrationFull);
    assert_eq!(status(&book, &b), BookStatus::Waitlisted, "a refusal changes nothing");

    let forced = book.approve(&event, &b, true, at("2024-07-21T09:00:00Z")).unwrap();
    assert_eq!(forced.warnings[0].code, Code::RegistrationOverCapacity);
    assert_eq!(forced.warnings[0].severity, Severity::Warning);
    let entry = book.get(&b).unwrap();
    assert_eq!((entry.status, entry.forced), (BookStatus::Confirmed, true));
    let last = entry.history.last().unwrap();
    assert!(last.forced && last.actor == Actor::Organiser, "the forced approval is on record");
    assert_eq!((book.ledger().held(), book.ledger().free), (2, Some(0)));
}

/// Issue 27 (pretix#1255 again): capacity 2 with manual approval, two pending, capacity cut
/// to 1. Approving a pending registration while the seats held are past the capacity is
/// refused unless forced, and the forced one is on record; once a seat is given up, the
/// other can be approved.
#[test]
fn approving_pending_registrations_after_a_capacity_cut_does_not_overbook() {
    let mut event = webinar(2);
    event.registration.approval = Approval::Manual;
    let mut book = RegistrationBook::new(&event);
    let a = submit(&mut book, &event, &person("Ana Rusu", "MD"), "2024-07-20T08:00:00Z").id.unwrap();
    let b = submit(&mut book, &event, &person("Ion Ceban", "MD"), "2024-07-20T08:05:00Z").id.unwrap();
    let cut = book.set_capacity(&event, Some(1), None, at("2024-07-20T09:00:00Z")).unwrap();
    assert_eq!(cut.warnings[0].code, Code::RegistrationOverCapacity);
    for id in [&a, &b] {
        let refused = book.approve(&event, id, false, at("2024-07-20T10:00:00Z")).unwrap_err();
        assert_eq!(refused.violations()[0].code, Code::RegistrationFull);
        assert_eq!(status(&book, id), BookStatus::Pending, "a refusal changes nothing");
    }
    let forced = book.approve(&event, &a, true, at("2024-07-20T10:05:00Z")).unwrap();
    assert_eq!(forced.warnings[0].code, Code::RegistrationOverCapacity);
    assert!(book.get(&a).unwrap().forced);
    assert!(book.approve(&event, &b, false, at("2024-07-20T10:10:00Z")).is_err(), "still two held for one");
    book.deny(&event, &a, "left the programme", at("2024-07-20T11:00:00Z")).unwrap();
    book.approve(&event, &b, false, at("2024-07-20T11:05:00Z")).unwrap();
    assert_eq!((book.ledger().confirmed, book.ledger().held()), (1, 1));
}

#[test]
fn pretix_135_lowering_capacity_below_the_seats_held_warns_and_drops_nobody() {
    let event = webinar(3);
    let mut book = RegistrationBook::new(&event);
    let ids: Vec<String> = ["Ana Rusu", "Ion Ceban", "Maria Lupu"]
        .iter()
        .map(|n| submit(&mut book, &event, &person(n, "MD"), "2024-07-20T08:00:00Z").id.unwrap())
        .collect();
    let waiting = submit(&mut book, &event, &person("Elena Munteanu", "MD"), "2024-07-20T09:00:00Z").id.unwrap();

    let applied = book.set_capacity(&event, Some(1), Some("smaller room"), at("2024-07-22T00:00:00Z")).unwrap();
    assert_eq!(applied.warnings[0].code, Code::RegistrationOverCapacity);
    assert_eq!(applied.warnings[0].params["held"], 3);
    assert!(applied.changes.is_empty(), "nobody was dropped");
    assert!(ids.iter().all(|id| status(&book, id) == BookStatus::Confirmed));
    assert_eq!(book.capacity_history.last().unwrap().reason.as_deref(), Some("smaller room"));

    // One cancellation still leaves the event over capacity: no seat to offer.
    book.cancel(&event, &ids[0], Actor::Registrant, None, at("2024-07-23T00:00:00Z")).unwrap();
    assert_eq!(status(&book, &waiting), BookStatus::Waitlisted);
    assert_eq!(book.ledger().free, Some(0));
}

#[test]
fn pretix_1163_a_promoted_person_who_cancels_passes_the_seat_on() {
    let (event, mut book, [a, b, c]) = one_seat_and_two_waiting();
    let applied = book.cancel(&event, &a, Actor::Registrant, None, at("2024-07-21T10:00:00Z")).unwrap();
    let actions: Vec<_> = applied.changes.iter().map(|c| (c.registration_id.as_str(), c.entry.action)).collect();
    assert_eq!(actions, [(a.as_str(), BookAction::Cancel), (b.as_str(), BookAction::Offer)]);
    book.accept_offer(&event, &b, at("2024-07-21T12:00:00Z")).unwrap();
    assert_eq!(status(&book, &b), BookStatus::Confirmed);

    // Bakyt, promoted from the waiting list, cancels: Chynara is offered the seat at once.
    book.cancel(&event, &b, Actor::Registrant, None, at("2024-07-22T10:00:00Z")).unwrap();
    assert_eq!(status(&book, &c), BookStatus::Offered);
    let ledger = book.ledger();
    assert_eq!((ledger.confirmed, ledger.offered, ledger.waitlisted, ledger.free), (0, 1, 0, Some(0)));
}

#[test]
fn pretix_2119_the_first_in_line_is_never_skipped() {
    let (event, mut book, [_, b, c]) = one_seat_and_two_waiting();
    book.set_capacity(&event, Some(2), None, at("2024-07-21T00:00:00Z")).unwrap();
    assert_eq!((status(&book, &b), status(&book, &c)), (BookStatus::Offered, BookStatus::Waitlisted));

    // Two people submitted in the same second: the id breaks the tie.
    let event = webinar(0);
    let mut book = RegistrationBook::new(&event);
    let first = submit(&mut book, &event, &person("Dorji Wangmo", "BT"), "2024-07-20T08:00:00Z").id.unwrap();
    let second = submit(&mut book, &event, &person("Karma Tshering", "BT"), "2024-07-20T08:00:00Z").id.unwrap();
    book.set_capacity(&event, Some(1), None, at("2024-07-20T09:00:00Z")).unwrap();
    assert_eq!((status(&book, &first), status(&book, &second)), (BookStatus::Offered, BookStatus::Waitlisted));
}

#[test]
fn two_people_racing_for_the_last_seat_get_one_seat_and_one_place_in_line() {
    let event = webinar(1);
    let mut book = RegistrationBook::new(&event);
    let a = submit(&mut book, &event, &person("Sok Dara", "KH"), "2024-07-25T08:00:00Z");
    let b = submit(&mut book, &event, &person("Chan Sophea", "KH"), "2024-07-25T08:00:00Z");
    assert_eq!((a.status, b.status), (Some(BookStatus::Confirmed), Some(BookStatus::Waitlisted)));
    assert_eq!(book.seats_held(), 1);
}

#[test]
fn a_new_registrant_does_not_jump_the_queue_while_an_offer_is_open() {
    let (event, mut book, [a, b, c]) = one_seat_and_two_waiting();
    book.cancel(&event, &a, Actor::Organiser, Some("speaker"), at("2024-07-21T10:00:00Z")).unwrap();
    let d = submit(&mut book, &event, &person("Dinara Sadykova", "KG"), "2024-07-21T10:05:00Z");
    assert_eq!(d.status, Some(BookStatus::Waitlisted));
    assert_eq!((status(&book, &b), status(&book, &c)), (BookStatus::Offered, BookStatus::Waitlisted));
}

#[test]
fn an_offer_expires_after_offer_hours_and_the_seat_goes_to_the_next_person() {
    let mut event = webinar(1);
    event.registration.offer_hours = 24;
    let mut book = RegistrationBook::new(&event);
    let a = submit(&mut book, &event, &person("Aigerim Bekova", "KG"), "2024-07-20T08:00:00Z").id.unwrap();
    let b = submit(&mut book, &event, &person("Bakyt Osmonov", "KG"), "2024-07-20T08:01:00Z").id.unwrap();
    let c = submit(&mut book, &event, &person("Chynara Alieva", "KG"), "2024-07-20T08:02:00Z").id.unwrap();
    book.cancel(&event, &a, Actor::Registrant, None, at("2024-07-21T10:00:00Z")).unwrap();
    assert_eq!(book.get(&b).unwrap().offer_expires_at, Some(at("2024-07-22T10:00:00Z")));

    // One second before the expiry nothing happens; at the expiry the seat moves on.
    assert!(book.advance(&event, at("2024-07-22T09:59:59Z")).unwrap().changes.is_empty());
    let applied = book.advance(&event, at("2024-07-22T10:00:00Z")).unwrap();
    let actions: Vec<_> = applied.changes.iter().map(|c| c.entry.action).collect();
    assert_eq!(actions, [BookAction::ExpireOffer, BookAction::Offer]);
    assert_eq!((status(&book, &b), status(&book, &c)), (BookStatus::Cancelled, BookStatus::Offered));

    // Bakyt answers too late; Chynara declines, and nobody is left waiting.
    let late = book.accept_offer(&event, &b, at("2024-07-22T11:00:00Z")).unwrap_err();
    assert_eq!(late.violations()[0].code, Code::RegistrationInvalidTransition);
    assert_eq!(late.violations()[0].params["from"], "cancelled");
    book.decline_offer(&event, &c, at("2024-07-22T12:00:00Z")).unwrap();
    assert_eq!(book.ledger().free, Some(1));
}

#[test]
fn accepting_an_offer_at_its_expiry_is_refused_and_says_when_it_expired() {
    let (event, mut book, [a, b, _]) = one_seat_and_two_waiting();
    book.cancel(&event, &a, Actor::Registrant, None, at("2024-07-21T10:00:00Z")).unwrap();
    let e = book.accept_offer(&event, &b, at("2024-07-23T10:00:00Z")).unwrap_err();
    let v = &e.violations()[0];
    assert_eq!(
        (v.code, &v.params["from"], &v.params["to"]),
        (Code::RegistrationInvalidTransition, &"offered".into(), &"confirmed".into())
    );
    assert_eq!(v.params["offer_expired_at"], "2024-07-23T10:00:00Z");
}

#[test]
fn no_offer_outlives_registration_close_and_none_is_made_after_it() {
    let (event, mut book, [a, b, c]) = one_seat_and_two_waiting();
    // Registration closes at the start, 2024-07-31T11:00Z; a seat freed 10 hours before.
    book.cancel(&event, &a, Actor::Organiser, None, at("2024-07-31T01:00:00Z")).unwrap();
    assert_eq!(book.get(&b).unwrap().offer_expires_at, Some(at("2024-07-31T11:00:00Z")));
    book.advance(&event, at("2024-07-31T11:00:00Z")).unwrap();
    assert_eq!((status(&book, &b), status(&book, &c)), (BookStatus::Cancelled, BookStatus::Waitlisted));
    assert_eq!(book.ledger().free, Some(1), "after close the seat stays free");
}

#[test]
fn with_manual_approval_an_accepted_offer_waits_for_the_organiser() {
    let mut event = webinar(1);
    event.registration.approval = Approval::Manual;
    let mut book = RegistrationBook::new(&event);
    let a = submit(&mut book, &event, &person("Tenzin Norbu", "BT"), "2024-07-20T08:00:00Z").id.unwrap();
    let b = submit(&mut book, &event, &person("Pema Choden", "BT"), "2024-07-20T08:01:00Z").id.unwrap();
    assert_eq!(status(&book, &a), BookStatus::Pending);
    // Denying the pending registration frees its seat for the next in line.
    book.deny(&event, &a, "not a teacher", at("2024-07-21T08:00:00Z")).unwrap();
    assert_eq!(status(&book, &b), BookStatus::Offered);
    book.accept_offer(&event, &b, at("2024-07-21T09:00:00Z")).unwrap();
    assert_eq!(status(&book, &b), BookStatus::Pending);
    book.approve(&event, &b, false, at("2024-07-21T10:00:00Z")).unwrap();
    assert_eq!(status(&book, &b), BookStatus::Confirmed);
}

#[test]
fn a_denied_email_cannot_come_back_until_reinstated_and_then_waits_in_its_old_place() {
    let (event, mut book, [a, b, c]) = one_seat_and_two_waiting();
    book.deny(&event, &b, "duplicate account", at("2024-07-21T08:00:00Z")).unwrap();
    let mut again = person("Bakyt Osmonov", "KG");
    again.email = Some("  BAKYT.OSMONOV@Example.org".into());
    let refused = submit(&mut book, &event, &again, "2024-07-21T09:00:00Z");
    assert!(refused.is_rejected());
    assert_eq!(refused.violations[0].code, Code::RegistrationDenied);
    assert_eq!(book.registrations().len(), 3);

    book.reinstate(&event, &b, Some("a real person"), at("2024-07-21T10:00:00Z")).unwrap();
    assert_eq!(status(&book, &b), BookStatus::Waitlisted);
    book.cancel(&event, &a, Actor::Registrant, None, at("2024-07-21T11:00:00Z")).unwrap();
    assert_eq!((status(&book, &b), status(&book, &c)), (BookStatus::Offered, BookStatus::Waitlisted));
}

/// Issue 27: an e-mail address alone changes nothing. A resubmission (a retry, or anyone
/// who knows the address) answers `registration.duplicate` with the registration's id and
/// leaves it as it was; a change goes through `update`, which keeps the earlier record.
/// (This test asserted the old rule, "a changed resubmission updates the registration".)
#[test]
fn resubmissions_never_change_a_registration_updates_do_and_a_cancelled_person_queues_anew() {
    let (event, mut book, [a, _, _]) = one_seat_and_two_waiting();
    let hub = kix_core::emap();
    let mut r = person("Aigerim Bekova", "KG");
    r.submitted_at = Some("2024-07-24T10:00:00+06:00".into());
    let same = submit(&mut book, &event, &r, "2024-07-24T04:00:00Z");
    assert_eq!(
        (same.id.as_deref(), same.status, same.changes.len()),
        (Some(a.as_str()), Some(BookStatus::Confirmed), 0)
    );
    assert!(same.is_duplicate(), "a retried submission makes no second registration");

    let before = book.clone();
    let mut other = r.clone();
    other.full_name = Some("Someone Else".into());
    other.country = Some("KZ".into());
    let hijack = submit(&mut book, &event, &other, "2024-07-24T04:30:00Z");
    assert!(hijack.is_duplicate() && hijack.changes.is_empty());
    assert_eq!(hijack.violations[0].code, Code::RegistrationDuplicate);
    assert_eq!(hijack.violations[0].params["id"], a.as_str());
    assert_eq!(book, before, "nothing changed");

    r.language = Some("ru".into());
    let changed = book.update(hub, &event, &a, &r, at("2024-07-24T05:00:00Z")).unwrap();
    assert_eq!(changed.changes[0].entry.action, BookAction::Update);
    assert_eq!(book.get(&a).unwrap().record.language.as_deref(), Some("ru"));
    assert_eq!(book.history(&a)[0].record.as_ref().unwrap().language, None, "the earlier record is in the history");

    r.organisation = Some("Kyrgyz Academy of Education".into());
    let too_late = book.update(hub, &event, &a, &r, at("2024-07-31T11:00:00Z")).unwrap_err();
    assert_eq!(too_late.violations()[0].code, Code::RegistrationClosed);
    assert!(book.get(&a).unwrap().record.organisation.is_none());

    // After a cancellation, the same person submits anew and queues behind those waiting.
    book.cancel(&event, &a, Actor::Registrant, None, at("2024-07-25T00:00:00Z")).unwrap();
    let back = submit(&mut book, &event, &r, "2024-07-26T00:00:00Z");
    assert_eq!((back.id.as_deref(), back.status), (Some(a.as_str()), Some(BookStatus::Waitlisted)));
    assert_eq!(book.get(&a).unwrap().submitted_at, at("2024-07-26T00:00:00Z"));
}

#[test]
fn registrants_cancel_until_the_deadline_and_organisers_after_it() {
    let mut event = webinar(10);
    event.registration.cancel_hours_before = Some(48);
    let mut book = RegistrationBook::new(&event);
    let id = submit(&mut book, &event, &person("Nodira Karimova", "UZ"), "2024-07-20T08:00:00Z").id.unwrap();
    // The deadline is 2024-07-29T11:00Z: 48 hours before 11:00 UTC on the 31st.
    let e = book.cancel(&event, &id, Actor::Registrant, None, at("2024-07-29T11:00:01Z")).unwrap_err();
    assert_eq!(e.violations()[0].code, Code::RegistrationCancelDeadlinePassed);
    assert_eq!(e.violations()[0].params["deadline"], "2024-07-29T11:00:00Z");
    book.cancel(&event, &id, Actor::Organiser, Some("asked by phone"), at("2024-07-30T08:00:00Z")).unwrap();
    let again = book.cancel(&event, &id, Actor::Organiser, None, at("2024-07-30T08:00:00Z")).unwrap_err();
    let v = &again.violations()[0];
    assert_eq!(
        (v.code, &v.params["from"], &v.params["to"]),
        (Code::RegistrationInvalidTransition, &"cancelled".into(), &"cancelled".into())
    );
}

#[test]
fn unknown_ids_and_another_events_book_are_refused() {
    let (event, mut book, _) = one_seat_and_two_waiting();
    let e = book.approve(&event, "r-999999", false, at("2024-07-21T00:00:00Z")).unwrap_err();
    assert_eq!(e.violations()[0].code, Code::RegistrationUnknownId);
    let mut other = event.clone();
    other.id = "kix-emap-webinar-21".into();
    let e = book.advance(&other, at("2024-07-21T00:00:00Z")).unwrap_err();
    assert_eq!(e.violations()[0].path, "event_id");
}

#[test]
fn check_in_records_attendance_and_the_ledger_sums_over_events() {
    let (event, mut book, [a, b, _]) = one_seat_and_two_waiting();
    book.check_in(&event, &a, at("2024-07-31T10:58:00Z")).unwrap();
    assert_eq!(book.get(&a).unwrap().checked_in_at, Some(at("2024-07-31T10:58:00Z")));
    assert_eq!(
        book.check_in(&event, &b, at("2024-07-31T10:59:00Z")).unwrap_err().violations()[0].params["from"],
        "waitlisted"
    );
    let unlimited = RegistrationBook::new(&kix_core::emap().event("kix-emap-webinar-20").unwrap().clone());
    let both = SeatLedger::sum([&book.ledger(), &unlimited.ledger()]);
    assert_eq!((both.confirmed, both.waitlisted, both.checked_in), (1, 2, 1));
    assert_eq!((both.capacity, both.free), (None, None), "one event is unlimited");
}

#[test]
fn reminders_follow_the_registrant_zone_and_move_with_the_event() {
    let event = webinar(10);
    let mut book = RegistrationBook::new(&event);
    // Kathmandu is UTC+05:45 all year; Chisinau is on summer time (UTC+03:00) in July.
    let np = submit(&mut book, &event, &person("Sita Sharma", "Nepal"), "2024-07-20T08:00:00Z").id.unwrap();
    let md = submit(&mut book, &event, &person("Ion Ceban", "Moldova"), "2024-07-30T12:00:00Z").id.unwrap();
    let reminders = book.reminders(kix_core::emap(), &event).unwrap();
    let got: Vec<_> = reminders
        .iter()
        .map(|r| {
            (r.registration_id.as_str(), r.minutes_before, r.send_at.to_rfc3339(), r.event_start_local.to_rfc3339())
        })
        .collect();
    assert_eq!(
        got,
        [
            (np.as_str(), 10080, "2024-07-24T11:00:00+00:00".into(), "2024-07-31T16:45:00+05:45".into()),
            (np.as_str(), 1440, "2024-07-30T11:00:00+00:00".into(), "2024-07-31T16:45:00+05:45".into()),
            (np.as_str(), 60, "2024-07-31T10:00:00+00:00".into(), "2024-07-31T16:45:00+05:45".into()),
            (md.as_str(), 60, "2024-07-31T10:00:00+00:00".into(), "2024-07-31T14:00:00+03:00".into()),
        ]
    );
    assert_eq!(reminders[3].zone.as_str(), "Europe/Chisinau");

    // The webinar moves to 5 November 2024, 13:00 Geneva (CET, 12:00 UTC): Moldova is back on UTC+02:00.
    let mut moved = event.clone();
    moved.start = "2024-11-05T13:00:00".parse().unwrap();
    moved.end = Some("2024-11-05T14:30:00".parse().unwrap());
    let reminders = book.reminders(kix_core::emap(), &moved).unwrap();
    let md_last = reminders.iter().rev().find(|r| r.registration_id == md).unwrap();
    assert_eq!(md_last.send_at.to_rfc3339(), "2024-11-05T11:00:00+00:00");
    assert_eq!(md_last.event_start_local.to_rfc3339(), "2024-11-05T14:00:00+02:00");
    assert_eq!(reminders.len(), 6, "now every lead time is after both registered");
}

#[test]
fn the_book_is_a_json_document_that_round_trips() {
    let (event, mut book, [a, _, _]) = one_seat_and_two_waiting();
    book.cancel(&event, &a, Actor::Registrant, Some("ill"), at("2024-07-21T00:00:00Z")).unwrap();
    let text = book.to_json();
    assert_eq!(RegistrationBook::from_json(&text).unwrap(), book);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["registrations"][1]["status"], "offered");
    assert_eq!(json["registrations"][0]["history"][1]["reason"], "ill");
}

#[test]
fn a_series_reminds_before_every_session_but_the_cancelled_one_and_at_the_moved_time() {
    // Three Wednesdays at 13:00 in Geneva from 31 July 2024; the second is cancelled, the third moved.
    let mut event = webinar(10);
    event.registration.reminder_minutes = vec![60];
    event.recurrence =
        Some(kix_core::Recurrence { count: Some(3), ..kix_core::Recurrence::new(kix_core::Frequency::Weekly) });
    event.cancel_occurrence("2024-08-07T13:00:00".parse().unwrap()).unwrap();
    event
        .move_occurrence("2024-08-14T13:00:00".parse().unwrap(), "2024-08-15T09:00:00".parse().unwrap(), None)
        .unwrap();
    let mut book = RegistrationBook::new(&event);
    submit(&mut book, &event, &person("Sita Rai", "NP"), "2024-07-20T08:00:00Z");
    let reminders = book.reminders(kix_core::emap(), &event).unwrap();
    let got: Vec<(String, String)> =
        reminders.iter().map(|r| (r.send_at.to_rfc3339(), r.event_start_local.to_rfc3339())).collect();
    assert_eq!(
        got,
        [
            ("2024-07-31T10:00:00+00:00".to_owned(), "2024-07-31T16:45:00+05:45".to_owned()),
            ("2024-08-15T06:00:00+00:00".to_owned(), "2024-08-15T12:45:00+05:45".to_owned()),
        ]
    );
}
