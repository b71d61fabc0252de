//! Time: instants shown in zones, wall-clock times resolved, zone labels, listings (`Schedule`).

use chrono::Utc;
use chrono_tz::Tz;
use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::type_object::PyTypeInfo;
use pyo3::types::{PyBytes, PyDateTime, PyDict, PyList, PyString};

use crate::arrow;
use crate::convert::{aware, instant_arg, naive_arg, zone_arg};
use crate::errors::{IntoPyResult, to_py};
use crate::json::to_dict;
use crate::records::is_missing;
use crate::violation::violations_list;
use crate::walls::{COLUMN_CHUNK, NAT, resolve_walls};

/// The kind of column an argument is, recognised without importing pandas or numpy.
enum ColumnKind {
    /// A pandas Series: `datetime64` (aware or naive) or values to read one by one.
    Series { datetimes: bool, aware: bool },
    /// A NumPy `datetime64` array.
    Numpy,
    /// Anything else that speaks Arrow (pyarrow arrays and chunked arrays, polars Series).
    Arrow,
}

fn module_of(obj: &Bound<'_, PyAny>) -> String {
    let py = obj.py();
    obj.get_type().getattr(intern!(py, "__module__")).ok().and_then(|m| m.extract::<String>().ok()).unwrap_or_default()
}

fn column_kind(obj: &Bound<'_, PyAny>) -> PyResult<Option<ColumnKind>> {
    let py = obj.py();
    let module = module_of(obj);
    if module.starts_with("pandas") && obj.hasattr(intern!(py, "dtype"))? && obj.hasattr(intern!(py, "index"))? {
        let dtype = obj.getattr(intern!(py, "dtype"))?;
        let datetimes = dtype.getattr(intern!(py, "kind"))?.eq("M")?;
        let aware = datetimes && !dtype.getattr_opt(intern!(py, "tz"))?.is_none_or(|tz| tz.is_none());
        return Ok(Some(ColumnKind::Series { datetimes, aware }));
    }
    if module == "numpy" && obj.hasattr(intern!(py, "dtype"))? {
        let kind = obj.getattr(intern!(py, "dtype"))?.getattr(intern!(py, "kind"))?;
        if !kind.eq("M")? {
            return Err(PyTypeError::new_err("a NumPy array of instants or wall times must be datetime64"));
        }
        return Ok(Some(ColumnKind::Numpy));
    }
    if obj.hasattr(intern!(py, "__arrow_c_array__"))? || obj.hasattr(intern!(py, "__arrow_c_stream__"))? {
        return Ok(Some(ColumnKind::Arrow));
    }
    Ok(None)
}

fn columns_module(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import(intern!(py, "kix._columns"))
}

/// The nanoseconds of a `datetime64` Series or array (`NaT` is `i64::MIN`).
fn nanos_of(py: Python<'_>, values: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    let bytes = columns_module(py)?.call_method1(intern!(py, "nanoseconds"), (values,))?;
    let bytes = bytes.cast::<PyBytes>()?;
    Ok(bytes.as_bytes().chunks_exact(8).map(|c| i64::from_ne_bytes(c.try_into().unwrap_or([0; 8]))).collect())
}

fn nanos_bytes<'py>(py: Python<'py>, values: &[i64]) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, values.len() * 8, |buf| {
        for (chunk, v) in buf.chunks_exact_mut(8).zip(values) {
            chunk.copy_from_slice(&v.to_ne_bytes());
        }
        Ok(())
    })
}

/// Values a chunk at a time with the GIL released, signals checked between chunks.
fn in_chunks<T: Sync, U: Send>(py: Python<'_>, values: &[T], work: impl Fn(&[T]) -> Vec<U> + Sync) -> PyResult<Vec<U>> {
    let mut out = Vec::with_capacity(values.len());
    for chunk in values.chunks(COLUMN_CHUNK) {
        out.extend(py.detach(|| work(chunk)));
        py.check_signals()?;
    }
    Ok(out)
}

const NANOS: i64 = 1_000_000_000;

/// A UTC instant as nanoseconds, if it fits in a `datetime64[ns]`.
fn instant_nanos(t: chrono::DateTime<Utc>) -> Option<i64> {
    t.timestamp_nanos_opt()
}

/// The cells of a Series read one by one (text, datetimes, missing values).
fn cells_of<'py>(py: Python<'py>, series: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    Ok(series.call_method0(intern!(py, "to_list"))?.cast_into::<PyList>()?)
}

