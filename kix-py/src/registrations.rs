//! Registrations: records (dicts or a DataFrame) validated against an event, and anonymised.

use std::collections::BTreeMap;
use std::sync::Arc;

use kix_core as core;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::type_object::PyTypeInfo;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyList, PyString};

use crate::convert::{from_py_json, instant_arg, to_dict, type_name};
use crate::errors::IntoPyResult;
use crate::events::Event;
use crate::hub::Hub;
use crate::table::{html_table, records_to_pandas};
use crate::violation::violations_list;

/// The verdict on one registration.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct RegistrationOutcome {
    inner: core::RegistrationOutcome,
}

#[pymethods]
impl RegistrationOutcome {
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.as_str()
    }
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        violations_list(py, &self.inner.violations)
    }
    #[getter]
    fn codes(&self) -> Vec<&'static str> {
        self.inner.violations.iter().map(|v| v.code.as_str()).collect()
    }
    #[getter]
    fn country(&self) -> Option<String> {
        self.inner.country.map(|c| c.to_string())
    }
    #[getter]
    fn subdivision(&self) -> Option<&str> {
        self.inner.subdivision.as_deref()
    }
    #[getter]
    fn email(&self) -> Option<&str> {
        self.inner.email.as_deref()
    }
    #[getter]
    fn accepted(&self) -> bool {
        self.inner.is_accepted()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("<RegistrationOutcome {} {:?}>", self.inner.status.as_str(), self.codes())
    }
}

/// Outcomes of a batch, in input order, labelled with the input's own index:
/// a sequence of RegistrationOutcome with columnar exports.
#[pyclass(module = "kix._kix", frozen, sequence)]
pub(crate) struct RegistrationOutcomes {
    pub(crate) inner: Vec<core::RegistrationOutcome>,
    pub(crate) index: Vec<Py<PyAny>>,
    pub(crate) records: Vec<core::Registration>,
    pub(crate) event: core::Event,
    pub(crate) hub: Arc<core::Hub>,
}

/// The fields an outcome's errors name, in order, each once.
fn failing_fields(o: &core::RegistrationOutcome) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for v in o.violations.iter().filter(|v| v.is_error()) {
        let field = if v.path.is_empty() { "(record)" } else { v.path.as_str() };
        if !out.contains(&field) {
            out.push(field);
        }
    }
    out
}

impl RegistrationOutcomes {
    fn status_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for o in &self.inner {
            *out.entry(o.status.as_str()).or_insert(0) += 1;
        }
        out
    }

    fn labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.index.iter().map(|i| i.clone_ref(py)))
    }
}

