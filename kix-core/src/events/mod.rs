//! Events: one event's fields, times, agenda, languages, organisers and registration
//! policy, its checks ([`Event::check`](event::Event::check)), a list's duplicates and
//! conflicts, and a series' occurrences in the organiser's wall time.
//!
//! May use: `shared`, `country`, `language`, `time`, `context`. Files in order: `event`, `series`, `listing`.

pub mod event;
#[cfg(feature = "i18n")]
mod listing;
pub mod series;
