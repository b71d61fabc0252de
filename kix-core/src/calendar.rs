//! Calendar files (RFC 5545): one event, a feed of many, invitations and
//! cancellations for registrants, and the check of what clients will make of them.
//!
//! Every file keeps the organiser's wall time and zone (`DTSTART;TZID=...`) and
//! carries one `VTIMEZONE` per zone, valid for as long as the tz database knows
//! the zone's rules: the transitions from a year before the first event, then
//! the zone's yearly rules as `RRULE` observances (or, for a zone that stopped
//! changing its clocks, every transition until it stopped), so a client that
//! caches a block by `TZID` reads later events right too.
//!
//! - A series is one `VEVENT` with `RRULE`, `EXDATE`s for cancelled
//!   occurrences and a `RECURRENCE-ID` override for every moved occurrence, and
//!   for every occurrence clients could read differently: one whose start a DST
//!   change skips or repeats (written in UTC) or during which the clocks change
//!   (written with its own end, since some clients add durations on the wall clock).
//! - Durations are elapsed time: a single event's `DTEND` is the wall time of
//!   its end instant; a series' `DURATION` is its exact length.
//! - Text is escaped (RFC 5545), parameter values are encoded (RFC 6868) and
//!   quoted when they hold `:`, `;` or `,`; lines are folded at 75 octets.
//! - `ORGANIZER` is the first organiser with an e-mail, as `mailto:`; without
//!   one it is left out, and so is `METHOD` (an iTIP method needs an organiser).
//! - The join link is in `URL` and in `DESCRIPTION`; the registration policy's
//!   reminders become `VALARM`s.
//! - [`invitation`] writes a registrant's `METHOD:REQUEST` (with `ATTENDEE` and
//!   `PARTSTAT` from the registration book) or `METHOD:CANCEL`.
//! - [`check`] warns of a start in a DST fold and of times that changed without
//!   a higher `SEQUENCE`; [`Event::reschedule`] raises it.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::book::{BookEntry, BookStatus, RegistrationBook};
use crate::country::CountryCode;
use crate::error::Error;
use crate::event::{Event, EventStatus, Location, Party, language_name};
use crate::hub::Hub;
use crate::recurrence::{Frequency, Occurrence, chrono_day};
use crate::violation::{Code, Violation};
use crate::zone::{Abbreviation, Disambiguation, LocalResolution, from_local, offset_info, resolve_local};

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and
/// newlines; other control characters, which no TEXT may carry, are dropped.
///
/// ```
/// assert_eq!(kix_core::calendar::escape_text("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
/// assert_eq!(kix_core::calendar::escape_text("x\u{0}y\u{7}"), "xy");
/// ```
#[must_use]
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character,
/// continuing with CRLF and a space, and ends it with CRLF.
///
/// ```
/// let line = format!("DESCRIPTION:{}", "é".repeat(60));
/// let folded = kix_core::calendar::fold_line(&line);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
/// ```
#[must_use]
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

/// Encodes a parameter value (RFC 6868 and RFC 5545 §3.2): `^` as `^^`, a
/// newline as `^n`, a double quote as `^'`, other control characters dropped,
/// and the whole in double quotes when it holds `:`, `;` or `,`.
///
/// ```
/// use kix_core::calendar::param_value;
/// assert_eq!(param_value("\"Pro Didactica\""), "^'Pro Didactica^'");
/// assert_eq!(param_value("NORRAG: Geneva; CH"), "\"NORRAG: Geneva; CH\"");
/// assert_eq!(param_value("a^n\nb"), "a^^n^nb");
/// ```
#[must_use]
pub fn param_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("^n");
            }
            '\n' => out.push_str("^n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.contains([':', ';', ',']) { format!("\"{out}\"") } else { out }
}

/// An e-mail address as a `mailto:` URI (RFC 6068): the domain in its ASCII
/// form, every octet of the local part that a URI cannot carry percent-encoded.
/// `None` when the address is not valid.
///
/// ```
/// use kix_core::calendar::mailto;
/// assert_eq!(mailto("Aigerim@Example.KG").as_deref(), Some("mailto:Aigerim@example.kg"));
/// assert_eq!(mailto("анна@пример.рф").as_deref(), Some("mailto:%D0%B0%D0%BD%D0%BD%D0%B0@xn--e1afmkfd.xn--p1ai"));
/// assert_eq!(mailto("not an address"), None);
/// ```
#[must_use]
pub fn mailto(email: &str) -> Option<String> {
    let email = crate::email::Email::parse(email).ok()?;
    let mut out = String::from("mailto:");
    for b in email.local_part().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$'*+=^".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out.push('@');
    out.push_str(email.ascii_domain());
    Some(out)
}

fn ics_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if s == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{s:02}") }
}

fn ics_local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn ics_utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// An exact duration (RFC 5545 §3.3.6, hours, minutes and seconds only: no
/// nominal days), e.g. `PT1H30M`; negative for alarms before the start.
fn ics_duration(length: Duration) -> String {
    let total = length.num_seconds();
    let sign = if total < 0 { "-" } else { "" };
    let abs = total.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    let mut out = format!("{sign}PT");
    if h > 0 {
        let _ = write!(out, "{h}H");
    }
    if m > 0 {
        let _ = write!(out, "{m}M");
    }
    if s > 0 || abs == 0 {
        let _ = write!(out, "{s}S");
    }
    out
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()
}

/// The instants in `[from, to)` at which the zone's offset changes.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
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
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    dst: bool,
    name: Abbreviation,
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

fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(31, |last| last.day())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearlyKey {
    dst: bool,
    from: i32,
    to: i32,
    name: Abbreviation,
    month: u32,
    weekday: chrono::Weekday,
    time: NaiveTime,
}

/// One yearly observance: the onsets of one kind of change, the same weekday of
/// the same week of the same month every year.
struct YearlyRule {
    key: YearlyKey,
    weeks: Vec<i32>,
    first_year: i32,
    first: Transition,
}

