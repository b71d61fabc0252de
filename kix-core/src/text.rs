//! Text normalization shared by the rules.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;

/// The form in which e-mail addresses are compared for duplicates: trimmed,
/// Unicode NFKC-normalized and lower-cased (full Unicode lower case, which
/// folds the case of every script kix users write in).
///
/// ```
/// use kix_core::text::normalize_email;
/// assert_eq!(normalize_email("  Aigerim@Example.KG "), "aigerim@example.kg");
/// // A compatibility form (full-width letters) compares equal to the plain one.
/// assert_eq!(normalize_email("ＡＢＣ@example.org"), "abc@example.org");
/// ```
#[must_use]
pub fn normalize_email(email: &str) -> String {
    let trimmed = email.trim();
    if trimmed.is_ascii() {
        // NFKC leaves ASCII unchanged, and ASCII lower case is full lower case there.
        return trimmed.to_ascii_lowercase();
    }
    trimmed.nfkc().flat_map(char::to_lowercase).collect()
}

/// An ISO date such as `2024-07-31`, surrounding spaces ignored: how every
/// binding reads dates given as text.
///
/// ```
/// assert_eq!(kix_core::text::parse_date(" 2024-07-31 ").unwrap().to_string(), "2024-07-31");
/// assert!(kix_core::text::parse_date("31/07/2024").is_none());
/// ```
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

/// A wall-clock date and time without offset such as `2024-07-31T13:00:00`,
/// surrounding spaces ignored; a space may stand for the `T` and the seconds
/// may be left out, as ISO 8601 allows.
///
/// ```
/// use kix_core::text::parse_wall_time;
/// assert_eq!(parse_wall_time("2024-07-31T13:00:00").unwrap().to_string(), "2024-07-31 13:00:00");
/// assert_eq!(parse_wall_time("2024-03-31 02:30").unwrap().to_string(), "2024-03-31 02:30:00");
/// assert!(parse_wall_time("2024-07-31T13:00:00Z").is_none());
/// ```
#[must_use]
pub fn parse_wall_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&iso_with_seconds(text), "%Y-%m-%dT%H:%M:%S%.f").ok()
}

/// An instant with an offset: RFC 3339, where a space may stand for the `T`
/// and the seconds may be left out (`2024-07-31 11:00Z`).
///
/// ```
/// use kix_core::text::parse_instant;
/// assert_eq!(parse_instant("2024-07-31 13:00+02:00").unwrap().to_rfc3339(), "2024-07-31T13:00:00+02:00");
/// assert!(parse_instant("2024-07-31T13:00").is_none(), "no offset, no instant");
/// ```
#[must_use]
pub fn parse_instant(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(&iso_with_seconds(text)).ok()
}

/// ISO text with `T` between date and time and with seconds, so that one strict parser reads the forms people type.
fn iso_with_seconds(text: &str) -> String {
    let mut out = text.trim().to_owned();
    if out.get(10..11) == Some(" ") {
        out.replace_range(10..11, "T");
    }
    let minutes_end = out.get(13..14) == Some(":") && out.get(16..17) != Some(":");
    if out.get(10..11) == Some("T") && minutes_end && out.len() >= 16 && out.is_char_boundary(16) {
        out.insert_str(16, ":00");
    }
    out
}

/// Cuts long input in messages so that a hostile 10 MB "name" does not end up in logs.
pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_owned(),
    }
}
