//! Calendars for Kotlin and Swift: a series' occurrences, the hub's feeds,
//! rescheduling with its sequence, the calendar check, and registrants'
//! invitations and cancellations. Every rule is kix-core's (`calendar`,
//! `recurrence`); this file converts.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::{country, instant, system_time, wall, wall_text};
use crate::error::{KixError, Result, Violation, violations};
use crate::objects::{Hub, RegistrationBook};
use crate::records::EventSummary;

/// One occurrence of an event (a single event has one).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Occurrence {
    /// The wall-clock start its rule gives it (which occurrence it is).
    pub recurrence_id: String,
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// Wall-clock start in the organiser's zone.
    pub local_start: String,
    /// Wall-clock end in the organiser's zone.
    pub local_end: String,
    /// Whether it was moved from where its rule puts it.
    pub moved: bool,
}

impl From<&core::Occurrence> for Occurrence {
    fn from(o: &core::Occurrence) -> Self {
        Occurrence {
            recurrence_id: wall_text(o.recurrence_id),
            start: system_time(o.start_utc),
            end: system_time(o.end_utc),
            local_start: wall_text(o.start),
            local_end: wall_text(o.end),
            moved: o.moved,
        }
    }
}

/// A registrant's calendar message.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CalendarInvitation {
    /// The registration.
    pub registration_id: String,
    /// `REQUEST` or `CANCEL`.
    pub method: String,
    /// The `.ics` text.
    pub ics: String,
}

#[uniffi::export]
impl Hub {
    /// The calendar feed: every event, a member country's (`country`, a code or name), or a
    /// series' (`series`, by name); not both.
    pub fn calendar(&self, country_text: Option<String>, series: Option<String>) -> Result<String> {
        let filter = match (country_text, series) {
            (Some(_), Some(_)) => return Err(KixError::invalid("give a country or a series, not both")),
            (Some(c), None) => core::calendar::CalendarFilter::Country(country(&c)?),
            (None, Some(name)) => core::calendar::CalendarFilter::Series(name),
            (None, None) => core::calendar::CalendarFilter::All,
        };
        Ok(self.read().calendar(&filter)?)
    }

    /// Every occurrence of an event, in order.
    pub fn event_occurrences(&self, event_id: String) -> Result<Vec<Occurrence>> {
        let hub = self.read();
        Ok(hub.require_event(&event_id)?.occurrences()?.iter().map(Occurrence::from).collect())
    }

    /// Moves an event of the hub to a new wall-clock start (and end; `null` keeps its length)
    /// and raises its sequence.
    pub fn reschedule_event(&self, event_id: String, start: String, end: Option<String>) -> Result<EventSummary> {
        let (start, end) = (wall(&start)?, end.as_deref().map(wall).transpose()?);
        let mut hub = self.write();
        let event = hub
            .events
            .iter_mut()
            .find(|e| e.id == event_id)
            .ok_or_else(|| KixError::NotFound { reason: format!("no event with id {event_id:?}") })?;
        let mut moved = event.clone();
        moved.reschedule(start, end)?;
        *event = moved;
        EventSummary::try_from(&*event)
    }

    /// Warnings about how calendar clients will read an event's file: a start in a DST fold,
    /// and — given the version they have, as JSON — times changed without a higher sequence.
    pub fn event_calendar_check(&self, event_id: String, previous_json: Option<String>) -> Result<Vec<Violation>> {
        let previous = previous_json.as_deref().map(core::Event::from_json).transpose()?;
        let hub = self.read();
        Ok(violations(&core::calendar::check(hub.require_event(&event_id)?, previous.as_ref())))
    }
}

#[uniffi::export]
impl RegistrationBook {
    /// The registrant's invitation (`METHOD:REQUEST`, with their `PARTSTAT`) or cancellation
    /// (`METHOD:CANCEL`).
    pub fn invitation(&self, id: String, now: SystemTime) -> Result<String> {
        let book = self.book();
        Ok(core::calendar::invitation(&self.hub.read(), &self.event, &book, &id, instant(now)?)?)
    }

    /// The message of every registrant who holds or held a seat.
    pub fn invitations(&self, now: SystemTime) -> Result<Vec<CalendarInvitation>> {
        let book = self.book();
        let list = core::calendar::invitations(&self.hub.read(), &self.event, &book, instant(now)?)?;
        Ok(list
            .into_iter()
            .map(|i| CalendarInvitation { registration_id: i.registration_id, method: i.method, ics: i.ics })
            .collect())
    }
}
