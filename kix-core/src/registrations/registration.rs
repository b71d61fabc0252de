//! Registrations to events: one rule set for the server, the phone and the notebook.
//!
//! A [`Registration`] is what a form or an export row says, field for field
//! (the JSON names are the contract). [`validate_registration`] checks one
//! against an event and the registrations already held; [`validate_batch`]
//! checks many in order in one pass, finding duplicates across the batch and
//! the held ones. Both return a [`RegistrationOutcome`] per record: a status
//! and every violation.
//!
//! An event takes registrations for the whole series, or — when its policy says
//! `per_occurrence` — for each occurrence on its own. A registration then names its
//! occurrence by the wall-clock start the series' rule gives it (`occurrence`, the
//! occurrence's `recurrence_id`; a single event's one occurrence is its start): one
//! that is missing is `registration.missing_field`, one the event does not have or has
//! cancelled `event.unknown_occurrence`. The capacity is then the capacity of each
//! occurrence, duplicates are the same e-mail twice for the same occurrence (one person
//! may register for several), and the window closes at the occurrence's start (or at the
//! policy's `closes_at`, an instant, for every occurrence alike). A registration that
//! names an occurrence of an event taken per series is accepted with the occurrence
//! ignored (`registration.occurrence_ignored`, a warning).
//!
//! ```
//! use kix_core::{Code, Frequency, Recurrence, Registration, RegistrationStatus, validate_batch};
//! let hub = kix_core::emap();
//! let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
//! e.recurrence = Some(Recurrence { count: Some(3), ..Recurrence::new(Frequency::Weekly) });
//! e.registration.per_occurrence = true;
//! e.registration.capacity = Some(1);
//! let r = |email: &str, occurrence: &str| Registration {
//!     full_name: Some("A".into()), email: Some(email.into()), country: Some("NP".into()),
//!     audience: Some("teacher".into()), submitted_at: Some("2024-07-01T00:00:00Z".into()),
//!     occurrence: occurrence.parse().ok(), ..Default::default()
//! };
//! let records = [r("a@example.org", "2024-07-31T13:00:00"), r("b@example.org", "2024-07-31T13:00:00"),
//!                r("b@example.org", "2024-08-07T13:00:00"), r("c@example.org", "")];
//! let outcomes = validate_batch(hub, &e, &records, &[], None)?;
//! let statuses: Vec<_> = outcomes.iter().map(|o| o.status).collect();
//! use RegistrationStatus::*;
//! assert_eq!(statuses, [Confirmed, Rejected, Confirmed, Rejected]);
//! assert_eq!(outcomes[1].violations[0].code, Code::RegistrationFull, "the first session is full");
//! assert_eq!(outcomes[3].violations[0].params["field"], "occurrence");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Mutex;

use foldhash::fast::RandomState;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::country::{CountryCode, Place, resolve_place, truncate};
use crate::events::event::{Approval, Audience, Eligibility, Event, EventStatus};
use crate::hub::Hub;
use crate::shared::email::{Email, duplicate_key};
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};

/// Longest full name accepted, in characters.
///
/// ```
/// assert_eq!(kix_core::registration::MAX_NAME_CHARS, 200);
/// ```
pub const MAX_NAME_CHARS: usize = 200;
/// Longest e-mail accepted, in bytes (RFC 5321's path limit).
///
/// ```
/// assert_eq!(kix_core::registration::MAX_EMAIL_BYTES, 254);
/// ```
pub const MAX_EMAIL_BYTES: usize = 254;
/// Longest organisation accepted, in characters.
///
/// ```
/// assert_eq!(kix_core::registration::MAX_ORGANISATION_CHARS, 300);
/// ```
pub const MAX_ORGANISATION_CHARS: usize = 300;

/// A registration as submitted. Every field is optional here so that a
/// missing one is reported (`registration.missing_field`) with the others,
/// not refused before any rule runs. Its `Debug` output hides the name and e-mail.
///
/// ```
/// let r: kix_core::Registration = serde_json::from_str(r#"{
///     "full_name": "Sabina Rahimova", "email": "sabina@example.tj", "country": "Tajikistan",
///     "audience": "teacher", "consent": true, "submitted_at": "2024-07-20T09:00:00+05:00"
/// }"#)?;
/// assert!(!format!("{r:?}").contains("Sabina"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Country: an ISO code or any name people type ("Kyrgyz Republic", "Burma").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Audience: `policy_maker`, `education_stakeholder`, `government_official`, `teacher`, `academic_researcher` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Language wanted (ISO 639-1): the event's or one of its interpretation languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Consent to the processing of the registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
    /// When it was submitted: an RFC 3339 instant with an offset (a time without offset is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// The occurrence registered for, when the event takes registrations per occurrence: the
    /// wall-clock start the series' rule gives it in the organiser's zone (its `recurrence_id`,
    /// `2025-03-04T10:00:00`). Ignored, with a warning, by an event taken per series.
    ///
    /// ```
    /// let r: kix_core::Registration = serde_json::from_str(r#"{"occurrence": "2025-03-04T10:00:00"}"#)?;
    /// assert_eq!(r.occurrence.unwrap().to_string(), "2025-03-04 10:00:00");
    /// assert_eq!(serde_json::to_string(&kix_core::Registration::default())?, "{}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<NaiveDateTime>,
}

impl fmt::Debug for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |o: &Option<String>| o.as_ref().map(|_| "<redacted>");
        f.debug_struct("Registration")
            .field("full_name", &redact(&self.full_name))
            .field("email", &redact(&self.email))
            .field("country", &self.country)
            .field("organisation", &self.organisation)
            .field("audience", &self.audience)
            .field("language", &self.language)
            .field("consent", &self.consent)
            .field("submitted_at", &self.submitted_at)
            .field("occurrence", &self.occurrence)
            .finish()
    }
}

impl Registration {
    /// The registration read in place, as the rules read it.
    ///
    /// ```
    /// let r = kix_core::Registration { email: Some("a@example.org".into()), ..Default::default() };
    /// assert_eq!(r.view().email, Some("a@example.org"));
    /// ```
    #[must_use]
    pub fn view(&self) -> RegistrationRef<'_> {
        RegistrationRef {
            full_name: self.full_name.as_deref(),
            email: self.email.as_deref(),
            country: self.country.as_deref(),
            organisation: self.organisation.as_deref(),
            audience: self.audience.as_deref(),
            language: self.language.as_deref(),
            consent: self.consent,
            submitted_at: self.submitted_at.as_deref().map(Submitted::Text),
            occurrence: self.occurrence,
        }
    }
}

/// A registration borrowed from wherever it was read (a Python dict, an Arrow
/// column, a [`Registration`]): the same fields, none copied. Bindings read
/// records into this to validate them without allocating per field.
///
/// ```
/// use kix_core::registration::{RegistrationRef, Submitted};
/// let hub = kix_core::emap();
/// let mut desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
/// let at = "2024-07-20T10:00:00Z".parse::<chrono::DateTime<chrono::Utc>>()?;
/// let r = RegistrationRef {
///     full_name: Some("Tenzin Dorji"), email: Some("tenzin@example.bt"), country: Some("Bhutan"),
///     audience: Some("teacher"), submitted_at: Some(Submitted::At(at)), ..Default::default()
/// };
/// assert!(desk.validate_view(r, &[], None).is_accepted());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct RegistrationRef<'a> {
    /// Full name.
    pub full_name: Option<&'a str>,
    /// E-mail address.
    pub email: Option<&'a str>,
    /// Country: an ISO code or any name people type.
    pub country: Option<&'a str>,
    /// Organisation.
    pub organisation: Option<&'a str>,
    /// Audience code.
    pub audience: Option<&'a str>,
    /// Language wanted (ISO 639-1).
    pub language: Option<&'a str>,
    /// Consent to the processing of the registration.
    pub consent: Option<bool>,
    /// When it was submitted.
    pub submitted_at: Option<Submitted<'a>>,
    /// The occurrence registered for (its `recurrence_id`), for an event taken per occurrence.
    ///
    /// ```
    /// let r = kix_core::registration::RegistrationRef { occurrence: "2025-03-04T10:00:00".parse().ok(), ..Default::default() };
    /// assert_eq!(r.to_registration().occurrence, r.occurrence);
    /// ```
    pub occurrence: Option<NaiveDateTime>,
}

