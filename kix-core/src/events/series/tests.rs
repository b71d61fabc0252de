//! Series: occurrences across DST changes, moves, cancellations and their checks.

use super::*;
use crate::Check;
use crate::shared::violation::Violations;
use crate::time::recurrence::Recurrence;

fn at(text: &str) -> NaiveDateTime {
    text.parse().unwrap()
}

/// A learning cycle: six weekly sessions, Tuesdays 10:00–11:30 in Geneva, from 14 October 2025.
fn learning_cycle() -> Event {
    let mut e = crate::emap().event("kix-emap-webinar-20").unwrap().clone();
    e.id = "learning-cycle-3".into();
    e.kind = crate::EventKind::TrainingSession;
    (e.series, e.number) = (None, None);
    e.start = at("2025-10-14T10:00:00");
    e.end = Some(at("2025-10-14T11:30:00"));
    e.recurrence = Some(Recurrence { count: Some(6), ..Recurrence::new(Frequency::Weekly) });
    e
}

#[test]
fn a_geneva_session_stays_at_ten_when_summer_time_ends() {
    let e = learning_cycle();
    assert!(e.check(crate::emap()).is_empty());
    let occurrences = e.occurrences().unwrap();
    assert_eq!(occurrences.len(), 6);
    for o in &occurrences {
        assert_eq!(o.start.time().to_string(), "10:00:00");
        assert_eq!(o.end_utc - o.start_utc, Duration::minutes(90));
    }
    // 08:00 UTC in CEST, 09:00 UTC in CET from 26 October.
    let hours: Vec<u32> = occurrences.iter().map(|o| chrono::Timelike::hour(&o.start_utc)).collect();
    assert_eq!(hours, [8, 8, 9, 9, 9, 9]);
}

#[test]
fn weekdays_intervals_and_until_dates() {
    let r = Recurrence {
        interval: 2,
        by_day: vec![Weekday::Thursday, Weekday::Monday],
        until: "2025-11-10".parse().ok(),
        ..Recurrence::new(Frequency::Weekly)
    };
    // Every other week from the week of 13 October: the week of 3 November is skipped.
    let days: Vec<String> = r.starts(at("2025-10-13T09:00:00")).iter().map(|t| t.date().to_string()).collect();
    assert_eq!(days, ["2025-10-13", "2025-10-16", "2025-10-27", "2025-10-30", "2025-11-10"]);
    let daily = Recurrence { interval: 3, count: Some(3), ..Recurrence::new(Frequency::Daily) };
    let days: Vec<String> = daily.starts(at("2025-02-27T09:00:00")).iter().map(|t| t.date().to_string()).collect();
    assert_eq!(days, ["2025-02-27", "2025-03-02", "2025-03-05"]);
}

#[test]
fn cancelled_sessions_are_left_out_and_moved_ones_keep_the_series_length() {
    let mut e = learning_cycle();
    e.cancel_occurrence(at("2025-10-21T10:00:00")).unwrap();
    e.move_occurrence(at("2025-11-04T10:00:00"), at("2025-11-05T16:00:00"), None).unwrap();
    assert!(e.check(crate::emap()).is_empty());
    let o = e.occurrences().unwrap();
    assert_eq!(o.len(), 5);
    let moved = o.iter().find(|o| o.moved).unwrap();
    assert_eq!(moved.recurrence_id, at("2025-11-04T10:00:00"));
    assert_eq!(moved.start_utc.to_rfc3339(), "2025-11-05T15:00:00+00:00");
    assert_eq!(moved.end, at("2025-11-05T17:30:00"));
    assert_eq!(e.sequence, 2);
    assert!(e.cancel_occurrence(at("2025-10-22T10:00:00")).is_err(), "not an occurrence of the rule");
}

