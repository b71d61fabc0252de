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
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::country::{name_key, truncate};
use crate::error::Error;
use crate::violation::{Code, Violation};

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

impl JsonSchema for ZoneId {
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

/// A zone's offset and abbreviation over time, found a year at a time (from 1970 to 2100) the
/// first time an instant of that year is asked for: for tables over many events, one short
/// search per instant instead of a tz lookup, as pandas keeps a zone's transitions for
/// `tz_convert`. A year's changes of offset or abbreviation are found as [`OffsetSteps`] finds
/// a span's (see [`changes`]). Instants outside those years are for the caller to look up.
#[derive(Debug, Clone)]
pub(crate) struct ZoneYears {
    tz: Tz,
    /// The abbreviations in common use by offset (see [`common_abbreviations`]).
    common: Vec<(i32, Abbreviation)>,
    years: Vec<OnceLock<Vec<ZoneStep>>>,
}

/// From `from` (a UTC second) on, the zone's offset and abbreviation.
#[derive(Debug, Clone, Copy)]
struct ZoneStep {
    from: i64,
    offset: i32,
    abbreviation: Abbreviation,
}

/// The length of a "year" of [`ZoneYears`] (365.25 days: only a span of time, not a calendar year),
/// and how many of them from 1970.
const ZONE_YEAR: (i64, usize) = (31_557_600, 131);

impl ZoneYears {
    pub(crate) fn new(tz: Tz) -> Self {
        ZoneYears { tz, common: common_abbreviations(tz), years: (0..ZONE_YEAR.1).map(|_| OnceLock::new()).collect() }
    }

    /// The offset (seconds east of UTC) and abbreviation at UTC second `start`, and the offset
    /// at `end`: the same step's when no change lies between them, as for most events.
    /// `None` outside the years.
    pub(crate) fn at_both(&self, start: i64, end: i64) -> Option<((i32, Abbreviation), i32)> {
        let (step, until) = self.step(start)?;
        let end_offset = if (step.from..until).contains(&end) { step.offset } else { self.step(end)?.0.offset };
        Some(((step.offset, step.abbreviation), end_offset))
    }

    /// The step holding a UTC second, and the second its successor starts (or its year ends).
    fn step(&self, s: i64) -> Option<(ZoneStep, i64)> {
        let year = usize::try_from(s.div_euclid(ZONE_YEAR.0)).ok()?;
        let steps = self.years.get(year)?.get_or_init(|| self.steps(year as i64 * ZONE_YEAR.0));
        let i = steps.partition_point(|step| step.from <= s);
        let until = steps.get(i).map_or((year as i64 + 1) * ZONE_YEAR.0, |next| next.from);
        steps.get(i.checked_sub(1)?).map(|&step| (step, until))
    }

    /// The steps of the year from UTC second `lo`.
    fn steps(&self, lo: i64) -> Vec<ZoneStep> {
        let hi = lo + ZONE_YEAR.0;
        let lookup = |s: i64| DateTime::from_timestamp(s, 0).map(|t| self.tz.offset_from_utc_datetime(&t.naive_utc()));
        // What a step is told apart by: the offset and the tz database's name for it.
        let key = |s: i64| lookup(s).map(|o| (o.fix().local_minus_utc(), o.abbreviation().map(Abbreviation::new)));
        let step = |from: i64| {
            lookup(from).map(|o| ZoneStep {
                from,
                offset: o.fix().local_minus_utc(),
                abbreviation: abbreviation_with(&o, |seconds| {
                    self.common.iter().find(|(at, _)| *at == seconds).map(|(_, a)| *a)
                }),
            })
        };
        changes(lo, hi, key).into_iter().filter_map(step).collect()
    }
}

/// Where `key` changes over the UTC seconds `lo..hi`: `lo`, then the first second of each new
/// value. Probed every 6 hours (no two transitions of the tz database are that close) and each
/// change bisected to the second.
fn changes<K: PartialEq>(lo: i64, hi: i64, key: impl Fn(i64) -> K) -> Vec<i64> {
    let mut starts = vec![lo];
    let (mut t, mut current) = (lo, key(lo));
    while t < hi {
        let next = (t + 6 * 3600).min(hi);
        if key(next) == current {
            t = next;
            continue;
        }
        let (mut a, mut b) = (t, next);
        while b - a > 1 {
            let mid = a + (b - a) / 2;
            if key(mid) == current { a = mid } else { b = mid }
        }
        starts.push(b);
        (t, current) = (b, key(b));
    }
    starts
}

/// Local wall-clock times for many instants at once, as seconds since
/// 1970-01-01 00:00 *local* (so a column of them reads as naive local
/// datetimes in any dataframe library). Instants outside chrono's range come
/// back unchanged rather than failing.
///
/// ```
/// let kathmandu = chrono_tz::Asia::Kathmandu;
/// let utc = [1_722_423_600_i64]; // 2024-07-31T11:00:00Z
/// let local = kix_core::zone::local_wall_seconds(kathmandu, &utc);
/// assert_eq!(local[0] - utc[0], 5 * 3600 + 45 * 60);
/// ```
#[must_use]
pub fn local_wall_seconds(tz: Tz, instants: &[i64]) -> Vec<i64> {
    let direct = |s: i64| offset_seconds(tz, s).map_or(s, |o| s + o);
    let Some(steps) = OffsetSteps::covering(tz, instants.iter().copied(), instants.len()) else {
        return instants.iter().map(|&s| direct(s)).collect();
    };
    instants.iter().map(|&s| steps.offset(s).map_or_else(|| direct(s), |o| s + o)).collect()
}

/// The offset of `tz` at a UNIX second, if chrono can represent the instant.
fn offset_seconds(tz: Tz, s: i64) -> Option<i64> {
    let t = DateTime::from_timestamp(s, 0)?;
    Some(i64::from(tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()))
}

/// A zone's offset as a step function over a span of UTC seconds: for a column, one
/// binary search per value instead of a tz lookup.
struct OffsetSteps {
    /// (first UTC second, offset from then on), in order.
    steps: Vec<(i64, i64)>,
    lo: i64,
    hi: i64,
}

impl OffsetSteps {
    /// The steps over the span of `seconds` widened by `margin` on both sides, when a
    /// table pays (more than 64 values, at most two centuries).
    fn covering(tz: Tz, seconds: impl Iterator<Item = i64>, count: usize) -> Option<Self> {
        Self::covering_with(tz, seconds, count, 0)
    }

    fn covering_with(tz: Tz, seconds: impl Iterator<Item = i64>, count: usize, margin: i64) -> Option<Self> {
        let (min_ts, max_ts) = (DateTime::<Utc>::MIN_UTC.timestamp(), DateTime::<Utc>::MAX_UTC.timestamp());
        let mut span: Option<(i64, i64)> = None;
        for s in seconds.filter(|s| (min_ts + margin..=max_ts - margin).contains(s)) {
            span = Some(span.map_or((s, s), |(lo, hi)| (lo.min(s), hi.max(s))));
        }
        let (lo, hi) = span.filter(|_| count > 64)?;
        let (lo, hi) = (lo - margin, hi + margin);
        // Over more than two centuries a table would cost more than it saves.
        if hi - lo > 200 * 366 * 86_400 {
            return None;
        }
        // The span is inside chrono's range: every second has an offset.
        let offset_at = |s: i64| offset_seconds(tz, s).unwrap_or(0);
        let steps = changes(lo, hi, offset_at).into_iter().map(|from| (from, offset_at(from))).collect();
        Some(OffsetSteps { steps, lo, hi })
    }

    /// The offset at a UTC second inside the span.
    fn offset(&self, s: i64) -> Option<i64> {
        if s < self.lo || s > self.hi {
            return None;
        }
        let i = self.steps.partition_point(|&(from, _)| from <= s);
        self.steps.get(i.checked_sub(1)?).map(|&(_, o)| o)
    }

    /// The one UTC second that shows wall second `w`, when exactly one does and the table
    /// covers it; `None` for a gap, a fold or the edges (the caller resolves those one by one).
    fn unique_instant(&self, w: i64) -> Option<i64> {
        // Segment k shows the walls [from_k + off_k, from_(k+1) + off_k).
        let k = self.steps.partition_point(|&(from, off)| from + off <= w).checked_sub(1)?;
        let &(from, off) = self.steps.get(k)?;
        let utc = w - off;
        let next_from = self.steps.get(k + 1).map_or(self.hi, |s| s.0);
        let inside = utc >= from && utc < next_from && utc >= self.lo && utc <= self.hi;
        // A fold: the segment before also shows `w`.
        let folded = k > 0 && self.steps.get(k - 1).is_some_and(|&(_, prev)| w < from + prev);
        (inside && !folded).then_some(utc)
    }