impl RegistrationRef<'_> {
    /// An owned copy, for callers that keep records (an instant becomes its RFC 3339 text).
    ///
    /// ```
    /// use kix_core::registration::{RegistrationRef, Submitted};
    /// let r = RegistrationRef { submitted_at: Some(Submitted::At(chrono::DateTime::UNIX_EPOCH)), ..Default::default() };
    /// assert_eq!(r.to_registration().submitted_at.as_deref(), Some("1970-01-01T00:00:00+00:00"));
    /// ```
    #[must_use]
    pub fn to_registration(&self) -> Registration {
        let own = |s: Option<&str>| s.map(str::to_owned);
        Registration {
            full_name: own(self.full_name),
            email: own(self.email),
            country: own(self.country),
            organisation: own(self.organisation),
            audience: own(self.audience),
            language: own(self.language),
            consent: self.consent,
            submitted_at: self.submitted_at.map(|s| match s {
                Submitted::Text(text) => text.to_owned(),
                Submitted::At(t) => t.to_rfc3339(),
            }),
            occurrence: self.occurrence,
        }
    }
}

impl fmt::Debug for RegistrationRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |o: &Option<&str>| o.map(|_| "<redacted>");
        f.debug_struct("RegistrationRef")
            .field("full_name", &redact(&self.full_name))
            .field("email", &redact(&self.email))
            .field("country", &self.country)
            .field("organisation", &self.organisation)
            .field("audience", &self.audience)
            .field("language", &self.language)
            .field("consent", &self.consent)
            .field("submitted_at", &self.submitted_at)
            .field("occurrence", &self.occurrence)
            .finish()
    }
}

/// A submission time as read: RFC 3339 text (checked by the rules), or an
/// instant a binding already holds (an aware datetime, an Arrow timestamp).
///
/// ```
/// use kix_core::registration::Submitted;
/// assert_ne!(Submitted::Text("2024-07-20T10:00:00Z"), Submitted::At(chrono::DateTime::UNIX_EPOCH));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted<'a> {
    /// Text, as a form or a CSV gives it.
    Text(&'a str),
    /// An instant.
    At(DateTime<Utc>),
}

/// Where a registration stands.
///
/// ```
/// assert!(kix_core::RegistrationStatus::Pending.holds_seat());
/// assert!(!kix_core::RegistrationStatus::Waitlisted.holds_seat());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Accepted.
    Confirmed,
    /// Accepted, waiting for an organiser's approval; holds a seat.
    Pending,
    /// On the waiting list: the event is full.
    Waitlisted,
    /// Refused; the violations say why.
    Rejected,
}

impl RegistrationStatus {
    /// Whether a registration in this status holds a seat.
    ///
    /// ```
    /// assert!(kix_core::RegistrationStatus::Confirmed.holds_seat());
    /// ```
    #[must_use]
    pub fn holds_seat(self) -> bool {
        matches!(self, RegistrationStatus::Confirmed | RegistrationStatus::Pending)
    }

    /// The JSON name.
    ///
    /// ```
    /// assert_eq!(kix_core::RegistrationStatus::Waitlisted.as_str(), "waitlisted");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Rejected => "rejected",
        }
    }
}

/// A registration already held for the event: its e-mail and status (and, for an event taken
/// per occurrence, its occurrence).
///
/// ```
/// let held = kix_core::HeldRegistration { email: "a@example.org".into(), status: kix_core::RegistrationStatus::Confirmed, occurrence: None };
/// assert!(held.status.holds_seat());
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeldRegistration {
    /// E-mail address.
    pub email: String,
    /// Status.
    pub status: RegistrationStatus,
    /// The occurrence it holds, for an event taken per occurrence (its `recurrence_id`). A held
    /// registration of such an event that names no occurrence of it counts for none.
    ///
    /// ```
    /// let h: kix_core::HeldRegistration = serde_json::from_str(
    ///     r#"{"email": "a@example.org", "status": "confirmed", "occurrence": "2025-03-04T10:00:00"}"#)?;
    /// assert!(h.occurrence.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<NaiveDateTime>,
}

impl fmt::Debug for HeldRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeldRegistration")
            .field("email", &"<redacted>")
            .field("status", &self.status)
            .field("occurrence", &self.occurrence)
            .finish()
    }
}

/// The verdict on one registration.
///
/// ```
/// let o = kix_core::RegistrationOutcome { status: kix_core::RegistrationStatus::Confirmed, violations: vec![], email: None, country: None, subdivision: None };
/// assert!(o.is_accepted());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationOutcome {
    /// Confirmed, pending, waitlisted or rejected.
    pub status: RegistrationStatus,
    /// Every violation found (errors make the status `rejected`).
    pub violations: Vec<Violation>,
    /// The e-mail address as kix compared it, when it is valid: trimmed, the
    /// local part in NFC, the domain in its UTS 46 Unicode form. Store this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The country the registration's text resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The ISO 3166-2 subdivision the country text named, if any ("Sindh" gives `PK-SD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
}

impl RegistrationOutcome {
    /// Whether the registration was accepted (confirmed, pending or waitlisted).
    ///
    /// ```
    /// let o = kix_core::RegistrationOutcome { status: kix_core::RegistrationStatus::Rejected, violations: vec![], email: None, country: None, subdivision: None };
    /// assert!(!o.is_accepted());
    /// ```
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.status != RegistrationStatus::Rejected
    }
}

/// Where an e-mail was first seen: the index of a held registration (the top bit set)
/// or of a record of the batch, in one word (a batch of a million keeps a million).
#[derive(Clone, Copy)]
struct Seen(u64);

impl Seen {
    const HELD: u64 = 1 << 63;

    fn held(i: usize) -> Self {
        Seen(i as u64 | Self::HELD)
    }

    fn batch(i: usize) -> Self {
        Seen(i as u64)
    }

    /// Whether it was a held registration, and the index.
    fn get(self) -> (bool, usize) {
        (self.0 & Self::HELD != 0, (self.0 & !Self::HELD) as usize)
    }
}

/// The e-mail keys a desk has seen, each kept once in one text (no allocation per key),
/// found through a table of key numbers: a batch of a million keeps a million without a
/// million allocations. The table holds 8 bytes a key, the key's number and 32 bits of its
/// hash, so that the memory a lookup touches at random stays small and a key's text is
/// read only when those bits match too (the table's own 7-bit tags match a stranger in
/// about one lookup in eight); where each key lies and where it was seen are kept in order
/// of arrival.
struct Keys {
    text: String,
    /// Each key's place in `text` and where it was first seen, by key number.
    keys: Vec<(usize, usize, Seen)>,
    table: hashbrown::HashTable<(u32, u32)>,
    hasher: RandomState,
    overflow: HashMap<Box<str>, Seen, RandomState>,
    /// How many keys get a number (all that fit in one; fewer in the tests, to reach `overflow`).
    numbered: u32,
}

