//! Any text as a zone label: resolution never panics, and a resolved label names
//! a zone that the tz database knows and can be checked against any wall time.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = kix_core::resolve_country(text);
    if let Ok(label) = kix_core::zone::parse_zone_label(text) {
        assert!(label.zone.tz().is_ok(), "{}", label.zone);
        for (y, m, d) in [(2024, 3, 31), (2024, 7, 31), (2024, 10, 27)] {
            let wall = chrono::NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(2, 30, 0));
            if let Some(wall) = wall {
                let _ = label.season_mismatch(wall);
            }
        }
    }
});
