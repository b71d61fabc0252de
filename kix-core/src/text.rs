//! Text normalization shared by the rules.

use chrono::{NaiveDate, NaiveDateTime};

/// The form in which e-mail addresses are compared for duplicates:
/// [`crate::email::duplicate_key`] (the local part in NFC and lower case, the
/// domain in ASCII form; other text trimmed, in NFC and lower case).
///
/// ```
/// use kix_core::text::normalize_email;
/// assert_eq!(normalize_email("  Aigerim@Example.KG "), "aigerim@example.kg");
/// assert_eq!(normalize_email("user@пример.рф"), "user@xn--e1afmkfd.xn--p1ai");
/// ```
#[must_use]
pub fn normalize_email(email: &str) -> String {
    crate::email::duplicate_key(email)
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
/// surrounding spaces ignored.
///
/// ```
/// assert_eq!(kix_core::text::parse_wall_time("2024-07-31T13:00:00").unwrap().to_string(), "2024-07-31 13:00:00");
/// assert!(kix_core::text::parse_wall_time("2024-07-31T13:00:00Z").is_none());
/// ```
#[must_use]
pub fn parse_wall_time(text: &str) -> Option<NaiveDateTime> {
    text.trim().parse().ok()
}

/// Cuts long input in messages so that a hostile 10 MB "name" does not end up in logs.
pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_owned(),
    }
}
