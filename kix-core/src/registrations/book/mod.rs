//! The registration book: every registration an event holds, where it stands
//! and how it got there, so that a web service, a phone and a notebook give
//! the same answer to "who holds a seat now?".
//!
//! A [`RegistrationBook`] is a serde document a service can store. Each
//! operation ([`submit`](RegistrationBook::submit), [`approve`](RegistrationBook::approve),
//! [`deny`](RegistrationBook::deny), [`cancel`](RegistrationBook::cancel),
//! [`reinstate`](RegistrationBook::reinstate), [`accept_offer`](RegistrationBook::accept_offer),
//! [`decline_offer`](RegistrationBook::decline_offer), [`set_capacity`](RegistrationBook::set_capacity),
//! [`advance`](RegistrationBook::advance), [`check_in`](RegistrationBook::check_in)) depends only on
//! the book, the event and the instant `now` it is given; it returns the
//! [`Change`]s it made (one per history entry appended, so a service can
//! notify people) or refuses with violations and leaves the book as it was.
//!
//! The waiting list runs as pretix runs it: first come, first served by
//! submission instant, then id; a freed seat becomes an [`BookStatus::Offered`]
//! seat for the first person waiting, held for the policy's `offer_hours` and
//! never past registration close. Offers hold their seat; one that expires or
//! is declined passes the seat on.
//!
//! An event taken per occurrence (`RegistrationPolicy::per_occurrence`) keeps a
//! registration per person and occurrence: each [`BookEntry`] carries its
//! occurrence, and the capacity (the same for every occurrence), the waiting list
//! and its offers, the registration window, the registrants' cancellation deadline
//! and the reminders are those of the entry's occurrence. [`RegistrationBook::ledger_of`]
//! gives one occurrence's seats.

mod index;
mod ops;
mod settle;
mod submit;
#[cfg(test)]
mod tests;
mod types;

use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use self::index::Index;
pub use self::types::{
    Actor, Applied, BookAction, BookEntry, BookStatus, CapacityChange, Change, HistoryEntry, Reminder, SeatLedger,
    Submission,
};
use crate::events::event::{Approval, Event};
use crate::registrations::registration::Registration;
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};

/// Every registration of one event, with the seats and the waiting list.
///
/// ```
/// use kix_core::{BookStatus, Registration, RegistrationBook};
/// let hub = kix_core::emap();
/// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
/// event.registration.capacity = Some(1);
/// event.registration.waiting_list = true;
/// let mut book = RegistrationBook::new(&event);
/// let person = |email: &str| Registration {
///     full_name: Some("Someone".into()), email: Some(email.into()), country: Some("Nepal".into()),
///     audience: Some("teacher".into()), ..Default::default()
/// };
/// let first = book.submit(hub, &event, &person("a@example.np"), "2024-07-20T08:00:00Z".parse()?)?;
/// let second = book.submit(hub, &event, &person("b@example.np"), "2024-07-20T08:05:00Z".parse()?)?;
/// assert_eq!(second.status, Some(BookStatus::Waitlisted));
/// // The first person cancels: the seat is offered to the second, for 48 hours.
/// let applied = book.cancel(&event, first.id.as_deref().unwrap(), kix_core::Actor::Registrant, None,
///                           "2024-07-21T08:00:00Z".parse()?)?;
/// assert_eq!(applied.changes.len(), 2);
/// let b = book.get(second.id.as_deref().unwrap()).unwrap();
/// assert_eq!(b.status, BookStatus::Offered);
/// assert_eq!(b.offer_expires_at, Some("2024-07-23T08:00:00Z".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Serialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationBook {
    /// The event's id.
    pub event_id: String,
    /// Seats (absent: unlimited): the event's when the book was opened, then as set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// Every registration, in the order first submitted.
    registrations: Vec<BookEntry>,
    /// Every capacity change, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity_history: Vec<CapacityChange>,
    /// What the rules look up, built from the registrations (never stored).
    #[serde(skip)]
    #[cfg_attr(feature = "schemas", schemars(skip))]
    index: Index,
    /// Who acts in the operation under way, by name (see [`RegistrationBook::acting_as`]).
    #[serde(skip)]
    #[cfg_attr(feature = "schemas", schemars(skip))]
    acting: Option<Box<str>>,
}

