//! Zone labels and time forms from real event pages (issue 11, item 7).
//! Expected instants were computed with Python's zoneinfo (see
//! tools/gen_vectors.py, which writes the same cases as conformance vectors).

use kix_core::{Code, Schedule, Violations, parse_listing};

const FOUR_ZONES: &str = "5:00 – 7:00 AM (CET / Geneva) / 10:00 AM – 12:00 PM (BTT / Thimphu) / \
                          11:00 AM – 1:00 PM (WIB / Jakarta) / 5:00 – 7:00 PM (TOT / Tonga)";

fn utc(s: &Schedule) -> (String, String) {
    (s.start_utc().format("%Y-%m-%d %H:%M").to_string(), s.end_utc().format("%Y-%m-%d %H:%M").to_string())
}

fn codes(date: &str, time: &str) -> Vec<Code> {
    match parse_listing(date, time) {
        Ok(s) => s.warnings.codes(),
        Err(e) => e.violations().codes(),
    }
}

#[test]
fn the_four_zone_listing_on_a_winter_date_is_four_utc_instant_agreeing_zones() {
    // 15 January 2025: Geneva +01:00, Thimphu +06:00, Jakarta +07:00, Tonga +13:00.
    let s = parse_listing("15 January 2025", FOUR_ZONES).unwrap();
    assert_eq!(utc(&s), ("2025-01-15 04:00".into(), "2025-01-15 06:00".into()));
    assert_eq!(s.zone.as_str(), "Europe/Zurich");
    assert!(s.warnings.is_empty(), "{:#?}", s.warnings);
    let s = parse_listing("Wednesday, 11 December 2024", FOUR_ZONES).unwrap();
    assert_eq!(utc(&s), ("2024-12-11 04:00".into(), "2024-12-11 06:00".into()));
    assert!(s.warnings.is_empty(), "{:#?}", s.warnings);
}

#[test]
fn the_four_zone_listing_in_july_keeps_geneva_and_warns() {
    // In July Geneva is CEST (+02:00): 05:00 there is 03:00Z, which is 09:00 in
    // Thimphu, 10:00 in Jakarta and 16:00 in Tonga, not what the page says.
    let s = parse_listing("31 July 2024", FOUR_ZONES).unwrap();
    assert_eq!(utc(&s), ("2024-07-31 03:00".into(), "2024-07-31 05:00".into()));
    let w = s.warnings.codes();
    assert_eq!(w.first(), Some(&Code::TimeLabelSeasonMismatch));
    assert_eq!(w.iter().filter(|c| **c == Code::TimeListingMismatch).count(), 3);
    assert_eq!(s.warnings[0].params["true_abbreviation"], "CEST");
}

#[test]
fn country_names_are_labels_in_listings() {
    let s = parse_listing("15 January 2025", "5:00 – 7:00 PM (Tonga)").unwrap();
    assert_eq!(utc(&s), ("2025-01-15 04:00".into(), "2025-01-15 06:00".into()));
    let s = parse_listing("15 January 2025", "10:00 AM – 12:00 PM Bhutan").unwrap();
    assert_eq!(utc(&s), ("2025-01-15 04:00".into(), "2025-01-15 06:00".into()));
    let e = parse_listing("15 January 2025", "10:00-11:00 (Mongolia)").unwrap_err();
    let v = e.violations();
    assert_eq!(v.codes(), [Code::TimeAmbiguousZoneLabel]);
    assert_eq!(v[0].params["candidates"], serde_json::json!(["Asia/Ulaanbaatar", "Asia/Hovd"]));
    assert_eq!(v[0].path, "time_text");
    assert_eq!(codes("15 January 2025", "10:00-11:00 (IST)"), [Code::TimeAmbiguousZoneLabel]);
    let s = parse_listing("15 January 2025", "10:00-11:00 (IST / New Delhi)").unwrap();
    assert_eq!(utc(&s), ("2025-01-15 04:30".into(), "2025-01-15 05:30".into()));
}

