//! Series rules: daily, weekly or monthly, every `interval` days, weeks or months, on some
//! weekdays (monthly: the second Tuesday, the last Thursday), days of the month or positions in
//! the month's set, for a `count` of occurrences, `until` a date or with no end, plus extra dates
//! (`extra_dates`), minus cancelled occurrences (`exceptions`) and with some occurrences moved
//! (`moved`). A month without the day (31 February, a fifth Thursday) is skipped, never moved
//! (RFC 5545). The rule runs on the organiser's wall clock: a
//! 10:00 Geneva session stays 10:00 Geneva when the clocks change, and its instant moves by
//! the hour instead.
//!
//! An event with a rule is a series; its occurrences and their checks are in
//! [`events::series`](crate::events::series).

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::country::Weekday;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every `interval` days.
    Daily,
    /// Every `interval` weeks (weeks start on Monday), on the `by_day` weekdays.
    Weekly,
    /// Every `interval` months, on the `by_month_day` days and/or the `by_day` weekdays (with an
    /// ordinal: the second Tuesday), narrowed by `by_set_pos`; neither: the start's day of the month.
    Monthly,
}

/// A weekday of a rule: every such weekday (`"tuesday"`), or, in a monthly rule, the nth of the
/// month (`{"day": "tuesday", "ordinal": 2}`; `-1` the last). RFC 5545 writes them `TU` and `2TU`.
///
/// ```
/// use kix_core::{ByDay, Weekday};
/// let days: Vec<ByDay> = serde_json::from_str(r#"["monday", {"day": "thursday", "ordinal": -1}]"#)?;
/// assert_eq!(days, [ByDay::Every(Weekday::Monday), ByDay::nth(-1, Weekday::Thursday)]);
/// assert_eq!(days[1].to_string(), "-1TH");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ByDay {
    /// Every such weekday (of the week, or of the month in a monthly rule).
    Every(Weekday),
    /// The nth such weekday of the month (monthly rules only).
    Nth(NthWeekday),
}

/// The nth weekday of a month: `ordinal` 1 to 5 from the start of the month, -1 to -5 from its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NthWeekday {
    /// The weekday.
    pub day: Weekday,
    /// Which one of the month: 1 to 5, or -1 (the last) to -5.
    pub ordinal: i32,
}

impl ByDay {
    /// The `ordinal`th `day` of the month (-1: the last).
    #[must_use]
    pub fn nth(ordinal: i32, day: Weekday) -> Self {
        ByDay::Nth(NthWeekday { day, ordinal })
    }

    /// The weekday.
    #[must_use]
    pub fn day(&self) -> Weekday {
        match self {
            ByDay::Every(day) | ByDay::Nth(NthWeekday { day, .. }) => *day,
        }
    }

    /// The ordinal, if any.
    #[must_use]
    pub fn ordinal(&self) -> Option<i32> {
        match self {
            ByDay::Every(_) => None,
            ByDay::Nth(n) => Some(n.ordinal),
        }
    }
}

impl From<Weekday> for ByDay {
    fn from(day: Weekday) -> Self {
        ByDay::Every(day)
    }
}

impl std::fmt::Display for ByDay {
    /// The RFC 5545 `BYDAY` value: `TU`, `2TU`, `-1TH`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(n) = self.ordinal() {
            write!(f, "{n}")?;
        }
        f.write_str(weekday_code(chrono_day(self.day())))
    }
}

/// The RFC 5545 code of a weekday (`MO`).
pub(crate) fn weekday_code(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "MO",
        chrono::Weekday::Tue => "TU",
        chrono::Weekday::Wed => "WE",
        chrono::Weekday::Thu => "TH",
        chrono::Weekday::Fri => "FR",
        chrono::Weekday::Sat => "SA",
        chrono::Weekday::Sun => "SU",
    }
}

/// One occurrence of a series moved to another time (an RFC 5545 `RECURRENCE-ID` override).
///
/// ```
/// let m: kix_core::MovedOccurrence = serde_json::from_str(r#"{"occurrence": "2025-10-14T10:00:00",
///     "start": "2025-10-15T14:00:00"}"#)?;
/// assert!(m.end.is_none() && m.duration_minutes.is_none(), "it keeps the series' length");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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

