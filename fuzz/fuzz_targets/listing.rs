//! Any text as a listing (date text, a newline, time text): parsing never
//! panics, and a parsed schedule ends after it starts. A schedule read in an
//! IANA zone, written again as an English listing, reads back to its instants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (date, time) = text.split_once('\n').unwrap_or((text, ""));
    let Ok(s) = kix_core::parse_listing(date, time) else { return };
    assert!(s.end_utc() > s.start_utc(), "{s:?}");
    if s.zone.as_str().starts_with("Etc/") {
        return; // a fixed offset no IANA zone has: an event needs a zone
    }
    let mut event = kix_core::emap().events[0].clone();
    event.zone = s.zone.clone();
    event.start = s.local_start();
    event.end = Some(s.local_end());
    event.duration_minutes = None;
    let (Ok(start), Ok(end)) = (event.start_utc(), event.end_utc()) else { return };
    if (start, end) != (s.start_utc(), s.end_utc()) {
        return; // the read wall times fall in a fold: written once, read ambiguously
    }
    let written = event.listing("en", &[chrono_tz::Asia::Kathmandu, chrono_tz::Pacific::Kiritimati]).unwrap();
    let back = kix_core::parse_listing(&written.date_text, &written.time_text);
    let back = back.unwrap_or_else(|e| panic!("{written:?}: {e:?}"));
    assert_eq!((back.start_utc(), back.end_utc()), (start, end), "{written:?}");
});