    /// Whether each segment starts later in wall time than the one before (true of every
    /// zone but across the largest jumps; otherwise the column is resolved one by one).
    fn walls_increase(&self) -> bool {
        self.steps.windows(2).all(|p| matches!(p, [(a, oa), (b, ob)] if b + ob > a + oa))
    }
}

/// Instants of many wall-clock times in one zone, column-wise: nanoseconds since
/// 1970-01-01 00:00 *local* in, nanoseconds since the UNIX epoch out, each resolved as
/// [`from_local`] resolves it (gaps and folds under `disambiguation`). The rows that cannot
/// be resolved (a gap or fold under `reject`, a time outside the calendar) come back as
/// `i64::MIN` in the column and, with their position and violation, in the second list.
/// One binary search per value in a table of the zone's offsets.
///
/// ```
/// use kix_core::{Code, Disambiguation};
/// let zurich = chrono_tz::Europe::Zurich;
/// let noon = 1_722_427_200 * 1_000_000_000_i64; // 2024-07-31 12:00 as a wall time
/// let gap = 1_711_852_200 * 1_000_000_000_i64; // 2024-03-31 02:30, skipped in Zurich
/// let (instants, refused) = kix_core::zone::from_local_nanos(zurich, &[noon, gap], Disambiguation::Reject);
/// assert_eq!(instants, [noon - 2 * 3600 * 1_000_000_000, i64::MIN]);
/// assert_eq!((refused[0].0, refused[0].1.code), (1, Code::TimeNonexistentLocalTime));
/// ```
#[must_use]
pub fn from_local_nanos(tz: Tz, walls: &[i64], disambiguation: Disambiguation) -> (Vec<i64>, Vec<(usize, Violation)>) {
    const NANOS: i64 = 1_000_000_000;
    let one = |w: i64| -> Result<i64, Violation> {
        let (s, frac) = (w.div_euclid(NANOS), w.rem_euclid(NANOS));
        let out_of_range = || {
            Violation::new(Code::TimeUnparseable, "", "a wall time outside the calendar kix can hold")
                .with_param("local", w)
        };
        let naive = DateTime::from_timestamp(s, 0).ok_or_else(out_of_range)?.naive_utc();
        let t = from_local(naive, tz, disambiguation)?;
        t.timestamp().checked_mul(NANOS).and_then(|t| t.checked_add(frac)).ok_or_else(out_of_range)
    };
    let seconds = walls.iter().map(|w| w.div_euclid(NANOS));
    let steps = OffsetSteps::covering_with(tz, seconds, walls.len(), 2 * 86_400).filter(OffsetSteps::walls_increase);
    let mut refused = Vec::new();
    let mut resolve = |i: usize, w: i64| match one(w) {
        Ok(t) => t,
        Err(v) => {
            refused.push((i, v));
            i64::MIN
        }
    };
    let instants = match steps {
        None => walls.iter().enumerate().map(|(i, &w)| resolve(i, w)).collect(),
        Some(steps) => walls
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let (s, frac) = (w.div_euclid(NANOS), w.rem_euclid(NANOS));
                match steps.unique_instant(s).and_then(|u| u.checked_mul(NANOS)?.checked_add(frac)) {
                    Some(utc) => utc,
                    None => resolve(i, w),
                }
            })
            .collect(),
    };
    (instants, refused)
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
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

/// A time-zone abbreviation such as `CEST` or `NPT`, stored inline (no allocation).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use kix_core::zone::abbreviation;
/// let july = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// assert_eq!(abbreviation(chrono_tz::Europe::Zurich, july).as_str(), "CEST");
/// assert_eq!(abbreviation(chrono_tz::Asia::Kathmandu, july).as_str(), "NPT");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Abbreviation {
    bytes: [u8; 8],
    len: u8,
}

impl Abbreviation {
    fn new(s: &str) -> Self {
        let mut bytes = [0u8; 8];
        let mut len = 0;
        // Cut at a character boundary within 8 bytes (abbreviations are ASCII).
        for (i, c) in s.char_indices() {
            let end = i + c.len_utf8();
            if end > 8 {
                break;
            }
            len = end;
        }
        if let (Some(dst), Some(src)) = (bytes.get_mut(..len), s.as_bytes().get(..len)) {
            dst.copy_from_slice(src);
        }
        Abbreviation { bytes, len: u8::try_from(len).unwrap_or(0) }
    }

    /// The text, e.g. `CEST`.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let t = Utc.with_ymd_and_hms(2024, 1, 15, 12, 0, 0).unwrap();
    /// assert_eq!(kix_core::zone::abbreviation(chrono_tz::Europe::Chisinau, t).as_str(), "EET");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.bytes.get(..usize::from(self.len)).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl fmt::Debug for Abbreviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Abbreviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Abbreviation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Abbreviation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Abbreviation::new(&s))
    }
}

impl JsonSchema for Abbreviation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Abbreviation".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A time-zone abbreviation such as \"CEST\" or \"NPT\", or a numeric one such as \"+05\".",
            "type": "string",
            "maxLength": 8,
        })
    }
}

/// The abbreviation of a zone at an instant: the tz database's own when it has
/// letters (`CEST`, `PKT`), else the one in common use for that zone and
/// offset (`NPT` for Kathmandu, `BTT` for Thimphu), else the numeric form
/// the tz database uses (`+06`).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use kix_core::zone::abbreviation;
/// let t = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// assert_eq!(abbreviation(chrono_tz::Asia::Yangon, t).as_str(), "MMT");
/// assert_eq!(abbreviation(chrono_tz::Asia::Thimphu, t).as_str(), "BTT");
/// assert_eq!(abbreviation(chrono_tz::Asia::Dhaka, t).as_str(), "+06");
/// ```
#[must_use]
pub fn abbreviation(tz: Tz, at: DateTime<Utc>) -> Abbreviation {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    abbreviation_of(tz, &offset)
}

fn abbreviation_of(tz: Tz, offset: &<Tz as TimeZone>::Offset) -> Abbreviation {
    abbreviation_with(offset, |seconds| tables().by_zone.get(&(tz, seconds)).copied())
}

/// The abbreviations in common use for a zone, by offset (for zones the tz
/// database gives numbers), so that tables over many instants hash nothing.
pub(crate) fn common_abbreviations(tz: Tz) -> Vec<(i32, Abbreviation)> {
    tables().by_zone.iter().filter(|((z, _), _)| *z == tz).map(|((_, seconds), a)| (*seconds, *a)).collect()
}

/// The tz database's lettered abbreviation, else `common(offset)`, else the numeric form.
pub(crate) fn abbreviation_with(
    offset: &<Tz as TimeZone>::Offset,
    common: impl Fn(i32) -> Option<Abbreviation>,
) -> Abbreviation {
    match offset.abbreviation() {
        Some(name) if name.starts_with(|c: char| c.is_ascii_alphabetic()) => Abbreviation::new(name),
        numeric => {
            let seconds = offset.fix().local_minus_utc();
            match (common(seconds), numeric) {
                (Some(abbr), _) => abbr,
                (None, Some(name)) => Abbreviation::new(name),
                (None, None) => numeric_abbreviation(seconds),
            }
        }
    }
}

/// The tz database's numeric form: `+06`, `+0545`, `-0330`.
fn numeric_abbreviation(seconds: i32) -> Abbreviation {
    let abs = seconds.unsigned_abs();
    let (h, m) = (abs / 3600, abs % 3600 / 60);
    let digit = |d: u32| b'0' + u8::try_from(d % 10).unwrap_or(0);
    let mut bytes = [0u8; 8];
    bytes[0] = if seconds < 0 { b'-' } else { b'+' };
    bytes[1] = digit(h / 10);
    bytes[2] = digit(h);
    let len = if m == 0 {
        3
    } else {
        bytes[3] = digit(m / 10);
        bytes[4] = digit(m);
        5
    };
    Abbreviation { bytes, len }
}

/// The real offset and abbreviation of a zone at an instant, and whether it is daylight-saving time.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// let info = kix_core::zone::offset_info(chrono_tz::Europe::Zurich, t);
/// assert_eq!((info.offset_seconds, info.abbreviation.as_str(), info.dst), (7200, "CEST", true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetInfo {
    /// Seconds east of UTC.
    pub offset_seconds: i32,
    /// Abbreviation as [`abbreviation`] gives it.
    pub abbreviation: Abbreviation,
    /// Whether daylight-saving time is in force.
    pub dst: bool,
}