/// The transitions from `transitions` onwards that follow two yearly rules to
/// the end of the tz database's data (the zone's current rules), and the index
/// where they start; `None` when the zone's last transitions follow no such rule.
fn yearly_tail(list: &[Transition]) -> Option<(usize, [YearlyRule; 2])> {
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
fn zone_transitions(tz: Tz) -> std::sync::Arc<Vec<Transition>> {
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
fn vtimezone(tz: Tz, first: DateTime<Utc>, last: DateTime<Utc>, lines: &mut Vec<String>) {
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

fn weekday_code(day: chrono::Weekday) -> &'static str {
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

/// Which events a feed holds.
///
/// ```
/// let hub = kix_core::emap();
/// let filter = kix_core::calendar::CalendarFilter::Country("NP".parse()?);
/// assert_eq!(filter.events(hub)?.len(), hub.events.len(), "Webinar 20 is for every member");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarFilter {
    /// Every event of the hub.
    All,
    /// The events for a member country (those that name it, and those for every member).
    Country(CountryCode),
    /// The events of one series, by its name (`KIX EMAP Webinar`).
    Series(String),
}

impl CalendarFilter {
    /// The hub's events this filter keeps, in the hub's order; a country that is not a member
    /// is `hub.unknown_country`.
    ///
    /// ```
    /// use kix_core::calendar::CalendarFilter;
    /// let hub = kix_core::emap();
    /// assert_eq!(CalendarFilter::Series("KIX EMAP Webinar".into()).events(hub)?.len(), 1);
    /// assert!(CalendarFilter::Country("FR".parse()?).events(hub).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events<'a>(&self, hub: &'a Hub) -> Result<Vec<&'a Event>, Error> {
        Ok(match self {
            CalendarFilter::All => hub.events.iter().collect(),
            CalendarFilter::Country(code) => {
                hub.require_member(*code)?;
                hub.events.iter().filter(|e| e.target_countries(hub).contains(code)).collect()
            }
            CalendarFilter::Series(name) => hub.events.iter().filter(|e| e.series.as_deref() == Some(name)).collect(),
        })
    }
}

/// What a file is: published (an event, a feed) or an iTIP message to one registrant.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Publish,
    Request(&'a BookEntry),
    Cancel(Option<&'a BookEntry>),
}

/// The first organiser with an e-mail that makes a `mailto:` URI.
fn organiser(event: &Event) -> Option<(&Party, String)> {
    event.organisers.iter().find_map(|p| p.email.as_deref().and_then(mailto).map(|uri| (p, uri)))
}

/// Refuses a wall time RFC 5545 cannot write (four-digit years).
fn writable(wall: NaiveDateTime) -> Result<(), Error> {
    if (0..=9999).contains(&wall.year()) {
        Ok(())
    } else {
        Err(Error::InvalidValue {
            what: "event year for iCalendar",
            value: wall.to_string(),
            expected: "a year from 0 to 9999 (RFC 5545 writes four digits)",
        })
    }
}

/// `DTSTART` and `DTEND` of a component: the wall times with `TZID` when both happen exactly
/// once in the zone, else both instants in UTC. A wall time in a DST gap or fold is read
/// differently by different clients, and a start and an end in two zones (one of them UTC)
/// make Python's `recurring-ical-events` add the length on the start's wall clock.
fn start_and_end(o: &Occurrence, tz: Tz, lines: &mut Vec<String>) {
    let unique = |wall| matches!(resolve_local(wall, tz), LocalResolution::Unique(_));
    if unique(o.start) && unique(o.end) {
        lines.push(format!("DTSTART;TZID={}:{}", tz.name(), ics_local(o.start)));
        lines.push(format!("DTEND;TZID={}:{}", tz.name(), ics_local(o.end)));
    } else {
        lines.push(format!("DTSTART:{}", ics_utc(o.start_utc)));
        lines.push(format!("DTEND:{}", ics_utc(o.end_utc)));
    }
}

/// Whether clients could read an occurrence of a series differently from its rule alone: its
/// start a DST change skips or repeats, or the clocks change while it runs (ical.js and
/// Python's datetime add a duration on the wall clock).
fn needs_own_times(o: &Occurrence, tz: Tz) -> bool {
    !matches!(resolve_local(o.start, tz), LocalResolution::Unique(_))
        || !matches!(resolve_local(o.end, tz), LocalResolution::Unique(_))
        || offset_at(tz, o.start_utc) != offset_at(tz, o.end_utc)
}

/// The event's span, for its `VTIMEZONE`: the first and last instant any of its times may take.
fn span(event: &Event, occurrences: &[Occurrence], tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let mut instants: Vec<DateTime<Utc>> = occurrences.iter().flat_map(|o| [o.start_utc, o.end_utc]).collect();
    if let Some(rule) = &event.recurrence {
        for wall in rule.exceptions.iter().chain(rule.starts(event.start).last()) {
            if let Ok(t) = from_local(*wall, tz, Disambiguation::Compatible) {
                instants.push(t.with_timezone(&Utc));
            }
        }
    }
    Some((*instants.iter().min()?, *instants.iter().max()?))
}

struct EventFile<'a> {
    event: &'a Event,
    tz: Tz,
    occurrences: Vec<Occurrence>,
}

impl<'a> EventFile<'a> {
    fn new(event: &'a Event) -> Result<Self, Error> {
        let tz = event.tz()?;
        let occurrences = event.occurrences()?;
        writable(event.start)?;
        for o in &occurrences {
            writable(o.start)?;
            writable(o.end)?;
            writable(o.recurrence_id)?;
        }
        if let Some(rule) = &event.recurrence {
            for t in &rule.exceptions {
                writable(*t)?;
            }
        }
        Ok(EventFile { event, tz, occurrences })
    }
}

fn rrule(event: &Event, tz: Tz) -> Option<String> {
    let rule = event.recurrence.as_ref()?;
    let mut out = String::from("RRULE:FREQ=");
    out.push_str(match rule.frequency {
        Frequency::Daily => "DAILY",
        Frequency::Weekly => "WEEKLY",
    });
    if rule.interval > 1 {
        let _ = write!(out, ";INTERVAL={}", rule.interval);
    }
    if rule.frequency == Frequency::Weekly && !rule.by_day.is_empty() {
        let days: BTreeSet<u32> = rule.by_day.iter().map(|d| chrono_day(*d).num_days_from_monday()).collect();
        let codes: Vec<&str> = days
            .iter()
            .filter_map(|d| u8::try_from(*d).ok().and_then(|d| chrono::Weekday::try_from(d).ok()))
            .map(weekday_code)
            .collect();
        let _ = write!(out, ";BYDAY={}", codes.join(","));
        if rule.interval > 1 {
            // RFC 5545's default, written out: with an interval, the week start decides the weeks.
            out.push_str(";WKST=MO");
        }
    }
    match (rule.count, rule.until) {
        (Some(count), _) => {
            let _ = write!(out, ";COUNT={count}");
        }
        (None, Some(until)) => {
            // With a zoned DTSTART, UNTIL is an instant in UTC: the end of the last day.
            let last = until.and_hms_opt(23, 59, 59).unwrap_or_else(|| until.and_time(NaiveTime::MIN));
            if let Ok(t) = from_local(last, tz, Disambiguation::Compatible) {
                let _ = write!(out, ";UNTIL={}", ics_utc(t.with_timezone(&Utc)));
            }
        }
        (None, None) => {}
    }
    Some(out)
}

/// The properties every component of the event carries, after its times.
fn common_properties(event: &Event, mode: Mode<'_>, lines: &mut Vec<String>) {
    if let Some((party, uri)) = organiser(event) {
        lines.push(format!("ORGANIZER;CN={}:{uri}", param_value(&party.name)));
    }
    let attendee = match mode {
        Mode::Request(entry) => Some((entry, partstat(entry.status))),
        Mode::Cancel(Some(entry)) => Some((entry, "DECLINED")),
        _ => None,
    };
    if let Some((entry, partstat)) = attendee
        && let Some(uri) = mailto(&entry.email)
    {
        let name = entry.record.full_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let cn = name.map(|n| format!(";CN={}", param_value(n))).unwrap_or_default();
        let rsvp = if entry.status == BookStatus::Offered { "TRUE" } else { "FALSE" };
        lines
            .push(format!("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP={rsvp}{cn}:{uri}"));
    }
    lines.push(format!("SEQUENCE:{}", event.sequence));
    let cancelled = event.status == EventStatus::Cancelled || matches!(mode, Mode::Cancel(_));
    lines.push(format!("STATUS:{}", if cancelled { "CANCELLED" } else { "CONFIRMED" }));
    lines.push(format!("SUMMARY:{}", escape_text(&summary(event))));
    lines.push(format!("DESCRIPTION:{}", escape_text(&description(event))));
    lines.push(format!("LOCATION:{}", escape_text(&event.location.to_string())));
    if let Some(url) = join_link(event) {
        // A URI value: no TEXT escaping (commas and semicolons are part of URLs), only
        // the characters no content line may carry are dropped.
        lines.push(format!("URL:{url}"));
    }
    let kind = serde_json::to_value(event.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    lines.push(format!("CATEGORIES:{}", escape_text(&kind)));
    if !cancelled {
        for &minutes in &event.registration.reminder_minutes {
            lines.push("BEGIN:VALARM".into());
            lines.push("ACTION:DISPLAY".into());
            lines.push(format!("DESCRIPTION:{}", escape_text(&summary(event))));
            lines.push(format!("TRIGGER:{}", ics_duration(-Duration::minutes(i64::from(minutes)))));
            lines.push("END:VALARM".into());
        }
    }
}

fn partstat(status: BookStatus) -> &'static str {
    match status {
        BookStatus::Confirmed => "ACCEPTED",
        BookStatus::Pending => "TENTATIVE",
        BookStatus::Offered | BookStatus::Waitlisted => "NEEDS-ACTION",
        BookStatus::Denied | BookStatus::Cancelled => "DECLINED",
    }
}

fn join_link(event: &Event) -> Option<String> {
    match &event.location {
        Location::Online { url: Some(url), .. } => {
            let uri: String = url.chars().filter(|c| !c.is_control()).collect();
            (!uri.trim().is_empty()).then_some(uri)
        }
        _ => None,
    }
}

fn summary(event: &Event) -> String {
    match (&event.series, event.number) {
        (Some(series), Some(n)) => format!("{series} {n}: {}", event.title),
        _ => event.title.clone(),
    }
}

/// The event's `VEVENT`s: the event (a series' master, with its rule) and a series' overrides.
fn write_event(hub: &Hub, file: &EventFile<'_>, stamp: DateTime<Utc>, mode: Mode<'_>, lines: &mut Vec<String>) {
    let EventFile { event, tz, occurrences } = file;
    let (event, tz) = (*event, *tz);
    let uid = format!("UID:{}@{}.kix", escape_text(&event.id), escape_text(&hub.id));
    lines.push("BEGIN:VEVENT".into());
    lines.push(uid.clone());
    lines.push(format!("DTSTAMP:{}", ics_utc(stamp)));
    match rrule(event, tz) {
        None => {
            if let Some(o) = occurrences.first() {
                start_and_end(o, tz, lines);
            }
        }
        Some(rule) => {
            lines.push(format!("DTSTART;TZID={}:{}", tz.name(), ics_local(event.start)));
            if let Ok(length) = event.length() {
                lines.push(format!("DURATION:{}", ics_duration(length)));
            }
            lines.push(rule);
            for t in event.recurrence.iter().flat_map(|r| &r.exceptions) {
                lines.push(format!("EXDATE;TZID={}:{}", tz.name(), ics_local(*t)));
            }
        }
    }
    common_properties(event, mode, lines);
    lines.push("END:VEVENT".into());
    if event.recurrence.is_none() || matches!(mode, Mode::Cancel(_)) {
        return;
    }
    for o in occurrences.iter().filter(|o| o.moved || needs_own_times(o, tz)) {
        lines.push("BEGIN:VEVENT".into());
        lines.push(uid.clone());
        lines.push(format!("DTSTAMP:{}", ics_utc(stamp)));
        lines.push(format!("RECURRENCE-ID;TZID={}:{}", tz.name(), ics_local(o.recurrence_id)));
        start_and_end(o, tz, lines);
        common_properties(event, mode, lines);
        lines.push("END:VEVENT".into());
    }
}

/// A whole `VCALENDAR`: the header, each zone's `VTIMEZONE` once (valid over all the
/// events in it), the events.
fn write_calendar(
    hub: &Hub,
    files: &[EventFile<'_>],
    stamp: DateTime<Utc>,
    method: Option<&str>,
    name: Option<String>,
    mode: Mode<'_>,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//KIX EMAP//kix-core {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
    ];
    if let Some(method) = method {
        lines.push(format!("METHOD:{method}"));
    }
    if let Some(name) = name {
        lines.push(format!("X-WR-CALNAME:{}", escape_text(&name)));
    }
    let mut zones: Vec<(Tz, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for f in files {
        let Some((first, last)) = span(f.event, &f.occurrences, f.tz) else { continue };
        match zones.iter_mut().find(|(tz, _, _)| *tz == f.tz) {
            Some((_, a, b)) => {
                *a = (*a).min(first);
                *b = (*b).max(last);
            }
            None => zones.push((f.tz, first, last)),
        }
    }
    for (tz, first, last) in zones {
        vtimezone(tz, first, last, &mut lines);
    }
    for f in files {
        write_event(hub, f, stamp, mode, &mut lines);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// The event as an `.ics` calendar file (CRLF line endings): one `VEVENT`, or for a
/// series its master and overrides.
///
/// `stamp` is the file's `DTSTAMP` (when it was made); the UID is stable:
/// `{event id}@{hub id}.kix`, so a re-export updates the same calendar entry. With an
/// organiser e-mail the file is `METHOD:PUBLISH` (`METHOD:CANCEL` for a cancelled event);
/// without one it has no method, as iTIP needs an organiser.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let ics = kix_core::calendar::to_ics(hub, w20, Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap())?;
/// assert!(ics.contains("DTSTART;TZID=Europe/Zurich:20240731T130000\r\n"));
/// assert!(ics.contains("UID:kix-emap-webinar-20@kix-emap.kix\r\n"));
/// assert!(ics.contains("TZOFFSETTO:+0200\r\n"));
/// assert!(!ics.contains("METHOD:"), "no organiser e-mail is known");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_ics(hub: &Hub, event: &Event, stamp: DateTime<Utc>) -> Result<String, Error> {
    let file = EventFile::new(event)?;
    let method = organiser(event).map(|_| if event.status == EventStatus::Cancelled { "CANCEL" } else { "PUBLISH" });
    let mode = if method == Some("CANCEL") { Mode::Cancel(None) } else { Mode::Publish };
    Ok(write_calendar(hub, &[file], stamp, method, None, mode))
}

/// A feed: one `VCALENDAR` with every event the filter keeps (cancelled ones with
/// `STATUS:CANCELLED`), each zone's `VTIMEZONE` once. `METHOD:PUBLISH` when every event has an
/// organiser e-mail, else no method. The calendar's name (`X-WR-CALNAME`) is the hub's.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use kix_core::calendar::{CalendarFilter, feed};
/// let hub = kix_core::emap();
/// let ics = feed(hub, &CalendarFilter::All, Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap())?;
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), hub.events.len());
/// assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1, "every event is in Geneva");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn feed(hub: &Hub, filter: &CalendarFilter, stamp: DateTime<Utc>) -> Result<String, Error> {
    let events = filter.events(hub)?;
    let files = events.iter().map(|e| EventFile::new(e)).collect::<Result<Vec<_>, _>>()?;
    let method = events.iter().all(|e| organiser(e).is_some()).then_some("PUBLISH");
    Ok(write_calendar(hub, &files, stamp, method, Some(hub.name.clone()), Mode::Publish))
}