/// How an event repeats: the RFC 5545 `RRULE` kix writes, with `RDATE`s, `EXDATE`s and
/// moved occurrences.
///
/// ```
/// use kix_core::{Frequency, Recurrence, Weekday};
/// let r = Recurrence { by_day: vec![Weekday::Tuesday.into(), Weekday::Thursday.into()], count: Some(4), ..Recurrence::new(Frequency::Weekly) };
/// let first = "2025-10-14T10:00:00".parse()?; // a Tuesday
/// let days: Vec<String> = r.starts(first).iter().map(|t| t.date().to_string()).collect();
/// assert_eq!(days, ["2025-10-14", "2025-10-16", "2025-10-21", "2025-10-23"]);
///
/// // The last Thursday of every month, from JSON.
/// let r: Recurrence = serde_json::from_str(r#"{"frequency": "monthly", "count": 3,
///     "by_day": [{"day": "thursday", "ordinal": -1}]}"#)?;
/// let days: Vec<String> = r.starts("2025-01-30T15:00:00".parse()?).iter().map(|t| t.date().to_string()).collect();
/// assert_eq!(days, ["2025-01-30", "2025-02-27", "2025-03-27"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// Daily, weekly or monthly.
    pub frequency: Frequency,
    /// Every how many days, weeks or months (1: every one).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub interval: u32,
    /// The weekdays of a weekly or monthly series (`"tuesday"`), in a monthly one also the nth
    /// of the month (`{"day": "tuesday", "ordinal": 2}`, `-1` the last); empty: the start's
    /// weekday (weekly) or day of the month (monthly).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_day: Vec<ByDay>,
    /// The days of the month of a monthly series: 1 to 31, or -1 (the last) to -31. A month
    /// without the day is skipped. With `by_day` too: the days that are both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_month_day: Vec<i32>,
    /// Of the days a month gives (in order), which ones: 1 the first, -1 the last (RFC 5545
    /// `BYSETPOS`): `by_day` Monday to Friday with `by_set_pos` `[-1]` is the last working day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_set_pos: Vec<i32>,
    /// How many occurrences the rule gives, the first (the event's start) included and
    /// cancelled ones too (RFC 5545 `COUNT`; extra dates are not counted). Give `count`,
    /// `until`, or neither for a series with no planned end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The last date (the organiser's) on which an occurrence may start (RFC 5545 `UNTIL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Extra occurrences outside the rule, by their wall-clock start (RFC 5545 `RDATE`); each
    /// lasts as long as the event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_dates: Vec<NaiveDateTime>,
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

/// 400 years of months: the Gregorian calendar repeats, so a monthly rule that gives no day in
/// that many months in a row gives none ever.
const EMPTY_MONTHS_LIMIT: u32 = 4800;

