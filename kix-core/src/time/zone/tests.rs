use super::*;

/// Every member zone and a few unusual ones (a 30-minute DST, a 2-hour DST, a zone that
/// crossed the date line, a 45-minute offset): at a second before, at and after every
/// change a year of steps holds, and every five days between, its offset and abbreviation
/// are the tz database's through chrono-tz, from 1970 to 2100.
#[test]
fn a_zones_years_give_the_tz_databases_offsets_and_abbreviations() {
    let mut zones: Vec<Tz> =
        crate::emap().countries.iter().flat_map(|c| c.time_zones.iter()).map(|z| z.tz().unwrap()).collect();
    zones.extend([Tz::Europe__Zurich, Tz::Australia__Lord_Howe, Tz::Antarctica__Troll, Tz::Pacific__Apia]);
    let mut changes = 0;
    for tz in zones {
        let years = ZoneYears::new(tz);
        for year in 0..ZONE_YEAR.1 {
            let lo = year as i64 * ZONE_YEAR.0;
            years.at_both(lo, lo);
            let steps = years.years[year].get().unwrap();
            changes += steps.len() - 1;
            let mut instants: Vec<i64> =
                steps.iter().flat_map(|step| [step.from - 1, step.from, step.from + 1]).collect();
            instants.extend((0..73).map(|k| lo + k * 5 * 86_400 + 12_345));
            for s in instants.into_iter().filter(|&s| s >= 0 && s < ZONE_YEAR.0 * ZONE_YEAR.1 as i64) {
                let at = DateTime::from_timestamp(s, 0).unwrap();
                let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
                assert_eq!(years.at_both(s, s), Some(((offset, abbreviation(tz, at)), offset)), "{tz} at {at}");
                // An event of 90 minutes from here: its end's offset, from the same step or the next.
                let end = tz.offset_from_utc_datetime(&(at + Duration::minutes(90)).naive_utc());
                let both = years.at_both(s, s + 5_400).map(|(_, o)| o);
                // and an end before the start (a caller's mistake) is looked up, not assumed.
                let before = tz.offset_from_utc_datetime(&(at - Duration::minutes(90)).naive_utc());
                if s >= 5_400 {
                    assert_eq!(years.at_both(s, s - 5_400).map(|(_, o)| o), Some(before.fix().local_minus_utc()));
                }
                if s + 5_400 < ZONE_YEAR.0 * ZONE_YEAR.1 as i64 {
                    assert_eq!(both, Some(end.fix().local_minus_utc()), "{tz} at {at} + 90 minutes");
                }
            }
        }
        let end = ZONE_YEAR.0 * ZONE_YEAR.1 as i64;
        assert!(years.at_both(-1, 0).is_none() && years.at_both(end, end).is_none(), "{tz}: 1970 to 2100 only");
        assert!(years.at_both(end - 1, end).is_none(), "{tz}: an end past 2100 is looked up");
    }
    assert!(changes > 1_000, "the DST zones change twice a year: {changes}");
}

