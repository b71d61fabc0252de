//! The listing writer and reader agree: what `Event::listing` writes in
//! English, `parse_listing` reads back to the same instants, with no warning,
//! for random events organised in every member zone (and Geneva) and shown in
//! any set of member zones, across DST changes, midnight and the dateline.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use kix_core::zone::{Disambiguation, LocalResolution, resolve_local};
use proptest::prelude::*;

fn member_zones() -> Vec<Tz> {
    let mut zones: Vec<Tz> =
        kix_core::emap().countries.iter().flat_map(|c| c.time_zones.iter().map(|z| z.tz().unwrap())).collect();
    zones.push(chrono_tz::Europe::Zurich);
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    zones
}

/// A wall time the organiser's clock shows exactly once.
fn unique(tz: Tz, wall: chrono::NaiveDateTime) -> bool {
    matches!(resolve_local(wall, tz), LocalResolution::Unique(_))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn an_english_listing_reads_back_to_its_instants(
        organiser in proptest::sample::select(member_zones()),
        shown in proptest::sample::subsequence(member_zones(), 0..8),
        day in 0i64..(11 * 366),
        minute_of_day in 0i64..(24 * 4),
        minutes in 1i64..(16 * 4),
        locale in proptest::sample::select(vec!["en", "en-GB", "en-US", "en-IN"]),
    ) {
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
            + Duration::days(day) + Duration::minutes(minute_of_day * 15);
        let end = start + Duration::minutes(minutes * 15);
        prop_assume!(unique(organiser, start) && unique(organiser, end));
        let mut event = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
        event.zone = kix_core::ZoneId::from(organiser);
        event.start = start;
        event.end = Some(end);
        event.duration_minutes = None;

        let written = event.listing(locale, &shown).unwrap();
        prop_assert_eq!(&written.locale, "en");
        let read = kix_core::parse_listing(&written.date_text, &written.time_text);
        prop_assert!(read.is_ok(), "{} | {}: {:?}", written.date_text, written.time_text, read.err());
        let read = read.unwrap();
        let instants = (event.start_instant(Disambiguation::Reject).unwrap(), event.end_instant(Disambiguation::Reject).unwrap());
        prop_assert_eq!((read.start_utc(), read.end_utc()), instants, "{} | {}", written.date_text, written.time_text);
        prop_assert_eq!(read.zone.as_str(), organiser.name());
        prop_assert!(read.warnings.is_empty(), "{} | {}: {:?}", written.date_text, written.time_text, read.warnings);
        // One segment per zone, the organiser's first.
        prop_assert_eq!(written.time_text.split(" / ").count(), 1 + shown.iter().filter(|z| **z != organiser).count());
    }
}

#[test]
fn the_issue_listing_in_three_languages() {
    use chrono_tz::Asia::{Bishkek, Kathmandu};
    let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    let en = w20.listing("en", &[Bishkek, Kathmandu]).unwrap();
    assert_eq!(
        en.time_text,
        "13:00–14:30 (Geneva, CEST) / 17:00–18:30 (Bishkek, UTC+6) / 16:45–18:15 (Kathmandu, UTC+5:45)"
    );
    let plain = w20.listing_with("ar", &[Bishkek], kix_core::messages::Bidi::Plain).unwrap();
    assert_eq!(plain.time_text, "13:00–14:30 (جنيف، UTC+2) / 17:00–18:30 (بشكيك، UTC+6)");
    assert_eq!(plain.date_text, "31 يوليو 2024");
    let display = w20.listing("ar", &[Bishkek]).unwrap();
    assert_eq!(
        display.time_text,
        "\u{2068}13:00–14:30\u{2069} (جنيف، \u{2068}UTC+2\u{2069}) / \u{2068}17:00–18:30\u{2069} (بشكيك، \u{2068}UTC+6\u{2069})"
    );
    let digits = w20.listing_with("ar-u-nu-arab", &[], kix_core::messages::Bidi::Plain).unwrap();
    assert_eq!(digits.time_text, "١٣:٠٠–١٤:٣٠ (جنيف، UTC+٢)");
    let fr = w20.listing("fr", &[]).unwrap();
    assert_eq!((fr.locale.as_str(), fr.fell_back), ("en", true));
}

#[test]
fn no_cet_in_july_and_the_day_changes_are_named() {
    use chrono_tz::{Europe, Pacific};
    let mut event = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    event.start = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap().and_hms_opt(23, 30, 0).unwrap();
    event.end = Some(event.start + Duration::hours(1));
    let winter = event.listing("en", &[Europe::Chisinau, Pacific::Port_Moresby, chrono_tz::America::New_York]).unwrap();
    assert_eq!(
        winter.time_text,
        "23:30–00:30 (Geneva, CET) / 00:30–01:30 (Chișinău, EET, next day) / 08:30–09:30 (Port Moresby, UTC+10, next day) / 17:30–18:30 (New York, EST)"
    );
    let ru = event.listing("ru", &[Pacific::Port_Moresby]).unwrap();
    assert!(ru.time_text.ends_with("(Порт-Морсби, UTC+10, на следующий день)"), "{}", ru.time_text);
}