/// See [`OffsetInfo`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2024, 1, 31, 11, 0, 0).unwrap();
/// assert_eq!(kix_core::zone::offset_info(chrono_tz::Asia::Kabul, t).offset_seconds, 16_200);
/// ```
#[must_use]
pub fn offset_info(tz: Tz, at: DateTime<Utc>) -> OffsetInfo {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    OffsetInfo {
        offset_seconds: offset.fix().local_minus_utc(),
        abbreviation: abbreviation_of(tz, &offset),
        dst: offset.dst_offset() != Duration::zero(),
    }
}

#[derive(Deserialize)]
struct ZonesFile {
    #[allow(dead_code)]
    note: String,
    abbreviations: Vec<AbbreviationEntry>,
    cities: HashMap<String, String>,
    links: HashMap<String, String>,
}

#[derive(Deserialize)]
struct AbbreviationEntry {
    abbreviation: String,
    offset: String,
    #[allow(dead_code)]
    dst: bool,
    /// `tzdb` when the tz database writes it for these zones, `common` when it
    /// writes a number there (checked by `the_zone_tables_are_valid`).
    #[allow(dead_code)]
    source: String,
    zones: Vec<String>,
    /// Whether [`abbreviation`] may show it for these zones instead of the tz
    /// database's number (not "BST" for Dhaka: that reads as London's).
    #[serde(default = "yes")]
    display: bool,
    #[allow(dead_code)]
    #[serde(default)]
    note: Option<String>,
}

fn yes() -> bool {
    true
}

/// `country_zones.json`, generated from the tz database's `zone.tab`.
#[derive(Deserialize)]
struct CountryZonesFile {
    #[allow(dead_code)]
    note: String,
    #[allow(dead_code)]
    tzdata_version: String,
    #[allow(dead_code)]
    source: String,
    countries: HashMap<String, CountryZonesEntry>,
}

#[derive(Deserialize)]
struct CountryZonesEntry {
    zones: Vec<String>,
    #[serde(default)]
    one_clock: bool,
}

/// One meaning of an abbreviation in a label: its offset and the zones that
/// use it, the first being the one a label with no place means.
#[derive(Debug, Clone)]
struct LabelAbbreviation {
    offset_seconds: i32,
    zones: Vec<Tz>,
}

/// A country's zones, from `zone.tab`; `one_clock` when they have agreed
/// since 2000, so that the country's name alone is a zone label.
#[derive(Debug, Clone)]
struct CountryZones {
    zones: Vec<Tz>,
    one_clock: bool,
}

struct Tables {
    /// Lower-case IANA name (with a '/', or UTC) -> canonical zone.
    iana: HashMap<String, Tz>,
    /// City key (see `name_key`) -> zone.
    cities: HashMap<String, Tz>,
    /// Abbreviation as written -> its meanings (several for IST, CST, ...).
    abbreviations: HashMap<String, Vec<LabelAbbreviation>>,
    /// (zone, offset) -> common abbreviation, for zones the tz database gives numbers.
    by_zone: HashMap<(Tz, i32), Abbreviation>,
    /// ISO alpha-2 code -> the country's zones.
    countries: HashMap<String, CountryZones>,
    /// Zone -> its country in `zone.tab`.
    zone_country: HashMap<Tz, String>,
    /// Stem of an adjective naming a zone's time ("женевск" of "по женевскому времени") -> zone.
    adjectives: HashMap<String, Tz>,
}

/// `+05:45`, `+5:45`, `+5.45`, `+0545`, `+6`, `-03:30`, `−5` as seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, text.get(1..)?),
        b'-' | 0xE2 => (-1, text.trim_start_matches(['-', '−'])),
        _ => return None,
    };
    if rest.len() > 5 || rest.starts_with(['-', '−']) {
        return None;
    }
    let (h, m) = match rest.split_once([':', '.']) {
        Some(parts) => parts,
        None if rest.len() == 4 => (rest.get(..2)?, rest.get(2..)?),
        None => (rest, "0"),
    };
    if h.is_empty() || m.is_empty() || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Checked by the test suite (`zone::tests::the_zone_tables_are_valid`);
        // an unreadable table would leave labels unresolved, never panic.
        let file: Option<ZonesFile> = serde_json::from_str(include_str!("../data/zones.json")).ok();
        let parse = |name: &str| name.parse::<Tz>().ok();
        let mut iana = HashMap::new();
        let mut cities = HashMap::new();
        for tz in chrono_tz::TZ_VARIANTS {
            let name = tz.name();
            if name.contains('/') {
                iana.insert(name.to_ascii_lowercase(), tz);
                let last = name.rsplit('/').next().unwrap_or(name);
                if !name.starts_with("Etc/") {
                    cities.entry(name_key(last)).or_insert(tz);
                }
            }
        }
        let mut abbreviations: HashMap<String, Vec<LabelAbbreviation>> = HashMap::new();
        let mut by_zone = HashMap::new();
        let mut countries = HashMap::new();
        let mut zone_country = HashMap::new();
        let country_file: Option<CountryZonesFile> =
            serde_json::from_str(include_str!("../data/country_zones.json")).ok();
        for (code, entry) in country_file.map(|f| f.countries).into_iter().flatten() {
            let zones: Vec<Tz> = entry.zones.iter().filter_map(|z| parse(z)).collect();
            for z in &zones {
                zone_country.entry(*z).or_insert_with(|| code.clone());
            }
            if !zones.is_empty() {
                countries.insert(code, CountryZones { zones, one_clock: entry.one_clock });
            }
        }
        if let Some(file) = file {
            for (link, target) in &file.links {
                if let Some(tz) = parse(target) {
                    iana.insert(link.to_ascii_lowercase(), tz);
                }
            }
            // Link names map to their current zone, also as cities ("Katmandu").
            for (name, target) in &file.cities {
                if let Some(tz) = parse(target) {
                    cities.insert(name_key(name), tz);
                }
            }
            for entry in &file.abbreviations {
                let zones: Vec<Tz> = entry.zones.iter().filter_map(|z| parse(z)).collect();
                let Some(offset) = parse_offset(&entry.offset).filter(|_| !zones.is_empty()) else {
                    continue;
                };
                let abbreviation = Abbreviation::new(&entry.abbreviation);
                if entry.display {
                    for z in &zones {
                        by_zone.entry((*z, offset)).or_insert(abbreviation);
                    }
                }
                abbreviations
                    .entry(entry.abbreviation.clone())
                    .or_default()
                    .push(LabelAbbreviation { offset_seconds: offset, zones });
            }
        }
        // The hub's cities in the languages listings are read in (CLDR's exemplar
        // cities and the hub's own names: "Женева", "Genève", "جنيف").
        let words = crate::format::words();
        for (zone, names) in &words.cities {
            if let Some(tz) = parse(zone) {
                for name in names.values() {
                    cities.entry(name_key(name)).or_insert(tz);
                }
            }
        }
        let mut adjectives = HashMap::new();
        for (zone, names) in words.adjectives.values().flatten() {
            if let Some(tz) = parse(zone) {
                for name in names {
                    adjectives.insert(adjective_stem(name), tz);
                }
            }
        }
        iana.insert("utc".into(), chrono_tz::Etc::UTC);
        Tables { iana, cities, abbreviations, by_zone, countries, zone_country, adjectives }
    })
}

/// What a zone label such as `"CET / Geneva"` says.
///
/// ```
/// let label = kix_core::zone::parse_zone_label("CET / Geneva")?;
/// assert_eq!(label.zone.as_str(), "Europe/Zurich");
/// assert_eq!(label.abbreviation.as_deref(), Some("CET"));
/// assert_eq!(label.abbreviation_offset.as_deref(), Some("+01:00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ZoneLabel {
    /// The label as given.
    pub label: String,
    /// The IANA zone it means: a city's, IANA name's or one-zone country's
    /// zone, else the abbreviation's. For a fixed offset, `Etc/GMT∓N` when it
    /// is whole hours, else `Etc/UTC` (no IANA zone has `+05:30` as a fixed
    /// offset): then `fixed_offset` decides.
    pub zone: ZoneId,
    /// The abbreviation or fixed offset written in the label, if any (e.g. `CET`, `UTC+6`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// The offset that abbreviation stands for (e.g. `+01:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation_offset: Option<String>,
    /// Whether the zone came from a city, IANA name or country (which beats an abbreviation).
    pub from_place: bool,
    /// For a label that is only a fixed offset (`UTC+05:30`), that offset:
    /// wall times in it are read with this offset, whatever the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_offset: Option<String>,
}

