//! Dates, times, numbers and UTC offsets written for people, in their language.
//!
//! Formatting is ICU4X's, on CLDR's data compiled into the crate, always in the
//! Gregorian calendar (the hub's dates are Gregorian whatever the reader's
//! locale prefers). kix adds two defaults to a requested BCP 47 tag unless the
//! tag says otherwise: a 24-hour clock (`-u-hc-h23`), and Latin digits in
//! Arabic (`-u-nu-latn`; ask for `ar-u-nu-arab` to get Arabic-Indic digits). A
//! date and a time are joined with the locale's standard CLDR pattern
//! ("31 июля 2024 г., 13:00"), not its "at" pattern ("… в 13:00"). CLDR writes
//! the space before "г." as a narrow no-break space (U+202F).
//!
//! ```
//! use chrono::NaiveDate;
//! let at = NaiveDate::from_ymd_opt(2024, 7, 31).unwrap().and_hms_opt(13, 0, 0).unwrap();
//! assert_eq!(kix_core::format::formatter("ru").date_time(at), "31 июля 2024\u{202f}г., 13:00");
//! assert_eq!(kix_core::format::formatter("ar").date_time(at), "31 يوليو 2024، 13:00");
//! assert_eq!(kix_core::format::formatter("ar-u-nu-arab").time(at.time()), "١٣:٠٠");
//! assert_eq!(kix_core::format::formatter("ru").offset(6 * 3600), "UTC+6");
//! ```

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{T, YMD};
use icu_datetime::input::{Date, Time};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale::Locale;
use icu_locale::extensions::unicode::{key, value};

use crate::language::messages::right_to_left;
use crate::language::words::words;

/// The locale a [`Formatter`] writes in.
///
/// ```
/// let f = kix_core::format::formatter("ar-EG");
/// assert_eq!(f.locale.tag, "ar-EG-u-hc-h23-nu-latn");
/// assert!(f.locale.right_to_left && !f.locale.fell_back);
/// let f = kix_core::format::formatter("tlh");
/// assert_eq!((f.locale.tag.as_str(), f.locale.fell_back), ("en-u-hc-h23", true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DisplayLocale {
    /// The tag as asked for.
    pub requested: String,
    /// The BCP 47 tag formatting uses, kix's defaults added.
    pub tag: String,
    /// The language subtag (`ru`, `ar`).
    pub language: String,
    /// Whether CLDR has no data for the requested language (or the tag does not
    /// parse), so English is used.
    pub fell_back: bool,
    /// Whether the language is written right to left.
    pub right_to_left: bool,
}

/// Writes dates, times, numbers and offsets in one locale (see the module docs).
/// Get one with [`formatter`], which keeps them per tag.
pub struct Formatter {
    /// The locale used.
    pub locale: DisplayLocale,
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    time: Option<FixedCalendarDateTimeFormatter<Gregorian, T>>,
    number: Option<DecimalFormatter>,
    glue: String,
}

impl std::fmt::Debug for Formatter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formatter").field("locale", &self.locale).finish_non_exhaustive()
    }
}

/// The glue pattern of a locale, trying `ar-EG`, then `ar`.
fn glue_of(locale: &Locale) -> Option<&'static str> {
    let glue = &words().glue;
    let full = locale.id.to_string();
    let language = locale.id.language.as_str();
    glue.get(&full).or_else(|| glue.get(language)).map(String::as_str)
}

/// The formatting locale for a requested tag: kix's defaults added, English
/// when CLDR does not know the language.
fn display_locale(requested: &str) -> (DisplayLocale, Locale) {
    let parsed = Locale::try_from_str(&requested.replace('_', "-")).ok();
    let (mut locale, fell_back) = match parsed {
        Some(l) if glue_of(&l).is_some() => (l, false),
        _ => (icu_locale::locale!("en"), true),
    };
    let keywords = &mut locale.extensions.unicode.keywords;
    if keywords.get(&key!("hc")).is_none() {
        keywords.set(key!("hc"), value!("h23"));
    }
    if locale.id.language.as_str() == "ar" && locale.extensions.unicode.keywords.get(&key!("nu")).is_none() {
        locale.extensions.unicode.keywords.set(key!("nu"), value!("latn"));
    }
    let language = locale.id.language.as_str().to_owned();
    let display = DisplayLocale {
        requested: requested.to_owned(),
        tag: locale.to_string(),
        right_to_left: right_to_left(&language),
        language,
        fell_back,
    };
    (display, locale)
}