#[pymethods]
impl RegistrationOutcomes {
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<RegistrationOutcome> {
        let n = self.inner.len() as isize;
        let i = if index < 0 { index + n } else { index };
        usize::try_from(i)
            .ok()
            .and_then(|i| self.inner.get(i))
            .map(|o| RegistrationOutcome { inner: o.clone() })
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("index out of range"))
    }
    /// The input's own labels: a DataFrame's index, each record's `row`, or positions.
    #[getter]
    fn index<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.labels(py)
    }
    /// Counts per status as a dict; with `by`, a tidy DataFrame of counts by
    /// status, code, country, sub_region, partner, audience or language.
    #[pyo3(signature = (by=None))]
    fn counts<'py>(&self, py: Python<'py>, by: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let Some(by) = by else { return Ok(self.status_counts().into_pyobject(py)?.into_any()) };
        let key = by.parse::<core::attendance::OutcomeKey>().py_err(py)?;
        let counts = core::attendance::count_outcomes(&self.hub, &self.event, &self.records, &self.inner, key);
        let d = PyDict::new(py);
        d.set_item(by, PyList::new(py, counts.iter().map(|(k, _)| k.as_deref()))?)?;
        d.set_item("registrations", PyList::new(py, counts.iter().map(|(_, n)| *n))?)?;
        records_to_pandas(py, d.into_any())
    }
    /// Columns: index, status, country, codes and fields (";"-joined), as a dict of lists.
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("index", self.labels(py)?)?;
        d.set_item("status", PyList::new(py, self.inner.iter().map(|o| o.status.as_str()))?)?;
        d.set_item("country", PyList::new(py, self.inner.iter().map(|o| o.country.map(|c| c.to_string())))?)?;
        let codes =
            self.inner.iter().map(|o| o.violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>().join(";"));
        d.set_item("codes", PyList::new(py, codes)?)?;
        d.set_item("fields", PyList::new(py, self.inner.iter().map(|o| failing_fields(o).join(";")))?)?;
        Ok(d)
    }
    /// One dict per record: index, status, country, codes and fields (lists).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for (o, label) in self.inner.iter().zip(&self.index) {
            let d = PyDict::new(py);
            d.set_item("index", label.clone_ref(py))?;
            d.set_item("status", o.status.as_str())?;
            d.set_item("country", o.country.map(|c| c.to_string()))?;
            d.set_item("codes", o.violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>())?;
            d.set_item("fields", failing_fields(o))?;
            out.append(d)?;
        }
        Ok(out)
    }
    /// A DataFrame indexed like the input (status, country, codes, fields), so
    /// that `frame.join(outcomes.to_pandas())` lines up on a filtered frame.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let columns = self.to_columns(py)?;
        columns.del_item("index")?;
        let pandas = py.import("pandas")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("index", pandas.getattr("Index")?.call1((self.labels(py)?,))?)?;
        pandas.getattr("DataFrame")?.call((columns,), Some(&kwargs))
    }
    /// One row per violation: index, code, severity, field, message, params.
    fn violations_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = PyList::empty(py);
        for (o, label) in self.inner.iter().zip(&self.index) {
            for v in &o.violations {
                let d = PyDict::new(py);
                d.set_item("index", label.clone_ref(py))?;
                d.set_item("code", v.code.as_str())?;
                d.set_item("severity", v.severity.as_str())?;
                d.set_item("field", &v.path)?;
                d.set_item("message", &v.message)?;
                d.set_item("params", to_dict(py, &v.params)?)?;
                rows.append(d)?;
            }
        }
        let pandas = py.import("pandas").map_err(|_| {
            PyErr::new::<pyo3::exceptions::PyImportError, _>("violations_frame() needs pandas: pip install pandas")
        })?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", ["index", "code", "severity", "field", "message", "params"])?;
        pandas.getattr("DataFrame")?.call((rows,), Some(&kwargs))
    }
    fn _repr_html_(&self) -> String {
        let counts = self.status_counts();
        let cells: Vec<Vec<String>> = counts.iter().map(|(k, v)| vec![(*k).to_owned(), v.to_string()]).collect();
        html_table(&["status", "registrations"], &cells)
    }
    fn __repr__(&self) -> String {
        format!("<RegistrationOutcomes of {} records: {:?}>", self.inner.len(), self.status_counts())
    }
}

/// Whether a cell is missing: None, a float NaN, or pandas' NA / NaT. Exact
/// types first: a str is never missing, and nothing is probed by raising.
pub(crate) fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    if v.is_none() {
        return true;
    }
    if PyString::is_type_of(v) || PyBool::is_type_of(v) {
        return false;
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // pandas' missing markers, by name: importing pandas to compare types would cost more.
    matches!(type_name(v).as_str(), "NAType" | "NaTType")
}

/// A str as Rust text; a lone surrogate (Python allows them) becomes U+FFFD,
/// which the registration rules report on the record.
pub(crate) fn text_of(s: &Bound<'_, PyString>) -> String {
    match s.to_cow() {
        Ok(text) => text.into_owned(),
        Err(_) => s.to_string_lossy().into_owned(),
    }
}

/// What a cell of the wrong kind is shown as in its violation.
fn shown(v: &Bound<'_, PyAny>) -> String {
    v.str().map(|s| text_of(&s)).unwrap_or_else(|_| "?".to_owned())
}

/// A text field of a record: str, or a missing cell as absent; anything else
/// is a violation of the record (`registration.invalid_value`).
fn text_field(value: Option<Bound<'_, PyAny>>, field: &str, found: &mut Vec<core::Violation>) -> Option<String> {
    let v = value?;
    if let Ok(s) = v.cast::<PyString>() {
        return Some(text_of(s));
    }
    if !is_missing(&v) {
        found.push(core::registration::invalid_value(field, &type_name(&v), &shown(&v)));
    }
    None
}

fn consent_field(value: Option<Bound<'_, PyAny>>, found: &mut Vec<core::Violation>) -> Option<bool> {
    let v = value?;
    // Only real booleans (Python's and numpy's): 1.5 or "yes" are not consent.
    if let Ok(b) = v.cast::<PyBool>() {
        return Some(b.is_true());
    }
    if type_name(&v) == "bool_" {
        return v.is_truthy().ok();
    }
    if !is_missing(&v) {
        let kind = if PyString::is_type_of(&v) { "text".to_owned() } else { type_name(&v) };
        found.push(core::registration::invalid_value("consent", &kind, &shown(&v)));
    }
    None
}

