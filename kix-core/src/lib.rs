//! # kix-core
//!
//! The KIX EMAP education hub as a library: one source of truth for its
//! countries, sub-regions and partners, the project timeline, yearly training
//! cycles with per-country quotas, and every rule about them. The Python
//! package (`kix`) and the mobile bindings call this crate; they never
//! re-implement a rule.
//!
//! ## A tour
//!
//! ```
//! use chrono::NaiveDate;
//! use kix_core::{Code, Nomination, Violations};
//!
//! // The embedded KIX EMAP hub, parsed once.
//! let hub = kix_core::emap();
//!
//! // Countries by code or by the names people type.
//! let kg = hub.country("Kyrgyz Republic").unwrap();
//! assert_eq!(kg.code.as_str(), "KG");
//! assert_eq!(kix_core::resolve_country("Burma")?.as_str(), "MM");
//!
//! // Who covers a country, and where a date sits in the project.
//! let date = NaiveDate::from_ymd_opt(2021, 6, 15).unwrap();
//! assert_eq!(hub.partner_for(kg.code, date).unwrap().name, "NUGSE");
//! assert_eq!(hub.timeline.month_index(date)?, 15);
//!
//! // The hub checks clean, but for five members the seeds do not place.
//! let report = hub.check();
//! assert!(!report.has_errors());
//! assert_eq!(report.len(), 5);
//!
//! // Quotas hold: a fourth pending nominee is refused.
//! let mut hub = hub.clone();
//! let on = NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
//! for who in ["a", "b", "c", "d"] {
//!     let result = hub.nominate("cycle-1", Nomination::new(who, &format!("{who}@example.kg"), kg.code, on));
//!     if who == "d" {
//!         assert_eq!(result.unwrap_err().violations()[0].code, Code::TrainingQuotaExceeded);
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Layers
//!
//! One folder per area of the domain, bottom first. A module imports modules of lower
//! layers and the files of its own folder that come before it, never a higher one, so there
//! are no circles (`tools/check_layers.py` holds the same order and fails on a back-import):
//!
//! | layer | holds |
//! |---|---|
//! | [`shared`] | the codes and [`Violation`], the operational [`Error`], text and e-mail normalization, ISO 639-1 and ISO 4217 |
//! | [`country`] | ISO 3166-1 codes, the names people type, names per locale |
//! | [`language`] | messages in English, Russian and Arabic (Fluent), locale words, bidi |
//! | [`time`] | IANA zones, labels, gaps and folds; the project timeline; formatting; series rules; listings |
//! | [`context`] | [`HubView`], what the rules may read about a hub, and [`Check`], the one way a document is checked |
//! | [`events`] | one event ([`Event::check`]), a list's duplicates and conflicts, a series' occurrences |
//! | [`hub`] | the [`Hub`] ([`Hub::check`] runs every check), training cycles, catalogue, grants, local times and slots |
//! | [`registrations`] | the desk's rules, the registration book, attendance, exports |
//! | [`calendar`] | `.ics` files: one event, feeds, invitations and cancellations; the calendar check |
//! | [`schema`] | the JSON Schemas generated from the types |
//!
//! The module paths from before the folders (`kix_core::zone`, `kix_core::book`, ...) stay
//! as re-exports.
//!
//! ## Errors
//!
//! Rules report [`Violation`]s, all at once, each with a stable [`Code`].
//! Operations that cannot go on return a typed [`Error`]. Nothing panics on
//! any input.

#![forbid(unsafe_code)]

// The layers, bottom first (`tools/check_layers.py` holds the same order and fails on a
// back-import): a module imports its own folder's earlier files and lower layers, never higher.
// 1: no domain
pub mod shared;
// 2: countries
pub mod country;
// 3: messages and locale words
pub mod language;
// 4: zones, timeline, formatting, series rules, listings
pub mod time;
// 5: what the rules read of a hub
pub mod context;
// 6: events and series
pub mod events;
// 7: the hub and what it runs
pub mod hub;
// 8: registrations, the book, attendance, exports
pub mod registrations;
// 9: calendar files
pub mod calendar;
// 10: the JSON Schemas
#[cfg(feature = "schemas")]
pub mod schema;

// The module paths users import (`kix_core::zone::from_local`, `kix_core::book::Actor`, ...)
// from before the folders, kept as they were.
pub use context::nomination;
pub use events::event;
pub use hub::{catalogue, grants, schedule, training};
#[cfg(feature = "i18n")]
pub use language::messages;
#[cfg(feature = "exports")]
pub use registrations::exports;
pub use registrations::{attendance, book, registration};
pub use shared::{email, error, text, violation};
#[cfg(feature = "i18n")]
pub use time::format;
pub use time::{listing, recurrence, timeline, zone};