impl Formatter {
    fn new(requested: &str) -> Formatter {
        let (display, locale) = display_locale(requested);
        let prefs = (&locale).into();
        Formatter {
            date: FixedCalendarDateTimeFormatter::try_new(prefs, YMD::long()).ok(),
            time: FixedCalendarDateTimeFormatter::try_new(prefs, T::hm()).ok(),
            number: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            glue: glue_of(&locale).unwrap_or("{1}, {0}").to_owned(),
            locale: display,
        }
    }

    /// A date in the locale's long form ("31 July 2024" in `en-GB`, "31 июля 2024 г.").
    ///
    /// ```
    /// let d = chrono::NaiveDate::from_ymd_opt(2024, 11, 27).unwrap();
    /// assert_eq!(kix_core::format::formatter("fr").date(d), "27 novembre 2024");
    /// assert_eq!(kix_core::format::formatter("en-GB").date(d), "27 November 2024");
    /// ```
    #[must_use]
    pub fn date(&self, d: NaiveDate) -> String {
        let icu = u8::try_from(d.month())
            .ok()
            .zip(u8::try_from(d.day()).ok())
            .and_then(|(m, day)| Date::try_new_gregorian(d.year(), m, day).ok());
        match (&self.date, icu) {
            (Some(f), Some(date)) => f.format(&date).to_string(),
            _ => d.to_string(),
        }
    }

    /// A wall-clock time to the minute ("13:00"; "١٣:٠٠" with Arabic-Indic digits).
    ///
    /// ```
    /// let t = chrono::NaiveTime::from_hms_opt(9, 5, 0).unwrap();
    /// assert_eq!(kix_core::format::formatter("en").time(t), "09:05");
    /// assert_eq!(kix_core::format::formatter("en-u-hc-h12").time(t), "9:05\u{202f}AM");
    /// ```
    #[must_use]
    pub fn time(&self, t: NaiveTime) -> String {
        let icu = u8::try_from(t.hour())
            .ok()
            .zip(u8::try_from(t.minute()).ok())
            .and_then(|(h, m)| Time::try_new(h, m, 0, 0).ok());
        match (&self.time, icu) {
            (Some(f), Some(time)) => f.format(&time).to_string(),
            _ => t.format("%H:%M").to_string(),
        }
    }

    /// A date and time joined as the locale's standard pattern joins them.
    ///
    /// ```
    /// let at = chrono::NaiveDate::from_ymd_opt(2024, 7, 31).unwrap().and_hms_opt(13, 0, 0).unwrap();
    /// assert_eq!(kix_core::format::formatter("fr").date_time(at), "31 juillet 2024, 13:00");
    /// ```
    #[must_use]
    pub fn date_time(&self, t: NaiveDateTime) -> String {
        self.glue.replace("{1}", &self.date(t.date())).replace("{0}", &self.time(t.time()))
    }

