//! Calendar export: an RFC 5545 `.ics` file for an event.
//!
//! The file keeps the organiser's wall time and zone (`DTSTART;TZID=...`) and
//! carries a `VTIMEZONE` block built from the tz database's real transitions
//! around the event, so no calendar client reads it as floating time. Text is
//! escaped, lines are folded at 75 octets, `SEQUENCE` follows the event's
//! revision and a cancelled event is written with `METHOD:CANCEL`.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::Error;
use crate::event::{Event, EventStatus, language_name};
use crate::hub::Hub;
use crate::zone::{offset_info, wall_time};

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

fn ics_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if s == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{s:02}") }
}

fn ics_local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()
}

/// The instants in `[from, to)` at which the zone's offset changes.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let step = Duration::hours(12);
    let mut a = from;
    while a < to {
        let b = a.checked_add_signed(step).unwrap_or(to).min(to);
        if offset_at(tz, a) != offset_at(tz, b) {
            // Bisect to the second.
            let (mut lo, mut hi) = (a, b);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == offset_at(tz, lo) { lo = mid } else { hi = mid }
            }
            out.push(hi);
        }
        a = b;
    }
    out
}

/// A `VTIMEZONE` for the zone, valid from about a year before `start` to a
/// year after `end`: the offset in force at the beginning of that window, then
/// every transition inside it.
fn vtimezone(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>, lines: &mut Vec<String>) {
    let window_start = start.checked_sub_signed(Duration::days(370)).unwrap_or(start);
    let window_end = end.checked_add_signed(Duration::days(370)).unwrap_or(end);
    lines.push("BEGIN:VTIMEZONE".into());
    lines.push(format!("TZID:{}", tz.name()));
    let mut component = |at: DateTime<Utc>, from: i32| {
        let info = offset_info(tz, at);
        let kind = if info.dst { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the onset in local time as it was just before (TZOFFSETFROM).
        let onset = at.naive_utc().checked_add_signed(Duration::seconds(i64::from(from))).unwrap_or(at.naive_utc());
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", ics_local(onset)));
        lines.push(format!("TZOFFSETFROM:{}", ics_offset(from)));
        lines.push(format!("TZOFFSETTO:{}", ics_offset(info.offset_seconds)));
        lines.push(format!("TZNAME:{}", escape_text(info.abbreviation.as_str())));
        lines.push(format!("END:{kind}"));
    };
    let base = offset_at(tz, window_start);
    component(window_start, base);
    for at in transitions(tz, window_start, window_end) {
        component(at, offset_at(tz, at.checked_sub_signed(Duration::seconds(1)).unwrap_or(at)));
    }
    lines.push("END:VTIMEZONE".into());
}

/// The event as an `.ics` calendar file (CRLF line endings).
///
/// `stamp` is the file's `DTSTAMP` (when it was made); the UID is stable:
/// `{event id}@{hub id}.kix`, so a re-export updates the same calendar entry.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let ics = kix_core::calendar::to_ics(hub, w20, Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap())?;
/// assert!(ics.contains("DTSTART;TZID=Europe/Zurich:20240731T130000\r\n"));
/// assert!(ics.contains("UID:kix-emap-webinar-20@kix-emap.kix\r\n"));
/// assert!(ics.contains("TZOFFSETTO:+0200\r\n"));
/// assert!(ics.contains("METHOD:PUBLISH\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_ics(hub: &Hub, event: &Event, stamp: DateTime<Utc>) -> Result<String, Error> {
    let tz = event.tz()?;
    let start = event.start_utc()?;
    let end = event.end_utc()?;
    for wall in [event.start, event.wall_end().unwrap_or(event.start)] {
        if !(0..=9999).contains(&chrono::Datelike::year(&wall)) {
            return Err(Error::InvalidValue {
                what: "event year for iCalendar",
                value: wall.to_string(),
                expected: "a year from 0 to 9999 (RFC 5545 writes four digits)",
            });
        }
    }
    let wall_start = wall_time(start, tz);
    let wall_end = wall_time(end, tz);
    let cancelled = event.status == EventStatus::Cancelled;
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//KIX EMAP//kix-core {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", if cancelled { "CANCEL" } else { "PUBLISH" }),
    ];
    vtimezone(tz, start, end, &mut lines);
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{}@{}.kix", escape_text(&event.id), escape_text(&hub.id)));
    lines.push(format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
    lines.push(format!("DTSTART;TZID={}:{}", tz.name(), ics_local(wall_start)));
    lines.push(format!("DTEND;TZID={}:{}", tz.name(), ics_local(wall_end)));
    // ORGANIZER (required with METHOD:CANCEL): the first organiser, addressed by its web
    // site when it is a hub organisation that has one (kix knows no organiser e-mail).
    if let Some(party) = event.organisers.first() {
        let org = party.organisation.as_deref().and_then(|id| hub.organisation(id));
        let uri = org.and_then(|o| o.website.clone()).unwrap_or_else(|| format!("urn:kix:organisation:{}", hub.id));
        let uri: String = uri.chars().filter(|c| !c.is_control()).collect();
        let name: String = party.name.chars().filter(|c| !c.is_control() && *c != '"').collect();
        lines.push(format!("ORGANIZER;CN=\"{name}\":{uri}"));
    }
    lines.push(format!("SEQUENCE:{}", event.sequence));
    lines.push(format!("STATUS:{}", if cancelled { "CANCELLED" } else { "CONFIRMED" }));
    let summary = match (&event.series, event.number) {
        (Some(series), Some(n)) => format!("{series} {n}: {}", event.title),
        _ => event.title.clone(),
    };
    lines.push(format!("SUMMARY:{}", escape_text(&summary)));
    lines.push(format!("DESCRIPTION:{}", escape_text(&description(event))));
    lines.push(format!("LOCATION:{}", escape_text(&event.location.to_string())));
    if let crate::event::Location::Online { url: Some(url), .. } = &event.location {
        // A URI value: no TEXT escaping (commas and semicolons are part of URLs), only
        // the characters no content line may carry are dropped.
        let uri: String = url.chars().filter(|c| !c.is_control()).collect();
        lines.push(format!("URL:{uri}"));
    }
    let kind = serde_json::to_value(event.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    lines.push(format!("CATEGORIES:{}", escape_text(&kind)));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    Ok(lines.iter().map(|l| fold_line(l)).collect())
}

fn description(event: &Event) -> String {
    let mut out = String::new();
    if let Some(d) = &event.description {
        out.push_str(d.trim());
        out.push_str("\n\n");
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
    fn the_vtimezone_covers_the_event_with_real_transitions() {
        let ics = unfold(&to_ics(crate::emap(), &w20(), stamp()).unwrap());
        // The spring 2024 change to CEST precedes the event; the autumn change follows.
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20240331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
        ));
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:20241027T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
        ));
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
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(unfold(&ics).contains("ORGANIZER;CN=\"NORRAG (KIX EMAP Hub)\":https://www.norrag.org\r\n"), "{ics}");
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
    }
}
