//! Any text as a country: resolution never panics; a resolved place names an assigned country
//! with a display name, and an ambiguous one lists at least two candidates, all assigned.
#![no_main]
use kix_core::Code;
use kix_core::country::{country_name, resolve_place};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = kix_core::text::name_key(text);
    match resolve_place(text) {
        Ok(place) => {
            assert!(country_name(place.country.as_str(), "en").is_some(), "{}", place.country);
            if let Some(sub) = &place.subdivision {
                assert!(sub.starts_with(place.country.as_str()), "{sub}");
            }
        }
        Err(v) if v.code == Code::CountryAmbiguous => {
            let candidates = v.params["candidates"].as_array().map_or(0, Vec::len);
            assert!(candidates >= 2, "{text:?}: {candidates}");
        }
        Err(v) => assert_eq!(v.code, Code::CountryUnknown),
    }
    let _ = country_name("KG", text);
});
