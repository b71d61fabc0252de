//! Properties of e-mail parsing on generated addresses built from the pieces
//! that break parsers (quotes, escapes, dots, combining marks, look-alike
//! letters, Punycode, full-width stops, every script of the region): nothing
//! panics, a parsed address is already normalized, and the duplicate key does
//! not depend on which of its forms was typed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use kix_core::email::{Email, duplicate_key};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    ".",
    "..",
    "-",
    "_",
    "+",
    "\"",
    "\\",
    " ",
    "@",
    "[",
    "]",
    "xn--",
    "xn--p1ai",
    "\u{301}",
    "\u{302}",
    "e",
    "कृ",
    "ष्ण",
    "মো",
    "សុ",
    "မောင်",
    "ສົ",
    "བཀྲ་",
    "пример",
    "рф",
    "а",
    "ο",
    "α",
    "مثال",
    "\u{200d}",
    "\u{ff0e}",
    "\u{3002}",
    "ß",
    "İ",
    "\u{fffd}",
    "\u{e000}",
    "\t",
    "\u{a0}",
    "com",
    "org",
    "1",
    "９",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

fn address() -> impl Strategy<Value = String> {
    (text(), text(), prop::sample::select(&["com", "org", "рф", "xn--p1ai", "invalid", "1"][..]))
        .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn parsing_never_panics_and_normal_forms_are_fixed_points(raw in prop_oneof![text(), address()]) {
        let key = duplicate_key(&raw);
        if let Ok(email) = Email::parse(&raw) {
            let again = Email::parse(email.as_str());
            prop_assert_eq!(again.as_ref(), Ok(&email));
            prop_assert_eq!(&key, &email.key());
            prop_assert!(email.ascii_domain().is_ascii());
            prop_assert!(email.local_part().len() <= 64 && email.as_str().len() <= 254);
        }
    }

    #[test]
    fn the_key_is_the_same_for_the_unicode_and_the_ascii_domain(local in "[a-z]{1,10}", upper in any::<bool>()) {
        let unicode = Email::parse(&format!("{local}@пример.рф")).unwrap();
        let typed = if upper { format!("{}@XN--E1AFMKFD.XN--P1AI", local.to_uppercase()) } else { format!("{local}@xn--e1afmkfd.xn--p1ai") };
        prop_assert_eq!(duplicate_key(&typed), unicode.key());
    }
}
