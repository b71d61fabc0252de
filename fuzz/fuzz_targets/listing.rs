//! Any text as a listing (date text, a newline, time text): parsing never
//! panics, and a parsed schedule ends after it starts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (date, time) = text.split_once('\n').unwrap_or((text, ""));
    if let Ok(s) = kix_core::parse_listing(date, time) {
        assert!(s.end_utc() > s.start_utc(), "{s:?}");
    }
});