    /// An integer with the locale's digits and grouping ("1 234 567" in Russian).
    ///
    /// ```
    /// assert_eq!(kix_core::format::formatter("ru").number(1_234_567), "1\u{a0}234\u{a0}567");
    /// assert_eq!(kix_core::format::formatter("ar-u-nu-arab").number(1500), "١٬٥٠٠");
    /// ```
    #[must_use]
    pub fn number(&self, n: i64) -> String {
        match &self.number {
            Some(f) => f.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }

    /// An offset from UTC as kix shows it in every language: `UTC`, `UTC+6`,
    /// `UTC+5:45`, `UTC-3`, with the locale's digits.
    ///
    /// ```
    /// let f = kix_core::format::formatter("ar-u-nu-arab");
    /// assert_eq!(f.offset(20_700), "UTC+٥:٤٥");
    /// assert_eq!(kix_core::format::formatter("en").offset(-3 * 3600), "UTC-3");
    /// assert_eq!(kix_core::format::formatter("en").offset(0), "UTC");
    /// ```
    #[must_use]
    pub fn offset(&self, seconds: i32) -> String {
        if seconds == 0 {
            return "UTC".into();
        }
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        let (h, m) = (i64::from(minutes / 60), i64::from(minutes % 60));
        if m == 0 {
            format!("UTC{sign}{}", self.number(h))
        } else {
            let mm = self.number(m);
            let mm = if m < 10 { format!("{}{mm}", self.number(0)) } else { mm };
            format!("UTC{sign}{}:{mm}", self.number(h))
        }
    }
}

/// A row of a local-times table written for people in one language: the
/// country's name in it, the local start and end, the offset.
///
/// ```
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let table = kix_core::local_times(hub, w20, Default::default())?;
/// let kg = table.rows.iter().find(|r| r.zone == chrono_tz::Asia::Bishkek).unwrap();
/// let ru = kg.localized("ru");
/// assert_eq!(ru.country_name.as_deref(), Some("Киргизия"));
/// assert_eq!(ru.local_start, "31 июля 2024\u{202f}г., 17:00");
/// assert_eq!((ru.local_end.as_str(), ru.utc_offset.as_str()), ("31 июля 2024\u{202f}г., 18:30", "UTC+6"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
pub struct LocalizedTime {
    /// The country's name in the language (CLDR), if the row has a country.
    pub country_name: Option<String>,
    /// The local start, date and time.
    pub local_start: String,
    /// The local end, date and time.
    pub local_end: String,
    /// The offset from UTC (`UTC+5:45`).
    pub utc_offset: String,
    /// The locale the text is in (see [`DisplayLocale::tag`]).
    pub locale: String,
    /// Whether the requested language has no data and English was used.
    pub fell_back: bool,
}

/// An instant as a wall-clock date and time in a zone, written in a language:
/// what a phone shows for "when is it for me".
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let at = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// assert_eq!(kix_core::format::local_text(at, chrono_tz::Asia::Kathmandu, "en-GB"), "31 July 2024, 16:45");
/// assert_eq!(kix_core::format::local_text(at, chrono_tz::Asia::Bishkek, "ar"), "31 يوليو 2024، 17:00");
/// ```
#[must_use]
pub fn local_text(at: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz, locale: &str) -> String {
    formatter(locale).date_time(crate::time::zone::wall_time(at, zone))
}

/// The formatter for a BCP 47 tag, made once per tag and kept.
///
/// ```
/// let f = kix_core::format::formatter("ru-KG");
/// assert_eq!(f.locale.language, "ru");
/// assert!(std::sync::Arc::ptr_eq(&f, &kix_core::format::formatter("ru-KG")));
/// ```
#[must_use]
pub fn formatter(locale: &str) -> Arc<Formatter> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Formatter>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // A poisoned cache only means another thread panicked while inserting;
    // the map itself is still whole, so keep using it.
    let mut map = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if map.len() > 256 {
        // Tags come from users: keep the cache bounded.
        map.clear();
    }
    Arc::clone(map.entry(locale.to_owned()).or_insert_with(|| Arc::new(Formatter::new(locale))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hub_languages_write_their_own_dates() {
        let at = NaiveDate::from_ymd_opt(2024, 7, 31).and_then(|d| d.and_hms_opt(13, 0, 0)).unwrap_or_default();
        assert_eq!(formatter("en-GB").date_time(at), "31 July 2024, 13:00");
        assert_eq!(formatter("ar-u-nu-arab").date_time(at), "٣١ يوليو ٢٠٢٤، ١٣:٠٠");
        assert_eq!(formatter("ky").date(at.date()), "2024-ж. 31-июль");
        // An unknown language, or a tag that is not BCP 47, falls back to English.
        for tag in ["tlh", "", "!!"] {
            assert!(formatter(tag).locale.fell_back, "{tag}");
            assert_eq!(formatter(tag).date(at.date()), "July 31, 2024");
        }
    }
}