impl Recurrence {
    /// A rule of this frequency, every day, week or month, with no end yet (set `count` or `until`,
    /// or leave both out for a series with no planned end).
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
            by_month_day: Vec::new(),
            by_set_pos: Vec::new(),
            count: None,
            until: None,
            extra_dates: Vec::new(),
            exceptions: Vec::new(),
            moved: Vec::new(),
        }
    }

    /// Whether the series has no planned end (neither `count` nor `until`).
    #[must_use]
    pub fn is_open_ended(&self) -> bool {
        self.count.is_none() && self.until.is_none()
    }

    /// Calls `visit` with each date after `first`'s the rule gives (no count, no until, no
    /// extra dates), in order, until it returns `false` or the calendar ends.
    fn each_date(&self, first: NaiveDate, mut visit: impl FnMut(NaiveDate) -> bool) {
        let interval = i64::from(self.interval.max(1));
        match self.frequency {
            Frequency::Daily => {
                for k in 1.. {
                    let Some(date) = first.checked_add_signed(Duration::days(k * interval)) else { return };
                    if !visit(date) {
                        return;
                    }
                }
            }
            Frequency::Weekly => {
                let days: BTreeSet<u32> = if self.by_day.is_empty() {
                    BTreeSet::from([first.weekday().num_days_from_monday()])
                } else {
                    self.by_day.iter().map(|d| chrono_day(d.day()).num_days_from_monday()).collect()
                };
                let monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
                for week in 0.. {
                    for &day in &days {
                        let offset = Duration::days(week * 7 * interval + i64::from(day));
                        let Some(date) = monday.checked_add_signed(offset) else { return };
                        if date > first && !visit(date) {
                            return;
                        }
                    }
                }
            }
            Frequency::Monthly => {
                let start = i64::from(first.year()) * 12 + i64::from(first.month0());
                let mut empty = 0;
                for k in 0.. {
                    let index = start + k * interval;
                    let (Ok(year), Ok(month0)) =
                        (i32::try_from(index.div_euclid(12)), u32::try_from(index.rem_euclid(12)))
                    else {
                        return;
                    };
                    let Some(days) = self.month_days(year, month0 + 1, first) else { return };
                    empty = if days.is_empty() { empty + 1 } else { 0 };
                    if empty > EMPTY_MONTHS_LIMIT {
                        return;
                    }
                    for date in days {
                        if date > first && !visit(date) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// The days a monthly rule gives in one month, in order (`None`: beyond the calendar).
    /// A day the month does not have is left out, never moved.
    pub(crate) fn month_days(&self, year: i32, month: u32, first: NaiveDate) -> Option<Vec<NaiveDate>> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = start.checked_add_months(chrono::Months::new(1))?;
        let length = i32::try_from((next - start).num_days()).ok()?;
        let day = |d: i32| u32::try_from(d).ok().and_then(|d| NaiveDate::from_ymd_opt(year, month, d));
        let by_month_day: BTreeSet<i32> = self
            .by_month_day
            .iter()
            .filter_map(|&d| match d {
                1..=31 if d <= length => Some(d),
                -31..=-1 if -d <= length => Some(length + 1 + d),
                _ => None,
            })
            .collect();
        let mut by_day = BTreeSet::new();
        for spec in &self.by_day {
            let wanted = chrono_day(spec.day());
            let matching: Vec<i32> = (1..=length).filter(|&d| day(d).is_some_and(|t| t.weekday() == wanted)).collect();
            match spec.ordinal() {
                None => by_day.extend(matching),
                Some(n @ 1..=5) => by_day.extend(matching.get(usize::try_from(n - 1).ok()?)),
                Some(n @ -5..=-1) => by_day.extend(
                    usize::try_from(-n)
                        .ok()
                        .and_then(|back| matching.len().checked_sub(back))
                        .and_then(|i| matching.get(i)),
                ),
                Some(_) => {}
            }
        }
        let set: Vec<i32> = match (self.by_month_day.is_empty(), self.by_day.is_empty()) {
            (true, true) => {
                let d = i32::try_from(first.day()).ok()?;
                if d <= length { vec![d] } else { Vec::new() }
            }
            (false, true) => by_month_day.into_iter().collect(),
            (true, false) => by_day.into_iter().collect(),
            (false, false) => by_month_day.intersection(&by_day).copied().collect(),
        };
        let chosen: Vec<i32> = if self.by_set_pos.is_empty() {
            set
        } else {
            let len = i32::try_from(set.len()).ok()?;
            let picked: BTreeSet<i32> = self
                .by_set_pos
                .iter()
                .filter_map(|&p| {
                    let i = if p > 0 { p - 1 } else { len + p };
                    usize::try_from(i).ok().and_then(|i| set.get(i)).copied()
                })
                .collect();
            picked.into_iter().collect()
        };
        Some(chosen.into_iter().filter_map(day).collect())
    }

    /// The rule's starts from `first` (always the first) whose date is at most `last`, within
    /// `count` and `until`, at most `limit` of them.
    fn rule_starts(&self, first: NaiveDateTime, last: Option<NaiveDate>, limit: usize) -> Vec<NaiveDateTime> {
        let count = self.count.map_or(usize::MAX, |c| usize::try_from(c).unwrap_or(usize::MAX));
        let limit = limit.min(count);
        let last = match (last, self.until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut out = vec![first];
        if limit <= 1 {
            return out;
        }
        let time = first.time();
        self.each_date(first.date(), |date| {
            if last.is_some_and(|l| date > l) || out.len() >= limit {
                return false;
            }
            out.push(date.and_time(time));
            true
        });
        out
    }

    /// The extra dates, with the rule's starts, in order and once each.
    fn with_extra_dates(
        &self,
        mut starts: Vec<NaiveDateTime>,
        within: impl Fn(NaiveDateTime) -> bool,
    ) -> Vec<NaiveDateTime> {
        if !self.extra_dates.is_empty() {
            starts.extend(self.extra_dates.iter().copied().filter(|t| within(*t)));
            starts.sort();
            starts.dedup();
        }
        starts
    }

    /// The wall-clock starts the rule gives from `first` (the event's start, always the first)
    /// and its extra dates, cancelled and moved ones included, in order; at most
    /// [`MAX_OCCURRENCES`] + 1 from the rule, so that a rule with too many (or no end) shows it.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence};
    /// let r = Recurrence { interval: 2, until: "2025-11-10".parse().ok(), ..Recurrence::new(Frequency::Weekly) };
    /// let starts = r.starts("2025-10-13T10:00:00".parse()?);
    /// assert_eq!(starts.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
    ///            ["2025-10-13 10:00:00", "2025-10-27 10:00:00", "2025-11-10 10:00:00"]);
    /// // The 31st of every month: months without one are skipped.
    /// let r = Recurrence { count: Some(3), ..Recurrence::new(Frequency::Monthly) };
    /// let days: Vec<String> = r.starts("2025-01-31T10:00:00".parse()?).iter().map(|t| t.date().to_string()).collect();
    /// assert_eq!(days, ["2025-01-31", "2025-03-31", "2025-05-31"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn starts(&self, first: NaiveDateTime) -> Vec<NaiveDateTime> {
        let starts = self.rule_starts(first, None, MAX_OCCURRENCES + 1);
        self.with_extra_dates(starts, |_| true)
    }

    /// The wall-clock starts (the rule's and the extra dates) whose date is from `from` to `to`,
    /// both included, in order; at most [`MAX_OCCURRENCES`] + 1 of them. Works for a series with
    /// no end too.
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence, Weekday, ByDay};
    /// // The first and third Tuesday of every month, with no end.
    /// let r = Recurrence { by_day: vec![ByDay::nth(1, Weekday::Tuesday), ByDay::nth(3, Weekday::Tuesday)], ..Recurrence::new(Frequency::Monthly) };
    /// let starts = r.starts_within("2025-01-07T09:00:00".parse()?, "2030-06-01".parse()?, "2030-06-30".parse()?);
    /// assert_eq!(starts.iter().map(|t| t.date().to_string()).collect::<Vec<_>>(), ["2030-06-04", "2030-06-18"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn starts_within(&self, first: NaiveDateTime, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDateTime> {
        let count = self.count.map_or(usize::MAX, |c| usize::try_from(c).unwrap_or(usize::MAX));
        let until = self.until.map_or(to, |u| u.min(to));
        let mut out = Vec::new();
        let mut seen = 0_usize;
        if first.date() >= from && first.date() <= until {
            out.push(first);
        }
        seen += 1;
        let time = first.time();
        if count > 1 {
            self.each_date(first.date(), |date| {
                seen += 1;
                if date > until || seen > count || out.len() > MAX_OCCURRENCES {
                    return false;
                }
                if date >= from {
                    out.push(date.and_time(time));
                }
                true
            });
        }
        self.with_extra_dates(out, |t| t.date() >= from && t.date() <= to)
    }

    /// Whether the rule (or an extra date) gives a start at `wall`, however far in a series with no end.
    pub(crate) fn has_start(&self, first: NaiveDateTime, wall: NaiveDateTime) -> bool {
        self.extra_dates.contains(&wall)
            || (wall.time() == first.time() && self.starts_within(first, wall.date(), wall.date()).contains(&wall))
    }

    /// The moved occurrence that replaces the rule's `occurrence`, if any.
    pub(crate) fn moved_for(&self, occurrence: NaiveDateTime) -> Option<&MovedOccurrence> {
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