impl Hub {
    /// The hub's calendar feed, stamped now (see [`feed`]).
    ///
    /// ```
    /// use kix_core::calendar::CalendarFilter;
    /// let hub = kix_core::emap();
    /// let ics = hub.calendar(&CalendarFilter::Series("KIX EMAP Webinar".into()))?;
    /// assert!(ics.contains("X-WR-CALNAME:KIX EMAP Hub\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn calendar(&self, filter: &CalendarFilter) -> Result<String, Error> {
        feed(self, filter, Utc::now())
    }
}

/// What one registrant is sent: an invitation or a cancellation.
///
/// ```
/// # use kix_core::{Party, Registration, RegistrationBook};
/// # use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
/// event.organisers[0].email = Some("events@example.org".into());
/// let mut book = RegistrationBook::new(&event);
/// let r = Registration { full_name: Some("Ana Rusu".into()), email: Some("ana@example.md".into()),
///     country: Some("MD".into()), audience: Some("teacher".into()), ..Default::default() };
/// book.submit(hub, &event, &r, "2024-07-20T08:00:00Z".parse()?)?;
/// let sent = kix_core::calendar::invitations(hub, &event, &book, Utc.with_ymd_and_hms(2024, 7, 20, 8, 0, 0).unwrap())?;
/// assert_eq!((sent.len(), sent[0].method.as_str()), (1, "REQUEST"));
/// assert!(sent[0].ics.contains("PARTSTAT=ACCEPTED"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// The registration.
    pub registration_id: String,
    /// `REQUEST` or `CANCEL`.
    pub method: String,
    /// The `.ics` message.
    pub ics: String,
}

