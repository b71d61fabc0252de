//! Series: an event that recurs, expanded in the organiser's wall time and zone.
//!
//! A learning cycle of six weekly sessions or a webinar series is one
//! [`Event`] with a [`Recurrence`](crate::Recurrence): daily, weekly or monthly, every `interval`
//! days, weeks or months, on some weekdays (monthly: nth weekdays, days of the month, set
//! positions), for a `count` of occurrences, `until` a date or with no end (taken over the
//! registration policy's `horizon_days`; [`Event::occurrences_between`] gives any window), plus
//! extra dates,
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

use crate::country::Weekday;
use crate::events::event::Event;
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};
use crate::time::recurrence::{ByDay, Frequency, MAX_OCCURRENCES, MovedOccurrence, Occurrence, chrono_day};
use crate::time::zone::{Disambiguation, from_local};

fn too_many(message: String) -> Violation {
    Violation::new(Code::EventInvalidRecurrence, "recurrence", message).with_param("reason", "too_many")
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
        let walls = self.given_starts(rule);
        self.occurrences_of(rule, tz, end_utc - start_utc, walls.into_iter().take(MAX_OCCURRENCES))
    }

    /// The wall-clock starts the series is taken to have: every one of a bounded rule (at most
    /// [`MAX_OCCURRENCES`] + 1), those within the policy's horizon for a series with no end.
    pub(crate) fn given_starts(&self, rule: &crate::time::recurrence::Recurrence) -> Vec<NaiveDateTime> {
        if rule.is_open_ended() {
            let last = self
                .start
                .date()
                .checked_add_signed(Duration::days(i64::from(self.registration.horizon_days)))
                .unwrap_or(NaiveDate::MAX);
            rule.starts_within(self.start, self.start.date(), last)
        } else {
            rule.starts(self.start)
        }
    }

    /// The occurrences of these wall-clock starts of the rule, in order.
    fn occurrences_of(
        &self,
        rule: &crate::time::recurrence::Recurrence,
        tz: Tz,
        length: Duration,
        walls: impl IntoIterator<Item = NaiveDateTime>,
    ) -> Result<Vec<Occurrence>, Violation> {
        let mut out = Vec::new();
        for wall in walls {
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

    /// The occurrences that start from `from` (included) to `to` (excluded), in order of start,
    /// for any series: one with no planned end too, however far from its start. Cancelled ones
    /// are left out and moved ones are where they were moved to. A window with more than
    /// [`MAX_OCCURRENCES`] occurrences is `event.invalid_recurrence` (`too_many`): ask for a
    /// shorter one.
    ///
    /// ```
    /// use kix_core::{ByDay, Frequency, Recurrence, Weekday};
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// // A community call on the last Thursday of every month, with no planned end.
    /// e.start = "2024-08-29T13:00:00".parse()?;
    /// e.end = Some("2024-08-29T14:00:00".parse()?);
    /// e.recurrence = Some(Recurrence { by_day: vec![ByDay::nth(-1, Weekday::Thursday)], ..Recurrence::new(Frequency::Monthly) });
    /// let calls = e.occurrences_between("2031-01-01T00:00:00Z".parse()?, "2031-04-01T00:00:00Z".parse()?)?;
    /// let days: Vec<String> = calls.iter().map(|o| o.start.date().to_string()).collect();
    /// assert_eq!(days, ["2031-01-30", "2031-02-27", "2031-03-27"]);
    /// assert_eq!(calls[2].start_utc.to_rfc3339(), "2031-03-27T12:00:00+00:00", "13:00 in Geneva, winter time");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn occurrences_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Occurrence>, Violation> {
        let tz = self.tz()?;
        let start_utc = self.start_utc()?;
        let end_utc = self.end_utc()?;
        let Some(rule) = &self.recurrence else {
            let o = occurrence(tz, self.start, self.start, start_utc, end_utc, false);
            return Ok(if o.start_utc >= from && o.start_utc < to { vec![o] } else { Vec::new() });
        };
        // Wall dates with a day's margin each side (no zone is more than a day off UTC).
        let day = Duration::days(1);
        let first = from.naive_utc().date().checked_sub_signed(day).unwrap_or(NaiveDate::MIN);
        let last = to.naive_utc().date().checked_add_signed(day).unwrap_or(NaiveDate::MAX);
        let mut walls = rule.starts_within(self.start, first, last);
        if walls.len() > MAX_OCCURRENCES {
            return Err(too_many(format!("the window holds more than {MAX_OCCURRENCES} occurrences")));
        }
        // Moved occurrences whose new start is in the window though the rule's is not.
        for m in &rule.moved {
            if !walls.contains(&m.occurrence) && rule.has_start(self.start, m.occurrence) {
                walls.push(m.occurrence);
            }
        }
        let mut out = self.occurrences_of(rule, tz, end_utc - start_utc, walls)?;
        out.retain(|o| o.start_utc >= from && o.start_utc < to);
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
            out.push(invalid("interval_zero", "a series repeats every 1 or more days, weeks or months".into()));
        }
        match (rule.count, rule.until) {
            (Some(0), _) => out.push(invalid("count_zero", "a series has at least one occurrence".into())),
            (Some(_), Some(_)) => {
                out.push(invalid("count_and_until", "give a count or an until date, not both".into()))
            }
            (None, Some(until)) if until < self.start.date() => {
                out.push(invalid("until_before_start", format!("the series ends ({until}) before it starts")));
            }
            _ => {}
        }
        let monthly = rule.frequency == Frequency::Monthly;
        if rule.frequency == Frequency::Daily && !rule.by_day.is_empty() {
            out.push(invalid("by_day_not_weekly", "weekdays apply to weekly and monthly series only".into()));
        }
        let ordinals = rule.by_day.iter().any(|d| d.ordinal().is_some());
        if !monthly && (ordinals || !rule.by_month_day.is_empty() || !rule.by_set_pos.is_empty()) {
            out.push(invalid(
                "monthly_only",
                "days of the month, the nth weekday and set positions apply to monthly series only".into(),
            ));
        }
        let bad_ordinal = rule.by_day.iter().filter_map(|d| d.ordinal()).any(|n| n == 0 || n.abs() > 5);
        let bad_day = rule.by_month_day.iter().any(|&d| d == 0 || d.abs() > 31);
        let bad_pos = rule.by_set_pos.iter().any(|&p| p == 0 || p.abs() > 366);
        if bad_ordinal || bad_day || bad_pos {
            out.push(invalid(
                "day_out_of_range",
                "an nth weekday is 1 to 5 or -1 to -5, a day of the month 1 to 31 or -1 to -31, a set position \
                 1 to 366 or -1 to -366"
                    .into(),
            ));
        }
        if rule.frequency == Frequency::Weekly
            && !rule.by_day.is_empty()
            && !rule.by_day.iter().any(|d| d.day() == Weekday::from(self.start.weekday()))
        {
            out.push(invalid(
                "start_not_on_by_day",
                format!("the start ({}) is on none of the series' weekdays", self.start.date()),
            ));
        }
        if monthly
            && !rule
                .month_days(self.start.year(), self.start.month(), self.start.date())
                .is_some_and(|days| days.contains(&self.start.date()))
        {
            out.push(invalid(
                "start_not_on_rule",
                format!("the start ({}) is not one of the days the series' rule gives", self.start.date()),
            ));
        }
        if let Some(early) = rule.extra_dates.iter().find(|t| **t <= self.start) {
            out.push(
                invalid("extra_date_before_start", format!("the extra date {early} is not after the series' start"))
                    .with_param("occurrence", *early),
            );
        }
        let starts = self.given_starts(rule);
        if starts.len() > MAX_OCCURRENCES {
            out.push(too_many(format!("a series has at most {MAX_OCCURRENCES} occurrences")));
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
            if !rule.has_start(self.start, wall) {
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
            let shift = |day: Weekday| {
                let from = i64::from(chrono_day(day).num_days_from_monday());
                let to = u8::try_from((from + days.num_days()).rem_euclid(7)).unwrap_or(0);
                chrono::Weekday::try_from(to).map_or(day, Weekday::from)
            };
            for spec in &mut rule.by_day {
                *spec = match *spec {
                    ByDay::Every(day) => ByDay::Every(shift(day)),
                    ByDay::Nth(n) => ByDay::nth(n.ordinal, shift(n.day)),
                };
            }
            // A monthly rule on the start's day of the month follows it (a day counted from the
            // end, or several days, stay: `Event::check` says when the start no longer fits).
            if rule.by_month_day.len() == 1
                && rule.by_month_day.first().and_then(|d| u32::try_from(*d).ok()) == Some(self.start.day())
            {
                rule.by_month_day = vec![i32::try_from(start.day()).unwrap_or(1)];
            }
            for t in &mut rule.extra_dates {
                *t = shifted(*t, by)?;
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
        if !rule.has_start(first, occurrence) {
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
        if !rule.has_start(first, occurrence) {
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
    Occurrence { recurrence_id, start, end: crate::time::zone::wall_time(end_utc, tz), start_utc, end_utc, moved }
}

#[cfg(test)]
mod tests;
