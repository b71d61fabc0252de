//! The registration book for Kotlin and Swift: one event's registrations as a
//! system of record (kix-core's `book`). Every rule — the waiting list, offers,
//! transitions, the seat ledger, reminders — is the core's; this file converts.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use kix_core as core;

use crate::convert::{instant, system_time, to_json_str, wall, wall_text};
use crate::error::{KixError, Result, Violation};
use crate::objects::{Hub, RegistrationBook};
use crate::records::Registration;

/// One entry appended to a registration's history.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BookChange {
    /// The registration changed.
    pub registration_id: String,
    /// When.
    pub at: SystemTime,
    /// What happened (`submit`, `approve`, `offer`, `expire_offer`, ...).
    pub action: String,
    /// Who did it: `registrant`, `organiser` or `system`.
    pub actor: String,
    /// The status before (none for a submission).
    pub from: Option<String>,
    /// The status after.
    pub to: String,
    /// Why, when given.
    pub reason: Option<String>,
    /// Until when an offer holds the seat.
    pub offer_expires_at: Option<SystemTime>,
    /// Whether an organiser went past capacity on purpose.
    pub forced: bool,
}

fn change(registration_id: &str, h: &core::HistoryEntry) -> BookChange {
    BookChange {
        registration_id: registration_id.to_owned(),
        at: system_time(h.at),
        action: to_json_str(&h.action),
        actor: h.actor.as_str().to_owned(),
        from: h.from.map(|s| s.as_str().to_owned()),
        to: h.to.as_str().to_owned(),
        reason: h.reason.clone(),
        offer_expires_at: h.offer_expires_at.map(system_time),
        forced: h.forced,
    }
}

fn changes(list: &[core::Change]) -> Vec<BookChange> {
    list.iter().map(|c| change(&c.registration_id, &c.entry)).collect()
}

/// What a submission did: the registration's id and status, or the violations that refused it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BookSubmission {
    /// The registration's id (absent when refused).
    pub id: Option<String>,
    /// Its status (absent when refused).
    pub status: Option<String>,
    /// Every violation found (warnings too).
    pub violations: Vec<Violation>,
    /// The changes made (none by the submission itself when it is a duplicate).
    pub changes: Vec<BookChange>,
    /// Whether the address already holds a registration in the book (`registration.duplicate`):
    /// nothing changed, and `id` is that registration's, for reaching its person (re-sending
    /// their own link), never for answering whoever submitted.
    pub duplicate: bool,
}

/// What an operation did: its changes, for notifying people, and its warnings.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BookApplied {
    /// Every history entry appended, in order.
    pub changes: Vec<BookChange>,
    /// Warnings such as `registration.over_capacity`.
    pub warnings: Vec<Violation>,
}

impl From<core::Applied> for BookApplied {
    fn from(a: core::Applied) -> Self {
        BookApplied { changes: changes(&a.changes), warnings: a.warnings.iter().map(Violation::from).collect() }
    }
}

/// The seats of an event.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SeatLedger {
    /// The capacity (absent: unlimited).
    pub capacity: Option<u64>,
    /// Confirmed registrations.
    pub confirmed: u64,
    /// Registrations awaiting approval (they hold a seat).
    pub pending: u64,
    /// Freed seats held for someone from the waiting list.
    pub offered: u64,
    /// People waiting.
    pub waitlisted: u64,
    /// Seats nobody holds (absent: unlimited).
    pub free: Option<u64>,
    /// People who attended.
    pub checked_in: u64,
    /// Denied registrations.
    pub denied: u64,
    /// Cancelled registrations.
    pub cancelled: u64,
}

impl From<core::SeatLedger> for SeatLedger {
    fn from(l: core::SeatLedger) -> Self {
        SeatLedger {
            capacity: l.capacity,
            confirmed: l.confirmed,
            pending: l.pending,
            offered: l.offered,
            waitlisted: l.waitlisted,
            free: l.free,
            checked_in: l.checked_in,
            denied: l.denied,
            cancelled: l.cancelled,
        }
    }
}

/// A registration as the book holds it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BookEntry {
    /// Its stable id (`r-000001`, ...).
    pub id: String,
    /// Its status.
    pub status: String,
    /// The e-mail as kix compared it.
    pub email: String,
    /// The language asked for, if any.
    pub language: Option<String>,
    /// The occurrence registered for, for an event taken per occurrence (`2025-03-04T10:00:00`).
    pub occurrence: Option<String>,
    /// Until when an offer holds the seat.
    pub offer_expires_at: Option<SystemTime>,
    /// When it attended.
    pub checked_in_at: Option<SystemTime>,
    /// Its whole history, oldest first.
    pub history: Vec<BookChange>,
}

impl From<&core::BookEntry> for BookEntry {
    fn from(e: &core::BookEntry) -> Self {
        BookEntry {
            id: e.id.clone(),
            status: e.status.as_str().to_owned(),
            email: e.email.clone(),
            language: e.record.language.clone(),
            occurrence: e.occurrence.map(wall_text),
            offer_expires_at: e.offer_expires_at.map(system_time),
            checked_in_at: e.checked_in_at.map(system_time),
            history: e.history.iter().map(|h| change(&e.id, h)).collect(),
        }
    }
}

/// When to remind a registrant, with the event's start in their own zone.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BookReminder {
    /// The registration.
    pub registration_id: String,
    /// How long before the start.
    pub minutes_before: u32,
    /// When to send it.
    pub send_at: SystemTime,
    /// The registrant's zone.
    pub zone: String,
    /// The start in that zone, as RFC 3339 text with its offset.
    pub event_start_local: String,
}