/// How a label's wall times turn into instants.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LabelClock {
    /// A zone from the tz database.
    Zone(Tz),
    /// A fixed offset (`UTC+05:30`).
    Fixed(chrono::FixedOffset),
}

impl LabelClock {
    /// The wall time of an instant, saturating at the ends of the calendar.
    pub(crate) fn wall_time(self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            LabelClock::Zone(tz) => wall_time(t, tz),
            LabelClock::Fixed(offset) => {
                let seconds = i64::from(offset.local_minus_utc());
                t.naive_utc().checked_add_signed(Duration::seconds(seconds)).unwrap_or(if seconds > 0 {
                    NaiveDateTime::MAX
                } else {
                    NaiveDateTime::MIN
                })
            }
        }
    }

    /// The instant of a wall time; with a zone, gaps and folds are refused.
    pub(crate) fn instant(self, local: NaiveDateTime) -> Result<DateTime<chrono::FixedOffset>, Violation> {
        match self {
            LabelClock::Zone(tz) => from_local(local, tz, Disambiguation::Reject).map(|t| t.fixed_offset()),
            LabelClock::Fixed(offset) => {
                let utc = local.checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())));
                utc.map(|t| Utc.from_utc_datetime(&t).with_timezone(&offset)).ok_or_else(|| {
                    Violation::new(Code::TimeUnparseable, "", "the date is at the end of the calendar")
                        .with_param("reason", "the date is at the end of the calendar")
                })
            }
        }
    }
}

