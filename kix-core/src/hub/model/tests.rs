use super::*;
use crate::shared::violation::Violations;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn code(s: &str) -> CountryCode {
    CountryCode::new(s).unwrap()
}
fn hub() -> Hub {
    crate::emap().clone()
}

#[test]
fn the_embedded_hub_checks_clean_but_for_five_unassigned_members() {
    let report = hub().check();
    assert!(!report.has_errors(), "{report:#?}");
    let unassigned: BTreeSet<_> = report
        .iter()
        .filter(|v| v.code == Code::HubCountryUnassigned)
        .map(|v| v.params["country"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(unassigned, ["BD", "LA", "SD", "VN", "YE"].map(String::from).into());
    assert_eq!(report.len(), 5);
}

#[test]
fn each_sub_region_has_its_seed_partner() {
    let h = hub();
    let date = d(2021, 1, 15);
    let expect = [
        ("nugse", &["KG", "TJ", "UZ", "MN"][..]),
        ("acer", &["KH", "MM", "PG", "TL", "PK", "BT", "MV", "NP", "AF"][..]),
        ("fhi360", &["AL", "GE", "MD"][..]),
    ];
    for (partner, countries) in expect {
        for c in countries {
            assert_eq!(h.partner_for(code(c), date).map(|o| o.id.as_str()), Some(partner), "{c}");
        }
    }
    assert_eq!(h.sub_regions_of("nugse").len(), 1);
    assert_eq!(h.sub_regions_of("acer").len(), 2);
    assert!(h.sub_regions_of("norrag").is_empty());
    assert_eq!(h.countries_of("central-asia-mongolia").len(), 4);
    assert!(h.countries_of("atlantis").is_empty());
}

#[test]
fn no_partner_is_named_outside_the_assignment_period() {
    let h = hub();
    assert!(h.partner_for(code("KG"), d(2020, 3, 31)).is_none());
    assert!(h.partner_for(code("FR"), d(2021, 1, 1)).is_none());
}

#[test]
fn zones_and_rest_days_follow_the_domain_notes() {
    let h = hub();
    let zones = |c: &str| -> Vec<String> { h.country(c).unwrap().time_zones.iter().map(|z| z.to_string()).collect() };
    assert_eq!(zones("UZ"), ["Asia/Tashkent", "Asia/Samarkand"]);
    assert_eq!(zones("MN"), ["Asia/Ulaanbaatar", "Asia/Hovd"]);
    assert_eq!(zones("PG"), ["Pacific/Port_Moresby", "Pacific/Bougainville"]);
    assert_eq!(zones("NP"), ["Asia/Kathmandu"]);
    for c in &h.countries {
        for z in &c.time_zones {
            assert!(z.tz().is_ok(), "{z}");
        }
    }
    assert_eq!(h.country("NP").unwrap().rest_days, [Weekday::Saturday]);
    assert_eq!(h.country("BD").unwrap().rest_days, [Weekday::Friday, Weekday::Saturday]);
    assert!(h.country("AF").unwrap().note.as_deref().unwrap_or("").contains("uncertain"));
    assert!(h.country("YE").unwrap().note.as_deref().unwrap_or("").contains("uncertain"));
    // Nepal's Sat–Sun trial in 2022: Sunday 2022-05-22 was a rest day, Sunday 2022-07-03 was not.
    let np = h.country("NP").unwrap();
    assert!(np.is_rest_day(d(2022, 5, 22)));
    assert!(!np.is_rest_day(d(2022, 7, 3)));
}

#[test]
fn a_broken_hub_reports_every_problem_at_once() {
    let mut h = hub();
    // a duplicate country
    let dup = h.countries[0].clone();
    h.countries.push(dup);
    // an unknown zone
    h.countries[1].time_zones.push(ZoneId::from("Asia/Atlantis"));
    // a country in two sub-regions at the same time
    h.sub_regions[0].countries.push(code("NP"));
    // a sub-region without a partner, listing a non-member
    h.sub_regions.push(SubRegion { id: "west".into(), name: "West".into(), countries: vec![code("FR")], period: None });
    // overlapping assignments, an unknown partner and an unknown sub-region
    let mut again = h.assignments[0].clone();
    again.partner = "acer".into();
    h.assignments.push(again);
    h.assignments.push(Assignment {
        partner: "nobody".into(),
        sub_region: "nowhere".into(),
        role: PartnerRole::RegionalPartner,
        period: Period { from: d(2021, 1, 1), until: Some(d(2020, 1, 1)) },
        note: None,
    });
    h.countries[2].subdivision = Some(Subdivision { code: "XX-1".into(), name: "?".into() });
    let report = h.check();
    let codes: BTreeSet<Code> = report.codes().into_iter().collect();
    for expected in [
        Code::HubDuplicateId,
        Code::HubUnknownTimeZone,
        Code::HubCountryInTwoSubRegions,
        Code::HubSubRegionWithoutPartner,
        Code::HubUnknownCountry,
        Code::HubOverlappingAssignments,
        Code::HubUnknownPartner,
        Code::HubUnknownSubRegion,
        Code::HubInvalidPeriod,
        Code::HubInvalidSubdivision,
        Code::HubCountryUnassigned,
    ] {
        assert!(codes.contains(&expected), "{expected} missing from {report:#?}");
    }
    let zone = report.iter().find(|v| v.code == Code::HubUnknownTimeZone).unwrap();
    assert_eq!(zone.path, "countries[1].time_zones[1]");
    assert_eq!(zone.params["zone"], "Asia/Atlantis");
}

#[test]
fn sub_regions_with_disjoint_periods_may_share_a_country() {
    let mut h = hub();
    let mut later = h.sub_regions[0].clone();
    later.id = "central-asia-2028".into();
    later.period = Some(Period { from: d(2028, 1, 1), until: None });
    h.sub_regions[0].period = Some(Period { from: d(2020, 4, 1), until: Some(d(2027, 12, 31)) });
    h.sub_regions.push(later);
    h.assignments.push(Assignment {
        partner: "nugse".into(),
        sub_region: "central-asia-2028".into(),
        role: PartnerRole::RegionalPartner,
        period: Period { from: d(2028, 1, 1), until: None },
        note: None,
    });
    assert!(!h.check().has_errors(), "{:#?}", h.check());
    assert_eq!(h.sub_region_of(code("KG"), d(2029, 1, 1)).unwrap().id, "central-asia-2028");
}

#[test]
fn the_view_answers_what_the_rules_ask_and_works_through_any_pointer() {
    let mut h = hub();
    let on = d(2020, 7, 1);
    h.nominate("cycle-1", Nomination::new("A", "a@example.np", code("NP"), on)).unwrap();
    assert_eq!(h.nominee_status("cycle-1", " A@Example.NP"), Some(Some(NominationStatus::Nominated)));
    assert_eq!(h.nominee_status("cycle-1", "b@example.np"), Some(None));
    assert_eq!(h.nominee_status("cycle-9", "a@example.np"), None);
    assert_eq!(HubView::sub_region_id_of(&h, code("NP"), on), Some("south-asia"));
    assert_eq!(HubView::partner_id_for(&h, code("NP"), on), Some("acer"));
    assert!(h.sub_region_countries("atlantis").is_none());
    // A binding holds the hub behind an Arc or a lock guard: the same checks run through it.
    let shared = std::sync::Arc::new(h.clone());
    assert_eq!(h.events.check(&shared), h.events.check(&h));
    let lock = std::sync::RwLock::new(h.clone());
    let guard = lock.read().unwrap();
    assert_eq!(h.training.check(&guard), h.training.check(&h));
}

#[test]
fn unknown_fields_and_bad_codes_are_refused_with_a_path() {
    let mut json = serde_json::to_value(hub()).unwrap();
    json["countries"][3]["code"] = "ZZ".into();
    let err = Hub::from_json(&json.to_string()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("countries[3].code") && text.contains("ZZ"), "{text}");

    let mut json = serde_json::to_value(hub()).unwrap();
    json["colour"] = "blue".into();
    let err = Hub::from_json(&json.to_string()).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}