/// The bits of a key's hash kept beside its number: the high half (the table places keys by
/// the low bits and tags them with the top seven).
fn fragment(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// How many tables a desk keeps its e-mail keys in: a key's table is chosen by its hash, so
/// that the duplicate check of a batch can run on as many threads as there are tables.
const SHARDS: usize = 8;

/// The table of a key with this hash (the low bits of its fragment).
fn shard_of(hash: u64) -> usize {
    fragment(hash) as usize % SHARDS
}

impl Keys {
    fn new(hasher: RandomState) -> Self {
        Keys {
            text: String::new(),
            keys: Vec::new(),
            table: hashbrown::HashTable::new(),
            hasher,
            overflow: HashMap::default(),
            numbered: u32::MAX,
        }
    }

    fn len(&self) -> usize {
        self.table.len() + self.overflow.len()
    }

    fn key<'t>(text: &'t str, keys: &[(usize, usize, Seen)], id: u32) -> Option<&'t str> {
        let &(start, len, _) = keys.get(id as usize)?;
        text.get(start..start + len)
    }

    fn hash_of(text: &str, keys: &[(usize, usize, Seen)], hasher: &RandomState, id: u32) -> u64 {
        Self::key(text, keys, id).map_or(0, |k| hasher.hash_one(k))
    }

    /// Whether a table entry is `key`, whose hash is `hash`.
    fn is(text: &str, keys: &[(usize, usize, Seen)], entry: (u32, u32), key: &str, hash: u64) -> bool {
        entry.1 == fragment(hash) && Self::key(text, keys, entry.0) == Some(key)
    }

    fn reserve(&mut self, additional: usize) {
        let (text, keys, hasher) = (&self.text, &self.keys, &self.hasher);
        self.table.reserve(additional, |&(id, _)| Self::hash_of(text, keys, hasher, id));
        self.keys.reserve(additional);
    }

    /// Where the key was first seen, if it was, without recording it.
    fn find(&self, key: &str, hash: u64) -> Option<Seen> {
        let (text, keys) = (&self.text, &self.keys);
        match self.table.find(hash, |&entry| Self::is(text, keys, entry, key, hash)) {
            Some(&(id, _)) => keys.get(id as usize).map(|&(_, _, seen)| seen),
            None => self.overflow.get(key).copied(),
        }
    }

    /// Where the key was first seen, or `None` after recording it as seen at `seen`.
    fn claim(&mut self, key: &str, hash: u64, seen: Seen) -> Option<Seen> {
        let (text, keys, hasher) = (&self.text, &self.keys, &self.hasher);
        let entry = self.table.entry(
            hash,
            |&entry| Self::is(text, keys, entry, key, hash),
            |&(id, _)| Self::hash_of(text, keys, hasher, id),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(first) => {
                Some(self.keys.get(first.get().0 as usize).map_or(seen, |&(_, _, s)| s))
            }
            hashbrown::hash_table::Entry::Vacant(slot) => match u32::try_from(self.keys.len()) {
                Ok(id) if id < self.numbered => {
                    slot.insert((id, fragment(hash)));
                    self.keys.push((self.text.len(), key.len(), seen));
                    self.text.push_str(key);
                    None
                }
                // Past four billion keys (more records than memory holds at once, but
                // correct all the same) the rest go to a plain map.
                _ => match self.overflow.entry(key.into()) {
                    std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(seen);
                        None
                    }
                },
            },
        }
    }

    /// Forgets a key (its text stays, unreachable: giving keys back is rare).
    fn remove(&mut self, key: &str, hash: u64) {
        self.overflow.remove(key);
        let (text, keys) = (&self.text, &self.keys);
        if let Ok(entry) = self.table.find_entry(hash, |&entry| Self::is(text, keys, entry, key, hash)) {
            entry.remove();
        }
    }
}

/// Registrations that a desk reads a block at a time, on the threads that check them (see
/// [`RegistrationDesk::validate_rows`]), borrowed from where they were read: Arrow buffers,
/// a binding's cells, records. A slice of views or of records with the problems found
/// reading each, `(rows, found)`, is such rows (`found[i]` belongs to row `i`; a shorter
/// list means no problems for the rest).
///
/// ```
/// use kix_core::registration::{Registration, RegistrationRows};
/// let records = [Registration::default(), Registration::default()];
/// let rows = (&records[..], &[][..]);
/// let (mut views, mut found) = (Vec::new(), Vec::new());
/// rows.read(1..2, &mut views, &mut found);
/// assert_eq!((rows.len(), views.len(), found.len()), (2, 1, 0));
/// ```
pub trait RegistrationRows: Sync {
    /// How many registrations there are.
    fn len(&self) -> usize;

    /// Whether there are none.
    ///
    /// ```
    /// use kix_core::registration::{Registration, RegistrationRows};
    /// assert!((&[][..] as &[Registration], &[][..]).is_empty());
    /// ```
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the registrations `rows` (within `0..len()`) to `views`, and to `found` the
    /// problems found reading them, each with its row's place among `rows`, in row order.
    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    );

    /// The registrations `rows` where they lie as views already, with the problems found
    /// reading each (`found[i]` for row `i`, a shorter list: none for the rest), so that
    /// they are checked in place instead of read; `None` (the default) when they are not.
    ///
    /// ```
    /// use kix_core::registration::{Registration, RegistrationRows};
    /// let r = Registration::default();
    /// let views = [r.view(), r.view()];
    /// assert_eq!((&views[..], &[][..]).views(1..2).map(|(v, _)| v.len()), Some(1));
    /// assert!((&[r][..], &[][..]).views(0..1).is_none());
    /// ```
    fn views(&self, rows: Range<usize>) -> Option<(&[RegistrationRef<'_>], &[Vec<Violation>])> {
        let _ = rows;
        None
    }
}

/// The problems found reading `rows` of a batch, as [`RegistrationRows::read`] gives them.
fn found_in(found: &[Vec<Violation>], rows: Range<usize>, into: &mut Vec<(usize, Violation)>) {
    let start = rows.start;
    for (i, problems) in found.iter().enumerate().take(rows.end).skip(start) {
        into.extend(problems.iter().map(|v| (i - start, v.clone())));
    }
}

impl<'r> RegistrationRows for (&[RegistrationRef<'r>], &[Vec<Violation>]) {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        views.extend_from_slice(self.0.get(rows.clone()).unwrap_or_default());
        found_in(self.1, rows, found);
    }

    fn views(&self, rows: Range<usize>) -> Option<(&[RegistrationRef<'_>], &[Vec<Violation>])> {
        let found = self.1.get(rows.start.min(self.1.len())..rows.end.min(self.1.len())).unwrap_or_default();
        Some((self.0.get(rows)?, found))
    }
}

impl RegistrationRows for (&[Registration], &[Vec<Violation>]) {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        views.extend(self.0.get(rows.clone()).unwrap_or_default().iter().map(Registration::view));
        found_in(self.1, rows, found);
    }
}

/// The state of registration for one event: seats held and e-mails seen.
/// Validating registrations one after another through one desk is exactly
/// what [`validate_batch`] does.
///
/// ```
/// use kix_core::{Registration, RegistrationDesk, RegistrationStatus};
/// let hub = kix_core::emap();
/// let event = hub.event("kix-emap-webinar-20").unwrap();
/// let mut desk = RegistrationDesk::new(hub, event, &[])?;
/// let r = Registration {
///     full_name: Some("Tenzin Dorji".into()), email: Some("tenzin@example.bt".into()),
///     country: Some("Bhutan".into()), audience: Some("teacher".into()), consent: Some(true),
///     submitted_at: Some("2024-07-20T10:00:00+06:00".into()), ..Default::default()
/// };
/// assert_eq!(desk.validate(&r, None).status, RegistrationStatus::Confirmed);
/// assert_eq!(desk.validate(&r, None).violations[0].code, kix_core::Code::RegistrationDuplicate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RegistrationDesk<'a> {
    rules: Rules<'a>,
    seats_held: u64,
    /// Seats held per occurrence, by slot, for an event taken per occurrence.
    slot_seats: Vec<u64>,
    /// The e-mail keys seen, in [`SHARDS`] tables by hash.
    emails: Vec<Keys>,
    next_index: usize,
    /// What each thread that checks registrations keeps between them; the first is this thread's.
    scratch: Vec<Scratch>,
    threads: usize,
}

/// What a registration is checked against, read by every thread that checks: the event,
/// its window and occurrences, the invitees. Nothing in it changes during a batch.
struct Rules<'a> {
    hub: &'a Hub,
    event: &'a Event,
    closes_at: DateTime<Utc>,
    opens_at: Option<DateTime<Utc>>,
    /// The occurrences, by `recurrence_id`, of an event taken per occurrence; `None` per series.
    slots: Option<Vec<Slot>>,
    invitees: HashSet<String, RandomState>,
    /// The hasher of the e-mail keys, so that a key is hashed where it is built.
    hasher: RandomState,
}

/// What one checking thread keeps between chunks: the country texts it resolved (a batch
/// names few countries, many times), and for the registrations of its part the e-mail keys
/// in one text, their claims and their outcomes (the first part's go straight to the caller's).
#[derive(Default)]
struct Scratch {
    places: HashMap<Box<str>, Result<Place, Violation>, RandomState>,
    keys: String,
    claims: Vec<Claim>,
    outcomes: Vec<RegistrationOutcome>,
}

/// What the in-order part of a validation needs of a registration checked against the
/// rules: its duplicate key and where a duplicate violation goes, and its occurrence's slot.
#[derive(Clone, Copy)]
struct Claim {
    /// The key's place in the scratch keys and its hash; `None` without a valid address.
    key: Option<(usize, usize, u64)>,
    /// Where a duplicate goes among the violations: after the e-mail's own.
    duplicate_at: usize,
    slot: Option<usize>,
}

/// One occurrence of an event taken per occurrence: its seats and when its registration closes.
#[derive(Debug, Clone, Copy)]
struct Slot {
    id: NaiveDateTime,
    closes_at: DateTime<Utc>,
}

/// The slot of an occurrence, if the event has it (slots are sorted by id).
fn slot_of(slots: &[Slot], occurrence: NaiveDateTime) -> Option<usize> {
    slots.binary_search_by_key(&occurrence, |s| s.id).ok()
}

