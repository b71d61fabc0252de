//! Calendar files (RFC 5545): one event, a feed of many, invitations and
//! cancellations for registrants, and the check of what clients will make of them.
//!
//! Every file keeps the organiser's wall time and zone (`DTSTART;TZID=...`) and
//! carries one `VTIMEZONE` per zone, valid for as long as the tz database knows
//! the zone's rules: the transitions from a year before the first event, then
//! the zone's yearly rules as `RRULE` observances (or, for a zone that stopped
//! changing its clocks, every transition until it stopped), so a client that
//! caches a block by `TZID` reads later events right too.
//!
//! - A series is one `VEVENT` with `RRULE`, `EXDATE`s for cancelled
//!   occurrences and a `RECURRENCE-ID` override for every moved occurrence, and
//!   for every occurrence clients could read differently: one whose start a DST
//!   change skips or repeats (written in UTC) or during which the clocks change
//!   (written with its own end, since some clients add durations on the wall clock).
//! - Durations are elapsed time: a single event's `DTEND` is the wall time of
//!   its end instant; a series' `DURATION` is its exact length.
//! - Text is escaped (RFC 5545), parameter values are encoded (RFC 6868) and
//!   quoted when they hold `:`, `;` or `,`; lines are folded at 75 octets.
//! - `ORGANIZER` is the first organiser with an e-mail, as `mailto:`; without
//!   one it is left out, and so is `METHOD` (an iTIP method needs an organiser).
//! - The join link is in `URL` and in `DESCRIPTION`; the registration policy's
//!   reminders become `VALARM`s.
//! - [`invitation`] writes a registrant's `METHOD:REQUEST` (with `ATTENDEE` and
//!   `PARTSTAT` from the registration book) or `METHOD:CANCEL`.
//! - [`check`] warns of a start in a DST fold and of times that changed without
//!   a higher `SEQUENCE`; [`Event::reschedule`] raises it.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::country::CountryCode;
use crate::events::event::{Event, EventStatus, Location, Party, language_name};
use crate::hub::Hub;
use crate::registrations::book::{BookEntry, BookStatus, RegistrationBook};
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};
use crate::time::recurrence::{Frequency, Occurrence, chrono_day, weekday_code};
use crate::time::zone::{Abbreviation, Disambiguation, LocalResolution, from_local, offset_info, resolve_local};

/// Which events a feed holds.
///
/// ```
/// let hub = kix_core::emap();
/// let filter = kix_core::calendar::CalendarFilter::Country("NP".parse()?);
/// assert_eq!(filter.events(hub)?.len(), hub.events.len(), "Webinar 20 is for every member");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarFilter {
    /// Every event of the hub.
    All,
    /// The events for a member country (those that name it, and those for every member).
    Country(CountryCode),
    /// The events of one series, by its name (`KIX EMAP Webinar`).
    Series(String),
}

impl CalendarFilter {
    /// The hub's events this filter keeps, in the hub's order; a country that is not a member
    /// is `hub.unknown_country`.
    ///
    /// ```
    /// use kix_core::calendar::CalendarFilter;
    /// let hub = kix_core::emap();
    /// assert_eq!(CalendarFilter::Series("KIX EMAP Webinar".into()).events(hub)?.len(), 1);
    /// assert!(CalendarFilter::Country("FR".parse()?).events(hub).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events<'a>(&self, hub: &'a Hub) -> Result<Vec<&'a Event>, Error> {
        Ok(match self {
            CalendarFilter::All => hub.events.iter().collect(),
            CalendarFilter::Country(code) => {
                hub.require_member(*code)?;
                hub.events.iter().filter(|e| e.target_countries(hub).contains(code)).collect()
            }
            CalendarFilter::Series(name) => hub.events.iter().filter(|e| e.series.as_deref() == Some(name)).collect(),
        })
    }
}

