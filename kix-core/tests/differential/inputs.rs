//! The generated inputs: proptest strategies for every operation's cases.

use super::*;

/// Country texts: names from the CLDR table in any case, codes, and noise.
pub(super) fn country_text() -> impl Strategy<Value = String> {
    let names: Vec<String> = std::fs::read_to_string(root().join("kix-core/data/country_names.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .step_by(97)
        .filter_map(|l| l.split('\t').nth(1).map(str::to_owned))
        .collect();
    prop_oneof![
        3 => (proptest::sample::select(names), 0u8..3).prop_map(|(n, case)| match case {
            0 => n,
            1 => n.to_uppercase(),
            _ => format!("  {}  ", n.to_lowercase()),
        }),
        2 => proptest::sample::select(vec!["KG", "np", "Kyrgyzstan", "Sindh", "Moldova, Republic of", "Laos", "Congo", "FR", "Burma"]).prop_map(str::to_owned),
        1 => strategies::text(),
    ]
}

pub(super) fn member_zone() -> impl Strategy<Value = String> {
    let zones: Vec<String> =
        kix_core::emap().countries.iter().flat_map(|c| c.time_zones.iter().map(|z| z.as_str().to_owned())).collect();
    prop_oneof![
        4 => proptest::sample::select(zones),
        1 => strategies::zone().prop_map(|z| z.as_str().to_owned()),
        1 => Just("Mars/Olympus".to_owned()),
    ]
}

/// A monthly series (nth weekdays, days of the month, set positions, an interval; a count or no end;
/// an extra date now and then) in a zone whose clocks do something unusual, and a window of instants
/// anywhere from before its start to years later (a long one is refused: more than 1000 occurrences).
pub(super) fn monthly_windows() -> impl Strategy<Value = Value> {
    let zone = proptest::sample::select(vec![
        "Europe/Zurich",
        "Europe/Chisinau",
        "Asia/Almaty",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "Pacific/Apia",
    ]);
    let by_day = prop_oneof![
        Just(json!([])),
        Just(json!([{ "day": "thursday", "ordinal": -1 }])),
        Just(json!([{ "day": "tuesday", "ordinal": 1 }, { "day": "tuesday", "ordinal": 3 }])),
        Just(json!([{ "day": "sunday", "ordinal": 1 }])),
        Just(json!([{ "day": "thursday", "ordinal": 5 }])),
        Just(json!(["monday", "tuesday", "wednesday", "thursday", "friday"])),
    ];
    let by_month_day = prop_oneof![Just(json!([])), Just(json!([31])), Just(json!([-1])), Just(json!([1, 15]))];
    (
        (near_transition(), zone, 15u32..200, 1u32..4),
        (by_day, by_month_day, any::<bool>(), proptest::option::of(1u32..30), any::<bool>()),
        (-60i64..1200, 1i64..800),
    )
        .prop_map(|((start, zone, minutes, interval), (by_day, by_month_day, last, count, extra), (from, days))| {
            let mut rule = json!({ "frequency": "monthly", "interval": interval, "by_day": by_day, "by_month_day": by_month_day });
            if last {
                rule["by_set_pos"] = json!([-1]);
            }
            if let Some(c) = count {
                rule["count"] = json!(c);
            }
            if extra {
                rule["extra_dates"] = json!([wall(start + Duration::days(45))]);
            }
            let from = start.and_utc() + Duration::days(from);
            json!({
                "event": { "start": wall(start), "end": wall(start + Duration::minutes(i64::from(minutes))), "zone": zone,
                           "recurrence": rule, "sequence": 1 },
                "from": z(from),
                "to": z(from + Duration::days(days)),
            })
        })
}

/// Wall times near the DST changes of 2020–2026 (gaps and folds included).
pub(super) fn near_transition() -> impl Strategy<Value = NaiveDateTime> {
    (
        2020i32..2027,
        prop_oneof![Just(3u32), Just(10u32), 1u32..13],
        20u32..32,
        0u32..6,
        prop_oneof![Just(0u32), Just(30), 0u32..60],
    )
        .prop_map(|(y, m, d, h, min)| {
            let day = NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y, m, 28)).unwrap();
            day.and_hms_opt(h, min, 0).unwrap()
        })
}