/// An e-mail's duplicate key for one occurrence: the key and the occurrence, which no
/// e-mail key contains (keys hold no control character).
fn occurrence_key(key: &mut String, occurrence: NaiveDateTime) {
    use std::fmt::Write;
    let _ = write!(key, "\u{1f}{occurrence}");
}

/// `work` done on every item, the first on this thread and each other on a thread of its
/// own, or on this thread after the others when a thread cannot be started (a process out of
/// threads still gets its outcomes); the results in the items' order.
fn on_threads<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    // Each item is taken once, by the thread that does it: the lock is never contended.
    let take = |i: usize| items.get(i)?.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    let (take, work) = (&take, &work);
    std::thread::scope(|scope| {
        let started: Vec<_> = (1..items.len())
            .map(|i| std::thread::Builder::new().spawn_scoped(scope, move || take(i).map(work)).ok())
            .collect();
        let mut done = vec![take(0).map(work)];
        for thread in started {
            // A panic on a thread (there should be none) goes on here.
            done.push(thread.and_then(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))));
        }
        done.into_iter().enumerate().filter_map(|(i, r)| r.or_else(|| take(i).map(work))).collect()
    })
}

/// The duplicate claims of a checked slice in one thread's tables (those whose number is
/// `thread` modulo `threads`), in order: a registration with an error of its own only looks
/// its e-mail up (it will be refused and give its claim back), any other claims it. `index`
/// is the desk's number of the slice's first registration. Returns each duplicate's row in
/// the slice and where its e-mail was first seen.
fn claim_in_order(
    (thread, threads): (usize, usize),
    mut tables: Vec<&mut Keys>,
    checked: &[Scratch],
    first_part: &[RegistrationOutcome],
    index: usize,
) -> Vec<(usize, Seen)> {
    let mut found = Vec::new();
    let mut row = 0;
    for (p, part) in checked.iter().enumerate() {
        let outcomes = if p == 0 { first_part } else { &part.outcomes[..] };
        for (outcome, claim) in outcomes.iter().zip(&part.claims) {
            if let Some((start, len, hash)) = claim.key
                && shard_of(hash) % threads == thread
                && let Some(keys) = tables.get_mut(shard_of(hash) / threads)
            {
                let key = part.keys.get(start..start + len).unwrap_or_default();
                let first = if outcome.violations.iter().any(Violation::is_error) {
                    keys.find(key, hash)
                } else {
                    keys.claim(key, hash, Seen::batch(index + row))
                };
                if let Some(first) = first {
                    found.push((row, first));
                }
            }
            row += 1;
        }
    }
    found
}

/// How many distinct country texts a desk remembers, and how long one may be.
const PLACE_CACHE: (usize, usize) = (4096, 64);

impl fmt::Debug for RegistrationDesk<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationDesk")
            .field("event", &self.rules.event.id)
            .field("seats_held", &self.seats_held)
            .field("emails_seen", &self.emails.iter().map(Keys::len).sum::<usize>())
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

/// The least registrations worth a thread of their own: below this, starting the thread
/// costs more than it saves.
const MIN_ROWS_PER_THREAD: usize = 1024;

/// Registrations a checking thread reads at a time, so that their views stay in the
/// processor's caches while the rules read them.
const BLOCK: usize = 512;

/// The threads a desk checks with unless told otherwise: `KIX_MAX_THREADS` when it is set
/// to a number (as `POLARS_MAX_THREADS` and `RAYON_NUM_THREADS` are), else the machine's
/// cores, at most [`SHARDS`] (the duplicate check takes a table of e-mails a thread).
fn default_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("KIX_MAX_THREADS")
            .ok()
            .and_then(|n| n.trim().parse::<usize>().ok())
            .map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(SHARDS)), |n| n.max(1))
    })
}