/// What a file is: published (an event, a feed) or an iTIP message to one registrant.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Publish,
    Request(&'a BookEntry),
    Cancel(Option<&'a BookEntry>),
}

/// The first organiser with an e-mail that makes a `mailto:` URI.
fn organiser(event: &Event) -> Option<(&Party, String)> {
    event.organisers.iter().find_map(|p| p.email.as_deref().and_then(mailto).map(|uri| (p, uri)))
}

/// Refuses a wall time RFC 5545 cannot write (four-digit years).
fn writable(wall: NaiveDateTime) -> Result<(), Error> {
    if (0..=9999).contains(&wall.year()) {
        Ok(())
    } else {
        Err(Error::InvalidValue {
            what: "event year for iCalendar",
            value: wall.to_string(),
            expected: "a year from 0 to 9999 (RFC 5545 writes four digits)",
        })
    }
}

/// `DTSTART` and `DTEND` of a component: the wall times with `TZID` when both happen exactly
/// once in the zone, else both instants in UTC. A wall time in a DST gap or fold is read
/// differently by different clients, and a start and an end in two zones (one of them UTC)
/// make Python's `recurring-ical-events` add the length on the start's wall clock.
fn start_and_end(o: &Occurrence, tz: Tz, lines: &mut Vec<String>) {
    let unique = |wall| matches!(resolve_local(wall, tz), LocalResolution::Unique(_));
    if unique(o.start) && unique(o.end) {
        lines.push(format!("DTSTART;TZID={}:{}", tz.name(), ics_local(o.start)));
        lines.push(format!("DTEND;TZID={}:{}", tz.name(), ics_local(o.end)));
    } else {
        lines.push(format!("DTSTART:{}", ics_utc(o.start_utc)));
        lines.push(format!("DTEND:{}", ics_utc(o.end_utc)));
    }
}

/// Whether clients could read an occurrence of a series differently from its rule alone: its
/// start a DST change skips or repeats, or the clocks change while it runs (ical.js and
/// Python's datetime add a duration on the wall clock).
fn needs_own_times(o: &Occurrence, tz: Tz) -> bool {
    !matches!(resolve_local(o.start, tz), LocalResolution::Unique(_))
        || !matches!(resolve_local(o.end, tz), LocalResolution::Unique(_))
        || offset_at(tz, o.start_utc) != offset_at(tz, o.end_utc)
}

/// The event's span, for its `VTIMEZONE`: the first and last instant any of its times may take.
fn span(event: &Event, occurrences: &[Occurrence], tz: Tz, session: bool) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let mut instants: Vec<DateTime<Utc>> = occurrences.iter().flat_map(|o| [o.start_utc, o.end_utc]).collect();
    if let Some(rule) = event.recurrence.as_ref().filter(|_| !session) {
        for wall in rule.exceptions.iter().chain(rule.starts(event.start).last()) {
            if let Ok(t) = from_local(*wall, tz, Disambiguation::Compatible) {
                instants.push(t.with_timezone(&Utc));
            }
        }
    }
    Some((*instants.iter().min()?, *instants.iter().max()?))
}

struct EventFile<'a> {
    event: &'a Event,
    tz: Tz,
    occurrences: Vec<Occurrence>,
    /// One occurrence of a series on its own (a per-session invitation): a single `VEVENT` with
    /// a UID of its own, no rule.
    session: bool,
}

impl<'a> EventFile<'a> {
    fn new(event: &'a Event) -> Result<Self, Error> {
        let tz = event.tz()?;
        let occurrences = event.occurrences()?;
        writable(event.start)?;
        for o in &occurrences {
            writable(o.start)?;
            writable(o.end)?;
            writable(o.recurrence_id)?;
        }
        if let Some(rule) = &event.recurrence {
            for t in rule.exceptions.iter().chain(&rule.extra_dates) {
                writable(*t)?;
            }
        }
        Ok(EventFile { event, tz, occurrences, session: false })
    }
}