/// The iTIP message (RFC 5546) for one registrant of the book: `METHOD:REQUEST` with the
/// registrant as `ATTENDEE` and `PARTSTAT` from their status (confirmed `ACCEPTED`, pending
/// `TENTATIVE`, offered a freed seat `NEEDS-ACTION` with `RSVP=TRUE`), or `METHOD:CANCEL`
/// (`PARTSTAT=DECLINED`) when they cancelled, were denied, or the event was cancelled. Someone on
/// the waiting list has no seat and is sent nothing: that, an unknown registration, or an event
/// without an organiser e-mail (iTIP needs one) is an error.
///
/// ```
/// # use kix_core::{Registration, RegistrationBook};
/// # use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
/// let mut book = RegistrationBook::new(&event);
/// let r = Registration { full_name: Some("Ana \"Rusu\"".into()), email: Some("ana@example.md".into()),
///     country: Some("MD".into()), audience: Some("teacher".into()), ..Default::default() };
/// let id = book.submit(hub, &event, &r, "2024-07-20T08:00:00Z".parse()?)?.id.unwrap();
/// let stamp = Utc.with_ymd_and_hms(2024, 7, 20, 8, 0, 0).unwrap();
/// assert!(kix_core::calendar::invitation(hub, &event, &book, &id, stamp).is_err(), "no organiser e-mail");
/// event.organisers[0].email = Some("events@example.org".into());
/// let ics = kix_core::calendar::invitation(hub, &event, &book, &id, stamp)?;
/// assert!(ics.contains("METHOD:REQUEST\r\n"));
/// assert!(ics.replace("\r\n ", "").contains("PARTSTAT=ACCEPTED;RSVP=FALSE;CN=Ana ^'Rusu^':mailto:ana@example.md\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn invitation(
    hub: &Hub,
    event: &Event,
    book: &RegistrationBook,
    registration_id: &str,
    stamp: DateTime<Utc>,
) -> Result<String, Error> {
    message(hub, event, book, registration_id, stamp).map(|(_, ics)| ics)
}

