//! Series rules: daily or weekly, every `interval` days or weeks, on some weekdays, for a
//! `count` of occurrences or `until` a date, minus cancelled occurrences (`exceptions`) and
//! with some occurrences moved (`moved`). The rule runs on the organiser's wall clock: a
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
