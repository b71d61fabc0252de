//! Reading the date and time lines of event pages.
//!
//! Event pages write things like `31 July 2024` and `1:00 – 2:30 PM (CET /
//! Geneva)`, or several zones on one line: `6:00 – 8:00 AM (CET / Geneva) /
//! 11:00 AM – 1:00 PM (BTT / Thimphu)`. [`parse_listing`] turns a date text and
//! a time text into a [`Schedule`]: start and end in the organiser's zone (the
//! first zone on the line), the zone, and warnings — the other zones
//! cross-checked (`time.listing_mismatch`), a weekday that does not match the
//! date (`time.weekday_mismatch`), an abbreviation that does not fit the
//! season (`time.label_season_mismatch`).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::country::{Weekday, truncate};
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};
use crate::time::zone::{LabelClock, ZoneId, ZoneLabel, parse_zone_label};

/// A listing read into instants.
///
/// ```
/// let s = kix_core::parse_listing("3 March 2025", "15.30-17.00 (CET-Geneva)")?;
/// assert_eq!(s.start.to_rfc3339(), "2025-03-03T15:30:00+01:00");
/// assert_eq!(s.start_utc().to_rfc3339(), "2025-03-03T14:30:00+00:00");
/// assert_eq!(s.zone.as_str(), "Europe/Zurich");
/// assert!(s.warnings.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Start, in the organiser's zone, with its real offset.
    pub start: DateTime<FixedOffset>,
    /// End, in the organiser's zone, with its real offset.
    pub end: DateTime<FixedOffset>,
    /// The organiser's IANA zone (for a fixed offset that no IANA zone has,
    /// such as `UTC+05:30`, `Etc/UTC`: `start` and `end` carry the offset).
    pub zone: ZoneId,
    /// Warnings: season mismatches, other zones that disagree, a wrong weekday.
    pub warnings: Vec<Violation>,
}

impl Schedule {
    /// The start in UTC.
    ///
    /// ```
    /// let s = kix_core::parse_listing("June 4 2025", "10:00 am - 11:15 am CEST")?;
    /// assert_eq!(s.start_utc().to_rfc3339(), "2025-06-04T08:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn start_utc(&self) -> DateTime<Utc> {
        self.start.with_timezone(&Utc)
    }

    /// The organiser's wall-clock start, as the page wrote it. Read it here
    /// rather than from `zone`: for a fixed offset that no IANA zone has
    /// (`UTC+05:30`), `zone` is `Etc/UTC` and only `start` carries the offset.
    ///
    /// ```
    /// let s = kix_core::parse_listing("15 January 2025", "10:00-11:00 UTC+05:30")?;
    /// assert_eq!(s.local_start().to_string(), "2025-01-15 10:00:00");
    /// assert_eq!(s.start_utc().to_rfc3339(), "2025-01-15T04:30:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_start(&self) -> NaiveDateTime {
        LabelClock::Fixed(*self.start.offset()).wall_time(self.start_utc())
    }

    /// The organiser's wall-clock end (see [`Schedule::local_start`]).
    ///
    /// ```
    /// let s = kix_core::parse_listing("15 January 2025", "10 pm till midnight (GMT+5:45)")?;
    /// assert_eq!(s.local_end().to_string(), "2025-01-16 00:00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_end(&self) -> NaiveDateTime {
        LabelClock::Fixed(*self.end.offset()).wall_time(self.end_utc())
    }

    /// The end in UTC.
    ///
    /// ```
    /// let s = kix_core::parse_listing("June 4 2025", "10:00 am - 11:15 am CEST")?;
    /// assert_eq!(s.end_utc().to_rfc3339(), "2025-06-04T09:15:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn end_utc(&self) -> DateTime<Utc> {
        self.end.with_timezone(&Utc)
    }
}

