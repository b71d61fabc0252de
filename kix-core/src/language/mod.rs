//! The hub's languages: every violation's message in English, Russian and Arabic (Fluent),
//! kix's own phrases, right-to-left isolation, locale fall-back, and the locale words
//! (month and day names, city names) the time layer reads and writes.
//!
//! May use: `shared`, `country`. Files in order: `words`, `messages`.

pub mod messages;
pub(crate) mod words;