fn message(
    hub: &Hub,
    event: &Event,
    book: &RegistrationBook,
    registration_id: &str,
    stamp: DateTime<Utc>,
) -> Result<(&'static str, String), Error> {
    if book.event_id != event.id {
        return Err(Error::Rejected(vec![
            Violation::new(
                Code::RegistrationUnknownId,
                "event_id",
                format!("the book is of event {:?}, not {:?}", book.event_id, event.id),
            )
            .with_param("book_event_id", &book.event_id)
            .with_param("event_id", &event.id),
        ]));
    }
    let entry = book.get(registration_id).ok_or_else(|| {
        Error::Rejected(vec![
            Violation::new(Code::RegistrationUnknownId, "id", format!("no registration {registration_id:?}"))
                .with_param("id", registration_id),
        ])
    })?;
    if organiser(event).is_none() {
        return Err(Error::InvalidValue {
            what: "organiser e-mail",
            value: event.id.clone(),
            expected: "an organiser with an e-mail: invitations and cancellations need an ORGANIZER",
        });
    }
    let file = EventFile::new(event)?;
    let cancelled = event.status == EventStatus::Cancelled;
    let (method, mode) = match entry.status {
        _ if cancelled => ("CANCEL", Mode::Cancel(Some(entry))),
        BookStatus::Cancelled | BookStatus::Denied => ("CANCEL", Mode::Cancel(Some(entry))),
        BookStatus::Confirmed | BookStatus::Pending | BookStatus::Offered => ("REQUEST", Mode::Request(entry)),
        BookStatus::Waitlisted => {
            return Err(Error::InvalidValue {
                what: "registration status for an invitation",
                value: entry.status.as_str().to_owned(),
                expected: "confirmed, pending, offered (an invitation), cancelled or denied (a cancellation)",
            });
        }
    };
    Ok((method, write_calendar(hub, &[file], stamp, Some(method), None, mode)))
}

/// The messages to send every registrant of the book who holds or held a seat (see
/// [`invitation`]): everyone but those on the waiting list, in the book's order.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let event = hub.event("kix-emap-webinar-20").unwrap();
/// let book = kix_core::RegistrationBook::new(event);
/// assert!(kix_core::calendar::invitations(hub, event, &book, Utc::now())?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn invitations(
    hub: &Hub,
    event: &Event,
    book: &RegistrationBook,
    stamp: DateTime<Utc>,
) -> Result<Vec<Invitation>, Error> {
    book.registrations()
        .iter()
        .filter(|e| e.status != BookStatus::Waitlisted)
        .map(|e| {
            message(hub, event, book, &e.id, stamp).map(|(method, ics)| Invitation {
                registration_id: e.id.clone(),
                method: method.to_owned(),
                ics,
            })
        })
        .collect()
}

/// What calendar clients will make of the event's file, as warnings: a start (the event's or
/// an occurrence's) in a DST fold (`calendar.fold_start`: clients disagree on which of the two
/// instants a local time means; kix writes such a start in UTC), and — given the version
/// calendars already have — times, rule or status that changed while the sequence was not
/// raised (`calendar.sequence_not_raised`: RFC 5545 clients would keep the old version).
///
/// ```
/// use kix_core::Code;
/// let hub = kix_core::emap();
/// let before = hub.event("kix-emap-webinar-20").unwrap();
/// let mut after = before.clone();
/// after.start = "2024-08-01T13:00:00".parse()?;
/// after.end = Some("2024-08-01T14:30:00".parse()?);
/// let v = kix_core::calendar::check(&after, Some(before));
/// assert_eq!(v[0].code, Code::CalendarSequenceNotRaised);
/// after.sequence += 1;
/// assert!(kix_core::calendar::check(&after, Some(before)).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn check(event: &Event, previous: Option<&Event>) -> Vec<Violation> {
    let mut out = Vec::new();
    if let Ok(tz) = event.tz() {
        let mut starts: Vec<(String, NaiveDateTime)> = vec![("start".into(), event.start)];
        if let Some(rule) = &event.recurrence {
            for wall in rule.starts(event.start).into_iter().skip(1).take(crate::recurrence::MAX_OCCURRENCES) {
                if !rule.exceptions.contains(&wall) && !rule.moved.iter().any(|m| m.occurrence == wall) {
                    starts.push(("recurrence".into(), wall));
                }
            }
            for (i, m) in rule.moved.iter().enumerate() {
                starts.push((format!("recurrence.moved[{i}].start"), m.start));
            }
        }
        for (path, wall) in starts {
            if let LocalResolution::Fold { earlier, later } = resolve_local(wall, tz) {
                out.push(
                    Violation::new(
                        Code::CalendarFoldStart,
                        path,
                        format!(
                            "{} happens twice in {}: calendar clients disagree on which is meant, so the file gives it in UTC",
                            wall.format("%Y-%m-%d %H:%M"),
                            tz.name()
                        ),
                    )
                    .with_param("local", wall)
                    .with_param("zone", tz.name())
                    .with_param("earlier", earlier.with_timezone(&Utc))
                    .with_param("later", later.with_timezone(&Utc)),
                );
            }
        }
    }
    if let Some(previous) = previous
        && times_changed(previous, event)
        && event.sequence <= previous.sequence
    {
        out.push(
            Violation::new(
                Code::CalendarSequenceNotRaised,
                "sequence",
                format!(
                    "{:?} changed its times, rule or status but its sequence is {} (was {})",
                    event.id, event.sequence, previous.sequence
                ),
            )
            .with_param("event", &event.id)
            .with_param("previous_sequence", previous.sequence)
            .with_param("sequence", event.sequence),
        );
    }
    out
}

