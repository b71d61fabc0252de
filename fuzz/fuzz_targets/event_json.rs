//! An event read from any bytes, then checked, tabulated, expanded (a series) and exported to .ics:
//! nothing panics, and the calendar text has CRLF lines of at most 75 octets.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(event) = serde_json::from_str::<kix_core::Event>(text) else { return };
    let hub = kix_core::emap();
    let _ = event.check(hub);
    let _ = kix_core::Check::check(&[event.clone(), event.clone()][..], hub);
    let _ = kix_core::local_times(hub, &event, Default::default());
    let stamp = chrono::DateTime::from_timestamp(1_720_000_000, 0).expect("a valid stamp");
    if let Ok(ics) = kix_core::calendar::to_ics(hub, &event, stamp) {
        assert!(ics.ends_with("\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.contains('\r') && !line.contains('\n'));
        }
        // One VEVENT, or a series' master and its overrides: all of them the event's.
        let events = ics.matches("\r\nBEGIN:VEVENT\r\n").count();
        assert!(events >= 1 && events == ics.matches("\r\nEND:VEVENT\r\n").count());
        assert!(event.is_series() || events == 1);
    }
    let _ = event.occurrences();
    let _ = kix_core::calendar::check(&event, Some(&event));
    let _ = kix_core::schedule::occurrence_local_times(hub, &event, Default::default());
});
