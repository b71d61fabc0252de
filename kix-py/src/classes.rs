//! The Python classes that several domain files take or return, as structs: `Country`,
//! `Hub`, `Event`, `TrainingCycle` and `RegistrationOutcomes`, with the few Rust-side
//! constructors the domains share. Each class's Python methods (`#[pymethods]`) live in its
//! domain file (`hub`, `events`, `training`, `registrations`); keeping the structs here lets
//! `events` take a `Hub` and `hub` return `Event`s without the two files importing each other.

use std::sync::Arc;

use kix_core as core;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::answers::Answers;
use crate::convert::type_name;
use crate::errors::IntoPyResult;
use crate::outcomes::Outcomes;
use crate::records::Labels;

/// A member country of a hub.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct Country {
    pub(crate) inner: core::Country,
    pub(crate) sub_region: Option<String>,
}

/// A country argument: a `Country`, or a country code or name.
pub(crate) fn country_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<core::CountryCode> {
    if let Ok(c) = obj.cast::<Country>() {
        return Ok(c.borrow().inner.code);
    }
    let text: String = obj
        .extract()
        .map_err(|_| PyTypeError::new_err(format!("expected a country code or name, not {}", type_name(obj))))?;
    core::resolve_country(&text).py_err(py)
}

/// A hub: countries, partners, timeline, training cycles, events, catalogue and grants.
#[pyclass(module = "kix._kix")]
pub(crate) struct Hub {
    pub(crate) inner: Arc<core::Hub>,
}

/// The embedded hub, built once: events read without a hub are checked against it.
pub(crate) fn default_hub() -> Arc<core::Hub> {
    static HUB: std::sync::OnceLock<Arc<core::Hub>> = std::sync::OnceLock::new();
    HUB.get_or_init(|| Arc::new(core::emap().clone())).clone()
}

/// An event.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct Event {
    pub(crate) inner: core::Event,
    pub(crate) hub: Option<Arc<core::Hub>>,
}

impl Event {
    /// An event read from a hub, checked against that hub unless told otherwise.
    pub(crate) fn in_hub(inner: core::Event, hub: Arc<core::Hub>) -> Self {
        Event { inner, hub: Some(hub) }
    }

    pub(crate) fn hub_or(&self, hub: Option<&Bound<'_, Hub>>) -> Arc<core::Hub> {
        hub.map(|h| h.borrow().inner.clone()).or_else(|| self.hub.clone()).unwrap_or_else(default_hub)
    }
}

/// A training cycle (a snapshot taken when it was read from the hub).
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct TrainingCycle {
    pub(crate) inner: core::TrainingCycle,
    pub(crate) hub: Arc<core::Hub>,
}

impl TrainingCycle {
    pub(crate) fn in_hub(inner: core::TrainingCycle, hub: Arc<core::Hub>) -> Self {
        TrainingCycle { inner, hub }
    }
}

/// Outcomes of a batch, in input order, labelled with the input's own index:
/// a sequence of RegistrationOutcome with columnar exports.
#[pyclass(module = "kix._kix", frozen, sequence)]
pub(crate) struct RegistrationOutcomes {
    pub(crate) inner: Outcomes,
    pub(crate) labels: Labels,
    pub(crate) answers: Answers,
    pub(crate) event: core::Event,
    pub(crate) hub: Arc<core::Hub>,
}
