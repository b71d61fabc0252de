//! The records that several domain files take or return, with their conversions from and to
//! the core's types: `Registration`, `RegistrationStatus`, `RegistrationOutcome` and
//! `EventSummary`.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::{system_time, to_json_str, wall_text};
use crate::error::{KixError, Result, Violation, violations};

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

/// An event, in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EventSummary {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `webinar`, `workshop`, `meeting` or `training_session`.
    pub kind: String,
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// The organiser's IANA zone.
    pub zone: String,
    /// The organiser's wall-clock start.
    pub local_start: String,
    /// ISO 639-1 language.
    pub language: String,
    /// Interpretation languages.
    pub interpretation: Vec<String>,
    /// The full event as JSON (see `schemas/event.schema.json`).
    pub json: String,
}

impl TryFrom<&core::Event> for EventSummary {
    type Error = KixError;

    fn try_from(e: &core::Event) -> Result<Self> {
        Ok(EventSummary {
            id: e.id.clone(),
            title: e.title.clone(),
            kind: to_json_str(&e.kind),
            start: system_time(e.start_utc()?),
            end: system_time(e.end_utc()?),
            zone: e.zone.to_string(),
            local_start: wall_text(e.start),
            language: e.language.clone(),
            interpretation: e.interpretation.clone(),
            json: serde_json::to_string(e).unwrap_or_default(),
        })
    }
}
