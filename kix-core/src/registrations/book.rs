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

use std::fmt;

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::events::event::{Approval, Event, EventStatus};
use crate::hub::Hub;
use crate::registrations::registration::{HeldRegistration, Registration, RegistrationDesk, RegistrationStatus};
use crate::shared::email::normalize_email;
use crate::shared::error::Error;
use crate::shared::spelling::spelled;
use crate::shared::violation::{Code, Violation};
use crate::time::zone::ZoneId;

/// Where a registration in a book stands. Exactly one at a time.
///
/// ```
/// use kix_core::BookStatus;
/// assert!(BookStatus::Offered.holds_seat(), "an offer keeps the seat for its person");
/// assert!(!BookStatus::Waitlisted.holds_seat());
/// assert_eq!(BookStatus::Denied.as_str(), "denied");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookStatus {
    /// Holds a seat.
    Confirmed,
    /// Holds a seat, awaiting an organiser's approval.
    Pending,
    /// Waiting for a seat to be freed.
    Waitlisted,
    /// A freed seat held for this person until the offer expires.
    Offered,
    /// Refused by an organiser; the e-mail cannot register again until reinstated.
    Denied,
    /// Cancelled by the registrant or an organiser, or an offer declined or expired.
    Cancelled,
}

impl BookStatus {
    /// Whether a registration in this status holds a seat (confirmed, pending, offered).
    ///
    /// ```
    /// assert!(kix_core::BookStatus::Pending.holds_seat());
    /// ```
    #[must_use]
    pub fn holds_seat(self) -> bool {
        matches!(self, BookStatus::Confirmed | BookStatus::Pending | BookStatus::Offered)
    }

    /// The JSON name.
    ///
    /// ```
    /// assert_eq!(kix_core::BookStatus::Offered.as_str(), "offered");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BookStatus::Confirmed => "confirmed",
            BookStatus::Pending => "pending",
            BookStatus::Waitlisted => "waitlisted",
            BookStatus::Offered => "offered",
            BookStatus::Denied => "denied",
            BookStatus::Cancelled => "cancelled",
        }
    }

    fn from_desk(status: RegistrationStatus) -> Option<BookStatus> {
        match status {
            RegistrationStatus::Confirmed => Some(BookStatus::Confirmed),
            RegistrationStatus::Pending => Some(BookStatus::Pending),
            RegistrationStatus::Waitlisted => Some(BookStatus::Waitlisted),
            RegistrationStatus::Rejected => None,
        }
    }

    fn to_desk(self) -> Option<RegistrationStatus> {
        match self {
            // The desk only counts seats: an offer holds one like a pending registration.
            BookStatus::Confirmed => Some(RegistrationStatus::Confirmed),
            BookStatus::Pending | BookStatus::Offered => Some(RegistrationStatus::Pending),
            BookStatus::Waitlisted => Some(RegistrationStatus::Waitlisted),
            BookStatus::Denied | BookStatus::Cancelled => None,
        }
    }
}

impl fmt::Display for BookStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who did something to a registration.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::Actor::Organiser)?, r#""organiser""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The person registered.
    Registrant,
    /// An organiser of the event.
    Organiser,
    /// The book itself: offers made and expired as time passes.
    System,
}

/// What happened to a registration.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::BookAction::ExpireOffer)?, r#""expire_offer""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookAction {
    /// First submitted.
    Submit,
    /// Submitted again with changed data before the event.
    Update,
    /// Submitted again after a cancellation.
    Resubmit,
    /// Approved by an organiser.
    Approve,
    /// Denied by an organiser.
    Deny,
    /// Cancelled.
    Cancel,
    /// Reinstated after a denial or a cancellation.
    Reinstate,
    /// A freed seat offered to the first person waiting.
    Offer,
    /// The offer accepted.
    AcceptOffer,
    /// The offer declined.
    DeclineOffer,
    /// The offer expired unanswered.
    ExpireOffer,
    /// Checked in at the event (attended).
    CheckIn,
}

/// One entry of a registration's append-only history. Together the entries
/// hold everything the registration is: replaying them rebuilds it.
///
/// ```
/// let h: kix_core::HistoryEntry = serde_json::from_str(
///     r#"{"at": "2024-07-20T09:00:00Z", "action": "deny", "actor": "organiser", "reason": "not eligible",
///         "from": "pending", "to": "denied"}"#)?;
/// assert_eq!(h.to, kix_core::BookStatus::Denied);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// What happened.
    pub action: BookAction,
    /// Who did it.
    pub actor: Actor,
    /// Why, when someone said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The status before (absent on the first submission).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<BookStatus>,
    /// The status after.
    pub to: BookStatus,
    /// Until when an offer holds its seat (on offers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// Whether an approval was forced past capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
    /// The record as submitted (on submissions and updates only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Registration>,
    /// The normalized e-mail of the record (with the record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The country the record resolved to (with the record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The occurrence registered for, for an event taken per occurrence (with the record).
    ///
    /// ```
    /// let h: kix_core::HistoryEntry = serde_json::from_str(r#"{"at": "2024-07-20T09:00:00Z", "action": "submit",
    ///     "actor": "registrant", "to": "confirmed", "occurrence": "2024-08-07T13:00:00"}"#)?;
    /// assert_eq!(h.occurrence.unwrap().to_string(), "2024-08-07 13:00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<NaiveDateTime>,
}

impl HistoryEntry {
    fn new(at: DateTime<Utc>, action: BookAction, actor: Actor, from: Option<BookStatus>, to: BookStatus) -> Self {
        HistoryEntry {
            at,
            action,
            actor,
            reason: None,
            from,
            to,
            offer_expires_at: None,
            forced: false,
            record: None,
            email: None,
            country: None,
            occurrence: None,
        }
    }

