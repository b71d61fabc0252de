//! The region's languages: violation messages, country names, local dates and
//! times, and event listings written for people.

use std::time::SystemTime;

use kix_core as core;

use crate::convert::{country, instant, zone};
use crate::error::{Result, Violation};
use crate::objects::Hub;

/// A violation's message in one language, with the locale used.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedMessage {
    /// The message.
    pub text: String,
    /// The shipped locale used: `en`, `ru` or `ar`.
    pub locale: String,
    /// Whether the requested language is not shipped, so English was used.
    pub fell_back: bool,
}

/// A violation's message in a BCP 47 locale (`"ru"`, `"ar-SD"`); English, with
/// `fell_back` set, when the language is not shipped. Right-to-left text
/// isolates its values (FSI … PDI) unless `plain` is true (for logs and JSON).
#[uniffi::export]
pub fn violation_message(violation: Violation, locale: String, plain: bool) -> Result<LocalizedMessage> {
    let v = core::Violation::try_from(violation)?;
    let bidi = if plain { core::messages::Bidi::Plain } else { core::messages::Bidi::Isolate };
    let m = core::messages::localize(&v, &locale, bidi);
    Ok(LocalizedMessage { text: m.text, locale: m.locale.to_owned(), fell_back: m.fell_back })
}

/// A country's name (ISO 3166-1 alpha-2 code) in a BCP 47 locale, from CLDR;
/// English when the locale has none; null for an unknown code.
#[uniffi::export]
pub fn country_name(code: String, locale: String) -> Option<String> {
    core::country::country_name(&code, &locale).map(str::to_owned)
}

/// An instant as a wall-clock date and time in a zone, written in a BCP 47
/// locale with CLDR's data ("31 июля 2024 г., 17:00"; 24-hour clocks, Latin
/// digits in Arabic unless `ar-u-nu-arab`).
#[uniffi::export]
pub fn format_local_time(at: SystemTime, zone_name: String, locale: String) -> Result<String> {
    Ok(core::format::local_text(instant(at)?, zone(&zone_name)?, &locale))
}

/// An event as webinar pages list it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WrittenListing {
    /// The organiser's date, in the language's long form.
    pub date_text: String,
    /// The time line: the organiser's zone first, then the other zones.
    pub time_text: String,
    /// The shipped language used: `en`, `ru` or `ar`.
    pub locale: String,
    /// Whether the requested language is not shipped, so English was used.
    pub fell_back: bool,
}

impl From<core::listing::WrittenListing> for WrittenListing {
    fn from(w: core::listing::WrittenListing) -> Self {
        WrittenListing { date_text: w.date_text, time_text: w.time_text, locale: w.locale, fell_back: w.fell_back }
    }
}

/// A row of an event's local times written for people in one language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedTime {
    /// The zone.
    pub zone: String,
    /// The country's name in the language, if the row has a country.
    pub country_name: Option<String>,
    /// The local start, date and time.
    pub local_start: String,
    /// The local end, date and time.
    pub local_end: String,
    /// The offset from UTC (`UTC+5:45`).
    pub utc_offset: String,
    /// The locale the text is in.
    pub locale: String,
    /// Whether the requested language has no data and English was used.
    pub fell_back: bool,
}

#[uniffi::export]
impl Hub {
    /// An event's listing in a BCP 47 locale for these countries' zones (every
    /// zone of each; null for the event's own countries). Arabic isolates times
    /// and offsets unless `plain` is true.
    pub fn event_listing(
        &self,
        event_id: String,
        locale: String,
        countries: Option<Vec<String>>,
        plain: bool,
    ) -> Result<WrittenListing> {
        let codes = countries.map(|c| c.iter().map(|c| country(c)).collect::<Result<Vec<_>>>()).transpose()?;
        let bidi = if plain { core::messages::Bidi::Plain } else { core::messages::Bidi::Isolate };
        let hub = self.read();
        Ok(hub.listing(hub.require_event(&event_id)?, &locale, codes.as_deref(), bidi)?.into())
    }

    /// An event's local times in every zone of its countries, written in a BCP 47 locale.
    pub fn localized_times(&self, event_id: String, locale: String) -> Result<Vec<LocalizedTime>> {
        let hub = self.read();
        let table = core::local_times(&hub, hub.require_event(&event_id)?, Default::default())?;
        Ok(table
            .rows
            .iter()
            .map(|r| {
                let t = r.localized(&locale);
                LocalizedTime {
                    zone: r.zone.name().to_owned(),
                    country_name: t.country_name,
                    local_start: t.local_start,
                    local_end: t.local_end,
                    utc_offset: t.utc_offset,
                    locale: t.locale,
                    fell_back: t.fell_back,
                }
            })
            .collect())
    }
}