/// The book as stored: what [`RegistrationBook`] reads before it builds its indexes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredBook {
    event_id: String,
    #[serde(default)]
    capacity: Option<u32>,
    #[serde(deserialize_with = "entries_sharing_records")]
    registrations: Vec<BookEntry>,
    #[serde(default)]
    capacity_history: Vec<CapacityChange>,
}

/// The registrations as read, each sharing its record with its history's as soon as it is
/// read: the entry's own copy is freed before the next entry is read, so the allocator
/// reuses it, instead of a book of 100,000 leaving 100,000 freed records between the live
/// ones (which a process's resident size keeps).
fn entries_sharing_records<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<BookEntry>, D::Error> {
    struct Entries;
    impl<'de> serde::de::Visitor<'de> for Entries {
        type Value = Vec<BookEntry>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of registrations")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            // A hint from the input is not trusted for more than a modest start.
            let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(mut entry) = seq.next_element::<BookEntry>()? {
                entry.share_record();
                // A list read grows to four places at its first element: a history of one
                // would hold three empty ones (384 bytes a registration).
                entry.history.shrink_to_fit();
                entries.push(entry);
            }
            // Growing by doubling leaves up to half the list unused: give it back.
            entries.shrink_to_fit();
            Ok(entries)
        }
    }
    deserializer.deserialize_seq(Entries)
}

impl<'de> Deserialize<'de> for RegistrationBook {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredBook::deserialize(deserializer)?;
        Ok(RegistrationBook::with_entries(
            stored.event_id,
            stored.capacity,
            stored.capacity_history,
            stored.registrations,
        ))
    }
}

/// Two books are equal when their documents are (the indexes follow from them).
impl PartialEq for RegistrationBook {
    fn eq(&self, other: &Self) -> bool {
        self.event_id == other.event_id
            && self.capacity == other.capacity
            && self.registrations == other.registrations
            && self.capacity_history == other.capacity_history
    }
}

impl fmt::Debug for RegistrationBook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationBook")
            .field("event_id", &self.event_id)
            .field("capacity", &self.capacity)
            .field("registrations", &self.registrations)
            .field("capacity_history", &self.capacity_history)
            .finish_non_exhaustive()
    }
}

pub(super) fn invalid_transition(id: &str, from: BookStatus, to: &str) -> Error {
    Error::Rejected(vec![
        Violation::new(
            Code::RegistrationInvalidTransition,
            "status",
            format!("registration {id} is {from}; it cannot become {to}"),
        )
        .with_param("id", id)
        .with_param("from", from.as_str())
        .with_param("to", to),
    ])
}

pub(super) fn closed(message: &str, closes_at: DateTime<Utc>) -> Violation {
    Violation::new(Code::RegistrationClosed, "", message).with_param("closes_at", closes_at)
}

/// What two submissions of one person are compared on: everything but the
/// moment the form was sent.
pub(super) fn same_data(a: &Registration, b: &Registration) -> bool {
    Registration { submitted_at: None, ..a.clone() } == Registration { submitted_at: None, ..b.clone() }
}

impl RegistrationBook {
    /// An empty book for an event, with its capacity.
    ///
    /// ```
    /// let event = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// let book = kix_core::RegistrationBook::new(event);
    /// assert_eq!(book.event_id, "kix-emap-webinar-20");
    /// assert!(book.registrations().is_empty());
    /// ```
    #[must_use]
    pub fn new(event: &Event) -> Self {
        RegistrationBook::with_entries(event.id.clone(), event.registration.capacity, Vec::new(), Vec::new())
    }

