//! Series: an event that recurs, expanded in the organiser's wall time and zone.
//!
//! A learning cycle of six weekly sessions or a webinar series is one
//! [`Event`] with a [`Recurrence`]: daily or weekly, every `interval` days or
//! weeks, on some weekdays, for a `count` of occurrences or `until` a date,
//! minus cancelled occurrences (`exceptions`) and with some occurrences moved
//! (`moved`). The rule runs on the organiser's wall clock: a 10:00 Geneva
//! session stays 10:00 Geneva when the clocks change, and its instant moves by
//! the hour instead. Every occurrence lasts as long as the event itself, in
//! elapsed time.
//!
//! [`Event::occurrences`] gives the instants (wall times resolved with the
//! `compatible` disambiguation, as RFC 5545 reads them); [`Event::check`]
//! reports an occurrence whose wall time a DST change skips or repeats with the
//! same codes as the event's own start, so none is resolved silently.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::country::Weekday;
use crate::error::Error;
use crate::event::Event;
use crate::violation::{Code, Violation};
use crate::zone::{Disambiguation, from_local};

/// The most occurrences a series may have; a longer one is `event.invalid_recurrence`.
///
/// ```
/// assert_eq!(kix_core::recurrence::MAX_OCCURRENCES, 1000);
/// ```
pub const MAX_OCCURRENCES: usize = 1000;

/// How often a series repeats.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::Frequency::Weekly)?, r#""weekly""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every `interval` days.
    Daily,
    /// Every `interval` weeks (weeks start on Monday), on the `by_day` weekdays.
    Weekly,
}

/// One occurrence of a series moved to another time (an RFC 5545 `RECURRENCE-ID` override).
///
/// ```
/// let m: kix_core::MovedOccurrence = serde_json::from_str(r#"{"occurrence": "2025-10-14T10:00:00",
///     "start": "2025-10-15T14:00:00"}"#)?;
/// assert!(m.end.is_none() && m.duration_minutes.is_none(), "it keeps the series' length");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MovedOccurrence {
    /// The wall-clock start the rule gives this occurrence (which one is moved).
    pub occurrence: NaiveDateTime,
    /// Its new wall-clock start, in the event's zone.
    pub start: NaiveDateTime,
    /// Its new wall-clock end (or give `duration_minutes`; neither: the event's length).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDateTime>,
    /// Its length in minutes of elapsed time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
}

/// How an event repeats: the RFC 5545 `RRULE` kix writes, with `EXDATE`s and
/// moved occurrences.
///
/// ```
/// use kix_core::{Frequency, Recurrence, Weekday};
/// let r = Recurrence { by_day: vec![Weekday::Tuesday, Weekday::Thursday], count: Some(4), ..Recurrence::new(Frequency::Weekly) };
/// let first = "2025-10-14T10:00:00".parse()?; // a Tuesday
/// let days: Vec<String> = r.starts(first).iter().map(|t| t.date().to_string()).collect();
/// assert_eq!(days, ["2025-10-14", "2025-10-16", "2025-10-21", "2025-10-23"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// Daily or weekly.
    pub frequency: Frequency,
    /// Every how many days or weeks (1: every one).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub interval: u32,
    /// The weekdays of a weekly series; empty: the start's weekday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_day: Vec<Weekday>,
    /// How many occurrences the rule gives, the first (the event's start) included and
    /// cancelled ones too (RFC 5545 `COUNT`). Give `count` or `until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The last date (the organiser's) on which an occurrence may start (RFC 5545 `UNTIL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Cancelled occurrences, by the wall-clock start the rule gives them (`EXDATE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<NaiveDateTime>,
    /// Occurrences moved to another time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<MovedOccurrence>,
}