fn unparseable(part: &str, text: &str, reason: &str) -> Violation {
    Violation::new(Code::TimeUnparseable, part, format!("cannot read {:?}: {reason}", truncate(text, 80)))
        .with_param("part", part)
        .with_param("text", truncate(text, 200))
        .with_param("reason", reason)
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// A word as the date reader compares it: lower case, no trailing dot.
fn date_word(word: &str) -> String {
    word.to_lowercase().trim_end_matches('.').to_owned()
}

/// The month a word names in English, Russian or French (every CLDR form:
/// "July", "Jul", "июля", "июль", "juillet", "juil."), or an English
/// three-letter start ("Sep").
fn month_of(word: &str) -> Option<u32> {
    let w = date_word(word);
    if w == "sept" {
        return Some(9);
    }
    let words = crate::language::words::words();
    let named = words
        .months
        .values()
        .find_map(|months| months.iter().position(|forms| forms.iter().any(|f| f.trim_end_matches('.') == w)));
    let english = || {
        let months = words.months.get("en")?;
        months.iter().position(|forms| w.chars().count() == 3 && forms.first().is_some_and(|f| f.starts_with(&w)))
    };
    named.or_else(english).and_then(|i| u32::try_from(i + 1).ok())
}

/// The weekday a word names in English, Russian or French ("Wednesday",
/// "Wed", "среда", "в среду", "mercredi"), or an English start of three
/// letters or more ("Thurs").
fn weekday_of(word: &str) -> Option<Weekday> {
    let w = date_word(word);
    // Russian writes the day in the accusative after "в": "в среду", "в пятницу".
    let nominative = w.strip_suffix('у').map(|stem| format!("{stem}а"));
    let words = crate::language::words::words();
    let named = words.weekdays.values().find_map(|days| {
        days.iter().position(|forms| {
            forms.iter().any(|f| {
                let f = f.trim_end_matches('.');
                f == w || nominative.as_deref() == Some(f)
            })
        })
    });
    let english = || {
        let days = words.weekdays.get("en")?;
        days.iter().position(|forms| w.chars().count() >= 3 && forms.first().is_some_and(|f| f.starts_with(&w)))
    };
    named.or_else(english).and_then(|i| WEEKDAYS.get(i).copied())
}

/// Words a date may carry that say nothing more: Russian "г." and "года"
/// after the year, "в" before the weekday, French "le".
fn is_date_filler(word: &str) -> bool {
    matches!(date_word(word).as_str(), "г" | "года" | "год" | "в" | "le" | "the" | "of")
}

/// Reads a date text: `31 July 2024`, `June 4 2025`, `Tuesday, 9 December
/// 2025`, `31st July 2024`, `July 31, 2024`, `2025-03-14` or `14.03.2025`,
/// and the Russian and French forms: `31 июля 2024 г.`, `среда, 27 ноября
/// 2024`, `31 juillet 2024`, `mercredi 1er août 2024`.
/// Slash dates (`4/6/2025`) are refused: day and month order is ambiguous.
fn parse_date(text: &str) -> Result<(NaiveDate, Option<Weekday>), Violation> {
    let trimmed = text.trim();
    let fail = |reason: &str| unparseable("date_text", text, reason);
    if trimmed.len() > 100 {
        return Err(fail("too long for a date"));
    }
    if let Ok(d) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return Ok((d, None));
    }
    if trimmed.contains('/') {
        return Err(fail("a numeric date with slashes is ambiguous (day/month or month/day); write the month's name"));
    }
    let (mut day, mut month, mut year, mut weekday) = (None, None, None, None);
    let set = |slot: &mut Option<u32>, v: u32, what: &str| -> Result<(), Violation> {
        if slot.replace(v).is_some() { Err(fail(&format!("two {what}s"))) } else { Ok(()) }
    };
    let tokens: Vec<&str> = trimmed.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    // CLDR writes the era after a year of fewer than four digits ("March 30, 25 AD").
    let is_era = |t: &str| matches!(date_word(t).as_str(), "ad" | "ce" | "н. э" | "н.э" | "ap. j.-c");
    for (i, &token) in tokens.iter().enumerate() {
        let before_era = tokens.get(i + 1).is_some_and(|next| is_era(next));
        if is_era(token) {
            continue;
        }
        if let Some(dmy) = dotted_date(token) {
            set(&mut day, dmy.0, "day")?;
            set(&mut month, dmy.1, "month")?;
            set(&mut year, dmy.2, "year")?;
        } else if let Some(m) = month_of(token) {
            set(&mut month, m, "month")?;
        } else if let Some(w) = weekday_of(token) {
            if weekday.replace(w).is_some() {
                return Err(fail("two weekdays"));
            }
        } else if is_date_filler(token) {
            continue;
        } else {
            let bare = token.trim_end_matches('.');
            let digits = bare.trim_end_matches(char::is_alphabetic).trim_end_matches('.');
            let suffix = bare.get(digits.len()..).unwrap_or("").trim_start_matches('.').to_lowercase();
            let number: u32 = digits.parse().map_err(|_| fail(&format!("unknown word {:?}", truncate(token, 20))))?;
            // "31st", French "1er", Russian "2024г.".
            if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th" | "er" | "г") {
                return Err(fail(&format!("unknown word {:?}", truncate(token, 20))));
            }
            if digits.len() == 4 || before_era {
                set(&mut year, number, "year")?;
            } else if digits.len() <= 2 {
                set(&mut day, number, "day")?;
            } else {
                return Err(fail(&format!("{token:?} is neither a day nor a year")));
            }
        }
    }
    let (Some(d), Some(m), Some(y)) = (day, month, year) else {
        return Err(fail("a date needs a day, a month and a year"));
    };
    let year = i32::try_from(y).map_err(|_| fail("year out of range"))?;
    let date = NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| fail("no such day"))?;
    Ok((date, weekday))
}

