//! The book's documents: a registration's status, its history entries and the
//! entry itself, and what operations answer (changes, submissions, ledgers, reminders).

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::registrations::registration::{Registration, RegistrationStatus};
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

    pub(super) fn from_desk(status: RegistrationStatus) -> Option<BookStatus> {
        match status {
            RegistrationStatus::Confirmed => Some(BookStatus::Confirmed),
            RegistrationStatus::Pending => Some(BookStatus::Pending),
            RegistrationStatus::Waitlisted => Some(BookStatus::Waitlisted),
            RegistrationStatus::Rejected => None,
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
    /// The record changed (through `update`) before the event.
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
    /// Who did it, by name, when the caller said (a service's organiser token name; see
    /// [`RegistrationBook::acting_as`](crate::RegistrationBook::acting_as)).
    ///
    /// ```
    /// let h: kix_core::HistoryEntry = serde_json::from_str(r#"{"at": "2024-07-20T09:00:00Z", "action": "approve",
    ///     "actor": "organiser", "by": "hub desk", "from": "pending", "to": "confirmed"}"#)?;
    /// assert_eq!(h.by.as_deref(), Some("hub desk"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
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
    // Shared with the entry while it is the entry's record: a book holds each record once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Arc<Registration>>,
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
    pub(super) fn new(
        at: DateTime<Utc>,
        action: BookAction,
        actor: Actor,
        from: Option<BookStatus>,
        to: BookStatus,
    ) -> Self {
        HistoryEntry {
            at,
            action,
            actor,
            by: None,
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

    pub(super) fn because(mut self, reason: Option<&str>) -> Self {
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
    // The one its history's last submission or update holds, shared.
    pub record: Arc<Registration>,
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
    /// assert!(book.registrations()[0].occurrence.is_some());
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
    /// Reads one registration from JSON (as a store keeps it, one row each).
    ///
    /// ```
    /// let e = kix_core::BookEntry::from_json(r#"{"id": "r-000001", "record": {}, "email": "a@example.org",
    ///     "status": "confirmed", "submitted_at": "2024-07-20T08:00:00Z", "history": []}"#)?;
    /// assert_eq!(kix_core::BookEntry::from_json(&e.to_json())?, e);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Error::parse_json("registration", text)
    }

    /// The registration as JSON.
    ///
    /// ```
    /// let e = kix_core::BookEntry::from_json(r#"{"id": "r-000001", "record": {}, "email": "a@example.org",
    ///     "status": "confirmed", "submitted_at": "2024-07-20T08:00:00Z", "history": []}"#)?;
    /// assert!(e.to_json().starts_with(r#"{"id":"r-000001""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Rebuilds a registration from its id and history alone.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = kix_core::RegistrationBook::new(event);
    /// let r: kix_core::Registration = serde_json::from_str(r#"{"full_name": "Ana Rusu",
    ///     "email": "ana@example.md", "country": "MD", "audience": "teacher"}"#)?;
    /// book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?;
    /// let entry = &book.registrations()[0];
    /// assert_eq!(kix_core::BookEntry::replay(&entry.id, &entry.history).as_ref(), Some(entry));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn replay(id: &str, history: &[HistoryEntry]) -> Option<BookEntry> {
        let first = history.first()?;
        let mut entry = BookEntry {
            id: id.to_owned(),
            record: Arc::default(),
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

    /// Makes the entry's record the one its history holds (as it was when the book wrote it):
    /// a registration read from JSON then holds its record once, not twice.
    pub(super) fn share_record(&mut self) {
        let last = self.history.iter().rev().find_map(|h| h.record.as_ref());
        if let Some(last) = last.filter(|last| !Arc::ptr_eq(last, &self.record) && ***last == *self.record) {
            self.record = Arc::clone(last);
        }
    }

    /// The one place a registration changes: every operation goes through it,
    /// so the history always holds all there is to know.
    pub(super) fn apply(&mut self, h: HistoryEntry) {
        if let Some(record) = &h.record {
            self.record = Arc::clone(record);
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
        // One place more, not the four or the doubling a push would take: histories are a
        // few entries long, and a book holds one per registration.
        self.history.reserve_exact(1);
        self.history.push(h);
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
    /// Who, by name, when the caller said (see [`HistoryEntry::by`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
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
    /// The changes made (none by the submission itself when its address already holds a
    /// registration; the time passing may still have made some).
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

    /// Whether the submission's address already holds a registration in the book
    /// (`registration.duplicate`): nothing was stored or changed, and `id` is that
    /// registration's, for the caller to reach its person (re-send their own link), never to
    /// answer whoever submitted.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.lk".into()),
    ///     country: Some("LK".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// assert!(!book.submit(hub, event, &r, now)?.is_duplicate());
    /// assert!(book.submit(hub, event, &r, now)?.is_duplicate());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_duplicate(&self) -> bool {
        self.id.is_some() && self.violations.iter().any(|v| v.code == Code::RegistrationDuplicate)
    }

    pub(super) fn rejected(violations: Vec<Violation>) -> Self {
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

// How an actor is written as a word (its serde name), for the bindings.
spelled!(Actor, "actor", "organiser", {
    Registrant = "registrant",
    Organiser = "organiser",
    System = "system",
});
