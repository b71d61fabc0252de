//! The project timeline: phases, month indices, project years and quarters.
//!
//! KIX EMAP phase 1 is the 45-month grant from 2020-04-01 to 2023-12-31; the
//! extension (KIX EMAP, launched 2023-09-28) runs through 2027-12-31. Months,
//! years and quarters are counted from the start month of the phase a date
//! belongs to, so 2020-04-01 is month 1 of phase 1 and 2023-12-31 is month 45.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::shared::violation::{Code, Violation};

/// A phase of the project, with both ends inclusive.
///
/// ```
/// use chrono::NaiveDate;
/// let hub = kix_core::emap();
/// let phase1 = &hub.timeline.phases[0];
/// assert_eq!(phase1.month_count(), 45);
/// assert!(phase1.contains(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Short id, e.g. `phase-1`.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Where the dates come from, and anything uncertain about them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Phase {
    /// Whether the date lies in the phase (both ends inclusive).
    ///
    /// ```
    /// let ext = &kix_core::emap().timeline.phases[1];
    /// assert!(ext.contains(chrono::NaiveDate::from_ymd_opt(2024, 7, 31).unwrap()));
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The number of calendar months the phase touches (45 for phase 1).
    ///
    /// ```
    /// assert_eq!(kix_core::emap().timeline.phases[0].month_count(), 45);
    /// ```
    #[must_use]
    pub fn month_count(&self) -> u32 {
        months_between(self.start, self.end).map_or(0, |m| m + 1)
    }
}

/// Calendar months from `from`'s month to `to`'s month (0 for the same month),
/// or `None` when `to` is earlier.
fn months_between(from: NaiveDate, to: NaiveDate) -> Option<u32> {
    let a = i64::from(from.year()) * 12 + i64::from(from.month0());
    let b = i64::from(to.year()) * 12 + i64::from(to.month0());
    u32::try_from(b - a).ok()
}

/// Where a date sits in the project.
///
/// ```
/// use chrono::NaiveDate;
/// let pos = kix_core::emap().timeline.position(NaiveDate::from_ymd_opt(2021, 3, 31).unwrap())?;
/// assert_eq!(pos.phase, "phase-1");
/// assert_eq!((pos.month_index, pos.project_year, pos.quarter), (12, 1, 4));
/// assert_eq!((pos.months_elapsed, pos.months_remaining), (11, 33));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimelinePosition {
    /// The date asked about.
    pub date: NaiveDate,
    /// The id of the phase the date belongs to.
    pub phase: String,
    /// The month of the phase, from 1 (the phase's first calendar month).
    pub month_index: u32,
    /// How many months the phase has.
    pub month_count: u32,
    /// The year of the phase, from 1: twelve months from the phase's first month
    /// (phase 1: year 1 is April 2020 to March 2021; year 4 is April to December 2023, 9 months).
    pub project_year: u32,
    /// The quarter of the phase, from 1: three months from the phase's first month.
    pub quarter: u32,
    /// Whole months of the phase before this date's month.
    pub months_elapsed: u32,
    /// Months of the phase after this date's month.
    pub months_remaining: u32,
}

/// The project's phases, in order. The first is the founding grant period.
///
/// ```
/// use chrono::NaiveDate;
/// let t = &kix_core::emap().timeline;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(t.month_index(d(2020, 4, 1))?, 1);
/// assert_eq!(t.month_index(d(2023, 12, 31))?, 45);
/// assert_eq!(t.phase_of(d(2024, 7, 31))?.id, "extension");
/// assert_eq!(t.phase_of(d(2019, 12, 31)).unwrap_err().code, kix_core::Code::TimelineOutsideProject);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// The phases, in order of their start.
    pub phases: Vec<Phase>,
}

impl Timeline {
    /// Every phase that contains the date (phases may overlap: the extension
    /// was launched in September 2023 while phase 1 ran to December).
    ///
    /// ```
    /// let t = &kix_core::emap().timeline;
    /// let oct_2023 = chrono::NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
    /// assert_eq!(t.phases_on(oct_2023).len(), 2);
    /// ```
    pub fn phases_on(&self, date: NaiveDate) -> Vec<&Phase> {
        self.phases.iter().filter(|p| p.contains(date)).collect()
    }

