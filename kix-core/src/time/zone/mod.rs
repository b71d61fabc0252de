//! Time zones: IANA names, wall-clock conversion with explicit DST
//! disambiguation, real offsets and abbreviations, and the zone labels event
//! pages write ("CET / Geneva", "BTT / Thimphu").
//!
//! kix stores the organiser's wall time and IANA zone and derives instants.
//! Converting a wall time that a DST change skips (a *gap*) or repeats (a
//! *fold*) needs a decision; [`Disambiguation`] names it with the semantics of
//! Temporal and jiff, and [`LocalResolution`] shows both candidates.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use serde::{Deserialize, Serialize};

use crate::country::{name_key, truncate};
use crate::shared::error::Error;
use crate::shared::spelling::spelled;
use crate::shared::violation::{Code, Violation};

/// An IANA time-zone name such as `Asia/Kathmandu`, as written in a document.
///
/// The name is kept as written and checked when it is used, so that a hub
/// with a misspelt zone still loads and its check can report *every* problem
/// (`hub.unknown_time_zone`) instead of stopping at the first.
///
/// ```
/// use kix_core::ZoneId;
/// let zone = ZoneId::from("Asia/Kathmandu");
/// assert_eq!(zone.tz()?.name(), "Asia/Kathmandu");
/// assert!(ZoneId::from("Asia/Atlantis").tz().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ZoneId(String);

impl ZoneId {
    /// The name as written.
    ///
    /// ```
    /// assert_eq!(kix_core::ZoneId::from("Europe/Zurich").as_str(), "Europe/Zurich");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The zone from the tz database, or [`Error::UnknownZone`].
    ///
    /// ```
    /// let tz = kix_core::ZoneId::from("Asia/Yangon").tz()?;
    /// assert_eq!(tz, chrono_tz::Asia::Yangon);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tz(&self) -> Result<Tz, Error> {
        self.0.parse::<Tz>().map_err(|_| Error::UnknownZone(self.0.clone()))
    }
}

impl From<&str> for ZoneId {
    fn from(s: &str) -> Self {
        ZoneId(s.to_owned())
    }
}

impl From<Tz> for ZoneId {
    fn from(tz: Tz) -> Self {
        ZoneId(tz.name().to_owned())
    }
}

impl fmt::Debug for ZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZoneId({})", self.0)
    }
}

impl fmt::Display for ZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "schemas")]
impl schemars::JsonSchema for ZoneId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ZoneId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        schemars::json_schema!({
            "description": "An IANA time-zone name from the tz database, such as \"Asia/Kathmandu\".",
            "type": "string",
            "enum": names,
        })
    }
}

/// The version of the IANA tz database compiled into kix (for example `2025b`).
///
/// ```
/// let v = kix_core::tzdata_version();
/// assert!(v.starts_with("20"), "{v}");
/// ```
#[must_use]
pub fn tzdata_version() -> &'static str {
    chrono_tz::IANA_TZDB_VERSION
}

/// The wall-clock time of an instant in a zone, saturating at the ends of the
/// calendar instead of panicking as chrono's `naive_local` does there.
///
/// ```
/// use chrono::{DateTime, TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// assert_eq!(kix_core::zone::wall_time(t, chrono_tz::Asia::Kathmandu).to_string(), "2024-07-31 16:45:00");
/// let _ = kix_core::zone::wall_time(DateTime::<Utc>::MAX_UTC, chrono_tz::Pacific::Apia); // no panic
/// ```
#[must_use]
pub fn wall_time(t: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    t.naive_utc().checked_add_offset(offset).unwrap_or(if offset.local_minus_utc() > 0 {
        NaiveDateTime::MAX
    } else {
        NaiveDateTime::MIN
    })
}

/// Formats an offset in seconds east of UTC as `+05:45` / `-03:30` / `+00:00`.
///
/// ```
/// use kix_core::zone::format_offset;
/// assert_eq!(format_offset(20_700), "+05:45");
/// assert_eq!(format_offset(-12_600), "-03:30");
/// assert_eq!(format_offset(0), "+00:00");
/// ```
#[must_use]
pub fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if s == 0 { format!("{sign}{h:02}:{m:02}") } else { format!("{sign}{h:02}:{m:02}:{s:02}") }
}

