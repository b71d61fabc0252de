//! How an operation runs: time passes before and after it (offers expire, freed
//! seats are offered on), every change goes through one place that keeps the
//! indexes in step, and a refused operation takes back what was changed on its way.

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::index::Counts;
use super::types::{Actor, Applied, BookAction, BookEntry, BookStatus, Change, HistoryEntry, Submission};
use super::{RegistrationBook, at_occurrence};
use crate::country::CountryCode;
use crate::events::event::{Event, EventStatus};
use crate::registrations::registration::Registration;
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};

/// What an operation changed so far: the changes to report, and how to take each back.
#[derive(Default)]
pub(super) struct Journal {
    pub(super) changes: Vec<Change>,
    undo: Vec<Undo>,
}

/// How to take one change back.
enum Undo {
    /// A registration as it stood before a history entry was appended.
    Entry { index: usize, before: Box<Before> },
    /// A registration added at the end of the book.
    Added,
    /// The capacity before a change, and the length of its history.
    Capacity { capacity: Option<u32>, history: usize },
}

/// A registration's record, e-mail, country and occurrence, as they were.
type Identity = (Arc<Registration>, String, Option<CountryCode>, Option<NaiveDateTime>);

/// What [`BookEntry::apply`] may change, as it was.
struct Before {
    record: Option<Identity>,
    status: BookStatus,
    submitted_at: DateTime<Utc>,
    offer_expires_at: Option<DateTime<Utc>>,
    forced: bool,
    checked_in_at: Option<DateTime<Utc>>,
}

impl Before {
    fn of(entry: &BookEntry, with_record: bool) -> Before {
        Before {
            record: with_record
                .then(|| (Arc::clone(&entry.record), entry.email.clone(), entry.country, entry.occurrence)),
            status: entry.status,
            submitted_at: entry.submitted_at,
            offer_expires_at: entry.offer_expires_at,
            forced: entry.forced,
            checked_in_at: entry.checked_in_at,
        }
    }

    fn restore(self, entry: &mut BookEntry) {
        if let Some((record, email, country, occurrence)) = self.record {
            (entry.record, entry.email, entry.country, entry.occurrence) = (record, email, country, occurrence);
        }
        entry.status = self.status;
        entry.submitted_at = self.submitted_at;
        entry.offer_expires_at = self.offer_expires_at;
        entry.forced = self.forced;
        entry.checked_in_at = self.checked_in_at;
        entry.history.pop();
    }
}

/// Results that carry the changes an operation made.
pub(super) trait Collects {
    fn collect(&mut self, changes: Vec<Change>);
}

impl Collects for Applied {
    fn collect(&mut self, changes: Vec<Change>) {
        self.changes = changes;
    }
}

impl Collects for Submission {
    fn collect(&mut self, changes: Vec<Change>) {
        self.changes = changes;
    }
}

impl RegistrationBook {
    /// Runs an operation, letting time pass before and after it (offers expire and seats
    /// freed are offered on). An operation checks what it needs before it changes anything;
    /// when it (or the time passing after it) refuses, the changes made on the way are taken
    /// back, last first: a refused operation leaves the book as it was.
    pub(super) fn transact<T: Collects>(
        &mut self,
        event: &Event,
        now: DateTime<Utc>,
        op: impl FnOnce(&mut Self, &mut Journal) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.check_event(event)?;
        let mut journal = Journal::default();
        let done = match self.settle(event, now, &mut journal) {
            Ok(()) => op(self, &mut journal),
            Err(e) => Err(e),
        };
        let done = done.and_then(|result| self.settle(event, now, &mut journal).map(|()| result));
        match done {
            Ok(mut result) => {
                result.collect(journal.changes);
                Ok(result)
            }
            Err(e) => {
                self.take_back(journal);
                Err(e)
            }
        }
    }