pub(super) fn iso_date() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (2019i32..2029, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => Just("2024-02-30".to_owned()),
    ]
}

pub(super) fn registration_record() -> impl Strategy<Value = Value> {
    let email = prop_oneof![
        3 => "[a-z]{1,6}".prop_map(|u| format!("{u}@example.org")),
        1 => proptest::sample::select(vec!["नेपाल@उदाहरण.नेपाल", "user@пример.рф", "a@b", "bad", "X@Example.ORG "]).prop_map(str::to_owned),
        1 => strategies::text(),
    ];
    let audience = proptest::option::of(proptest::sample::select(vec!["teacher", "policy_maker", "Teacher", "x"]));
    let submitted = proptest::option::of(prop_oneof![
        (15u32..31, 0u32..24).prop_map(|(d, h)| format!("2024-07-{d:02}T{h:02}:00:00+06:00")),
        Just("yesterday".to_owned()),
    ]);
    (
        proptest::option::of("[A-Z][a-z]{0,8} [A-Z][a-z]{0,8}"),
        proptest::option::of(email),
        proptest::option::of(country_text()),
        (audience, proptest::option::of(proptest::sample::select(vec!["ru", "en", "ar", "xx"]))),
        (proptest::option::of(any::<bool>()), submitted),
    )
        .prop_map(|(name, email, country, (audience, language), (consent, submitted))| {
            json!({
                "full_name": name, "email": email, "country": country, "organisation": null,
                "audience": audience, "language": language, "consent": consent, "submitted_at": submitted,
            })
        })
}

pub(super) fn event_overrides() -> impl Strategy<Value = Value> {
    (
        (2020i32..2027, 1u32..13, 1u32..29, 0u32..24, prop_oneof![Just(0u32), Just(30), Just(45)]),
        15u32..240,
        member_zone(),
        proptest::option::of(proptest::collection::vec(
            proptest::sample::select(vec!["KG", "NP", "MD", "PG", "AF", "FR"]),
            0..3,
        )),
        0u32..3,
    )
        .prop_map(|((y, m, d, h, min), minutes, zone, countries, sequence)| {
            let start = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
            let mut o = json!({
                "start": wall(start),
                "end": wall(start + Duration::minutes(i64::from(minutes))),
                "zone": zone,
                "sequence": sequence,
            });
            if let Some(c) = countries {
                o["countries"] = json!(c);
            }
            o
        })
}

/// A series of Webinar 20 in a zone with DST (mostly), started near a change of the clocks: a
/// daily or weekly rule with an interval, weekdays, a count or an until date, and now and then a
/// cancelled or moved occurrence (of the rule, or a time the rule does not give).
pub(super) fn series_overrides() -> impl Strategy<Value = Value> {
    let zone = prop_oneof![
        3 => proptest::sample::select(vec!["Europe/Chisinau", "Europe/Tirane", "Europe/Zurich"]).prop_map(str::to_owned),
        1 => member_zone(),
    ];
    let fold_or_gap = |t: &str| t.parse::<NaiveDateTime>().unwrap();
    let start = prop_oneof![
        6 => near_transition(),
        1 => Just(fold_or_gap("2025-10-26T02:30:00")),
        1 => Just(fold_or_gap("2025-03-16T02:30:00")),
    ];
    (
        (start, 15u32..200, zone, any::<bool>()),
        (any::<bool>(), 0u32..4, proptest::option::of(0u32..9), 0i64..60, proptest::collection::vec(0u32..7, 0..3)),
        (proptest::option::of(0usize..8), proptest::option::of((0usize..8, -1500i64..1500))),
    )
        .prop_map(
            |((start, minutes, zone, with_end), (weekly, interval, count, days, by_day), (cancel, moved))| {
                let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
                let mut rule = json!({ "frequency": if weekly { "weekly" } else { "daily" }, "interval": interval });
                match count {
                    Some(c) => rule["count"] = json!(c),
                    None => rule["until"] = json!((start.date() + Duration::days(days)).to_string()),
                }
                if weekly && !by_day.is_empty() {
                    let mut days: Vec<&str> = by_day.iter().map(|d| weekdays[*d as usize]).collect();
                    days.push(weekdays[chrono::Datelike::weekday(&start).num_days_from_monday() as usize]);
                    rule["by_day"] = json!(days);
                }
                let recurrence: kix_core::Recurrence = serde_json::from_value(rule.clone()).unwrap();
                let starts = recurrence.starts(start);
                let pick = |i: usize| starts.get(i).copied().unwrap_or(start + Duration::minutes(7));
                if let Some(i) = cancel {
                    rule["exceptions"] = json!([wall(pick(i))]);
                }
                if let Some((i, shift)) = moved {
                    let at = pick(i);
                    rule["moved"] = json!([{ "occurrence": wall(at), "start": wall(at + Duration::minutes(shift)) }]);
                }
                let mut o = json!({ "start": wall(start), "zone": zone, "recurrence": rule, "sequence": 1 });
                if with_end {
                    o["end"] = json!(wall(start + Duration::minutes(i64::from(minutes))));
                } else {
                    o["end"] = Value::Null;
                    o["duration_minutes"] = json!(minutes);
                }
                o
            },
        )
}

