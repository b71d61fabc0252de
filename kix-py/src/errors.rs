//! Errors: kix-core's errors and violations as the exceptions of `kix._errors`.

use kix_core as core;
use pyo3::exceptions::{PyKeyError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::to_dict;

pub(crate) fn error_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("kix._errors")?.getattr(name)
}

pub(crate) fn violation_dict<'py>(py: Python<'py>, v: &core::Violation) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", v.code.as_str())?;
    d.set_item("path", &v.path)?;
    d.set_item("message", &v.message)?;
    d.set_item("severity", severity(v.severity))?;
    d.set_item("params", to_dict(py, &v.params)?)?;
    Ok(d)
}

pub(crate) fn severity(s: core::Severity) -> &'static str {
    match s {
        core::Severity::Error => "error",
        core::Severity::Warning => "warning",
    }
}

/// A `ValidationError` (or `TimeZoneError` for `time.*` codes) carrying every violation.
fn rejected(py: Python<'_>, violations: &[core::Violation]) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let errors = PyList::empty(py);
        for v in violations {
            errors.append(violation_dict(py, v)?)?;
        }
        let first = violations.first();
        let class = if first.is_some_and(|v| v.code.as_str().starts_with("time.")) {
            "TimeZoneError"
        } else {
            "ValidationError"
        };
        let message = match violations.len() {
            0 => "invalid input".to_owned(),
            1 => first.map(ToString::to_string).unwrap_or_default(),
            n => format!("{n} violations; first: {}", first.map(ToString::to_string).unwrap_or_default()),
        };
        Ok(PyErr::from_value(error_class(py, class)?.call1((message, errors))?))
    };
    build().unwrap_or_else(|e| e)
}

/// Maps a kix-core error to the Python exception users expect.
pub(crate) fn to_py(py: Python<'_>, e: core::Error) -> PyErr {
    match e {
        core::Error::Rejected(v) => rejected(py, &v),
        core::Error::UnknownZone(_) | core::Error::InvalidCountryCode(_) => rejected(py, &e.to_violations()),
        core::Error::Json { .. } => match error_class(py, "ParseError").and_then(|c| c.call1((e.to_string(),))) {
            Ok(err) => PyErr::from_value(err),
            Err(err) => err,
        },
        core::Error::NotFound { .. } => PyKeyError::new_err(e.to_string()),
        core::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        other => PyValueError::new_err(other.to_string()),
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
        self.map_err(|v| rejected(py, &[v]))
    }
}
