use super::*;
use crate::shared::violation::Violations;

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
fn the_five_listings_of_the_issue() {
    let s = parse_listing("31 July 2024", "1:00 – 2:30 PM (CET / Geneva)").unwrap();
    assert_eq!(utc(&s), ("2024-07-31 11:00".into(), "2024-07-31 12:30".into()));
    assert_eq!(s.warnings.codes(), [Code::TimeLabelSeasonMismatch]);
    assert_eq!(s.warnings[0].params["true_abbreviation"], "CEST");

    let s = parse_listing("3 March 2025", "15.30-17.00 (CET-Geneva)").unwrap();
    assert_eq!(utc(&s), ("2025-03-03 14:30".into(), "2025-03-03 16:00".into()));
    assert!(s.warnings.is_empty());

    let s = parse_listing("June 4 2025", "10:00 am - 11:15 am CEST").unwrap();
    assert_eq!(utc(&s), ("2025-06-04 08:00".into(), "2025-06-04 09:15".into()));
    assert!(s.warnings.is_empty());

    let s =
        parse_listing("Tuesday, 9 December 2025", "6:00 – 8:00 AM (CET / Geneva) / 11:00 AM – 1:00 PM (BTT / Thimphu)")
            .unwrap();
    assert_eq!(utc(&s), ("2025-12-09 05:00".into(), "2025-12-09 07:00".into()));
    assert!(s.warnings.is_empty(), "{:#?}", s.warnings);

    let s = parse_listing("Friday, 14 March 2025", "9:00-10:30 (Geneva / CET) / 16:00-17:30 (Bangkok / ICT)").unwrap();
    assert_eq!(s.warnings.codes(), [Code::TimeListingMismatch]);
    assert_eq!(s.warnings[0].params["expected_start"], "15:00");
    assert_eq!(s.warnings[0].params["given_start"], "16:00");
}

#[test]
fn twelve_hour_clocks_take_the_meridiem_from_the_other_end() {
    let s = parse_listing("2025-01-15", "11:00 – 1:00 PM (Geneva)").unwrap();
    assert_eq!(s.start.format("%H:%M").to_string(), "11:00");
    assert_eq!(s.end.format("%H:%M").to_string(), "13:00");
    let s = parse_listing("2025-01-15", "9 to 10:30 a.m. Geneva").unwrap();
    assert_eq!(s.start.format("%H:%M").to_string(), "09:00");
    let s = parse_listing("2025-01-15", "12:00 PM - 12:30 PM UTC").unwrap();
    assert_eq!(s.start_utc().format("%H:%M").to_string(), "12:00");
    let s = parse_listing("2025-01-15", "12:00 am - 1:00 am UTC").unwrap();
    assert_eq!(s.start_utc().format("%H:%M").to_string(), "00:00");
}

#[test]
fn a_range_past_midnight_ends_the_next_day() {
    let s = parse_listing("15 January 2025", "23:00–01:00 (Asia/Kathmandu)").unwrap();
    assert_eq!(s.end.date_naive().to_string(), "2025-01-16");
    assert_eq!(s.start_utc().to_rfc3339(), "2025-01-15T17:15:00+00:00");
}

#[test]
fn a_wrong_weekday_is_a_warning() {
    assert_eq!(codes("Monday, 9 December 2025", "6:00 – 8:00 AM (Geneva)"), [Code::TimeWeekdayMismatch]);
}

#[test]
fn unreadable_parts_are_named() {
    let e = parse_listing("31 Jully 2024", "soon").unwrap_err();
    let v = e.violations();
    assert_eq!(v.codes(), [Code::TimeUnparseable, Code::TimeUnparseable]);
    assert_eq!(v[0].params["part"], "date_text");
    assert_eq!(v[1].params["part"], "time_text");
    assert_eq!(codes("4/6/2025", "10:00-11:00 CET"), [Code::TimeUnparseable]);
    assert_eq!(codes("31 February 2025", "10:00-11:00 CET"), [Code::TimeUnparseable]);
    assert_eq!(codes("1 March 2025", "10:00-11:00"), [Code::TimeUnparseable]);
    assert_eq!(codes("1 March 2025", "10:00-11:00 (Atlantis)"), [Code::TimeUnknownZone]);
    assert_eq!(codes("1 March 2025", "13:00-14:00 PM Geneva"), [Code::TimeUnparseable]);
}