/// How to turn a wall-clock time into an instant when the zone skips or
/// repeats it, as in Temporal and jiff.
///
/// ```
/// use kix_core::Disambiguation;
/// assert_eq!("later".parse::<Disambiguation>()?, Disambiguation::Later);
/// assert_eq!(Disambiguation::default(), Disambiguation::Compatible);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Disambiguation {
    /// In a gap, the later instant (the wall time shifted forward by the gap);
    /// in a fold, the earlier instant. What calendars and Temporal do by default.
    #[default]
    Compatible,
    /// Always the earlier of the two candidate instants.
    Earlier,
    /// Always the later of the two candidate instants.
    Later,
    /// Refuse: `time.nonexistent_local_time` or `time.ambiguous_local_time`.
    Reject,
}

/// What a wall-clock time is in a zone: one instant, a gap (skipped: two
/// candidate instants, neither of which shows this wall time) or a fold
/// (repeated: two instants that both show it).
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::zone::{LocalResolution, resolve_local};
/// let zurich = chrono_tz::Europe::Zurich;
/// // 2024-03-31 02:30 does not exist in Zurich: clocks jump from 02:00 to 03:00.
/// let gap = resolve_local(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(2, 30, 0).unwrap(), zurich);
/// let LocalResolution::Gap { before, after } = gap else { panic!("expected a gap") };
/// assert_eq!(before.to_rfc3339(), "2024-03-31T01:30:00+01:00");
/// assert_eq!(after.to_rfc3339(), "2024-03-31T03:30:00+02:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalResolution {
    /// Exactly one instant shows this wall time.
    Unique(DateTime<Tz>),
    /// The wall time is skipped; `before` is the wall time read with the offset
    /// after the change (so it lands before it), `after` with the offset before.
    Gap {
        /// The earlier candidate.
        before: DateTime<Tz>,
        /// The later candidate (what `compatible` picks).
        after: DateTime<Tz>,
    },
    /// The wall time happens twice.
    Fold {
        /// The first occurrence (what `compatible` picks).
        earlier: DateTime<Tz>,
        /// The second occurrence.
        later: DateTime<Tz>,
    },
}

/// Finds the instant (within 60 hours after `lo`) at which the offset of `tz`
/// changes, by bisection; `None` when it does not change in that window.
fn transition_near(tz: Tz, lo: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc();
    let (mut a, mut b) = (lo, lo.checked_add_signed(Duration::hours(60))?);
    let first = offset_at(a);
    if offset_at(b) == first {
        return None;
    }
    while b - a > Duration::seconds(1) {
        let mid = a + (b - a) / 2;
        if offset_at(mid) == first { a = mid } else { b = mid }
    }
    Some(b)
}

/// Resolves a wall-clock time in a zone, showing gaps and folds.
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::zone::{LocalResolution, resolve_local};
/// let kathmandu = chrono_tz::Asia::Kathmandu;
/// let noon = NaiveDate::from_ymd_opt(2024, 7, 31).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// let LocalResolution::Unique(t) = resolve_local(noon, kathmandu) else { panic!() };
/// assert_eq!(t.to_rfc3339(), "2024-07-31T12:00:00+05:45");
/// ```
#[must_use]
pub fn resolve_local(local: NaiveDateTime, tz: Tz) -> LocalResolution {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => LocalResolution::Unique(t),
        chrono::LocalResult::Ambiguous(a, b) => {
            let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
            LocalResolution::Fold { earlier, later }
        }
        chrono::LocalResult::None => {
            // A gap: find the transition, then read the wall time with the
            // offsets on either side of it.
            let as_utc = Utc.from_utc_datetime(&local);
            // (At the very edges of the calendar, where the arithmetic would
            // overflow, chrono also answers None; that is no gap either.)
            let found = as_utc.checked_sub_signed(Duration::hours(30)).and_then(|lo| transition_near(tz, lo));
            let gap = found.and_then(|at| {
                let before = at.checked_sub_signed(Duration::seconds(1))?;
                let before_off = tz.offset_from_utc_datetime(&before.naive_utc()).fix();
                let after_off = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
                let read_with = |offset: chrono::FixedOffset| {
                    local
                        .checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
                        .map(|t| Utc.from_utc_datetime(&t))
                };
                let (later, earlier) = (read_with(before_off)?, read_with(after_off)?);
                Some(LocalResolution::Gap { before: earlier.with_timezone(&tz), after: later.with_timezone(&tz) })
            });
            // Every gap has a transition within 30 hours; should the tz data
            // ever say otherwise, or the calendar end, read the wall time as
            // UTC rather than fail.
            gap.unwrap_or_else(|| {
                let t = as_utc.with_timezone(&tz);
                LocalResolution::Gap { before: t, after: t }
            })
        }
    }
}