    fn because(mut self, reason: Option<&str>) -> Self {
        self.reason = reason.map(str::to_owned);
        self
    }
}

/// One registration in a book.
///
/// ```
/// let hub = kix_core::emap();
/// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
/// let mut book = kix_core::RegistrationBook::new(&event);
/// let r: kix_core::Registration = serde_json::from_str(r#"{"full_name": "Dilnoza Yusupova",
///     "email": "Dilnoza@Example.UZ", "country": "Uzbekistan", "audience": "teacher"}"#)?;
/// let now = "2024-07-20T08:00:00Z".parse()?;
/// let s = book.submit(hub, &event, &r, now)?;
/// let entry = book.get(s.id.as_deref().unwrap()).unwrap();
/// assert_eq!(entry.id, "r-000001");
/// assert_eq!(entry.email, "dilnoza@example.uz");
/// assert_eq!(entry.submitted_at, now);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BookEntry {
    /// Stable id: `r-` and the six-digit (or longer) sequence number in the book.
    pub id: String,
    /// The record as last submitted.
    pub record: Registration,
    /// Its normalized e-mail, the key of one person in the book.
    pub email: String,
    /// The country the record resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The occurrence registered for (its `recurrence_id`), for an event taken per occurrence:
    /// the entry's seat, waiting list, window and reminders are that occurrence's.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::from_json(r#"{"event_id": "e", "registrations": [{"id": "r-000001",
    ///     "record": {}, "email": "a@example.org", "status": "confirmed", "submitted_at": "2024-07-20T08:00:00Z",
    ///     "occurrence": "2024-08-07T13:00:00", "history": []}]}"#)?;
    /// assert!(book.registrations[0].occurrence.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<NaiveDateTime>,
    /// The current status.
    pub status: BookStatus,
    /// When the book received the submission (the waiting list's order).
    pub submitted_at: DateTime<Utc>,
    /// Until when the current offer holds its seat (offered only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// Whether the seat was approved past capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
    /// When the person checked in (attended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Every change, oldest first; never rewritten.
    pub history: Vec<HistoryEntry>,
}

impl BookEntry {
    /// Rebuilds a registration from its id and history alone.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = kix_core::RegistrationBook::new(event);
    /// let r: kix_core::Registration = serde_json::from_str(r#"{"full_name": "Ana Rusu",
    ///     "email": "ana@example.md", "country": "MD", "audience": "teacher"}"#)?;
    /// book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?;
    /// let entry = &book.registrations[0];
    /// assert_eq!(kix_core::BookEntry::replay(&entry.id, &entry.history).as_ref(), Some(entry));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn replay(id: &str, history: &[HistoryEntry]) -> Option<BookEntry> {
        let first = history.first()?;
        let mut entry = BookEntry {
            id: id.to_owned(),
            record: Registration::default(),
            email: String::new(),
            country: None,
            occurrence: None,
            status: first.to,
            submitted_at: first.at,
            offer_expires_at: None,
            forced: false,
            checked_in_at: None,
            history: Vec::with_capacity(history.len()),
        };
        for h in history {
            entry.apply(h.clone());
        }
        Some(entry)
    }

    /// The one place a registration changes: every operation goes through it,
    /// so the history always holds all there is to know.
    fn apply(&mut self, h: HistoryEntry) {
        if let Some(record) = &h.record {
            self.record = record.clone();
            self.email = h.email.clone().unwrap_or_default();
            self.country = h.country;
            self.occurrence = h.occurrence;
        }
        if matches!(h.action, BookAction::Submit | BookAction::Resubmit) {
            self.submitted_at = h.at;
        }
        if h.action == BookAction::CheckIn {
            self.checked_in_at = Some(h.at);
        }
        if h.from != Some(h.to) {
            self.forced = h.forced;
        }
        self.status = h.to;
        self.offer_expires_at = h.offer_expires_at;
        self.history.push(h);
    }

    /// The waiting list's order: submission instant, then id.
    fn queue_key(&self) -> (DateTime<Utc>, &str) {
        (self.submitted_at, &self.id)
    }
}

/// A change made to one registration: the history entry appended, with its
/// registration's id, for a service to notify from.
///
/// ```
/// let c: kix_core::Change = serde_json::from_str(r#"{"registration_id": "r-000001",
///     "entry": {"at": "2024-07-20T09:00:00Z", "action": "offer", "actor": "system", "from": "waitlisted",
///     "to": "offered", "offer_expires_at": "2024-07-22T09:00:00Z"}}"#)?;
/// assert_eq!(c.entry.to, kix_core::BookStatus::Offered);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The registration changed.
    pub registration_id: String,
    /// What was appended to its history.
    pub entry: HistoryEntry,
}

/// A capacity change, kept in the book.
///
/// ```
/// let c: kix_core::CapacityChange = serde_json::from_str(
///     r#"{"at": "2024-07-20T09:00:00Z", "actor": "organiser", "from": 100, "to": 80}"#)?;
/// assert_eq!(c.to, Some(80));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CapacityChange {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: Actor,
    /// Seats before (absent: unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u32>,
    /// Seats after (absent: unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
    /// Why, when someone said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What an operation did: the changes made and any warnings (such as
/// `registration.over_capacity`).
///
/// ```
/// let a = kix_core::Applied::default();
/// assert!(a.changes.is_empty() && a.warnings.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applied {
    /// Every history entry appended, in order.
    pub changes: Vec<Change>,
    /// Warnings: the operation was applied, but someone should look.
    pub warnings: Vec<Violation>,
}

/// The answer to a submission.
///
/// ```
/// let s = kix_core::Submission { id: None, status: None, violations: vec![], changes: vec![] };
/// assert!(s.is_rejected());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The registration's id; absent when the submission was rejected (nothing was stored).
    pub id: Option<String>,
    /// Its status in the book; absent when rejected.
    pub status: Option<BookStatus>,
    /// Every violation found; errors mean the submission was rejected.
    pub violations: Vec<Violation>,
    /// The changes made (none for an identical resubmission).
    pub changes: Vec<Change>,
}

