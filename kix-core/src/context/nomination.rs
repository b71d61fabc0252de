//! Where a training nomination stands: the states of the nomination workflow.
//!
//! The status is read by more than the training rules (the catalogue checks
//! that a case study's author completed their cycle), so it sits below both.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a nomination stands.
///
/// ```
/// use kix_core::NominationStatus;
/// assert!(NominationStatus::Endorsed.holds_seat());
/// assert!(!NominationStatus::Withdrawn.holds_seat());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NominationStatus {
    /// Proposed by the country; not yet endorsed.
    Nominated,
    /// Endorsed by the National KIX Steering Committee.
    Endorsed,
    /// Confirmed by the hub.
    Confirmed,
    /// Took part to the end of the cycle.
    Completed,
    /// Withdrawn; the seat is free for a substitute.
    Withdrawn,
    /// Rejected, with a reason; the seat is free.
    Rejected,
}

impl NominationStatus {
    /// Whether a nomination in this status counts against the country's quota.
    ///
    /// ```
    /// assert!(kix_core::NominationStatus::Nominated.holds_seat());
    /// ```
    #[must_use]
    pub fn holds_seat(self) -> bool {
        !matches!(self, NominationStatus::Withdrawn | NominationStatus::Rejected)
    }

    /// Whether the nomination is still waiting for the hub's confirmation.
    ///
    /// ```
    /// assert!(kix_core::NominationStatus::Endorsed.is_pending());
    /// assert!(!kix_core::NominationStatus::Confirmed.is_pending());
    /// ```
    #[must_use]
    pub fn is_pending(self) -> bool {
        matches!(self, NominationStatus::Nominated | NominationStatus::Endorsed)
    }

    /// The name used in JSON and messages.
    ///
    /// ```
    /// assert_eq!(kix_core::NominationStatus::Withdrawn.as_str(), "withdrawn");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            NominationStatus::Nominated => "nominated",
            NominationStatus::Endorsed => "endorsed",
            NominationStatus::Confirmed => "confirmed",
            NominationStatus::Completed => "completed",
            NominationStatus::Withdrawn => "withdrawn",
            NominationStatus::Rejected => "rejected",
        }
    }
}

impl fmt::Display for NominationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