fn rrule(event: &Event, tz: Tz) -> Option<String> {
    let rule = event.recurrence.as_ref()?;
    let mut out = String::from("RRULE:FREQ=");
    out.push_str(match rule.frequency {
        Frequency::Daily => "DAILY",
        Frequency::Weekly => "WEEKLY",
        Frequency::Monthly => "MONTHLY",
    });
    if rule.interval > 1 {
        let _ = write!(out, ";INTERVAL={}", rule.interval);
    }
    let list = |values: &[i32]| values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
    match rule.frequency {
        Frequency::Weekly if !rule.by_day.is_empty() => {
            let days: BTreeSet<u32> = rule.by_day.iter().map(|d| chrono_day(d.day()).num_days_from_monday()).collect();
            let codes: Vec<&str> = days
                .iter()
                .filter_map(|d| u8::try_from(*d).ok().and_then(|d| chrono::Weekday::try_from(d).ok()))
                .map(weekday_code)
                .collect();
            let _ = write!(out, ";BYDAY={}", codes.join(","));
            if rule.interval > 1 {
                // RFC 5545's default, written out: with an interval, the week start decides the weeks.
                out.push_str(";WKST=MO");
            }
        }
        Frequency::Monthly => {
            let mut by_day: Vec<String> = Vec::new();
            for d in &rule.by_day {
                let code = d.to_string();
                if !by_day.contains(&code) {
                    by_day.push(code);
                }
            }
            if !by_day.is_empty() {
                let _ = write!(out, ";BYDAY={}", by_day.join(","));
            }
            if !rule.by_month_day.is_empty() {
                let _ = write!(out, ";BYMONTHDAY={}", list(&rule.by_month_day));
            } else if rule.by_day.is_empty() {
                // RFC 5545's default (the start's day), written out so that no client guesses.
                let _ = write!(out, ";BYMONTHDAY={}", event.start.day());
            }
            if !rule.by_set_pos.is_empty() {
                let _ = write!(out, ";BYSETPOS={}", list(&rule.by_set_pos));
            }
        }
        _ => {}
    }
    match (rule.count, rule.until) {
        (Some(count), _) => {
            let _ = write!(out, ";COUNT={count}");
        }
        (None, Some(until)) => {
            // With a zoned DTSTART, UNTIL is an instant in UTC: the end of the last day.
            let last = until.and_hms_opt(23, 59, 59).unwrap_or_else(|| until.and_time(NaiveTime::MIN));
            if let Ok(t) = from_local(last, tz, Disambiguation::Compatible) {
                let _ = write!(out, ";UNTIL={}", ics_utc(t.with_timezone(&Utc)));
            }
        }
        (None, None) => {}
    }
    Some(out)
}

/// The UID of one session of a series sent on its own (a per-session invitation):
/// `{event}-{wall-clock start the rule gives it}@{hub}.kix`, stable across moves of the session.
///
/// ```
/// use kix_core::calendar::session_uid;
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// assert_eq!(session_uid(hub, w20, "2024-08-07T13:00:00".parse()?), "kix-emap-webinar-20-20240807T130000@kix-emap.kix");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn session_uid(hub: &Hub, event: &Event, recurrence_id: NaiveDateTime) -> String {
    format!("{}-{}@{}.kix", event.id, ics_local(recurrence_id), hub.id)
}

/// The properties every component of the event carries, after its times.
fn common_properties(event: &Event, mode: Mode<'_>, lines: &mut Vec<String>) {
    if let Some((party, uri)) = organiser(event) {
        lines.push(format!("ORGANIZER;CN={}:{uri}", param_value(&party.name)));
    }
    let attendee = match mode {
        Mode::Request(entry) => Some((entry, partstat(entry.status))),
        Mode::Cancel(Some(entry)) => Some((entry, "DECLINED")),
        _ => None,
    };
    if let Some((entry, partstat)) = attendee
        && let Some(uri) = mailto(&entry.email)
    {
        let name = entry.record.full_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let cn = name.map(|n| format!(";CN={}", param_value(n))).unwrap_or_default();
        let rsvp = if entry.status == BookStatus::Offered { "TRUE" } else { "FALSE" };
        lines
            .push(format!("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP={rsvp}{cn}:{uri}"));
    }
    lines.push(format!("SEQUENCE:{}", event.sequence));
    let cancelled = event.status == EventStatus::Cancelled || matches!(mode, Mode::Cancel(_));
    lines.push(format!("STATUS:{}", if cancelled { "CANCELLED" } else { "CONFIRMED" }));
    lines.push(format!("SUMMARY:{}", escape_text(&summary(event))));
    lines.push(format!("DESCRIPTION:{}", escape_text(&description(event))));
    lines.push(format!("LOCATION:{}", escape_text(&event.location.to_string())));
    if let Some(url) = join_link(event) {
        // A URI value: no TEXT escaping (commas and semicolons are part of URLs), only
        // the characters no content line may carry are dropped.
        lines.push(format!("URL:{url}"));
    }
    let kind = serde_json::to_value(event.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    lines.push(format!("CATEGORIES:{}", escape_text(&kind)));
    if !cancelled {
        for &minutes in &event.registration.reminder_minutes {
            lines.push("BEGIN:VALARM".into());
            lines.push("ACTION:DISPLAY".into());
            lines.push(format!("DESCRIPTION:{}", escape_text(&summary(event))));
            lines.push(format!("TRIGGER:{}", ics_duration(-Duration::minutes(i64::from(minutes)))));
            lines.push("END:VALARM".into());
        }
    }
}

fn partstat(status: BookStatus) -> &'static str {
    match status {
        BookStatus::Confirmed => "ACCEPTED",
        BookStatus::Pending => "TENTATIVE",
        BookStatus::Offered | BookStatus::Waitlisted => "NEEDS-ACTION",
        BookStatus::Denied | BookStatus::Cancelled => "DECLINED",
    }
}