/// Converts a wall-clock time in a zone to an instant under a disambiguation.
/// With [`Disambiguation::Reject`], a gap is `time.nonexistent_local_time` and
/// a fold `time.ambiguous_local_time`, with both candidate instants and
/// offsets in the parameters.
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::{Code, Disambiguation};
/// use kix_core::zone::from_local;
/// let chisinau = chrono_tz::Europe::Chisinau;
/// // Moldova's clocks go back at 03:00 on 2024-10-27: 02:30 happens twice.
/// let t = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// assert_eq!(from_local(t, chisinau, Disambiguation::Compatible)?.to_rfc3339(), "2024-10-27T02:30:00+03:00");
/// assert_eq!(from_local(t, chisinau, Disambiguation::Later)?.to_rfc3339(), "2024-10-27T02:30:00+02:00");
/// let v = from_local(t, chisinau, Disambiguation::Reject).unwrap_err();
/// assert_eq!(v.code, Code::TimeAmbiguousLocalTime);
/// assert_eq!(v.params["earlier_offset"], "+03:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_local(local: NaiveDateTime, tz: Tz, disambiguation: Disambiguation) -> Result<DateTime<Tz>, Violation> {
    match resolve_local(local, tz) {
        LocalResolution::Unique(t) => Ok(t),
        LocalResolution::Gap { before, after } => match disambiguation {
            Disambiguation::Compatible | Disambiguation::Later => Ok(after),
            Disambiguation::Earlier => Ok(before),
            Disambiguation::Reject => Err(candidates(
                Code::TimeNonexistentLocalTime,
                local,
                tz,
                before,
                after,
                "does not exist: the clocks skip it",
            )),
        },
        LocalResolution::Fold { earlier, later } => match disambiguation {
            Disambiguation::Compatible | Disambiguation::Earlier => Ok(earlier),
            Disambiguation::Later => Ok(later),
            Disambiguation::Reject => Err(candidates(
                Code::TimeAmbiguousLocalTime,
                local,
                tz,
                earlier,
                later,
                "happens twice: the clocks go back over it",
            )),
        },
    }
}

fn candidates(
    code: Code,
    local: NaiveDateTime,
    tz: Tz,
    earlier: DateTime<Tz>,
    later: DateTime<Tz>,
    what: &str,
) -> Violation {
    let off = |t: &DateTime<Tz>| format_offset(t.offset().fix().local_minus_utc());
    Violation::new(code, "", format!("{} in {} {what}", local.format("%Y-%m-%d %H:%M"), tz.name()))
        .with_param("local", local)
        .with_param("zone", tz.name())
        .with_param("earlier", earlier.with_timezone(&Utc))
        .with_param("earlier_offset", off(&earlier))
        .with_param("later", later.with_timezone(&Utc))
        .with_param("later_offset", off(&later))
}

// How the enums above are written as words (their serde names), for the bindings.
spelled!(Disambiguation, "disambiguation", "later", {
    Compatible = "compatible",
    Earlier = "earlier",
    Later = "later",
    Reject = "reject",
});

mod abbreviations;
mod labels;
mod steps;
pub use abbreviations::*;
pub use labels::*;
pub use steps::*;

#[cfg(test)]
mod tests;
