//! Property: any hub, however odd its content, survives a JSON round-trip unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::NaiveDate;
use kix_core::{
    Assignment, Country, CountryCode, Hub, Nomination, NominationStatus, Organisation, PartnerRole, Period,
    RestDayChange, SubRegion, Weekday, ZoneId,
};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    // Years 1 to 9999: the whole range a JSON date string can carry here.
    (1i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn code() -> impl Strategy<Value = CountryCode> {
    let all: Vec<CountryCode> =
        kix_core::country::iso_countries().iter().map(|c| CountryCode::new(&c.alpha2).unwrap()).collect();
    proptest::sample::select(all)
}

fn weekday() -> impl Strategy<Value = Weekday> {
    proptest::sample::select(vec![
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ])
}

fn period() -> impl Strategy<Value = Period> {
    (date(), proptest::option::of(date())).prop_map(|(from, until)| Period { from, until })
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including control characters, quotes and backslashes.
    ".{0,24}"
}

fn country() -> impl Strategy<Value = Country> {
    (
        code(),
        text(),
        proptest::collection::vec("[A-Za-z_/+-]{1,20}", 0..3),
        proptest::collection::vec(weekday(), 0..3),
        proptest::collection::vec(
            (period(), proptest::collection::vec(weekday(), 0..3), proptest::option::of(text())),
            0..2,
        ),
        proptest::option::of(text()),
    )
        .prop_map(|(code, name, zones, rest_days, changes, note)| Country {
            code,
            name,
            subdivision: None,
            time_zones: zones.iter().map(|z| ZoneId::from(z.as_str())).collect(),
            rest_days,
            rest_day_changes: changes
                .into_iter()
                .map(|(period, days, note)| RestDayChange { period, days, note })
                .collect(),
            note,
        })
}

fn role() -> impl Strategy<Value = PartnerRole> {
    proptest::sample::select(vec![
        PartnerRole::HubCoordinator,
        PartnerRole::RegionalPartner,
        PartnerRole::KnowledgePartner,
        PartnerRole::Funder,
    ])
}

fn status() -> impl Strategy<Value = NominationStatus> {
    proptest::sample::select(vec![
        NominationStatus::Nominated,
        NominationStatus::Endorsed,
        NominationStatus::Confirmed,
        NominationStatus::Completed,
        NominationStatus::Withdrawn,
        NominationStatus::Rejected,
    ])
}

fn nomination() -> impl Strategy<Value = Nomination> {
    (text(), text(), code(), status(), date(), proptest::option::of(date()), proptest::option::of(text())).prop_map(
        |(name, email, country, status, on, endorsed, reason)| {
            let mut n = Nomination::new(&name, &email, country, on);
            n.status = status;
            n.endorsed_on = endorsed;
            n.rejection_reason = reason;
            n
        },
    )
}

fn hub() -> impl Strategy<Value = Hub> {
    (
        proptest::collection::vec(country(), 0..6),
        proptest::collection::vec(
            (text(), text(), proptest::collection::vec(code(), 0..4), proptest::option::of(period())),
            0..4,
        ),
        proptest::collection::vec(
            (text(), text(), proptest::collection::vec(role(), 0..3), proptest::option::of(code())),
            0..4,
        ),
        proptest::collection::vec((text(), text(), role(), period()), 0..4),
        proptest::collection::vec(nomination(), 0..5),
        0u32..10,
        text(),
    )
        .prop_map(|(countries, subs, orgs, assignments, nominations, quota, name)| {
            let mut hub = kix_core::emap().clone();
            hub.name = name;
            hub.countries = countries;
            hub.sub_regions = subs
                .into_iter()
                .map(|(id, name, countries, period)| SubRegion { id, name, countries, period })
                .collect();
            hub.organisations = orgs
                .into_iter()
                .map(|(id, name, roles, country)| Organisation {
                    id,
                    name,
                    full_name: None,
                    roles,
                    country,
                    website: None,
                    handle: None,
                })
                .collect();
            hub.assignments = assignments
                .into_iter()
                .map(|(partner, sub_region, role, period)| Assignment { partner, sub_region, role, period, note: None })
                .collect();
            hub.training.policy.nominees_per_country = quota;
            if let Some(cycle) = hub.training.cycles.first_mut() {
                cycle.nominations = nominations;
            }
            hub
        })
}

proptest! {
    #[test]
    fn a_hub_survives_a_json_round_trip_unchanged(hub in hub()) {
        let text = serde_json::to_string(&hub).unwrap();
        let back = Hub::from_json(&text).unwrap();
        prop_assert_eq!(&back, &hub);
        // And checking never panics, whatever the content.
        let _ = back.check();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

#[test]
fn the_embedded_hub_survives_a_round_trip_through_its_pretty_json() {
    let hub = kix_core::emap();
    assert_eq!(&Hub::from_json(&hub.to_json()).unwrap(), hub);
}
