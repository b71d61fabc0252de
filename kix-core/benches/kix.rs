//! Benchmarks with their baselines measured in the same run (`make bench`):
//!
//! 1. `registrations`: validating 1M synthetic registrations in one batch, against
//!    deserializing the same registrations from JSON with serde_json (target: at most 1x).
//! 2. `local_times`: the local-times table of 100k events over every member zone,
//!    against a bare chrono-tz conversion loop over the same instants and zones (target: at most 1.2x).
//! 3. `slots`: the slot finder over all 21 members for 7, 14 and 28 days (target: linear growth).
//!
//! `python3 tools/bench_report.py` prints the ratios from criterion's estimates.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kix_core::schedule::CountryZones;
use kix_core::{Registration, SlotQuery, WorkingHours};

const COUNTRY_TEXTS: [&str; 12] = [
    "KG",
    "Kyrgyz Republic",
    "NP",
    "Nepal",
    "Viet Nam",
    "MD",
    "Republic of Moldova",
    "PK",
    "BT",
    "Lao PDR",
    "AF",
    "TL",
];
const AUDIENCES: [&str; 6] =
    ["policy_maker", "education_stakeholder", "government_official", "teacher", "academic_researcher", "other"];

fn synthetic_json(n: usize) -> String {
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        // 1% repeat an earlier address (in another case), 1% are malformed.
        let email = if i % 100 == 7 && i > 0 {
            format!("Person{}@Example.org", i - 1)
        } else if i % 100 == 13 {
            format!("person{i}@localhost")
        } else {
            format!("person{i}@example.org")
        };
        rows.push(serde_json::json!({
            "full_name": format!("Person Number {i}"),
            "email": email,
            "country": COUNTRY_TEXTS[i % COUNTRY_TEXTS.len()],
            "organisation": "Ministry of Education",
            "audience": AUDIENCES[i % AUDIENCES.len()],
            "language": if i % 3 == 0 { "ru" } else { "en" },
            "consent": true,
            "submitted_at": "2024-07-20T10:00:00+05:00",
        }));
    }
    serde_json::to_string(&rows).unwrap()
}

fn registrations(c: &mut Criterion) {
    let hub = kix_core::emap();
    let event = hub.event("kix-emap-webinar-20").unwrap();
    let json = synthetic_json(1_000_000);
    let records: Vec<Registration> = serde_json::from_str(&json).unwrap();
    let mut group = c.benchmark_group("registrations");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("serde_json_deserialize_1m", |b| {
        b.iter(|| black_box(serde_json::from_str::<Vec<Registration>>(black_box(&json)).unwrap()))
    });
    group.bench_function("validate_batch_1m", |b| {
        b.iter(|| black_box(kix_core::validate_batch(hub, event, black_box(&records), &[], None).unwrap()))
    });
    group.finish();
}

fn local_times(c: &mut Criterion) {
    let hub = kix_core::emap();
    let zones = CountryZones::of(hub, None).unwrap();
    let tzs: Vec<chrono_tz::Tz> =
        hub.countries.iter().flat_map(|c| c.time_zones.iter().map(|z| z.tz().unwrap())).collect();
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    // 100k events, one every 53 minutes from 2024 on, 90 minutes long.
    let events: Vec<_> = (0..100_000i64)
        .map(|i| {
            let start = base + chrono::Duration::minutes(i * 53);
            (start, start + chrono::Duration::minutes(90), start.date_naive())
        })
        .collect();
    let mut group = c.benchmark_group("local_times");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("bare_chrono_tz_100k_events", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(tzs.len());
            let mut n = 0usize;
            for (start, end, _) in &events {
                out.clear();
                for tz in &tzs {
                    out.push((start.with_timezone(tz).naive_local(), end.with_timezone(tz).naive_local()));
                }
                n += black_box(&out).len();
            }
            n
        })
    });
    group.bench_function("kix_local_times_100k_events", |b| {
        b.iter(|| {
            let mut rows = Vec::with_capacity(zones.len());
            let mut n = 0usize;
            for (start, end, date) in &events {
                zones.rows_into(*start, *end, *date, WorkingHours::default(), &mut rows);
                n += black_box(&rows).len();
            }
            n
        })
    });
    group.finish();
}

fn slots(c: &mut Criterion) {
    let hub = kix_core::emap();
    let from = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    let mut group = c.benchmark_group("slots");
    group.sample_size(10);
    for days in [7u64, 14, 28] {
        let mut q = SlotQuery::new(from, from + chrono::Days::new(days - 1));
        q.top = 5;
        group.bench_with_input(BenchmarkId::new("all_members", days), &q, |b, q| {
            b.iter(|| black_box(kix_core::find_slots(hub, q).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, registrations, local_times, slots);
criterion_main!(benches);