fn one() -> u32 {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Recurrence {
    /// A rule of this frequency, every day or week, with no end yet (set `count` or `until`).
    ///
    /// ```
    /// let r = kix_core::Recurrence::new(kix_core::Frequency::Daily);
    /// assert_eq!((r.interval, r.count, r.until), (1, None, None));
    /// ```
    #[must_use]
    pub fn new(frequency: Frequency) -> Self {
        Recurrence {
            frequency,
            interval: 1,
            by_day: Vec::new(),
            count: None,
            until: None,
            exceptions: Vec::new(),
            moved: Vec::new(),
        }
    }

    /// The wall-clock starts the rule gives from `first` (the event's start, always the first),
    /// cancelled and moved ones included, in order; at most [`MAX_OCCURRENCES`] + 1, so that a
    /// rule with too many (or no end) shows it.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence};
    /// let r = Recurrence { interval: 2, until: "2025-11-10".parse().ok(), ..Recurrence::new(Frequency::Weekly) };
    /// let starts = r.starts("2025-10-13T10:00:00".parse()?);
    /// assert_eq!(starts.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
    ///            ["2025-10-13 10:00:00", "2025-10-27 10:00:00", "2025-11-10 10:00:00"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn starts(&self, first: NaiveDateTime) -> Vec<NaiveDateTime> {
        let limit = self
            .count
            .map_or(MAX_OCCURRENCES + 1, |c| usize::try_from(c).unwrap_or(usize::MAX))
            .min(MAX_OCCURRENCES + 1);
        let until = self.until;
        let interval = i64::from(self.interval.max(1));
        let mut out = vec![first];
        if limit <= 1 {
            return out;
        }
        let time = first.time();
        let push = |date: NaiveDate, out: &mut Vec<NaiveDateTime>| -> bool {
            if until.is_some_and(|u| date > u) || out.len() >= limit {
                return false;
            }
            out.push(date.and_time(time));
            true
        };
        match self.frequency {
            Frequency::Daily => {
                for k in 1.. {
                    let Some(date) = first.date().checked_add_signed(Duration::days(k * interval)) else { break };
                    if !push(date, &mut out) {
                        break;
                    }
                }
            }
            Frequency::Weekly => {
                let days: BTreeSet<u32> = if self.by_day.is_empty() {
                    BTreeSet::from([first.weekday().num_days_from_monday()])
                } else {
                    self.by_day.iter().map(|d| chrono_day(*d).num_days_from_monday()).collect()
                };
                let monday = first.date() - Duration::days(i64::from(first.weekday().num_days_from_monday()));
                'weeks: for week in 0.. {
                    for &day in &days {
                        let offset = Duration::days(week * 7 * interval + i64::from(day));
                        let Some(date) = monday.checked_add_signed(offset) else { break 'weeks };
                        if date <= first.date() {
                            continue;
                        }
                        if !push(date, &mut out) {
                            break 'weeks;
                        }
                    }
                }
            }
        }
        out
    }

    /// The moved occurrence that replaces the rule's `occurrence`, if any.
    fn moved_for(&self, occurrence: NaiveDateTime) -> Option<&MovedOccurrence> {
        self.moved.iter().find(|m| m.occurrence == occurrence)
    }
}

/// One occurrence of an event: a single event has one, a series one per date
/// its rule gives that is not cancelled.
///
/// ```
/// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
/// let only = &w20.occurrences()?[0];
/// assert_eq!((only.start_utc, only.end_utc), (w20.start_utc()?, w20.end_utc()?));
/// assert!(!only.moved);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// The wall-clock start the rule gives it (RFC 5545 `RECURRENCE-ID`); the event's start for a single event.
    pub recurrence_id: NaiveDateTime,
    /// Its wall-clock start in the organiser's zone (a moved occurrence's own).
    pub start: NaiveDateTime,
    /// Its wall-clock end in the organiser's zone (the wall time of `end_utc`).
    pub end: NaiveDateTime,
    /// Its start instant.
    pub start_utc: DateTime<Utc>,
    /// Its end instant.
    pub end_utc: DateTime<Utc>,
    /// Whether it was moved from where the rule puts it.
    pub moved: bool,
}

fn beyond_calendar(path: &str) -> Violation {
    Violation::new(Code::EventInvalidEnd, path, "the occurrence would end beyond the calendar")
}

impl Event {
    /// Whether the event is a series (has a recurrence).
    ///
    /// ```
    /// assert!(!kix_core::emap().event("kix-emap-webinar-20").unwrap().is_series());
    /// ```
    #[must_use]
    pub fn is_series(&self) -> bool {
        self.recurrence.is_some()
    }

    /// The event's length in elapsed time: from the start instant to the end instant
    /// (`compatible` disambiguation). Every occurrence of a series lasts as long, unless moved
    /// with a length of its own.
    ///
    /// ```
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(w20.length()?, chrono::Duration::minutes(90));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn length(&self) -> Result<Duration, Violation> {
        Ok(self.end_utc()? - self.start_utc()?)
    }

