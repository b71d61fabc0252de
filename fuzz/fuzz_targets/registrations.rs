//! A batch of registrations read from any bytes and validated against Webinar
//! 20: one outcome per record, always, and a rejected record names a violation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let hub = kix_core::emap();
    let event = &hub.events[0];
    let records: Vec<kix_core::Registration> = match serde_json::from_str(text) {
        Ok(list) => list,
        Err(_) => match serde_json::from_str::<kix_core::Registration>(text) {
            Ok(one) => vec![one],
            Err(_) => return,
        },
    };
    let outcomes = kix_core::validate_batch(hub, event, &records, &[], None).expect("webinar 20 has valid times");
    assert_eq!(outcomes.len(), records.len());
    for o in &outcomes {
        if o.status == kix_core::RegistrationStatus::Rejected {
            assert!(!o.violations.is_empty());
        }
    }
});
