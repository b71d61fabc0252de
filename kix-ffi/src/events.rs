//! Events: summaries, local times in every zone, calendars and fair slots.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::{country, date, system_time, wall_text, zone};
use crate::error::{KixError, Result};
use crate::objects::Hub;
use crate::records::EventSummary;

/// An event in one zone.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LocalTime {
    /// The country, when the row is a member's.
    pub country: Option<String>,
    /// The IANA zone.
    pub zone: String,
    /// Local wall-clock start.
    pub local_start: String,
    /// Local wall-clock end.
    pub local_end: String,
    /// Local date of the start.
    pub local_date: String,
    /// Days against the organiser's date.
    pub day_shift: i32,
    /// Real offset, such as `+05:45`.
    pub utc_offset: String,
    /// Abbreviation in use, such as `NPT`.
    pub abbreviation: String,
    /// Whether the event lies inside working hours.
    pub within_working_hours: bool,
    /// Whether it falls on the country's rest day.
    pub rest_day: bool,
}

impl From<&core::LocalTimeRow> for LocalTime {
    fn from(r: &core::LocalTimeRow) -> Self {
        LocalTime {
            country: r.country.map(|c| c.to_string()),
            zone: r.zone.name().to_owned(),
            local_start: wall_text(r.local_start),
            local_end: wall_text(r.local_end),
            local_date: r.local_date.to_string(),
            day_shift: r.day_shift,
            utc_offset: r.utc_offset.to_string(),
            abbreviation: r.abbreviation.as_str().to_owned(),
            within_working_hours: r.within_working_hours,
            rest_day: r.rest_day,
        }
    }
}

/// One zone of a slot.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SlotZone {
    /// The country.
    pub country: String,
    /// The zone.
    pub zone: String,
    /// Local start.
    pub local_start: String,
    /// Comfort from 0 to 1.
    pub score: f64,
    /// Whether it is a rest day there.
    pub rest_day: bool,
}

impl From<&core::SlotZone> for SlotZone {
    fn from(z: &core::SlotZone) -> Self {
        SlotZone {
            country: z.country.to_string(),
            zone: z.zone.name().to_owned(),
            local_start: wall_text(z.local_start),
            score: z.score,
            rest_day: z.rest_day,
        }
    }
}

/// A ranked candidate start.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Slot {
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// The worst zone's score.
    pub min_score: f64,
    /// The mean score.
    pub mean_score: f64,
    /// Every zone.
    pub zones: Vec<SlotZone>,
}

impl From<core::Slot> for Slot {
    fn from(s: core::Slot) -> Self {
        Slot {
            start: system_time(s.start_utc),
            end: system_time(s.end_utc),
            min_score: s.min_score,
            mean_score: s.mean_score,
            zones: s.zones.iter().map(SlotZone::from).collect(),
        }
    }
}

/// What the slot finder searches.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SlotQuery {
    /// Country codes or names; empty for every member.
    #[uniffi(default = [])]
    pub countries: Vec<String>,
    /// First day (ISO date, hub's home zone).
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// Length in minutes.
    #[uniffi(default = 90)]
    pub duration_minutes: u32,
    /// Working day start hour.
    #[uniffi(default = 8)]
    pub working_start_hour: u32,
    /// Working day end hour.
    #[uniffi(default = 18)]
    pub working_end_hour: u32,
    /// Step in minutes.
    #[uniffi(default = 15)]
    pub granularity_minutes: u32,
    /// How many slots.
    #[uniffi(default = 5)]
    pub top: u32,
}

impl TryFrom<SlotQuery> for core::SlotQuery {
    type Error = KixError;

    fn try_from(query: SlotQuery) -> Result<Self> {
        let mut q = core::SlotQuery::new(date(&query.from)?, date(&query.to)?);
        q.countries = Some(query.countries.iter().map(|c| country(c)).collect::<Result<Vec<_>>>()?);
        q.duration_minutes = query.duration_minutes;
        q.working_hours = core::WorkingHours::hours(query.working_start_hour, query.working_end_hour)?;
        q.granularity_minutes = query.granularity_minutes;
        q.top = usize::try_from(query.top).unwrap_or(usize::MAX);
        Ok(q)
    }
}

#[uniffi::export]
impl Hub {
    /// The events.
    pub fn events(&self) -> Result<Vec<EventSummary>> {
        self.read().events.iter().map(EventSummary::try_from).collect()
    }

    /// An event by id.
    pub fn event(&self, id: String) -> Result<EventSummary> {
        self.read().require_event(&id)?.try_into()
    }

    /// An event's local times in every zone of its countries.
    pub fn local_times(
        &self,
        event_id: String,
        working_start_hour: u32,
        working_end_hour: u32,
    ) -> Result<Vec<LocalTime>> {
        let working = core::WorkingHours::hours(working_start_hour, working_end_hour)?;
        let hub = self.read();
        let table = core::local_times(&hub, hub.require_event(&event_id)?, working)?;
        Ok(table.rows.iter().map(LocalTime::from).collect())
    }

    /// An event's local time in one zone, such as the device's.
    pub fn local_time_in(&self, event_id: String, zone_name: String) -> Result<LocalTime> {
        let hub = self.read();
        let row = core::schedule::local_time_in(hub.require_event(&event_id)?, zone(&zone_name)?, Default::default())?;
        Ok(LocalTime::from(&row))
    }

    /// An event's `.ics` calendar text.
    pub fn event_ics(&self, event_id: String) -> Result<String> {
        let hub = self.read();
        Ok(hub.require_event(&event_id)?.to_ics(&hub)?)
    }

    /// The fairest start times.
    pub fn find_slots(&self, query: SlotQuery) -> Result<Vec<Slot>> {
        let query = core::SlotQuery::try_from(query)?;
        Ok(core::find_slots(&self.read(), &query)?.into_iter().map(Slot::from).collect())
    }
}
