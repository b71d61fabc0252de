//! Benchmarks with their baselines measured in the same run (`make bench`):
//!
//! 1. `registrations`: validating 1M synthetic registrations in one batch, against
//!    deserializing the same registrations from JSON with serde_json (target: at most 1x).
//! 2. `local_times`: the local-times table of 100k events over every member zone,
//!    against a bare chrono-tz conversion loop over the same instants and zones (target: at most 1.2x).
//! 3. `slots`: the slot finder over all 21 members for 7, 14 and 28 days (target: linear growth).
//!
//! `python3 tools/bench_report.py` prints the ratios from criterion's estimates;
//! `cargo bench -p kix-core --bench alternate` measures the first two again, kix and its
//! baseline one after the other in one process, and prints the median of the ratios.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kix_core::schedule::CountryZones;
use kix_core::{Registration, SlotQuery, WorkingHours};

mod data;
use data::{events, synthetic_json};

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
    let events = events();
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
