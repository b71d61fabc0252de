//! `Violation`: one finding of a rule check.

use kix_core as core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::violation_dict;
use crate::json::to_dict;

pub(crate) fn violations_list<'py>(py: Python<'py>, list: &[core::Violation]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, list.iter().map(|v| Violation { inner: v.clone() }))
}

/// One finding of a rule check.
#[pyclass(module = "kix._kix", frozen)]
#[derive(Clone)]
pub(crate) struct Violation {
    inner: core::Violation,
}

#[pymethods]
impl Violation {
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.params)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        violation_dict(py, &self.inner)
    }
    #[pyo3(signature = (locale, *, plain = false))]
    fn message_in(&self, locale: &str, plain: bool) -> LocalizedMessage {
        let bidi = if plain { core::messages::Bidi::Plain } else { core::messages::Bidi::Isolate };
        LocalizedMessage { inner: core::messages::localize(&self.inner, locale, bidi) }
    }
    fn __repr__(&self) -> String {
        format!(
            "<Violation {} {} at {:?}: {}>",
            self.inner.severity.as_str(),
            self.inner.code,
            self.inner.path,
            self.inner.message
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Violation>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// A violation's message in one language, with the locale used.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct LocalizedMessage {
    inner: core::LocalizedMessage,
}

#[pymethods]
impl LocalizedMessage {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    #[getter]
    fn locale(&self) -> &'static str {
        self.inner.locale
    }
    #[getter]
    fn fell_back(&self) -> bool {
        self.inner.fell_back
    }
    fn __str__(&self) -> &str {
        &self.inner.text
    }
    fn __repr__(&self) -> String {
        format!("<LocalizedMessage {} fell_back={}: {}>", self.inner.locale, self.inner.fell_back, self.inner.text)
    }
}