/// A Series' instants as UTC nanoseconds, read one by one (an object column).
fn instants_of_cells(py: Python<'_>, series: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    let mut out = Vec::new();
    for value in cells_of(py, series)?.iter() {
        if is_missing(&value) {
            out.push(NAT);
            continue;
        }
        let t = instant_arg(&value)?;
        out.push(instant_nanos(t).ok_or_else(|| PyValueError::new_err(format!("{t} is outside datetime64[ns]")))?);
    }
    Ok(out)
}

/// A Series' wall times as nanoseconds since 1970-01-01 00:00 local, read one by one.
fn walls_of_cells(py: Python<'_>, series: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    let mut out = Vec::new();
    for value in cells_of(py, series)?.iter() {
        if is_missing(&value) {
            out.push(NAT);
            continue;
        }
        refuse_aware(&value)?;
        let naive = naive_arg(&value)?;
        let ns = naive.and_utc().timestamp_nanos_opt();
        out.push(ns.ok_or_else(|| PyValueError::new_err(format!("{naive} is outside datetime64[ns]")))?);
    }
    Ok(out)
}

fn refuse_aware(value: &Bound<'_, PyAny>) -> PyResult<()> {
    if value.is_instance_of::<PyDateTime>() && !value.call_method0(intern!(value.py(), "utcoffset"))?.is_none() {
        return Err(PyValueError::new_err(
            "from_local takes a naive datetime (a wall-clock time); this one has a tzinfo",
        ));
    }
    Ok(())
}

/// The cached `zoneinfo.ZoneInfo` of a zone (ZoneInfo keeps one instance per key; this
/// saves the call).
fn zoneinfo<'py>(py: Python<'py>, tz: Tz) -> PyResult<Bound<'py, PyAny>> {
    static CACHE: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
    let cache = CACHE.get_or_try_init(py, || -> PyResult<_> { Ok(PyDict::new(py).unbind()) })?.bind(py);
    let name = tz.name();
    if let Some(z) = cache.get_item(name)? {
        return Ok(z);
    }
    let z = py.import(intern!(py, "zoneinfo"))?.getattr(intern!(py, "ZoneInfo"))?.call1((name,))?;
    cache.set_item(name, &z)?;
    Ok(z)
}

/// The ZoneInfo of a zone argument, resolved by kix-core once per distinct string (a label
/// such as "CET / Geneva" too) and then looked up.
fn zoneinfo_of<'py>(py: Python<'py>, zone: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    static CACHE: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
    let cache = CACHE.get_or_try_init(py, || -> PyResult<_> { Ok(PyDict::new(py).unbind()) })?.bind(py);
    let key = zone.cast::<PyString>().ok().filter(|s| PyString::is_exact_type_of(s));
    if let Some(key) = key
        && let Some(zi) = cache.get_item(key)?
    {
        return Ok(zi);
    }
    let zi = zoneinfo(py, zone_arg(py, zone)?)?;
    if let Some(key) = key
        && cache.len() < 4096
    {
        cache.set_item(key, &zi)?;
    }
    Ok(zi)
}

/// Whether an object is exactly a `datetime.datetime` (not a subclass such as pandas' Timestamp).
fn is_exact_datetime(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    static TYPE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = obj.py();
    let t = TYPE.get_or_try_init(py, || -> PyResult<_> {
        Ok(py.import(intern!(py, "datetime"))?.getattr(intern!(py, "datetime"))?.unbind())
    })?;
    Ok(obj.get_type().is(t.bind(py)))
}