    /// Every occurrence, in order of start: the event itself when it does not recur; for a
    /// series, each wall-clock start its rule gives in the organiser's zone (DST changes move
    /// the instant, not the wall time), cancelled ones left out and moved ones at their new
    /// time. Wall times a DST change skips or repeats are resolved `compatible` (as RFC 5545
    /// reads them); [`Event::check`] reports them.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence};
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// // Four Tuesdays at 10:00 in Geneva across the end of summer time (26 October 2025).
    /// e.start = "2025-10-14T10:00:00".parse()?;
    /// e.end = Some("2025-10-14T11:30:00".parse()?);
    /// e.recurrence = Some(Recurrence { count: Some(4), ..Recurrence::new(Frequency::Weekly) });
    /// let utc: Vec<String> = e.occurrences()?.iter().map(|o| o.start_utc.format("%d %H:%M").to_string()).collect();
    /// assert_eq!(utc, ["14 08:00", "21 08:00", "28 09:00", "04 09:00"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn occurrences(&self) -> Result<Vec<Occurrence>, Violation> {
        let tz = self.tz()?;
        let start_utc = self.start_utc()?;
        let end_utc = self.end_utc()?;
        let Some(rule) = &self.recurrence else {
            return Ok(vec![occurrence(tz, self.start, self.start, start_utc, end_utc, false)]);
        };
        let length = end_utc - start_utc;
        let mut out = Vec::new();
        for wall in rule.starts(self.start).into_iter().take(MAX_OCCURRENCES) {
            if rule.exceptions.contains(&wall) {
                continue;
            }
            if let Some(m) = rule.moved_for(wall) {
                let start = instant(m.start, tz, Disambiguation::Compatible)?;
                let end = match (m.end, m.duration_minutes) {
                    (Some(end), _) => instant(end, tz, Disambiguation::Compatible)?,
                    (None, Some(minutes)) => start
                        .checked_add_signed(Duration::minutes(i64::from(minutes)))
                        .ok_or_else(|| beyond_calendar("recurrence.moved"))?,
                    (None, None) => {
                        start.checked_add_signed(length).ok_or_else(|| beyond_calendar("recurrence.moved"))?
                    }
                };
                out.push(occurrence(tz, wall, m.start, start, end, true));
            } else {
                let start = instant(wall, tz, Disambiguation::Compatible)?;
                let end = start.checked_add_signed(length).ok_or_else(|| beyond_calendar("recurrence"))?;
                out.push(occurrence(tz, wall, wall, start, end, false));
            }
        }
        out.sort_by_key(|o| (o.start_utc, o.recurrence_id));
        Ok(out)
    }

    /// The series' own rules: a bounded rule with a positive interval and count, weekdays only on
    /// weekly rules, the start on one of them, exceptions and moved occurrences that name
    /// occurrences of the rule (once each), and every occurrence's wall times existing exactly once
    /// in the zone.
    pub(crate) fn check_recurrence(&self, tz: Option<Tz>, out: &mut Vec<Violation>) {
        let Some(rule) = &self.recurrence else { return };
        let invalid = |reason: &str, message: String| {
            Violation::new(Code::EventInvalidRecurrence, "recurrence", message).with_param("reason", reason)
        };
        if rule.interval == 0 {
            out.push(invalid("interval_zero", "a series repeats every 1 or more days or weeks".into()));
        }
        match (rule.count, rule.until) {
            (Some(0), _) => out.push(invalid("count_zero", "a series has at least one occurrence".into())),
            (Some(_), Some(_)) => {
                out.push(invalid("count_and_until", "give a count or an until date, not both".into()))
            }
            (None, None) => out.push(invalid("unbounded", "give a count or an until date".into())),
            (None, Some(until)) if until < self.start.date() => {
                out.push(invalid("until_before_start", format!("the series ends ({until}) before it starts")));
            }
            _ => {}
        }
        if rule.frequency == Frequency::Daily && !rule.by_day.is_empty() {
            out.push(invalid("by_day_not_weekly", "weekdays apply to weekly series only".into()));
        }
        if rule.frequency == Frequency::Weekly
            && !rule.by_day.is_empty()
            && !rule.by_day.contains(&Weekday::from(self.start.weekday()))
        {
            out.push(invalid(
                "start_not_on_by_day",
                format!("the start ({}) is on none of the series' weekdays", self.start.date()),
            ));
        }
        let starts = rule.starts(self.start);
        if starts.len() > MAX_OCCURRENCES && (rule.count.is_some() || rule.until.is_some()) {
            out.push(invalid("too_many", format!("a series has at most {MAX_OCCURRENCES} occurrences")));
        }
        let mut named = BTreeSet::new();
        let listed = rule
            .exceptions
            .iter()
            .map(|t| ("exceptions", *t))
            .chain(rule.moved.iter().map(|m| ("moved", m.occurrence)));
        for (i, (list, wall)) in listed.enumerate() {
            let index = if list == "moved" { i - rule.exceptions.len() } else { i };
            let path = if list == "moved" {
                format!("recurrence.moved[{index}].occurrence")
            } else {
                format!("recurrence.exceptions[{index}]")
            };
            if !starts.contains(&wall) {
                out.push(
                    Violation::new(
                        Code::EventUnknownOccurrence,
                        path,
                        format!("the series has no occurrence starting at {wall}"),
                    )
                    .with_param("occurrence", wall),
                );
            } else if !named.insert(wall) {
                out.push(
                    invalid("occurrence_listed_twice", format!("the occurrence at {wall} is cancelled or moved twice"))
                        .with_param("occurrence", wall),
                );
            }
        }
        let Some(tz) = tz else { return };
        // The first occurrence is the event's start, which `check` verifies already.
        for wall in starts.iter().skip(1).take(MAX_OCCURRENCES) {
            if rule.exceptions.contains(wall) || rule.moved_for(*wall).is_some() {
                continue;
            }
            if let Err(mut v) = from_local(*wall, tz, Disambiguation::Reject) {
                v.path = "recurrence".into();
                out.push(v);
            }
        }
        for (i, m) in rule.moved.iter().enumerate() {
            for (field, wall) in [("start", Some(m.start)), ("end", m.end)] {
                if let Some(wall) = wall
                    && let Err(mut v) = from_local(wall, tz, Disambiguation::Reject)
                {
                    v.path = format!("recurrence.moved[{i}].{field}");
                    out.push(v);
                }
            }
            if let Some(end) = m.end
                && end <= m.start
            {
                out.push(
                    Violation::new(
                        Code::EventEndNotAfterStart,
                        format!("recurrence.moved[{i}].end"),
                        format!("the moved occurrence ends ({end}) no later than it starts ({})", m.start),
                    )
                    .with_param("start", m.start)
                    .with_param("end", end),
                );
            }
            if m.duration_minutes == Some(0) {
                out.push(
                    Violation::new(
                        Code::EventEndNotAfterStart,
                        format!("recurrence.moved[{i}].duration_minutes"),
                        "the moved occurrence lasts zero minutes",
                    )
                    .with_param("start", m.start)
                    .with_param("end", m.start),
                );
            }
        }
    }
}

