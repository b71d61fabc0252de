//! Issue 27: capacity on every path. Over random sequences of operations on a small event
//! (capacity cuts and raises, approvals forced or not, denials, cancellations,
//! reinstatements, offers made, accepted, declined and expired), no operation but a forced
//! approval adds a seat past the capacity, and nobody is confirmed, offered a seat or
//! seated (from pending, waitlisted, offered or cancelled) while the seats held are past it.
//! Removing the check from approve (pending or waitlisted), reinstate, accept_offer or the offers
//! made as time passes makes it fail (each tried by hand on 6 December 2026).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{DateTime, Duration, Utc};
use kix_core::{Actor, Applied, Approval, BookStatus, Error, Event, Registration, RegistrationBook};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Submit(usize),
    Approve(usize, bool),
    Deny(usize),
    Cancel(usize),
    Reinstate(usize),
    Accept(usize),
    Decline(usize),
    SetCapacity(Option<u32>),
    Advance,
}

const PEOPLE: usize = 5;

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..PEOPLE).prop_map(Op::Submit),
        2 => (0..PEOPLE, proptest::bool::weighted(0.2)).prop_map(|(w, f)| Op::Approve(w, f)),
        1 => (0..PEOPLE).prop_map(Op::Deny),
        1 => (0..PEOPLE).prop_map(Op::Cancel),
        2 => (0..PEOPLE).prop_map(Op::Reinstate),
        3 => (0..PEOPLE).prop_map(Op::Accept),
        1 => (0..PEOPLE).prop_map(Op::Decline),
        2 => proptest::option::weighted(0.9, 0u32..4).prop_map(Op::SetCapacity),
        1 => Just(Op::Advance),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    (0u32..4, any::<bool>(), any::<bool>(), 1u32..48).prop_map(|(capacity, waiting_list, manual, offer_hours)| {
        let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
        e.registration.capacity = Some(capacity);
        e.registration.waiting_list = waiting_list;
        e.registration.approval = if manual { Approval::Manual } else { Approval::Automatic };
        e.registration.offer_hours = offer_hours;
        e
    })
}

fn person(i: usize) -> Registration {
    Registration {
        full_name: Some(format!("Person {i}")),
        email: Some(format!("person{i}@example.org")),
        country: Some("NP".into()),
        audience: Some("teacher".into()),
        ..Default::default()
    }
}

fn id(who: usize) -> String {
    format!("r-{:06}", who + 1)
}

fn apply(book: &mut RegistrationBook, event: &Event, op: &Op, now: DateTime<Utc>) -> Result<Applied, Error> {
    match op {
        Op::Submit(p) => {
            let s = book.submit(kix_core::emap(), event, &person(*p), now)?;
            Ok(Applied { changes: s.changes, warnings: Vec::new() })
        }
        Op::Approve(w, force) => book.approve(event, &id(*w), *force, now),
        Op::Deny(w) => book.deny(event, &id(*w), "no", now),
        Op::Cancel(w) => book.cancel(event, &id(*w), Actor::Organiser, None, now),
        Op::Reinstate(w) => book.reinstate(event, &id(*w), None, now),
        Op::Accept(w) => book.accept_offer(event, &id(*w), now),
        Op::Decline(w) => book.decline_offer(event, &id(*w), now),
        Op::SetCapacity(c) => book.set_capacity(event, *c, None, now),
        Op::Advance => book.advance(event, now),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn no_path_seats_anyone_past_the_capacity_unless_forced(
        event in event(),
        steps in proptest::collection::vec((op(), 0i64..(6 * 60)), 1..40),
    ) {
        let mut book = RegistrationBook::new(&event);
        let mut now: DateTime<Utc> = "2024-07-20T00:00:00Z".parse().unwrap();
        for (op, minutes) in &steps {
            now += Duration::minutes(*minutes);
            let before = book.clone();
            let Ok(applied) = apply(&mut book, &event, op, now) else {
                prop_assert_eq!(&book, &before, "{:?} was refused but changed the book", op);
                continue;
            };
            let Some(capacity) = book.capacity.map(u64::from) else { continue };
            let (held_before, held) = (before.seats_held(), book.seats_held());
            let forced = applied.changes.iter().any(|c| c.entry.forced);
            if forced {
                prop_assert!(applied.warnings.iter().any(|w| w.code == kix_core::Code::RegistrationOverCapacity));
                continue;
            }
            prop_assert!(held <= capacity.max(held_before), "{:?}: {} held for {} (before: {})", op, held, capacity, held_before);
            if matches!(op, Op::SetCapacity(_)) {
                continue;
            }
            for c in &applied.changes {
                let seated = matches!(c.entry.to, BookStatus::Confirmed | BookStatus::Offered | BookStatus::Pending);
                prop_assert!(
                    !seated || c.entry.from == Some(c.entry.to) || held <= capacity,
                    "{:?}: {} went {:?} -> {} with {} held for {}", op, c.registration_id, c.entry.from, c.entry.to, held, capacity
                );
            }
        }
    }
}