impl<'a> RegistrationDesk<'a> {
    /// A desk for an event with the registrations already held. Fails only when
    /// the event's own times cannot be resolved (an unknown zone, no end).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(hub: &'a Hub, event: &'a Event, held: &[HeldRegistration]) -> Result<Self, Error> {
        let closes_at = event.registration_closes_at()?;
        let slots = if event.registration.per_occurrence {
            let mut slots: Vec<Slot> = event
                .occurrences()?
                .iter()
                .map(|o| Slot { id: o.recurrence_id, closes_at: event.registration_closes_for(o) })
                .collect();
            slots.sort_by_key(|s| s.id);
            Some(slots)
        } else {
            None
        };
        let mut slot_seats = vec![0; slots.as_ref().map_or(0, Vec::len)];
        let hasher = RandomState::default();
        let mut emails: Vec<Keys> = (0..SHARDS).map(|_| Keys::new(hasher.clone())).collect();
        let mut seats_held = 0;
        for (i, h) in held.iter().enumerate().filter(|(_, h)| h.status != RegistrationStatus::Rejected) {
            let mut key = duplicate_key(&h.email);
            // Per occurrence, a held registration counts for the occurrence it names.
            let slot = match (&slots, h.occurrence) {
                (Some(slots), Some(occurrence)) => {
                    occurrence_key(&mut key, occurrence);
                    slot_of(slots, occurrence).and_then(|i| slot_seats.get_mut(i))
                }
                _ => None,
            };
            let hash = hasher.hash_one(key.as_str());
            if let Some(keys) = emails.get_mut(shard_of(hash)) {
                keys.claim(&key, hash, Seen::held(i));
            }
            if h.status.holds_seat() {
                seats_held += 1;
                if let Some(seats) = slot {
                    *seats += 1;
                }
            }
        }
        let rules = Rules {
            hub,
            event,
            closes_at,
            opens_at: event.registration.opens_at.map(|t| t.with_timezone(&Utc)),
            slots,
            invitees: event.registration.invitees.iter().map(|e| duplicate_key(e)).collect(),
            hasher,
        };
        Ok(RegistrationDesk {
            rules,
            seats_held,
            slot_seats,
            emails,
            next_index: 0,
            scratch: vec![Scratch::default()],
            threads: default_threads(),
        })
    }

    /// Makes room for `additional` more e-mails, so that a batch of known size
    /// grows the desk's table once.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let mut desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// desk.reserve(1000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        // A little more than a table's share: keys fall into the tables unevenly.
        let share = additional.div_ceil(SHARDS);
        for keys in &mut self.emails {
            keys.reserve(share + share / 8);
        }
    }

    /// How many threads [`RegistrationDesk::validate_rows`] may check registrations on (at
    /// least one, this one among them; at most 8 are used). The default is `KIX_MAX_THREADS`
    /// when it is set, else the machine's cores. The outcomes are the same on any number.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let mut desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// desk.set_threads(1);
    /// assert_eq!(desk.threads(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// The threads [`RegistrationDesk::validate_rows`] may check registrations on.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// assert!(desk.threads() >= 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Seats held now (confirmed and pending).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// assert_eq!(desk.seats_held(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn seats_held(&self) -> u64 {
        self.seats_held
    }

    /// Seats held now for one occurrence of an event taken per occurrence (`None` for an
    /// occurrence the event does not have, or an event taken per series).
    ///
    /// ```
    /// use kix_core::{Frequency, HeldRegistration, Recurrence, RegistrationDesk, RegistrationStatus};
    /// let hub = kix_core::emap();
    /// let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(2), ..Recurrence::new(Frequency::Weekly) });
    /// e.registration.per_occurrence = true;
    /// let second = "2024-08-07T13:00:00".parse()?;
    /// let held = [HeldRegistration { email: "a@example.org".into(), status: RegistrationStatus::Confirmed, occurrence: Some(second) }];
    /// let desk = RegistrationDesk::new(hub, &e, &held)?;
    /// assert_eq!(desk.seats_held_for(second), Some(1));
    /// assert_eq!(desk.seats_held_for("2024-07-31T13:00:00".parse()?), Some(0));
    /// assert_eq!(desk.seats_held(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn seats_held_for(&self, occurrence: NaiveDateTime) -> Option<u64> {
        let slots = self.rules.slots.as_deref()?;
        slot_of(slots, occurrence).and_then(|i| self.slot_seats.get(i)).copied()
    }

    /// Validates the next registration and records it if accepted. `now` is
    /// the instant checked against the registration window when the record has
    /// no `submitted_at`.
    ///
    /// ```
    /// use kix_core::{Code, Registration, RegistrationDesk, RegistrationStatus};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let outcome = desk.validate(&Registration::default(), None);
    /// assert_eq!(outcome.status, RegistrationStatus::Rejected);
    /// assert!(outcome.violations.iter().all(|v| v.code == Code::RegistrationMissingField));
    /// assert_eq!(outcome.violations.len(), 5, "full_name, email, country, audience, submitted_at");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&mut self, r: &Registration, now: Option<DateTime<Utc>>) -> RegistrationOutcome {
        self.validate_read(r, &[], now)
    }

    /// Validates the next registration together with the problems found while
    /// reading it (a cell of the wrong kind, see [`invalid_value`]): they are
    /// violations of this record, and a field they name is not reported
    /// missing as well.
    ///
    /// ```
    /// use kix_core::{Code, Registration, RegistrationDesk, registration::invalid_value};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let found = [invalid_value("full_name", "int", "42")];
    /// let outcome = desk.validate_read(&Registration::default(), &found, None);
    /// assert_eq!(outcome.violations[0].code, Code::RegistrationInvalidValue);
    /// assert_eq!(outcome.violations.len(), 5, "the other four missing fields, not full_name again");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_read(
        &mut self,
        r: &Registration,
        found: &[Violation],
        now: Option<DateTime<Utc>>,
    ) -> RegistrationOutcome {
        self.validate_view(r.view(), found, now)
    }

    /// [`RegistrationDesk::validate_read`] on a registration borrowed from
    /// where it was read, so that a binding copies no field to validate it.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let r = Registration { email: Some("a@example.org".into()), ..Default::default() };
    /// assert_eq!(desk.validate_view(r.view(), &[], None).violations.len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_view(
        &mut self,
        r: RegistrationRef<'_>,
        found: &[Violation],
        now: Option<DateTime<Utc>>,
    ) -> RegistrationOutcome {
        let mut scratch = self.scratch.pop().unwrap_or_default();
        scratch.keys.clear();
        let (mut outcome, claim) = self.rules.check(&r, found.to_vec(), now, &mut scratch.places, &mut scratch.keys);
        self.settle(&mut outcome, claim, &scratch.keys);
        self.scratch.push(scratch);
        outcome
    }

    /// Validates registrations in order, as many calls of
    /// [`RegistrationDesk::validate_view`] would, and appends their outcomes to `out`. The
    /// rows are read a block at a time where they are checked. A large batch is shared among
    /// threads (see [`RegistrationDesk::set_threads`]): each reads and checks a part of the
    /// rows, then each claims the e-mails of its tables, in order (unless the event refuses
    /// registrations when full: then one thread does), and the seats are counted in order,
    /// so the outcomes are those of one thread.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk, RegistrationStatus};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let r = Registration {
    ///     full_name: Some("Tenzin Dorji".into()), email: Some("tenzin@example.bt".into()),
    ///     country: Some("Bhutan".into()), audience: Some("teacher".into()),
    ///     submitted_at: Some("2024-07-20T10:00:00+06:00".into()), ..Default::default()
    /// };
    /// let mut out = Vec::new();
    /// desk.validate_rows(&(&[r.clone(), r][..], &[][..]), None, &mut out);
    /// assert_eq!(out[0].status, RegistrationStatus::Confirmed);
    /// assert_eq!(out[1].violations[0].code, kix_core::Code::RegistrationDuplicate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_rows<R: RegistrationRows + ?Sized>(
        &mut self,
        rows: &R,
        now: Option<DateTime<Utc>>,
        out: &mut Vec<RegistrationOutcome>,
    ) {
        let len = rows.len();
        let parts = self.threads.min(SHARDS).min(len / MIN_ROWS_PER_THREAD).max(1);
        let mut scratch = std::mem::take(&mut self.scratch);
        if scratch.len() < parts {
            scratch.resize_with(parts, Scratch::default);
        }
        let per_part = len.div_ceil(parts).max(1);
        let rules = &self.rules;
        // Reads and checks a part a block at a time (the block's views stay in the caches while
        // they are checked) into `outcomes`, its claims and keys into the scratch.
        let check = |part: Range<usize>, scratch: &mut Scratch, outcomes: Option<&mut Vec<_>>| {
            let Scratch { places, keys, claims, outcomes: own } = scratch;
            let outcomes = outcomes.unwrap_or(own);
            keys.clear();
            claims.clear();
            outcomes.reserve(part.len());
            let mut check_block = |views: &[RegistrationRef<'_>], found: &mut dyn FnMut(usize) -> Vec<Violation>| {
                for (i, r) in views.iter().enumerate() {
                    let (outcome, claim) = rules.check(r, found(i), now, places, keys);
                    outcomes.push(outcome);
                    claims.push(claim);
                }
            };
            let (mut views, mut found) = (Vec::new(), Vec::new());
            for start in part.clone().step_by(BLOCK) {
                let block = start..part.end.min(start + BLOCK);
                if let Some((views, found)) = rows.views(block.clone()) {
                    check_block(views, &mut |i| found.get(i).cloned().unwrap_or_default());
                    continue;
                }
                views.clear();
                rows.read(block, &mut views, &mut found);
                let mut found = found.drain(..).peekable();
                check_block(&views, &mut |i| {
                    let mut own = Vec::new();
                    while let Some((_, v)) = found.next_if(|(row, _)| *row == i) {
                        own.push(v);
                    }
                    own
                });
            }
        };
        let first = out.len();
        // The first part's outcomes go straight to `out`, the others' to their scratch.
        let mut to = Some(&mut *out);
        let work = (0..parts).map(|p| p * per_part..len.min((p + 1) * per_part)).zip(scratch.iter_mut());
        on_threads(work.map(|(part, s)| (part, s, to.take())).collect(), |(part, s, to)| check(part, s, to));
        let index = self.next_index;
        // Without a refusal for a full event, a registration keeps its claim on its e-mail unless
        // it breaks a rule of its own, which is known already: the tables, each in order, can
        // be claimed on the threads (a table each in turn), and only the seats are left.
        let duplicates = if parts > 1 && !self.rules.may_refuse_when_full() {
            let mut tables: Vec<Vec<&mut Keys>> = (0..parts).map(|_| Vec::new()).collect();
            for (shard, keys) in self.emails.iter_mut().enumerate() {
                if let Some(table) = tables.get_mut(shard % parts) {
                    table.push(keys);
                }
            }
            let (checked, mine) = (scratch.get(..parts).unwrap_or_default(), out.get(first..).unwrap_or_default());
            let claim = |(t, tables)| claim_in_order((t, parts), tables, checked, mine, index);
            Some(on_threads(tables.into_iter().enumerate().collect(), claim).concat())
        } else {
            None
        };
        // In order: this thread's part where it stands in `out`, then each other part, settled
        // in its own vector and moved to the end of `out`.
        let mut duplicates = duplicates.map(|mut found| {
            found.sort_unstable_by_key(|&(row, _)| row);
            found.into_iter().peekable()
        });
        for (p, part) in scratch.iter_mut().take(parts).enumerate() {
            let outcomes = if p == 0 { out.get_mut(first..).unwrap_or_default() } else { &mut part.outcomes[..] };
            for (outcome, claim) in outcomes.iter_mut().zip(&part.claims) {
                match &mut duplicates {
                    Some(found) => {
                        let row = self.next_index - index;
                        let first = found.next_if(|&(r, _)| r == row).map(|(_, first)| first);
                        self.decide(outcome, *claim, first);
                    }
                    None => self.settle(outcome, *claim, &part.keys),
                }
            }
            if p > 0 {
                out.append(&mut part.outcomes);
            }
        }
        self.scratch = scratch;
    }

    /// The part of a validation that depends on the registrations before it, in order:
    /// the duplicate claim (given back if the registration is rejected, so a corrected
    /// resubmission passes), the status and the seats.
    fn settle(&mut self, outcome: &mut RegistrationOutcome, claim: Claim, keys: &str) {
        let key = claim.key.map(|(start, len, hash)| (keys.get(start..start + len).unwrap_or_default(), hash));
        let seen = Seen::batch(self.next_index);
        let first = key.and_then(|(key, hash)| self.emails.get_mut(shard_of(hash))?.claim(key, hash, seen));
        let status = self.decide(outcome, claim, first);
        if let (RegistrationStatus::Rejected, Some((key, hash)), None) = (status, key, first)
            && let Some(keys) = self.emails.get_mut(shard_of(hash))
        {
            keys.remove(key, hash);
        }
    }

    /// A registration's duplicate (its e-mail `first` seen there), status and seat, in order.
    fn decide(&mut self, outcome: &mut RegistrationOutcome, claim: Claim, first: Option<Seen>) -> RegistrationStatus {
        self.next_index += 1;
        let v = &mut outcome.violations;
        if let Some(first) = first {
            v.insert(claim.duplicate_at.min(v.len()), self.rules.duplicate(first, claim.slot));
        }
        let status = self.status(claim.slot, v);
        if status.holds_seat() {
            self.seats_held += 1;
            if let Some(seats) = claim.slot.and_then(|s| self.slot_seats.get_mut(s)) {
                *seats += 1;
            }
        }
        outcome.status = status;
        status
    }

    /// Rejected on any error; otherwise a seat, the waiting list or, when
    /// full without one, a rejection for the capacity.
    fn status(&self, slot: Option<usize>, v: &mut Vec<Violation>) -> RegistrationStatus {
        if v.iter().any(Violation::is_error) {
            return RegistrationStatus::Rejected;
        }
        let event = self.rules.event;
        let (held, occurrence) = match (self.rules.slot(slot), slot.and_then(|s| self.slot_seats.get(s))) {
            (Some(s), Some(&seats)) => (seats, Some(s.id)),
            _ => (self.seats_held, None),
        };
        if let Some(capacity) = event.registration.capacity.filter(|&cap| held >= u64::from(cap)) {
            if event.registration.waiting_list {
                return RegistrationStatus::Waitlisted;
            }
            v.push(match occurrence {
                None => Violation::new(Code::RegistrationFull, "", format!("all {capacity} seats are taken"))
                    .with_param("capacity", capacity),
                Some(o) => Violation::new(
                    Code::RegistrationFull,
                    "",
                    format!("all {capacity} seats of the occurrence at {o} are taken"),
                )
                .with_param("capacity", capacity)
                .with_param("occurrence", o),
            });
            return RegistrationStatus::Rejected;
        }
        if event.registration.approval == Approval::Manual {
            RegistrationStatus::Pending
        } else {
            RegistrationStatus::Confirmed
        }
    }
}

