//! Records in and out of the book: a submission, which never changes a registration
//! already there, and an update, which changes one registration's record.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::settle::Journal;
use super::types::{Actor, Applied, BookAction, BookStatus, HistoryEntry, Submission};
use super::{RegistrationBook, at_occurrence, closed, invalid_transition, same_data};
use crate::country::CountryCode;
use crate::events::event::Event;
use crate::hub::Hub;
use crate::registrations::registration::{Registration, RegistrationDesk, full};
use crate::shared::email::normalize_email;
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};
use crate::time::recurrence::Occurrence;

/// A record as the desk's rules and the book's window found it.
struct Checked {
    violations: Vec<Violation>,
    /// The status the desk gives it (before the seats), `None` when refused.
    status: Option<BookStatus>,
    country: Option<CountryCode>,
}

impl RegistrationBook {
    /// Submits a registration at `now`. A valid new one is stored as confirmed,
    /// pending or waitlisted (behind everyone already waiting); an invalid one is
    /// rejected with every violation and not stored.
    ///
    /// A submission never changes a registration already in the book: when its person
    /// (normalized e-mail, and occurrence) holds one that is not cancelled, the answer is
    /// [`Submission::is_duplicate`] (`registration.duplicate`, naming the registration's id,
    /// with its id and status) and nothing changes, so a retried request never makes a
    /// second registration and knowing an address gives no power over its registration.
    /// Changes to a record go through [`RegistrationBook::update`]. After a cancellation the
    /// person is submitted anew (at the end of the queue); a denied e-mail is refused
    /// (`registration.denied`). Fails only when the event's times cannot be resolved.
    ///
    /// ```
    /// use kix_core::{BookStatus, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let mut r = Registration {
    ///     full_name: Some("Bat-Erdene".into()), email: Some("bat@example.mn".into()), country: Some("MN".into()),
    ///     audience: Some("academic_researcher".into()), ..Default::default()
    /// };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let first = book.submit(hub, event, &r, now)?;
    /// let again = book.submit(hub, event, &r, now)?;
    /// assert_eq!((again.id, again.changes.len()), (first.id, 0), "the same registration, unchanged");
    /// r.full_name = Some("Someone Else".into());
    /// let other = book.submit(hub, event, &r, now)?;
    /// assert!(other.is_duplicate() && other.changes.is_empty());
    /// assert_eq!(other.violations[0].code, Code::RegistrationDuplicate);
    /// assert_eq!(book.get("r-000001").unwrap().record.full_name.as_deref(), Some("Bat-Erdene"));
    /// assert_eq!(book.registrations().len(), 1);
    /// let bad = book.submit(hub, event, &Registration::default(), now)?;
    /// assert!(bad.is_rejected() && !bad.violations.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submit(
        &mut self,
        hub: &Hub,
        event: &Event,
        record: &Registration,
        now: DateTime<Utc>,
    ) -> Result<Submission, Error> {
        self.transact(event, now, |book, journal| book.submit_inner(hub, event, record, now, journal))
    }

    fn submit_inner(
        &mut self,
        hub: &Hub,
        event: &Event,
        record: &Registration,
        now: DateTime<Utc>,
        journal: &mut Journal,
    ) -> Result<Submission, Error> {
        let email = record.email.as_deref().map(normalize_email);
        // Per occurrence, one registration per person and occurrence; per series, per person.
        let per_occurrence = event.registration.per_occurrence;
        let occurrence = record.occurrence.filter(|_| per_occurrence);
        let existing = email.as_deref().and_then(|e| self.index.find_person(&self.registrations, e, occurrence));
        let current = existing.and_then(|i| self.registrations.get(i));
        match current {
            Some(entry) if entry.status == BookStatus::Denied => {
                return Ok(Submission::rejected(vec![
                    Violation::new(
                        Code::RegistrationDenied,
                        "email",
                        "an organiser denied this registration; it can be reinstated, not submitted again",
                    )
                    .with_param("id", entry.id.as_str()),
                ]));
            }
            Some(entry) if entry.status != BookStatus::Cancelled => {
                let message = "this address already holds a registration for the event; nothing was changed";
                let duplicate =
                    Violation::new(Code::RegistrationDuplicate, "email", message).with_param("id", entry.id.as_str());
                return Ok(Submission {
                    id: Some(entry.id.clone()),
                    status: Some(entry.status),
                    violations: vec![at_occurrence(duplicate, occurrence)],
                    changes: Vec::new(),
                });
            }
            _ => {}
        }
        // The occurrence registered for (none when the event has no such occurrence: the desk says why).
        let slot = occurrence.and_then(|o| event.occurrence_at(o).ok());
        let Checked { mut violations, status, country } = check_record(hub, event, record, now)?;
        // The seats, as the desk would count them over the whole book.
        let status = status.and_then(|status| {
            let capacity = self.capacity.filter(|&c| self.seats_held_in(occurrence) >= u64::from(c));
            match capacity {
                None => Some(status),
                Some(_) if event.registration.waiting_list => Some(BookStatus::Waitlisted),
                Some(capacity) => {
                    violations.push(full(capacity, occurrence));
                    None
                }
            }
        });
        window(event, slot.as_ref(), occurrence, now, &mut violations)?;
        let Some(mut status) = status.filter(|_| !violations.iter().any(Violation::is_error)) else {
            return Ok(Submission::rejected(violations));
        };
        // Nobody jumps the queue: while anyone waits (for the occurrence), newcomers wait behind them.
        if status.holds_seat() && self.anyone_waiting_in(occurrence) {
            status = BookStatus::Waitlisted;
        }
        let mut h = match current {
            Some(entry) => HistoryEntry::new(now, BookAction::Resubmit, Actor::Registrant, Some(entry.status), status),
            None => HistoryEntry::new(now, BookAction::Submit, Actor::Registrant, None, status),
        };
        h.record = Some(Arc::new(record.clone()));
        h.email = email;
        h.country = country;
        h.occurrence = occurrence;
        let index = match existing {
            Some(i) => {
                self.record(i, h, journal);
                i
            }
            None => {
                let id = format!("r-{:06}", self.registrations.len() + 1);
                self.add(id, h, journal)
            }
        };
        let entry = self.registrations.get(index);
        Ok(Submission {
            id: entry.map(|e| e.id.clone()),
            status: entry.map(|e| e.status),
            violations,
            changes: Vec::new(),
        })
    }

    /// Replaces a registration's record, at `now`, before its event (or occurrence) starts and
    /// while registration is open; the caller is trusted to have made sure the change is the
    /// registrant's or an organiser's. The record is checked with the desk's rules (not the
    /// seats: the registration keeps its place) and refused with every violation; its e-mail
    /// may change, but not to one another registration of the book has, and its occurrence
    /// cannot (cancel and submit for another). The earlier record stays in the history; the
    /// same record again changes nothing. Warnings come back in [`Applied::warnings`].
    ///
    /// ```
    /// use kix_core::{BookAction, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let mut r = Registration { full_name: Some("Ana Rusu".into()), email: Some("ana@example.md".into()),
    ///     country: Some("MD".into()), audience: Some("teacher".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// r.organisation = Some("Ion Creangă State Pedagogical University".into());
    /// let applied = book.update(hub, event, &id, &r, now)?;
    /// assert_eq!(applied.changes[0].entry.action, BookAction::Update);
    /// let history = book.history(&id);
    /// assert_eq!(history[0].record.as_ref().unwrap().organisation, None, "the earlier record is kept");
    /// r.country = Some("Atlantis".into());
    /// let refused = book.update(hub, event, &id, &r, now).unwrap_err();
    /// assert_eq!(refused.violations()[0].code, Code::RegistrationUnknownCountry);
    /// assert_eq!(book.history(&id).len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update(
        &mut self,
        hub: &Hub,
        event: &Event,
        id: &str,
        record: &Registration,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            if matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "updated"));
            }
            let Some(entry) = book.registrations.get(index) else {
                return Err(invalid_transition(id, from, "updated"));
            };
            let occurrence = entry.occurrence;
            let asked = record.occurrence.filter(|_| event.registration.per_occurrence);
            if asked.is_some() && asked != occurrence {
                return Err(Error::Rejected(vec![
                    Violation::new(
                        Code::RegistrationInvalidValue,
                        "occurrence",
                        "an update cannot move a registration to another occurrence; cancel it and submit for that one",
                    )
                    .with_param("field", "occurrence")
                    .with_param("kind", "another occurrence")
                    .with_param("found", asked.map(|o| o.to_string()).unwrap_or_default()),
                ]));
            }
            let slot =
                occurrence.filter(|_| event.registration.per_occurrence).and_then(|o| event.occurrence_at(o).ok());
            let start = match &slot {
                Some(o) => o.start_utc,
                None => event.start_utc()?,
            };
            if now >= start {
                return Err(Error::Rejected(vec![at_occurrence(
                    closed("the event has started; a registration can no longer change", start)
                        .with_param("submitted_at", now),
                    slot.as_ref().map(|o| o.recurrence_id),
                )]));
            }
            let mut record = record.clone();
            record.occurrence = record.occurrence.or(occurrence.filter(|_| event.registration.per_occurrence));
            let Checked { mut violations, status: _, country } = check_record(hub, event, &record, now)?;
            let email = record.email.as_deref().map(normalize_email);
            if let Some(email) = email.as_deref()
                && book.index.find_person(&book.registrations, email, occurrence).is_some_and(|other| other != index)
            {
                let message = "another registration of the book has this e-mail";
                violations
                    .push(at_occurrence(Violation::new(Code::RegistrationDuplicate, "email", message), occurrence));
            }
            window(event, slot.as_ref(), occurrence, now, &mut violations)?;
            if violations.iter().any(Violation::is_error) {
                return Err(Error::Rejected(violations));
            }
            let same = book.registrations.get(index).is_some_and(|e| same_data(&record, &e.record));
            if !same {
                let mut h = HistoryEntry::new(now, BookAction::Update, Actor::Registrant, Some(from), from);
                h.record = Some(Arc::new(record));
                h.email = email;
                h.country = country;
                h.occurrence = occurrence;
                book.record(index, h, journal);
            }
            Ok(Applied { changes: Vec::new(), warnings: violations })
        })
    }
}