#[test]
fn every_unusable_rule_is_reported() {
    let hub = crate::emap();
    let reasons = |e: &Event| -> Vec<String> {
        e.check(hub)
            .iter()
            .filter(|v| v.code == Code::EventInvalidRecurrence)
            .map(|v| v.params["reason"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let with = |edit: &dyn Fn(&mut Recurrence)| {
        let mut e = learning_cycle();
        edit(e.recurrence.as_mut().unwrap());
        e
    };
    assert_eq!(reasons(&with(&|r| r.count = None)), ["unbounded"]);
    assert_eq!(reasons(&with(&|r| r.until = "2025-12-01".parse().ok())), ["count_and_until"]);
    assert_eq!(reasons(&with(&|r| r.count = Some(0))), ["count_zero"]);
    assert_eq!(reasons(&with(&|r| r.interval = 0)), ["interval_zero"]);
    assert_eq!(reasons(&with(&|r| r.by_day = vec![Weekday::Friday])), ["start_not_on_by_day"]);
    assert_eq!(reasons(&with(&|r| r.count = Some(5000))), ["too_many"]);
    assert_eq!(
        reasons(&with(&|r| {
            r.frequency = Frequency::Daily;
            r.by_day = vec![Weekday::Tuesday];
        })),
        ["by_day_not_weekly"]
    );
    assert_eq!(
        reasons(&with(&|r| {
            r.count = None;
            r.until = "2025-10-01".parse().ok();
        })),
        ["until_before_start"]
    );
    let twice = with(&|r| {
        r.exceptions = vec![at("2025-10-21T10:00:00")];
        r.moved = vec![MovedOccurrence {
            occurrence: at("2025-10-21T10:00:00"),
            start: at("2025-10-22T10:00:00"),
            end: None,
            duration_minutes: None,
        }];
    });
    assert_eq!(reasons(&twice), ["occurrence_listed_twice"]);
    let unknown = with(&|r| r.exceptions = vec![at("2025-10-21T11:00:00")]);
    let v = unknown.check(hub);
    assert_eq!(v.codes(), [Code::EventUnknownOccurrence]);
    assert_eq!(v[0].path, "recurrence.exceptions[0]");
}

#[test]
fn an_occurrence_the_clocks_skip_or_repeat_is_reported_never_resolved_silently() {
    let mut e = learning_cycle();
    e.zone = crate::ZoneId::from("Europe/Tirane");
    // Sundays at 02:30: 30 March 2025 skips it, 26 October 2025 repeats it.
    e.start = at("2025-03-23T02:30:00");
    e.end = Some(at("2025-03-23T03:15:00"));
    e.recurrence = Some(Recurrence { until: "2025-10-26".parse().ok(), ..Recurrence::new(Frequency::Weekly) });
    let v = e.check(crate::emap());
    assert_eq!(v.codes(), [Code::TimeNonexistentLocalTime, Code::TimeAmbiguousLocalTime]);
    assert_eq!(v[0].params["local"], "2025-03-30T02:30:00");
    assert_eq!(v[1].params["local"], "2025-10-26T02:30:00");
    // Moving both out of the way clears it.
    e.move_occurrence(at("2025-03-30T02:30:00"), at("2025-03-30T04:00:00"), None).unwrap();
    e.cancel_occurrence(at("2025-10-26T02:30:00")).unwrap();
    assert!(e.check(crate::emap()).is_empty());
    // The elapsed length holds for the occurrence whose end crosses no change, and across one.
    assert!(e.occurrences().unwrap().iter().all(|o| o.end_utc - o.start_utc == Duration::minutes(45)));
}

#[test]
fn rescheduling_a_series_moves_its_weekdays_exceptions_and_end_date() {
    let mut e = learning_cycle();
    e.recurrence = Some(Recurrence {
        by_day: vec![Weekday::Tuesday, Weekday::Thursday],
        until: "2025-10-31".parse().ok(),
        exceptions: vec![at("2025-10-16T10:00:00")],
        ..Recurrence::new(Frequency::Weekly)
    });
    let before = e.occurrences().unwrap().len();
    e.reschedule(at("2025-10-15T14:00:00"), None).unwrap();
    let rule = e.recurrence.as_ref().unwrap();
    assert_eq!(rule.by_day, [Weekday::Wednesday, Weekday::Friday]);
    assert_eq!(rule.exceptions, [at("2025-10-17T14:00:00")]);
    assert_eq!(rule.until, "2025-11-01".parse().ok());
    assert_eq!(e.end, Some(at("2025-10-15T15:30:00")));
    assert_eq!(e.occurrences().unwrap().len(), before);
    assert!(e.check(crate::emap()).is_empty());
}

#[test]
fn sessions_conflict_once_per_occurrence_that_overlaps() {
    let hub = crate::emap();
    let series = learning_cycle();
    let mut webinar = crate::emap().event("kix-emap-webinar-20").unwrap().clone();
    // One webinar on the morning of the third session: one conflict.
    webinar.start = at("2025-10-28T10:30:00");
    webinar.end = Some(at("2025-10-28T12:00:00"));
    let v = [series.clone(), webinar.clone()].check(hub);
    assert_eq!(v.codes(), [Code::ScheduleConflict]);
    assert_eq!(v[0].params["occurrence"], "2025-10-28T09:30:00Z");
    assert_eq!(v[0].params["other_occurrence"], "2025-10-28T09:00:00Z");
    // A daily series over the same week clashes with three sessions' worth of days only where they overlap.
    let mut daily = series.clone();
    daily.id = "daily".into();
    daily.recurrence = Some(Recurrence { count: Some(15), ..Recurrence::new(Frequency::Daily) });
    let v = [series, daily].check(hub);
    assert_eq!(v.len(), 3, "14, 21 and 28 October: {v:?}");
}
