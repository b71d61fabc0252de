//! proptest strategies for kix documents, shared by the property tests and the
//! schema corpus (`xtask/src/corpus.rs` includes this file by path).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, unreachable_pub)]

use chrono::{NaiveDate, NaiveDateTime};
use kix_core::{
    Assignment, Audience, Country, CountryCode, Event, Grant, GrantPurpose, GrantStatus, HeldRegistration, Hub,
    KnowledgeProduct, Money, Nomination, NominationStatus, Organisation, PartnerRole, Party, Period, ProductKind,
    Registration, RegistrationStatus, RestDayChange, SubRegion, Violation, Weekday, ZoneId,
};
use proptest::prelude::*;

pub fn date() -> impl Strategy<Value = NaiveDate> {
    // Years 1 to 9999: the whole range a JSON date string can carry here.
    (1i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

pub fn code() -> impl Strategy<Value = CountryCode> {
    let all: Vec<CountryCode> =
        kix_core::country::iso_countries().iter().map(|c| CountryCode::new(&c.alpha2).unwrap()).collect();
    proptest::sample::select(all)
}

pub fn weekday() -> impl Strategy<Value = Weekday> {
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

pub fn period() -> impl Strategy<Value = Period> {
    (date(), proptest::option::of(date())).prop_map(|(from, until)| Period { from, until })
}

pub fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including control characters, quotes and backslashes.
    ".{0,24}"
}

pub fn country() -> impl Strategy<Value = Country> {
    (
        code(),
        text(),
        proptest::collection::vec(zone(), 0..3),
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
            time_zones: zones,
            rest_days,
            rest_day_changes: changes
                .into_iter()
                .map(|(period, days, note)| RestDayChange { period, days, note })
                .collect(),
            note,
        })
}

pub fn role() -> impl Strategy<Value = PartnerRole> {
    proptest::sample::select(vec![
        PartnerRole::HubCoordinator,
        PartnerRole::RegionalPartner,
        PartnerRole::KnowledgePartner,
        PartnerRole::Funder,
    ])
}

pub fn status() -> impl Strategy<Value = NominationStatus> {
    proptest::sample::select(vec![
        NominationStatus::Nominated,
        NominationStatus::Endorsed,
        NominationStatus::Confirmed,
        NominationStatus::Completed,
        NominationStatus::Withdrawn,
        NominationStatus::Rejected,
    ])
}

pub fn nomination() -> impl Strategy<Value = Nomination> {
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

pub fn hub() -> impl Strategy<Value = Hub> {
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

pub fn zone() -> impl Strategy<Value = ZoneId> {
    proptest::sample::select(chrono_tz::TZ_VARIANTS.to_vec()).prop_map(ZoneId::from)
}

pub fn wall() -> impl Strategy<Value = NaiveDateTime> {
    (date(), 0u32..24, 0u32..60).prop_map(|(d, h, m)| d.and_hms_opt(h, m, 0).unwrap())
}

pub fn maybe_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

pub fn registration() -> impl Strategy<Value = Registration> {
    (
        (maybe_text(), maybe_text(), maybe_text(), maybe_text()),
        (maybe_text(), maybe_text(), proptest::option::of(any::<bool>()), maybe_text()),
        proptest::option::of(wall()),
    )
        .prop_map(
            |((full_name, email, country, organisation), (audience, language, consent, submitted_at), occurrence)| {
                Registration {
                    full_name,
                    email,
                    country,
                    organisation,
                    audience,
                    language,
                    consent,
                    submitted_at,
                    occurrence,
                }
            },
        )
}

pub fn held() -> impl Strategy<Value = HeldRegistration> {
    (
        text(),
        proptest::sample::select(vec![
            RegistrationStatus::Confirmed,
            RegistrationStatus::Pending,
            RegistrationStatus::Waitlisted,
            RegistrationStatus::Rejected,
        ]),
        proptest::option::of(wall()),
    )
        .prop_map(|(email, status, occurrence)| HeldRegistration { email, status, occurrence })
}

pub fn event() -> impl Strategy<Value = Event> {
    (
        (text(), text(), proptest::option::of(0u32..500), wall(), proptest::option::of(1u32..600)),
        (zone(), proptest::collection::vec(proptest::sample::select(Audience::ALL.to_vec()), 0..4)),
        (proptest::option::of(proptest::collection::vec(code(), 0..3)), 0u32..5, "[a-z]{2}"),
    )
        .prop_map(|((id, title, number, start, minutes), (zone, audiences), (countries, sequence, language))| {
            let mut e = kix_core::emap().events[0].clone();
            e.id = id;
            e.title = title;
            e.number = number;
            e.start = start;
            e.end = None;
            e.duration_minutes = minutes;
            e.zone = zone;
            e.audiences = audiences;
            e.countries = countries;
            e.sequence = sequence;
            e.language = language;
            e
        })
}

pub fn money() -> impl Strategy<Value = Money> {
    (any::<i64>(), 0u32..6, proptest::sample::select(vec!["USD", "CHF", "EUR", "NPR", "KGS"])).prop_map(
        |(units, scale, currency)| Money {
            amount: rust_decimal::Decimal::new(units, scale),
            currency: currency.parse().unwrap(),
        },
    )
}

pub fn grant() -> impl Strategy<Value = Grant> {
    (text(), text(), code(), money(), date(), date(), 0usize..3, 0usize..4, maybe_text()).prop_map(
        |(id, recipient, country, amount, start, end, purpose, status, note)| Grant {
            id,
            recipient: Party { name: recipient, organisation: None, ..Default::default() },
            country,
            purpose: [GrantPurpose::KnowingInnovation, GrantPurpose::PilotProject, GrantPurpose::Other][purpose],
            amount,
            start,
            end,
            status: [GrantStatus::Proposed, GrantStatus::Awarded, GrantStatus::Completed, GrantStatus::Cancelled]
                [status],
            note,
        },
    )
}

pub fn product() -> impl Strategy<Value = KnowledgeProduct> {
    (
        (text(), 0usize..7, text(), maybe_text(), date()),
        (
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(code(), 0..3),
            proptest::collection::vec("[a-z]{2}", 0..3),
        ),
        (maybe_text(), maybe_text()),
    )
        .prop_map(|((id, kind, title, summary, published_on), (authors, countries, languages), (link, event))| {
            KnowledgeProduct {
                id,
                kind: [
                    ProductKind::Publication,
                    ProductKind::CaseStudy,
                    ProductKind::ResearchProject,
                    ProductKind::Tool,
                    ProductKind::PodcastEpisode,
                    ProductKind::BlogPost,
                    ProductKind::WebinarRecording,
                ][kind],
                title,
                summary,
                published_on,
                authors,
                organisations: vec![],
                countries,
                sub_regions: vec![],
                languages,
                link,
                training: None,
                event,
            }
        })
}

pub fn violation() -> impl Strategy<Value = Violation> {
    (proptest::sample::select(kix_core::Code::ALL.to_vec()), text(), text(), text(), any::<i64>())
        .prop_map(|(code, path, message, name, n)| Violation::new(code, path, message).with_param(&name, n))
}
