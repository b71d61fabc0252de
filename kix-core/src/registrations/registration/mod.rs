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
use serde::{Deserialize, Serialize};

use crate::country::{CountryCode, Place, resolve_place, truncate};
use crate::events::event::{Approval, Audience, Eligibility, Event, EventStatus};
use crate::hub::Hub;
use crate::shared::email::{Email, duplicate_key};
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};

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
    // The records stay here to the end: the desk keeps their e-mails as their rows.
    let rows = (records, found);
    desk.validate_source(&rows, now).validate_next(records.len(), &mut outcomes);
    Ok(outcomes)
}

mod desk;
mod keys;
mod record;
mod rows;
mod rules;
mod shares;
mod source;
pub use desk::*;
use keys::*;
pub use record::*;
pub use rows::*;
pub use rules::*;
pub use shares::Alongside;
use shares::{Job, check_shared};
pub use source::*;

#[cfg(test)]
mod tests;
