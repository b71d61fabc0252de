//! Violation messages and country names in the shipped languages.

use kix_core as core;

use crate::error::{KixError, Result, Violation};

/// A violation's message in one language, with the locale used.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedMessage {
    /// The message.
    pub text: String,
    /// The shipped locale used: `en`, `ru` or `ar`.
    pub locale: String,
    /// Whether the requested language is not shipped, so English was used.
    pub fell_back: bool,
}

/// A violation's message in a BCP 47 locale (`"ru"`, `"ar-SD"`); English, with
/// `fell_back` set, when the language is not shipped. Right-to-left text
/// isolates its values (FSI … PDI) unless `plain` is true (for logs and JSON).
#[uniffi::export]
pub fn violation_message(violation: Violation, locale: String, plain: bool) -> Result<LocalizedMessage> {
    let code = violation.code.parse::<core::Code>().map_err(|e| KixError::invalid(e.to_string()))?;
    let params = serde_json::from_str(&violation.params_json).map_err(|e| KixError::invalid(e.to_string()))?;
    let mut v = core::Violation::new(code, violation.path, violation.message);
    v.params = params;
    let bidi = if plain { core::messages::Bidi::Plain } else { core::messages::Bidi::Isolate };
    let m = core::messages::localize(&v, &locale, bidi);
    Ok(LocalizedMessage { text: m.text, locale: m.locale.to_owned(), fell_back: m.fell_back })
}

/// A country's name (ISO 3166-1 alpha-2 code) in a BCP 47 locale, from CLDR;
/// English when the locale has none; null for an unknown code.
#[uniffi::export]
pub fn country_name(code: String, locale: String) -> Option<String> {
    core::country::country_name(&code, &locale).map(str::to_owned)
}