/// Whether the change is one RFC 5545 calls significant: start, end, duration, zone, rule or status.
fn times_changed(a: &Event, b: &Event) -> bool {
    a.start != b.start
        || a.wall_end() != b.wall_end()
        || a.end_utc().ok() != b.end_utc().ok()
        || a.zone != b.zone
        || a.recurrence != b.recurrence
        || a.status != b.status
}

fn description(event: &Event) -> String {
    let mut out = String::new();
    if let Some(d) = &event.description {
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    if let Some(url) = join_link(event) {
        let _ = writeln!(out, "Join: {url}\n");
    }
    let language = |code: &str| language_name(code).map_or_else(|| code.to_owned(), str::to_owned);
    let _ = write!(out, "Language: {}", language(&event.language));
    if !event.interpretation.is_empty() {
        let list: Vec<String> = event.interpretation.iter().map(|l| language(l)).collect();
        let _ = write!(out, ", with interpretation into {}", list.join(" and "));
    }
    out.push('\n');
    if !event.agenda.is_empty() {
        out.push_str("\nAgenda:\n");
        for (i, item) in event.agenda.iter().enumerate() {
            let _ = write!(out, "{}. {}", i + 1, item.title);
            if let Some(p) = &item.presenter {
                let _ = write!(out, " ({p})");
            }
            out.push('\n');
            if let Some(d) = &item.description {
                let _ = writeln!(out, "   {d}");
            }
            for point in &item.points {
                let _ = writeln!(out, "   - {point}");
            }
        }
    }
    if event.registration.required {
        out.push_str("\nRegistration in advance is required.\n");
    }
    if !event.social_handles.is_empty() {
        let _ = writeln!(out, "Follow: {}", event.social_handles.join(" "));
    }
    out.trim_end().to_owned()
}

impl Event {
    /// The event as an `.ics` file stamped now (see [`to_ics`]).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let ics = hub.event("kix-emap-webinar-20").unwrap().to_ics(hub)?;
    /// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_ics(&self, hub: &Hub) -> Result<String, Error> {
        to_ics(hub, self, Utc::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::violation::Code;

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap()
    }

    fn w20() -> Event {
        crate::emap().event("kix-emap-webinar-20").unwrap().clone()
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn every_line_is_crlf_terminated_and_at_most_75_octets() {
        let ics = to_ics(crate::emap(), &w20(), stamp()).unwrap();
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
    }

    #[test]
    fn the_description_has_the_agenda_and_interpretation_languages() {
        let ics = unfold(&to_ics(crate::emap(), &w20(), stamp()).unwrap());
        assert!(ics.contains("with interpretation into Arabic and Russian"));
        assert!(ics.contains("1. Welcome & introductions\\n"));
        assert!(ics.contains("SUMMARY:KIX EMAP Webinar 20: Emerging lessons about what works in scaling\r\n"));
    }

    #[test]
    fn the_vtimezone_gives_genevas_yearly_rules_so_a_cached_block_stays_right() {
        let ics = unfold(&to_ics(crate::emap(), &w20(), stamp()).unwrap());
        // The EU rules, in force since October 1996: last Sunday of March at 02:00, last Sunday
        // of October at 03:00. The block holds for every event since then, and until 2099.
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:19960331T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
        ), "{ics}");
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:19961027T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
        ));
        assert_eq!(ics.matches("BEGIN:DAYLIGHT").count() + ics.matches("BEGIN:STANDARD").count(), 2, "two rules");
    }

    #[test]
    fn moldovas_rules_change_at_its_own_local_hours() {
        let mut e = w20();
        e.zone = crate::ZoneId::from("Europe/Chisinau");
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        // 00:00 UTC, not the EU's 01:00: 02:00 local in spring and 03:00 in autumn, since 1997.
        assert!(ics.contains("DTSTART:19970330T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n"));
        assert!(ics.contains("DTSTART:19971026T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n"));
    }

    #[test]
    fn a_zone_without_changes_since_1986_starts_its_block_then() {
        let mut e = w20();
        e.zone = crate::ZoneId::from("Asia/Kathmandu");
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        assert!(
            ics.contains(
                "BEGIN:STANDARD\r\nDTSTART:19860101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0545\r\nTZNAME:NPT\r\n"
            ),
            "{ics}"
        );
    }

    #[test]
    fn a_zone_that_stopped_changing_its_clocks_gets_its_last_offset_only() {
        let mut e = w20();
        e.zone = crate::ZoneId::from("Asia/Tbilisi");
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
        assert!(!ics.contains("RRULE:FREQ=YEARLY"));
        assert!(ics.contains("TZOFFSETTO:+0400\r\n"));
    }

    #[test]
    fn a_zone_without_dst_gets_one_standard_block() {
        let mut e = w20();
        e.zone = crate::ZoneId::from("Asia/Kathmandu");
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
        assert!(ics.contains("TZOFFSETTO:+0545\r\nTZNAME:NPT\r\n"));
        assert!(!ics.contains("DAYLIGHT"));
    }

    #[test]
    fn line_injection_is_impossible() {
        let mut e = w20();
        e.title = "Evil\r\nATTENDEE:mailto:x@example.org\nEND:VEVENT".into();
        e.id = "id\r\nX".into();
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        assert!(!ics.contains("\r\nATTENDEE"));
        assert!(!ics.contains("\r\nEND:VEVENT\r\nEND:VEVENT"));
        assert_eq!(ics.matches("\r\nEND:VEVENT\r\n").count(), 1);
    }

    #[test]
    fn a_url_is_written_as_a_uri_not_as_text() {
        let mut e = w20();
        e.location = crate::event::Location::Online { platform: None, url: Some("https://x.org/j?a=1,2;b\r\n".into()) };
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        assert!(ics.contains("\r\nURL:https://x.org/j?a=1,2;b\r\n"), "{ics}");
    }

    #[test]
    fn years_beyond_four_digits_are_refused() {
        let mut e = w20();
        e.start = chrono::NaiveDate::from_ymd_opt(10_000, 3, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
        e.end = Some(e.start + Duration::hours(1));
        assert!(matches!(to_ics(crate::emap(), &e, stamp()), Err(Error::InvalidValue { .. })));
    }

    #[test]
    fn cancellation_and_rescheduling_are_marked() {
        let mut e = w20();
        e.sequence = 2;
        e.status = EventStatus::Cancelled;
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        assert!(!ics.contains("METHOD:"), "no organiser e-mail: no iTIP method");
        assert!(!ics.contains("ORGANIZER"), "no organiser e-mail: no ORGANIZER");
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(!ics.contains("BEGIN:VALARM"), "no reminders of a cancelled event");
        e.organisers[0].email = Some("events@norrag.example".into());
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("ORGANIZER;CN=NORRAG (KIX EMAP Hub):mailto:events@norrag.example\r\n"), "{ics}");
    }

    #[test]
    fn a_120_minute_event_on_chisinaus_spring_forward_night_lasts_120_minutes() {
        let mut e = w20();
        e.zone = crate::ZoneId::from("Europe/Chisinau");
        e.start = "2025-03-30T01:00:00".parse().unwrap();
        (e.end, e.duration_minutes) = (None, Some(120));
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        // 01:00 EET is 23:00 UTC; 120 minutes later it is 01:00 UTC, 04:00 EEST (03:00 would be 60 minutes).
        assert!(ics.contains("DTSTART;TZID=Europe/Chisinau:20250330T010000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Chisinau:20250330T040000\r\n"), "{ics}");
        assert_eq!(e.end_utc().unwrap() - e.start_utc().unwrap(), Duration::minutes(120));
    }

    #[test]
    fn parameter_values_are_encoded_per_rfc_6868_and_quoted() {
        let mut e = w20();
        e.organisers[0] = Party {
            name: "\"Pro Didactica\": Chisinau; MD ^n".into(),
            email: Some("info@prodidactica.example".into()),
            ..Party::default()
        };
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        assert!(
            ics.contains("ORGANIZER;CN=\"^'Pro Didactica^': Chisinau; MD ^^n\":mailto:info@prodidactica.example\r\n"),
            "{ics}"
        );
        assert!(ics.contains("METHOD:PUBLISH\r\n"));
    }

    #[test]
    fn the_join_link_is_in_url_and_description_and_reminders_are_alarms() {
        let mut e = w20();
        e.location = crate::event::Location::Online {
            platform: Some("Zoom".into()),
            url: Some("https://zoom.example/j/1".into()),
        };
        e.registration.reminder_minutes = vec![24 * 60, 15];
        let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
        assert!(ics.contains("\r\nURL:https://zoom.example/j/1\r\n"));
        assert!(ics.contains("Join: https://zoom.example/j/1\\n"), "{ics}");
        assert!(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
        assert!(ics.contains("TRIGGER:-PT24H\r\n") && ics.contains("TRIGGER:-PT15M\r\n"));
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 2);
    }

    fn geneva_series() -> Event {
        let mut e = w20();
        e.start = "2025-10-14T10:00:00".parse().unwrap();
        e.end = Some("2025-10-14T11:30:00".parse().unwrap());
        e.recurrence = Some(crate::Recurrence { count: Some(6), ..crate::Recurrence::new(Frequency::Weekly) });
        e
    }

    #[test]
    fn a_weekly_series_across_the_end_of_summer_time_is_one_rule() {
        let ics = to_ics(crate::emap(), &geneva_series(), stamp()).unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "10:00 exists once every week: no override");
        assert!(ics.contains(
            "DTSTART;TZID=Europe/Zurich:20251014T100000\r\nDURATION:PT1H30M\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n"
        ));
        assert!(!ics.contains("DTEND"));
    }

    #[test]
    fn cancelled_and_moved_sessions_are_exdates_and_overrides() {
        let mut e = geneva_series();
        e.cancel_occurrence("2025-10-21T10:00:00".parse().unwrap()).unwrap();
        e.move_occurrence("2025-10-28T10:00:00".parse().unwrap(), "2025-10-29T15:00:00".parse().unwrap(), None)
            .unwrap();
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        assert!(ics.contains("EXDATE;TZID=Europe/Zurich:20251021T100000\r\n"));
        assert!(ics.contains(
            "RECURRENCE-ID;TZID=Europe/Zurich:20251028T100000\r\nDTSTART;TZID=Europe/Zurich:20251029T150000\r\nDTEND;TZID=Europe/Zurich:20251029T163000\r\n"
        ));
        assert!(ics.contains("SEQUENCE:2\r\n"), "two changes raised the sequence twice");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    }

    #[test]
    fn occurrences_clients_could_misread_get_their_own_times() {
        let mut e = w20();
        e.zone = crate::ZoneId::from("Europe/Chisinau");
        // Sundays at 02:30: skipped on 30 March 2025, repeated on 26 October 2025.
        e.start = "2025-03-23T02:30:00".parse().unwrap();
        e.end = Some("2025-03-23T03:00:00".parse().unwrap());
        e.recurrence =
            Some(crate::Recurrence { until: "2025-10-26".parse().ok(), ..crate::Recurrence::new(Frequency::Weekly) });
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        // The skipped 02:30 is 03:30 EEST (00:30 UTC), as RFC 5545 reads it, in UTC for every client.
        assert!(ics.contains("RECURRENCE-ID;TZID=Europe/Chisinau:20250330T023000\r\nDTSTART:20250330T003000Z\r\nDTEND:20250330T010000Z\r\n"), "{ics}");
        // The repeated one is the first 02:30 (EEST, 23:30 UTC the day before).
        assert!(ics.contains("RECURRENCE-ID;TZID=Europe/Chisinau:20251026T023000\r\nDTSTART:20251025T233000Z\r\n"));
        assert!(ics.contains(";UNTIL=20251026T215959Z\r\n"), "the end of 26 October, Chisinau time");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
        let warnings = check(&e, None);
        assert_eq!(warnings.iter().map(|v| v.code).collect::<Vec<_>>(), [Code::CalendarFoldStart]);
        assert_eq!(warnings[0].params["local"], "2025-10-26T02:30:00");
    }

    #[test]
    fn a_single_start_in_a_fold_is_written_in_utc_and_warned_of() {
        let mut e = w20();
        e.start = "2025-10-26T02:15:00".parse().unwrap();
        e.end = Some("2025-10-26T03:30:00".parse().unwrap());
        let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
        assert!(ics.contains("DTSTART:20251026T001500Z\r\nDTEND:20251026T023000Z\r\n"), "{ics}");
        let v = check(&e, None);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].code, v[0].severity), (Code::CalendarFoldStart, crate::Severity::Warning));
        assert_eq!(v[0].params["later"], "2025-10-26T01:15:00Z");
    }

    #[test]
    fn a_feed_holds_each_zone_once_over_all_its_events() {
        let mut hub = crate::emap().clone();
        let base = w20();
        for (i, zone) in ["Asia/Kathmandu", "Europe/Zurich", "Asia/Kathmandu", "Europe/Tirane"].iter().enumerate() {
            let mut e = base.clone();
            e.id = format!("e{i}");
            e.number = Some(100 + u32::try_from(i).unwrap());
            e.zone = crate::ZoneId::from(*zone);
            e.start += Duration::days(400 * i64::try_from(i).unwrap());
            e.end = e.end.map(|t| t + Duration::days(400 * i64::try_from(i).unwrap()));
            hub.events.push(e);
        }
        let ics = feed(&hub, &CalendarFilter::All, stamp()).unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 3);
        assert_eq!(ics.matches("TZID:Asia/Kathmandu\r\n").count(), 1);
        let nepal = feed(&hub, &CalendarFilter::Country("NP".parse().unwrap()), stamp()).unwrap();
        assert_eq!(nepal.matches("BEGIN:VEVENT").count(), 5, "every event is for every member");
        assert!(
            feed(&hub, &CalendarFilter::Series("nothing".into()), stamp()).unwrap().matches("BEGIN:VEVENT").count()
                == 0
        );
    }

    #[test]
    fn a_moved_event_without_a_new_sequence_is_warned_of() {
        let before = w20();
        let mut after = before.clone();
        after.duration_minutes = Some(120);
        after.end = None;
        let v = check(&after, Some(&before));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].code, Code::CalendarSequenceNotRaised);
        assert_eq!((v[0].params["previous_sequence"].clone(), v[0].params["sequence"].clone()), (0.into(), 0.into()));
        let mut title_only = before.clone();
        title_only.title = "Another title".into();
        assert!(check(&title_only, Some(&before)).is_empty(), "a new title needs no new sequence");
        let mut moved = before.clone();
        moved.reschedule("2024-08-01T13:00:00".parse().unwrap(), None).unwrap();
        assert!(check(&moved, Some(&before)).is_empty());
    }

    fn booked(statuses: &[&str]) -> (Event, crate::RegistrationBook, Vec<String>) {
        let hub = crate::emap();
        let mut e = w20();
        e.organisers[0].email = Some("events@norrag.example".into());
        e.registration.capacity = Some(1);
        e.registration.waiting_list = true;
        let mut book = crate::RegistrationBook::new(&e);
        let mut ids = Vec::new();
        for (i, _) in statuses.iter().enumerate() {
            let r = crate::Registration {
                full_name: Some(format!("Айгерим, {i}")),
                email: Some(format!("p{i}@example.kg")),
                country: Some("KG".into()),
                audience: Some("teacher".into()),
                ..Default::default()
            };
            let at = Utc.with_ymd_and_hms(2024, 7, 20, 8, u32::try_from(i).unwrap(), 0).unwrap();
            ids.push(book.submit(hub, &e, &r, at).unwrap().id.unwrap());
        }
        (e, book, ids)
    }

    #[test]
    fn registrants_get_requests_with_their_partstat_and_the_waiting_list_gets_nothing() {
        let hub = crate::emap();
        let (e, book, ids) = booked(&["confirmed", "waitlisted"]);
        let sent = invitations(hub, &e, &book, stamp()).unwrap();
        assert_eq!(sent.len(), 1, "the second person is on the waiting list");
        let ics = unfold(&sent[0].ics);
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN=\"Айгерим, 0\":mailto:p0@example.kg\r\n"
        ), "{ics}");
        assert!(matches!(invitation(hub, &e, &book, &ids[1], stamp()), Err(Error::InvalidValue { .. })));
        assert!(matches!(invitation(hub, &e, &book, "r-999999", stamp()), Err(Error::Rejected(_))));
    }

    #[test]
    fn a_cancelled_registration_gets_a_cancel_and_the_next_one_an_offer() {
        let hub = crate::emap();
        let (e, mut book, ids) = booked(&["confirmed", "waitlisted"]);
        let at = Utc.with_ymd_and_hms(2024, 7, 21, 8, 0, 0).unwrap();
        book.cancel(&e, &ids[0], crate::Actor::Registrant, None, at).unwrap();
        let sent = invitations(hub, &e, &book, at).unwrap();
        let methods: Vec<&str> = sent.iter().map(|s| s.method.as_str()).collect();
        assert_eq!(methods, ["CANCEL", "REQUEST"]);
        assert!(unfold(&sent[0].ics).contains("STATUS:CANCELLED\r\n"));
        assert!(unfold(&sent[0].ics).contains("PARTSTAT=DECLINED"));
        assert!(!sent[0].ics.contains("BEGIN:VALARM"));
        assert!(unfold(&sent[1].ics).contains("PARTSTAT=NEEDS-ACTION;RSVP=TRUE"), "offered the freed seat");
    }
}
