//! Properties of the time layer over every member zone (and Geneva):
//! UTC → local → UTC is the identity, local → UTC → local is the identity
//! outside gaps, and the slot finder's best slot is never worse than any
//! candidate it skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use kix_core::zone::{LocalResolution, from_local, resolve_local};
use kix_core::{Disambiguation, SlotQuery, WorkingHours};
use proptest::prelude::*;

fn zones() -> Vec<Tz> {
    let mut out: Vec<Tz> =
        kix_core::emap().countries.iter().flat_map(|c| c.time_zones.iter().map(|z| z.tz().unwrap())).collect();
    out.push(chrono_tz::Europe::Zurich);
    out
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 1970 to 2037, to the second.
    (0i64..2_145_916_800).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn wall() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..2_145_916_800).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap().naive_utc())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn utc_to_local_to_utc_is_the_identity_in_every_zone(t in instant(), z in 0usize..25) {
        let zones = zones();
        let tz = zones[z % zones.len()];
        let local = t.with_timezone(&tz).naive_local();
        // The instant is one of the candidates of its own wall time; the
        // disambiguation that names its side gives it back.
        let back = match resolve_local(local, tz) {
            LocalResolution::Unique(x) => x,
            LocalResolution::Fold { earlier, later } => if earlier.with_timezone(&Utc) == t { earlier } else { later },
            LocalResolution::Gap { .. } => panic!("{local} in {tz} came from an instant, so it cannot be in a gap"),
        };
        prop_assert_eq!(back.with_timezone(&Utc), t);
    }

    #[test]
    fn local_to_utc_to_local_is_the_identity_outside_gaps(local in wall(), z in 0usize..25) {
        let zones = zones();
        let tz = zones[z % zones.len()];
        match resolve_local(local, tz) {
            LocalResolution::Gap { before, after } => {
                // Both candidates exist and straddle the skipped wall time.
                prop_assert!(before < after);
                prop_assert!(from_local(local, tz, Disambiguation::Reject).is_err());
            }
            _ => {
                for d in [Disambiguation::Compatible, Disambiguation::Earlier, Disambiguation::Later] {
                    let t = from_local(local, tz, d).unwrap();
                    prop_assert_eq!(t.naive_local(), local);
                }
            }
        }
    }

    #[test]
    fn the_best_slot_is_never_worse_than_any_candidate(day in 0u64..60, members in proptest::sample::subsequence(
        vec!["KG", "MN", "PG", "NP", "AF", "MD", "MV", "BD", "YE", "TL"], 1..5), minutes in 30u32..180) {
        let hub = kix_core::emap();
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(day);
        let mut q = SlotQuery::new(from, from);
        q.duration_minutes = minutes;
        q.granularity_minutes = 30;
        q.top = 1;
        q.countries = Some(members.iter().map(|c| c.parse().unwrap()).collect());
        let best = kix_core::find_slots(hub, &q).unwrap().remove(0);
        // Every candidate of the day, scored independently of the finder.
        let home = hub.home_zone.tz().unwrap();
        let start = from_local(from.and_hms_opt(0, 0, 0).unwrap(), home, Disambiguation::Compatible).unwrap().with_timezone(&Utc);
        let stop = from_local((from + chrono::Days::new(1)).and_hms_opt(0, 0, 0).unwrap(), home, Disambiguation::Compatible).unwrap().with_timezone(&Utc);
        let mut t = start;
        while t < stop {
            let scores: Vec<f64> = q.countries.as_ref().unwrap().iter().flat_map(|code| {
                let country = hub.member(*code).unwrap();
                country.time_zones.iter().map(move |z| {
                    let tz = z.tz().unwrap();
                    let (s, e) = (t.with_timezone(&tz).naive_local(), (t + Duration::minutes(i64::from(minutes))).with_timezone(&tz).naive_local());
                    kix_core::schedule::comfort(s, e, WorkingHours::default(), country.is_rest_day(s.date()))
                })
            }).collect();
            let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
            let mean = scores.iter().sum::<f64>() / scores.len() as f64;
            prop_assert!(best.min_score > min || (best.min_score == min && best.mean_score >= mean - 1e-12),
                "candidate {t} ({min}, {mean}) beats the best {} ({}, {})", best.start_utc, best.min_score, best.mean_score);
            t += Duration::minutes(30);
        }
    }
}