    fn take_back(&mut self, journal: Journal) {
        for undo in journal.undo.into_iter().rev() {
            match undo {
                Undo::Entry { index, before } => {
                    let Some(entry) = self.registrations.get_mut(index) else { continue };
                    self.index.remove(index, entry);
                    before.restore(entry);
                    self.index_entry(index);
                }
                Undo::Added => {
                    let last = self.registrations.len().saturating_sub(1);
                    if let Some(entry) = self.registrations.last() {
                        self.index.remove(last, entry);
                        self.index.remove_id(&self.registrations, last);
                    }
                    self.registrations.pop();
                }
                Undo::Capacity { capacity, history } => {
                    self.capacity = capacity;
                    self.capacity_history.truncate(history);
                }
            }
        }
    }

    /// Indexes the registration at `index` as it stands (all but its id).
    fn index_entry(&mut self, index: usize) {
        if let Some(entry) = self.registrations.get(index) {
            self.index.add(&self.registrations, index, entry);
        }
    }

    /// Notes a capacity about to change, so that a refusal can take it back.
    pub(super) fn note_capacity(&self, journal: &mut Journal) {
        journal.undo.push(Undo::Capacity { capacity: self.capacity, history: self.capacity_history.len() });
    }

    pub(super) fn check_event(&self, event: &Event) -> Result<(), Error> {
        if event.id == self.event_id {
            return Ok(());
        }
        Err(Error::Rejected(vec![
            Violation::new(
                Code::RegistrationUnknownId,
                "event_id",
                format!("this book belongs to event {:?}, not {:?}", self.event_id, event.id),
            )
            .with_param("book_event_id", self.event_id.as_str())
            .with_param("event_id", event.id.as_str()),
        ]))
    }

    /// The position and status of a registration.
    pub(super) fn find(&self, id: &str) -> Result<(usize, BookStatus), Error> {
        self.index
            .find_id(&self.registrations, id)
            .and_then(|i| self.registrations.get(i).map(|e| (i, e.status)))
            .ok_or_else(|| {
                Error::Rejected(vec![
                    Violation::new(Code::RegistrationUnknownId, "id", format!("no registration {id:?} in this book"))
                        .with_param("id", id),
                ])
            })
    }

    /// The one place a registration in the book changes: the entry is appended to its
    /// history, the indexes follow, and the journal can take it back.
    pub(super) fn record(&mut self, index: usize, mut h: HistoryEntry, journal: &mut Journal) {
        self.sign(&mut h);
        let Some(entry) = self.registrations.get_mut(index) else { return };
        journal.changes.push(Change { registration_id: entry.id.clone(), entry: h.clone() });
        journal.undo.push(Undo::Entry { index, before: Box::new(Before::of(entry, h.record.is_some())) });
        self.index.remove(index, entry);
        entry.apply(h);
        self.index_entry(index);
    }

    /// Names who acts (see [`RegistrationBook::acting_as`]) on what a person did; what the
    /// book does by itself (offers made and expired) is the system's, by nobody's name.
    fn sign(&self, h: &mut HistoryEntry) {
        if h.actor != Actor::System {
            h.by.clone_from(&self.acting.as_deref().map(str::to_owned));
        }
    }

    /// Adds a registration at the end of the book with its first history entry.
    pub(super) fn add(&mut self, id: String, mut h: HistoryEntry, journal: &mut Journal) -> usize {
        self.sign(&mut h);
        let mut entry = BookEntry {
            id,
            record: Arc::default(),
            email: String::new(),
            country: None,
            occurrence: None,
            status: h.to,
            submitted_at: h.at,
            offer_expires_at: None,
            forced: false,
            checked_in_at: None,
            history: Vec::with_capacity(1),
        };
        journal.changes.push(Change { registration_id: entry.id.clone(), entry: h.clone() });
        journal.undo.push(Undo::Added);
        entry.apply(h);
        let index = self.registrations.len();
        self.registrations.push(entry);
        self.index.add_id(&self.registrations, index);
        self.index_entry(index);
        index
    }

    /// The seats an entry's registration is for: its occurrence for an event taken per
    /// occurrence, else (`None`) the whole book.
    pub(super) fn group(&self, event: &Event, index: usize) -> Option<NaiveDateTime> {
        if !event.registration.per_occurrence {
            return None;
        }
        self.registrations.get(index).and_then(|e| e.occurrence)
    }

