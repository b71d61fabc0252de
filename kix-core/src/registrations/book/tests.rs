//! The indexes against the registrations they index: kept in step by every operation,
//! by a refusal that takes its changes back, and equal to those built from scratch.

use chrono::{DateTime, Duration, Utc};

use super::index::Index;
use super::*;
use crate::registrations::registration::Registration;

fn event(capacity: u32) -> Event {
    let mut e = crate::emap().event("kix-emap-webinar-20").cloned().unwrap_or_else(|| unreachable!());
    e.registration.capacity = Some(capacity);
    e.registration.waiting_list = true;
    e.registration.offer_hours = 5;
    e
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

fn at(hours: i64) -> DateTime<Utc> {
    "2024-07-20T00:00:00Z".parse::<DateTime<Utc>>().map(|t| t + Duration::hours(hours)).unwrap_or_default()
}

/// The book's indexes answer as indexes built from its registrations do.
fn assert_indexed(book: &RegistrationBook) {
    let fresh = Index::build(&book.registrations);
    assert_eq!(book.index.counts(None), fresh.counts(None));
    let occurrences = |i: &Index| i.occurrences().map(|(o, c)| (o, *c)).collect::<Vec<_>>();
    assert_eq!(occurrences(&book.index), occurrences(&fresh));
    let waiting = |i: &Index| i.waiting(None).cloned().collect::<Vec<_>>();
    assert_eq!(waiting(&book.index), waiting(&fresh));
    assert_eq!(book.index.offers_due(at(10_000)), fresh.offers_due(at(10_000)));
    for (i, e) in book.registrations.iter().enumerate() {
        assert_eq!(book.index.find_id(&book.registrations, &e.id), Some(i));
        assert_eq!(book.index.find_person(&book.registrations, &e.email, e.occurrence), Some(i));
    }
}

/// One operation on a book.
type Step<'a> = Box<dyn Fn(&mut RegistrationBook) -> Result<Applied, Error> + 'a>;

#[test]
fn every_operation_keeps_the_indexes_in_step() {
    let hub = crate::emap();
    let event = event(2);
    let mut book = RegistrationBook::new(&event);
    for i in 0..6 {
        let s = book.submit(hub, &event, &person(i), at(i as i64));
        assert!(s.is_ok_and(|s| !s.is_rejected()));
        assert_indexed(&book);
    }
    let steps: Vec<Step<'_>> = vec![
        Box::new(|b| b.cancel(&event, "r-000001", Actor::Registrant, None, at(10))),
        Box::new(|b| b.decline_offer(&event, "r-000003", at(11))),
        Box::new(|b| b.advance(&event, at(20))),
        Box::new(|b| b.deny(&event, "r-000002", "no", at(21))),
        Box::new(|b| b.set_capacity(&event, Some(4), None, at(22))),
        Box::new(|b| b.accept_offer(&event, "r-000005", at(23))),
        Box::new(|b| b.reinstate(&event, "r-000002", None, at(24))),
        Box::new(|b| {
            b.update(hub, &event, "r-000004", &Registration { organisation: Some("Org".into()), ..person(3) }, at(25))
        }),
        Box::new(|b| b.set_capacity(&event, Some(1), None, at(26))),
        Box::new(|b| b.check_in(&event, "r-000005", at(27))),
    ];
    for step in &steps {
        let before = book.clone();
        match step(&mut book) {
            Ok(_) => {}
            Err(_) => assert_eq!(book, before),
        }
        assert_indexed(&book);
    }
    assert_eq!(book.ledger().held(), book.registrations.iter().filter(|e| e.status.holds_seat()).count() as u64);
}

#[test]
fn a_refusal_after_time_passed_takes_back_the_offers_it_expired_and_made() {
    let hub = crate::emap();
    let event = event(1);
    let mut book = RegistrationBook::new(&event);
    for i in 0..3 {
        assert!(book.submit(hub, &event, &person(i), at(0)).is_ok());
    }
    assert!(book.cancel(&event, "r-000001", Actor::Registrant, None, at(1)).is_ok());
    assert_eq!(book.get("r-000002").map(|e| e.status), Some(BookStatus::Offered));
    let before = book.clone();
    // Six hours on, the offer to r-000002 has expired and r-000003 would be offered the seat,
    // but the operation itself is refused: neither happened.
    let refused = book.check_in(&event, "r-000003", at(7));
    assert!(refused.is_err());
    assert_eq!(book, before);
    assert_indexed(&book);
    let applied = book.advance(&event, at(7)).unwrap_or_default();
    assert_eq!(applied.changes.len(), 2, "expired, then offered on");
    assert_indexed(&book);
}

#[test]
fn a_book_read_from_json_or_put_together_from_rows_is_indexed() {
    let hub = crate::emap();
    let event = event(1);
    let mut book = RegistrationBook::new(&event);
    for i in 0..3 {
        assert!(book.submit(hub, &event, &person(i), at(0)).is_ok());
    }
    let read = RegistrationBook::from_json(&book.to_json()).unwrap_or_else(|_| RegistrationBook::new(&event));
    assert_eq!(read, book);
    assert_indexed(&read);
    let rows = book.registrations.iter().cloned();
    let joined = RegistrationBook::from_entries(book.head(), rows);
    assert_eq!(joined, book);
    assert_indexed(&joined);
}

#[test]
fn a_reason_is_bounded_and_a_refused_one_changes_nothing() {
    let hub = crate::emap();
    let event = hub.event("kix-emap-webinar-20").unwrap();
    let mut book = RegistrationBook::new(event);
    let now: DateTime<Utc> = "2024-07-20T08:00:00Z".parse().unwrap();
    let r = Registration {
        full_name: Some("Dolma".into()),
        email: Some("dolma@example.bt".into()),
        country: Some("BT".into()),
        audience: Some("teacher".into()),
        ..Default::default()
    };
    let id = book.submit(hub, event, &r, now).unwrap().id.unwrap();
    let long = "ж".repeat(501);
    let refused = book.deny(event, &id, &long, now).unwrap_err();
    assert_eq!(refused.violations()[0].code, Code::RegistrationTooLong);
    assert_eq!(refused.violations()[0].params["length"], 501);
    assert!(book.cancel(event, &id, Actor::Organiser, Some(&long), now).is_err());
    assert!(book.set_capacity(event, Some(3), Some(&long), now).is_err());
    assert_eq!((book.history(&id).len(), book.capacity_history.len()), (1, 0), "nothing was recorded");
    assert!(book.deny(event, &id, &"ж".repeat(500), now).is_ok(), "500 characters are enough");
}
