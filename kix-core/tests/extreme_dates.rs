//! Dates at the edges of what chrono represents: every entry point answers, none panics.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{NaiveDate, NaiveDateTime, Utc};

fn extremes() -> Vec<NaiveDateTime> {
    vec![
        NaiveDateTime::MIN,
        NaiveDateTime::MAX,
        NaiveDate::MIN.and_hms_opt(12, 0, 0).unwrap(),
        NaiveDate::MAX.and_hms_opt(12, 0, 0).unwrap(),
    ]
}

#[test]
fn events_at_the_edges_of_time_never_panic() {
    let hub = kix_core::emap();
    for start in extremes() {
        for minutes in [Some(0), Some(1), Some(u32::MAX), None] {
            let mut e = hub.events[0].clone();
            e.start = start;
            e.end = None;
            e.duration_minutes = minutes;
            // At the end of the calendar a duration cannot be added: the check says so.
            if start == NaiveDateTime::MAX && minutes.is_some_and(|m| m > 0) {
                let codes: Vec<_> = e.check(hub).iter().map(|v| v.code).collect();
                assert!(codes.contains(&kix_core::Code::EventInvalidEnd), "{codes:?}");
                assert!(e.wall_end().is_none());
            }
            let _ = e.start_utc();
            let _ = e.end_utc();
            let _ = kix_core::local_times(hub, &e, Default::default());
            // iCalendar writes four-digit years: beyond them the export refuses clearly.
            let ics = kix_core::calendar::to_ics(hub, &e, Utc::now());
            assert!(
                matches!(ics, Err(kix_core::Error::InvalidValue { .. }) | Err(kix_core::Error::Rejected(_))),
                "{ics:?}"
            );
            let _ = kix_core::Check::check(&[e.clone(), e.clone()][..], hub);
            e.agenda[0].start = Some(start);
            e.agenda[0].duration_minutes = Some(u32::MAX);
            let _ = e.check(hub);
            let r = kix_core::Registration { submitted_at: Some("2024-07-20T10:00:00Z".into()), ..Default::default() };
            let _ = kix_core::validate_registration(hub, &e, &r, &[], None);
        }
    }
}

#[test]
fn zones_and_slots_at_the_edges_of_time_never_panic() {
    let hub = kix_core::emap();
    for wall in extremes() {
        for tz in [chrono_tz::Europe::Zurich, chrono_tz::Pacific::Apia, chrono_tz::Asia::Kathmandu] {
            for d in [kix_core::Disambiguation::Compatible, kix_core::Disambiguation::Reject] {
                let _ = kix_core::zone::from_local(wall, tz, d);
            }
            let _ = kix_core::zone::resolve_local(wall, tz);
        }
    }
    for date in [NaiveDate::MIN, NaiveDate::MAX] {
        let mut q = kix_core::SlotQuery::new(date, date);
        q.duration_minutes = 1440;
        let _ = kix_core::find_slots(hub, &q);
        let _ = hub.timeline.position(date);
    }
    // Instants chrono cannot represent come back unchanged; the others are converted.
    let out = kix_core::zone::local_wall_seconds(chrono_tz::Europe::Zurich, &[i64::MIN, i64::MAX, 0, -1]);
    assert_eq!(out, [i64::MIN, i64::MAX, 3600, 3599]);
}