    /// The counts of a group: one occurrence's, or (`None`) the whole book's.
    pub(super) fn counts(&self, group: Option<NaiveDateTime>) -> Counts {
        self.index.counts(group)
    }

    /// Seats held in a group.
    pub(super) fn seats_held_in(&self, group: Option<NaiveDateTime>) -> u64 {
        self.counts(group).held()
    }

    /// Free seats in a group (`None`: unlimited).
    pub(super) fn free_seats_in(&self, group: Option<NaiveDateTime>) -> Option<u64> {
        self.capacity.map(|c| u64::from(c).saturating_sub(self.seats_held_in(group)))
    }

    pub(super) fn anyone_waiting_in(&self, group: Option<NaiveDateTime>) -> bool {
        self.counts(group).waitlisted() > 0
    }

    /// `registration.full` unless a group's seats can take `more` held seats (`more` is 0 for
    /// a registration that holds its seat already: then the seats held must not be past the
    /// capacity). Returns the seats held and the capacity when it is past and `force` is
    /// given, for the warning.
    pub(super) fn check_seats(
        &self,
        group: Option<NaiveDateTime>,
        more: u64,
        force: bool,
        hint: &str,
    ) -> Result<Option<(u32, u64)>, Error> {
        let Some(capacity) = self.capacity else { return Ok(None) };
        let held = self.seats_held_in(group);
        if held + more <= u64::from(capacity) {
            return Ok(None);
        }
        if force {
            return Ok(Some((capacity, held + more)));
        }
        Err(Error::Rejected(vec![at_occurrence(
            Violation::new(Code::RegistrationFull, "", format!("all {capacity} seats are held{hint}"))
                .with_param("capacity", capacity)
                .with_param("held", held),
            group,
        )]))
    }

    /// Expires the offers due at `now`, then offers every free seat to the
    /// people waiting, first come first served, while registration is open:
    /// per occurrence, each occurrence's seats to the people waiting for it
    /// while its registration is open.
    fn settle(&mut self, event: &Event, now: DateTime<Utc>, journal: &mut Journal) -> Result<(), Error> {
        for i in self.index.offers_due(now) {
            let h = HistoryEntry::new(
                now,
                BookAction::ExpireOffer,
                Actor::System,
                Some(BookStatus::Offered),
                BookStatus::Cancelled,
            );
            self.record(i, h, journal);
        }
        if event.registration.per_occurrence {
            if event.status == EventStatus::Cancelled || !self.anyone_waiting_in(None) {
                return Ok(());
            }
            for o in event.occurrences()? {
                if self.anyone_waiting_in(Some(o.recurrence_id)) {
                    let closes_at = event.registration_closes_for(&o);
                    self.offer_seats(event, Some(o.recurrence_id), closes_at, now, journal);
                }
            }
            return Ok(());
        }
        let closes_at = event.registration_closes_at()?;
        if event.status == EventStatus::Cancelled {
            return Ok(());
        }
        self.offer_seats(event, None, closes_at, now, journal);
        Ok(())
    }

    /// Offers a group's free seats to the people waiting in it, first come first served, while
    /// its registration is open; each offer runs `offer_hours`, never past `closes_at`.
    fn offer_seats(
        &mut self,
        event: &Event,
        group: Option<NaiveDateTime>,
        closes_at: DateTime<Utc>,
        now: DateTime<Utc>,
        journal: &mut Journal,
    ) {
        if now >= closes_at || !self.anyone_waiting_in(group) {
            return;
        }
        let seats = self.free_seats_in(group).map_or(usize::MAX, |free| usize::try_from(free).unwrap_or(usize::MAX));
        let chosen: Vec<usize> = self.index.waiting(group).take(seats).map(|&(_, _, i)| i as usize).collect();
        let expires =
            now.checked_add_signed(event.registration.offer_duration()).map_or(closes_at, |t| t.min(closes_at));
        for i in chosen {
            let mut h = HistoryEntry::new(
                now,
                BookAction::Offer,
                Actor::System,
                Some(BookStatus::Waitlisted),
                BookStatus::Offered,
            );
            h.offer_expires_at = Some(expires);
            self.record(i, h, journal);
        }
    }
}