pub(super) fn registration_event() -> impl Strategy<Value = Value> {
    (proptest::option::of(0u32..4), any::<bool>(), any::<bool>()).prop_map(|(capacity, waiting_list, manual)| {
        let mut policy = serde_json::to_value(&webinar().registration).unwrap();
        policy["capacity"] = json!(capacity);
        policy["waiting_list"] = json!(waiting_list);
        policy["approval"] = json!(if manual { "manual" } else { "automatic" });
        policy["offer_hours"] = json!(24);
        policy["cancel_hours_before"] = json!(24);
        json!({ "registration": policy })
    })
}

pub(super) fn held() -> impl Strategy<Value = Vec<Value>> {
    proptest::collection::vec(
        ("[a-z]{1,3}", proptest::sample::select(vec!["confirmed", "pending", "waitlisted", "rejected"]))
            .prop_map(|(u, st)| json!({ "email": format!("{u}@example.org"), "status": st })),
        0..4,
    )
}

pub(super) fn book_steps() -> impl Strategy<Value = Vec<Value>> {
    book_steps_from("2024-07-20T00:00:00Z")
}

pub(super) fn book_steps_from(start: &'static str) -> impl Strategy<Value = Vec<Value>> {
    let who = (1usize..8).prop_map(|i| format!("r-{i:06}"));
    let step = prop_oneof![
        4 => (0usize..6, any::<bool>()).prop_map(|(p, org)| {
            let country = ["NP", "MD", "KG", "PG", "AF", "Sindh"][p];
            let language = ["ru", "ar", "en"][p % 3];
            json!({ "op": "submit", "args": { "record": {
            "full_name": format!("Person {p}"), "email": format!("person{p}@example.org"),
            "country": country, "audience": "teacher", "consent": true,
            "language": language,
            "organisation": if org { Some("Ministry of Education") } else { None },
        }}})
        }),
        1 => (who.clone(), any::<bool>()).prop_map(|(id, force)| json!({ "op": "approve", "args": { "id": id, "force": force } })),
        1 => who.clone().prop_map(|id| json!({ "op": "deny", "args": { "id": id, "reason": "full programme" } })),
        2 => (who.clone(), any::<bool>()).prop_map(|(id, org)| json!({ "op": "cancel", "args": {
            "id": id, "actor": if org { "organiser" } else { "registrant" }, "reason": if org { Some("duplicate") } else { None },
        }})),
        1 => who.clone().prop_map(|id| json!({ "op": "reinstate", "args": { "id": id } })),
        2 => who.clone().prop_map(|id| json!({ "op": "accept_offer", "args": { "id": id } })),
        1 => who.clone().prop_map(|id| json!({ "op": "decline_offer", "args": { "id": id } })),
        1 => proptest::option::of(0u32..5).prop_map(|c| json!({ "op": "set_capacity", "args": { "capacity": c, "reason": "room" } })),
        1 => Just(json!({ "op": "advance", "args": {} })),
        1 => who.clone().prop_map(|id| json!({ "op": "check_in", "args": { "id": id } })),
        1 => (who, 0usize..6, any::<bool>()).prop_map(|(id, p, org)| {
            let country = ["NP", "MD", "KG", "PG", "AF", "Atlantis"][p];
            json!({ "op": "update", "args": { "id": id, "record": {
            "full_name": format!("Person {p}"), "email": format!("person{p}@example.org"),
            "country": country, "audience": "teacher", "consent": true,
            "organisation": if org { Some("Ministry of Education") } else { None },
        }}})
        }),
    ];
    proptest::collection::vec((step, 0i64..(2 * 24 * 60)), 1..16).prop_map(|steps| {
        let mut now: DateTime<Utc> = start.parse().unwrap();
        steps
            .into_iter()
            .map(|(mut step, minutes)| {
                now += Duration::minutes(minutes);
                step["now"] = json!(z(now));
                step
            })
            .collect()
    })
}

