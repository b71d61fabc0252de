//! Hostile input: each gets a clear error or a correct result within bounded
//! memory — never a panic, never a silently dropped row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{NaiveDate, TimeZone, Utc};
use kix_core::{Code, Error, Hub, Registration, RegistrationStatus, Violations};

fn w20() -> kix_core::Event {
    kix_core::emap().event("kix-emap-webinar-20").unwrap().clone()
}

fn good(email: &str) -> Registration {
    Registration {
        full_name: Some("Test Person".into()),
        email: Some(email.into()),
        country: Some("NP".into()),
        audience: Some("teacher".into()),
        consent: Some(true),
        submitted_at: Some("2024-07-20T10:00:00Z".into()),
        ..Default::default()
    }
}

#[test]
fn a_ten_megabyte_name_is_too_long_and_never_echoed() {
    let huge = "é".repeat(5 * 1024 * 1024);
    let mut r = good("a@example.org");
    r.full_name = Some(huge.clone());
    r.country = Some(huge.clone());
    r.audience = Some(huge.clone());
    let o = kix_core::validate_registration(kix_core::emap(), &w20(), &r, &[], None).unwrap();
    assert_eq!(o.status, RegistrationStatus::Rejected);
    assert!(o.violations.codes().contains(&Code::RegistrationTooLong));
    let text = serde_json::to_string(&o).unwrap();
    assert!(text.len() < 4096, "the outcome stays small: {} bytes", text.len());
    assert!(kix_core::resolve_country(&huge).is_err());
    assert!(kix_core::resolve_zone(&huge).is_err());
    assert!(kix_core::parse_listing(&huge, &huge).is_err());
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(Hub::from_json(&deep), Err(Error::Json { .. })));
    let deep_obj = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    assert!(matches!(Hub::from_json(&deep_obj), Err(Error::Json { .. })));
    assert!(serde_json::from_str::<kix_core::Event>(&deep).is_err());
}

#[test]
fn control_characters_in_every_text_field_cannot_inject_calendar_lines() {
    let evil = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\u{0}\u{7}\u{1b}";
    let mut e = w20();
    e.id = evil.into();
    e.title = evil.into();
    e.description = Some(evil.into());
    e.series = Some(evil.into());
    e.location = kix_core::Location::Venue { name: evil.into(), address: evil.into(), country: None };
    e.agenda[0].title = evil.into();
    e.agenda[0].points = vec![evil.into()];
    e.social_handles = vec![evil.into()];
    let ics =
        kix_core::calendar::to_ics(kix_core::emap(), &e, Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap()).unwrap();
    assert_eq!(ics.matches("\r\nBEGIN:VEVENT\r\n").count(), 1);
    assert_eq!(ics.matches("\r\nEND:VEVENT\r\n").count(), 1);
    assert!(!ics.contains("\r\nSUMMARY:injected"));
    assert!(!ics.contains('\u{0}') && !ics.contains('\u{1b}'));
    // A registration with control characters is refused, each field named, before it
    // reaches any calendar, list or terminal.
    let mut r = good("a@example.org");
    r.full_name = Some(evil.into());
    r.organisation = Some(evil.into());
    let o = kix_core::validate_registration(kix_core::emap(), &w20(), &r, &[], None).unwrap();
    assert_eq!(o.status, RegistrationStatus::Rejected);
    let fields: Vec<&str> =
        o.violations.iter().filter(|v| v.code == Code::RegistrationControlCharacter).map(|v| v.path.as_str()).collect();
    assert_eq!(fields, ["full_name", "organisation"]);
}

#[test]
fn non_numbers_and_huge_numbers_are_refused() {
    let hub = serde_json::to_value(kix_core::emap()).unwrap();
    for bad in ["NaN", "Infinity", "-Infinity", "1e400", "99999999999999999999"] {
        let text = hub.to_string().replace(r#""nominees_per_country":3"#, &format!(r#""nominees_per_country":{bad}"#));
        assert!(Hub::from_json(&text).is_err(), "{bad}");
    }
}

#[test]
fn dates_in_year_1_and_9999_are_handled() {
    let hub = kix_core::emap();
    for date in [NaiveDate::from_ymd_opt(1, 1, 1).unwrap(), NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()] {
        assert_eq!(hub.timeline.position(date).unwrap_err().code, Code::TimelineOutsideProject);
    }
    let mut e = w20();
    e.start = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap().and_hms_opt(23, 0, 0).unwrap();
    e.end = Some(e.start + chrono::Duration::hours(2));
    let table = kix_core::local_times(hub, &e, Default::default()).unwrap();
    assert_eq!(table.rows.len(), 24);
    // It ends in year 10000, which iCalendar's four-digit years cannot write: a clear refusal.
    assert!(matches!(kix_core::calendar::to_ics(hub, &e, Utc::now()), Err(Error::InvalidValue { .. })));
    e.start = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap().and_hms_opt(20, 0, 0).unwrap();
    e.end = Some(e.start + chrono::Duration::hours(1));
    assert!(
        kix_core::calendar::to_ics(hub, &e, Utc::now()).unwrap().contains("DTSTART;TZID=Europe/Zurich:99991231T200000")
    );
    e.start = NaiveDate::from_ymd_opt(1, 1, 1).unwrap().and_hms_opt(0, 30, 0).unwrap();
    e.end = Some(e.start + chrono::Duration::hours(1));
    assert!(kix_core::local_times(hub, &e, Default::default()).is_ok());
    let mut r = good("a@example.org");
    r.submitted_at = Some("0001-01-01T00:00:00Z".into());
    assert!(kix_core::validate_registration(hub, &w20(), &r, &[], None).unwrap().is_accepted());
    r.submitted_at = Some("9999-12-31T23:59:59Z".into());
    assert_eq!(
        kix_core::validate_registration(hub, &w20(), &r, &[], None).unwrap().violations.codes(),
        [Code::RegistrationClosed]
    );
}

#[test]
fn a_batch_of_200k_duplicates_keeps_every_row_and_one_address() {
    let records = vec![good("same@example.org"); 200_000];
    let outcomes = kix_core::validate_batch(kix_core::emap(), &w20(), &records, &[], None).unwrap();
    assert_eq!(outcomes.len(), records.len());
    assert_eq!(outcomes[0].status, RegistrationStatus::Confirmed);
    assert!(outcomes[1..].iter().all(|o| o.violations.codes() == [Code::RegistrationDuplicate]));
}