/// An instant shown in a zone, as an aware datetime with a zoneinfo tzinfo; a pandas
/// Series, NumPy datetime64 array or Arrow array gives the same kind back.
#[pyfunction]
pub(crate) fn to_local<'py>(
    py: Python<'py>,
    instant: &Bound<'py, PyAny>,
    zone: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    if is_exact_datetime(instant)? && !instant.getattr(intern!(py, "tzinfo"))?.is_none() {
        // The instant, shown with the zone's ZoneInfo: the one conversion an aware datetime
        // needs. Out of datetime's years, the general path below says why.
        let zi = zoneinfo_of(py, zone)?;
        if let Ok(local) = instant.call_method1(intern!(py, "astimezone"), (&zi,)) {
            return Ok(local);
        }
    }
    let tz = zone_arg(py, zone)?;
    if PyString::is_type_of(instant) || instant.is_instance_of::<PyDateTime>() {
        return aware(py, instant_arg(instant)?, tz);
    }
    match column_kind(instant)? {
        Some(ColumnKind::Series { datetimes: true, aware: true }) => {
            columns_module(py)?.call_method1(intern!(py, "in_zone"), (instant, zoneinfo(py, tz)?))
        }
        Some(ColumnKind::Series { datetimes: true, aware: false }) => Err(PyValueError::new_err(
            "a naive datetime64 Series holds wall times, not instants: tz_localize it to the zone it was \
             recorded in, or use kix.from_local(series, zone)",
        )),
        Some(ColumnKind::Series { .. }) => {
            let ns = instants_of_cells(py, instant)?;
            series_of_instants(py, &ns, instant, tz)
        }
        Some(ColumnKind::Numpy) => {
            // NumPy datetimes carry no zone: they are read as UTC, local wall times come back.
            let ns = nanos_of(py, instant)?;
            let local = in_chunks(py, &ns, |ns| local_wall_nanos(tz, ns))?;
            columns_module(py)?.call_method1(intern!(py, "numpy_datetimes"), (nanos_bytes(py, &local)?,))
        }
        Some(ColumnKind::Arrow) => arrow::to_local(py, instant, tz),
        None => aware(py, instant_arg(instant)?, tz),
    }
}

/// Wall-clock nanoseconds of UTC nanoseconds (`NaT` stays `NaT`), through kix-core's column conversion.
fn local_wall_nanos(tz: Tz, ns: &[i64]) -> Vec<i64> {
    let seconds: Vec<i64> = ns.iter().map(|n| n.div_euclid(NANOS)).collect();
    let local = core::zone::local_wall_seconds(tz, &seconds);
    ns.iter()
        .zip(seconds.iter().zip(local))
        .map(|(&n, (&s, l))| if n == NAT { NAT } else { n.saturating_add((l - s).saturating_mul(NANOS)) })
        .collect()
}

fn series_of_instants<'py>(
    py: Python<'py>,
    ns: &[i64],
    like: &Bound<'py, PyAny>,
    tz: Tz,
) -> PyResult<Bound<'py, PyAny>> {
    columns_module(py)?.call_method1(intern!(py, "series_of_instants"), (nanos_bytes(py, ns)?, like, tz.name()))
}

/// A wall-clock time in a zone as an aware datetime, resolving DST gaps and folds; a
/// pandas Series, NumPy datetime64 array or Arrow array of wall times gives the same
/// kind of instants back, every row that cannot be resolved reported at once.
#[pyfunction]
#[pyo3(signature = (naive, zone, disambiguation="compatible"))]
pub(crate) fn from_local<'py>(
    py: Python<'py>,
    naive: &Bound<'py, PyAny>,
    zone: &Bound<'py, PyAny>,
    disambiguation: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let tz = zone_arg(py, zone)?;
    let d = disambiguation.parse::<core::Disambiguation>().py_err(py)?;
    if PyString::is_type_of(naive) || naive.is_instance_of::<PyDateTime>() {
        refuse_aware(naive)?;
        let t = core::zone::from_local(naive_arg(naive)?, tz, d).py_err(py)?;
        return aware(py, t.with_timezone(&Utc), tz);
    }
    match column_kind(naive)? {
        Some(ColumnKind::Series { aware: true, .. }) => Err(PyValueError::new_err(
            "from_local takes wall-clock times; this Series is aware: use kix.to_local(series, zone)",
        )),
        Some(ColumnKind::Series { datetimes, .. }) => {
            let walls = if datetimes {
                nanos_of(py, &naive.getattr(intern!(py, "values"))?)?
            } else {
                walls_of_cells(py, naive)?
            };
            let index = naive.getattr(intern!(py, "index"))?;
            // A refused row is named by its label, read only for such rows.
            let label = |i: usize| -> String { index.get_item(i).map_or_else(|_| i.to_string(), |l| l.to_string()) };
            let utc = resolve_walls(py, &walls, tz, d, label)?;
            series_of_instants(py, &utc, naive, tz)
        }
        Some(ColumnKind::Numpy) => {
            let walls = nanos_of(py, naive)?;
            let utc = resolve_walls(py, &walls, tz, d, |i| i.to_string())?;
            columns_module(py)?.call_method1(intern!(py, "numpy_datetimes"), (nanos_bytes(py, &utc)?,))
        }
        Some(ColumnKind::Arrow) => arrow::from_local(py, naive, tz, d),
        None => {
            let t = core::zone::from_local(naive_arg(naive)?, tz, d).py_err(py)?;
            aware(py, t.with_timezone(&Utc), tz)
        }
    }
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
