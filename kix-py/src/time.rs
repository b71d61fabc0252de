//! Time: instants shown in zones, wall-clock times resolved, zone labels, listings (`Schedule`).

use chrono::Utc;
use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList, PyString};

use crate::convert::{aware, instant_arg, naive_arg, to_dict, zone_arg};
use crate::errors::{IntoPyResult, to_py};
use crate::violation::violations_list;

/// Whether an argument is a pandas Series (by its attributes: pandas is not imported for this).
fn is_series(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(!obj.is_instance_of::<PyString>()
        && obj.hasattr(intern!(py, "index"))?
        && obj.hasattr(intern!(py, "dtype"))?
        && obj.hasattr(intern!(py, "to_list"))?)
}

/// A Series converted value by value into a Series of the same index and name; missing values stay None.
fn map_series<'py>(
    py: Python<'py>,
    series: &Bound<'py, PyAny>,
    convert: impl Fn(&Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let out = PyList::empty(py);
    for value in series.call_method0(intern!(py, "to_list"))?.try_iter()? {
        let value = value?;
        if crate::registrations::is_missing(&value) {
            out.append(py.None())?;
        } else {
            out.append(convert(&value)?)?;
        }
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("index", series.getattr("index")?)?;
    kwargs.set_item("name", series.getattr("name")?)?;
    py.import("pandas")?.getattr("Series")?.call((out,), Some(&kwargs))
}

/// An instant shown in a zone, as an aware datetime with a zoneinfo tzinfo (a Series for a Series).
#[pyfunction]
pub(crate) fn to_local<'py>(
    py: Python<'py>,
    instant: &Bound<'py, PyAny>,
    zone: &Bound<'_, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let tz = zone_arg(py, zone)?;
    if is_series(instant)? {
        return map_series(py, instant, |v| aware(py, instant_arg(v)?, tz));
    }
    aware(py, instant_arg(instant)?, tz)
}

/// A wall-clock time in a zone as an aware datetime, resolving DST gaps and
/// folds (a Series for a Series).
#[pyfunction]
#[pyo3(signature = (naive, zone, disambiguation="compatible"))]
pub(crate) fn from_local<'py>(
    py: Python<'py>,
    naive: &Bound<'py, PyAny>,
    zone: &Bound<'_, PyAny>,
    disambiguation: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let tz = zone_arg(py, zone)?;
    let d = disambiguation.parse::<core::Disambiguation>().py_err(py)?;
    let one = |naive: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
        if naive.is_instance_of::<PyDateTime>() && !naive.call_method0("utcoffset")?.is_none() {
            return Err(PyValueError::new_err(
                "from_local takes a naive datetime (a wall-clock time); this one has a tzinfo",
            ));
        }
        let t = core::zone::from_local(naive_arg(naive)?, tz, d).py_err(py)?;
        aware(py, t.with_timezone(&Utc), tz)
    };
    if is_series(naive)? {
        return map_series(py, naive, one);
    }
    one(naive)
}

/// The IANA zone a label means ("CET / Geneva" -> "Europe/Zurich").
#[pyfunction]
pub(crate) fn resolve_zone(py: Python<'_>, label: &str) -> PyResult<String> {
    core::resolve_zone(label).map(|z| z.to_string()).py_err(py)
}

/// Local wall-clock times of many instants in one zone, column-wise: UNIX seconds in,
/// seconds since 1970-01-01 00:00 local out, as an `array('q')` (zero-copy into numpy
/// or pandas). The GIL is released while the core converts.
#[pyfunction]
pub(crate) fn local_wall_seconds<'py>(
    py: Python<'py>,
    instants: &Bound<'_, PyAny>,
    zone: &Bound<'_, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let tz = zone_arg(py, zone)?;
    if instants.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("instants must be a sequence of int UNIX seconds"));
    }
    let seconds: Vec<i64> = instants.extract().map_err(|_| {
        PyTypeError::new_err("instants must be a sequence of int UNIX seconds (e.g. an array('q') or a list)")
    })?;
    let local = py.detach(|| core::zone::local_wall_seconds(tz, &seconds));
    let bytes = pyo3::types::PyBytes::new_with(py, local.len() * 8, |buf| {
        for (chunk, s) in buf.chunks_exact_mut(8).zip(&local) {
            chunk.copy_from_slice(&s.to_ne_bytes());
        }
        Ok(())
    })?;
    let array = py.import("array")?.getattr("array")?.call1(("q",))?;
    array.call_method1("frombytes", (bytes,))?;
    Ok(array)
}

/// The version of the IANA tz database compiled into kix.
#[pyfunction]
pub(crate) fn tzdata_version() -> &'static str {
    core::tzdata_version()
}

/// A listing read into instants.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct Schedule {
    inner: core::Schedule,
}

#[pymethods]
impl Schedule {
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.start_utc(), self.inner.zone.tz().map_err(|e| to_py(py, e))?)
    }
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.end_utc(), self.inner.zone.tz().map_err(|e| to_py(py, e))?)
    }
    #[getter]
    fn start_utc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.start_utc(), chrono_tz::UTC)
    }
    #[getter]
    fn end_utc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.end_utc(), chrono_tz::UTC)
    }
    #[getter]
    fn zone(&self) -> String {
        self.inner.zone.to_string()
    }
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        violations_list(py, &self.inner.warnings)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<Schedule {} to {} ({}), {} warning(s)>",
            self.inner.start.to_rfc3339(),
            self.inner.end.to_rfc3339(),
            self.inner.zone,
            self.inner.warnings.len()
        )
    }
}

/// Reads an event page's date and time texts.
#[pyfunction]
pub(crate) fn parse_listing(py: Python<'_>, date_text: &str, time_text: &str) -> PyResult<Schedule> {
    core::parse_listing(date_text, time_text).map(|inner| Schedule { inner }).py_err(py)
}