impl Submission {
    /// Whether the submission was refused (and nothing stored).
    ///
    /// ```
    /// let s = kix_core::Submission { id: Some("r-000001".into()), status: Some(kix_core::BookStatus::Confirmed),
    ///     violations: vec![], changes: vec![] };
    /// assert!(!s.is_rejected());
    /// ```
    #[must_use]
    pub fn is_rejected(&self) -> bool {
        self.id.is_none()
    }

    fn rejected(violations: Vec<Violation>) -> Self {
        Submission { id: None, status: None, violations, changes: Vec::new() }
    }
}

/// Seats of one event, or summed over several.
///
/// ```
/// let hub = kix_core::emap();
/// let book = kix_core::RegistrationBook::new(hub.event("kix-emap-webinar-20").unwrap());
/// let ledger = book.ledger();
/// assert_eq!((ledger.confirmed, ledger.held()), (0, 0));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeatLedger {
    /// Seats (absent: unlimited).
    pub capacity: Option<u64>,
    /// Confirmed registrations.
    pub confirmed: u64,
    /// Pending registrations (they hold seats).
    pub pending: u64,
    /// Open offers (they hold seats).
    pub offered: u64,
    /// People on the waiting list.
    pub waitlisted: u64,
    /// Seats neither held nor offered (absent: unlimited). Zero when more are held than the capacity.
    pub free: Option<u64>,
    /// Confirmed registrations checked in.
    pub checked_in: u64,
    /// Denied registrations.
    pub denied: u64,
    /// Cancelled registrations.
    pub cancelled: u64,
}

impl SeatLedger {
    /// Seats held: confirmed, pending and offered.
    ///
    /// ```
    /// let l = kix_core::SeatLedger { confirmed: 3, pending: 2, offered: 1, ..Default::default() };
    /// assert_eq!(l.held(), 6);
    /// ```
    #[must_use]
    pub fn held(&self) -> u64 {
        self.confirmed + self.pending + self.offered
    }

    /// The ledger over several events: counts added; capacity and free seats
    /// unlimited when any event's are.
    ///
    /// ```
    /// use kix_core::SeatLedger;
    /// let a = SeatLedger { capacity: Some(10), confirmed: 10, free: Some(0), ..Default::default() };
    /// let b = SeatLedger { capacity: Some(5), confirmed: 2, waitlisted: 0, free: Some(3), ..Default::default() };
    /// let all = SeatLedger::sum([&a, &b]);
    /// assert_eq!((all.capacity, all.confirmed, all.free), (Some(15), 12, Some(3)));
    /// ```
    pub fn sum<'a>(ledgers: impl IntoIterator<Item = &'a SeatLedger>) -> SeatLedger {
        let add = |a: Option<u64>, b: Option<u64>| a.zip(b).map(|(a, b)| a.saturating_add(b));
        ledgers.into_iter().fold(SeatLedger { capacity: Some(0), free: Some(0), ..SeatLedger::default() }, |acc, l| {
            SeatLedger {
                capacity: add(acc.capacity, l.capacity),
                confirmed: acc.confirmed + l.confirmed,
                pending: acc.pending + l.pending,
                offered: acc.offered + l.offered,
                waitlisted: acc.waitlisted + l.waitlisted,
                free: add(acc.free, l.free),
                checked_in: acc.checked_in + l.checked_in,
                denied: acc.denied + l.denied,
                cancelled: acc.cancelled + l.cancelled,
            }
        })
    }
}

/// A reminder to send: when, and the event's start in the registrant's zone.
///
/// ```
/// let r: kix_core::Reminder = serde_json::from_str(r#"{"registration_id": "r-000001", "minutes_before": 60,
///     "send_at": "2024-07-31T10:00:00Z", "zone": "Asia/Kathmandu", "event_start_local": "2024-07-31T16:45:00+05:45"}"#)?;
/// assert_eq!(r.event_start_local.offset().local_minus_utc(), 20_700);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// The registration to remind.
    pub registration_id: String,
    /// The lead time, in minutes before the start.
    pub minutes_before: u32,
    /// When to send it.
    pub send_at: DateTime<Utc>,
    /// The registrant's zone: their country's primary zone, else the event's.
    pub zone: ZoneId,
    /// The event's start in that zone, with its offset on that date.
    pub event_start_local: DateTime<FixedOffset>,
}

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationBook {
    /// The event's id.
    pub event_id: String,
    /// Seats (absent: unlimited): the event's when the book was opened, then as set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// Every registration, in the order first submitted.
    pub registrations: Vec<BookEntry>,
    /// Every capacity change, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity_history: Vec<CapacityChange>,
}