fn join_link(event: &Event) -> Option<String> {
    match &event.location {
        Location::Online { url: Some(url), .. } => {
            let uri: String = url.chars().filter(|c| !c.is_control()).collect();
            (!uri.trim().is_empty()).then_some(uri)
        }
        _ => None,
    }
}

fn summary(event: &Event) -> String {
    match (&event.series, event.number) {
        (Some(series), Some(n)) => format!("{series} {n}: {}", event.title),
        _ => event.title.clone(),
    }
}

/// The event's `VEVENT`s: the event (a series' master, with its rule) and a series' overrides.
fn write_event(hub: &Hub, file: &EventFile<'_>, stamp: DateTime<Utc>, mode: Mode<'_>, lines: &mut Vec<String>) {
    let EventFile { event, tz, occurrences, session } = file;
    let (event, tz) = (*event, *tz);
    if *session {
        for o in occurrences {
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}", escape_text(&session_uid(hub, event, o.recurrence_id))));
            lines.push(format!("DTSTAMP:{}", ics_utc(stamp)));
            start_and_end(o, tz, lines);
            common_properties(event, mode, lines);
            lines.push("END:VEVENT".into());
        }
        return;
    }
    let uid = format!("UID:{}@{}.kix", escape_text(&event.id), escape_text(&hub.id));
    lines.push("BEGIN:VEVENT".into());
    lines.push(uid.clone());
    lines.push(format!("DTSTAMP:{}", ics_utc(stamp)));
    match rrule(event, tz) {
        None => {
            if let Some(o) = occurrences.first() {
                start_and_end(o, tz, lines);
            }
        }
        Some(rule) => {
            lines.push(format!("DTSTART;TZID={}:{}", tz.name(), ics_local(event.start)));
            if let Ok(length) = event.length() {
                lines.push(format!("DURATION:{}", ics_duration(length)));
            }
            lines.push(rule);
            // Extra dates as instants in UTC: libical 3.0 reads an RDATE's TZID as UTC.
            for t in event.recurrence.iter().flat_map(|r| &r.extra_dates) {
                if let Ok(at) = from_local(*t, tz, Disambiguation::Compatible) {
                    lines.push(format!("RDATE:{}", ics_utc(at.with_timezone(&Utc))));
                }
            }
            for t in event.recurrence.iter().flat_map(|r| &r.exceptions) {
                lines.push(format!("EXDATE;TZID={}:{}", tz.name(), ics_local(*t)));
            }
        }
    }
    common_properties(event, mode, lines);
    lines.push("END:VEVENT".into());
    if event.recurrence.is_none() || matches!(mode, Mode::Cancel(_)) {
        return;
    }
    for o in occurrences.iter().filter(|o| o.moved || needs_own_times(o, tz)) {
        lines.push("BEGIN:VEVENT".into());
        lines.push(uid.clone());
        lines.push(format!("DTSTAMP:{}", ics_utc(stamp)));
        lines.push(format!("RECURRENCE-ID;TZID={}:{}", tz.name(), ics_local(o.recurrence_id)));
        start_and_end(o, tz, lines);
        common_properties(event, mode, lines);
        lines.push("END:VEVENT".into());
    }
}

