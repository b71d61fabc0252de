//! Registrations to an event: one at a time or in a batch.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::{instant, wall};
use crate::error::Result;
use crate::objects::Hub;
use crate::records::{Registration, RegistrationOutcome, RegistrationStatus};

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
