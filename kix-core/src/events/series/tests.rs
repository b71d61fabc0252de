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
        by_day: vec![Weekday::Thursday.into(), Weekday::Monday.into()],
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
    assert!(reasons(&with(&|r| r.count = None)).is_empty(), "no planned end: taken over the horizon");
    assert_eq!(reasons(&with(&|r| r.until = "2025-12-01".parse().ok())), ["count_and_until"]);
    assert_eq!(reasons(&with(&|r| r.count = Some(0))), ["count_zero"]);
    assert_eq!(reasons(&with(&|r| r.interval = 0)), ["interval_zero"]);
    assert_eq!(reasons(&with(&|r| r.by_day = vec![Weekday::Friday.into()])), ["start_not_on_by_day"]);
    assert_eq!(reasons(&with(&|r| r.count = Some(5000))), ["too_many"]);
    assert_eq!(
        reasons(&with(&|r| {
            r.frequency = Frequency::Daily;
            r.by_day = vec![Weekday::Tuesday.into()];
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
        by_day: vec![Weekday::Tuesday.into(), Weekday::Thursday.into()],
        until: "2025-10-31".parse().ok(),
        exceptions: vec![at("2025-10-16T10:00:00")],
        ..Recurrence::new(Frequency::Weekly)
    });
    let before = e.occurrences().unwrap().len();
    e.reschedule(at("2025-10-15T14:00:00"), None).unwrap();
    let rule = e.recurrence.as_ref().unwrap();
    assert_eq!(rule.by_day, [ByDay::from(Weekday::Wednesday), ByDay::from(Weekday::Friday)]);
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

fn monthly(rule: Recurrence, start: &str) -> Event {
    let mut e = learning_cycle();
    e.start = at(start);
    e.end = Some(at(start) + Duration::minutes(60));
    e.recurrence = Some(rule);
    e
}

fn dates(e: &Event) -> Vec<String> {
    e.occurrences().unwrap().iter().map(|o| o.start.date().to_string()).collect()
}

#[test]
fn monthly_rules_skip_the_months_without_the_day() {
    let m = |edit: &dyn Fn(&mut Recurrence)| {
        let mut r = Recurrence { count: Some(5), ..Recurrence::new(Frequency::Monthly) };
        edit(&mut r);
        r
    };
    // The 31st: February, April and June have none.
    let e = monthly(m(&|_| {}), "2025-01-31T10:00:00");
    assert_eq!(dates(&e), ["2025-01-31", "2025-03-31", "2025-05-31", "2025-07-31", "2025-08-31"]);
    // The last day, whatever its number.
    let e = monthly(m(&|r| r.by_month_day = vec![-1]), "2025-01-31T10:00:00");
    assert_eq!(dates(&e), ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"]);
    // A fifth Thursday: only some months have one.
    let e = monthly(m(&|r| r.by_day = vec![ByDay::nth(5, Weekday::Thursday)]), "2025-01-30T10:00:00");
    assert_eq!(dates(&e), ["2025-01-30", "2025-05-29", "2025-07-31", "2025-10-30", "2026-01-29"]);
    // The first and third Tuesday, every second month.
    let e = monthly(
        m(&|r| {
            r.by_day = vec![ByDay::nth(1, Weekday::Tuesday), ByDay::nth(3, Weekday::Tuesday)];
            r.interval = 2;
        }),
        "2025-01-07T10:00:00",
    );
    assert_eq!(dates(&e), ["2025-01-07", "2025-01-21", "2025-03-04", "2025-03-18", "2025-05-06"]);
    // The last working day: Monday to Friday, the last of the set.
    let e = monthly(
        m(&|r| {
            r.by_day = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday]
                .map(ByDay::from)
                .to_vec();
            r.by_set_pos = vec![-1];
        }),
        "2025-01-31T10:00:00",
    );
    assert_eq!(dates(&e), ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-30"]);
    // Friday the 13th: both parts at once.
    let e = monthly(
        m(&|r| {
            r.by_day = vec![Weekday::Friday.into()];
            r.by_month_day = vec![13];
            r.count = Some(3);
        }),
        "2025-06-13T10:00:00",
    );
    assert_eq!(dates(&e), ["2025-06-13", "2026-02-13", "2026-03-13"]);
    assert!(e.check(crate::emap()).is_empty(), "{:?}", e.check(crate::emap()));
}

#[test]
fn monthly_rules_are_checked() {
    let reasons = |e: &Event| -> Vec<String> {
        e.check(crate::emap())
            .iter()
            .filter(|v| v.code == Code::EventInvalidRecurrence)
            .map(|v| v.params["reason"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let rule = |edit: &dyn Fn(&mut Recurrence)| {
        let mut r = Recurrence { count: Some(3), ..Recurrence::new(Frequency::Monthly) };
        edit(&mut r);
        r
    };
    let last_thursday = rule(&|r| r.by_day = vec![ByDay::nth(-1, Weekday::Thursday)]);
    assert!(reasons(&monthly(last_thursday.clone(), "2025-01-30T10:00:00")).is_empty());
    assert_eq!(reasons(&monthly(last_thursday, "2025-01-23T10:00:00")), ["start_not_on_rule"]);
    assert_eq!(
        reasons(&monthly(rule(&|r| r.by_month_day = vec![0]), "2025-01-30T10:00:00")),
        ["day_out_of_range", "start_not_on_rule"]
    );
    assert_eq!(
        reasons(&monthly(rule(&|r| r.by_day = vec![ByDay::nth(6, Weekday::Monday)]), "2025-01-30T10:00:00")),
        ["day_out_of_range", "start_not_on_rule"]
    );
    let mut weekly = learning_cycle();
    weekly.recurrence.as_mut().unwrap().by_month_day = vec![14];
    assert_eq!(reasons(&weekly), ["monthly_only"]);
    let mut early = monthly(rule(&|_| {}), "2025-01-30T10:00:00");
    early.recurrence.as_mut().unwrap().extra_dates = vec![at("2025-01-02T10:00:00")];
    assert_eq!(reasons(&early), ["extra_date_before_start"]);
}

#[test]
fn extra_dates_and_series_with_no_end() {
    // A monthly call on the last Thursday, with no end, and one extra session.
    let mut e = monthly(
        Recurrence {
            by_day: vec![ByDay::nth(-1, Weekday::Thursday)],
            extra_dates: vec![at("2025-02-12T15:00:00")],
            ..Recurrence::new(Frequency::Monthly)
        },
        "2025-01-30T10:00:00",
    );
    assert!(e.check(crate::emap()).is_empty(), "{:?}", e.check(crate::emap()));
    let all = e.occurrences().unwrap();
    assert_eq!(all.len(), 14, "thirteen last Thursdays in the horizon (to 30 January 2026) and the extra date");
    assert_eq!(all[1].start, at("2025-02-12T15:00:00"));
    assert_eq!(all[1].end_utc - all[1].start_utc, Duration::minutes(60));
    e.registration.horizon_days = 31;
    assert_eq!(dates(&e), ["2025-01-30", "2025-02-12", "2025-02-27"]);
    // Any window, however far; an occurrence there can be cancelled and moved.
    let from = "2040-01-01T00:00:00Z".parse().unwrap();
    let to = "2040-04-01T00:00:00Z".parse().unwrap();
    let far: Vec<_> = e.occurrences_between(from, to).unwrap().iter().map(|o| o.start.to_string()).collect();
    assert_eq!(far, ["2040-01-26 10:00:00", "2040-02-23 10:00:00", "2040-03-29 10:00:00"]);
    e.cancel_occurrence(at("2040-02-23T10:00:00")).unwrap();
    e.move_occurrence(at("2040-03-29T10:00:00"), at("2040-04-02T10:00:00"), None).unwrap();
    let far: Vec<_> = e.occurrences_between(from, to).unwrap().iter().map(|o| o.start.to_string()).collect();
    assert_eq!(far, ["2040-01-26 10:00:00"]);
    assert!(e.check(crate::emap()).is_empty(), "{:?}", e.check(crate::emap()));
    assert!(e.cancel_occurrence(at("2040-02-24T10:00:00")).is_err());
    // A window of more than MAX_OCCURRENCES is refused, not cut.
    let mut daily = learning_cycle();
    daily.recurrence = Some(Recurrence::new(Frequency::Daily));
    let to = "2031-01-01T00:00:00Z".parse().unwrap();
    assert_eq!(daily.occurrences_between(daily.start_utc().unwrap(), to).unwrap_err().params["reason"], "too_many");
    daily.registration.horizon_days = 2000;
    assert!(daily.check(crate::emap()).iter().any(|v| v.params.get("reason").is_some_and(|r| r == "too_many")));
}

#[test]
fn rescheduling_a_monthly_series_moves_its_day_of_the_month_and_its_weekday() {
    let rule = Recurrence { by_month_day: vec![15], count: Some(3), ..Recurrence::new(Frequency::Monthly) };
    let mut e = monthly(rule, "2025-01-15T10:00:00");
    e.reschedule(at("2025-01-16T10:00:00"), None).unwrap();
    assert_eq!(e.recurrence.as_ref().unwrap().by_month_day, [16]);
    assert_eq!(dates(&e), ["2025-01-16", "2025-02-16", "2025-03-16"]);
    // The last Thursday, a day later, is the last Friday.
    let rule = Recurrence {
        by_day: vec![ByDay::nth(-1, Weekday::Thursday)],
        count: Some(2),
        ..Recurrence::new(Frequency::Monthly)
    };
    let mut e = monthly(rule, "2025-01-30T10:00:00");
    e.reschedule(at("2025-01-31T10:00:00"), None).unwrap();
    assert_eq!(e.recurrence.as_ref().unwrap().by_day, [ByDay::nth(-1, Weekday::Friday)]);
    assert_eq!(dates(&e), ["2025-01-31", "2025-02-28"]);
    assert!(e.check(crate::emap()).is_empty());
}