impl Rules<'_> {
    /// Every violation of a registration's own fields, in the order the rules run, with
    /// what the duplicate check and the seats need later. Its duplicate key is written to
    /// the scratch keys and hashed here, where the address is at hand.
    fn check(
        &self,
        r: &RegistrationRef<'_>,
        found: Vec<Violation>,
        now: Option<DateTime<Utc>>,
        places: &mut HashMap<Box<str>, Result<Place, Violation>, RandomState>,
        keys: &mut String,
    ) -> (RegistrationOutcome, Claim) {
        let mut v = found;
        undecodable_text(r, &mut v);
        name_rule(r, &mut v);
        let (slot, occurrence_problem) = self.occurrence_rule(r, &v);
        let email = self.email_rule(r, &mut v);
        let duplicate_at = v.len();
        let key = email.as_ref().map(|email| {
            let start = keys.len();
            email.key_append(keys);
            if let Some(id) = self.slot(slot).map(|s| s.id) {
                occurrence_key(keys, id);
            }
            let key = keys.get(start..).unwrap_or_default();
            (start, key.len(), self.hasher.hash_one(key))
        });
        let (country, subdivision) = self.country_rule(r, places, &mut v);
        organisation_rule(r, &mut v);
        audience_rule(r, &mut v);
        self.language_rule(r, &mut v);
        self.consent_rule(r, &mut v);
        v.extend(occurrence_problem);
        self.window_rule(r, now, slot, &mut v);
        self.cancellation_rule(&mut v);
        self.invitation_rule(r, &mut v);
        // The status is the in-order part's to decide (`RegistrationDesk::settle`).
        let outcome = RegistrationOutcome {
            status: RegistrationStatus::Rejected,
            violations: v,
            email: email.map(Email::into_string),
            country,
            subdivision,
        };
        (outcome, Claim { key, duplicate_at, slot })
    }

    /// Whether a registration without an error can still be refused: when the event (or an
    /// occurrence) is full and has no waiting list. Only then does a claim on an e-mail depend
    /// on the seats taken before it.
    fn may_refuse_when_full(&self) -> bool {
        self.event.registration.capacity.is_some() && !self.event.registration.waiting_list
    }

    /// The duplicate violation of a registration whose key was first seen at `first`.
    fn duplicate(&self, first: Seen, slot: Option<usize>) -> Violation {
        let occurrence = self.slot(slot).map(|s| s.id);
        let (message, param, at) = match (first.get(), occurrence) {
            ((true, i), None) => ("this e-mail is already registered for the event", "held_index", i),
            ((false, i), None) => ("this e-mail was registered earlier in the batch", "first_index", i),
            ((true, i), Some(_)) => ("this e-mail is already registered for this occurrence", "held_index", i),
            ((false, i), Some(_)) => {
                ("this e-mail was registered for this occurrence earlier in the batch", "first_index", i)
            }
        };
        let duplicate = Violation::new(Code::RegistrationDuplicate, "email", message).with_param(param, at);
        match occurrence {
            Some(o) => duplicate.with_param("occurrence", o),
            None => duplicate,
        }
    }

    /// The occurrence a registration names, for an event taken per occurrence: its slot, or
    /// the violation to report (missing, unknown or cancelled). Per series, a named occurrence
    /// is ignored with a warning.
    fn occurrence_rule(&self, r: &RegistrationRef<'_>, v: &[Violation]) -> (Option<usize>, Option<Violation>) {
        let Some(slots) = self.slots.as_deref() else {
            let ignored = r.occurrence.map(|o| {
                Violation::new(
                    Code::RegistrationOccurrenceIgnored,
                    "occurrence",
                    format!("the event takes registrations for the whole series; the occurrence {o} is ignored"),
                )
                .with_param("occurrence", o)
            });
            return (None, ignored);
        };
        match r.occurrence {
            None if reported(v, "occurrence") => (None, None),
            None => (None, Some(missing("occurrence"))),
            Some(o) => match slot_of(slots, o) {
                Some(i) => (Some(i), None),
                None => (None, Some(self.event.unknown_occurrence(o, "occurrence"))),
            },
        }
    }

    fn slot(&self, slot: Option<usize>) -> Option<&Slot> {
        self.slots.as_deref().and_then(|s| s.get(slot?))
    }

    /// The address checked and normalized (and its look-alike letters reported).
    fn email_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) -> Option<Email> {
        let trimmed = crate::shared::text::trim(present(r.email, "email", v)?);
        if trimmed.len() > MAX_EMAIL_BYTES {
            too_long("email", trimmed.len(), MAX_EMAIL_BYTES, v);
            return None;
        }
        let email = match Email::parse(trimmed) {
            Ok(email) => email,
            Err(e) => {
                v.push(
                    Violation::new(Code::RegistrationInvalidEmail, "email", format!("not a valid e-mail address: {e}"))
                        .with_param("reason", e.to_string()),
                );
                return None;
            }
        };
        if let Some(part) = email.mixed_script() {
            v.push(
                Violation::new(
                    Code::RegistrationMixedScriptEmail,
                    "email",
                    format!("{:?} mixes Latin letters with Cyrillic or Greek ones that look alike", truncate(part, 80)),
                )
                .with_param("part", truncate(part, 200)),
            );
        }
        Some(email)
    }

    /// The country, and the subdivision when the text names one ("Sindh, Pakistan").
    fn country_rule(
        &self,
        r: &RegistrationRef<'_>,
        places: &mut HashMap<Box<str>, Result<Place, Violation>, RandomState>,
        v: &mut Vec<Violation>,
    ) -> (Option<CountryCode>, Option<String>) {
        let Some(text) = present(r.country, "country", v) else {
            return (None, None);
        };
        let resolved = match places.get(text) {
            Some(known) => known.clone(),
            None => {
                let resolved = resolve_place(text);
                if places.len() < PLACE_CACHE.0 && text.len() <= PLACE_CACHE.1 {
                    places.insert(text.into(), resolved.clone());
                }
                resolved
            }
        };
        let place = match resolved {
            Ok(place) => place,
            Err(ambiguous) if ambiguous.code == Code::CountryAmbiguous => {
                v.push(Violation { path: "country".into(), ..ambiguous });
                return (None, None);
            }
            Err(_) => {
                v.push(
                    Violation::new(
                        Code::RegistrationUnknownCountry,
                        "country",
                        format!("{:?} is not a country code or name kix knows", truncate(text, 80)),
                    )
                    .with_param("country", truncate(text, 200)),
                );
                return (None, None);
            }
        };
        let code = place.country;
        if self.event.eligibility == Eligibility::ParticipatingCountries && !self.eligible(code) {
            v.push(
                Violation::new(
                    Code::RegistrationCountryNotEligible,
                    "country",
                    format!("{} ({code}) does not take part in this event", code.name()),
                )
                .with_param("country", code),
            );
        }
        (Some(code), place.subdivision)
    }

    fn language_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
        let Some(language) = r.language.map(crate::shared::text::trim).filter(|l| !l.is_empty()) else {
            return;
        };
        let offered_here = |l: &String| l.eq_ignore_ascii_case(language);
        if offered_here(&self.event.language) || self.event.interpretation.iter().any(offered_here) {
            return;
        }
        let mut offered = vec![self.event.language.clone()];
        offered.extend(self.event.interpretation.iter().cloned());
        v.push(
            Violation::new(
                Code::RegistrationLanguageNotOffered,
                "language",
                format!("{:?} is not offered; the event offers {}", truncate(language, 20), offered.join(", ")),
            )
            .with_param("language", truncate(language, 40))
            .with_param("offered", offered),
        );
    }

    fn consent_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
        if self.event.registration.consent_required && r.consent != Some(true) && !reported(v, "consent") {
            v.push(Violation::new(Code::RegistrationConsentRequired, "consent", "the event requires consent"));
        }
    }

    /// The submission time (or `now` when there is none) inside the registration window: the
    /// event's, or per occurrence the occurrence's (none to close when it names no occurrence).
    fn window_rule(
        &self,
        r: &RegistrationRef<'_>,
        now: Option<DateTime<Utc>>,
        slot: Option<usize>,
        v: &mut Vec<Violation>,
    ) {
        let submitted = match r.submitted_at {
            Some(Submitted::At(t)) => t,
            Some(Submitted::Text(text)) => match parse_submitted(text) {
                Ok(t) => t,
                Err(Some(gap_or_fold)) => {
                    v.push(Violation { path: "submitted_at".into(), ..gap_or_fold });
                    return;
                }
                Err(None) => {
                    v.push(
                        Violation::new(
                            Code::RegistrationInvalidTimestamp,
                            "submitted_at",
                            format!("{:?} is not an RFC 3339 instant with an offset", truncate(text, 40)),
                        )
                        .with_param("submitted_at", truncate(text, 60)),
                    );
                    return;
                }
            },
            None => match now {
                Some(now) => now,
                None => {
                    if !reported(v, "submitted_at") {
                        v.push(missing("submitted_at"));
                    }
                    return;
                }
            },
        };
        if let Some(open) = self.opens_at.filter(|&open| submitted < open) {
            v.push(
                Violation::new(Code::RegistrationNotOpen, "submitted_at", format!("registration opens at {open}"))
                    .with_param("opens_at", open)
                    .with_param("submitted_at", submitted),
            );
        }
        let (closes_at, occurrence) = match (self.slots.is_some(), self.slot(slot)) {
            (false, _) => (self.closes_at, None),
            (true, Some(s)) => (s.closes_at, Some(s.id)),
            (true, None) => return,
        };
        if submitted >= closes_at {
            let closed = Violation::new(
                Code::RegistrationClosed,
                "submitted_at",
                format!("registration closed at {closes_at} (register in advance)"),
            )
            .with_param("closes_at", closes_at)
            .with_param("submitted_at", submitted);
            v.push(match occurrence {
                Some(o) => closed.with_param("occurrence", o),
                None => closed,
            });
        }
    }

    fn cancellation_rule(&self, v: &mut Vec<Violation>) {
        if self.event.status == EventStatus::Cancelled {
            v.push(
                Violation::new(Code::RegistrationClosed, "", "the event was cancelled").with_param("cancelled", true),
            );
        }
    }

    /// Checked on any e-mail text but one already refused as malformed.
    fn invitation_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
        if self.event.eligibility == Eligibility::InvitationOnly
            && let Some(email) = r.email.filter(|_| !v.iter().any(|x| x.code == Code::RegistrationInvalidEmail))
            && !self.invitees.contains(&duplicate_key(email))
        {
            v.push(Violation::new(Code::RegistrationNotInvited, "email", "this event is by invitation only"));
        }
    }

    fn eligible(&self, code: CountryCode) -> bool {
        match &self.event.countries {
            Some(list) => list.contains(&code),
            None => self.hub.is_member(code),
        }
    }
}