/// The sessions of [`occurrence_event`]: the three of its rule, and a time it does not give.
pub(super) const SESSIONS: [&str; 4] =
    ["2025-10-21T10:00:00", "2025-10-28T10:00:00", "2025-11-04T10:00:00", "2025-10-22T10:00:00"];

/// Three weekly sessions of Webinar 20, Tuesdays 10:00 in Geneva across the end of summer time
/// (26 October 2025), with a registration policy of [`registration_event`]; mostly taken per
/// occurrence, now and then with the last session cancelled or the second moved.
pub(super) fn occurrence_event() -> impl Strategy<Value = Value> {
    (registration_event(), prop_oneof![5 => Just(true), 1 => Just(false)], 0u32..4).prop_map(
        |(mut e, per_occurrence, edit)| {
            e["registration"]["per_occurrence"] = json!(per_occurrence);
            let mut rule = json!({ "frequency": "weekly", "count": 3 });
            match edit {
                1 => rule["exceptions"] = json!([SESSIONS[2]]),
                2 => rule["moved"] = json!([{ "occurrence": SESSIONS[1], "start": "2025-10-29T15:00:00" }]),
                _ => {}
            }
            e["start"] = json!(SESSIONS[0]);
            e["end"] = json!("2025-10-21T11:30:00");
            e["agenda"] = json!([]);
            e["recurrence"] = rule;
            e
        },
    )
}

/// A session named by a registration: one of [`SESSIONS`], or none.
pub(super) fn session() -> impl Strategy<Value = Value> {
    prop_oneof![6 => (0usize..4).prop_map(|i| json!(SESSIONS[i])), 1 => Just(Value::Null)]
}

/// Registrations for [`occurrence_event`]: mostly complete ones of a few people, a session
/// each, submitted around the sessions' starts; now and then one of [`registration_record`].
pub(super) fn session_record() -> impl Strategy<Value = Value> {
    let submitted = proptest::sample::select(vec![
        "2025-10-01T09:00:00+06:00",
        "2025-10-21T07:59:59Z",
        "2025-10-21T08:00:00Z",
        "2025-10-28T08:30:00Z",
        "2025-10-28T09:00:00Z",
    ]);
    let person = (0usize..4, proptest::sample::select(vec!["KG", "Nepal", "MD", "Sindh"]), submitted).prop_map(
        |(p, country, submitted)| {
            let name = ["Ana Rusu", "Bolot Asanov", "Chen Li", "Xenia Popa"][p];
            let email = ["ana@example.org", "bo@example.org", "chen@example.org", "X@Example.ORG "][p];
            json!({
                "full_name": name, "email": email, "country": country, "audience": "teacher", "consent": true,
                "submitted_at": submitted,
            })
        },
    );
    (prop_oneof![5 => person, 1 => registration_record()], session()).prop_map(|(mut r, session)| {
        r["occurrence"] = session;
        r
    })
}

/// The steps of [`book_steps`] from 12 October 2025, each submission naming a session.
pub(super) fn occurrence_steps() -> impl Strategy<Value = Vec<Value>> {
    (book_steps_from("2025-10-12T00:00:00Z"), proptest::collection::vec(session(), 16)).prop_map(|(steps, sessions)| {
        steps
            .into_iter()
            .zip(sessions)
            .map(|(mut step, session)| {
                if step["op"] == "submit" {
                    step["args"]["record"]["occurrence"] = session;
                }
                step
            })
            .collect()
    })
}

