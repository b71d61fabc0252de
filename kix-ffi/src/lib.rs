//! Mobile bindings of kix-core, generated with UniFFI for Kotlin and Swift.
//!
//! This crate converts types and calls kix-core; no rule lives here. Across the
//! FFI, instants are timestamps (`java.time.Instant` in Kotlin, `Date` in
//! Swift), zones are IANA names, dates are ISO strings (`"2024-07-31"`) and
//! wall-clock times ISO strings without offset (`"2024-07-31T13:00:00"`).
//! Every failure is a [`KixError`] (`KixException` in Kotlin); validation
//! failures carry the core's violation codes.
//!
//! One file per domain, as in matrix-sdk-ffi: each holds its records (built
//! with `From`/`TryFrom` from the core's types) and its part of the exported
//! [`Hub`] object.
//!
//! The modules form layers (checked by `tools/check_layers.py`):
//!
//! - the bottom, each using only those before it: `error` ([`KixError`], [`Violation`]),
//!   `convert` (instants, dates, wall times, zones, countries), `records` (the records
//!   several domains share: [`Registration`], [`RegistrationStatus`],
//!   [`RegistrationOutcome`], [`EventSummary`]) and `objects` (the [`Hub`] and
//!   [`RegistrationBook`] structs);
//! - the domains, each using only the bottom, never one another: `about`, `hub`, `events`,
//!   `time`, `calendar`, `catalogue`, `grants`, `training`, `messages`, `registrations`,
//!   `book`, `exports`; each adds its exported methods to the objects;
//! - this file, which declares and re-exports them all.

#![forbid(unsafe_code)]

mod about;
mod book;
mod calendar;
mod catalogue;
mod convert;
mod error;
mod events;
mod exports;
mod grants;
mod hub;
mod messages;
mod objects;
mod records;
mod registrations;
mod time;
mod training;

pub use about::*;
pub use book::*;
pub use calendar::*;
pub use catalogue::*;
pub use error::*;
pub use events::*;
pub use exports::*;
pub use grants::*;
pub use hub::*;
pub use messages::*;
pub use objects::*;
pub use records::*;
pub use registrations::*;
pub use time::*;
pub use training::*;

uniffi::setup_scaffolding!();