#[test]
fn a_listing_in_a_dst_gap_is_refused() {
    assert_eq!(codes("30 March 2025", "2:30-3:30 AM (Geneva)"), [Code::TimeNonexistentLocalTime]);
}

#[test]
fn a_year_before_1000_carries_its_era() {
    // Found by fuzzing: ICU writes "March 30, 25 AD", which must read back.
    let s = parse_listing("March 30, 25 AD", "02:30-03:30 (Conakry)").unwrap();
    assert_eq!(s.local_start().to_string(), "0025-03-30 02:30:00");
}

#[test]
fn local_mean_time_is_never_written() {
    // Found by fuzzing: before standard time the tz database says "LMT" with an
    // offset of seconds, which no reader takes; the city alone says it all.
    let s = parse_listing("15 January 1012", "10:00-11:00 (AFT / Kabul)").unwrap();
    let mut event = crate::emap().events[0].clone();
    event.zone = s.zone.clone();
    (event.start, event.end, event.duration_minutes) = (s.local_start(), Some(s.local_end()), None);
    let written = event.listing("en", &[chrono_tz::Asia::Kathmandu]).unwrap();
    assert_eq!(written.time_text, "10:00–11:00 (Kabul) / 11:04–12:04 (Kathmandu)");
    let back = parse_listing(&written.date_text, &written.time_text).unwrap();
    assert_eq!((back.start_utc(), back.end_utc()), (s.start_utc(), s.end_utc()));
}

#[test]
fn a_zone_on_another_day_may_say_so_in_any_shipped_language() {
    let w = |time: &str| parse_listing("15 January 2025", time).map(|s| (utc(&s), s.warnings.len()));
    let expected = Ok((("2025-01-15 22:30".to_owned(), "2025-01-15 23:30".to_owned()), 0));
    assert_eq!(w("23:30–00:30 (Geneva) / 08:30–09:30 (Port Moresby, +1)"), expected);
    assert_eq!(w("23:30–00:30 (Geneva) / 08:30–09:30 (Port Moresby, next day)"), expected);
    assert_eq!(w("23:30–00:30 (Женева) / 08:30–09:30 (Порт-Морсби, UTC+10, на следующий день)"), expected);
    assert_eq!(w("23:30–00:30 (Geneva) / 08:30–09:30 (بور مورسبي، في اليوم التالي)"), expected);
    // A number that is no day shift is an unknown word, not a marker to skip.
    assert!(w("23:30–00:30 (Geneva) / 08:30–09:30 (Port Moresby, +7 days)").is_err());
}

#[test]
fn half_and_three_quarter_hour_zones_cross_check() {
    let s = parse_listing(
        "31 July 2024",
        "13:00-14:30 (Geneva) / 16:45-18:15 (NPT / Kathmandu) / 15:30-17:00 (Yangon) / 15:30-17:00 (Kabul)",
    )
    .unwrap();
    // 11:00Z is 16:45 in Kathmandu (+05:45) and 15:30 in Kabul (+04:30), both right;
    // Yangon (+06:30) would be 17:30, not 15:30.
    assert!(s.warnings.iter().all(|w| w.code == Code::TimeLabelSeasonMismatch || w.code == Code::TimeListingMismatch));
    let mismatches: Vec<_> =
        s.warnings.iter().filter(|w| w.code == Code::TimeListingMismatch).map(|w| w.params["zone"].clone()).collect();
    assert_eq!(mismatches, [serde_json::json!("Asia/Yangon")]);
}
