//! Registrations to an event: one at a time or in a batch.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::instant;
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
}

impl From<Registration> for core::Registration {
    fn from(r: Registration) -> Self {
        core::Registration {
            full_name: r.full_name,
            email: r.email,
            country: r.country,
            organisation: r.organisation,
            audience: r.audience,
            language: r.language,
            consent: r.consent,
            submitted_at: r.submitted_at,
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

/// A registration already held: its e-mail and status.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HeldRegistration {
    /// E-mail.
    pub email: String,
    /// Status.
    pub status: RegistrationStatus,
}

impl From<HeldRegistration> for core::HeldRegistration {
    fn from(h: HeldRegistration) -> Self {
        core::HeldRegistration { email: h.email, status: h.status.into() }
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

fn held_core(held: Vec<HeldRegistration>) -> Vec<core::HeldRegistration> {
    held.into_iter().map(Into::into).collect()
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
        let held = held_core(held);
        let now = now.map(instant).transpose()?;
        let hub = self.read();
        let outcome = core::validate_registration(&hub, hub.require_event(&event_id)?, &record.into(), &held, now)?;
        Ok(outcome.into())
    }

    /// Validates many registrations in order in one call; one outcome per record.
    pub fn validate_registrations(
        &self,
        event_id: String,
        records: Vec<Registration>,
        held: Vec<HeldRegistration>,
        now: Option<SystemTime>,
    ) -> Result<Vec<RegistrationOutcome>> {
        let held = held_core(held);
        let now = now.map(instant).transpose()?;
        let records: Vec<core::Registration> = records.into_iter().map(Into::into).collect();
        let hub = self.read();
        let outcomes = core::validate_batch(&hub, hub.require_event(&event_id)?, &records, &held, now)?;
        Ok(outcomes.into_iter().map(Into::into).collect())
    }
}
