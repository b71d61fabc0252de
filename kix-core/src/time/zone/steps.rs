//! A zone's offsets and abbreviations as steps over time, for tables over many instants: found a year at a time, searched instead of a tz lookup per instant.

use super::*;

/// A zone's offset and abbreviation over time, found a year at a time (from 1970 to 2100) the
/// first time an instant of that year is asked for: for tables over many events, one short
/// search per instant instead of a tz lookup, as pandas keeps a zone's transitions for
/// `tz_convert`. A year's changes of offset or abbreviation are found as [`OffsetSteps`] finds
/// a span's (see [`changes`]). Instants outside those years are for the caller to look up.
#[derive(Debug, Clone)]
pub(crate) struct ZoneYears {
    pub(super) tz: Tz,
    /// The abbreviations in common use by offset (see [`common_abbreviations`]).
    pub(super) common: Vec<(i32, Abbreviation)>,
    pub(super) years: Vec<OnceLock<Vec<ZoneStep>>>,
}

/// From `from` (a UTC second) on, the zone's offset and abbreviation.
#[derive(Debug, Clone, Copy)]
pub(super) struct ZoneStep {
    pub(super) from: i64,
    pub(super) offset: i32,
    pub(super) abbreviation: Abbreviation,
}

/// The length of a "year" of [`ZoneYears`] (365.25 days: only a span of time, not a calendar year),
/// and how many of them from 1970.
pub(super) const ZONE_YEAR: (i64, usize) = (31_557_600, 131);

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
pub(super) fn changes<K: PartialEq>(lo: i64, hi: i64, key: impl Fn(i64) -> K) -> Vec<i64> {
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
pub(super) fn offset_seconds(tz: Tz, s: i64) -> Option<i64> {
    let t = DateTime::from_timestamp(s, 0)?;
    Some(i64::from(tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()))
}

/// A zone's offset as a step function over a span of UTC seconds: for a column, one
/// binary search per value instead of a tz lookup.
pub(super) struct OffsetSteps {
    /// (first UTC second, offset from then on), in order.
    pub(super) steps: Vec<(i64, i64)>,
    pub(super) lo: i64,
    pub(super) hi: i64,
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
