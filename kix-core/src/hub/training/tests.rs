use super::*;
use crate::shared::violation::Violations;
use proptest::prelude::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, day).unwrap()
}
fn np() -> CountryCode {
    CountryCode::new("NP").unwrap()
}
fn nominee(who: &str, country: CountryCode) -> Nomination {
    Nomination::new(who, &format!("{who}@example.org"), country, d(7, 1))
}
fn codes(err: &Error) -> Vec<Code> {
    err.violations().codes()
}

#[test]
fn the_first_cycle_follows_the_seed() {
    let hub = crate::emap();
    let c = hub.training_cycle("cycle-1").unwrap();
    assert_eq!(c.endorsement_date, Some(d(7, 20)));
    assert_eq!(c.start, d(9, 7));
    assert_eq!(c.quota_in(hub), 3);
}

#[test]
fn a_fourth_pending_nomination_exceeds_the_quota_until_one_withdraws() {
    let mut hub = crate::emap().clone();
    for who in ["a", "b", "c"] {
        hub.nominate("cycle-1", nominee(who, np())).unwrap();
    }
    let err = hub.nominate("cycle-1", nominee("d", np())).unwrap_err();
    assert_eq!(codes(&err), [Code::TrainingQuotaExceeded]);
    let v = &err.violations()[0];
    assert_eq!((v.params["quota"].as_u64(), v.params["held"].as_u64()), (Some(3), Some(3)));
    // Another country is not affected.
    hub.nominate("cycle-1", nominee("e", CountryCode::new("BT").unwrap())).unwrap();
    // A withdrawal frees the seat for a substitute.
    hub.advance("cycle-1", 1, NominationStep::Withdraw { on: d(7, 10) }).unwrap();
    let sub = hub.nominate("cycle-1", nominee("d", np())).unwrap();
    assert_eq!(sub, 4);
    let ledger = hub.training_cycle("cycle-1").unwrap().ledger(&hub);
    let row = ledger.rows.iter().find(|r| r.country == np()).unwrap();
    assert_eq!((row.confirmed, row.pending, row.free), (0, 3, 0));
    assert!(!hub.check().has_errors());
}

#[test]
fn a_rejection_also_frees_the_seat_and_needs_a_reason() {
    let mut hub = crate::emap().clone();
    for who in ["a", "b", "c"] {
        hub.nominate("cycle-1", nominee(who, np())).unwrap();
    }
    let err = hub.advance("cycle-1", 0, NominationStep::Reject { on: d(7, 5), reason: " ".into() }).unwrap_err();
    assert_eq!(codes(&err), [Code::TrainingMissingField]);
    hub.advance("cycle-1", 0, NominationStep::Reject { on: d(7, 5), reason: "not eligible".into() }).unwrap();
    assert!(hub.nominate("cycle-1", nominee("d", np())).is_ok());
}

#[test]
fn confirmed_nominations_count_as_confirmed_in_the_ledger() {
    let mut hub = crate::emap().clone();
    let i = hub.nominate("cycle-1", nominee("a", np())).unwrap();
    hub.advance("cycle-1", i, NominationStep::Endorse { on: d(7, 20) }).unwrap();
    hub.advance("cycle-1", i, NominationStep::Confirm { on: d(8, 1) }).unwrap();
    hub.advance("cycle-1", i, NominationStep::Complete { on: d(10, 30) }).unwrap();
    hub.nominate("cycle-1", nominee("b", np())).unwrap();
    let ledger = hub.training_cycle("cycle-1").unwrap().ledger(&hub);
    let row = ledger.rows.iter().find(|r| r.country == np()).unwrap();
    assert_eq!((row.quota, row.confirmed, row.pending, row.free), (3, 1, 1, 1));
    let totals = hub.training.timeline_ledger(&hub).totals;
    let total = totals.iter().find(|r| r.country == np()).unwrap();
    assert_eq!(total.confirmed, 1);
}

#[test]
fn an_endorsement_after_the_cycle_starts_is_refused() {
    let mut hub = crate::emap().clone();
    let i = hub.nominate("cycle-1", nominee("a", np())).unwrap();
    let err = hub.advance("cycle-1", i, NominationStep::Endorse { on: d(9, 8) }).unwrap_err();
    assert_eq!(codes(&err), [Code::TrainingEndorsedAfterStart]);
    hub.advance("cycle-1", i, NominationStep::Endorse { on: d(9, 7) }).unwrap();
}

#[test]
fn the_same_person_twice_is_a_duplicate_whatever_the_case_and_spacing() {
    let mut hub = crate::emap().clone();
    hub.nominate("cycle-1", nominee("a", np())).unwrap();
    let mut twin = nominee("a", CountryCode::new("BT").unwrap());
    twin.email = "  A@Example.ORG ".into();
    let err = hub.nominate("cycle-1", twin).unwrap_err();
    assert_eq!(codes(&err), [Code::TrainingDuplicateNominee]);
    assert_eq!(err.violations()[0].params["first_index"], 0);
}