pub(super) fn training_steps() -> impl Strategy<Value = Value> {
    let step = prop_oneof![
        3 => (0usize..6, proptest::sample::select(vec!["KG", "NP", "Tajikistan", "FR", "Sindh"]), 0u32..40).prop_map(|(p, c, day)| json!({
            "op": "nominate", "nomination": {
                "full_name": format!("Expert {p}"), "email": format!("expert{p}@example.org"), "country": c,
                "nominated_on": (NaiveDate::from_ymd_opt(2020, 7, 1).unwrap() + Duration::days(i64::from(day))).to_string(),
            }
        })),
        2 => (0usize..5, proptest::sample::select(vec!["endorse", "confirm", "complete", "withdraw", "reject"]), 0u32..200).prop_map(|(i, step, day)| {
            let on = (NaiveDate::from_ymd_opt(2020, 7, 10).unwrap() + Duration::days(i64::from(day))).to_string();
            let st = if step == "reject" { json!({ "step": step, "on": on, "reason": "not eligible" }) } else { json!({ "step": step, "on": on }) };
            json!({ "op": "advance", "index": i, "step": st })
        }),
    ];
    (proptest::sample::select(vec!["cycle-1", "cycle-2", "cycle-9"]), proptest::collection::vec(step, 0..10)).prop_map(|(cycle, steps)| {
        json!({ "cycle": cycle, "steps": steps, "emails": (0..6).map(|p| format!("expert{p}@example.org")).collect::<Vec<_>>() })
    })
}

pub(super) fn listing() -> impl Strategy<Value = Value> {
    let dates = proptest::sample::select(vec![
        "31 July 2024",
        "Wednesday, 31 July 2024",
        "15 January 2025",
        "March 31, 2024",
        "27 Oct 2024",
        "2024-03-30",
        "someday",
    ]);
    let times = proptest::sample::select(vec![
        "1:00 – 2:30 PM (CET / Geneva)",
        "13:00-14:30 CEST",
        "10:00 – 11:30 Bishkek time",
        "9 am to 10.30 am GMT+5:45",
        "17h00 – 18h30 (Kathmandu)",
        "02:30 – 03:30 Europe/Chisinau",
        "noon to 1 pm IST",
        "4pm–5pm UTC+6",
        "25:00 CET",
    ]);
    (dates, times).prop_map(|(d, t)| json!({ "date_text": d, "time_text": t }))
}

pub(super) fn slots_query() -> impl Strategy<Value = Value> {
    (
        // No list, an empty list (both mean every member) and lists of members and others.
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(vec![])),
            2 => proptest::collection::vec(proptest::sample::select(vec!["KG", "NP", "MD", "PG", "AF", "Narnia", "FR"]), 1..4).prop_map(Some),
        ],
        (2024i32..2026, 1u32..13, 1u32..28, 0i64..4),
        prop_oneof![3 => Just(60u32), 3 => Just(90), 3 => Just(120), 1 => Just(0)],
        (
            prop_oneof![4 => Just((8u32, 18u32)), 4 => Just((9, 17)), 1 => Just((18, 8))],
            prop_oneof![Just(15u32), Just(30), Just(60)],
            prop_oneof![1 => Just(0u32), 6 => 1u32..4],
        ),
    )
        .prop_map(|(countries, (y, m, d, days), duration, ((ws, we), granularity, top))| {
            let from = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            json!({
                "countries": countries, "from": from.to_string(), "to": (from + Duration::days(days)).to_string(),
                "duration_minutes": duration, "working_hours": [ws, we], "granularity_minutes": granularity, "top": top,
            })
        })
}

pub(super) fn catalogue_query() -> impl Strategy<Value = Value> {
    let opt = |v: Vec<&'static str>| proptest::option::of(proptest::sample::select(v));
    (
        opt(vec!["NP", "Kyrgyzstan", "MD", "Narnia"]),
        opt(vec!["south-asia", "central-asia-mongolia", "europe", "nowhere"]),
        opt(vec!["acer", "nugse", "fhi360", "norrag"]),
        opt(vec!["webinar_recording", "publication", "podcast_episode", "novel"]),
        opt(vec!["en", "ru", "ar"]),
        (opt(vec!["2020-01-01", "2022-06-30", "2024-01-01"]), opt(vec!["2023-12-31", "2025-12-31", "2020-13-01"])),
    )
        .prop_map(|(country, sub_region, partner, kind, language, (from, to))| {
            json!({ "country": country, "sub_region": sub_region, "partner": partner, "kind": kind,
                    "language": language, "from": from, "to": to })
        })
}

