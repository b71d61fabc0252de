//! A hub read from any bytes: reading never panics; a hub that reads checks
//! without panicking and survives a JSON round trip unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(hub) = kix_core::Hub::from_json(text) {
        let _ = hub.check();
        let again = kix_core::Hub::from_json(&hub.to_json()).expect("a hub kix wrote reads back");
        assert_eq!(again, hub);
        let _ = hub.training.timeline_ledger(&hub);
        let _ = hub.grant_totals();
    }
});
