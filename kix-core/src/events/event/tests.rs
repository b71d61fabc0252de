use super::*;
use crate::shared::violation::Violations;
use chrono::NaiveDate;

fn w20() -> Event {
    crate::emap().event("kix-emap-webinar-20").unwrap().clone()
}
fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn webinar_20_ships_with_its_content() {
    let e = w20();
    assert_eq!(e.series.as_deref(), Some("KIX EMAP Webinar"));
    assert!(e.title.contains("scaling"));
    assert_eq!(e.language, "en");
    assert_eq!(e.agenda.len(), 5);
    assert_eq!(e.agenda[1].points.len(), 4);
    assert_eq!(e.audiences.len(), 5);
    assert_eq!(e.eligibility, Eligibility::Anyone);
    assert!(e.registration.required);
    assert_eq!(e.social_handles, ["@NORRAG", "@KIXEMAP"]);
    let partners: Vec<_> = e.partners.iter().filter_map(|p| p.organisation.as_deref()).collect();
    assert_eq!(partners, ["rosie", "brookings-cue", "gpe"]);
    assert!(e.check(crate::emap()).is_empty());
}

#[test]
fn a_start_in_a_dst_gap_or_fold_is_refused_with_both_candidates() {
    let mut e = w20();
    e.start = at(2025, 3, 30, 2, 30);
    e.end = Some(at(2025, 3, 30, 4, 0));
    let v = e.check(crate::emap());
    assert_eq!(v.codes(), [Code::TimeNonexistentLocalTime]);
    assert_eq!(v[0].path, "start");
    assert_eq!(v[0].params["earlier"], "2025-03-30T00:30:00Z");
    assert_eq!(v[0].params["later"], "2025-03-30T01:30:00Z");
    e.start = at(2025, 10, 26, 2, 15);
    e.end = Some(at(2025, 10, 26, 3, 30));
    let v = e.check(crate::emap());
    assert_eq!(v.codes(), [Code::TimeAmbiguousLocalTime]);
}

#[test]
fn agenda_items_must_fit_inside_the_event() {
    let mut e = w20();
    e.agenda[0].start = Some(at(2024, 7, 31, 13, 0));
    e.agenda[0].duration_minutes = Some(10);
    e.agenda[4].start = Some(at(2024, 7, 31, 14, 20));
    e.agenda[4].duration_minutes = Some(15);
    let v = e.check(crate::emap());
    assert_eq!(v.codes(), [Code::EventAgendaOutside]);
    assert_eq!(v[0].path, "agenda[4]");
}

#[test]
fn an_unknown_zone_and_bad_languages_are_all_reported() {
    let mut e = w20();
    e.zone = ZoneId::from("CET / Geneva");
    e.language = "english".into();
    e.interpretation = vec!["ar".into(), "ar".into(), "zz".into()];
    e.partners[0].organisation = Some("nobody".into());
    let v = e.check(crate::emap());
    assert_eq!(
        v.codes(),
        [
            Code::TimeUnknownZone,
            Code::EventUnknownLanguage,
            Code::EventInterpretationSameAsLanguage,
            Code::EventUnknownLanguage,
            Code::EventUnknownOrganisation
        ]
    );
    assert_eq!(v[0].params["did_you_mean"], "Europe/Zurich");
}

#[test]
fn an_end_and_a_duration_that_disagree_are_refused() {
    let mut e = w20();
    e.duration_minutes = Some(60);
    assert_eq!(e.check(crate::emap()).codes(), [Code::EventInvalidEnd]);
    e.end = None;
    assert!(e.check(crate::emap()).is_empty());
    e.duration_minutes = None;
    assert_eq!(e.check(crate::emap()).codes(), [Code::EventInvalidEnd]);
}

#[test]
fn overlapping_events_with_disjoint_audiences_and_countries_do_not_conflict() {
    let hub = crate::emap();
    let mut a = w20();
    a.countries = Some(vec![CountryCode::new("NP").unwrap()]);
    a.audiences = vec![Audience::Teacher];
    let mut b = a.clone();
    b.id = "b".into();
    b.number = Some(21);
    b.countries = Some(vec![CountryCode::new("AL").unwrap()]);
    b.audiences = vec![Audience::PolicyMaker];
    assert!([a.clone(), b.clone()].check(hub).is_empty());
    b.audiences.push(Audience::Teacher);
    let v = [a.clone(), b.clone()].check(hub);
    assert_eq!(v.codes(), [Code::ScheduleConflict]);
    assert_eq!(v[0].params["shared_audiences"], serde_json::json!(["teacher"]));
    // A cancelled event conflicts with nothing.
    b.status = EventStatus::Cancelled;
    assert!([a, b].check(hub).is_empty());
}

#[test]
fn back_to_back_events_do_not_overlap() {
    let hub = crate::emap();
    let a = w20();
    let mut b = a.clone();
    b.id = "next".into();
    b.number = Some(21);
    b.start = a.wall_end().unwrap();
    b.end = Some(b.start + Duration::minutes(30));
    assert!([a, b].check(hub).is_empty());
}

#[test]
fn a_zero_hour_offer_is_reported_and_still_runs_an_hour() {
    let hub = crate::emap();
    let mut e = w20();
    e.registration.offer_hours = 0;
    let v = e.check(hub);
    assert_eq!(v.codes(), [Code::EventInvalidOfferHours]);
    assert_eq!(v[0].path, "registration.offer_hours");
    assert_eq!(e.registration.offer_duration(), Duration::hours(1));
    e.registration.offer_hours = 1;
    assert!(e.check(hub).is_empty());
}