fn dotted_date(token: &str) -> Option<(u32, u32, u32)> {
    let mut parts = token.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?))
}

/// A clock reading as written: hour, minutes, and AM/PM if given.
#[derive(Debug, Clone, Copy)]
struct Clock {
    hour: u32,
    minute: u32,
    pm: Option<bool>,
    has_minutes: bool,
}

impl Clock {
    fn with_meridiem(self, pm: bool) -> Option<u32> {
        if !(1..=12).contains(&self.hour) {
            return None;
        }
        Some(self.hour % 12 + if pm { 12 } else { 0 })
    }
}

struct Scanner {
    chars: Vec<char>,
}

impl Scanner {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    }

    fn digits(&self, mut i: usize, max: usize) -> Option<(u32, usize, usize)> {
        let start = i;
        let mut value = 0u32;
        while let Some(d) = self.at(i).and_then(|c| c.to_digit(10)) {
            if i - start == max {
                return None;
            }
            value = value * 10 + d;
            i += 1;
        }
        (i > start).then_some((value, i, i - start))
    }

    /// `am`, `pm`, `a.m.`, `p.m.` in any case, ending at a word boundary.
    fn meridiem(&self, i: usize) -> Option<(bool, usize)> {
        let j = self.skip_spaces(i);
        let first = self.at(j)?.to_ascii_lowercase();
        let pm = match first {
            'a' => false,
            'p' => true,
            _ => return None,
        };
        let mut k = j + 1;
        if self.at(k) == Some('.') {
            k += 1;
        }
        if !self.at(k)?.eq_ignore_ascii_case(&'m') {
            return None;
        }
        k += 1;
        if self.at(k) == Some('.') {
            k += 1;
        }
        if self.at(k).is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some((pm, k))
    }

    /// The word at `i` if it is one of `words` (any case), and where it ends.
    fn word(&self, i: usize, words: &[&'static str]) -> Option<(&'static str, usize)> {
        let rest: String = self.chars.iter().skip(i).take(9).collect::<String>().to_lowercase();
        words.iter().find_map(|w| {
            let end = i + w.chars().count();
            (rest.starts_with(w) && !self.at(end).is_some_and(char::is_alphanumeric)).then_some((*w, end))
        })
    }

    fn clock(&self, i: usize) -> Option<(Clock, usize)> {
        if i > 0 && self.at(i - 1).is_some_and(char::is_alphanumeric) {
            return None;
        }
        // "noon", "midday" and "midnight" are 12 PM and 12 AM; a range ending at
        // midnight ends the next day, like one ending at 24:00.
        // ("11 noon" is no time: the word after any number but 12 is refused.)
        let after_number =
            self.chars.iter().take(i).rev().find(|c| !c.is_whitespace()).is_some_and(char::is_ascii_digit);
        if let Some((w, end)) = self.word(i, &["noon", "midday", "midnight"]).filter(|_| !after_number) {
            return Some((Clock { hour: 12, minute: 0, pm: Some(w != "midnight"), has_minutes: true }, end));
        }
        let (hour, mut j, _) = self.digits(i, 2)?;
        let mut minute = 0;
        let mut has_minutes = false;
        if matches!(self.at(j), Some(':' | '.' | 'h'))
            && let Some((m, k, 2)) = self.digits(j + 1, 2)
        {
            minute = m;
            has_minutes = true;
            j = k;
        } else if let Some(k) = self.hour_mark(j) {
            // French "13 h", "13 h 30", "13h": the mark makes it a time of a 24-hour clock.
            has_minutes = true;
            j = k;
            let after = self.skip_spaces(k);
            if let Some((m, end, 2)) = self.digits(after, 2) {
                minute = m;
                j = end;
            }
        }
        if self.at(j).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let (pm, j) = match self.meridiem(j) {
            Some((pm, k)) => (Some(pm), k),
            // "12 noon", "12 midnight".
            None => match self.word(self.skip_spaces(j), &["noon", "midday", "midnight"]) {
                Some((w, k)) if hour == 12 && minute == 0 => (Some(w != "midnight"), k),
                _ => (None, j),
            },
        };
        Some((Clock { hour, minute, pm, has_minutes }, j))
    }

    /// The French hour mark `h` after an hour ("13 h", "13h"), not the start
    /// of a word ("13 hrs"): where it ends.
    fn hour_mark(&self, i: usize) -> Option<usize> {
        let j = self.skip_spaces(i);
        (self.at(j) == Some('h') && !self.at(j + 1).is_some_and(char::is_alphabetic)).then_some(j + 1)
    }

    fn dash(&self, i: usize) -> Option<usize> {
        let j = self.skip_spaces(i);
        match self.at(j)? {
            '-' | '–' | '—' | '‒' | '−' => Some(j + 1),
            _ => {
                // English, Russian ("с 13:00 до 14:30") and French ("de 13 h à 14 h 30").
                let rest: String = self.chars.iter().skip(j).take(6).collect::<String>().to_lowercase();
                ["until ", "till ", "to ", "до ", "à "]
                    .iter()
                    .find(|w| rest.starts_with(*w))
                    .map(|w| j + w.chars().count() - 1)
            }
        }
    }

    fn range(&self, i: usize) -> Option<(Clock, Clock, usize)> {
        let (a, j) = self.clock(i)?;
        let j = self.dash(j)?;
        let j = self.skip_spaces(j);
        let (b, k) = self.clock(j)?;
        (a.has_minutes || b.has_minutes || a.pm.is_some() || b.pm.is_some()).then_some((a, b, k))
    }

    fn slice(&self, from: usize, to: usize) -> String {
        self.chars.iter().skip(from).take(to.saturating_sub(from)).collect()
    }
}