pub use context::{Check, HubView};
pub use country::{CountryCode, Weekday, resolve_country};
pub use events::event::{
    AgendaItem, Approval, Audience, Eligibility, Event, EventKind, EventStatus, Location, Party, RegistrationPolicy,
};
pub use hub::catalogue::{CountBy, KnowledgeProduct, ProductCount, ProductKind, ProductQuery, TrainingLink};
pub use hub::grants::{
    CurrencyCode, Grant, GrantBook, GrantPolicy, GrantPurpose, GrantStatus, GrantTotal, GrantTotals, Money,
};
pub use hub::schedule::{
    LocalTimeRow, LocalTimes, Slot, SlotQuery, SlotZone, UtcOffset, WorkingHours, find_slots, local_times,
};
pub use hub::training::{
    LedgerRow, Nomination, NominationStatus, NominationStep, QuotaLedger, TimelineLedger, Training, TrainingCycle,
    TrainingPolicy,
};
pub use hub::{Assignment, Country, Hub, Organisation, PartnerRole, Period, RestDayChange, SubRegion, Subdivision};
#[cfg(feature = "i18n")]
pub use language::messages::LocalizedMessage;
pub use registrations::book::{
    Actor, Applied, BookAction, BookEntry, BookStatus, CapacityChange, Change, HistoryEntry, RegistrationBook,
    Reminder, SeatLedger, Submission,
};
pub use registrations::registration::{
    Alongside, HeldRegistration, Registration, RegistrationDesk, RegistrationOutcome, RegistrationStatus,
    validate_batch, validate_registration,
};
pub use shared::error::{Error, ErrorClass};
pub use shared::violation::{Code, Severity, Violation, Violations};
pub use time::listing::{Schedule, parse_listing};
pub use time::recurrence::{ByDay, Frequency, MovedOccurrence, NthWeekday, Occurrence, Recurrence};
pub use time::timeline::{Phase, Timeline, TimelinePosition};
pub use time::zone::{Disambiguation, ZoneId, resolve_zone, tzdata_version};

/// The JSON of the embedded KIX EMAP hub, as shipped in the crate.
///
/// ```
/// assert!(kix_core::EMAP_JSON.contains("NORRAG"));
/// ```
pub const EMAP_JSON: &str = include_str!("../data/emap.json");

/// The KIX EMAP hub embedded in the crate, parsed on first use.
///
/// ```
/// let hub = kix_core::emap();
/// assert_eq!(hub.name, "KIX EMAP Hub");
/// assert_eq!(hub.sub_regions.len(), 4);
/// ```
#[must_use]
pub fn emap() -> &'static Hub {
    static HUB: std::sync::OnceLock<Hub> = std::sync::OnceLock::new();
    HUB.get_or_init(|| {
        // The embedded document is part of the crate and every test run parses
        // and checks it (`tests::the_embedded_hub_parses`), so this cannot fail
        // in a released build; failing loudly here is the honest outcome of a
        // broken build, not of user input.
        #[allow(clippy::expect_used)]
        Hub::from_json(EMAP_JSON).expect("the embedded KIX EMAP hub JSON is valid")
    })
}

/// The README's Rust example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The guides' Rust examples run as doctests too, one struct per guide with Rust
/// code (`kix-core/tests/readme.rs` checks that none is left out).
#[cfg(doctest)]
#[doc = include_str!("../../docs/rust.md")]
struct RustGuideDoctests;

#[cfg(doctest)]
#[doc = include_str!("../../docs/time.md")]
struct TimeGuideDoctests;

#[cfg(doctest)]
#[doc = include_str!("../../docs/registrations.md")]
struct RegistrationsGuideDoctests;

#[cfg(doctest)]
#[doc = include_str!("../../docs/calendar.md")]
struct CalendarGuideDoctests;

#[cfg(doctest)]
#[doc = include_str!("../../docs/languages.md")]
struct LanguagesGuideDoctests;

#[cfg(doctest)]
#[doc = include_str!("../../docs/errors.md")]
struct ErrorsGuideDoctests;

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_hub_parses() {
        let hub = super::Hub::from_json(super::EMAP_JSON);
        assert!(hub.is_ok(), "{hub:?}");
    }
}