/// What one part of a label names.
#[derive(Default)]
struct LabelParts {
    /// The first city or IANA name.
    place: Option<Tz>,
    /// The first country, by its alpha-2 code.
    country: Option<(String, &'static CountryZones)>,
    /// The first abbreviation, as written, with its meanings.
    abbreviation: Option<(String, &'static [LabelAbbreviation])>,
    /// The first fixed offset, as written, in seconds.
    fixed: Option<(String, i32)>,
}

impl LabelParts {
    /// Reads one part; false when it names nothing.
    fn consider(&mut self, part: &str) -> bool {
        let t = tables();
        let part = part.trim().trim_matches(|c: char| c == '.' || c == ':' || c == ';');
        if part.is_empty() {
            return true;
        }
        if let Some(&tz) = t.iana.get(&part.to_ascii_lowercase()) {
            self.place.get_or_insert(tz);
            return true;
        }
        if let Some(seconds) = utc_offset(part) {
            self.fixed.get_or_insert_with(|| (part.to_owned(), seconds));
            return true;
        }
        if let Some(meanings) = t.abbreviations.get(part) {
            self.abbreviation.get_or_insert_with(|| (part.to_owned(), meanings.as_slice()));
            return true;
        }
        if let Some(&tz) = t.cities.get(&name_key(part)) {
            self.place.get_or_insert(tz);
            return true;
        }
        if let Some(&tz) = t.adjectives.get(&adjective_stem(part)) {
            self.place.get_or_insert(tz);
            return true;
        }
        // Codes are no zone labels: "to", "in" and "TO" are words, not Tonga or India.
        let code_like = part.chars().count() <= 3 && part.chars().all(|c| c.is_ascii_alphabetic());
        if !code_like
            && let Ok(code) = crate::country::resolve_country(part)
            && let Some(zones) = t.countries.get(code.as_str())
        {
            self.country.get_or_insert_with(|| (code.as_str().to_owned(), zones));
            return true;
        }
        false
    }
}

fn ambiguous(label: &str, what: &str, candidates: &[Tz]) -> Violation {
    let names: Vec<&str> = candidates.iter().map(|tz| tz.name()).collect();
    Violation::new(
        Code::TimeAmbiguousZoneLabel,
        "",
        format!("{:?} could mean any of {}: {what}; name a city as well", truncate(label, 80), names.join(", ")),
    )
    .with_param("label", truncate(label, 200))
    .with_param("reason", what)
    .with_param("candidates", names)
}

/// Whether kix's listing reader takes `abbreviation` for `tz` at this offset
/// (so a writer may print it): `CEST` for Geneva in summer, not `LMT`.
///
/// ```
/// use kix_core::zone::reads_abbreviation;
/// assert!(reads_abbreviation(chrono_tz::Europe::Zurich, 7200, "CEST"));
/// assert!(!reads_abbreviation(chrono_tz::Europe::Zurich, 3600, "CEST"));
/// assert!(!reads_abbreviation(chrono_tz::Asia::Kabul, 16_608, "LMT"));
/// ```
#[must_use]
pub fn reads_abbreviation(tz: Tz, offset_seconds: i32, abbreviation: &str) -> bool {
    tables()
        .abbreviations
        .get(abbreviation)
        .is_some_and(|meanings| meanings.iter().any(|m| m.offset_seconds == offset_seconds && meaning_fits(m, tz)))
}

/// Whether a meaning of an abbreviation fits a zone: it lists the zone or
/// another zone of the same country.
fn meaning_fits(meaning: &LabelAbbreviation, tz: Tz) -> bool {
    let country = tables().zone_country.get(&tz);
    meaning.zones.iter().any(|z| *z == tz || (country.is_some() && tables().zone_country.get(z) == country))
}

/// Resolves a zone label as event pages write it to an IANA zone.
///
/// Understands IANA names in any case and their legacy links (`Asia/Katmandu`,
/// `Europe/Kiev`), city names (`Geneva`, `Bangkok`, `Thimphu`, any IANA city),
/// country and territory names with one zone in the tz database's `zone.tab`
/// (`Tonga`, `Bhutan`), abbreviations of Europe, Asia and the Pacific (`CET`,
/// `TOT`, `WIB`, `PKT`, `NPT`, `BTT`, `ICT`, `MMT`, ...), fixed offsets
/// (`UTC+6`, `GMT+5:45`, `UTC+05:30`), and combinations (`"CET / Geneva"`,
/// `"Geneva / CEST"`, `"CEST-Geneva"`). A city beats an abbreviation. An
/// unknown label is `time.unknown_zone`; a country with several zones
/// (`Mongolia`) or an abbreviation with several meanings (`IST`, `BST`, `CST`,
/// `AST`, `GST`, `PST`) without a city or country that settles it is
/// `time.ambiguous_zone_label` with the candidate zones in the parameters.
///
/// ```
/// use kix_core::zone::parse_zone_label;
/// for (label, zone) in [
///     ("Asia/Katmandu", "Asia/Kathmandu"),
///     ("europe/kiev", "Europe/Kyiv"),
///     ("Geneva", "Europe/Zurich"),
///     ("(BTT / Thimphu)", "Asia/Thimphu"),
///     ("Geneva / CEST", "Europe/Zurich"),
///     ("CEST-Geneva", "Europe/Zurich"),
///     ("ICT", "Asia/Bangkok"),
///     ("NPT", "Asia/Kathmandu"),
///     ("Samoa", "Pacific/Apia"),
///     ("TOT / Tonga", "Pacific/Tongatapu"),
///     ("Mongolia / Hovd", "Asia/Hovd"),
///     ("IST / New Delhi", "Asia/Kolkata"),
///     ("UTC+6", "Etc/GMT-6"),
/// ] {
///     assert_eq!(parse_zone_label(label)?.zone.as_str(), zone, "{label}");
/// }
/// assert_eq!(parse_zone_label("GMT+5:45")?.fixed_offset.as_deref(), Some("+05:45"));
/// assert_eq!(parse_zone_label("Mars/Olympus").unwrap_err().code, kix_core::Code::TimeUnknownZone);
/// let v = parse_zone_label("Mongolia").unwrap_err();
/// assert_eq!(v.code, kix_core::Code::TimeAmbiguousZoneLabel);
/// assert_eq!(v.params["candidates"], serde_json::json!(["Asia/Ulaanbaatar", "Asia/Hovd"]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_zone_label(label: &str) -> Result<ZoneLabel, Violation> {
    let unknown = || {
        Violation::new(
            Code::TimeUnknownZone,
            "",
            format!("{:?} is not a time zone, city, country or abbreviation kix knows", truncate(label, 80)),
        )
        .with_param("label", truncate(label, 200))
    };
    if label.len() > 200 {
        return Err(unknown());
    }
    let mut parts = LabelParts::default();
    // Whole label first, then chunks split by separators, then hyphenated
    // pieces, then single words (so "Ho Chi Minh City" and "Nur-Sultan" stay
    // whole). Filler words ("Geneva time") are dropped; any other word that
    // means nothing makes the whole label unknown rather than half-guessed.
    let cleaned: String = label.chars().map(|c| if matches!(c, '(' | ')' | '[' | ']') { ' ' } else { c }).collect();
    let mut unresolved = false;
    if !parts.consider(&cleaned) {
        for chunk in cleaned.split([',', '|', '–', '—', ';', '،']).flat_map(split_slashes) {
            if parts.consider(chunk) || is_day_marker(chunk) {
                continue;
            }
            // "heure d'Oulan-Bator", "по улан-баторскому времени": the words
            // around a hyphenated name go before the name is split at hyphens.
            let named: Vec<&str> = chunk.split_whitespace().filter(|w| !is_filler(w)).map(strip_elision).collect();
            if !named.is_empty() && parts.consider(&named.join(" ")) {
                continue;
            }
            for piece in chunk.split(" - ").flat_map(|p| p.split('-')) {
                let words: Vec<&str> = piece.split_whitespace().filter(|w| !is_filler(w)).map(strip_elision).collect();
                if parts.consider(&words.join(" ")) {
                    continue;
                }
                for word in words {
                    unresolved |= !parts.consider(word);
                }
            }
        }
    }
    if unresolved {
        return Err(unknown());
    }
    resolve_parts(label, parts).ok_or_else(unknown)?
}

/// Words around a zone's name that say nothing about it: "Geneva time",
/// "по женевскому времени", "heure de Genève".
fn is_filler(word: &str) -> bool {
    matches!(
        name_key(word).as_str(),
        "time"
            | "local"
            | "standard"
            | "summer"
            | "hrs"
            | "по"
            | "времени"
            | "время"
            | "местному"
            | "местное"
            | "heure"
            | "heures"
            | "de"
            | "du"
            | "locale"
            | "à"
    )
}

/// "d'Oulan-Bator" → "Oulan-Bator" (French elision before a name).
fn strip_elision(word: &str) -> &str {
    ["d'", "d’", "D'", "D’", "l'", "l’"].iter().find_map(|p| word.strip_prefix(p)).unwrap_or(word)
}

/// A note that a zone's times fall on another day ("next day", "+1", and the
/// shipped languages' own words), which a listing may carry beside a zone.
fn is_day_marker(chunk: &str) -> bool {
    let key = name_key(chunk.trim());
    if key.is_empty() {
        return false;
    }
    // "+1", "+1 day", "-1 день": zones differ from the organiser's date by a day
    // (two at most, across the dateline); a larger number is no day marker.
    let trimmed = chunk.trim();
    let signed = trimmed.strip_prefix(['+', '-', '−']);
    let numeric = signed.and_then(|rest| rest.split_whitespace().next()).is_some_and(|n| matches!(n, "1" | "2"));
    numeric || crate::messages::day_markers().iter().any(|m| name_key(m) == key)
}

/// The stem of a Russian adjective, whatever its case ending: "женевскому",
/// "женевского" and "женевский" all give "женевск".
pub(crate) fn adjective_stem(word: &str) -> String {
    // Not `name_key`: it folds "й" to "и", which would hide the endings.
    let key = word.trim().to_lowercase().replace('ё', "е");
    const ENDINGS: [&str; 14] =
        ["ому", "ему", "ого", "его", "ими", "ыми", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ом"];
    for ending in ENDINGS {
        if let Some(stem) = key.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            return stem.to_owned();
        }
    }
    key
}

/// Puts a label's parts together: a city, else a country (settled by the
/// abbreviation when it has several zones), else a fixed offset, else the
/// abbreviation; `None` when the label names nothing.
fn resolve_parts(label: &str, parts: LabelParts) -> Option<Result<ZoneLabel, Violation>> {
    let LabelParts { place, country, abbreviation, fixed } = parts;
    let meanings = abbreviation.as_ref().map_or(&[][..], |(_, m)| *m);
    // The meaning a zone settles: the only one, or the only one that fits it.
    let settle = |tz: Tz| -> Result<Option<&LabelAbbreviation>, Violation> {
        match meanings {
            [] => Ok(None),
            [only] => Ok(Some(only)),
            several => {
                let fitting: Vec<&LabelAbbreviation> = several.iter().filter(|m| meaning_fits(m, tz)).collect();
                match fitting.as_slice() {
                    [one] => Ok(Some(*one)),
                    _ => Err(ambiguous(label, "abbreviation", &first_zones(several))),
                }
            }
        }
    };
    let place = match (place, &country) {
        (Some(tz), _) => Some(tz),
        (None, Some((_, c))) if c.zones.len() == 1 || c.one_clock => c.zones.first().copied(),
        (None, Some((_, c))) => {
            // "WIB / Indonesia": the abbreviation picks the country's zone.
            let fitting: Vec<Tz> =
                meanings.iter().filter_map(|m| m.zones.iter().find(|z| c.zones.contains(z)).copied()).collect();
            match fitting.as_slice() {
                [one] => Some(*one),
                _ => return Some(Err(ambiguous(label, "country", &c.zones))),
            }
        }
        (None, None) => None,
    };
    let abbreviation_text = abbreviation.as_ref().map(|(text, _)| text.clone());
    let make = |zone: Tz, stated: Option<(String, i32)>, from_place: bool, fixed_offset: Option<i32>| ZoneLabel {
        label: label.to_owned(),
        zone: ZoneId::from(zone),
        abbreviation_offset: stated.as_ref().map(|(_, s)| format_offset(*s)),
        abbreviation: stated.map(|(text, _)| text),
        from_place,
        fixed_offset: fixed_offset.map(format_offset),
    };
    if let Some(tz) = place {
        // A city and a fixed offset: the offset is checked like an abbreviation.
        let stated = match settle(tz) {
            Ok(Some(m)) => abbreviation_text.map(|text| (text, m.offset_seconds)),
            Ok(None) => fixed,
            Err(v) => return Some(Err(v)),
        };
        return Some(Ok(make(tz, stated, true, None)));
    }
    if let Some((text, seconds)) = fixed {
        return Some(Ok(make(fixed_offset_zone(seconds), Some((text, seconds)), false, Some(seconds))));
    }
    match meanings {
        [] => None,
        [only] => {
            let zone = only.zones.first().copied()?;
            Some(Ok(make(zone, abbreviation_text.map(|text| (text, only.offset_seconds)), false, None)))
        }
        several => Some(Err(ambiguous(label, "abbreviation", &first_zones(several)))),
    }
}

fn first_zones(meanings: &[LabelAbbreviation]) -> Vec<Tz> {
    meanings.iter().filter_map(|m| m.zones.first().copied()).collect()
}

/// Splits at '/' unless the chunk is an IANA name (`Europe/Zurich`).
fn split_slashes(chunk: &str) -> Vec<&str> {
    let trimmed = chunk.trim();
    if tables().iana.contains_key(&trimmed.to_ascii_lowercase()) { vec![trimmed] } else { chunk.split('/').collect() }
}

/// `UTC+2`, `GMT-5`, `UTC+05:30`, `GMT+5:45` as seconds east of UTC.
fn utc_offset(part: &str) -> Option<i32> {
    let upper = part.replace(' ', "").to_ascii_uppercase();
    let rest = upper.strip_prefix("UTC").or_else(|| upper.strip_prefix("GMT"))?;
    if rest.is_empty() {
        return None;
    }
    parse_offset(rest)
}

/// The `Etc/GMT∓N` zone of a whole-hour offset, else `Etc/UTC` (see [`ZoneLabel::zone`]).
fn fixed_offset_zone(seconds: i32) -> Tz {
    if seconds % 3600 != 0 || seconds == 0 {
        return chrono_tz::Etc::UTC;
    }
    // Etc/GMT signs are inverted: UTC+2 is Etc/GMT-2.
    format!("Etc/GMT{:+}", -(seconds / 3600)).parse().unwrap_or(chrono_tz::Etc::UTC)
}

/// The zone a caller names: an IANA name (or legacy link), else any label
/// [`resolve_zone`] reads ("CET / Geneva"). How every binding reads zones.
///
/// ```
/// assert_eq!(kix_core::zone::zone_named("Asia/Kathmandu")?, chrono_tz::Asia::Kathmandu);
/// assert_eq!(kix_core::zone::zone_named("Geneva time")?, chrono_tz::Europe::Zurich);
/// assert!(kix_core::zone::zone_named("Mars").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn zone_named(text: &str) -> Result<Tz, Violation> {
    let trimmed = text.trim();
    if let Ok(tz) = trimmed.parse::<Tz>() {
        return Ok(tz);
    }
    let zone = resolve_zone(trimmed)?;
    zone.tz().map_err(|_| {
        Violation::new(Code::TimeUnknownZone, "", format!("{:?} is not a time zone", truncate(text, 80)))
            .with_param("label", truncate(text, 200))
    })
}

