//! Text normalization shared by the rules.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// The key under which names of places are compared, so that the forms people type of one name
/// meet and different names stay apart.
///
/// - Unicode NFKC (full-width and compatibility forms), then full lower case (`ß` as `ss`,
///   final `ς` as `σ`).
/// - Accents dropped from Latin, Greek and Cyrillic letters only (`Côte` = `Cote`, `Ё` = `Е`; the
///   table's generator checked that no two countries' names then meet except the declared ones).
///   The vowel signs and other marks of every other script are kept: in Khmer, Myanmar, Lao,
///   Tibetan or the Indic scripts they are letters, and dropping them makes Togo equal Tonga.
/// - Arabic and Persian letter variants folded: `ي ى ی`, `ك ک`, `ة ه`, hamza and madda on their
///   carrier; tatweel and harakat dropped.
/// - Apostrophes (`'` `` ` `` `ʻ` `ʼ` `’` `‘`) and zero-width joiners dropped (`Oʻzbekiston` =
///   `O'zbekiston`); `&` read as `and`; other punctuation and spaces collapse to one space.
/// - The words `st`/`ste` read as `saint`/`sainte`; a leading and a trailing `the` dropped
///   (`The Gambia`, `Bahamas, The`, `Gambia (the)`).
///
/// ```
/// use kix_core::text::name_key;
/// assert_eq!(name_key("  Côte d’Ivoire "), "cote divoire");
/// assert_eq!(name_key("The Gambia"), name_key("Gambia (the)"));
/// assert_eq!(name_key("Trinidad & Tobago"), name_key("trinidad and tobago"));
/// assert_eq!(name_key("St. Lucia"), name_key("Saint Lucia"));
/// assert_eq!(name_key("Oʻzbekiston"), name_key("O'zbekiston"));
/// assert_eq!(name_key("مورىتانيا"), name_key("موريتانيا"));
/// assert_eq!(name_key("أَفْغانِسْتـان"), name_key("افغانستان")); // harakat, hamza, tatweel
/// assert_eq!(name_key("Ελλάδα"), name_key("ΕΛΛΑΔΑ"));
/// assert_eq!(name_key("Бельгия"), name_key("БЕЛЬГИЯ"));
/// assert_eq!(name_key("Ёмен"), "емен");
/// // Khmer Togo and Tonga differ only in vowel signs: they stay apart.
/// assert_ne!(name_key("តូហ្គោ"), name_key("តុងហ្គា"));
/// ```
#[must_use]
pub fn name_key(text: &str) -> String {
    let lowered = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        let mut lowered = String::with_capacity(text.len());
        for c in text.nfkc().flat_map(char::to_lowercase) {
            match c {
                'ß' => lowered.push_str("ss"),
                'ς' => lowered.push('σ'),
                c => lowered.push(c),
            }
        }
        lowered
    };
    // ASCII needs no decomposition: the common case stays cheap.
    let decomposed: Box<dyn Iterator<Item = char> + '_> =
        if lowered.is_ascii() { Box::new(lowered.chars()) } else { Box::new(lowered.nfd()) };
    let mut folded = String::with_capacity(lowered.len());
    let mut base_drops_marks = false;
    for c in decomposed {
        if is_combining_mark(c) {
            if !base_drops_marks && !is_harakah(c) {
                folded.push(c);
            }
            continue;
        }
        base_drops_marks = is_latin_greek_cyrillic(c);
        match c {
            '\'' | '`' | '\u{2bb}' | '\u{2bc}' | '\u{2019}' | '\u{2018}' | '\u{640}' | '\u{200c}' | '\u{200d}' => {}
            '&' => folded.push_str(" and "),
            '\u{649}' | '\u{6cc}' => folded.push('\u{64a}'),
            '\u{6a9}' => folded.push('\u{643}'),
            '\u{629}' => folded.push('\u{647}'),
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    let composed: String = if folded.is_ascii() { folded } else { folded.nfc().collect() };
    let mut words: Vec<&str> = composed
        .split_whitespace()
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect();
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    if words.last() == Some(&"the") {
        words.pop();
    }
    words.join(" ")
}

/// Arabic harakat (short vowels, shadda, sukun, the hamza and madda marks) and the superscript alef.
fn is_harakah(c: char) -> bool {
    matches!(c, '\u{64b}'..='\u{65f}' | '\u{670}')
}

/// Letters of the scripts whose accents kix drops (Latin, Greek, Cyrillic).
fn is_latin_greek_cyrillic(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{2c60}'..='\u{2c7f}'
        | '\u{a720}'..='\u{a7ff}' | '\u{ab30}'..='\u{ab6f}'
        | '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}'
        | '\u{400}'..='\u{52f}' | '\u{1c80}'..='\u{1c8f}' | '\u{2de0}'..='\u{2dff}' | '\u{a640}'..='\u{a69f}')
}

/// `str::trim`, with the common case (text that starts and ends with a visible ASCII
/// character) answered without decoding characters.
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Cuts long input in messages so that a hostile 10 MB "name" does not end up in logs.
pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_owned(),
    }
}
