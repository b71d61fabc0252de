use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn w20_table() -> LocalTimes {
    let hub = crate::emap();
    local_times(hub, hub.event("kix-emap-webinar-20").unwrap(), WorkingHours::default()).unwrap()
}

fn find(t: &LocalTimes, zone: Tz) -> &LocalTimeRow {
    t.rows.iter().find(|r| r.zone == zone).unwrap()
}

/// After many tables the zones' offsets come from their years of steps: the rows are those
/// of two tz lookups each, for events spread from 1970 to 2100 and for events across the
/// clock changes of Chisinau and Tirane.
#[test]
fn tables_over_many_events_give_the_rows_of_tz_lookups() {
    let zones = CountryZones::of(crate::emap(), None).unwrap();
    zones.asked.store(MANY_TABLES, AtomicOrdering::Relaxed);
    let mut events: Vec<(i64, i64)> =
        (0..3000_i64).map(|i| (i * 1_370_000 + (i * i * 7_919) % 86_400, (i % 49) * 3600 + 17 * 60)).collect();
    for change in ["2024-03-31T00:00:00Z", "2024-03-31T01:00:00Z", "2024-10-27T00:00:00Z", "2024-10-27T01:00:00Z"] {
        let at = change.parse::<DateTime<Utc>>().unwrap().timestamp();
        events.extend((-4..=4).map(|q| (at + q * 900, 3600)));
    }
    let mut rows = Vec::new();
    for (start, length) in events {
        let start = DateTime::from_timestamp(start, 0).unwrap();
        let (end, date) = (start + Duration::seconds(length), start.date_naive());
        zones.rows_into(start, end, date, WorkingHours::default(), &mut rows);
        let looked_up: Vec<LocalTimeRow> = zones
            .zones
            .iter()
            .zip(&zones.abbreviations)
            .map(|((c, tz), common)| row(Some(c), *tz, common, start, end, date, WorkingHours::default()))
            .collect();
        assert_eq!(rows, looked_up, "{start} to {end}");
    }
    assert!(zones.years.get().is_some(), "the years were used");
}

#[test]
fn webinar_20_in_half_and_three_quarter_hour_zones() {
    let t = w20_table();
    let cases = [
        (chrono_tz::Asia::Kabul, "2024-07-31 15:30:00", "+04:30", "AFT"),
        (chrono_tz::Asia::Yangon, "2024-07-31 17:30:00", "+06:30", "MMT"),
        (chrono_tz::Asia::Kathmandu, "2024-07-31 16:45:00", "+05:45", "NPT"),
        (chrono_tz::Europe::Chisinau, "2024-07-31 14:00:00", "+03:00", "EEST"),
        (chrono_tz::Europe::Tirane, "2024-07-31 13:00:00", "+02:00", "CEST"),
        (chrono_tz::Pacific::Bougainville, "2024-07-31 22:00:00", "+11:00", "+11"),
    ];
    for (zone, start, offset, abbreviation) in cases {
        let r = find(&t, zone);
        assert_eq!(r.local_start.to_string(), start, "{zone}");
        assert_eq!(r.utc_offset.to_string(), offset, "{zone}");
        assert_eq!(r.abbreviation.as_str(), abbreviation, "{zone}");
    }
    assert!(!find(&t, chrono_tz::Pacific::Port_Moresby).within_working_hours, "21:00-22:30");
    assert!(find(&t, chrono_tz::Asia::Karachi).within_working_hours, "16:00-17:30");
}

#[test]
fn a_late_event_lands_on_the_next_day_east_of_the_date_line_and_on_rest_days() {
    let hub = crate::emap();
    let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
    // Thursday 2024-08-01, 18:00 in Geneva: Friday in the Pacific, a rest day in the Maldives? No: still Thursday there.
    e.start = d(2024, 8, 1).and_hms_opt(18, 0, 0).unwrap();
    e.end = Some(d(2024, 8, 1).and_hms_opt(19, 30, 0).unwrap());
    let t = local_times(hub, &e, WorkingHours::default()).unwrap();
    let pg = find(&t, chrono_tz::Pacific::Port_Moresby);
    assert_eq!((pg.local_date, pg.day_shift), (d(2024, 8, 2), 1));
    assert!(!pg.rest_day, "Friday is a working day in Papua New Guinea");
    let bd = find(&t, chrono_tz::Asia::Dhaka);
    assert_eq!(bd.local_start.to_string(), "2024-08-01 22:00:00");
    let af = find(&t, chrono_tz::Asia::Kabul);
    assert!(af.rest_day, "Thursday is in Afghanistan's (uncertain) weekend");
    // A Friday event is on the Maldives' and Bangladesh's rest day.
    e.start = d(2024, 8, 2).and_hms_opt(10, 0, 0).unwrap();
    e.end = Some(d(2024, 8, 2).and_hms_opt(11, 0, 0).unwrap());
    let t = local_times(hub, &e, WorkingHours::default()).unwrap();
    assert!(find(&t, chrono_tz::Indian::Maldives).rest_day);
    assert!(find(&t, chrono_tz::Asia::Dhaka).rest_day);
    assert!(!find(&t, chrono_tz::Asia::Kathmandu).rest_day);
}

