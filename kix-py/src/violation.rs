//! `Violation`: one finding of a rule check.

use kix_core as core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::to_dict;
use crate::errors::violation_dict;

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