impl RegistrationBook {
    fn apply(
        &self,
        op: impl FnOnce(&mut core::RegistrationBook, &core::Event) -> std::result::Result<core::Applied, core::Error>,
    ) -> Result<BookApplied> {
        Ok(op(&mut self.book(), &self.event)?.into())
    }
}

#[uniffi::export]
impl RegistrationBook {
    /// An empty book for the hub's event `event_id`.
    #[uniffi::constructor]
    pub fn new(hub: Arc<Hub>, event_id: String) -> Result<Arc<Self>> {
        let event = hub.read().require_event(&event_id)?.clone();
        let book = Mutex::new(core::RegistrationBook::new(&event));
        Ok(Arc::new(RegistrationBook { hub, event, book }))
    }

    /// A book stored with `to_json`, for the hub's event `event_id`.
    #[uniffi::constructor]
    pub fn from_json(hub: Arc<Hub>, event_id: String, json: String) -> Result<Arc<Self>> {
        let event = hub.read().require_event(&event_id)?.clone();
        let book = Mutex::new(core::RegistrationBook::from_json(&json)?);
        Ok(Arc::new(RegistrationBook { hub, event, book }))
    }

    /// The book as JSON (the `registration_book` JSON Schema).
    pub fn to_json(&self) -> String {
        self.book().to_json()
    }

    /// Submits a registration. A submission never changes a registration already in the book:
    /// an address that holds one answers a duplicate (`duplicate`, `registration.duplicate`)
    /// with its id, and nothing changes; changes to a record go through `update`.
    pub fn submit(&self, record: Registration, now: SystemTime) -> Result<BookSubmission> {
        let now = instant(now)?;
        let (record, found) = record.read();
        if !found.is_empty() {
            return Err(core::Error::Rejected(found).into());
        }
        let s = self.book().submit(&self.hub.read(), &self.event, &record, now)?;
        Ok(BookSubmission {
            status: s.status.map(|st| st.as_str().to_owned()),
            violations: s.violations.iter().map(Violation::from).collect(),
            changes: changes(&s.changes),
            duplicate: s.is_duplicate(),
            id: s.id,
        })
    }

    /// Replaces a registration's record (the caller has made sure the change is the registrant's
    /// or an organiser's): checked with the desk's rules, refused with every violation; the
    /// earlier record stays in the history.
    pub fn update(&self, id: String, record: Registration, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        let (record, found) = record.read();
        if !found.is_empty() {
            return Err(core::Error::Rejected(found).into());
        }
        let hub = self.hub.read();
        self.apply(|b, e| b.update(&hub, e, &id, &record, now))
    }

    /// Approves a registration; past capacity only with `force` (recorded).
    pub fn approve(&self, id: String, force: bool, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.approve(e, &id, force, now))
    }

    /// Denies a registration; the e-mail cannot register again until reinstated.
    pub fn deny(&self, id: String, reason: String, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.deny(e, &id, &reason, now))
    }

    /// Cancels a registration; `by` is `registrant` (until the policy's deadline) or `organiser`.
    pub fn cancel(&self, id: String, by: String, reason: Option<String>, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        let actor: core::Actor = by.parse()?;
        self.apply(|b, e| b.cancel(e, &id, actor, reason.as_deref(), now))
    }

    /// Reinstates a denied or cancelled registration.
    pub fn reinstate(&self, id: String, reason: Option<String>, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.reinstate(e, &id, reason.as_deref(), now))
    }

    /// Accepts the offer of a freed seat.
    pub fn accept_offer(&self, id: String, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.accept_offer(e, &id, now))
    }

    /// Declines the offer of a freed seat; the next in line is offered it.
    pub fn decline_offer(&self, id: String, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.decline_offer(e, &id, now))
    }

    /// Changes the capacity (absent: unlimited); below the seats held is a warning.
    pub fn set_capacity(&self, capacity: Option<u32>, reason: Option<String>, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.set_capacity(e, capacity, reason.as_deref(), now))
    }

    /// Expires due offers and offers freed seats to the next in line.
    pub fn advance(&self, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.advance(e, now))
    }

    /// Records that a registrant attended.
    pub fn check_in(&self, id: String, now: SystemTime) -> Result<BookApplied> {
        let now = instant(now)?;
        self.apply(|b, e| b.check_in(e, &id, now))
    }

    /// The seats: confirmed, pending, offered, waitlisted, free, checked in (for an event
    /// taken per occurrence, over every occurrence; capacity and free seats summed over the
    /// occurrences registered for).
    pub fn ledger(&self) -> SeatLedger {
        self.book().ledger().into()
    }

    /// The seats of one occurrence (its wall-clock start, such as `2025-03-04T10:00:00`) of an
    /// event taken per occurrence.
    pub fn ledger_of(&self, occurrence: String) -> Result<SeatLedger> {
        Ok(self.book().ledger_of(wall(&occurrence)?).into())
    }

    /// Every registration, in submission order.
    pub fn entries(&self) -> Vec<BookEntry> {
        self.book().registrations().iter().map(BookEntry::from).collect()
    }

    /// One registration.
    pub fn entry(&self, id: String) -> Result<BookEntry> {
        self.book()
            .get(&id)
            .map(BookEntry::from)
            .ok_or_else(|| KixError::NotFound { reason: format!("no registration with id {id:?}") })
    }

    /// When to remind each active registrant, with the start in their own zone.
    pub fn reminders(&self) -> Result<Vec<BookReminder>> {
        let reminders = self.book().reminders(&self.hub.read(), &self.event)?;
        Ok(reminders
            .into_iter()
            .map(|r| BookReminder {
                registration_id: r.registration_id,
                minutes_before: r.minutes_before,
                send_at: system_time(r.send_at),
                zone: r.zone.as_str().to_owned(),
                event_start_local: r.event_start_local.to_rfc3339(),
            })
            .collect())
    }
}