#[test]
fn the_label_is_never_a_fixed_cet_in_july() {
    let t = w20_table();
    assert_eq!(t.organiser_zone.as_str(), "Europe/Zurich");
    let al = find(&t, chrono_tz::Europe::Tirane);
    assert_eq!(al.abbreviation.as_str(), "CEST");
}

#[test]
fn an_event_restricted_to_some_countries_lists_only_them() {
    let hub = crate::emap();
    let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
    e.countries = Some(vec![CountryCode::new("MN").unwrap(), CountryCode::new("NP").unwrap()]);
    let t = local_times(hub, &e, WorkingHours::default()).unwrap();
    assert_eq!(t.rows.len(), 3);
    e.countries = Some(vec![CountryCode::new("FR").unwrap()]);
    assert!(matches!(local_times(hub, &e, WorkingHours::default()), Err(Error::Rejected(_))));
}

#[test]
fn slots_avoid_rest_days_and_nights() {
    let hub = crate::emap();
    // Friday 7 March 2025: rest day in the Maldives, Bangladesh, Sudan, Yemen, Afghanistan.
    let q = SlotQuery::new(d(2025, 3, 7), d(2025, 3, 7));
    let slots = find_slots(hub, &q).unwrap();
    assert_eq!(slots[0].min_score, 0.0);
    // Over a week, the best slot is on a day that is no one's rest day.
    let q = SlotQuery::new(d(2025, 3, 3), d(2025, 3, 9));
    let slots = find_slots(hub, &q).unwrap();
    assert!(slots[0].min_score > 0.0);
    assert!(slots[0].zones.iter().all(|z| !z.rest_day));
    assert_eq!(slots[0].zones.len(), 24);
}

#[test]
fn a_small_group_gets_core_hours() {
    let hub = crate::emap();
    let mut q = SlotQuery::new(d(2025, 3, 4), d(2025, 3, 4));
    q.countries = Some(vec![CountryCode::new("NP").unwrap(), CountryCode::new("BT").unwrap()]);
    q.duration_minutes = 60;
    let slots = find_slots(hub, &q).unwrap();
    assert_eq!(slots[0].min_score, 1.0);
    // Earliest first among equals: 09:00 in Thimphu is 03:00 UTC; 09:00 in Kathmandu is 03:15 UTC.
    assert_eq!(slots[0].start_utc.to_rfc3339(), "2025-03-04T03:15:00+00:00");
}

#[test]
fn an_empty_country_list_means_every_member_as_an_absent_one_does() {
    let hub = crate::emap();
    let every = SlotQuery::new(d(2025, 3, 4), d(2025, 3, 4));
    let mut empty = every.clone();
    empty.countries = Some(Vec::new());
    let (all, none_given) = (find_slots(hub, &every).unwrap(), find_slots(hub, &empty).unwrap());
    assert_eq!(none_given, all);
    // 21 members, three of them with two zones.
    assert_eq!(none_given[0].zones.len(), 24);
}

#[test]
fn bad_queries_are_typed_errors() {
    let hub = crate::emap();
    let mut q = SlotQuery::new(d(2025, 3, 4), d(2025, 3, 3));
    assert!(matches!(find_slots(hub, &q), Err(Error::InvalidValue { .. })));
    q.to = d(2025, 3, 4);
    q.granularity_minutes = 0;
    assert!(matches!(find_slots(hub, &q), Err(Error::InvalidValue { .. })));
    q.granularity_minutes = 15;
    q.duration_minutes = 0;
    assert!(matches!(find_slots(hub, &q), Err(Error::InvalidValue { .. })));
    q.duration_minutes = 30;
    q.top = 0;
    assert!(find_slots(hub, &q).unwrap().is_empty());
}