fn submitted_field(value: Option<Bound<'_, PyAny>>, found: &mut Vec<core::Violation>) -> Option<String> {
    let v = value?;
    if v.is_instance_of::<PyDateTime>() && !is_missing(&v) {
        return match instant_arg(&v) {
            Ok(t) => Some(t.to_rfc3339()),
            Err(_) => {
                found.push(core::registration::invalid_value("submitted_at", "naive datetime", &shown(&v)));
                None
            }
        };
    }
    text_field(Some(v), "submitted_at", found)
}

/// A record as a registration and the problems of its cells. A record that
/// is no mapping at all is one problem of the whole record.
pub(crate) fn registration_from(record: &Bound<'_, PyAny>) -> PyResult<(core::Registration, Vec<core::Violation>)> {
    let mut found = Vec::new();
    let dict = record.cast::<PyDict>().ok();
    if dict.is_none() && !record.hasattr(intern!(record.py(), "keys"))? {
        found.push(core::registration::invalid_value("", &type_name(record), &shown(record)));
        return Ok((core::Registration::default(), found));
    }
    let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        if let Some(d) = dict {
            return d.get_item(k);
        }
        match record.get_item(k) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance_of::<PyKeyError>(record.py()) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let registration = core::Registration {
        full_name: text_field(get("full_name")?, "full_name", &mut found),
        email: text_field(get("email")?, "email", &mut found),
        country: text_field(get("country")?, "country", &mut found),
        organisation: text_field(get("organisation")?, "organisation", &mut found),
        audience: text_field(get("audience")?, "audience", &mut found),
        language: text_field(get("language")?, "language", &mut found),
        consent: consent_field(get("consent")?, &mut found),
        submitted_at: submitted_field(get("submitted_at")?, &mut found),
    };
    Ok((registration, found))
}

/// Records read for a batch: the registrations, each one's cell problems, and
/// each one's label (the DataFrame's index, a record's `row`, or its position).
pub(crate) struct Records {
    pub(crate) registrations: Vec<core::Registration>,
    pub(crate) found: Vec<Vec<core::Violation>>,
    pub(crate) index: Vec<Py<PyAny>>,
}

fn is_frame(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.hasattr(intern!(obj.py(), "columns"))? && obj.hasattr(intern!(obj.py(), "to_dict"))?)
}

/// Records: an iterable of mappings (a `kix.Table` from `read_registrations`
/// too), or a pandas DataFrame (read column by column).
pub(crate) fn records_from(py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Records> {
    let mut out = Records { registrations: Vec::new(), found: Vec::new(), index: Vec::new() };
    let push = |out: &mut Records, row: &Bound<'_, PyAny>, label: Py<PyAny>| -> PyResult<()> {
        let (r, f) = registration_from(row)?;
        out.registrations.push(r);
        out.found.push(f);
        out.index.push(label);
        Ok(())
    };
    if is_frame(records)? {
        let columns = records.call_method1("to_dict", ("list",))?;
        let labels = records.getattr("index")?.call_method0("tolist")?.cast_into::<PyList>()?;
        let cols: Vec<Option<Bound<'_, PyList>>> = core::exports::REGISTRATION_FIELDS
            .iter()
            .map(|f| columns.get_item(f).ok().and_then(|c| c.cast_into::<PyList>().ok()))
            .collect();
        for (i, label) in labels.iter().enumerate() {
            let row = PyDict::new(py);
            for (field, col) in core::exports::REGISTRATION_FIELDS.iter().zip(&cols) {
                if let Some(col) = col {
                    row.set_item(field, col.get_item(i)?)?;
                }
            }
            push(&mut out, row.as_any(), label.unbind())?;
        }
        return Ok(out);
    }
    if records.is_instance_of::<PyString>() || records.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err("records must be an iterable of dicts or a pandas DataFrame"));
    }
    let iter = records
        .try_iter()
        .map_err(|_| PyTypeError::new_err("records must be an iterable of dicts or a pandas DataFrame"))?;
    for (i, item) in iter.enumerate() {
        let item = item?;
        let label = match item.cast::<PyDict>().ok().map(|d| d.get_item("row")).transpose()?.flatten() {
            Some(row) => row.unbind(),
            None => i.into_pyobject(py)?.into_any().unbind(),
        };
        push(&mut out, &item, label)?;
    }
    Ok(out)
}