/// A record checked with the desk's rules for the event on their own: no other registration and no seats, which the book
/// knows better from its indexes.
fn check_record(hub: &Hub, event: &Event, record: &Registration, now: DateTime<Utc>) -> Result<Checked, Error> {
    let unlimited = if event.registration.capacity.is_some() {
        let mut unlimited = event.clone();
        unlimited.registration.capacity = None;
        Cow::Owned(unlimited)
    } else {
        Cow::Borrowed(event)
    };
    let outcome = RegistrationDesk::new(hub, &unlimited, &[])?.validate(record, Some(now));
    Ok(Checked {
        status: BookStatus::from_desk(outcome.status),
        violations: outcome.violations,
        country: outcome.country,
    })
}

/// The book's own window: closed at `now` (per occurrence, the occurrence's), or not yet open,
/// unless the desk said so already.
fn window(
    event: &Event,
    slot: Option<&Occurrence>,
    occurrence: Option<NaiveDateTime>,
    now: DateTime<Utc>,
    violations: &mut Vec<Violation>,
) -> Result<(), Error> {
    let closes_at = match slot {
        Some(o) => Some(event.registration_closes_for(o)),
        None if event.registration.per_occurrence => None,
        None => Some(event.registration_closes_at()?),
    };
    let reported = |v: &[Violation], c: Code| v.iter().any(|v| v.code == c);
    if let Some(closes_at) = closes_at.filter(|&t| now >= t)
        && !reported(violations, Code::RegistrationClosed)
    {
        violations.push(at_occurrence(
            closed("registration has closed", closes_at).with_param("submitted_at", now),
            occurrence,
        ));
    }
    if let Some(opens_at) = event.registration.opens_at.map(|t| t.with_timezone(&Utc))
        && now < opens_at
        && !reported(violations, Code::RegistrationNotOpen)
    {
        violations.push(
            Violation::new(Code::RegistrationNotOpen, "", "registration has not opened")
                .with_param("opens_at", opens_at)
                .with_param("submitted_at", now),
        );
    }
    Ok(())
}
