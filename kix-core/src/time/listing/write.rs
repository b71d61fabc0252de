//! Listings written for event pages, in English, Russian and Arabic (the `i18n` feature):
//! the organiser's date and a time line with the span in several zones.

use chrono::{Offset, TimeZone};
use chrono_tz::{OffsetName, Tz};

use super::*;
use crate::language::messages::Bidi;
use crate::time::zone::{reads_abbreviation, wall_time};

/// A listing written for an event page: the organiser's date and a time line
/// with the event in several zones, as `Event::listing` writes it.
///
/// ```
/// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
/// let listing = w20.listing("en-GB", &[chrono_tz::Asia::Bishkek])?;
/// assert_eq!(listing.date_text, "31 July 2024");
/// assert_eq!(listing.time_text, "13:00–14:30 (Geneva, CEST) / 17:00–18:30 (Bishkek, UTC+6)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WrittenListing {
    /// The date in the organiser's zone, in the locale's long form.
    pub date_text: String,
    /// The time line: the organiser's zone first, then every other zone asked for.
    pub time_text: String,
    /// The shipped language the listing is written in (`en`, `ru`, `ar`).
    pub locale: String,
    /// Whether the requested language is not shipped, so English was used.
    pub fell_back: bool,
}

/// The city a listing names for a zone in a language: the hub's own names and
/// CLDR's exemplar cities, else the zone id's last part ("Port Moresby").
fn city_of(tz: Tz, language: &str) -> String {
    let cities = &crate::language::words::words().cities;
    cities
        .get(tz.name())
        .and_then(|names| names.get(language).or_else(|| names.get("en")))
        .cloned()
        .unwrap_or_else(|| tz.name().rsplit('/').next().unwrap_or(tz.name()).replace('_', " "))
}

/// Writes the multi-zone listing of a span of time that the organiser keeps in the zone
/// `organiser` (an event's is [`Event::listing`](crate::Event::listing)): the organiser's
/// date, then the span in the organiser's zone and in each of `zones`.
///
/// ```
/// use chrono_tz::{Asia, Europe};
/// use kix_core::messages::Bidi;
/// let start = "2024-07-31T11:00:00Z".parse()?;
/// let end = "2024-07-31T12:30:00Z".parse()?;
/// let l = kix_core::listing::write_listing(start, end, Europe::Zurich, "en-GB", &[Asia::Bishkek], Bidi::Plain);
/// assert_eq!(l.time_text, "13:00–14:30 (Geneva, CEST) / 17:00–18:30 (Bishkek, UTC+6)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn write_listing(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    organiser: Tz,
    locale: &str,
    zones: &[Tz],
    bidi: Bidi,
) -> WrittenListing {
    let chosen = crate::language::messages::choose_locale(locale);
    let f = crate::time::format::formatter(if chosen.fell_back { "en" } else { locale });
    let isolate = |text: String| {
        if bidi == Bidi::Isolate && f.locale.right_to_left { format!("\u{2068}{text}\u{2069}") } else { text }
    };
    let separator = crate::language::messages::phrase(chosen.tag, "list-separator").unwrap_or_else(|| ", ".into());
    let home_day = wall_time(start, organiser).date();
    let mut seen = Vec::new();
    let mut segments = Vec::new();
    for tz in std::iter::once(organiser).chain(zones.iter().copied()) {
        if seen.contains(&tz) {
            continue;
        }
        seen.push(tz);
        let (from, to) = (wall_time(start, tz), wall_time(end, tz));
        let offset = tz.offset_from_utc_datetime(&start.naive_utc());
        let seconds = offset.fix().local_minus_utc();
        // English readers know the tz database's lettered abbreviations (CEST);
        // everyone reads an offset, which is never wrong for the date. An
        // offset of seconds (local mean time, before 1900) is no clock to print.
        let note = match offset.abbreviation() {
            Some(a) if chosen.tag == "en" && reads_abbreviation(tz, seconds, a) => Some(a.to_owned()),
            _ if seconds % 60 != 0 => None,
            _ => Some(f.offset(seconds)),
        };
        let mut parts = vec![city_of(tz, chosen.tag)];
        parts.extend(note.map(isolate));
        let day = match from.date().cmp(&home_day) {
            std::cmp::Ordering::Greater => crate::language::messages::phrase(chosen.tag, "listing-next-day"),
            std::cmp::Ordering::Less => crate::language::messages::phrase(chosen.tag, "listing-previous-day"),
            std::cmp::Ordering::Equal => None,
        };
        parts.extend(day);
        let range = isolate(format!("{}–{}", f.time(from.time()), f.time(to.time())));
        segments.push(format!("{range} ({})", parts.join(&separator)));
    }
    WrittenListing {
        date_text: f.date(home_day),
        time_text: segments.join(" / "),
        locale: chosen.tag.to_owned(),
        fell_back: chosen.fell_back,
    }
}