/// A time range and the zone label that follows it.
struct Segment {
    start: NaiveTime,
    /// A range starting at 24:00 starts at the end of the day, the next day's 00:00.
    start_next_day: bool,
    end: NaiveTime,
    label: String,
}

fn resolve_meridiems(a: Clock, b: Clock) -> Option<(u32, u32)> {
    // A 24-hour reading beside a 12-hour one ("midday until 13:00") stands as written.
    let on_24_hours = |c: Clock| c.pm.is_none() && (c.hour == 0 || c.hour > 12);
    match (a.pm, b.pm) {
        (Some(pa), None) if on_24_hours(b) => Some((a.with_meridiem(pa)?, b.hour)),
        (None, Some(pb)) if on_24_hours(a) => Some((a.hour, b.with_meridiem(pb)?)),
        (Some(pa), Some(pb)) => Some((a.with_meridiem(pa)?, b.with_meridiem(pb)?)),
        (None, Some(pb)) => {
            let end = b.with_meridiem(pb)?;
            let same = a.with_meridiem(pb)?;
            let start = if (same * 60 + a.minute) <= (end * 60 + b.minute) { same } else { a.with_meridiem(!pb)? };
            Some((start, end))
        }
        (Some(pa), None) => {
            let start = a.with_meridiem(pa)?;
            let same = b.with_meridiem(pa)?;
            let end = if (same * 60 + b.minute) > (start * 60 + a.minute) { same } else { b.with_meridiem(!pa)? };
            Some((start, end))
        }
        (None, None) => Some((a.hour, b.hour)),
    }
}

