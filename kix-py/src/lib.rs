//! `kix._kix`: the Python face of kix-core.
//!
//! Everything here converts Python values to kix-core types and back, and
//! calls kix-core; no rule lives here. Errors become the exceptions of
//! `kix._errors` (`ValidationError` carries the core's violation codes).
//!
//! One module per domain, as pydantic-core's `src/` and matrix-sdk-ffi's
//! `src/` are laid out; this file only declares them and registers the module.
//!
//! The modules form layers (checked by `tools/check_layers.py`):
//!
//! - the bottom, each using only those before it: `json` (serde values as Python values),
//!   `errors` (the exceptions of `kix._errors`), `convert` (arguments), `violation`,
//!   `table`, `batch` (chunks, signals, progress), `records` (the records of a batch),
//!   `answers`, `walls` (wall-time columns resolved), `arrow` (time columns in Arrow),
//!   `classes` (the structs of the classes several domains share: `Hub`, `Country`,
//!   `Event`, `TrainingCycle`, `RegistrationOutcomes`) and `catalogue` (filters and tables);
//! - the domains, each using only the bottom, never one another: `hub`, `events`, `time`,
//!   `training`, `registrations`, `book`, `attendance`, `exports`; a class's Python
//!   methods live in its domain's file, its struct in `classes`;
//! - this file, which uses them all.

#![forbid(unsafe_code)]
#![allow(clippy::needless_pass_by_value)] // pyo3 passes owned arguments.

mod answers;
mod arrow;
mod attendance;
mod batch;
mod book;
mod catalogue;
mod classes;
mod convert;
mod errors;
mod events;
mod exports;
mod hub;
mod json;
mod outcomes;
mod records;
mod registrations;
mod table;
mod time;
mod training;
mod violation;
mod walls;

use kix_core as core;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The face's allocator. A batch allocates about once a record (the e-mail kix compared, a
/// violation's texts) and glibc's malloc spends about 200 instructions carving each from fresh
/// memory: with mimalloc the batch of 100k Arrow rows does 5% fewer instructions and takes
/// about 13% less time, dicts about 17% (docs/benchmarks.md, Python). polars ships jemalloc
/// for the same reason, pydantic-core offers mimalloc. Version 2 with `local_dynamic_tls`:
/// version 3 (the crate's default) crashes when the thread that first used it has exited and
/// a new one reuses its identity (mimalloc issue 1287; `test_native_speed.py` starts kix on
/// such threads), and a module loaded with `dlopen` needs the dynamic TLS model.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The module `kix._kix`.
#[pymodule]
fn _kix(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("VIOLATION_CODES", PyTuple::new(m.py(), core::Code::ALL.iter().map(|c| c.as_str()))?)?;
    for f in [
        wrap_pyfunction!(hub::emap, m)?,
        wrap_pyfunction!(hub::resolve_country, m)?,
        wrap_pyfunction!(hub::country_name, m)?,
        wrap_pyfunction!(time::resolve_zone, m)?,
        wrap_pyfunction!(time::to_local, m)?,
        wrap_pyfunction!(time::from_local, m)?,
        wrap_pyfunction!(time::parse_listing, m)?,
        wrap_pyfunction!(time::tzdata_version, m)?,
        wrap_pyfunction!(time::local_wall_seconds, m)?,
        wrap_pyfunction!(events::find_slots, m)?,
        wrap_pyfunction!(events::format_local, m)?,
        wrap_pyfunction!(registrations::validate_registration, m)?,
        wrap_pyfunction!(registrations::validate_registrations, m)?,
        wrap_pyfunction!(registrations::anonymize, m)?,
        wrap_pyfunction!(exports::read_registrations, m)?,
        wrap_pyfunction!(exports::read_attendance, m)?,
        wrap_pyfunction!(attendance::attendance, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add_class::<book::RegistrationBook>()?;
    m.add_class::<classes::Hub>()?;
    m.add_class::<classes::Country>()?;
    m.add_class::<hub::Organisation>()?;
    m.add_class::<hub::Timeline>()?;
    m.add_class::<classes::TrainingCycle>()?;
    m.add_class::<classes::Event>()?;
    m.add_class::<events::LocalTimes>()?;
    m.add_class::<time::Schedule>()?;
    m.add_class::<events::Slot>()?;
    m.add_class::<violation::Violation>()?;
    m.add_class::<violation::LocalizedMessage>()?;
    m.add_class::<registrations::RegistrationOutcome>()?;
    m.add_class::<classes::RegistrationOutcomes>()?;
    m.add_class::<table::Table>()?;
    m.add_class::<attendance::Attendance>()?;
    Ok(())
}