    /// The phase a date belongs to: where phases overlap, the one that started
    /// first (its grant still runs). A date outside every phase is a
    /// `timeline.outside_project` violation.
    ///
    /// ```
    /// let t = &kix_core::emap().timeline;
    /// let oct_2023 = chrono::NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
    /// assert_eq!(t.phase_of(oct_2023)?.id, "phase-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn phase_of(&self, date: NaiveDate) -> Result<&Phase, Violation> {
        self.phases
            .iter()
            .filter(|p| p.contains(date))
            .min_by_key(|p| p.start)
            .ok_or_else(|| self.outside(date, "date"))
    }

    /// The start of the first phase and the end of the last, if there are phases.
    ///
    /// ```
    /// let (start, end) = kix_core::emap().timeline.span().unwrap();
    /// assert_eq!(start.to_string(), "2020-04-01");
    /// assert_eq!(end.to_string(), "2027-12-31");
    /// ```
    #[must_use]
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.phases.iter().map(|p| p.start).min()?;
        let end = self.phases.iter().map(|p| p.end).max()?;
        Some((start, end))
    }

    /// Whether every day from `from` to `to` (inclusive) lies in some phase.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let t = &kix_core::emap().timeline;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(t.covers(d(2023, 11, 1), d(2024, 2, 1)));
    /// assert!(!t.covers(d(2027, 12, 1), d(2028, 1, 31)));
    /// ```
    #[must_use]
    pub fn covers(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let mut reached = from;
        // Walk the phases in start order, extending the covered stretch.
        let mut phases: Vec<&Phase> = self.phases.iter().collect();
        phases.sort_by_key(|p| p.start);
        for p in phases {
            if p.start <= reached && p.end >= reached {
                if p.end >= to {
                    return true;
                }
                match p.end.succ_opt() {
                    Some(next) => reached = next,
                    None => return true,
                }
            }
        }
        false
    }

    /// The full position of a date in its phase.
    ///
    /// ```
    /// let t = &kix_core::emap().timeline;
    /// let pos = t.position(chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap())?;
    /// assert_eq!((pos.month_index, pos.project_year, pos.quarter, pos.months_remaining), (45, 4, 15, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn position(&self, date: NaiveDate) -> Result<TimelinePosition, Violation> {
        let phase = self.phase_of(date)?;
        let elapsed = months_between(phase.start, date).unwrap_or(0);
        let count = phase.month_count();
        Ok(TimelinePosition {
            date,
            phase: phase.id.clone(),
            month_index: elapsed + 1,
            month_count: count,
            project_year: elapsed / 12 + 1,
            quarter: elapsed / 3 + 1,
            months_elapsed: elapsed,
            months_remaining: count.saturating_sub(elapsed + 1),
        })
    }

    /// The month of the date's phase, from 1.
    ///
    /// ```
    /// let t = &kix_core::emap().timeline;
    /// assert_eq!(t.month_index(chrono::NaiveDate::from_ymd_opt(2020, 9, 7).unwrap())?, 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn month_index(&self, date: NaiveDate) -> Result<u32, Violation> {
        Ok(self.position(date)?.month_index)
    }

    /// The project year of the date's phase, from 1 (phase 1: April to March).
    ///
    /// ```
    /// let t = &kix_core::emap().timeline;
    /// assert_eq!(t.project_year(chrono::NaiveDate::from_ymd_opt(2021, 4, 1).unwrap())?, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn project_year(&self, date: NaiveDate) -> Result<u32, Violation> {
        Ok(self.position(date)?.project_year)
    }

    /// The quarter of the date's phase, from 1 (phase 1 has 15).
    ///
    /// ```
    /// let t = &kix_core::emap().timeline;
    /// assert_eq!(t.quarter(chrono::NaiveDate::from_ymd_opt(2020, 7, 20).unwrap())?, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarter(&self, date: NaiveDate) -> Result<u32, Violation> {
        Ok(self.position(date)?.quarter)
    }

    fn outside(&self, date: NaiveDate, path: &str) -> Violation {
        let mut v = Violation::new(
            Code::TimelineOutsideProject,
            path,
            format!("{date} lies outside every phase of the project"),
        )
        .with_param("date", date);
        if let Some((start, end)) = self.span() {
            v = v.with_param("project_start", start).with_param("project_end", end);
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn timeline() -> Timeline {
        crate::emap().timeline.clone()
    }

    #[test]
    fn the_45_month_grant_runs_from_april_2020_to_december_2023() {
        let t = timeline();
        assert_eq!(t.month_index(d(2020, 4, 1)).unwrap(), 1);
        assert_eq!(t.month_index(d(2020, 4, 30)).unwrap(), 1);
        assert_eq!(t.month_index(d(2020, 5, 1)).unwrap(), 2);
        assert_eq!(t.month_index(d(2023, 12, 31)).unwrap(), 45);
        assert_eq!(t.phases[0].month_count(), 45);
    }

    #[test]
    fn project_years_run_april_to_march_and_the_fourth_has_nine_months() {
        let t = timeline();
        assert_eq!(t.project_year(d(2021, 3, 31)).unwrap(), 1);
        assert_eq!(t.project_year(d(2021, 4, 1)).unwrap(), 2);
        assert_eq!(t.project_year(d(2023, 4, 1)).unwrap(), 4);
        assert_eq!(t.project_year(d(2023, 12, 31)).unwrap(), 4);
        let year4: Vec<u32> = (1..=12)
            .filter_map(|m| t.position(d(2023, m, 1)).ok())
            .filter(|p| p.project_year == 4 && p.phase == "phase-1")
            .map(|p| p.month_index)
            .collect();
        assert_eq!(year4.len(), 9);
    }

    #[test]
    fn quarters_count_three_months_from_april_2020() {
        let t = timeline();
        assert_eq!(t.quarter(d(2020, 6, 30)).unwrap(), 1);
        assert_eq!(t.quarter(d(2020, 7, 1)).unwrap(), 2);
        assert_eq!(t.quarter(d(2023, 12, 31)).unwrap(), 15);
    }

    #[test]
    fn the_webinar_of_july_2024_is_in_the_extension_not_rejected() {
        let t = timeline();
        let pos = t.position(d(2024, 7, 31)).unwrap();
        assert_eq!(pos.phase, "extension");
        assert_eq!(pos.month_index, 11, "September 2023 is the extension's first month");
    }

    #[test]
    fn dates_outside_every_phase_are_violations_not_panics() {
        let t = timeline();
        for date in [d(2020, 3, 31), d(2028, 1, 1), NaiveDate::MIN, NaiveDate::MAX] {
            let v = t.position(date).unwrap_err();
            assert_eq!(v.code, Code::TimelineOutsideProject);
            assert_eq!(v.params["date"], serde_json::json!(date));
        }
        let empty = Timeline { phases: vec![] };
        assert_eq!(empty.phase_of(d(2021, 1, 1)).unwrap_err().code, Code::TimelineOutsideProject);
    }

    proptest! {
        #[test]
        fn every_day_of_phase_1_has_a_month_index_in_1_to_45_that_grows_with_the_date(a in 0u32..1370, b in 0u32..1370) {
            let t = timeline();
            let start = d(2020, 4, 1);
            let (da, db) = (start + chrono::Days::new(u64::from(a.min(b))), start + chrono::Days::new(u64::from(a.max(b))));
            prop_assume!(db <= d(2023, 12, 31));
            let (ma, mb) = (t.month_index(da).unwrap(), t.month_index(db).unwrap());
            prop_assert!((1..=45).contains(&ma) && (1..=45).contains(&mb));
            prop_assert!(ma <= mb);
            // Against a count made independently: whole months since April 2020.
            let by_hand = (da.year() - 2020) * 12 + da.month() as i32 - 4 + 1;
            prop_assert_eq!(i64::from(ma), i64::from(by_hand));
        }
    }
}