    /// Runs `operation` on the book with `by` named as who acts: every history entry and
    /// capacity change it records by a person (not the book's own offers and expiries)
    /// carries `by`. A service passes the name of the organiser's token here, so the
    /// history says who approved, whatever the request said.
    ///
    /// ```
    /// use kix_core::{Approval, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// event.registration.approval = Approval::Manual;
    /// let mut book = RegistrationBook::new(&event);
    /// let r = Registration { full_name: Some("Lobsang".into()), email: Some("l@example.bt".into()),
    ///     country: Some("BT".into()), audience: Some("teacher".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, &event, &r, now)?.id.unwrap();
    /// book.acting_as("hub desk", |book| book.approve(&event, &id, false, now))?;
    /// assert_eq!(book.history(&id).last().unwrap().by.as_deref(), Some("hub desk"));
    /// assert_eq!(book.history(&id)[0].by, None, "the submission was nobody's by name");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn acting_as<T>(&mut self, by: &str, operation: impl FnOnce(&mut Self) -> T) -> T {
        let before = self.acting.replace(by.into());
        let answer = operation(self);
        self.acting = before;
        answer
    }

    fn with_entries(
        event_id: String,
        capacity: Option<u32>,
        capacity_history: Vec<CapacityChange>,
        mut registrations: Vec<BookEntry>,
    ) -> Self {
        registrations.iter_mut().for_each(BookEntry::share_record);
        let index = Index::build(&registrations);
        RegistrationBook { event_id, capacity, registrations, capacity_history, index, acting: None }
    }

    /// A book put together from what a store keeps apart: its head (a book without
    /// registrations, as [`RegistrationBook::head`] gives it) and its registrations, in the
    /// order first submitted. Equal to the book they were taken from.
    ///
    /// ```
    /// # use kix_core::{BookEntry, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.mv".into()),
    ///     country: Some("MV".into()), audience: Some("other".into()), ..Default::default() };
    /// book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?;
    /// let rows: Vec<String> = book.registrations().iter().map(BookEntry::to_json).collect();
    /// let head = RegistrationBook::from_json(&book.head().to_json())?;
    /// let entries = rows.iter().map(|row| BookEntry::from_json(row)).collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(RegistrationBook::from_entries(head, entries), book);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_entries(head: RegistrationBook, entries: impl IntoIterator<Item = BookEntry>) -> Self {
        let mut book = head;
        for entry in entries {
            book.insert_loaded(entry);
        }
        book
    }

    /// Adds a registration read from a store at the end of the book, as [`RegistrationBook::from_json`]
    /// would have read it: nothing is checked and nothing is recorded in its history.
    ///
    /// ```
    /// # use kix_core::{BookEntry, RegistrationBook};
    /// let mut book = RegistrationBook::from_json(r#"{"event_id": "e", "registrations": []}"#)?;
    /// book.insert_loaded(BookEntry::from_json(r#"{"id": "r-000001", "record": {}, "email": "a@example.org",
    ///     "status": "waitlisted", "submitted_at": "2024-07-20T08:00:00Z", "history": []}"#)?);
    /// assert_eq!(book.ledger().waitlisted, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert_loaded(&mut self, mut entry: BookEntry) {
        entry.share_record();
        entry.history.shrink_to_fit();
        let index = self.registrations.len();
        self.registrations.push(entry);
        self.index.add_id(&self.registrations, index);
        if let Some(entry) = self.registrations.get(index) {
            self.index.add(&self.registrations, index, entry);
        }
    }

    /// The book's head: everything but the registrations (what a store keeps in one row).
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert_eq!(book.head().to_json(), r#"{"event_id":"kix-emap-webinar-20","registrations":[]}"#);
    /// ```
    #[must_use]
    pub fn head(&self) -> RegistrationBook {
        RegistrationBook::with_entries(self.event_id.clone(), self.capacity, self.capacity_history.clone(), Vec::new())
    }

    /// Every registration, in the order first submitted.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert!(book.registrations().is_empty());
    /// ```
    #[must_use]
    pub fn registrations(&self) -> &[BookEntry] {
        &self.registrations
    }

    /// Reads a book from JSON.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::from_json(r#"{"event_id": "e", "registrations": []}"#)?;
    /// assert_eq!(book.capacity, None);
    /// assert!(kix_core::RegistrationBook::from_json("{}").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Error::parse_json("registration book", text)
    }

    /// The book as JSON.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert_eq!(kix_core::RegistrationBook::from_json(&book.to_json())?, book);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A registration by id.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert!(book.get("r-000001").is_none());
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&BookEntry> {
        self.index.find_id(&self.registrations, id).and_then(|i| self.registrations.get(i))
    }

    /// Where a registration stands in [`RegistrationBook::registrations`] (a store's row number).
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert_eq!(book.position("r-000001"), None);
    /// ```
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.find_id(&self.registrations, id)
    }

    /// A registration's history, oldest first (empty for an unknown id).
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert!(book.history("r-000001").is_empty());
    /// ```
    #[must_use]
    pub fn history(&self, id: &str) -> &[HistoryEntry] {
        self.get(id).map_or(&[], |e| e.history.as_slice())
    }

    /// The book rebuilt from the registrations' histories alone (see
    /// [`BookEntry::replay`]); equal to the book whenever the histories are whole.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert_eq!(book.replay(), book);
    /// ```
    #[must_use]
    pub fn replay(&self) -> RegistrationBook {
        RegistrationBook::with_entries(
            self.event_id.clone(),
            self.capacity,
            self.capacity_history.clone(),
            self.registrations.iter().filter_map(|e| BookEntry::replay(&e.id, &e.history)).collect(),
        )
    }

    /// Seats held now: confirmed, pending and offered.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert_eq!(book.seats_held(), 0);
    /// ```
    #[must_use]
    pub fn seats_held(&self) -> u64 {
        self.index.counts(None).held()
    }

    /// The seat ledger of the event.
    ///
    /// ```
    /// let mut event = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// event.registration.capacity = Some(100);
    /// assert_eq!(kix_core::RegistrationBook::new(&event).ledger().free, Some(100));
    /// ```
    ///
    /// For an event taken per occurrence the counts are over every occurrence, and the capacity
    /// and the free seats are summed over the occurrences the registrations name (an occurrence
    /// nobody registered for adds nothing); [`RegistrationBook::ledger_of`] gives one occurrence's.
    #[must_use]
    pub fn ledger(&self) -> SeatLedger {
        let mut ledger = self.index.counts(None).ledger(self.capacity);
        let mut occurrences = self.index.occurrences().peekable();
        if occurrences.peek().is_some() {
            let per: Vec<SeatLedger> = occurrences.map(|(_, counts)| counts.ledger(self.capacity)).collect();
            let summed = SeatLedger::sum(&per);
            (ledger.capacity, ledger.free) = (summed.capacity, summed.free);
        }
        ledger
    }

    /// The seat ledger of one occurrence of an event taken per occurrence: its registrations,
    /// the capacity (every occurrence has the book's) and its free seats.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(2), ..Recurrence::new(Frequency::Weekly) });
    /// e.registration.per_occurrence = true;
    /// e.registration.capacity = Some(10);
    /// let mut book = RegistrationBook::new(&e);
    /// let second = "2024-08-07T13:00:00".parse()?;
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.np".into()), country: Some("NP".into()),
    ///     audience: Some("teacher".into()), occurrence: Some(second), ..Default::default() };
    /// book.submit(hub, &e, &r, "2024-07-20T08:00:00Z".parse()?)?;
    /// assert_eq!((book.ledger_of(second).confirmed, book.ledger_of(second).free), (1, Some(9)));
    /// assert_eq!(book.ledger_of("2024-07-31T13:00:00".parse()?).free, Some(10));
    /// assert_eq!(book.ledger().confirmed, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ledger_of(&self, occurrence: NaiveDateTime) -> SeatLedger {
        self.index.counts(Some(occurrence)).ledger(self.capacity)
    }
}

/// A violation about one occurrence's seats or window names it.
pub(super) fn at_occurrence(v: Violation, occurrence: Option<NaiveDateTime>) -> Violation {
    match occurrence {
        Some(o) => v.with_param("occurrence", o),
        None => v,
    }
}

/// The status a person given a seat gets: pending when the event needs approval.
pub(super) fn seated(event: &Event) -> BookStatus {
    match event.registration.approval {
        Approval::Manual => BookStatus::Pending,
        Approval::Automatic => BookStatus::Confirmed,
    }
}

pub(super) fn over_capacity(capacity: u32, held: u64) -> Violation {
    Violation::new(
        Code::RegistrationOverCapacity,
        "capacity",
        format!("{held} seats are held for a capacity of {capacity}; nobody was dropped"),
    )
    .with_param("capacity", capacity)
    .with_param("held", held)
}
