//! The criterion benchmarks' two ratios measured another way (`cargo bench -p kix-core --bench
//! alternate`): kix and its baseline run one after the other, in turn first, for a number of
//! rounds in one process, and the median of the per-round ratios is printed. On a machine
//! shared with other work, load that changes over a criterion run moves one side's figure and
//! not the other's; alternating exposes both sides to the same load.
//!
//! 1. Validating 1M synthetic registrations in one batch, against serde_json deserializing the
//!    same registrations (target: at most 1x).
//! 2. The local-times table of 100k events over every member zone, against a bare chrono-tz
//!    loop over the same instants and zones (target: at most 1.2x).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Instant;

use kix_core::schedule::CountryZones;
use kix_core::{Registration, WorkingHours};

mod data;
use data::{events, synthetic_json};

const ROUNDS: usize = 7;

/// Runs both sides `ROUNDS` times, alternating which goes first; prints and returns the
/// medians of kix's time, the baseline's and their per-round ratio.
fn alternate(name: &str, mut kix: impl FnMut() -> usize, mut baseline: impl FnMut() -> usize) -> f64 {
    let (mut k, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let time = |f: &mut dyn FnMut() -> usize| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64()
        };
        let (tk, tb) = if round % 2 == 0 {
            let tk = time(&mut kix);
            (tk, time(&mut baseline))
        } else {
            let tb = time(&mut baseline);
            (time(&mut kix), tb)
        };
        k.push(tk);
        b.push(tb);
        ratios.push(tk / tb);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let ratio = median(&mut ratios);
    println!(
        "{name}: kix {:.1} ms, baseline {:.1} ms, median ratio {ratio:.3} ({ROUNDS} rounds)",
        median(&mut k) * 1e3,
        median(&mut b) * 1e3
    );
    ratio
}

fn main() {
    let hub = kix_core::emap();
    let event = hub.event("kix-emap-webinar-20").unwrap();
    let json = synthetic_json(1_000_000);
    let records: Vec<Registration> = serde_json::from_str(&json).unwrap();
    alternate(
        "validate_batch of 1M registrations / serde_json deserializing them",
        || kix_core::validate_batch(hub, event, black_box(&records), &[], None).unwrap().len(),
        || serde_json::from_str::<Vec<Registration>>(black_box(&json)).unwrap().len(),
    );
    drop(records);

    let zones = CountryZones::of(hub, None).unwrap();
    let tzs: Vec<chrono_tz::Tz> =
        hub.countries.iter().flat_map(|c| c.time_zones.iter().map(|z| z.tz().unwrap())).collect();
    let events = events();
    alternate(
        "local-times table of 100k events / bare chrono-tz",
        || {
            let mut rows = Vec::with_capacity(zones.len());
            let mut n = 0usize;
            for (start, end, date) in &events {
                zones.rows_into(*start, *end, *date, WorkingHours::default(), &mut rows);
                n += black_box(&rows).len();
            }
            n
        },
        || {
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
        },
    );
}