/// chrono's weekday of a kix weekday.
pub(crate) fn chrono_day(day: Weekday) -> chrono::Weekday {
    match day {
        Weekday::Monday => chrono::Weekday::Mon,
        Weekday::Tuesday => chrono::Weekday::Tue,
        Weekday::Wednesday => chrono::Weekday::Wed,
        Weekday::Thursday => chrono::Weekday::Thu,
        Weekday::Friday => chrono::Weekday::Fri,
        Weekday::Saturday => chrono::Weekday::Sat,
        Weekday::Sunday => chrono::Weekday::Sun,
    }
}

fn shifted(t: NaiveDateTime, by: Duration) -> Result<NaiveDateTime, Error> {
    t.checked_add_signed(by).ok_or_else(|| Error::InvalidValue {
        what: "new start",
        value: t.to_string(),
        expected: "a move that keeps every time of the event inside the calendar",
    })
}

impl Event {
    /// The occurrence its rule starts at `recurrence_id` (the wall-clock start the rule gives it,
    /// a moved occurrence's original one; a single event's start for a single event). One that the
    /// event does not have, or has cancelled, is `event.unknown_occurrence` (with `cancelled` when
    /// it was cancelled), at the path `occurrence`.
    ///
    /// ```
    /// use kix_core::{Code, Frequency, Recurrence};
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(3), ..Recurrence::new(Frequency::Weekly) });
    /// let second = e.occurrence_at("2024-08-07T13:00:00".parse()?)?;
    /// assert_eq!(second.start_utc.to_rfc3339(), "2024-08-07T11:00:00+00:00");
    /// e.cancel_occurrence("2024-08-07T13:00:00".parse()?)?;
    /// let v = e.occurrence_at("2024-08-07T13:00:00".parse()?).unwrap_err();
    /// assert_eq!((v.code, &v.params["cancelled"]), (Code::EventUnknownOccurrence, &serde_json::json!(true)));
    /// assert!(e.occurrence_at("2024-08-07T14:00:00".parse()?).is_err(), "no occurrence starts then");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn occurrence_at(&self, recurrence_id: NaiveDateTime) -> Result<Occurrence, Violation> {
        self.occurrences()?
            .into_iter()
            .find(|o| o.recurrence_id == recurrence_id)
            .ok_or_else(|| self.unknown_occurrence(recurrence_id, "occurrence"))
    }

    /// `event.unknown_occurrence` for a time that names no occurrence of the event, at `path`,
    /// with `cancelled` when the rule gives it but it was cancelled.
    pub(crate) fn unknown_occurrence(&self, occurrence: NaiveDateTime, path: &str) -> Violation {
        let cancelled = self.recurrence.as_ref().is_some_and(|r| r.exceptions.contains(&occurrence));
        let v = Violation::new(
            Code::EventUnknownOccurrence,
            path,
            if cancelled {
                format!("the occurrence starting at {occurrence} was cancelled")
            } else {
                format!("the event has no occurrence starting at {occurrence}")
            },
        )
        .with_param("occurrence", occurrence);
        if cancelled { v.with_param("cancelled", true) } else { v }
    }
}

