//! Benchmarks with their baselines measured in the same run (`make bench`):
//!
//! 1. `registrations`: validating 1M synthetic registrations in one batch, against
//!    deserializing the same registrations from JSON with serde_json (target: at most 1x).
//! 2. `local_times`: the local-times table of 100k events over every member zone,
//!    against a bare chrono-tz conversion loop over the same instants and zones (target: at most 1.2x).
//! 3. `slots`: the slot finder over all 21 members for 7, 14 and 28 days (target: linear growth).
//! 4. `book`: submit, approve, cancel (with an offer made) and advance (an offer expired and the
//!    seat offered on) on registration books of 1,000, 10,000 and 100,000 registrations (target:
//!    each at 100,000 at most 1.5x its cost at 1,000; submit at most 20 us at 100,000).
//!
//! `python3 tools/bench_report.py` prints the ratios from criterion's estimates;
//! `cargo bench -p kix-core --bench alternate` measures the first two again, kix and its
//! baseline one after the other in one process, and prints the median of the ratios.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::VecDeque;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kix_core::schedule::CountryZones;
use kix_core::{Actor, Approval, BookAction, Event, Registration, RegistrationBook, SlotQuery, WorkingHours};

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

fn person(i: usize) -> Registration {
    Registration {
        full_name: Some(format!("Person {i}")),
        email: Some(format!("person{i}@example.org")),
        country: Some(["NP", "MD", "KG", "PG", "AF"][i % 5].into()),
        audience: Some("teacher".into()),
        ..Default::default()
    }
}

/// Webinar 20 moved to 2100 (so that offers can run out for years), with `capacity` seats.
fn far_event(capacity: u32, approval: Approval) -> Event {
    let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    e.start = "2100-07-31T13:00:00".parse().unwrap();
    e.end = Some("2100-07-31T14:30:00".parse().unwrap());
    e.agenda.clear();
    e.registration.capacity = Some(capacity);
    e.registration.waiting_list = true;
    e.registration.offer_hours = 1;
    e.registration.approval = approval;
    e
}

/// A book of `n` registrations: half of them hold the seats, the other half wait.
fn full_book(event: &Event, n: usize, now: DateTime<Utc>) -> RegistrationBook {
    let mut book = RegistrationBook::new(event);
    for i in 0..n {
        book.submit(kix_core::emap(), event, &person(i), now).unwrap();
    }
    book
}

fn book(c: &mut Criterion) {
    let hub = kix_core::emap();
    let start: DateTime<Utc> = "2024-07-20T08:00:00Z".parse().unwrap();
    let mut group = c.benchmark_group("book");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
    for n in [1_000usize, 10_000, 100_000] {
        let seats = u32::try_from(n / 2).unwrap();
        let event = far_event(seats, Approval::Automatic);
        let mut book = full_book(&event, n, start);
        let mut next = n;
        group.bench_function(BenchmarkId::new("submit", n), |b| {
            b.iter(|| {
                next += 1;
                black_box(book.submit(hub, &event, &person(next), start).unwrap())
            })
        });

        let manual = far_event(u32::MAX, Approval::Manual);
        let mut pending = full_book(&manual, n, start);
        let mut next = n;
        group.bench_function(BenchmarkId::new("approve", n), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    next += 1;
                    let id = pending.submit(hub, &manual, &person(next), start).unwrap().id.unwrap();
                    let t = Instant::now();
                    black_box(pending.approve(&manual, &id, false, start).unwrap());
                    spent += t.elapsed();
                }
                spent
            })
        });

        // Cancelling a confirmed registration offers its seat to the first in line; the offer is
        // accepted and a newcomer joins the line (not timed), so the book keeps its shape.
        let mut book = full_book(&event, n, start);
        let mut seated: VecDeque<String> = book.registrations().iter().take(n / 2).map(|e| e.id.clone()).collect();
        let mut next = 2 * n;
        let mut now = start;
        group.bench_function(BenchmarkId::new("cancel_with_offer", n), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let id = seated.pop_front().unwrap();
                    now += chrono::Duration::seconds(1);
                    let t = Instant::now();
                    let applied = book.cancel(&event, &id, Actor::Organiser, None, now).unwrap();
                    spent += t.elapsed();
                    let offered = applied.changes.iter().find(|c| c.entry.action == BookAction::Offer).unwrap();
                    let offered = offered.registration_id.clone();
                    book.accept_offer(&event, &offered, now).unwrap();
                    seated.push_back(offered);
                    next += 1;
                    book.submit(hub, &event, &person(next), now).unwrap();
                }
                spent
            })
        });

        // Time passes past an open offer: it expires and the seat goes to the next in line.
        let mut book = full_book(&event, n, start);
        let mut now = start;
        book.cancel(&event, "r-000001", Actor::Organiser, None, now).unwrap();
        let mut next = 3 * n;
        group.bench_function(BenchmarkId::new("advance", n), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    now += chrono::Duration::minutes(61);
                    let t = Instant::now();
                    let applied = book.advance(&event, now).unwrap();
                    spent += t.elapsed();
                    assert_eq!(applied.changes.len(), 2, "one offer expired, one made");
                    next += 1;
                    book.submit(hub, &event, &person(next), now).unwrap();
                }
                spent
            })
        });
    }
    group.finish();
}

criterion_group!(benches, registrations, local_times, slots, book);
criterion_main!(benches);
