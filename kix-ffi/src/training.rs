//! Training cycles: nominations, their workflow and the seats per country.

use kix_core as core;

use crate::convert::{country, date};
use crate::error::{KixError, Result};
use crate::objects::Hub;

/// Seats of one country in a training cycle.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LedgerRow {
    /// Country code.
    pub country: String,
    /// Seats.
    pub quota: u32,
    /// Confirmed or completed.
    pub confirmed: u32,
    /// Nominated or endorsed.
    pub pending: u32,
    /// Free.
    pub free: u32,
}

impl From<&core::LedgerRow> for LedgerRow {
    fn from(r: &core::LedgerRow) -> Self {
        LedgerRow {
            country: r.country.to_string(),
            quota: r.quota,
            confirmed: r.confirmed,
            pending: r.pending,
            free: r.free,
        }
    }
}

/// A training cycle, in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TrainingCycleSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day (ISO date).
    pub start: String,
    /// Endorsement date (ISO date), if known.
    pub endorsement_date: Option<String>,
    /// How many nominations.
    pub nominations: u32,
}

impl From<&core::TrainingCycle> for TrainingCycleSummary {
    fn from(c: &core::TrainingCycle) -> Self {
        TrainingCycleSummary {
            id: c.id.clone(),
            name: c.name.clone(),
            start: c.start.to_string(),
            endorsement_date: c.endorsement_date.map(|d| d.to_string()),
            nominations: u32::try_from(c.nominations.len()).unwrap_or(u32::MAX),
        }
    }
}

/// A step of the nomination workflow.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum NominationStep {
    /// Endorsed by the National KIX Steering Committee on a date (ISO).
    Endorse {
        /// Date.
        on: String,
    },
    /// Confirmed by the hub.
    Confirm {
        /// Date.
        on: String,
    },
    /// Completed.
    Complete {
        /// Date.
        on: String,
    },
    /// Withdrawn; the seat is freed.
    Withdraw {
        /// Date.
        on: String,
    },
    /// Rejected with a reason; the seat is freed.
    Reject {
        /// Date.
        on: String,
        /// Why.
        reason: String,
    },
}

impl TryFrom<NominationStep> for core::NominationStep {
    type Error = KixError;

    fn try_from(step: NominationStep) -> Result<Self> {
        Ok(match step {
            NominationStep::Endorse { on } => core::NominationStep::Endorse { on: date(&on)? },
            NominationStep::Confirm { on } => core::NominationStep::Confirm { on: date(&on)? },
            NominationStep::Complete { on } => core::NominationStep::Complete { on: date(&on)? },
            NominationStep::Withdraw { on } => core::NominationStep::Withdraw { on: date(&on)? },
            NominationStep::Reject { on, reason } => core::NominationStep::Reject { on: date(&on)?, reason },
        })
    }
}

#[uniffi::export]
impl Hub {
    /// The training cycles.
    pub fn training_cycles(&self) -> Vec<TrainingCycleSummary> {
        self.read().training.cycles.iter().map(TrainingCycleSummary::from).collect()
    }

    /// A training cycle's seats per country.
    pub fn ledger(&self, cycle_id: String) -> Result<Vec<LedgerRow>> {
        let hub = self.read();
        Ok(hub.require_training_cycle(&cycle_id)?.ledger(&hub).rows.iter().map(LedgerRow::from).collect())
    }

    /// A nominee's status in a cycle (`nominated`, `endorsed`, `confirmed`,
    /// `completed`, `withdrawn`, `rejected`), found by e-mail; None if not nominated.
    pub fn nominee_status(&self, cycle_id: String, email: String) -> Result<Option<String>> {
        let hub = self.read();
        Ok(hub.require_training_cycle(&cycle_id)?.nomination_of(&email).map(|n| n.status.as_str().to_owned()))
    }

    /// Nominates a person to a cycle; returns the nomination's index.
    pub fn nominate(
        &self,
        cycle_id: String,
        full_name: String,
        email: String,
        country_text: String,
        nominated_on: String,
    ) -> Result<u32> {
        let n = core::Nomination::new(&full_name, &email, country(&country_text)?, date(&nominated_on)?);
        let index = self.write().nominate(&cycle_id, n)?;
        Ok(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// Moves a nomination one step along the workflow.
    pub fn advance(&self, cycle_id: String, index: u32, step: NominationStep) -> Result<()> {
        let step = core::NominationStep::try_from(step)?;
        Ok(self.write().advance(&cycle_id, usize::try_from(index).unwrap_or(usize::MAX), step)?)
    }
}
