//! The hub's languages: every violation's message in English, Russian and Arabic (Fluent),
//! kix's own phrases, the registration pages' texts, right-to-left isolation, locale fall-back, and the locale words
//! (month and day names, city names, day markers) the time layer reads and writes. The
//! messages need the `i18n` feature (Fluent); the locale words do not.
//!
//! May use: `shared`, `country`. Files in order: `words`, `messages`.

#[cfg(feature = "i18n")]
pub mod messages;
pub(crate) mod words;
