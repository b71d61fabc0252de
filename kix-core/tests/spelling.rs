//! The words enums are written as (`ALL`, `as_str`, `FromStr`) are their serde names, so JSON
//! documents and the bindings' strings agree, and a bad word lists every accepted one.

#![allow(clippy::unwrap_used, clippy::panic)]

use kix_core::book::Actor;
use kix_core::{CountBy, Disambiguation, ProductKind};

/// The words must be the serde names: JSON documents and bindings' strings agree.
fn words_match_serde<T>(all: &[T], as_str: fn(&T) -> &'static str)
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::str::FromStr + PartialEq + std::fmt::Debug,
{
    for value in all {
        let json = serde_json::to_value(value).unwrap_or_default();
        assert_eq!(json, serde_json::Value::from(as_str(value)), "{value:?}");
        assert_eq!(as_str(value).parse::<T>().ok().as_ref(), Some(value));
    }
}

#[test]
fn every_table_spells_its_variants_as_serde_does() {
    words_match_serde(CountBy::ALL, |v| v.as_str());
    words_match_serde(ProductKind::ALL, |v| v.as_str());
    words_match_serde(Disambiguation::ALL, |v| v.as_str());
    words_match_serde(Actor::ALL, |v| v.as_str());
    // That each table lists every variant is checked by the compiler: `as_str` is an exhaustive match.
}

#[test]
fn a_bad_word_is_refused_with_every_accepted_word() {
    let err = "weekly".parse::<CountBy>().unwrap_err();
    assert_eq!(err.to_string(), r#"invalid count period "weekly": expected month, project_year or phase"#);
    let err = "Later".parse::<Disambiguation>().unwrap_err();
    assert_eq!(err.to_string(), r#"invalid disambiguation "Later": expected compatible, earlier, later or reject"#);
    let Err(kix_core::Error::InvalidValue { what, expected, .. }) = "video".parse::<ProductKind>() else {
        panic!("expected an invalid value")
    };
    assert_eq!(what, "product kind");
    for kind in ProductKind::ALL {
        assert!(expected.contains(kind.as_str()), "{kind} missing from {expected}");
    }
}