/// Registrations only, for calls that have no rows to report on (anonymize).
fn registrations_from(py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Vec<core::Registration>> {
    let read = records_from(py, records)?;
    if let Some(v) = read.found.iter().flatten().next() {
        return Err(PyTypeError::new_err(v.message.clone()));
    }
    Ok(read.registrations)
}

fn held_from(py: Python<'_>, existing: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<core::HeldRegistration>> {
    let Some(existing) = existing else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for item in existing
        .try_iter()
        .map_err(|_| PyTypeError::new_err("existing must be an iterable of dicts with email and status"))?
    {
        let item = item?;
        if item.is_instance_of::<RegistrationOutcome>() {
            return Err(PyTypeError::new_err("existing takes dicts {email, status}, not outcomes"));
        }
        out.push(from_py_json(py, "held registration", &item)?);
    }
    Ok(out)
}

/// Validates one registration against an event and the registrations already held.
#[pyfunction]
#[pyo3(signature = (event, record, existing=None, now=None, hub=None))]
pub(crate) fn validate_registration(
    py: Python<'_>,
    event: &Bound<'_, Event>,
    record: &Bound<'_, PyAny>,
    existing: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    hub: Option<&Bound<'_, Hub>>,
) -> PyResult<RegistrationOutcome> {
    let e = event.get();
    let hub = e.hub_or(hub);
    // One record: a cell of the wrong kind is a programming error, raised with the field named.
    let (record, found) = registration_from(record)?;
    if let Some(v) = found.first() {
        // A naive datetime is of the right type with a value that is no instant.
        return Err(if v.path == "submitted_at" && v.params.get("kind").is_some_and(|k| k == "naive datetime") {
            PyValueError::new_err(v.message.clone())
        } else {
            PyTypeError::new_err(v.message.clone())
        });
    }
    let held = held_from(py, existing)?;
    let now = now.map(instant_arg).transpose()?;
    core::validate_registration(&hub, &e.inner, &record, &held, now)
        .map(|inner| RegistrationOutcome { inner })
        .py_err(py)
}

/// Validates many registrations in order in one pass (the GIL is released while the core works).
#[pyfunction]
#[pyo3(signature = (event, records, existing=None, now=None, hub=None))]
pub(crate) fn validate_registrations(
    py: Python<'_>,
    event: &Bound<'_, Event>,
    records: &Bound<'_, PyAny>,
    existing: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    hub: Option<&Bound<'_, Hub>>,
) -> PyResult<RegistrationOutcomes> {
    let e = event.get();
    let hub = e.hub_or(hub);
    let read = records_from(py, records)?;
    let held = held_from(py, existing)?;
    let now = now.map(instant_arg).transpose()?;
    let event = &e.inner;
    let (registrations, found) = (&read.registrations, &read.found);
    let outcomes = py
        .detach(|| core::registration::validate_batch_read(&hub, event, registrations, found, &held, now))
        .py_err(py)?;
    Ok(RegistrationOutcomes {
        inner: outcomes,
        index: read.index,
        records: read.registrations,
        event: event.clone(),
        hub,
    })
}

/// Replaces names and e-mails with salted, stable pseudonyms (duplicates stay
/// detectable). Returns a copy: a DataFrame for a DataFrame, else a list of dicts
/// with every other key kept.
#[pyfunction]
pub(crate) fn anonymize<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    salt: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let salt: Vec<u8> = if let Ok(s) = salt.cast::<PyString>() {
        s.to_cow()?.as_bytes().to_vec()
    } else if let Ok(b) = salt.cast::<pyo3::types::PyBytes>() {
        b.as_bytes().to_vec()
    } else {
        return Err(PyTypeError::new_err("salt must be str or bytes"));
    };
    let frame = records.hasattr("columns")? && records.hasattr("to_dict")?;
    // Read an iterable once: a generator cannot be read twice.
    let records = if frame {
        records.clone()
    } else {
        PyList::new(py, records.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.into_any()
    };
    let parsed = registrations_from(py, &records)?;
    let anon = py.detach(|| core::registration::anonymize(&parsed, &salt)).py_err(py)?;
    let names: Vec<Option<String>> = anon.iter().map(|r| r.full_name.clone()).collect();
    let emails: Vec<Option<String>> = anon.iter().map(|r| r.email.clone()).collect();
    if frame {
        let frame = records.call_method0("copy")?;
        let columns = frame.getattr("columns")?;
        if columns.contains("full_name")? {
            frame.set_item("full_name", names)?;
        }
        if columns.contains("email")? {
            frame.set_item("email", emails)?;
        }
        return Ok(frame);
    }
    let out = PyList::empty(py);
    for (i, item) in records.try_iter()?.enumerate() {
        let d = PyDict::new(py);
        d.call_method1("update", (item?,))?;
        if d.contains("full_name")? {
            d.set_item("full_name", names.get(i).cloned().flatten())?;
        }
        if d.contains("email")? {
            d.set_item("email", emails.get(i).cloned().flatten())?;
        }
        out.append(d)?;
    }
    Ok(out.into_any())
}