/// The hub's own document with generated parts (countries, sub-regions, partners, names).
pub(super) fn hub_document() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => strategies::hub().prop_map(|h| serde_json::to_value(h).unwrap()),
        1 => Just(serde_json::from_str::<Value>(kix_core::EMAP_JSON).unwrap()),
        1 => Just(json!({ "id": "broken" })),
    ]
}

pub(super) fn sample(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/data").join(name)).unwrap()
}

/// A sample export with some of its data rows kept and at most one cell spoiled.
pub(super) fn export_text(name: &'static str, header_marker: &'static str) -> impl Strategy<Value = String> {
    let text = sample(name);
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header = lines.iter().rposition(|l| l.contains(header_marker)).unwrap();
    let rows = lines.len() - header - 1;
    (proptest::collection::vec(proptest::bool::weighted(0.8), rows), proptest::option::of((0..rows, 0usize..4)))
        .prop_map(move |(keep, spoil)| {
            let mut out: Vec<String> = lines[..=header].to_vec();
            for (i, line) in lines[header + 1..].iter().enumerate() {
                if !keep[i] {
                    continue;
                }
                let mut line = line.clone();
                if let Some((row, how)) = spoil.filter(|(row, _)| *row == i) {
                    let _ = row;
                    line = match how {
                        0 => line.replacen("2024", "2O24", 1),
                        1 => line.replacen(",Yes", ",Maybe", 1).replacen(",approved", ",denied", 1),
                        2 => line.replacen("@", " at ", 1),
                        _ => format!("{line},extra cell"),
                    };
                }
                out.push(line);
            }
            out.join("\n") + "\n"
        })
}

pub(super) fn export_zone_name() -> impl Strategy<Value = Option<&'static str>> {
    proptest::sample::select(vec![
        Some("Europe/Zurich"),
        Some("Europe/Zurich"),
        Some("Asia/Bishkek"),
        Some("America/New_York"),
        Some("Asia/Kathmandu"),
        None,
        Some("Mars/Olympus"),
    ])
}

/// The labels the sample exports use for audiences, as an analyst maps them.
pub(super) fn labels() -> Value {
    json!({
        "Policy maker": "policy_maker", "Academic researcher": "academic_researcher",
        "Government official": "government_official", "Education stakeholder": "education_stakeholder",
        "Maybe": true,
    })
}

pub(super) fn zoom_columns() -> Value {
    json!({ "audience": "What best describes you?", "language": "Preferred language" })
}

pub(super) fn export_input() -> impl Strategy<Value = Value> {
    let answers = proptest::option::of(prop_oneof![
        Just(json!({ "Astronaut": "other", "Maybe": true, "Teacher": "teacher" })),
        Just(labels()),
    ]);
    prop_oneof![
        (
            export_text("zoom_registration_report.csv", "First Name,"),
            export_zone_name(),
            answers.clone(),
            any::<bool>()
        )
            .prop_map(|(text, zone, answers, mapped)| json!({
                "format": "zoom", "text": text, "zone": zone, "answers": answers,
                "columns": if mapped { zoom_columns() } else { Value::Null },
            })),
        (export_text("google_forms_responses.csv", "Timestamp,"), export_zone_name(), answers).prop_map(
            |(text, zone, answers)| json!({ "format": "google_forms", "text": text, "zone": zone, "answers": answers })
        ),
        (export_text("google_forms_responses.csv", "Timestamp,"), export_zone_name()).prop_map(|(text, zone)| json!({
            "format": "csv", "text": text, "zone": zone,
            "columns": { "email": "Email address", "full_name": "Full name", "country": "Country",
                         "audience": "I am a", "submitted_at": "Timestamp" },
        })),
    ]
}

/// Locales people ask for: the shipped ones, regional and digit variants, others CLDR has, and unknown ones.
pub(super) fn display_locale() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "en",
        "en-GB",
        "ru",
        "ru-KG",
        "ar",
        "ar-u-nu-arab",
        "ar-EG",
        "fr",
        "ky",
        "ne",
        "tlh",
        "",
    ])
}

pub(super) fn cases_of<S: Strategy<Value = Value>>(strategy: S, count: usize, seed: u8) -> Vec<Value> {
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]));
    (0..count).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect()
}