/// Resolves a label to an IANA zone name (the short form of
/// [`parse_zone_label`]). A fixed offset that no IANA zone has (`UTC+05:30`)
/// is `time.unknown_zone` here: only a listing can use it.
///
/// ```
/// assert_eq!(kix_core::resolve_zone("CET / Geneva")?.as_str(), "Europe/Zurich");
/// assert_eq!(kix_core::resolve_zone("Tonga")?.as_str(), "Pacific/Tongatapu");
/// assert!(kix_core::resolve_zone("UTC+05:30").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_zone(label: &str) -> Result<ZoneId, Violation> {
    let parsed = parse_zone_label(label)?;
    match parsed.fixed_offset {
        Some(offset) if parsed.zone.as_str() == "Etc/UTC" && offset != "+00:00" => Err(Violation::new(
            Code::TimeUnknownZone,
            "",
            format!("{:?} is a fixed offset that no IANA zone has; name a city", truncate(label, 80)),
        )
        .with_param("label", truncate(label, 200))
        .with_param("fixed_offset", offset)),
        _ => Ok(parsed.zone),
    }
}

impl ZoneLabel {
    /// How this label's wall times become instants: its fixed offset, else its zone.
    pub(crate) fn clock(&self) -> Result<LabelClock, Error> {
        let fixed = self.fixed_offset.as_deref().and_then(parse_offset).and_then(chrono::FixedOffset::east_opt);
        match fixed {
            Some(offset) => Ok(LabelClock::Fixed(offset)),
            None => self.zone.tz().map(LabelClock::Zone),
        }
    }