proptest::proptest! {
    #[test]
    fn the_wall_time_column_resolves_as_one_by_one(
        zone in proptest::sample::select(vec!["Europe/Zurich", "Europe/Chisinau", "Pacific/Apia", "Asia/Kathmandu", "America/Sao_Paulo", "Australia/Lord_Howe"]),
        base in 0i64..2_000_000_000,
        steps in proptest::collection::vec(0i64..(400 * 86_400), 65..200),
        d in proptest::sample::select(vec![Disambiguation::Compatible, Disambiguation::Earlier, Disambiguation::Later, Disambiguation::Reject]),
    ) {
        let tz: Tz = zone.parse().unwrap();
        // Quarter hours, so that gaps and folds are hit.
        let walls: Vec<i64> = steps.iter().map(|s| (base + s - (base + s) % 900) * 1_000_000_000 + 7).collect();
        let (column, refused) = from_local_nanos(tz, &walls, d);
        let mut refused = refused.into_iter().peekable();
        for (i, (w, c)) in walls.iter().zip(&column).enumerate() {
            let naive = DateTime::from_timestamp(w.div_euclid(1_000_000_000), 0).unwrap().naive_utc();
            let one = from_local(naive, tz, d).map(|t| t.timestamp() * 1_000_000_000 + 7);
            let got = match refused.next_if(|(at, _)| *at == i) {
                Some((_, v)) => Err(v),
                None => Ok(*c),
            };
            proptest::prop_assert_eq!(&one, &got, "{} {}", zone, naive);
        }
    }
}
use chrono::NaiveDate;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn column_conversion_equals_one_by_one_lookups() {
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(48));
    let zones =
        [chrono_tz::Europe::Zurich, chrono_tz::Europe::Chisinau, chrono_tz::Pacific::Apia, chrono_tz::Asia::Kathmandu];
    let strategy = (proptest::collection::vec(-2_000_000_000i64..4_000_000_000, 0..400), 0usize..4);
    runner
        .run(&strategy, |(instants, z)| {
            let tz = zones[z];
            let column = local_wall_seconds(tz, &instants);
            for (s, l) in instants.iter().zip(&column) {
                let t = DateTime::from_timestamp(*s, 0).unwrap();
                let expected = t.with_timezone(&tz).naive_local().and_utc().timestamp();
                prop_assert_eq!(*l, expected, "{} in {}", s, tz);
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(local_wall_seconds(chrono_tz::UTC, &[i64::MAX, i64::MIN]), [i64::MAX, i64::MIN]);
}

#[test]
fn the_zone_tables_are_valid() {
    let file: ZonesFile = serde_json::from_str(include_str!("../../../data/zones.json")).unwrap();
    for e in &file.abbreviations {
        assert!(parse_offset(&e.offset).is_some(), "{}", e.offset);
        for z in &e.zones {
            assert!(z.parse::<Tz>().is_ok(), "{} lists unknown zone {z}", e.abbreviation);
        }
    }
    for (city, z) in file.cities.iter().chain(&file.links) {
        assert!(z.parse::<Tz>().is_ok(), "{city} -> {z}");
    }
    assert!(tables().abbreviations.len() > 40);
}

#[test]
fn every_member_zone_has_an_abbreviation_numeric_where_none_is_in_use() {
    let july = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
    for c in &crate::emap().countries {
        for z in &c.time_zones {
            let a = abbreviation(z.tz().unwrap(), july);
            assert!(!a.as_str().is_empty(), "{z}");
        }
    }
    assert_eq!(abbreviation(chrono_tz::Pacific::Bougainville, july).as_str(), "+11");
    assert_eq!(abbreviation(chrono_tz::Asia::Kabul, july).as_str(), "AFT");
    assert_eq!(abbreviation(chrono_tz::Pacific::Chatham, july).as_str(), "+1245");
}

#[test]
fn gaps_resolve_by_disambiguation_like_temporal() {
    let zurich = chrono_tz::Europe::Zurich;
    let t = at(2024, 3, 31, 2, 30);
    let utc = |d: Disambiguation| from_local(t, zurich, d).map(|x| x.with_timezone(&Utc).to_rfc3339());
    assert_eq!(utc(Disambiguation::Compatible).unwrap(), "2024-03-31T01:30:00+00:00");
    assert_eq!(utc(Disambiguation::Later).unwrap(), "2024-03-31T01:30:00+00:00");
    assert_eq!(utc(Disambiguation::Earlier).unwrap(), "2024-03-31T00:30:00+00:00");
    let v = utc(Disambiguation::Reject).unwrap_err();
    assert_eq!(v.code, Code::TimeNonexistentLocalTime);
    // The candidates with the offsets in force at each: 01:30+01:00 and 03:30+02:00.
    assert_eq!(v.params["earlier"], "2024-03-31T00:30:00Z");
    assert_eq!(v.params["earlier_offset"], "+01:00");
    assert_eq!(v.params["later"], "2024-03-31T01:30:00Z");
    assert_eq!(v.params["later_offset"], "+02:00");
}

#[test]
fn moldova_changes_clocks_an_hour_before_the_eu() {
    let chisinau = chrono_tz::Europe::Chisinau;
    // 2024-03-31: Moldova skips 02:00-03:00 local (00:00 UTC).
    assert!(matches!(resolve_local(at(2024, 3, 31, 2, 30), chisinau), LocalResolution::Gap { .. }));
    // 03:30 local exists in Moldova (EEST) although it is inside the EU's 03:00-04:00 gap for EET zones.
    assert!(matches!(resolve_local(at(2024, 3, 31, 3, 30), chisinau), LocalResolution::Unique(_)));
    assert!(matches!(resolve_local(at(2024, 3, 31, 3, 30), chrono_tz::Europe::Bucharest), LocalResolution::Gap { .. }));
}

#[test]
fn the_date_line_jump_of_samoa_is_a_whole_day_gap() {
    // Samoa skipped 30 December 2011.
    let apia = chrono_tz::Pacific::Apia;
    let LocalResolution::Gap { before, after } = resolve_local(at(2011, 12, 30, 12, 0), apia) else {
        panic!("expected a gap")
    };
    assert_eq!(after - before, Duration::hours(24));
}

#[test]
fn labels_with_abbreviations_cities_and_links_resolve() {
    let cases = [
        ("CET", "Europe/Zurich"),
        ("CEST", "Europe/Zurich"),
        ("EET", "Europe/Chisinau"),
        ("GMT", "Etc/UTC"),
        ("UTC", "Etc/UTC"),
        ("UTC+2", "Etc/GMT-2"),
        ("PKT", "Asia/Karachi"),
        ("BTT", "Asia/Thimphu"),
        ("MMT", "Asia/Yangon"),
        ("Bangkok / ICT", "Asia/Bangkok"),
        ("CET / Geneva", "Europe/Zurich"),
        ("CEST-Geneva", "Europe/Zurich"),
        ("(Geneva time)", "Europe/Zurich"),
        ("Port Moresby local time", "Pacific/Port_Moresby"),
        ("Ho Chi Minh City", "Asia/Ho_Chi_Minh"),
        ("Nur-Sultan", "Asia/Almaty"),
        ("Asia/Rangoon", "Asia/Yangon"),
        ("Asia/Thimbu", "Asia/Thimphu"),
        ("Asia/Ulan_Bator", "Asia/Ulaanbaatar"),
        ("Pacific/Samoa", "Pacific/Pago_Pago"),
        ("Chișinău", "Europe/Chisinau"),
        ("Port Moresby", "Pacific/Port_Moresby"),
        ("Europe/Zurich", "Europe/Zurich"),
    ];
    for (label, zone) in cases {
        assert_eq!(resolve_zone(label).map(|z| z.to_string()), Ok(zone.to_owned()), "{label}");
    }
    for bad in ["", "Mars", "UTC+5:30 / nowhere", "cet", "CET / Genva", "Geneva-on-Mars", "to", &"x".repeat(10_000)] {
        let v = resolve_zone(bad).unwrap_err();
        assert_eq!(v.code, Code::TimeUnknownZone, "{bad}");
    }
}

#[test]
fn the_zone_tables_come_from_the_tz_database_compiled_in() {
    let text = include_str!("../../../data/country_zones.json");
    let about: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(about["tzdata_version"], tzdata_version(), "rerun tools/gen_country_zones.py");
    assert_eq!(about["source"], "zone.tab");
    let file: CountryZonesFile = serde_json::from_str(text).unwrap();
    for (code, entry) in &file.countries {
        for z in &entry.zones {
            assert!(z.parse::<Tz>().is_ok(), "{code} lists unknown zone {z}");
        }
    }
    // Each abbreviation's source says whether chrono-tz's copy of the tz
    // database writes it for one of its zones at its offset in 2024-2025.
    let text = include_str!("../../../data/zones.json");
    let file: ZonesFile = serde_json::from_str(text).unwrap();
    let about: serde_json::Value = serde_json::from_str(text).unwrap();
    let sources: Vec<&str> =
        about["abbreviations"].as_array().unwrap().iter().map(|e| e["source"].as_str().unwrap()).collect();
    let instants: Vec<DateTime<Utc>> =
        (0..24).map(|m| Utc.with_ymd_and_hms(2024 + m / 12, 1 + (m % 12) as u32, 15, 12, 0, 0).unwrap()).collect();
    assert_eq!(sources.len(), file.abbreviations.len());
    for (e, source) in file.abbreviations.iter().zip(sources) {
        let offset = parse_offset(&e.offset).unwrap();
        let written = e.zones.iter().any(|z| {
            let tz: Tz = z.parse().unwrap();
            instants.iter().any(|t| {
                let o = tz.offset_from_utc_datetime(&t.naive_utc());
                o.abbreviation() == Some(e.abbreviation.as_str()) && o.fix().local_minus_utc() == offset
            })
        });
        let expected = if written { "tzdb" } else { "common" };
        assert_eq!(source, expected, "{} {}", e.abbreviation, e.offset);
    }
}

#[test]
fn one_clock_countries_show_one_offset_in_chrono_tz_too() {
    // The generator decided with Python's zoneinfo; chrono-tz reads the same
    // tz database independently and must agree at every hour since 2000.
    let file: CountryZonesFile = serde_json::from_str(include_str!("../../../data/country_zones.json")).unwrap();
    let shared: Vec<&CountryZonesEntry> = file.countries.values().filter(|e| e.one_clock).collect();
    assert!(file.countries["UZ"].one_clock && !file.countries["MN"].one_clock && !file.countries["KZ"].one_clock);
    let start = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    for entry in shared {
        let tzs: Vec<Tz> = entry.zones.iter().map(|z| z.parse().unwrap()).collect();
        for hour in 0..40 * 8766 {
            let t = (start + Duration::hours(hour)).naive_utc();
            let first = tzs[0].offset_from_utc_datetime(&t).fix();
            assert!(tzs.iter().all(|tz| tz.offset_from_utc_datetime(&t).fix() == first), "{:?} at {t}", entry.zones);
        }
    }
}

#[test]
fn countries_with_one_zone_are_labels_and_others_need_a_city() {
    for (label, zone) in [
        ("Tonga", "Pacific/Tongatapu"),
        ("Bhutan", "Asia/Thimphu"),
        ("Nepal", "Asia/Kathmandu"),
        ("Kyrgyzstan", "Asia/Bishkek"),
        ("Uzbekistan", "Asia/Samarkand"),
        ("Mongolia / Ulaanbaatar", "Asia/Ulaanbaatar"),
        ("Hovd, Mongolia", "Asia/Hovd"),
        ("WIB / Indonesia", "Asia/Jakarta"),
        ("Indonesia (WITA)", "Asia/Makassar"),
        ("CST / China", "Asia/Shanghai"),
        ("Papua New Guinea / Port Moresby", "Pacific/Port_Moresby"),
    ] {
        assert_eq!(resolve_zone(label).map(|z| z.to_string()), Ok(zone.to_owned()), "{label}");
    }
    for (label, candidates) in [
        ("Mongolia", vec!["Asia/Ulaanbaatar", "Asia/Hovd"]),
        ("Papua New Guinea", vec!["Pacific/Port_Moresby", "Pacific/Bougainville"]),
    ] {
        let v = resolve_zone(label).unwrap_err();
        assert_eq!(v.code, Code::TimeAmbiguousZoneLabel, "{label}");
        assert_eq!(v.params["candidates"], serde_json::json!(candidates));
        assert_eq!(v.params["reason"], "country");
    }
    assert_eq!(resolve_zone("Kazakhstan").unwrap_err().params["candidates"].as_array().unwrap().len(), 7);
}

#[test]
fn ambiguous_abbreviations_need_a_place_that_settles_them() {
    for (label, zone, offset) in [
        ("IST / New Delhi", "Asia/Kolkata", "+05:30"),
        ("IST / Dublin", "Europe/Dublin", "+01:00"),
        ("Mumbai IST", "Asia/Kolkata", "+05:30"),
        ("BST / London", "Europe/London", "+01:00"),
        ("BST / Dhaka", "Asia/Dhaka", "+06:00"),
        ("CST / Beijing", "Asia/Shanghai", "+08:00"),
        ("PST / Manila", "Asia/Manila", "+08:00"),
        ("AST / Riyadh", "Asia/Riyadh", "+03:00"),
        ("GST / Dubai", "Asia/Dubai", "+04:00"),
        ("IST / India", "Asia/Kolkata", "+05:30"),
    ] {
        let l = parse_zone_label(label).unwrap();
        assert_eq!((l.zone.as_str(), l.abbreviation_offset.as_deref()), (zone, Some(offset)), "{label}");
    }
    for label in ["IST", "BST", "CST", "AST", "GST", "PST", "CST / Geneva"] {
        let v = resolve_zone(label).unwrap_err();
        assert_eq!(v.code, Code::TimeAmbiguousZoneLabel, "{label}");
        assert!(v.params["candidates"].as_array().unwrap().len() >= 2, "{label}");
    }
    // The display abbreviation of Dhaka stays the tz database's number.
    let july = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
    assert_eq!(abbreviation(chrono_tz::Asia::Dhaka, july).as_str(), "+06");
}

#[test]
fn abbreviations_of_asia_and_the_pacific_resolve_with_their_offsets() {
    let zurich_july = at(2024, 7, 31, 12, 0);
    for (label, zone, offset) in [
        ("TOT", "Pacific/Tongatapu", "+13:00"),
        ("WIB", "Asia/Jakarta", "+07:00"),
        ("WITA", "Asia/Makassar", "+08:00"),
        ("WIT", "Asia/Jayapura", "+09:00"),
        ("PHT", "Asia/Manila", "+08:00"),
        ("HKT", "Asia/Hong_Kong", "+08:00"),
        ("SGT", "Asia/Singapore", "+08:00"),
        ("MYT", "Asia/Kuala_Lumpur", "+08:00"),
        ("KST", "Asia/Seoul", "+09:00"),
        ("JST", "Asia/Tokyo", "+09:00"),
        ("AEST", "Australia/Sydney", "+10:00"),
        ("AEDT", "Australia/Sydney", "+11:00"),
        ("NZST", "Pacific/Auckland", "+12:00"),
        ("NZDT", "Pacific/Auckland", "+13:00"),
        ("UZT", "Asia/Tashkent", "+05:00"),
        ("TJT", "Asia/Dushanbe", "+05:00"),
        ("KGT", "Asia/Bishkek", "+06:00"),
        ("ULAT", "Asia/Ulaanbaatar", "+08:00"),
        ("GET", "Asia/Tbilisi", "+04:00"),
        ("MSK", "Europe/Moscow", "+03:00"),
        ("BTT", "Asia/Thimphu", "+06:00"),
        ("NPT", "Asia/Kathmandu", "+05:45"),
        ("MMT", "Asia/Yangon", "+06:30"),
        ("ICT", "Asia/Bangkok", "+07:00"),
        ("PKT", "Asia/Karachi", "+05:00"),
        ("AFT", "Asia/Kabul", "+04:30"),
        ("MVT", "Indian/Maldives", "+05:00"),
        ("TLT", "Asia/Dili", "+09:00"),
        ("PGT", "Pacific/Port_Moresby", "+10:00"),
    ] {
        let l = parse_zone_label(label).unwrap();
        assert_eq!((l.zone.as_str(), l.abbreviation_offset.as_deref()), (zone, Some(offset)), "{label}");
        // Each stands for its zone's real offset in some season.
        let real = [zurich_july, at(2025, 1, 15, 12, 0)].map(|t| {
            let tz = l.zone.tz().unwrap();
            format_offset(tz.offset_from_utc_datetime(&t).fix().local_minus_utc())
        });
        assert!(real.iter().any(|r| r == offset), "{label}: {real:?}");
    }
}

#[test]
fn fixed_offsets_are_labels() {
    for (label, zone, fixed) in [
        ("UTC+6", "Etc/GMT-6", "+06:00"),
        ("GMT+5:45", "Etc/UTC", "+05:45"),
        ("UTC+05:30", "Etc/UTC", "+05:30"),
        ("(UTC +0530)", "Etc/UTC", "+05:30"),
        ("UTC−3", "Etc/GMT+3", "-03:00"),
    ] {
        let l = parse_zone_label(label).unwrap();
        assert_eq!((l.zone.as_str(), l.fixed_offset.as_deref()), (zone, Some(fixed)), "{label}");
    }
    assert_eq!(resolve_zone("UTC+6").unwrap().as_str(), "Etc/GMT-6");
    assert_eq!(resolve_zone("GMT+5:45").unwrap_err().code, Code::TimeUnknownZone);
    // With a city, the offset is checked like an abbreviation.
    let l = parse_zone_label("GMT+5:45 / Kathmandu").unwrap();
    assert_eq!((l.zone.as_str(), l.fixed_offset.as_deref()), ("Asia/Kathmandu", None));
    assert!(l.season_mismatch(at(2025, 1, 15, 10, 0)).is_none());
    let l = parse_zone_label("UTC+1 / Geneva").unwrap();
    assert!(l.season_mismatch(at(2024, 7, 31, 10, 0)).is_some());
    for bad in ["UTC+15", "UTC+5:60", "UTC++5", "GMT+123456"] {
        assert_eq!(resolve_zone(bad).unwrap_err().code, Code::TimeUnknownZone, "{bad}");
    }
}

#[test]
fn a_city_beats_a_contradicting_abbreviation() {
    let label = parse_zone_label("ICT / Geneva").unwrap();
    assert_eq!(label.zone.as_str(), "Europe/Zurich");
    assert!(label.from_place);
    let v = label.season_mismatch(at(2025, 1, 10, 9, 0)).unwrap();
    assert_eq!(v.params["true_offset"], "+01:00");
}
