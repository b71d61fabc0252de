//! Properties: every public document type survives a JSON round-trip unchanged,
//! and a batch of registrations is validated exactly as one by one, in order.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod strategies;

use kix_core::Hub;
use proptest::prelude::*;
use strategies::{event, grant, held, hub, nomination, product, registration, violation};

fn round_trips<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #[test]
    fn a_hub_survives_a_json_round_trip_unchanged(hub in hub()) {
        let text = serde_json::to_string(&hub).unwrap();
        let back = Hub::from_json(&text).unwrap();
        prop_assert_eq!(&back, &hub);
        // And checking never panics, whatever the content.
        let _ = back.check();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

#[test]
fn the_embedded_hub_survives_a_round_trip_through_its_pretty_json() {
    let hub = kix_core::emap();
    assert_eq!(&Hub::from_json(&hub.to_json()).unwrap(), hub);
}

proptest! {
    #[test]
    fn registrations_round_trip(r in registration()) { round_trips(&r)?; }

    #[test]
    fn held_registrations_round_trip(h in held()) { round_trips(&h)?; }

    #[test]
    fn events_round_trip(e in event()) { round_trips(&e)?; }

    #[test]
    fn nominations_round_trip(n in nomination()) { round_trips(&n)?; }

    #[test]
    fn grants_round_trip(g in grant()) { round_trips(&g)?; }

    #[test]
    fn knowledge_products_round_trip(p in product()) { round_trips(&p)?; }

    #[test]
    fn violations_round_trip(v in violation()) { round_trips(&v)?; }

    #[test]
    fn outputs_round_trip(day in 0u64..400) {
        let hub = kix_core::emap();
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day);
        let mut e = hub.events[0].clone();
        e.start = date.and_hms_opt(9, 0, 0).unwrap();
        e.end = Some(date.and_hms_opt(10, 30, 0).unwrap());
        if let Ok(t) = kix_core::local_times(hub, &e, Default::default()) { round_trips(&t)?; }
        round_trips(&hub.training.timeline_ledger(hub))?;
        if let Ok(p) = hub.timeline.position(date) { round_trips(&p)?; }
    }

    #[test]
    fn a_batch_equals_one_by_one_validation_in_order(records in proptest::collection::vec(
        (0usize..6, 0usize..4, 0usize..3, any::<bool>()), 0..40)) {
        let hub = kix_core::emap();
        let mut event = hub.events[0].clone();
        event.registration.capacity = Some(5);
        event.registration.waiting_list = true;
        let emails = ["a@example.org", "A@example.org", "b@example.org", "bad", "c@example.org", "d@example.org"];
        let countries = ["NP", "Kyrgyz Republic", "Atlantis", "FR"];
        let audiences = ["teacher", "other", "astronaut"];
        let records: Vec<kix_core::Registration> = records.iter().map(|&(e, c, a, consent)| kix_core::Registration {
            full_name: Some("P".into()),
            email: Some(emails[e].into()),
            country: Some(countries[c].into()),
            audience: Some(audiences[a].into()),
            consent: Some(consent),
            submitted_at: Some("2024-07-20T10:00:00Z".into()),
            ..Default::default()
        }).collect();
        let batch = kix_core::validate_batch(hub, &event, &records, &[], None).unwrap();
        prop_assert_eq!(batch.len(), records.len());
        let mut held = Vec::new();
        for (r, b) in records.iter().zip(&batch) {
            let one = kix_core::validate_registration(hub, &event, r, &held, None).unwrap();
            prop_assert_eq!(one.status, b.status);
            let codes = |o: &kix_core::RegistrationOutcome| o.violations.iter().map(|v| v.code).collect::<Vec<_>>();
            prop_assert_eq!(codes(&one), codes(b));
            if one.status != kix_core::RegistrationStatus::Rejected {
                held.push(kix_core::HeldRegistration { email: r.email.clone().unwrap(), status: one.status, occurrence: None });
            }
        }
    }
}