fn parse_segments(text: &str) -> Result<Vec<Segment>, Violation> {
    let fail = |reason: &str| unparseable("time_text", text, reason);
    // A line for every zone of the hub's 21 countries runs to about 1,000 characters.
    if text.chars().count() > 2_000 {
        return Err(fail("too long for a time line"));
    }
    let s = Scanner { chars: text.chars().collect() };
    let mut found: Vec<(Clock, Clock, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < s.chars.len() {
        if let Some((a, b, end)) = s.range(i) {
            found.push((a, b, i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    if found.is_empty() {
        return Err(fail("no time range such as \"1:00 – 2:30 PM\" or \"15.30-17.00\""));
    }
    let prefix = s.slice(0, found.first().map_or(0, |f| f.2));
    let mut segments = Vec::new();
    for (k, &(a, b, _, end)) in found.iter().enumerate() {
        let next = found.get(k + 1).map_or(s.chars.len(), |f| f.2);
        let mut label = clean_label(&s.slice(end, next));
        if k == 0 && label.is_empty() {
            label = clean_label(&prefix);
        }
        let (h1, h2) = resolve_meridiems(a, b).ok_or_else(|| fail("an hour out of range for a 12-hour clock"))?;
        let start_next_day = h1 == 24 && a.minute == 0;
        let start = if start_next_day {
            NaiveTime::MIN
        } else {
            NaiveTime::from_hms_opt(h1, a.minute, 0).ok_or_else(|| fail("no such time"))?
        };
        let end = if h2 == 24 && b.minute == 0 {
            NaiveTime::MIN
        } else {
            NaiveTime::from_hms_opt(h2, b.minute, 0).ok_or_else(|| fail("no such time"))?
        };
        segments.push(Segment { start, start_next_day, end, label });
    }
    Ok(segments)
}

fn clean_label(raw: &str) -> String {
    raw.trim_matches(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '|' | ';' | '+' | '&'))
        .trim_start_matches("and ")
        .trim()
        .to_owned()
}

/// The text without Unicode's direction controls (isolates, embeddings, marks).
fn without_bidi_controls(text: &str) -> String {
    text.chars()
        .filter(
            |c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
        )
        .collect()
}

/// Reads an event listing's date and time texts into a [`Schedule`].
///
/// The first zone on the time line is the organiser's; its wall time decides
/// the instants, and a city in its label beats an abbreviation. The other
/// zones are cross-checked. Errors (`time.unparseable`, `time.unknown_zone`,
/// a wall time that does not exist or happens twice) come back together as
/// [`Error::Rejected`]; warnings ride on the schedule.
///
/// ```
/// use kix_core::{Code, parse_listing};
/// let s = parse_listing("31 July 2024", "1:00 – 2:30 PM (CET / Geneva)")?;
/// assert_eq!(s.start_utc().to_rfc3339(), "2024-07-31T11:00:00+00:00");
/// assert_eq!(s.end_utc().to_rfc3339(), "2024-07-31T12:30:00+00:00");
/// assert_eq!(s.warnings[0].code, Code::TimeLabelSeasonMismatch);
///
/// let s = parse_listing("Friday, 14 March 2025", "9:00-10:30 (Geneva / CET) / 16:00-17:30 (Bangkok / ICT)")?;
/// assert_eq!(s.warnings[0].code, Code::TimeListingMismatch);
/// assert_eq!(s.warnings[0].params["expected_start"], "15:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_listing(date_text: &str, time_text: &str) -> Result<Schedule, Error> {
    // Text copied from a right-to-left page carries invisible direction marks.
    let (date_text, time_text) = (&without_bidi_controls(date_text), &without_bidi_controls(time_text));
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let date = match parse_date(date_text) {
        Ok((date, weekday)) => {
            if let Some(given) = weekday {
                let actual = Weekday::from(date.weekday());
                if given != actual {
                    warnings.push(
                        Violation::new(
                            Code::TimeWeekdayMismatch,
                            "date_text",
                            format!("{date} is a {actual}, not a {given}"),
                        )
                        .with_param("date", date)
                        .with_param("weekday_given", given)
                        .with_param("weekday_actual", actual),
                    );
                }
            }
            Some(date)
        }
        Err(v) => {
            errors.push(v);
            None
        }
    };
    let segments = parse_segments(time_text).map_err(|v| errors.push(v)).ok();
    let labels: Vec<Option<ZoneLabel>> = segments
        .iter()
        .flatten()
        .map(|seg| {
            if seg.label.is_empty() {
                errors.push(unparseable("time_text", time_text, "no time zone after the time range"));
                return None;
            }
            parse_zone_label(&seg.label)
                .map_err(|mut v| {
                    v.path = "time_text".into();
                    errors.push(v);
                })
                .ok()
        })
        .collect();
    let (Some(date), Some(segments)) = (date, segments) else { return Err(Error::Rejected(errors)) };
    let (Some(first), Some(Some(label))) = (segments.first(), labels.first()) else {
        return Err(Error::Rejected(errors));
    };
    let clock = label.clock()?;
    let day = if first.start_next_day { date.succ_opt() } else { Some(date) };
    let Some(day) = day else {
        return Err(Error::Rejected(vec![unparseable(
            "date_text",
            date_text,
            "the date is at the end of the calendar",
        )]));
    };
    let wall_start = day.and_time(first.start);
    let mut wall_end = day.and_time(first.end);
    if wall_end <= wall_start {
        match wall_end.checked_add_signed(Duration::days(1)) {
            Some(next_day) => wall_end = next_day,
            None => {
                return Err(Error::Rejected(vec![unparseable(
                    "date_text",
                    date_text,
                    "the date is at the end of the calendar",
                )]));
            }
        }
    }
    let resolve = |wall: NaiveDateTime, errors: &mut Vec<Violation>| {
        clock
            .instant(wall)
            .map_err(|mut v| {
                v.path = "time_text".into();
                errors.push(v);
            })
            .ok()
    };
    let start = resolve(wall_start, &mut errors);
    let end = resolve(wall_end, &mut errors);
    let (Some(start), Some(end)) = (start, end) else { return Err(Error::Rejected(errors)) };
    if let Some(mut v) = label.season_mismatch(wall_start) {
        v.path = "time_text".into();
        warnings.push(v);
    }
    for (seg, other) in segments.iter().zip(&labels).skip(1) {
        let Some(other) = other else { continue };
        let Ok(other_clock) = other.clock() else { continue };
        let (expected_start, expected_end) =
            (other_clock.wall_time(start.with_timezone(&Utc)), other_clock.wall_time(end.with_timezone(&Utc)));
        let hm = |t: NaiveTime| format!("{:02}:{:02}", t.hour(), t.minute());
        if expected_start.time() != seg.start || expected_end.time() != seg.end {
            warnings.push(
                Violation::new(
                    Code::TimeListingMismatch,
                    "time_text",
                    format!(
                        "{} gives {}–{}, but {}–{} in {} is {}–{} there",
                        other.label,
                        hm(seg.start),
                        hm(seg.end),
                        hm(first.start),
                        hm(first.end),
                        label.zone,
                        hm(expected_start.time()),
                        hm(expected_end.time())
                    ),
                )
                .with_param("label", &other.label)
                .with_param("zone", other.zone.as_str())
                .with_param("given_start", hm(seg.start))
                .with_param("given_end", hm(seg.end))
                .with_param("expected_start", hm(expected_start.time()))
                .with_param("expected_end", hm(expected_end.time())),
            );
        }
        if let Some(mut v) = other.season_mismatch(expected_start) {
            v.path = "time_text".into();
            warnings.push(v);
        }
    }
    if !errors.is_empty() {
        return Err(Error::Rejected(errors));
    }
    Ok(Schedule { start, end, zone: label.zone.clone(), warnings })
}

#[cfg(feature = "i18n")]
mod write;
#[cfg(feature = "i18n")]
pub use write::*;

#[cfg(test)]
mod tests;
