//! Errors: kix-core's errors and violations as the exceptions of `kix._errors`.
//!
//! Which kind of failure an error is comes from the core (`Error::class`);
//! this module only names the Python exception of each kind.

use kix_core as core;
use kix_core::ErrorClass;
use pyo3::exceptions::{PyKeyError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::json::to_dict;

fn error_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("kix._errors")?.getattr(name)
}

pub(crate) fn violation_dict<'py>(py: Python<'py>, v: &core::Violation) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", v.code.as_str())?;
    d.set_item("path", &v.path)?;
    d.set_item("message", &v.message)?;
    d.set_item("severity", v.severity.as_str())?;
    d.set_item("params", to_dict(py, &v.params)?)?;
    Ok(d)
}

/// A `ParseError`: a document that could not be read.
pub(crate) fn parse_error(py: Python<'_>, message: String) -> PyErr {
    match error_class(py, "ParseError").and_then(|c| c.call1((message.clone(),))) {
        Ok(err) => PyErr::from_value(err),
        Err(_) => PyValueError::new_err(message),
    }
}

/// A `ValidationError` (or `TimeZoneError`, as the core classes it) carrying every violation.
fn rejected(py: Python<'_>, class: ErrorClass, violations: &[core::Violation]) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let errors = PyList::empty(py);
        for v in violations {
            errors.append(violation_dict(py, v)?)?;
        }
        let name = if class == ErrorClass::TimeZone { "TimeZoneError" } else { "ValidationError" };
        let first = violations.first();
        let message = match violations.len() {
            0 => "invalid input".to_owned(),
            1 => first.map(ToString::to_string).unwrap_or_default(),
            n => format!("{n} violations; first: {}", first.map(ToString::to_string).unwrap_or_default()),
        };
        Ok(PyErr::from_value(error_class(py, name)?.call1((message, errors))?))
    };
    build().unwrap_or_else(|e| e)
}

/// Maps a kix-core error to the Python exception of its class.
pub(crate) fn to_py(py: Python<'_>, e: core::Error) -> PyErr {
    match e.class() {
        class if class.is_validation() => rejected(py, class, &e.to_violations()),
        ErrorClass::Parse => parse_error(py, e.to_string()),
        ErrorClass::NotFound => PyKeyError::new_err(e.to_string()),
        ErrorClass::Io => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

pub(crate) trait IntoPyResult<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, core::Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}

impl<T> IntoPyResult<T> for Result<T, core::Violation> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|v| {
            let violations = [v];
            rejected(py, ErrorClass::of_violations(&violations), &violations)
        })
    }
}