/// U+FFFD is what text that could not be decoded becomes (a lone surrogate
/// from Python, bytes that are not UTF-8): the row is refused, the batch goes on.
fn undecodable_text(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    let submitted = match r.submitted_at {
        Some(Submitted::Text(text)) => Some(text),
        _ => None,
    };
    let fields = [
        ("full_name", r.full_name),
        ("email", r.email),
        ("country", r.country),
        ("organisation", r.organisation),
        ("audience", r.audience),
        ("language", r.language),
        ("submitted_at", submitted),
    ];
    for (field, value) in fields {
        // U+FFFD is three bytes starting 0xEF: ASCII text cannot hold it.
        if value.is_some_and(|text| !text.is_ascii() && text.contains(char::REPLACEMENT_CHARACTER)) {
            v.push(
                Violation::new(
                    Code::RegistrationUndecodableText,
                    field,
                    format!("{field} holds text that could not be decoded (U+FFFD)"),
                )
                .with_param("field", field),
            );
        }
    }
}

fn name_rule(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    if let Some(name) = present(r.full_name, "full_name", v) {
        // A character is at least a byte: short text needs no count.
        if name.len() > MAX_NAME_CHARS {
            too_long("full_name", name.chars().count(), MAX_NAME_CHARS, v);
        }
    }
}

fn organisation_rule(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    if let Some(org) = r.organisation.filter(|o| o.len() > MAX_ORGANISATION_CHARS) {
        too_long("organisation", org.chars().count(), MAX_ORGANISATION_CHARS, v);
    }
}

fn audience_rule(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    let Some(audience) = present(r.audience, "audience", v) else {
        return;
    };
    if audience_code(audience).is_some() {
        return;
    }
    let allowed: Vec<&str> = Audience::ALL.iter().map(|a| a.as_str()).collect();
    v.push(
        Violation::new(
            Code::RegistrationUnknownAudience,
            "audience",
            format!("{:?} is not one of {}", truncate(audience, 40), allowed.join(", ")),
        )
        .with_param("audience", truncate(audience, 200))
        .with_param("allowed", allowed),
    );
}

fn missing(field: &str) -> Violation {
    Violation::new(Code::RegistrationMissingField, field, format!("{field} is required")).with_param("field", field)
}

/// Whether a violation already names this field (a problem found while reading it).
fn reported(v: &[Violation], field: &str) -> bool {
    v.iter().any(|x| x.path == field)
}

fn present<'r>(value: Option<&'r str>, field: &str, v: &mut Vec<Violation>) -> Option<&'r str> {
    match value {
        Some(s) if !crate::shared::text::trim(s).is_empty() => Some(s),
        _ => {
            if !reported(v, field) {
                v.push(missing(field));
            }
            None
        }
    }
}
/// The audience a code means, matched case-insensitively and trimmed:
/// `Teacher` and ` teacher` are `teacher`.
///
/// ```
/// use kix_core::{Audience, registration::audience_code};
/// assert_eq!(audience_code(" Policy_Maker "), Some(Audience::PolicyMaker));
/// assert_eq!(audience_code("astronaut"), None);
/// ```
#[must_use]
pub fn audience_code(text: &str) -> Option<Audience> {
    let text = crate::shared::text::trim(text);
    Audience::ALL.into_iter().find(|a| a.as_str().eq_ignore_ascii_case(text))
}

/// The violation for a cell of the wrong kind: `registration.invalid_value`
/// naming the field, the kind found (`int`, `str`, `naive datetime`) and the
/// value as text (cut to 60 characters).
///
/// ```
/// let v = kix_core::registration::invalid_value("consent", "str", "Maybe");
/// assert_eq!(v.code, kix_core::Code::RegistrationInvalidValue);
/// assert_eq!((v.path.as_str(), v.params["found"].as_str()), ("consent", Some("Maybe")));
/// ```
#[must_use]
pub fn invalid_value(field: &str, kind: &str, found: &str) -> Violation {
    let expected = match field {
        "consent" => "true or false (map answer texts such as \"Yes\" with answers=)",
        "submitted_at" => "an instant with an offset (an aware datetime or RFC 3339 text); read naive times in a zone",
        "occurrence" => {
            "the occurrence's wall-clock start in the event's zone (a naive datetime or ISO text such as 2025-03-04T10:00:00)"
        }
        "" => "a mapping of field names to values",
        _ => "text",
    };
    let subject = if field.is_empty() { "the record" } else { field };
    Violation::new(
        Code::RegistrationInvalidValue,
        field,
        format!("{subject} must be {expected}; found {kind} {:?}", truncate(found, 40)),
    )
    .with_param("field", field)
    .with_param("kind", kind)
    .with_param("found", truncate(found, 60))
}

