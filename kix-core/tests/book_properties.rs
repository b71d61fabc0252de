//! Properties of the registration book over random sequences of operations
//! and clocks: seats held never exceed the capacity except by a forced
//! approval (or a capacity lowered under them), every registration has one
//! status, its history only grows and replays into it, no offer outlives
//! registration close, and nobody is skipped on the waiting list.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use kix_core::{
    Actor, Applied, Approval, BookAction, BookStatus, Error, Event, Registration, RegistrationBook, SeatLedger,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Submit { person: usize, organisation: bool },
    Approve { who: usize, force: bool },
    Deny { who: usize },
    Cancel { who: usize, organiser: bool },
    Reinstate { who: usize },
    Accept { who: usize },
    Decline { who: usize },
    SetCapacity { capacity: Option<u32> },
    Advance,
    CheckIn { who: usize },
}

const PEOPLE: usize = 10;

fn op() -> impl Strategy<Value = Op> {
    let who = 0..PEOPLE + 1;
    prop_oneof![
        4 => (0..PEOPLE, any::<bool>()).prop_map(|(person, organisation)| Op::Submit { person, organisation }),
        1 => (who.clone(), any::<bool>()).prop_map(|(who, force)| Op::Approve { who, force }),
        1 => who.clone().prop_map(|who| Op::Deny { who }),
        2 => (who.clone(), any::<bool>()).prop_map(|(who, organiser)| Op::Cancel { who, organiser }),
        1 => who.clone().prop_map(|who| Op::Reinstate { who }),
        2 => who.clone().prop_map(|who| Op::Accept { who }),
        1 => who.clone().prop_map(|who| Op::Decline { who }),
        1 => proptest::option::of(0u32..6).prop_map(|capacity| Op::SetCapacity { capacity }),
        1 => Just(Op::Advance),
        1 => who.prop_map(|who| Op::CheckIn { who }),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    (proptest::option::of(0u32..5), any::<bool>(), any::<bool>(), 0u32..80, proptest::option::of(0u32..72)).prop_map(
        |(capacity, waiting_list, manual, offer_hours, cancel_hours_before)| {
            let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
            e.registration.capacity = capacity;
            e.registration.waiting_list = waiting_list;
            e.registration.approval = if manual { Approval::Manual } else { Approval::Automatic };
            e.registration.offer_hours = offer_hours;
            e.registration.cancel_hours_before = cancel_hours_before;
            e
        },
    )
}

fn person(i: usize, organisation: bool) -> Registration {
    Registration {
        full_name: Some(format!("Person {i}")),
        email: Some(format!("person{i}@example.org")),
        country: Some(["NP", "MD", "KG", "PG", "AF"][i % 5].into()),
        audience: Some("teacher".into()),
        organisation: organisation.then(|| "Ministry of Education".into()),
        ..Default::default()
    }
}

fn id(who: usize) -> String {
    // One past the people ever submitted: an unknown id.
    format!("r-{:06}", who + 1)
}

fn apply(book: &mut RegistrationBook, event: &Event, op: &Op, now: DateTime<Utc>) -> Result<Applied, Error> {
    let hub = kix_core::emap();
    match op {
        Op::Submit { person: p, organisation } => {
            let s = book.submit(hub, event, &person(*p, *organisation), now)?;
            Ok(Applied { changes: s.changes, warnings: Vec::new() })
        }
        Op::Approve { who, force } => book.approve(event, &id(*who), *force, now),
        Op::Deny { who } => book.deny(event, &id(*who), "organiser's decision", now),
        Op::Cancel { who, organiser } => {
            let actor = if *organiser { Actor::Organiser } else { Actor::Registrant };
            book.cancel(event, &id(*who), actor, None, now)
        }
        Op::Reinstate { who } => book.reinstate(event, &id(*who), None, now),
        Op::Accept { who } => book.accept_offer(event, &id(*who), now),
        Op::Decline { who } => book.decline_offer(event, &id(*who), now),
        Op::SetCapacity { capacity } => book.set_capacity(event, *capacity, None, now),
        Op::Advance => book.advance(event, now),
        Op::CheckIn { who } => book.check_in(event, &id(*who), now),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_book_keeps_its_promises(
        event in event(),
        steps in proptest::collection::vec((op(), 0i64..(3 * 24 * 60)), 1..40),
    ) {
        let closes_at = event.registration_closes_at().unwrap();
        let mut book = RegistrationBook::new(&event);
        let mut now: DateTime<Utc> = "2024-07-15T00:00:00Z".parse().unwrap();
        for (op, minutes) in &steps {
            now += Duration::minutes(*minutes);
            let before = book.clone();
            let result = apply(&mut book, &event, op, now);
            let held_before = before.seats_held();
            let held = book.seats_held();

            // A refused operation changes nothing.
            if result.is_err() {
                prop_assert_eq!(&book, &before, "{:?} was refused but changed the book", op);
                continue;
            }
            let applied = result.unwrap();

            // Seats held never exceed the capacity, except by a forced approval
            // (a lowered capacity keeps whoever held a seat, but adds nobody), and
            // nobody is confirmed, offered a seat or seated while the seats held are
            // past it, whatever they come from (pending, waitlisted, offered, cancelled).
            if let Some(capacity) = book.capacity {
                let forced = applied.changes.iter().any(|c| c.entry.forced);
                prop_assert!(
                    forced || held <= u64::from(capacity).max(held_before),
                    "{:?}: {} held for {} seats (before: {})", op, held, capacity, held_before
                );
                if forced {
                    prop_assert!(held <= held_before + 1, "a forced approval adds one seat at most");
                }
                let seated = applied.changes.iter().find(|c| {
                    c.entry.from != Some(c.entry.to)
                        && matches!(c.entry.to, BookStatus::Confirmed | BookStatus::Offered | BookStatus::Pending)
                });
                if let Some(c) = seated.filter(|_| !forced && !matches!(op, Op::SetCapacity { .. })) {
                    prop_assert!(
                        held <= u64::from(capacity),
                        "{:?}: {} became {} with {} held for {} seats", op, c.registration_id, c.entry.to, held, capacity
                    );
                }
            }

            // One status per registration, the one its history ends in; one registration per e-mail.
            let mut emails = HashSet::new();
            for e in book.registrations() {
                prop_assert_eq!(Some(e.status), e.history.last().map(|h| h.to));
                prop_assert!(emails.insert(e.email.clone()), "two registrations for one e-mail");
            }
            let l = book.ledger();
            prop_assert_eq!(
                l.confirmed + l.pending + l.offered + l.waitlisted + l.denied + l.cancelled,
                book.registrations().len() as u64
            );

            // History is append-only, every change is in it, and replaying it rebuilds the book.
            for (old, new) in before.registrations().iter().zip(book.registrations()) {
                prop_assert_eq!(&old.id, &new.id);
                prop_assert!(new.history.starts_with(&old.history), "history of {} rewritten", new.id);
            }
            let appended: usize = book.registrations().iter().map(|e| e.history.len()).sum::<usize>()
                - before.registrations().iter().map(|e| e.history.len()).sum::<usize>();
            prop_assert_eq!(appended, applied.changes.len());
            prop_assert_eq!(&book.replay(), &book);
            prop_assert_eq!(&RegistrationBook::from_json(&book.to_json()).unwrap(), &book);

            // No offer outlives registration close, and none is left running past its expiry.
            for e in book.registrations().iter().filter(|e| e.status == BookStatus::Offered) {
                let expires = e.offer_expires_at.unwrap();
                prop_assert!(expires <= closes_at, "offer of {} runs past close", e.id);
                prop_assert!(expires > now, "offer of {} expired but still held", e.id);
            }

            // Nobody is skipped: everyone offered a seat now was ahead of everyone still waiting,
            // and no seat stays free while someone waits and registration is open.
            let waiting: Vec<_> = book.registrations().iter().filter(|e| e.status == BookStatus::Waitlisted).collect();
            for c in applied.changes.iter().filter(|c| c.entry.action == BookAction::Offer) {
                let offered = book.get(&c.registration_id).unwrap();
                for w in &waiting {
                    prop_assert!(
                        (offered.submitted_at, &offered.id) < (w.submitted_at, &w.id),
                        "{} was offered a seat before {} who waited longer", offered.id, w.id
                    );
                }
            }
            if now < closes_at && !waiting.is_empty() {
                prop_assert_eq!(l.free, Some(0), "a seat stays free while {} wait", waiting.len());
            }
        }
        // The ledger over one book is the book's ledger.
        prop_assert_eq!(SeatLedger::sum([&book.ledger()]), book.ledger());
    }
}

/// The three weekly sessions of a learning cycle, Tuesdays 10:00 in Geneva across the end of
/// summer time (21 October, 28 October, 4 November 2025), taken per occurrence; now and then
/// the last one cancelled.
fn sessions() -> impl Strategy<Value = Event> {
    (event(), any::<bool>()).prop_map(|(mut e, cancel_last)| {
        e.start = "2025-10-21T10:00:00".parse().unwrap();
        e.end = Some("2025-10-21T11:30:00".parse().unwrap());
        e.agenda.clear();
        e.recurrence =
            Some(kix_core::Recurrence { count: Some(3), ..kix_core::Recurrence::new(kix_core::Frequency::Weekly) });
        e.registration.per_occurrence = true;
        if cancel_last {
            e.cancel_occurrence("2025-11-04T10:00:00".parse().unwrap()).unwrap();
        }
        e
    })
}

/// The session a submission names: one of the three, or (3) a time the rule does not give.
fn session(i: usize) -> chrono::NaiveDateTime {
    ["2025-10-21T10:00:00", "2025-10-28T10:00:00", "2025-11-04T10:00:00", "2025-10-22T10:00:00"][i].parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn per_occurrence_each_session_keeps_its_own_seats_and_waiting_list(
        event in sessions(),
        steps in proptest::collection::vec((op(), 0usize..4, 0i64..(2 * 24 * 60)), 1..40),
    ) {
        let occurrences = event.occurrences().unwrap();
        let mut book = RegistrationBook::new(&event);
        let mut now: DateTime<Utc> = "2025-10-12T00:00:00Z".parse().unwrap();
        for (op, which, minutes) in &steps {
            now += Duration::minutes(*minutes);
            let before = book.clone();
            let result = match op {
                Op::Submit { person: p, organisation } => {
                    let r = Registration { occurrence: Some(session(*which)), ..person(*p, *organisation) };
                    book.submit(kix_core::emap(), &event, &r, now).map(|s| {
                        // A submission for a session the event does not have is refused.
                        if *which == 3 || occurrences.iter().all(|o| o.recurrence_id != session(*which)) {
                            assert!(s.is_rejected());
                        }
                        Applied { changes: s.changes, warnings: Vec::new() }
                    })
                }
                other => apply(&mut book, &event, other, now),
            };
            if result.is_err() {
                prop_assert_eq!(&book, &before, "{:?} was refused but changed the book", op);
                continue;
            }
            let applied = result.unwrap();

            // Every registration names a session of the rule; one per person and session.
            let mut keys = HashSet::new();
            for e in book.registrations() {
                let o = e.occurrence.unwrap();
                prop_assert!((0..3).any(|i| session(i) == o), "{} names {}", e.id, o);
                prop_assert!(keys.insert((e.email.clone(), o)), "two registrations of one person for {}", o);
            }

            for i in 0..3 {
                let o = session(i);
                let l = book.ledger_of(o);
                let held_before = before.ledger_of(o).held();
                // Seats held in a session never exceed its capacity, except by a forced approval
                // (a lowered capacity keeps whoever held a seat, but adds nobody).
                if let Some(capacity) = book.capacity {
                    let forced = applied.changes.iter().filter(|c| c.entry.forced).filter(|c| {
                        book.get(&c.registration_id).and_then(|e| e.occurrence) == Some(o)
                    }).count() as u64;
                    prop_assert!(
                        l.held() <= u64::from(capacity).max(held_before) + forced,
                        "{:?}: {} held in {} for {} seats (before: {})", op, l.held(), o, capacity, held_before
                    );
                }
                // No offer outlives its session's close (its start), none runs past its expiry,
                // and while a session is open and someone waits for it, no seat of it stays free.
                let open = occurrences.iter().find(|x| x.recurrence_id == o).map(|x| event.registration_closes_for(x));
                for e in book.registrations().iter().filter(|e| e.occurrence == Some(o) && e.status == BookStatus::Offered) {
                    let expires = e.offer_expires_at.unwrap();
                    prop_assert!(open.is_some_and(|close| expires <= close), "offer of {} runs past its session's close", e.id);
                    prop_assert!(expires > now, "offer of {} expired but still held", e.id);
                }
                let waiting: Vec<_> = book.registrations().iter()
                    .filter(|e| e.occurrence == Some(o) && e.status == BookStatus::Waitlisted).collect();
                if open.is_some_and(|close| now < close) && !waiting.is_empty() {
                    prop_assert_eq!(l.free, Some(0), "a seat of {} stays free while {} wait", o, waiting.len());
                }
                // Nobody is skipped within a session.
                for c in applied.changes.iter().filter(|c| c.entry.action == BookAction::Offer) {
                    let offered = book.get(&c.registration_id).unwrap();
                    if offered.occurrence != Some(o) {
                        continue;
                    }
                    for w in &waiting {
                        prop_assert!((offered.submitted_at, &offered.id) < (w.submitted_at, &w.id));
                    }
                }
            }

            // The totals are the sessions' sums; the book replays and round-trips.
            let total = book.ledger();
            let per: Vec<SeatLedger> = (0..3).map(|i| book.ledger_of(session(i))).collect();
            let summed = SeatLedger::sum(&per);
            prop_assert_eq!(
                (total.confirmed, total.pending, total.offered, total.waitlisted, total.denied, total.cancelled),
                (summed.confirmed, summed.pending, summed.offered, summed.waitlisted, summed.denied, summed.cancelled)
            );
            prop_assert_eq!(total.held(), book.seats_held());
            prop_assert_eq!(&book.replay(), &book);
            prop_assert_eq!(&RegistrationBook::from_json(&book.to_json()).unwrap(), &book);
        }
    }
}