#[test]
fn a_nominee_from_a_non_member_country_is_refused() {
    let mut hub = crate::emap().clone();
    let err = hub.nominate("cycle-1", nominee("a", CountryCode::new("FR").unwrap())).unwrap_err();
    assert_eq!(codes(&err), [Code::TrainingCountryNotParticipating]);
    // A cycle restricted to some countries refuses the others.
    hub.training.cycles[0].countries = Some(vec![np()]);
    let err = hub.nominate("cycle-1", nominee("b", CountryCode::new("BT").unwrap())).unwrap_err();
    assert_eq!(codes(&err), [Code::TrainingCountryNotParticipating]);
}

#[test]
fn a_cycle_outside_the_project_is_reported() {
    let mut hub = crate::emap().clone();
    hub.training.cycles[0].start = NaiveDate::from_ymd_opt(2019, 9, 7).unwrap();
    hub.training.cycles[0].endorsement_date = None;
    let report = hub.check();
    assert!(report.codes().contains(&Code::TrainingOutsideProject), "{report:#?}");
    let err = hub.nominate("cycle-1", nominee("a", np())).unwrap_err();
    assert!(codes(&err).contains(&Code::TrainingOutsideProject));
}

#[test]
fn a_loaded_cycle_over_quota_is_reported_on_the_excess_nominations() {
    let mut hub = crate::emap().clone();
    for who in ["a", "b", "c", "d", "e"] {
        hub.training.cycles[0].nominations.push(nominee(who, np()));
    }
    hub.training.cycles[0].nominations.push(nominee("a", CountryCode::new("BT").unwrap()));
    let report = hub.check();
    let over: Vec<&str> =
        report.iter().filter(|v| v.code == Code::TrainingQuotaExceeded).map(|v| v.path.as_str()).collect();
    assert_eq!(over, ["training.cycles[0].nominations[3].country", "training.cycles[0].nominations[4].country"]);
    assert!(report.codes().contains(&Code::TrainingDuplicateNominee));
    let ledger = hub.training_cycle("cycle-1").unwrap().ledger(&hub);
    let row = ledger.rows.iter().find(|r| r.country == np()).unwrap();
    assert_eq!((row.pending, row.free), (5, 0));
}

#[test]
fn unknown_cycles_and_nominations_are_typed_errors() {
    let mut hub = crate::emap().clone();
    assert!(matches!(hub.nominate("cycle-99", nominee("a", np())), Err(Error::NotFound { .. })));
    assert!(matches!(hub.advance("cycle-1", 7, NominationStep::Confirm { on: d(8, 1) }), Err(Error::NotFound { .. })));
}

#[test]
fn a_nomination_does_not_show_personal_data_in_debug_output() {
    let n = Nomination::new("Dorji Wangmo", "dorji@example.bt", CountryCode::new("BT").unwrap(), d(7, 1));
    let text = format!("{n:?}");
    assert!(!text.contains("Dorji") && !text.contains("example.bt"), "{text}");
    assert!(text.contains("BT"));
}

#[derive(Debug, Clone)]
enum Op {
    Nominate(usize, usize),
    Step(usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..3, 0usize..12).prop_map(|(c, p)| Op::Nominate(c, p)),
        (0usize..40, 0u8..5).prop_map(|(i, s)| Op::Step(i, s)),
    ]
}

proptest! {
    #[test]
    fn whatever_the_order_of_operations_no_country_ever_exceeds_its_quota(ops in proptest::collection::vec(op(), 0..60)) {
        let mut hub = crate::emap().clone();
        let countries = [np(), CountryCode::new("BT").unwrap(), CountryCode::new("AL").unwrap()];
        for o in ops {
            match o {
                Op::Nominate(c, p) => {
                    let _ = hub.nominate("cycle-1", nominee(&format!("p{p}"), countries[c]));
                }
                Op::Step(i, s) => {
                    let on = d(8, 1);
                    let step = match s {
                        0 => NominationStep::Endorse { on: d(7, 20) },
                        1 => NominationStep::Confirm { on },
                        2 => NominationStep::Complete { on: d(10, 1) },
                        3 => NominationStep::Withdraw { on },
                        _ => NominationStep::Reject { on, reason: "r".into() },
                    };
                    let _ = hub.advance("cycle-1", i, step);
                }
            }
            let ledger = hub.training_cycle("cycle-1").unwrap().ledger(&hub);
            for row in &ledger.rows {
                prop_assert!(row.confirmed + row.pending <= row.quota, "{row:?}");
                prop_assert_eq!(row.confirmed + row.pending + row.free, row.quota);
            }
            prop_assert!(!hub.check().has_errors(), "{:#?}", hub.check());
        }
    }
}
