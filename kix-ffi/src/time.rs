//! Zones, wall-clock times and event listings.

use std::time::SystemTime;

use chrono::Utc;
use kix_core as core;

use crate::convert::{instant, system_time, wall, wall_text, zone};
use crate::error::{Result, Violation, violations};

/// How to resolve a wall time that a DST change skips or repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Disambiguation {
    /// Gap: the later instant; fold: the earlier.
    Compatible,
    /// The earlier instant.
    Earlier,
    /// The later instant.
    Later,
    /// Refuse with `time.nonexistent_local_time` or `time.ambiguous_local_time`.
    Reject,
}

impl From<Disambiguation> for core::Disambiguation {
    fn from(d: Disambiguation) -> Self {
        match d {
            Disambiguation::Compatible => core::Disambiguation::Compatible,
            Disambiguation::Earlier => core::Disambiguation::Earlier,
            Disambiguation::Later => core::Disambiguation::Later,
            Disambiguation::Reject => core::Disambiguation::Reject,
        }
    }
}

/// A listing read into instants.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Schedule {
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// The organiser's IANA zone.
    pub zone: String,
    /// The organiser's wall-clock start.
    pub local_start: String,
    /// The organiser's wall-clock end.
    pub local_end: String,
    /// Warnings.
    pub warnings: Vec<Violation>,
}

impl From<core::Schedule> for Schedule {
    fn from(s: core::Schedule) -> Self {
        Schedule {
            start: system_time(s.start_utc()),
            end: system_time(s.end_utc()),
            zone: s.zone.to_string(),
            local_start: wall_text(s.local_start()),
            local_end: wall_text(s.local_end()),
            warnings: violations(&s.warnings),
        }
    }
}

/// The IANA zone a label means (`"CET / Geneva"` -> `"Europe/Zurich"`).
#[uniffi::export]
pub fn resolve_zone(label: String) -> Result<String> {
    Ok(core::resolve_zone(&label)?.to_string())
}

/// A wall-clock time (`2024-07-31T13:00:00`) in a zone as an instant.
#[uniffi::export]
pub fn from_local(local: String, zone_name: String, disambiguation: Disambiguation) -> Result<SystemTime> {
    let t = core::zone::from_local(wall(&local)?, zone(&zone_name)?, disambiguation.into())?;
    Ok(system_time(t.with_timezone(&Utc)))
}

/// An instant as a wall-clock time (`2024-07-31T16:45:00`) in a zone.
#[uniffi::export]
pub fn to_local(at: SystemTime, zone_name: String) -> Result<String> {
    Ok(wall_text(core::zone::wall_time(instant(at)?, zone(&zone_name)?)))
}

/// An event page's date and time texts read into instants.
#[uniffi::export]
pub fn parse_listing(date_text: String, time_text: String) -> Result<Schedule> {
    Ok(core::parse_listing(&date_text, &time_text)?.into())
}