fn invalid_transition(id: &str, from: BookStatus, to: &str) -> Error {
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

fn closed(message: &str, closes_at: DateTime<Utc>) -> Violation {
    Violation::new(Code::RegistrationClosed, "", message).with_param("closes_at", closes_at)
}

/// What two submissions of one person are compared on: everything but the
/// moment the form was sent.
fn same_data(a: &Registration, b: &Registration) -> bool {
    Registration { submitted_at: None, ..a.clone() } == Registration { submitted_at: None, ..b.clone() }
}

impl RegistrationBook {
    /// An empty book for an event, with its capacity.
    ///
    /// ```
    /// let event = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// let book = kix_core::RegistrationBook::new(event);
    /// assert_eq!(book.event_id, "kix-emap-webinar-20");
    /// assert!(book.registrations.is_empty());
    /// ```
    #[must_use]
    pub fn new(event: &Event) -> Self {
        RegistrationBook {
            event_id: event.id.clone(),
            capacity: event.registration.capacity,
            registrations: Vec::new(),
            capacity_history: Vec::new(),
        }
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
        self.registrations.iter().find(|e| e.id == id)
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
        RegistrationBook {
            registrations: self.registrations.iter().filter_map(|e| BookEntry::replay(&e.id, &e.history)).collect(),
            ..self.clone()
        }
    }

    /// Seats held now: confirmed, pending and offered.
    ///
    /// ```
    /// let book = kix_core::RegistrationBook::new(kix_core::emap().event("kix-emap-webinar-20").unwrap());
    /// assert_eq!(book.seats_held(), 0);
    /// ```
    #[must_use]
    pub fn seats_held(&self) -> u64 {
        self.registrations.iter().filter(|e| e.status.holds_seat()).count() as u64
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
        let mut ledger = self.ledger_over(|_| true);
        let mut named: Vec<NaiveDateTime> = self.registrations.iter().filter_map(|e| e.occurrence).collect();
        if !named.is_empty() {
            named.sort_unstable();
            named.dedup();
            let per: Vec<SeatLedger> = named.iter().map(|&o| self.ledger_of(o)).collect();
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
        self.ledger_over(|e| e.occurrence == Some(occurrence))
    }

    /// The ledger of the registrations `keep` keeps, with the book's capacity.
    fn ledger_over(&self, keep: impl Fn(&BookEntry) -> bool) -> SeatLedger {
        let entries = || self.registrations.iter().filter(|e| keep(e));
        let count = |s: BookStatus| entries().filter(|e| e.status == s).count() as u64;
        let mut ledger = SeatLedger {
            capacity: self.capacity.map(u64::from),
            confirmed: count(BookStatus::Confirmed),
            pending: count(BookStatus::Pending),
            offered: count(BookStatus::Offered),
            waitlisted: count(BookStatus::Waitlisted),
            free: None,
            checked_in: entries().filter(|e| e.status == BookStatus::Confirmed && e.checked_in_at.is_some()).count()
                as u64,
            denied: count(BookStatus::Denied),
            cancelled: count(BookStatus::Cancelled),
        };
        ledger.free = ledger.capacity.map(|c| c.saturating_sub(ledger.held()));
        ledger
    }

    /// Submits a registration at `now`. A valid new one is stored as confirmed,
    /// pending or waitlisted (behind everyone already waiting); an invalid one is
    /// rejected with every violation and not stored. The same person (normalized
    /// e-mail) submitting the same data gets their registration back unchanged;
    /// changed data before the event updates it; after a cancellation it is
    /// submitted anew (at the end of the queue); a denied e-mail is refused
    /// (`registration.denied`). Fails only when the event's times cannot be resolved.
    ///
    /// ```
    /// use kix_core::{BookStatus, Registration, RegistrationBook};
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
    /// r.organisation = Some("Mongolian State University of Education".into());
    /// let update = book.submit(hub, event, &r, now)?;
    /// assert_eq!(update.changes[0].entry.action, kix_core::BookAction::Update);
    /// assert_eq!(book.registrations.len(), 1);
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
        self.transact(event, now, |book, changes| book.submit_inner(hub, event, record, now, changes))
    }

    fn submit_inner(
        &mut self,
        hub: &Hub,
        event: &Event,
        record: &Registration,
        now: DateTime<Utc>,
        changes: &mut Vec<Change>,
    ) -> Result<Submission, Error> {
        let email = record.email.as_deref().map(normalize_email);
        // Per occurrence, one registration per person and occurrence; per series, per person.
        let per_occurrence = event.registration.per_occurrence;
        let occurrence = record.occurrence.filter(|_| per_occurrence);
        let existing = email
            .as_deref()
            .and_then(|e| self.registrations.iter().position(|r| r.email == e && r.occurrence == occurrence));
        let current = existing.and_then(|i| self.registrations.get(i));
        if let Some(entry) = current {
            if entry.status == BookStatus::Denied {
                return Ok(Submission::rejected(vec![
                    Violation::new(
                        Code::RegistrationDenied,
                        "email",
                        "an organiser denied this registration; it can be reinstated, not submitted again",
                    )
                    .with_param("id", entry.id.as_str()),
                ]));
            }
            if entry.status != BookStatus::Cancelled && same_data(record, &entry.record) {
                return Ok(Submission {
                    id: Some(entry.id.clone()),
                    status: Some(entry.status),
                    violations: Vec::new(),
                    changes: Vec::new(),
                });
            }
        }
        let updating = current.is_some_and(|e| e.status != BookStatus::Cancelled);
        // The occurrence registered for (none when the event has no such occurrence: the desk says why).
        let slot = occurrence.and_then(|o| event.occurrence_at(o).ok());
        let start = match (updating, &slot) {
            (false, _) => None,
            (true, Some(o)) => Some(o.start_utc),
            (true, None) => Some(event.start_utc()?),
        };
        if let Some(start) = start.filter(|&start| now >= start) {
            return Ok(Submission::rejected(vec![at_occurrence(
                closed("the event has started; a registration can no longer change", start)
                    .with_param("submitted_at", now),
                occurrence,
            )]));
        }

        // The desk checks the record against the event and everyone else held;
        // an update only needs its verdict on the data, not on seats.
        let held: Vec<HeldRegistration> = self
            .registrations
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != existing)
            .filter_map(|(_, e)| {
                e.status.to_desk().map(|status| HeldRegistration {
                    email: e.email.clone(),
                    status,
                    occurrence: e.occurrence,
                })
            })
            .collect();
        let mut checked = event.clone();
        checked.registration.capacity = if updating { None } else { self.capacity };
        let outcome = RegistrationDesk::new(hub, &checked, &held)?.validate(record, Some(now));
        let mut violations = outcome.violations;
        let closes_at = match &slot {
            Some(o) => Some(event.registration_closes_for(o)),
            None if per_occurrence => None,
            None => Some(event.registration_closes_at()?),
        };
        let reported = |v: &[Violation], c: Code| v.iter().any(|v| v.code == c);
        if let Some(closes_at) = closes_at.filter(|&t| now >= t)
            && !reported(&violations, Code::RegistrationClosed)
        {
            violations.push(at_occurrence(
                closed("registration has closed", closes_at).with_param("submitted_at", now),
                occurrence,
            ));
        }
        if let Some(opens_at) = event.registration.opens_at.map(|t| t.with_timezone(&Utc))
            && now < opens_at
            && !reported(&violations, Code::RegistrationNotOpen)
        {
            violations.push(
                Violation::new(Code::RegistrationNotOpen, "", "registration has not opened")
                    .with_param("opens_at", opens_at)
                    .with_param("submitted_at", now),
            );
        }
        let Some(mut status) =
            BookStatus::from_desk(outcome.status).filter(|_| !violations.iter().any(|v| v.is_error()))
        else {
            return Ok(Submission::rejected(violations));
        };
        // Nobody jumps the queue: while anyone waits (for the occurrence), newcomers wait behind them.
        if status.holds_seat() && self.anyone_waiting_in(occurrence) {
            status = BookStatus::Waitlisted;
        }

        let mut h = match current {
            Some(entry) if updating => {
                HistoryEntry::new(now, BookAction::Update, Actor::Registrant, Some(entry.status), entry.status)
            }
            Some(entry) => HistoryEntry::new(now, BookAction::Resubmit, Actor::Registrant, Some(entry.status), status),
            None => HistoryEntry::new(now, BookAction::Submit, Actor::Registrant, None, status),
        };
        h.record = Some(record.clone());
        h.email = email;
        h.country = outcome.country;
        h.occurrence = occurrence;
        let index = match existing {
            Some(i) => i,
            None => {
                let id = format!("r-{:06}", self.registrations.len() + 1);
                self.registrations.push(BookEntry {
                    id,
                    record: Registration::default(),
                    email: String::new(),
                    country: None,
                    occurrence: None,
                    status,
                    submitted_at: now,
                    offer_expires_at: None,
                    forced: false,
                    checked_in_at: None,
                    history: Vec::new(),
                });
                self.registrations.len() - 1
            }
        };
        self.record(index, h, changes);
        let entry = self.registrations.get(index);
        Ok(Submission {
            id: entry.map(|e| e.id.clone()),
            status: entry.map(|e| e.status),
            violations,
            changes: Vec::new(),
        })
    }

    /// Approves a registration: pending or offered becomes confirmed; a
    /// waitlisted one is confirmed only when a seat is free, or when `force` is
    /// given (recorded as forced, with a `registration.over_capacity` warning).
    ///
    /// ```
    /// use kix_core::{Approval, BookStatus, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// event.registration.approval = Approval::Manual;
    /// let mut book = RegistrationBook::new(&event);
    /// let r = Registration { full_name: Some("Lobsang".into()), email: Some("l@example.bt".into()),
    ///     country: Some("BT".into()), audience: Some("teacher".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, &event, &r, now)?.id.unwrap();
    /// book.approve(&event, &id, false, now)?;
    /// assert_eq!(book.get(&id).unwrap().status, BookStatus::Confirmed);
    /// let again = book.approve(&event, &id, false, now).unwrap_err();
    /// assert_eq!(again.violations()[0].code, Code::RegistrationInvalidTransition);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn approve(&mut self, event: &Event, id: &str, force: bool, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            let group = book.group(event, index);
            let mut warnings = Vec::new();
            let mut h =
                HistoryEntry::new(now, BookAction::Approve, Actor::Organiser, Some(from), BookStatus::Confirmed);
            match from {
                BookStatus::Pending | BookStatus::Offered => {}
                BookStatus::Waitlisted => {
                    if book.free_seats_in(group).is_some_and(|free| free == 0) {
                        let capacity = book.capacity.unwrap_or(0);
                        let held = book.seats_held_in(group);
                        if !force {
                            return Err(Error::Rejected(vec![at_occurrence(
                                Violation::new(
                                    Code::RegistrationFull,
                                    "",
                                    format!("all {capacity} seats are held; approve with force to go past capacity"),
                                )
                                .with_param("capacity", capacity)
                                .with_param("held", held),
                                group,
                            )]));
                        }
                        h.forced = true;
                        warnings.push(at_occurrence(over_capacity(capacity, held + 1), group));
                    }
                }
                _ => return Err(invalid_transition(id, from, "confirmed")),
            }
            book.record(index, h, changes);
            Ok(Applied { changes: Vec::new(), warnings })
        })
    }

    /// Denies a registration (an organiser's decision, with a reason). A seat it
    /// held is offered on; the e-mail cannot register again until reinstated.
    ///
    /// ```
    /// # use kix_core::{BookStatus, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.af".into()),
    ///     country: Some("AF".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// book.deny(event, &id, "duplicate of an earlier account", now)?;
    /// assert_eq!(book.history(&id).last().unwrap().reason.as_deref(), Some("duplicate of an earlier account"));
    /// assert!(book.submit(hub, event, &r, now)?.is_rejected());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deny(&mut self, event: &Event, id: &str, reason: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            if matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "denied"));
            }
            let h = HistoryEntry::new(now, BookAction::Deny, Actor::Organiser, Some(from), BookStatus::Denied)
                .because(Some(reason));
            book.record(index, h, changes);
            Ok(Applied::default())
        })
    }

    /// Cancels a registration. A registrant may cancel until the policy's
    /// deadline (`cancel_hours_before` the start; by default the start); an
    /// organiser at any time. A seat it held is offered on.
    ///
    /// ```
    /// # use kix_core::{Actor, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// event.registration.cancel_hours_before = Some(24);
    /// let mut book = RegistrationBook::new(&event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.ge".into()),
    ///     country: Some("GE".into()), audience: Some("other".into()), ..Default::default() };
    /// let id = book.submit(hub, &event, &r, "2024-07-20T08:00:00Z".parse()?)?.id.unwrap();
    /// let late = "2024-07-30T12:00:00Z".parse()?;
    /// let refused = book.cancel(&event, &id, Actor::Registrant, None, late).unwrap_err();
    /// assert_eq!(refused.violations()[0].code, Code::RegistrationCancelDeadlinePassed);
    /// assert!(book.cancel(&event, &id, Actor::Organiser, Some("speaker request"), late).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(
        &mut self,
        event: &Event,
        id: &str,
        actor: Actor,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            if matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "cancelled"));
            }
            // Per occurrence, the deadline is before the entry's occurrence (none once it was cancelled).
            let start = match (actor, book.group(event, index)) {
                (Actor::Registrant, Some(o)) => event.occurrence_at(o).ok().map(|o| o.start_utc),
                (Actor::Registrant, None) => Some(event.start_utc()?),
                _ => None,
            };
            if let Some(start) = start {
                let hours = event.registration.cancel_hours_before.unwrap_or(0);
                let deadline = start.checked_sub_signed(Duration::hours(i64::from(hours))).unwrap_or(start);
                if now > deadline {
                    return Err(Error::Rejected(vec![
                        Violation::new(
                            Code::RegistrationCancelDeadlinePassed,
                            "",
                            format!("registrants could cancel until {deadline}; an organiser still can"),
                        )
                        .with_param("deadline", deadline)
                        .with_param("at", now),
                    ]));
                }
            }
            let h =
                HistoryEntry::new(now, BookAction::Cancel, actor, Some(from), BookStatus::Cancelled).because(reason);
            book.record(index, h, changes);
            Ok(Applied::default())
        })
    }

    /// Reinstates a denied or cancelled registration: it takes a free seat when
    /// nobody is waiting, else joins the waiting list in its original place
    /// (`registration.full` when the event is full and has no waiting list).
    ///
    /// ```
    /// # use kix_core::{BookStatus, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.la".into()),
    ///     country: Some("LA".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// book.deny(event, &id, "mistaken for a bot", now)?;
    /// book.reinstate(event, &id, Some("a real person"), now)?;
    /// assert_eq!(book.get(&id).unwrap().status, BookStatus::Confirmed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reinstate(
        &mut self,
        event: &Event,
        id: &str,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            if !matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "reinstated"));
            }
            let group = book.group(event, index);
            let seat_free = book.free_seats_in(group).is_none_or(|free| free > 0) && !book.anyone_waiting_in(group);
            let to = if seat_free {
                seated(event)
            } else if event.registration.waiting_list {
                BookStatus::Waitlisted
            } else {
                let capacity = book.capacity.unwrap_or(0);
                return Err(Error::Rejected(vec![at_occurrence(
                    Violation::new(Code::RegistrationFull, "", format!("all {capacity} seats are held"))
                        .with_param("capacity", capacity),
                    group,
                )]));
            };
            let h = HistoryEntry::new(now, BookAction::Reinstate, Actor::Organiser, Some(from), to).because(reason);
            book.record(index, h, changes);
            Ok(Applied::default())
        })
    }

    /// Accepts an offer before it expires: confirmed, or pending when the event
    /// needs approval.
    ///
    /// ```
    /// # use kix_core::{BookStatus, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.vn".into()),
    ///     country: Some("VN".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// let e = book.accept_offer(event, &id, now).unwrap_err();
    /// assert_eq!(e.violations()[0].params["from"], "confirmed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accept_offer(&mut self, event: &Event, id: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        if let Ok((index, BookStatus::Offered)) = self.find(id)
            && let Some(expired) = self.registrations.get(index).and_then(|e| e.offer_expires_at).filter(|&t| t <= now)
        {
            let e = invalid_transition(id, BookStatus::Offered, seated(event).as_str());
            let Error::Rejected(mut v) = e else { return Err(e) };
            if let Some(first) = v.pop() {
                v.push(first.with_param("offer_expired_at", expired));
            }
            return Err(Error::Rejected(v));
        }
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            let to = seated(event);
            if from != BookStatus::Offered {
                return Err(invalid_transition(id, from, to.as_str()));
            }
            book.record(
                index,
                HistoryEntry::new(now, BookAction::AcceptOffer, Actor::Registrant, Some(from), to),
                changes,
            );
            Ok(Applied::default())
        })
    }

    /// Declines an offer: the registration is cancelled and the seat offered on.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// assert!(book.decline_offer(event, "r-000009", "2024-07-20T08:00:00Z".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decline_offer(&mut self, event: &Event, id: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            if from != BookStatus::Offered {
                return Err(invalid_transition(id, from, "cancelled"));
            }
            let h =
                HistoryEntry::new(now, BookAction::DeclineOffer, Actor::Registrant, Some(from), BookStatus::Cancelled);
            book.record(index, h, changes);
            Ok(Applied::default())
        })
    }

    /// Sets the capacity (`None`: unlimited). Raising it offers the new seats
    /// to the people waiting; lowering it below the seats held drops nobody and
    /// warns `registration.over_capacity`.
    ///
    /// ```
    /// # use kix_core::{Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.kh".into()),
    ///     country: Some("KH".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// book.submit(hub, event, &r, now)?;
    /// let applied = book.set_capacity(event, Some(0), Some("room changed"), now)?;
    /// assert_eq!(applied.warnings[0].code, Code::RegistrationOverCapacity);
    /// assert_eq!(book.seats_held(), 1, "nobody dropped");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_capacity(
        &mut self,
        event: &Event,
        capacity: Option<u32>,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        self.transact(event, now, |book, _| {
            book.capacity_history.push(CapacityChange {
                at: now,
                actor: Actor::Organiser,
                from: book.capacity,
                to: capacity,
                reason: reason.map(str::to_owned),
            });
            book.capacity = capacity;
            let Some(c) = capacity else { return Ok(Applied::default()) };
            // Per occurrence, a warning for every occurrence held over the capacity.
            let groups = if event.registration.per_occurrence { book.occurrences_named() } else { vec![None] };
            let warnings = groups
                .into_iter()
                .filter_map(|group| {
                    let held = book.seats_held_in(group);
                    (held > u64::from(c)).then(|| at_occurrence(over_capacity(c, held), group))
                })
                .collect();
            Ok(Applied { changes: Vec::new(), warnings })
        })
    }

    /// Lets time pass to `now`: expires offers due and offers freed seats to
    /// the next people waiting.
    ///
    /// ```
    /// let event = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// let mut book = kix_core::RegistrationBook::new(event);
    /// assert!(book.advance(event, "2024-07-20T08:00:00Z".parse()?)?.changes.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance(&mut self, event: &Event, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |_, _| Ok(Applied::default()))
    }

    /// Checks a confirmed registration in (attended), at `now`.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.pg".into()),
    ///     country: Some("PG".into()), audience: Some("other".into()), ..Default::default() };
    /// let id = book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?.id.unwrap();
    /// book.check_in(event, &id, "2024-07-31T10:55:00Z".parse()?)?;
    /// assert_eq!(book.ledger().checked_in, 1);
    /// assert!(book.check_in(event, &id, "2024-07-31T10:56:00Z".parse()?).is_err(), "once");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_in(&mut self, event: &Event, id: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, changes| {
            let (index, from) = book.find(id)?;
            let already = book.registrations.get(index).is_some_and(|e| e.checked_in_at.is_some());
            if from != BookStatus::Confirmed || already {
                return Err(invalid_transition(id, from, "checked_in"));
            }
            book.record(
                index,
                HistoryEntry::new(now, BookAction::CheckIn, Actor::Organiser, Some(from), from),
                changes,
            );
            Ok(Applied::default())
        })
    }

    /// The reminders to send: for every confirmed or pending registration and
    /// every lead time of the event's policy, the instant to send and the
    /// event's start in the registrant's zone (their country's primary zone,
    /// else the event's). Computed from the event as it is now, so a moved
    /// event moves them; a lead time already past when the person registered
    /// gives no reminder, and a cancelled event none at all. A series reminds before every
    /// occurrence (its cancelled ones excepted, moved ones at their new time); an event taken per
    /// occurrence reminds each registrant before their own occurrence only. Sorted by instant.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.np".into()),
    ///     country: Some("Nepal".into()), audience: Some("other".into()), ..Default::default() };
    /// book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?;
    /// let reminders = book.reminders(hub, event)?;
    /// assert_eq!(reminders.len(), 3);
    /// assert_eq!(reminders[2].send_at.to_rfc3339(), "2024-07-31T10:00:00+00:00");
    /// assert_eq!(reminders[2].event_start_local.to_rfc3339(), "2024-07-31T16:45:00+05:45");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reminders(&self, hub: &Hub, event: &Event) -> Result<Vec<Reminder>, Error> {
        self.check_event(event)?;
        if event.status == EventStatus::Cancelled {
            return Ok(Vec::new());
        }
        let occurrences = event.occurrences()?;
        let event_tz = event.tz()?;
        let mut out = Vec::new();
        for entry in
            self.registrations.iter().filter(|e| matches!(e.status, BookStatus::Confirmed | BookStatus::Pending))
        {
            let own = entry
                .country
                .and_then(|c| hub.member(c))
                .and_then(|c| c.primary_zone())
                .and_then(|z| z.tz().ok().map(|tz| (z.clone(), tz)));
            let (zone, tz) = own.unwrap_or_else(|| (event.zone.clone(), event_tz));
            // Per occurrence, before the entry's occurrence only (none once it was cancelled).
            let group = if event.registration.per_occurrence { entry.occurrence } else { None };
            let starts = occurrences.iter().filter(|o| group.is_none_or(|g| o.recurrence_id == g)).map(|o| o.start_utc);
            for start in starts {
                let local = start.with_timezone(&tz).fixed_offset();
                for &minutes in &event.registration.reminder_minutes {
                    let Some(send_at) = start.checked_sub_signed(Duration::minutes(i64::from(minutes))) else {
                        continue;
                    };
                    if send_at > entry.submitted_at {
                        out.push(Reminder {
                            registration_id: entry.id.clone(),
                            minutes_before: minutes,
                            send_at,
                            zone: zone.clone(),
                            event_start_local: local,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| (a.send_at, &a.registration_id).cmp(&(b.send_at, &b.registration_id)));
        Ok(out)
    }

    /// Runs an operation on a copy, lets time pass before and after it (offers
    /// expire and seats freed are offered on), and keeps the copy only when the
    /// operation succeeded: a refused operation changes nothing.
    fn transact<T: Collects>(
        &mut self,
        event: &Event,
        now: DateTime<Utc>,
        op: impl FnOnce(&mut Self, &mut Vec<Change>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.check_event(event)?;
        let mut next = self.clone();
        let mut changes = Vec::new();
        next.settle(event, now, &mut changes)?;
        let mut result = op(&mut next, &mut changes)?;
        next.settle(event, now, &mut changes)?;
        result.collect(changes);
        *self = next;
        Ok(result)
    }

    fn check_event(&self, event: &Event) -> Result<(), Error> {
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

    fn find(&self, id: &str) -> Result<(usize, BookStatus), Error> {
        self.registrations
            .iter()
            .position(|e| e.id == id)
            .and_then(|i| self.registrations.get(i).map(|e| (i, e.status)))
            .ok_or_else(|| {
                Error::Rejected(vec![
                    Violation::new(Code::RegistrationUnknownId, "id", format!("no registration {id:?} in this book"))
                        .with_param("id", id),
                ])
            })
    }

    fn record(&mut self, index: usize, h: HistoryEntry, changes: &mut Vec<Change>) {
        if let Some(entry) = self.registrations.get_mut(index) {
            changes.push(Change { registration_id: entry.id.clone(), entry: h.clone() });
            entry.apply(h);
        }
    }

    /// The seats an entry's registration is for: its occurrence for an event taken per
    /// occurrence, else (`None`) the whole book.
    fn group(&self, event: &Event, index: usize) -> Option<NaiveDateTime> {
        if !event.registration.per_occurrence {
            return None;
        }
        self.registrations.get(index).and_then(|e| e.occurrence)
    }

    /// Every occurrence some registration names, in order, each once.
    fn occurrences_named(&self) -> Vec<Option<NaiveDateTime>> {
        let mut named: Vec<NaiveDateTime> = self.registrations.iter().filter_map(|e| e.occurrence).collect();
        named.sort_unstable();
        named.dedup();
        named.into_iter().map(Some).collect()
    }

    /// The registrations of a group: one occurrence's, or (`None`) the whole book's.
    fn in_group(&self, group: Option<NaiveDateTime>) -> impl Iterator<Item = &BookEntry> {
        self.registrations.iter().filter(move |e| group.is_none_or(|g| e.occurrence == Some(g)))
    }

    /// Seats held in a group.
    fn seats_held_in(&self, group: Option<NaiveDateTime>) -> u64 {
        self.in_group(group).filter(|e| e.status.holds_seat()).count() as u64
    }

    /// Free seats in a group (`None`: unlimited).
    fn free_seats_in(&self, group: Option<NaiveDateTime>) -> Option<u64> {
        self.capacity.map(|c| u64::from(c).saturating_sub(self.seats_held_in(group)))
    }

    fn anyone_waiting_in(&self, group: Option<NaiveDateTime>) -> bool {
        self.in_group(group).any(|e| e.status == BookStatus::Waitlisted)
    }

    /// Expires the offers due at `now`, then offers every free seat to the
    /// people waiting, first come first served, while registration is open:
    /// per occurrence, each occurrence's seats to the people waiting for it
    /// while its registration is open.
    fn settle(&mut self, event: &Event, now: DateTime<Utc>, changes: &mut Vec<Change>) -> Result<(), Error> {
        let due: Vec<usize> = (0..self.registrations.len())
            .filter(|&i| {
                self.registrations
                    .get(i)
                    .is_some_and(|e| e.status == BookStatus::Offered && e.offer_expires_at.is_none_or(|t| t <= now))
            })
            .collect();
        for i in due {
            let h = HistoryEntry::new(
                now,
                BookAction::ExpireOffer,
                Actor::System,
                Some(BookStatus::Offered),
                BookStatus::Cancelled,
            );
            self.record(i, h, changes);
        }
        if event.registration.per_occurrence {
            if event.status == EventStatus::Cancelled
                || !self.registrations.iter().any(|e| e.status == BookStatus::Waitlisted)
            {
                return Ok(());
            }
            for o in event.occurrences()? {
                self.offer_seats(event, Some(o.recurrence_id), event.registration_closes_for(&o), now, changes);
            }
            return Ok(());
        }
        let closes_at = event.registration_closes_at()?;
        if event.status == EventStatus::Cancelled {
            return Ok(());
        }
        self.offer_seats(event, None, closes_at, now, changes);
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
        changes: &mut Vec<Change>,
    ) {
        if now >= closes_at {
            return;
        }
        let mut waiting: Vec<&BookEntry> =
            self.in_group(group).filter(|e| e.status == BookStatus::Waitlisted).collect();
        if waiting.is_empty() {
            return;
        }
        waiting.sort_by(|a, b| a.queue_key().cmp(&b.queue_key()));
        let seats = self.free_seats_in(group).map_or(waiting.len(), |free| usize::try_from(free).unwrap_or(usize::MAX));
        let chosen: Vec<String> = waiting.iter().take(seats).map(|e| e.id.clone()).collect();
        let expires =
            now.checked_add_signed(event.registration.offer_duration()).map_or(closes_at, |t| t.min(closes_at));
        for id in chosen {
            if let Some(i) = self.registrations.iter().position(|e| e.id == id) {
                let mut h = HistoryEntry::new(
                    now,
                    BookAction::Offer,
                    Actor::System,
                    Some(BookStatus::Waitlisted),
                    BookStatus::Offered,
                );
                h.offer_expires_at = Some(expires);
                self.record(i, h, changes);
            }
        }
    }
}

/// A violation about one occurrence's seats or window names it.
fn at_occurrence(v: Violation, occurrence: Option<NaiveDateTime>) -> Violation {
    match occurrence {
        Some(o) => v.with_param("occurrence", o),
        None => v,
    }
}

/// The status a person given a seat gets: pending when the event needs approval.
fn seated(event: &Event) -> BookStatus {
    match event.registration.approval {
        Approval::Manual => BookStatus::Pending,
        Approval::Automatic => BookStatus::Confirmed,
    }
}

fn over_capacity(capacity: u32, held: u64) -> Violation {
    Violation::new(
        Code::RegistrationOverCapacity,
        "capacity",
        format!("{held} seats are held for a capacity of {capacity}; nobody was dropped"),
    )
    .with_param("capacity", capacity)
    .with_param("held", held)
}

/// Results that carry the changes an operation made.
trait Collects {
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
// How the enums above are written as words (their serde names), for the bindings.
spelled!(Actor, "actor", "organiser", {
    Registrant = "registrant",
    Organiser = "organiser",
    System = "system",
});