fn unknown_occurrence(occurrence: NaiveDateTime) -> Error {
    Error::Rejected(vec![
        Violation::new(
            Code::EventUnknownOccurrence,
            "recurrence",
            format!("the event has no occurrence starting at {occurrence}"),
        )
        .with_param("occurrence", occurrence),
    ])
}

impl Event {
    /// Moves the event to a new wall-clock start and raises its `sequence`, so calendars that
    /// have it update it (RFC 5545: a new `DTSTART` needs a higher `SEQUENCE`). Every wall time
    /// of the event moves by the same amount — its end (unless a new `end` is given; a duration
    /// is kept), the agenda's times, and for a series its weekdays, `until` date, cancelled and
    /// moved occurrences.
    ///
    /// ```
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// let before = e.clone();
    /// e.reschedule("2024-08-07T13:00:00".parse()?, None)?;
    /// assert_eq!((e.end.unwrap().to_string().as_str(), e.sequence), ("2024-08-07 14:30:00", before.sequence + 1));
    /// assert!(kix_core::calendar::check(&e, Some(&before)).is_empty(), "the sequence was raised");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reschedule(&mut self, start: NaiveDateTime, end: Option<NaiveDateTime>) -> Result<(), Error> {
        let by = start - self.start;
        let days = start.date() - self.start.date();
        let mut next = self.clone();
        next.start = start;
        next.end = match end {
            Some(end) => {
                next.duration_minutes = None;
                Some(end)
            }
            None => self.end.map(|e| shifted(e, by)).transpose()?,
        };
        for item in &mut next.agenda {
            item.start = item.start.map(|t| shifted(t, by)).transpose()?;
        }
        if let Some(rule) = &mut next.recurrence {
            for day in &mut rule.by_day {
                let from = i64::from(chrono_day(*day).num_days_from_monday());
                let to = u8::try_from((from + days.num_days()).rem_euclid(7)).unwrap_or(0);
                *day = chrono::Weekday::try_from(to).map_or(*day, Weekday::from);
            }
            rule.until = match rule.until {
                Some(u) => Some(u.checked_add_signed(days).ok_or_else(|| Error::InvalidValue {
                    what: "new start",
                    value: u.to_string(),
                    expected: "a move that keeps the series' until date inside the calendar",
                })?),
                None => None,
            };
            for t in &mut rule.exceptions {
                *t = shifted(*t, by)?;
            }
            for m in &mut rule.moved {
                m.occurrence = shifted(m.occurrence, by)?;
                m.start = shifted(m.start, by)?;
                m.end = m.end.map(|t| shifted(t, by)).transpose()?;
            }
        }
        next.sequence = self.sequence.saturating_add(1);
        *self = next;
        Ok(())
    }

    /// Cancels one occurrence of a series (an `EXDATE`) and raises the sequence. The occurrence is
    /// named by the wall-clock start its rule gives it; a moved occurrence is cancelled too.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence};
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(3), ..Recurrence::new(Frequency::Weekly) });
    /// e.cancel_occurrence("2024-08-07T13:00:00".parse()?)?;
    /// assert_eq!(e.occurrences()?.len(), 2);
    /// assert!(e.cancel_occurrence("2024-08-08T13:00:00".parse()?).is_err(), "no such occurrence");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel_occurrence(&mut self, occurrence: NaiveDateTime) -> Result<(), Error> {
        let first = self.start;
        let rule = self.recurrence.as_mut().ok_or_else(|| unknown_occurrence(occurrence))?;
        if !rule.starts(first).contains(&occurrence) {
            return Err(unknown_occurrence(occurrence));
        }
        rule.moved.retain(|m| m.occurrence != occurrence);
        if !rule.exceptions.contains(&occurrence) {
            rule.exceptions.push(occurrence);
            rule.exceptions.sort();
        }
        self.sequence = self.sequence.saturating_add(1);
        Ok(())
    }

    /// Moves one occurrence of a series to a new wall-clock start (and end; `None` keeps the
    /// series' length) and raises the sequence: a `RECURRENCE-ID` override in calendar files.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence};
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(3), ..Recurrence::new(Frequency::Weekly) });
    /// e.move_occurrence("2024-08-07T13:00:00".parse()?, "2024-08-08T09:00:00".parse()?, None)?;
    /// let second = &e.occurrences()?[1];
    /// assert!(second.moved);
    /// assert_eq!(second.start_utc.to_rfc3339(), "2024-08-08T07:00:00+00:00");
    /// assert_eq!(second.end_utc - second.start_utc, chrono::Duration::minutes(90));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn move_occurrence(
        &mut self,
        occurrence: NaiveDateTime,
        start: NaiveDateTime,
        end: Option<NaiveDateTime>,
    ) -> Result<(), Error> {
        let first = self.start;
        let rule = self.recurrence.as_mut().ok_or_else(|| unknown_occurrence(occurrence))?;
        if !rule.starts(first).contains(&occurrence) {
            return Err(unknown_occurrence(occurrence));
        }
        rule.exceptions.retain(|t| *t != occurrence);
        rule.moved.retain(|m| m.occurrence != occurrence);
        rule.moved.push(MovedOccurrence { occurrence, start, end, duration_minutes: None });
        rule.moved.sort_by_key(|m| m.occurrence);
        self.sequence = self.sequence.saturating_add(1);
        Ok(())
    }
}

