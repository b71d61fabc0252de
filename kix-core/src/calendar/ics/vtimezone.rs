//! VTIMEZONE blocks: a zone's transitions from a year before the first event, then its yearly rules as RRULE observances.

use super::*;

pub(super) fn offset_at(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()
}

/// The instants in `[from, to)` at which the zone's offset changes.
pub(super) fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let step = Duration::hours(12);
    let mut a = from;
    let mut offset_a = offset_at(tz, a);
    while a < to {
        let b = a.checked_add_signed(step).unwrap_or(to).min(to);
        let offset_b = offset_at(tz, b);
        if offset_a != offset_b {
            // Bisect to the second.
            let (mut lo, mut hi) = (a, b);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == offset_a { lo = mid } else { hi = mid }
            }
            out.push(hi);
        }
        (a, offset_a) = (b, offset_b);
    }
    out
}

/// A change of a zone's offset, as a `VTIMEZONE` observance describes it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Transition {
    pub(super) at: DateTime<Utc>,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) dst: bool,
    pub(super) name: Abbreviation,
}

impl Transition {
    fn new(tz: Tz, at: DateTime<Utc>) -> Self {
        let info = offset_info(tz, at);
        let before = at.checked_sub_signed(Duration::seconds(1)).unwrap_or(at);
        Transition { at, from: offset_at(tz, before), to: info.offset_seconds, dst: info.dst, name: info.abbreviation }
    }

    /// The onset in local time as it was just before (what `DTSTART` of an observance is).
    fn onset(&self) -> NaiveDateTime {
        self.at.naive_utc().checked_add_signed(Duration::seconds(i64::from(self.from))).unwrap_or(self.at.naive_utc())
    }

    /// What a yearly rule must keep from one year to the next, and the weeks of the
    /// month this onset is in (`n` for the n-th weekday, -1 for the last).
    fn yearly(&self) -> (YearlyKey, Vec<i32>, i32) {
        let onset = self.onset();
        let day = onset.day();
        let days_in_month = days_in_month(onset.date());
        let mut weeks = Vec::new();
        if day <= 28 {
            weeks.push(i32::try_from((day - 1) / 7 + 1).unwrap_or(1));
        }
        if day + 7 > days_in_month {
            weeks.push(-1);
        }
        let key = YearlyKey {
            dst: self.dst,
            from: self.from,
            to: self.to,
            name: self.name,
            month: onset.month(),
            weekday: onset.weekday(),
            time: onset.time(),
        };
        (key, weeks, onset.year())
    }
}

pub(super) fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(31, |last| last.day())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct YearlyKey {
    pub(super) dst: bool,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) name: Abbreviation,
    pub(super) month: u32,
    pub(super) weekday: chrono::Weekday,
    pub(super) time: NaiveTime,
}

/// One yearly observance: the onsets of one kind of change, the same weekday of
/// the same week of the same month every year.
pub(super) struct YearlyRule {
    pub(super) key: YearlyKey,
    pub(super) weeks: Vec<i32>,
    pub(super) first_year: i32,
    pub(super) first: Transition,
}

/// The transitions from `transitions` onwards that follow two yearly rules to
/// the end of the tz database's data (the zone's current rules), and the index
/// where they start; `None` when the zone's last transitions follow no such rule.
pub(super) fn yearly_tail(list: &[Transition]) -> Option<(usize, [YearlyRule; 2])> {
    let last = list.last()?;
    // chrono-tz lists transitions through 2099: rules still in force reach it.
    if last.at.year() < 2090 {
        return None;
    }
    let mut rules: Vec<YearlyRule> = Vec::new();
    let mut start = list.len();
    for (i, t) in list.iter().enumerate().rev() {
        let (key, weeks, year) = t.yearly();
        let count = rules.len();
        match rules.iter_mut().find(|r| r.key == key) {
            Some(rule) => {
                let common: Vec<i32> = rule.weeks.iter().copied().filter(|w| weeks.contains(w)).collect();
                if year != rule.first_year - 1 || common.is_empty() {
                    break;
                }
                (rule.weeks, rule.first_year, rule.first) = (common, year, *t);
            }
            None if count < 2 => rules.push(YearlyRule { key, weeks, first_year: year, first: *t }),
            None => break,
        }
        start = i;
    }
    let [a, b]: [YearlyRule; 2] = rules.try_into().ok()?;
    (a.first_year < 2090 && b.first_year < 2090).then_some((start, [a, b]))
}

