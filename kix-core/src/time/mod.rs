//! Time, never approximated: IANA zones and their labels, gaps and folds
//! ([`zone`]), the project timeline ([`timeline`]), dates and times per locale
//! ([`mod@format`]), series rules ([`recurrence`]) and event-page listings, read and
//! written ([`listing`]). Nothing here knows an event or a hub: it takes times and zones.
//! Formatting and writing listings need the `i18n` feature (ICU4X, Fluent); reading does not.
//!
//! May use: `shared`, `country`, `language`. Files in order: `zone`, `timeline`, `format`,
//! `recurrence`, `listing`.

#[cfg(feature = "i18n")]
pub mod format;
pub mod listing;
pub mod recurrence;
pub mod timeline;
pub mod zone;
