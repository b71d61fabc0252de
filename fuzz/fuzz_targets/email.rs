//! Any text as an e-mail address: parsing never panics, a parsed address is
//! already normalized (parsing its normalized form gives it back unchanged),
//! and its duplicate key is that of its normalized form.
#![no_main]
use kix_core::email::{Email, duplicate_key};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let key = duplicate_key(text);
    if let Ok(email) = Email::parse(text) {
        let again = Email::parse(email.as_str());
        assert_eq!(again.as_ref(), Ok(&email), "{:?}", email.as_str());
        assert_eq!(key, email.key());
        assert_eq!(duplicate_key(email.as_str()), key);
        assert!(email.ascii_domain().is_ascii());
        let _ = email.mixed_script();
    }
});