    /// Checks the label's abbreviation against the real offset of its zone at a
    /// wall-clock time: "CET" on a July date in Geneva is
    /// `time.label_season_mismatch`, saying the true abbreviation and offset.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let label = kix_core::zone::parse_zone_label("CET / Geneva")?;
    /// let july = NaiveDate::from_ymd_opt(2024, 7, 31).unwrap().and_hms_opt(13, 0, 0).unwrap();
    /// let v = label.season_mismatch(july).unwrap();
    /// assert_eq!(v.code, kix_core::Code::TimeLabelSeasonMismatch);
    /// assert_eq!((v.params["true_abbreviation"].as_str(), v.params["true_offset"].as_str()), (Some("CEST"), Some("+02:00")));
    /// let march = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(15, 30, 0).unwrap();
    /// assert!(label.season_mismatch(march).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn season_mismatch(&self, local: NaiveDateTime) -> Option<Violation> {
        if self.fixed_offset.is_some() {
            return None;
        }
        let (abbr, stated) = (self.abbreviation.as_ref()?, self.abbreviation_offset.as_ref()?);
        let tz = self.zone.tz().ok()?;
        let instant = from_local(local, tz, Disambiguation::Compatible).ok()?.with_timezone(&Utc);
        let info = offset_info(tz, instant);
        let real = format_offset(info.offset_seconds);
        (&real != stated).then(|| {
            Violation::new(
                Code::TimeLabelSeasonMismatch,
                "",
                format!(
                    "{abbr} ({stated}) does not apply to {} in {}: the real time there is {} ({real})",
                    local.format("%Y-%m-%d %H:%M"),
                    self.zone,
                    info.abbreviation
                ),
            )
            .with_param("label", &self.label)
            .with_param("abbreviation", abbr)
            .with_param("abbreviation_offset", stated)
            .with_param("true_abbreviation", info.abbreviation.as_str())
            .with_param("true_offset", real)
            .with_param("zone", self.zone.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every member zone and a few unusual ones (a 30-minute DST, a 2-hour DST, a zone that
    /// crossed the date line, a 45-minute offset): at a second before, at and after every
    /// change a year of steps holds, and every five days between, its offset and abbreviation
    /// are the tz database's through chrono-tz, from 1970 to 2100.
    #[test]
    fn a_zones_years_give_the_tz_databases_offsets_and_abbreviations() {
        let mut zones: Vec<Tz> =
            crate::emap().countries.iter().flat_map(|c| c.time_zones.iter()).map(|z| z.tz().unwrap()).collect();
        zones.extend([Tz::Europe__Zurich, Tz::Australia__Lord_Howe, Tz::Antarctica__Troll, Tz::Pacific__Apia]);
        let mut changes = 0;
        for tz in zones {
            let years = ZoneYears::new(tz);
            for year in 0..ZONE_YEAR.1 {
                let lo = year as i64 * ZONE_YEAR.0;
                years.at_both(lo, lo);
                let steps = years.years[year].get().unwrap();
                changes += steps.len() - 1;
                let mut instants: Vec<i64> =
                    steps.iter().flat_map(|step| [step.from - 1, step.from, step.from + 1]).collect();
                instants.extend((0..73).map(|k| lo + k * 5 * 86_400 + 12_345));
                for s in instants.into_iter().filter(|&s| s >= 0 && s < ZONE_YEAR.0 * ZONE_YEAR.1 as i64) {
                    let at = DateTime::from_timestamp(s, 0).unwrap();
                    let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
                    assert_eq!(years.at_both(s, s), Some(((offset, abbreviation(tz, at)), offset)), "{tz} at {at}");
                    // An event of 90 minutes from here: its end's offset, from the same step or the next.
                    let end = tz.offset_from_utc_datetime(&(at + Duration::minutes(90)).naive_utc());
                    let both = years.at_both(s, s + 5_400).map(|(_, o)| o);
                    // and an end before the start (a caller's mistake) is looked up, not assumed.
                    let before = tz.offset_from_utc_datetime(&(at - Duration::minutes(90)).naive_utc());
                    if s >= 5_400 {
                        assert_eq!(years.at_both(s, s - 5_400).map(|(_, o)| o), Some(before.fix().local_minus_utc()));
                    }
                    if s + 5_400 < ZONE_YEAR.0 * ZONE_YEAR.1 as i64 {
                        assert_eq!(both, Some(end.fix().local_minus_utc()), "{tz} at {at} + 90 minutes");
                    }
                }
            }
            let end = ZONE_YEAR.0 * ZONE_YEAR.1 as i64;
            assert!(years.at_both(-1, 0).is_none() && years.at_both(end, end).is_none(), "{tz}: 1970 to 2100 only");
            assert!(years.at_both(end - 1, end).is_none(), "{tz}: an end past 2100 is looked up");
        }
        assert!(changes > 1_000, "the DST zones change twice a year: {changes}");
    }

    proptest::proptest! {
        #[test]
        fn the_wall_time_column_resolves_as_one_by_one(
            zone in proptest::sample::select(vec!["Europe/Zurich", "Europe/Chisinau", "Pacific/Apia", "Asia/Kathmandu", "America/Sao_Paulo", "Australia/Lord_Howe"]),
            base in 0i64..2_000_000_000,
            steps in proptest::collection::vec(0i64..(400 * 86_400), 65..200),
            d in proptest::sample::select(vec![Disambiguation::Compatible, Disambiguation::Earlier, Disambiguation::Later, Disambiguation::Reject]),
        ) {
            let tz: Tz = zone.parse().unwrap();
            // Quarter hours, so that gaps and folds are hit.
            let walls: Vec<i64> = steps.iter().map(|s| (base + s - (base + s) % 900) * 1_000_000_000 + 7).collect();
            let (column, refused) = from_local_nanos(tz, &walls, d);
            let mut refused = refused.into_iter().peekable();
            for (i, (w, c)) in walls.iter().zip(&column).enumerate() {
                let naive = DateTime::from_timestamp(w.div_euclid(1_000_000_000), 0).unwrap().naive_utc();
                let one = from_local(naive, tz, d).map(|t| t.timestamp() * 1_000_000_000 + 7);
                let got = match refused.next_if(|(at, _)| *at == i) {
                    Some((_, v)) => Err(v),
                    None => Ok(*c),
                };
                proptest::prop_assert_eq!(&one, &got, "{} {}", zone, naive);
            }
        }
    }
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn column_conversion_equals_one_by_one_lookups() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(48));
        let zones = [
            chrono_tz::Europe::Zurich,
            chrono_tz::Europe::Chisinau,
            chrono_tz::Pacific::Apia,
            chrono_tz::Asia::Kathmandu,
        ];
        let strategy = (proptest::collection::vec(-2_000_000_000i64..4_000_000_000, 0..400), 0usize..4);
        runner
            .run(&strategy, |(instants, z)| {
                let tz = zones[z];
                let column = local_wall_seconds(tz, &instants);
                for (s, l) in instants.iter().zip(&column) {
                    let t = DateTime::from_timestamp(*s, 0).unwrap();
                    let expected = t.with_timezone(&tz).naive_local().and_utc().timestamp();
                    prop_assert_eq!(*l, expected, "{} in {}", s, tz);
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(local_wall_seconds(chrono_tz::UTC, &[i64::MAX, i64::MIN]), [i64::MAX, i64::MIN]);
    }

    #[test]
    fn the_zone_tables_are_valid() {
        let file: ZonesFile = serde_json::from_str(include_str!("../data/zones.json")).unwrap();
        for e in &file.abbreviations {
            assert!(parse_offset(&e.offset).is_some(), "{}", e.offset);
            for z in &e.zones {
                assert!(z.parse::<Tz>().is_ok(), "{} lists unknown zone {z}", e.abbreviation);
            }
        }
        for (city, z) in file.cities.iter().chain(&file.links) {
            assert!(z.parse::<Tz>().is_ok(), "{city} -> {z}");
        }
        assert!(tables().abbreviations.len() > 40);
    }

    #[test]
    fn every_member_zone_has_an_abbreviation_numeric_where_none_is_in_use() {
        let july = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
        for c in &crate::emap().countries {
            for z in &c.time_zones {
                let a = abbreviation(z.tz().unwrap(), july);
                assert!(!a.as_str().is_empty(), "{z}");
            }
        }
        assert_eq!(abbreviation(chrono_tz::Pacific::Bougainville, july).as_str(), "+11");
        assert_eq!(abbreviation(chrono_tz::Asia::Kabul, july).as_str(), "AFT");
        assert_eq!(abbreviation(chrono_tz::Pacific::Chatham, july).as_str(), "+1245");
    }

    #[test]
    fn gaps_resolve_by_disambiguation_like_temporal() {
        let zurich = chrono_tz::Europe::Zurich;
        let t = at(2024, 3, 31, 2, 30);
        let utc = |d: Disambiguation| from_local(t, zurich, d).map(|x| x.with_timezone(&Utc).to_rfc3339());
        assert_eq!(utc(Disambiguation::Compatible).unwrap(), "2024-03-31T01:30:00+00:00");
        assert_eq!(utc(Disambiguation::Later).unwrap(), "2024-03-31T01:30:00+00:00");
        assert_eq!(utc(Disambiguation::Earlier).unwrap(), "2024-03-31T00:30:00+00:00");
        let v = utc(Disambiguation::Reject).unwrap_err();
        assert_eq!(v.code, Code::TimeNonexistentLocalTime);
        // The candidates with the offsets in force at each: 01:30+01:00 and 03:30+02:00.
        assert_eq!(v.params["earlier"], "2024-03-31T00:30:00Z");
        assert_eq!(v.params["earlier_offset"], "+01:00");
        assert_eq!(v.params["later"], "2024-03-31T01:30:00Z");
        assert_eq!(v.params["later_offset"], "+02:00");
    }

    #[test]
    fn moldova_changes_clocks_an_hour_before_the_eu() {
        let chisinau = chrono_tz::Europe::Chisinau;
        // 2024-03-31: Moldova skips 02:00-03:00 local (00:00 UTC).
        assert!(matches!(resolve_local(at(2024, 3, 31, 2, 30), chisinau), LocalResolution::Gap { .. }));
        // 03:30 local exists in Moldova (EEST) although it is inside the EU's 03:00-04:00 gap for EET zones.
        assert!(matches!(resolve_local(at(2024, 3, 31, 3, 30), chisinau), LocalResolution::Unique(_)));
        assert!(matches!(
            resolve_local(at(2024, 3, 31, 3, 30), chrono_tz::Europe::Bucharest),
            LocalResolution::Gap { .. }
        ));
    }

    #[test]
    fn the_date_line_jump_of_samoa_is_a_whole_day_gap() {
        // Samoa skipped 30 December 2011.
        let apia = chrono_tz::Pacific::Apia;
        let LocalResolution::Gap { before, after } = resolve_local(at(2011, 12, 30, 12, 0), apia) else {
            panic!("expected a gap")
        };
        assert_eq!(after - before, Duration::hours(24));
    }

    #[test]
    fn labels_with_abbreviations_cities_and_links_resolve() {
        let cases = [
            ("CET", "Europe/Zurich"),
            ("CEST", "Europe/Zurich"),
            ("EET", "Europe/Chisinau"),
            ("GMT", "Etc/UTC"),
            ("UTC", "Etc/UTC"),
            ("UTC+2", "Etc/GMT-2"),
            ("PKT", "Asia/Karachi"),
            ("BTT", "Asia/Thimphu"),
            ("MMT", "Asia/Yangon"),
            ("Bangkok / ICT", "Asia/Bangkok"),
            ("CET / Geneva", "Europe/Zurich"),
            ("CEST-Geneva", "Europe/Zurich"),
            ("(Geneva time)", "Europe/Zurich"),
            ("Port Moresby local time", "Pacific/Port_Moresby"),
            ("Ho Chi Minh City", "Asia/Ho_Chi_Minh"),
            ("Nur-Sultan", "Asia/Almaty"),
            ("Asia/Rangoon", "Asia/Yangon"),
            ("Asia/Thimbu", "Asia/Thimphu"),
            ("Asia/Ulan_Bator", "Asia/Ulaanbaatar"),
            ("Pacific/Samoa", "Pacific/Pago_Pago"),
            ("Chișinău", "Europe/Chisinau"),
            ("Port Moresby", "Pacific/Port_Moresby"),
            ("Europe/Zurich", "Europe/Zurich"),
        ];
        for (label, zone) in cases {
            assert_eq!(resolve_zone(label).map(|z| z.to_string()), Ok(zone.to_owned()), "{label}");
        }
        for bad in ["", "Mars", "UTC+5:30 / nowhere", "cet", "CET / Genva", "Geneva-on-Mars", "to", &"x".repeat(10_000)]
        {
            let v = resolve_zone(bad).unwrap_err();
            assert_eq!(v.code, Code::TimeUnknownZone, "{bad}");
        }
    }

    #[test]
    fn the_zone_tables_come_from_the_tz_database_compiled_in() {
        let file: CountryZonesFile = serde_json::from_str(include_str!("../data/country_zones.json")).unwrap();
        assert_eq!(file.tzdata_version, tzdata_version(), "rerun tools/gen_country_zones.py");
        assert_eq!(file.source, "zone.tab");
        for (code, entry) in &file.countries {
            for z in &entry.zones {
                assert!(z.parse::<Tz>().is_ok(), "{code} lists unknown zone {z}");
            }
        }
        // Each abbreviation's source says whether chrono-tz's copy of the tz
        // database writes it for one of its zones at its offset in 2024-2025.
        let file: ZonesFile = serde_json::from_str(include_str!("../data/zones.json")).unwrap();
        let instants: Vec<DateTime<Utc>> =
            (0..24).map(|m| Utc.with_ymd_and_hms(2024 + m / 12, 1 + (m % 12) as u32, 15, 12, 0, 0).unwrap()).collect();
        for e in &file.abbreviations {
            let offset = parse_offset(&e.offset).unwrap();
            let written = e.zones.iter().any(|z| {
                let tz: Tz = z.parse().unwrap();
                instants.iter().any(|t| {
                    let o = tz.offset_from_utc_datetime(&t.naive_utc());
                    o.abbreviation() == Some(e.abbreviation.as_str()) && o.fix().local_minus_utc() == offset
                })
            });
            let expected = if written { "tzdb" } else { "common" };
            assert_eq!(e.source, expected, "{} {}", e.abbreviation, e.offset);
        }
    }

    #[test]
    fn one_clock_countries_show_one_offset_in_chrono_tz_too() {
        // The generator decided with Python's zoneinfo; chrono-tz reads the same
        // tz database independently and must agree at every hour since 2000.
        let file: CountryZonesFile = serde_json::from_str(include_str!("../data/country_zones.json")).unwrap();
        let shared: Vec<&CountryZonesEntry> = file.countries.values().filter(|e| e.one_clock).collect();
        assert!(file.countries["UZ"].one_clock && !file.countries["MN"].one_clock && !file.countries["KZ"].one_clock);
        let start = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
        for entry in shared {
            let tzs: Vec<Tz> = entry.zones.iter().map(|z| z.parse().unwrap()).collect();
            for hour in 0..40 * 8766 {
                let t = (start + Duration::hours(hour)).naive_utc();
                let first = tzs[0].offset_from_utc_datetime(&t).fix();
                assert!(
                    tzs.iter().all(|tz| tz.offset_from_utc_datetime(&t).fix() == first),
                    "{:?} at {t}",
                    entry.zones
                );
            }
        }
    }

    #[test]
    fn countries_with_one_zone_are_labels_and_others_need_a_city() {
        for (label, zone) in [
            ("Tonga", "Pacific/Tongatapu"),
            ("Bhutan", "Asia/Thimphu"),
            ("Nepal", "Asia/Kathmandu"),
            ("Kyrgyzstan", "Asia/Bishkek"),
            ("Uzbekistan", "Asia/Samarkand"),
            ("Mongolia / Ulaanbaatar", "Asia/Ulaanbaatar"),
            ("Hovd, Mongolia", "Asia/Hovd"),
            ("WIB / Indonesia", "Asia/Jakarta"),
            ("Indonesia (WITA)", "Asia/Makassar"),
            ("CST / China", "Asia/Shanghai"),
            ("Papua New Guinea / Port Moresby", "Pacific/Port_Moresby"),
        ] {
            assert_eq!(resolve_zone(label).map(|z| z.to_string()), Ok(zone.to_owned()), "{label}");
        }
        for (label, candidates) in [
            ("Mongolia", vec!["Asia/Ulaanbaatar", "Asia/Hovd"]),
            ("Papua New Guinea", vec!["Pacific/Port_Moresby", "Pacific/Bougainville"]),
        ] {
            let v = resolve_zone(label).unwrap_err();
            assert_eq!(v.code, Code::TimeAmbiguousZoneLabel, "{label}");
            assert_eq!(v.params["candidates"], serde_json::json!(candidates));
            assert_eq!(v.params["reason"], "country");
        }
        assert_eq!(resolve_zone("Kazakhstan").unwrap_err().params["candidates"].as_array().unwrap().len(), 7);
    }

    #[test]
    fn ambiguous_abbreviations_need_a_place_that_settles_them() {
        for (label, zone, offset) in [
            ("IST / New Delhi", "Asia/Kolkata", "+05:30"),
            ("IST / Dublin", "Europe/Dublin", "+01:00"),
            ("Mumbai IST", "Asia/Kolkata", "+05:30"),
            ("BST / London", "Europe/London", "+01:00"),
            ("BST / Dhaka", "Asia/Dhaka", "+06:00"),
            ("CST / Beijing", "Asia/Shanghai", "+08:00"),
            ("PST / Manila", "Asia/Manila", "+08:00"),
            ("AST / Riyadh", "Asia/Riyadh", "+03:00"),
            ("GST / Dubai", "Asia/Dubai", "+04:00"),
            ("IST / India", "Asia/Kolkata", "+05:30"),
        ] {
            let l = parse_zone_label(label).unwrap();
            assert_eq!((l.zone.as_str(), l.abbreviation_offset.as_deref()), (zone, Some(offset)), "{label}");
        }
        for label in ["IST", "BST", "CST", "AST", "GST", "PST", "CST / Geneva"] {
            let v = resolve_zone(label).unwrap_err();
            assert_eq!(v.code, Code::TimeAmbiguousZoneLabel, "{label}");
            assert!(v.params["candidates"].as_array().unwrap().len() >= 2, "{label}");
        }
        // The display abbreviation of Dhaka stays the tz database's number.
        let july = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
        assert_eq!(abbreviation(chrono_tz::Asia::Dhaka, july).as_str(), "+06");
    }

    #[test]
    fn abbreviations_of_asia_and_the_pacific_resolve_with_their_offsets() {
        let zurich_july = at(2024, 7, 31, 12, 0);
        for (label, zone, offset) in [
            ("TOT", "Pacific/Tongatapu", "+13:00"),
            ("WIB", "Asia/Jakarta", "+07:00"),
            ("WITA", "Asia/Makassar", "+08:00"),
            ("WIT", "Asia/Jayapura", "+09:00"),
            ("PHT", "Asia/Manila", "+08:00"),
            ("HKT", "Asia/Hong_Kong", "+08:00"),
            ("SGT", "Asia/Singapore", "+08:00"),
            ("MYT", "Asia/Kuala_Lumpur", "+08:00"),
            ("KST", "Asia/Seoul", "+09:00"),
            ("JST", "Asia/Tokyo", "+09:00"),
            ("AEST", "Australia/Sydney", "+10:00"),
            ("AEDT", "Australia/Sydney", "+11:00"),
            ("NZST", "Pacific/Auckland", "+12:00"),
            ("NZDT", "Pacific/Auckland", "+13:00"),
            ("UZT", "Asia/Tashkent", "+05:00"),
            ("TJT", "Asia/Dushanbe", "+05:00"),
            ("KGT", "Asia/Bishkek", "+06:00"),
            ("ULAT", "Asia/Ulaanbaatar", "+08:00"),
            ("GET", "Asia/Tbilisi", "+04:00"),
            ("MSK", "Europe/Moscow", "+03:00"),
            ("BTT", "Asia/Thimphu", "+06:00"),
            ("NPT", "Asia/Kathmandu", "+05:45"),
            ("MMT", "Asia/Yangon", "+06:30"),
            ("ICT", "Asia/Bangkok", "+07:00"),
            ("PKT", "Asia/Karachi", "+05:00"),
            ("AFT", "Asia/Kabul", "+04:30"),
            ("MVT", "Indian/Maldives", "+05:00"),
            ("TLT", "Asia/Dili", "+09:00"),
            ("PGT", "Pacific/Port_Moresby", "+10:00"),
        ] {
            let l = parse_zone_label(label).unwrap();
            assert_eq!((l.zone.as_str(), l.abbreviation_offset.as_deref()), (zone, Some(offset)), "{label}");
            // Each stands for its zone's real offset in some season.
            let real = [zurich_july, at(2025, 1, 15, 12, 0)].map(|t| {
                let tz = l.zone.tz().unwrap();
                format_offset(tz.offset_from_utc_datetime(&t).fix().local_minus_utc())
            });
            assert!(real.iter().any(|r| r == offset), "{label}: {real:?}");
        }
    }

    #[test]
    fn fixed_offsets_are_labels() {
        for (label, zone, fixed) in [
            ("UTC+6", "Etc/GMT-6", "+06:00"),
            ("GMT+5:45", "Etc/UTC", "+05:45"),
            ("UTC+05:30", "Etc/UTC", "+05:30"),
            ("(UTC +0530)", "Etc/UTC", "+05:30"),
            ("UTC−3", "Etc/GMT+3", "-03:00"),
        ] {
            let l = parse_zone_label(label).unwrap();
            assert_eq!((l.zone.as_str(), l.fixed_offset.as_deref()), (zone, Some(fixed)), "{label}");
        }
        assert_eq!(resolve_zone("UTC+6").unwrap().as_str(), "Etc/GMT-6");
        assert_eq!(resolve_zone("GMT+5:45").unwrap_err().code, Code::TimeUnknownZone);
        // With a city, the offset is checked like an abbreviation.
        let l = parse_zone_label("GMT+5:45 / Kathmandu").unwrap();
        assert_eq!((l.zone.as_str(), l.fixed_offset.as_deref()), ("Asia/Kathmandu", None));
        assert!(l.season_mismatch(at(2025, 1, 15, 10, 0)).is_none());
        let l = parse_zone_label("UTC+1 / Geneva").unwrap();
        assert!(l.season_mismatch(at(2024, 7, 31, 10, 0)).is_some());
        for bad in ["UTC+15", "UTC+5:60", "UTC++5", "GMT+123456"] {
            assert_eq!(resolve_zone(bad).unwrap_err().code, Code::TimeUnknownZone, "{bad}");
        }
    }

    #[test]
    fn a_city_beats_a_contradicting_abbreviation() {
        let label = parse_zone_label("ICT / Geneva").unwrap();
        assert_eq!(label.zone.as_str(), "Europe/Zurich");
        assert!(label.from_place);
        let v = label.season_mismatch(at(2025, 1, 10, 9, 0)).unwrap();
        assert_eq!(v.params["true_offset"], "+01:00");
    }
}