#[test]
fn fixed_offset_labels_read_wall_times_with_their_offset() {
    let cases = [
        ("10:00-11:00 UTC+6", "2025-01-15 04:00", "+06:00"),
        ("10:00-11:00 (GMT+5:45)", "2025-01-15 04:15", "+05:45"),
        ("10:00-11:00 UTC+05:30", "2025-01-15 04:30", "+05:30"),
    ];
    for (time, start, offset) in cases {
        let s = parse_listing("15 January 2025", time).unwrap();
        assert_eq!(utc(&s).0, start, "{time}");
        assert_eq!(s.start.offset().to_string(), offset, "{time}");
        assert!(s.warnings.is_empty(), "{time}: {:#?}", s.warnings);
    }
    // A fixed offset beside the organiser's zone is cross-checked like a city.
    let s = parse_listing("15 January 2025", "5:00-6:00 (Geneva) / 9:45-10:45 (GMT+5:45)").unwrap();
    assert!(s.warnings.is_empty(), "{:#?}", s.warnings);
    assert_eq!(codes("15 January 2025", "5:00-6:00 (Geneva) / 10:00-11:00 (GMT+5:45)"), [Code::TimeListingMismatch]);
}

#[test]
fn words_and_forms_for_times() {
    // (time text, local start, local end), in Geneva on 15 January 2025.
    let cases = [
        ("noon – 1:30 PM", "2025-01-15 12:00", "2025-01-15 13:30"),
        ("12 noon to 2 pm", "2025-01-15 12:00", "2025-01-15 14:00"),
        ("midday until 13:00", "2025-01-15 12:00", "2025-01-15 13:00"),
        ("10 pm till midnight", "2025-01-15 22:00", "2025-01-16 00:00"),
        ("22:00-24:00", "2025-01-15 22:00", "2025-01-16 00:00"),
        ("midnight - 1 am", "2025-01-15 00:00", "2025-01-15 01:00"),
        ("17h00 – 18h30", "2025-01-15 17:00", "2025-01-15 18:30"),
        ("5pm-6pm", "2025-01-15 17:00", "2025-01-15 18:00"),
        ("5.30 pm to 7 pm", "2025-01-15 17:30", "2025-01-15 19:00"),
        ("9 to 10:30 a.m.", "2025-01-15 09:00", "2025-01-15 10:30"),
    ];
    for (time, start, end) in cases {
        let s = parse_listing("15 January 2025", &format!("{time} (Geneva)")).unwrap_or_else(|e| panic!("{time}: {e}"));
        let local = |t: chrono::DateTime<chrono::FixedOffset>| t.format("%Y-%m-%d %H:%M").to_string();
        assert_eq!((local(s.start), local(s.end)), (start.to_owned(), end.to_owned()), "{time}");
    }
    assert_eq!(codes("15 January 2025", "11 noon - 1 pm (Geneva)"), [Code::TimeUnparseable]);
}

#[test]
fn any_mix_of_page_words_never_panics_and_a_schedule_is_consistent() {
    use proptest::prelude::*;
    const WORDS: [&str; 34] = [
        "noon",
        "12 noon",
        "midday",
        "midnight",
        "24:00",
        "17h00",
        "5pm",
        "5.30 pm",
        "10:00",
        "to",
        "until",
        "till",
        "–",
        "-",
        "/",
        "(",
        ")",
        "AM",
        "PM",
        "TOT",
        "Tonga",
        "Mongolia",
        "Hovd",
        "IST",
        "New Delhi",
        "UTC+6",
        "GMT+5:45",
        "UTC+05:30",
        "CET",
        "Geneva",
        "WIB",
        "Indonesia",
        "BST",
        "11",
    ];
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(2000));
    let strategy = proptest::collection::vec(proptest::sample::select(&WORDS[..]), 1..12);
    runner
        .run(&strategy, |words| {
            let text = words.join(" ");
            let _ = kix_core::zone::parse_zone_label(&text);
            if let Ok(s) = parse_listing("15 January 2025", &text) {
                prop_assert!(s.start < s.end, "{text}");
                let offset = chrono::Duration::seconds(i64::from(s.start.offset().local_minus_utc()));
                prop_assert_eq!(s.local_start(), s.start_utc().naive_utc() + offset, "{}", text);
                prop_assert!(s.zone.tz().is_ok(), "{text}");
            }
            Ok(())
        })
        .unwrap();
}