/// A whole `VCALENDAR`: the header, each zone's `VTIMEZONE` once (valid over all the
/// events in it), the events.
fn write_calendar(
    hub: &Hub,
    files: &[EventFile<'_>],
    stamp: DateTime<Utc>,
    method: Option<&str>,
    name: Option<String>,
    mode: Mode<'_>,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//KIX EMAP//kix-core {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
    ];
    if let Some(method) = method {
        lines.push(format!("METHOD:{method}"));
    }
    if let Some(name) = name {
        lines.push(format!("X-WR-CALNAME:{}", escape_text(&name)));
    }
    let mut zones: Vec<(Tz, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for f in files {
        let Some((first, last)) = span(f.event, &f.occurrences, f.tz, f.session) else { continue };
        match zones.iter_mut().find(|(tz, _, _)| *tz == f.tz) {
            Some((_, a, b)) => {
                *a = (*a).min(first);
                *b = (*b).max(last);
            }
            None => zones.push((f.tz, first, last)),
        }
    }
    for (tz, first, last) in zones {
        vtimezone(tz, first, last, &mut lines);
    }
    for f in files {
        write_event(hub, f, stamp, mode, &mut lines);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// The event as an `.ics` calendar file (CRLF line endings): one `VEVENT`, or for a
/// series its master and overrides.
///
/// `stamp` is the file's `DTSTAMP` (when it was made); the UID is stable:
/// `{event id}@{hub id}.kix`, so a re-export updates the same calendar entry. With an
/// organiser e-mail the file is `METHOD:PUBLISH` (`METHOD:CANCEL` for a cancelled event);
/// without one it has no method, as iTIP needs an organiser.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let ics = kix_core::calendar::to_ics(hub, w20, Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap())?;
/// assert!(ics.contains("DTSTART;TZID=Europe/Zurich:20240731T130000\r\n"));
/// assert!(ics.contains("UID:kix-emap-webinar-20@kix-emap.kix\r\n"));
/// assert!(ics.contains("TZOFFSETTO:+0200\r\n"));
/// assert!(!ics.contains("METHOD:"), "no organiser e-mail is known");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_ics(hub: &Hub, event: &Event, stamp: DateTime<Utc>) -> Result<String, Error> {
    let file = EventFile::new(event)?;
    let method = organiser(event).map(|_| if event.status == EventStatus::Cancelled { "CANCEL" } else { "PUBLISH" });
    let mode = if method == Some("CANCEL") { Mode::Cancel(None) } else { Mode::Publish };
    Ok(write_calendar(hub, &[file], stamp, method, None, mode))
}

/// A feed: one `VCALENDAR` with every event the filter keeps (cancelled ones with
/// `STATUS:CANCELLED`), each zone's `VTIMEZONE` once. `METHOD:PUBLISH` when every event has an
/// organiser e-mail, else no method. The calendar's name (`X-WR-CALNAME`) is the hub's.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use kix_core::calendar::{CalendarFilter, feed};
/// let hub = kix_core::emap();
/// let ics = feed(hub, &CalendarFilter::All, Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap())?;
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), hub.events.len());
/// assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1, "every event is in Geneva");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn feed(hub: &Hub, filter: &CalendarFilter, stamp: DateTime<Utc>) -> Result<String, Error> {
    let events = filter.events(hub)?;
    let files = events.iter().map(|e| EventFile::new(e)).collect::<Result<Vec<_>, _>>()?;
    let method = events.iter().all(|e| organiser(e).is_some()).then_some("PUBLISH");
    Ok(write_calendar(hub, &files, stamp, method, Some(hub.name.clone()), Mode::Publish))
}

impl Hub {
    /// The hub's calendar feed, stamped now (see [`feed`]).
    ///
    /// ```
    /// use kix_core::calendar::CalendarFilter;
    /// let hub = kix_core::emap();
    /// let ics = hub.calendar(&CalendarFilter::Series("KIX EMAP Webinar".into()))?;
    /// assert!(ics.contains("X-WR-CALNAME:KIX EMAP Hub\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn calendar(&self, filter: &CalendarFilter) -> Result<String, Error> {
        feed(self, filter, Utc::now())
    }
}

impl Event {
    /// The event as an `.ics` file stamped now (see [`to_ics`]).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let ics = hub.event("kix-emap-webinar-20").unwrap().to_ics(hub)?;
    /// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_ics(&self, hub: &Hub) -> Result<String, Error> {
        to_ics(hub, self, Utc::now())
    }
}

mod check;
mod invitations;
mod lines;
mod vtimezone;
pub use check::*;
pub use invitations::*;
pub use lines::*;
use vtimezone::*;

#[cfg(test)]
mod tests;