fn instant(wall: NaiveDateTime, tz: Tz, disambiguation: Disambiguation) -> Result<DateTime<Utc>, Violation> {
    from_local(wall, tz, disambiguation).map(|t| t.with_timezone(&Utc))
}

fn occurrence(
    tz: Tz,
    recurrence_id: NaiveDateTime,
    start: NaiveDateTime,
    start_utc: DateTime<Utc>,
    end_utc: DateTime<Utc>,
    moved: bool,
) -> Occurrence {
    Occurrence { recurrence_id, start, end: crate::zone::wall_time(end_utc, tz), start_utc, end_utc, moved }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Check;
    use crate::violation::Violations;

    fn at(text: &str) -> NaiveDateTime {
        text.parse().unwrap()
    }

    /// A learning cycle: six weekly sessions, Tuesdays 10:00–11:30 in Geneva, from 14 October 2025.
    fn learning_cycle() -> Event {
        let mut e = crate::emap().event("kix-emap-webinar-20").unwrap().clone();
        e.id = "learning-cycle-3".into();
        e.kind = crate::EventKind::TrainingSession;
        (e.series, e.number) = (None, None);
        e.start = at("2025-10-14T10:00:00");
        e.end = Some(at("2025-10-14T11:30:00"));
        e.recurrence = Some(Recurrence { count: Some(6), ..Recurrence::new(Frequency::Weekly) });
        e
    }

    #[test]
    fn a_geneva_session_stays_at_ten_when_summer_time_ends() {
        let e = learning_cycle();
        assert!(e.check(crate::emap()).is_empty());
        let occurrences = e.occurrences().unwrap();
        assert_eq!(occurrences.len(), 6);
        for o in &occurrences {
            assert_eq!(o.start.time().to_string(), "10:00:00");
            assert_eq!(o.end_utc - o.start_utc, Duration::minutes(90));
        }
        // 08:00 UTC in CEST, 09:00 UTC in CET from 26 October.
        let hours: Vec<u32> = occurrences.iter().map(|o| chrono::Timelike::hour(&o.start_utc)).collect();
        assert_eq!(hours, [8, 8, 9, 9, 9, 9]);
    }

    #[test]
    fn weekdays_intervals_and_until_dates() {
        let r = Recurrence {
            interval: 2,
            by_day: vec![Weekday::Thursday, Weekday::Monday],
            until: "2025-11-10".parse().ok(),
            ..Recurrence::new(Frequency::Weekly)
        };
        // Every other week from the week of 13 October: the week of 3 November is skipped.
        let days: Vec<String> = r.starts(at("2025-10-13T09:00:00")).iter().map(|t| t.date().to_string()).collect();
        assert_eq!(days, ["2025-10-13", "2025-10-16", "2025-10-27", "2025-10-30", "2025-11-10"]);
        let daily = Recurrence { interval: 3, count: Some(3), ..Recurrence::new(Frequency::Daily) };
        let days: Vec<String> = daily.starts(at("2025-02-27T09:00:00")).iter().map(|t| t.date().to_string()).collect();
        assert_eq!(days, ["2025-02-27", "2025-03-02", "2025-03-05"]);
    }

    #[test]
    fn cancelled_sessions_are_left_out_and_moved_ones_keep_the_series_length() {
        let mut e = learning_cycle();
        e.cancel_occurrence(at("2025-10-21T10:00:00")).unwrap();
        e.move_occurrence(at("2025-11-04T10:00:00"), at("2025-11-05T16:00:00"), None).unwrap();
        assert!(e.check(crate::emap()).is_empty());
        let o = e.occurrences().unwrap();
        assert_eq!(o.len(), 5);
        let moved = o.iter().find(|o| o.moved).unwrap();
        assert_eq!(moved.recurrence_id, at("2025-11-04T10:00:00"));
        assert_eq!(moved.start_utc.to_rfc3339(), "2025-11-05T15:00:00+00:00");
        assert_eq!(moved.end, at("2025-11-05T17:30:00"));
        assert_eq!(e.sequence, 2);
        assert!(e.cancel_occurrence(at("2025-10-22T10:00:00")).is_err(), "not an occurrence of the rule");
    }

    #[test]
    fn every_unusable_rule_is_reported() {
        let hub = crate::emap();
        let reasons = |e: &Event| -> Vec<String> {
            e.check(hub)
                .iter()
                .filter(|v| v.code == Code::EventInvalidRecurrence)
                .map(|v| v.params["reason"].as_str().unwrap_or_default().to_owned())
                .collect()
        };
        let with = |edit: &dyn Fn(&mut Recurrence)| {
            let mut e = learning_cycle();
            edit(e.recurrence.as_mut().unwrap());
            e
        };
        assert_eq!(reasons(&with(&|r| r.count = None)), ["unbounded"]);
        assert_eq!(reasons(&with(&|r| r.until = "2025-12-01".parse().ok())), ["count_and_until"]);
        assert_eq!(reasons(&with(&|r| r.count = Some(0))), ["count_zero"]);
        assert_eq!(reasons(&with(&|r| r.interval = 0)), ["interval_zero"]);
        assert_eq!(reasons(&with(&|r| r.by_day = vec![Weekday::Friday])), ["start_not_on_by_day"]);
        assert_eq!(reasons(&with(&|r| r.count = Some(5000))), ["too_many"]);
        assert_eq!(
            reasons(&with(&|r| {
                r.frequency = Frequency::Daily;
                r.by_day = vec![Weekday::Tuesday];
            })),
            ["by_day_not_weekly"]
        );
        assert_eq!(
            reasons(&with(&|r| {
                r.count = None;
                r.until = "2025-10-01".parse().ok();
            })),
            ["until_before_start"]
        );
        let twice = with(&|r| {
            r.exceptions = vec![at("2025-10-21T10:00:00")];
            r.moved = vec![MovedOccurrence {
                occurrence: at("2025-10-21T10:00:00"),
                start: at("2025-10-22T10:00:00"),
                end: None,
                duration_minutes: None,
            }];
        });
        assert_eq!(reasons(&twice), ["occurrence_listed_twice"]);
        let unknown = with(&|r| r.exceptions = vec![at("2025-10-21T11:00:00")]);
        let v = unknown.check(hub);
        assert_eq!(v.codes(), [Code::EventUnknownOccurrence]);
        assert_eq!(v[0].path, "recurrence.exceptions[0]");
    }

    #[test]
    fn an_occurrence_the_clocks_skip_or_repeat_is_reported_never_resolved_silently() {
        let mut e = learning_cycle();
        e.zone = crate::ZoneId::from("Europe/Tirane");
        // Sundays at 02:30: 30 March 2025 skips it, 26 October 2025 repeats it.
        e.start = at("2025-03-23T02:30:00");
        e.end = Some(at("2025-03-23T03:15:00"));
        e.recurrence = Some(Recurrence { until: "2025-10-26".parse().ok(), ..Recurrence::new(Frequency::Weekly) });
        let v = e.check(crate::emap());
        assert_eq!(v.codes(), [Code::TimeNonexistentLocalTime, Code::TimeAmbiguousLocalTime]);
        assert_eq!(v[0].params["local"], "2025-03-30T02:30:00");
        assert_eq!(v[1].params["local"], "2025-10-26T02:30:00");
        // Moving both out of the way clears it.
        e.move_occurrence(at("2025-03-30T02:30:00"), at("2025-03-30T04:00:00"), None).unwrap();
        e.cancel_occurrence(at("2025-10-26T02:30:00")).unwrap();
        assert!(e.check(crate::emap()).is_empty());
        // The elapsed length holds for the occurrence whose end crosses no change, and across one.
        assert!(e.occurrences().unwrap().iter().all(|o| o.end_utc - o.start_utc == Duration::minutes(45)));
    }

    #[test]
    fn rescheduling_a_series_moves_its_weekdays_exceptions_and_end_date() {
        let mut e = learning_cycle();
        e.recurrence = Some(Recurrence {
            by_day: vec![Weekday::Tuesday, Weekday::Thursday],
            until: "2025-10-31".parse().ok(),
            exceptions: vec![at("2025-10-16T10:00:00")],
            ..Recurrence::new(Frequency::Weekly)
        });
        let before = e.occurrences().unwrap().len();
        e.reschedule(at("2025-10-15T14:00:00"), None).unwrap();
        let rule = e.recurrence.as_ref().unwrap();
        assert_eq!(rule.by_day, [Weekday::Wednesday, Weekday::Friday]);
        assert_eq!(rule.exceptions, [at("2025-10-17T14:00:00")]);
        assert_eq!(rule.until, "2025-11-01".parse().ok());
        assert_eq!(e.end, Some(at("2025-10-15T15:30:00")));
        assert_eq!(e.occurrences().unwrap().len(), before);
        assert!(e.check(crate::emap()).is_empty());
    }

    #[test]
    fn sessions_conflict_once_per_occurrence_that_overlaps() {
        let hub = crate::emap();
        let series = learning_cycle();
        let mut webinar = crate::emap().event("kix-emap-webinar-20").unwrap().clone();
        // One webinar on the morning of the third session: one conflict.
        webinar.start = at("2025-10-28T10:30:00");
        webinar.end = Some(at("2025-10-28T12:00:00"));
        let v = [series.clone(), webinar.clone()].check(hub);
        assert_eq!(v.codes(), [Code::ScheduleConflict]);
        assert_eq!(v[0].params["occurrence"], "2025-10-28T09:30:00Z");
        assert_eq!(v[0].params["other_occurrence"], "2025-10-28T09:00:00Z");
        // A daily series over the same week clashes with three sessions' worth of days only where they overlap.
        let mut daily = series.clone();
        daily.id = "daily".into();
        daily.recurrence = Some(Recurrence { count: Some(15), ..Recurrence::new(Frequency::Daily) });
        let v = [series, daily].check(hub);
        assert_eq!(v.len(), 3, "14, 21 and 28 October: {v:?}");
    }
}
