//! Registrations to an event: one at a time or in a batch.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::{instant, wall, wall_text};
use crate::error::{Result, Violation, violations};
use crate::hub::Hub;

/// A registration as a form sends it (every field optional, so that missing ones are reported).
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct Registration {
    /// Full name.
    #[uniffi(default = None)]
    pub full_name: Option<String>,
    /// E-mail.
    #[uniffi(default = None)]
    pub email: Option<String>,
    /// Country code or name.
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// Organisation.
    #[uniffi(default = None)]
    pub organisation: Option<String>,
    /// Audience, such as `teacher`.
    #[uniffi(default = None)]
    pub audience: Option<String>,
    /// Language wanted.
    #[uniffi(default = None)]
    pub language: Option<String>,
    /// Consent.
    #[uniffi(default = None)]
    pub consent: Option<bool>,
    /// RFC 3339 instant with offset.
    #[uniffi(default = None)]
    pub submitted_at: Option<String>,
    /// The occurrence registered for, for an event taken per occurrence: the wall-clock start
    /// the series' rule gives it in the organiser's zone, such as `2025-03-04T10:00:00`.
    #[uniffi(default = None)]
    pub occurrence: Option<String>,
}

impl Registration {
    /// The core's registration, and the problems of its fields (an occurrence that is no
    /// wall-clock time is a `registration.invalid_value` of the record).
    pub(crate) fn read(self) -> (core::Registration, Vec<core::Violation>) {
        let mut found = Vec::new();
        let occurrence = self.occurrence.and_then(|text| {
            let t = core::text::parse_wall_time(&text);
            if t.is_none() {
                found.push(core::registration::invalid_value("occurrence", "text", &text));
            }
            t
        });
        let r = core::Registration {
            full_name: self.full_name,
            email: self.email,
            country: self.country,
            organisation: self.organisation,
            audience: self.audience,
            language: self.language,
            consent: self.consent,
            submitted_at: self.submitted_at,
            occurrence,
        };
        (r, found)
    }
}

impl From<core::Registration> for Registration {
    fn from(g: core::Registration) -> Self {
        Registration {
            full_name: g.full_name,
            email: g.email,
            country: g.country,
            organisation: g.organisation,
            audience: g.audience,
            language: g.language,
            consent: g.consent,
            submitted_at: g.submitted_at,
            occurrence: g.occurrence.map(wall_text),
        }
    }
}

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RegistrationStatus {
    /// Accepted.
    Confirmed,
    /// Waiting for an organiser; holds a seat.
    Pending,
    /// On the waiting list.
    Waitlisted,
    /// Refused.
    Rejected,
}

impl From<core::RegistrationStatus> for RegistrationStatus {
    fn from(s: core::RegistrationStatus) -> Self {
        match s {
            core::RegistrationStatus::Confirmed => RegistrationStatus::Confirmed,
            core::RegistrationStatus::Pending => RegistrationStatus::Pending,
            core::RegistrationStatus::Waitlisted => RegistrationStatus::Waitlisted,
            core::RegistrationStatus::Rejected => RegistrationStatus::Rejected,
        }
    }
}

impl From<RegistrationStatus> for core::RegistrationStatus {
    fn from(s: RegistrationStatus) -> Self {
        match s {
            RegistrationStatus::Confirmed => core::RegistrationStatus::Confirmed,
            RegistrationStatus::Pending => core::RegistrationStatus::Pending,
            RegistrationStatus::Waitlisted => core::RegistrationStatus::Waitlisted,
            RegistrationStatus::Rejected => core::RegistrationStatus::Rejected,
        }
    }
}

/// A registration already held: its e-mail and status (and its occurrence, for an event taken per occurrence).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HeldRegistration {
    /// E-mail.
    pub email: String,
    /// Status.
    pub status: RegistrationStatus,
    /// The occurrence it holds (its wall-clock start, such as `2025-03-04T10:00:00`).
    #[uniffi(default = None)]
    pub occurrence: Option<String>,
}

impl TryFrom<HeldRegistration> for core::HeldRegistration {
    type Error = crate::error::KixError;
    fn try_from(h: HeldRegistration) -> Result<Self> {
        let occurrence = h.occurrence.as_deref().map(wall).transpose()?;
        Ok(core::HeldRegistration { email: h.email, status: h.status.into(), occurrence })
    }
}

/// The verdict on one registration.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RegistrationOutcome {
    /// Status.
    pub status: RegistrationStatus,
    /// Every violation.
    pub violations: Vec<Violation>,
    /// The country the text resolved to.
    pub country: Option<String>,
    /// The ISO 3166-2 subdivision the text named ("Sindh" is PK-SD).
    pub subdivision: Option<String>,
    /// The e-mail as kix compared it (trimmed, NFC): what to store.
    pub email: Option<String>,
}

impl From<core::RegistrationOutcome> for RegistrationOutcome {
    fn from(o: core::RegistrationOutcome) -> Self {
        RegistrationOutcome {
            status: o.status.into(),
            violations: violations(&o.violations),
            country: o.country.map(|c| c.to_string()),
            subdivision: o.subdivision,
            email: o.email,
        }
    }
}

fn held_core(held: Vec<HeldRegistration>) -> Result<Vec<core::HeldRegistration>> {
    held.into_iter().map(TryInto::try_into).collect()
}

#[uniffi::export]
impl Hub {
    /// Validates one registration against an event and the registrations held.
    pub fn validate_registration(
        &self,
        event_id: String,
        record: Registration,
        held: Vec<HeldRegistration>,
        now: Option<SystemTime>,
    ) -> Result<RegistrationOutcome> {
        let held = held_core(held)?;
        let now = now.map(instant).transpose()?;
        let (record, found) = record.read();
        let hub = self.read();
        let mut desk = core::RegistrationDesk::new(&hub, hub.require_event(&event_id)?, &held)?;
        Ok(desk.validate_read(&record, &found, now).into())
    }

    /// Validates many registrations in order in one call; one outcome per record.
    pub fn validate_registrations(
        &self,
        event_id: String,
        records: Vec<Registration>,
        held: Vec<HeldRegistration>,
        now: Option<SystemTime>,
    ) -> Result<Vec<RegistrationOutcome>> {
        let held = held_core(held)?;
        let now = now.map(instant).transpose()?;
        let (records, found): (Vec<core::Registration>, Vec<Vec<core::Violation>>) =
            records.into_iter().map(Registration::read).unzip();
        let hub = self.read();
        let outcomes =
            core::registration::validate_batch_read(&hub, hub.require_event(&event_id)?, &records, &found, &held, now)?;
        Ok(outcomes.into_iter().map(Into::into).collect())
    }
}