/// A submission time: an RFC 3339 instant, or a wall time with its zone in
/// brackets (`2024-07-30T09:15:02[Asia/Dushanbe]`, RFC 9557's suffix without an
/// offset), which is what a reader of naive export timestamps leaves when the
/// wall time is skipped or repeated in that zone. Such a time is resolved
/// strictly: `Err(Some(..))` carries the gap or fold violation; `Err(None)` is
/// text that is neither form.
fn parse_submitted(text: &str) -> Result<DateTime<Utc>, Option<Violation>> {
    let text = crate::shared::text::trim(text);
    if let Some(t) = plain_rfc3339(text) {
        return Ok(t);
    }
    if let Ok(t) = DateTime::<FixedOffset>::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let (wall, zone) = text.strip_suffix(']').and_then(|t| t.split_once('[')).ok_or(None)?;
    let wall = crate::shared::text::parse_wall_time(wall).ok_or(None)?;
    let tz = crate::time::zone::zone_named(zone).map_err(Some)?;
    crate::time::zone::from_local(wall, tz, crate::Disambiguation::Reject).map(|t| t.with_timezone(&Utc)).map_err(Some)
}

/// The usual submission time, `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, read in one
/// pass; `None` for anything else (fractions, leap seconds, other separators), which
/// chrono's RFC 3339 parser then reads. Gives exactly what that parser gives.
fn plain_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        b.get(at..at + n)?.iter().try_fold(0u32, |acc, d| d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0')))
    };
    let punctuated = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !punctuated.iter().all(|&(at, c)| b.get(at) == Some(&c)) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let offset = match (b.len(), b.get(19)) {
        (20, Some(b'Z')) => 0,
        (25, Some(&sign @ (b'+' | b'-'))) if b.get(22) == Some(&b':') => {
            let (h, m) = (digits(20, 2)?, digits(23, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = i64::from(h * 3600 + m * 60);
            if sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    if second > 59 {
        return None;
    }
    let wall =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?.and_hms_opt(hour, minute, second)?;
    let utc = wall.checked_sub_signed(chrono::Duration::seconds(offset))?;
    Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

fn too_long(field: &str, length: usize, max: usize, v: &mut Vec<Violation>) {
    if length > max {
        v.push(
            Violation::new(
                Code::RegistrationTooLong,
                field,
                format!("{field} is {length} long; at most {max} is accepted"),
            )
            .with_param("field", field)
            .with_param("length", length)
            .with_param("max", max),
        );
    }
}

/// Replaces names and e-mails with salted, stable pseudonyms, so that analysts
/// can share a batch and still find duplicates, without the addresses.
///
/// The pseudonym of an e-mail is `p-` and 16 hex digits of HMAC-SHA-256(salt,
/// normalized e-mail) `@anon.invalid` (`.invalid` can never be a real domain);
/// a name becomes `Person ` and 8 hex digits of the HMAC of the name. The same
/// salt gives the same pseudonyms, so duplicates stay duplicates; without the
/// salt they cannot be reversed by guessing addresses. Every other field is kept.
///
/// ```
/// use kix_core::{Registration, registration::anonymize};
/// let r = |email: &str| Registration { full_name: Some("Aigerim Bekova".into()), email: Some(email.into()), ..Default::default() };
/// let out = anonymize(&[r("aigerim@example.kg"), r(" AIGERIM@example.kg")], b"team secret")?;
/// assert_eq!(out[0].email, out[1].email, "the duplicate is still visible");
/// assert!(out[0].email.as_deref().unwrap().ends_with("@anon.invalid"));
/// assert!(!format!("{:?}{:?}", out[0].full_name, out[0].email).contains("Aigerim"));
/// assert_ne!(anonymize(&[r("aigerim@example.kg")], b"other salt")?[0].email, out[0].email);
/// assert!(anonymize(&[r("a@example.org")], b"").is_err(), "no salt, no anonymity");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn anonymize(records: &[Registration], salt: &[u8]) -> Result<Vec<Registration>, Error> {
    use hmac::{KeyInit, Mac};
    if salt.is_empty() {
        return Err(Error::InvalidValue {
            what: "salt",
            value: String::new(),
            expected: "a secret: without one anyone can compute the pseudonyms of addresses they guess",
        });
    }
    let digest = |kind: &str, text: &str| -> String {
        let mut mac = match <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(salt) {
            Ok(mac) => mac,
            // HMAC takes keys of any length, so this branch is never taken.
            Err(_) => return String::new(),
        };
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(text.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    };
    Ok(records
        .iter()
        .map(|r| Registration {
            full_name: r.full_name.as_ref().map(|n| {
                let d = digest("name", &crate::country::name_key(n));
                format!("Person {}", d.get(..8).unwrap_or(&d))
            }),
            email: r.email.as_ref().map(|e| {
                let d = digest("email", &duplicate_key(e));
                format!("p-{}@anon.invalid", d.get(..16).unwrap_or(&d))
            }),
            ..r.clone()
        })
        .collect())
}

/// Validates one registration against an event and the registrations already held.
///
/// ```
/// use kix_core::{Code, Registration, RegistrationStatus, validate_registration};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let late = Registration {
///     full_name: Some("Ana Popescu".into()), email: Some("ana@example.md".into()), country: Some("Moldova".into()),
///     audience: Some("government_official".into()), consent: Some(true),
///     submitted_at: Some("2024-07-31T14:00:00+03:00".into()), ..Default::default()
/// };
/// let outcome = validate_registration(hub, w20, &late, &[], None)?;
/// assert_eq!(outcome.status, RegistrationStatus::Rejected);
/// assert_eq!(outcome.violations[0].code, Code::RegistrationClosed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_registration(
    hub: &Hub,
    event: &Event,
    record: &Registration,
    held: &[HeldRegistration],
    now: Option<DateTime<Utc>>,
) -> Result<RegistrationOutcome, Error> {
    Ok(RegistrationDesk::new(hub, event, held)?.validate(record, now))
}

/// Validates registrations in order in one pass: exactly the outcomes of
/// validating them one by one, each seeing the ones accepted before it. The
/// result has one outcome per record, always.
///
/// ```
/// use kix_core::{Registration, RegistrationStatus, validate_batch};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let r = Registration {
///     full_name: Some("A".into()), email: Some("a@example.org".into()), country: Some("NP".into()),
///     audience: Some("teacher".into()), submitted_at: Some("2024-07-01T00:00:00Z".into()), ..Default::default()
/// };
/// let outcomes = validate_batch(hub, w20, &[r.clone(), r], &[], None)?;
/// assert_eq!(outcomes[1].violations[0].params["first_index"], 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_batch(
    hub: &Hub,
    event: &Event,
    records: &[Registration],
    held: &[HeldRegistration],
    now: Option<DateTime<Utc>>,
) -> Result<Vec<RegistrationOutcome>, Error> {
    validate_batch_read(hub, event, records, &[], held, now)
}

/// [`validate_batch`] with the problems found while reading each record
/// (`found[i]` belongs to `records[i]`; a shorter list means no problems for
/// the rest): one outcome per record, always.
///
/// ```
/// use kix_core::{Code, Registration, registration::{invalid_value, validate_batch_read}};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let records = vec![Registration::default(), Registration::default()];
/// let found = vec![vec![], vec![invalid_value("consent", "str", "Maybe")]];
/// let outcomes = validate_batch_read(hub, w20, &records, &found, &[], None)?;
/// assert_eq!(outcomes.len(), 2);
/// assert_eq!(outcomes[1].violations[0].code, Code::RegistrationInvalidValue);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_batch_read(
    hub: &Hub,
    event: &Event,
    records: &[Registration],
    found: &[Vec<Violation>],
    held: &[HeldRegistration],
    now: Option<DateTime<Utc>>,
) -> Result<Vec<RegistrationOutcome>, Error> {
    let mut desk = RegistrationDesk::new(hub, event, held)?;
    desk.reserve(records.len());
    let mut outcomes = Vec::with_capacity(records.len());
    desk.validate_rows(&(records, found), now, &mut outcomes);
    Ok(outcomes)
}

#[cfg(test)]
mod tests;