/// Every transition of a zone from 1970 to the end of the tz database's data (2099), found
/// once per zone and process: a feed of many events asks for the same zones again and again.
pub(super) fn zone_transitions(tz: Tz) -> std::sync::Arc<Vec<Transition>> {
    type Cache = std::sync::Mutex<std::collections::HashMap<Tz, std::sync::Arc<Vec<Transition>>>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&tz).cloned()) {
        return found;
    }
    let (from, to) = (Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0), Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0));
    let list = match (from.single(), to.single()) {
        (Some(from), Some(to)) => transitions(tz, from, to).into_iter().map(|at| Transition::new(tz, at)).collect(),
        _ => Vec::new(),
    };
    let list = std::sync::Arc::new(list);
    if let Ok(mut c) = cache.lock() {
        c.insert(tz, list.clone());
    }
    list
}

/// Writes a `VTIMEZONE` for the zone, right from before `first` for as long as the tz database
/// knows the zone: the transition in force a year before `first` (or the offset of 1970), every
/// transition after it until the zone's current yearly rules take over, and those rules as
/// `RRULE` observances from their own first onset — or, for a zone that no longer changes its
/// clocks, every transition until it stopped. A client that caches the block by `TZID` reads
/// every later event right.
pub(super) fn vtimezone(tz: Tz, first: DateTime<Utc>, last: DateTime<Utc>, lines: &mut Vec<String>) {
    let window_start = first.checked_sub_signed(Duration::days(370)).unwrap_or(first);
    let all = zone_transitions(tz);
    lines.push("BEGIN:VTIMEZONE".into());
    lines.push(format!("TZID:{}", tz.name()));
    let observance = |lines: &mut Vec<String>, t: &Transition, rule: Option<String>| {
        let kind = if t.dst { "DAYLIGHT" } else { "STANDARD" };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", ics_local(t.onset())));
        if let Some(rule) = rule {
            lines.push(rule);
        }
        lines.push(format!("TZOFFSETFROM:{}", ics_offset(t.from)));
        lines.push(format!("TZOFFSETTO:{}", ics_offset(t.to)));
        lines.push(format!("TZNAME:{}", escape_text(t.name.as_str())));
        lines.push(format!("END:{kind}"));
    };
    // Each of the current rules as a yearly RRULE from its first onset.
    let yearly_observances = |lines: &mut Vec<String>, rules: &[YearlyRule]| {
        for rule in rules {
            let week = rule.weeks.first().copied().unwrap_or(-1);
            let rrule =
                format!("RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={week}{}", rule.key.month, weekday_code(rule.key.weekday));
            observance(lines, &rule.first, Some(rrule));
        }
    };
    // The observance in force at the window's start: its real onset, or 1970 for a zone that has
    // not changed since.
    let in_force = all.iter().rposition(|t| t.at <= window_start);
    let base = match in_force.and_then(|i| all.get(i)) {
        Some(t) => *t,
        None => {
            let at = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).single().unwrap_or(window_start).min(window_start);
            let info = offset_info(tz, at);
            Transition {
                at,
                from: info.offset_seconds,
                to: info.offset_seconds,
                dst: info.dst,
                name: info.abbreviation,
            }
        }
    };
    let after = in_force.map_or(0, |i| i + 1);
    match yearly_tail(&all) {
        Some((start, rules)) if start <= after => {
            // The current rules were already in force: they alone describe the window and beyond.
            yearly_observances(lines, &rules);
        }
        Some((start, rules)) => {
            observance(lines, &base, None);
            for t in all.iter().take(start).skip(after) {
                observance(lines, t, None);
            }
            yearly_observances(lines, &rules);
        }
        None => {
            observance(lines, &base, None);
            let still_changing = all.last().is_some_and(|t| t.at.year() >= 2090);
            let until = if still_changing {
                last.checked_add_signed(Duration::days(370)).unwrap_or(last)
            } else {
                DateTime::<Utc>::MAX_UTC
            };
            for t in all.iter().skip(after).filter(|t| t.at < until) {
                observance(lines, t, None);
            }
        }
    }
    lines.push("END:VTIMEZONE".into());
}
