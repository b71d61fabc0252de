//! Registrations: records (dicts or a DataFrame) validated against an event, and anonymised.

use kix_core as core;
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList, PyString};

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

/// Outcomes of a batch, in input order: a sequence of RegistrationOutcome with columnar exports.
#[pyclass(module = "kix._kix", frozen, sequence)]
pub(crate) struct RegistrationOutcomes {
    inner: Vec<core::RegistrationOutcome>,
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
    /// Counts per status.
    fn counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut out = std::collections::BTreeMap::new();
        for o in &self.inner {
            *out.entry(o.status.as_str()).or_insert(0) += 1;
        }
        out
    }
    /// Columns: index, status, country, codes (";"-joined), as a dict of lists.
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("index", PyList::new(py, 0..self.inner.len())?)?;
        d.set_item("status", PyList::new(py, self.inner.iter().map(|o| o.status.as_str()))?)?;
        d.set_item("country", PyList::new(py, self.inner.iter().map(|o| o.country.map(|c| c.to_string())))?)?;
        let codes =
            self.inner.iter().map(|o| o.violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>().join(";"));
        d.set_item("codes", PyList::new(py, codes)?)?;
        Ok(d)
    }
    /// One dict per record: index, status, country, codes (a list).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for (i, o) in self.inner.iter().enumerate() {
            let d = PyDict::new(py);
            d.set_item("index", i)?;
            d.set_item("status", o.status.as_str())?;
            d.set_item("country", o.country.map(|c| c.to_string()))?;
            d.set_item("codes", o.violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>())?;
            out.append(d)?;
        }
        Ok(out)
    }
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        records_to_pandas(py, self.to_columns(py)?.into_any())
    }
    fn _repr_html_(&self) -> String {
        let counts = self.counts();
        let cells: Vec<Vec<String>> = counts.iter().map(|(k, v)| vec![(*k).to_owned(), v.to_string()]).collect();
        html_table(&["status", "registrations"], &cells)
    }
    fn __repr__(&self) -> String {
        format!("<RegistrationOutcomes of {} records: {:?}>", self.inner.len(), self.counts())
    }
}

const REGISTRATION_FIELDS: [&str; 8] =
    ["full_name", "email", "country", "organisation", "audience", "language", "consent", "submitted_at"];

/// Whether a cell is missing: None, a float NaN, or pandas' NA / NaT.
fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    v.is_none()
        || v.extract::<f64>().is_ok_and(f64::is_nan) && !v.is_instance_of::<pyo3::types::PyBool>()
        || matches!(type_name(v).as_str(), "NAType" | "NaTType")
}

/// A text field of a record: str, or a missing cell as absent.
fn text_field(value: Option<Bound<'_, PyAny>>, field: &str) -> PyResult<Option<String>> {
    let Some(v) = value else { return Ok(None) };
    if is_missing(&v) {
        return Ok(None);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Some(s.to_cow()?.into_owned()));
    }
    Err(PyTypeError::new_err(format!("{field} must be a str or None, not {}", type_name(&v))))
}

fn registration_from(record: &Bound<'_, PyAny>) -> PyResult<core::Registration> {
    let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match record.get_item(k) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance_of::<PyKeyError>(record.py()) => Ok(None),
            Err(e) => Err(e),
        }
    };
    if !record.hasattr("keys")? {
        return Err(PyTypeError::new_err(format!(
            "a registration must be a mapping (dict), not {}",
            type_name(record)
        )));
    }
    let consent = match get("consent")? {
        None => None,
        Some(v) if is_missing(&v) => None,
        // Only real booleans (Python's and numpy's): 1.5 or "yes" are not consent.
        Some(v) if v.is_instance_of::<pyo3::types::PyBool>() || type_name(&v) == "bool_" => Some(v.is_truthy()?),
        Some(v) => return Err(PyTypeError::new_err(format!("consent must be a bool, not {}", type_name(&v)))),
    };
    let submitted_at = match get("submitted_at")? {
        Some(v) if v.is_instance_of::<PyDateTime>() && !is_missing(&v) => Some(instant_arg(&v)?.to_rfc3339()),
        other => text_field(other, "submitted_at")?,
    };
    Ok(core::Registration {
        full_name: text_field(get("full_name")?, "full_name")?,
        email: text_field(get("email")?, "email")?,
        country: text_field(get("country")?, "country")?,
        organisation: text_field(get("organisation")?, "organisation")?,
        audience: text_field(get("audience")?, "audience")?,
        language: text_field(get("language")?, "language")?,
        consent,
        submitted_at,
    })
}

/// Records: an iterable of mappings, or a pandas DataFrame (read column by column).
fn registrations_from(py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Vec<core::Registration>> {
    if records.hasattr("columns")? && records.hasattr("to_dict")? {
        let columns = records.call_method1("to_dict", ("list",))?;
        let n: usize = records.len()?;
        let mut out = Vec::with_capacity(n);
        let cols: Vec<Option<Bound<'_, PyList>>> = REGISTRATION_FIELDS
            .iter()
            .map(|f| columns.get_item(f).ok().and_then(|c| c.cast_into::<PyList>().ok()))
            .collect();
        for i in 0..n {
            let row = PyDict::new(py);
            for (field, col) in REGISTRATION_FIELDS.iter().zip(&cols) {
                if let Some(col) = col {
                    row.set_item(field, col.get_item(i)?)?;
                }
            }
            out.push(registration_from(row.as_any())?);
        }
        return Ok(out);
    }
    if records.is_instance_of::<PyString>() || records.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err("records must be an iterable of dicts or a pandas DataFrame"));
    }
    let iter = records
        .try_iter()
        .map_err(|_| PyTypeError::new_err("records must be an iterable of dicts or a pandas DataFrame"))?;
    let mut out = Vec::new();
    for item in iter {
        out.push(registration_from(&item?)?);
    }
    Ok(out)
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
    let record = registration_from(record)?;
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
    let records = registrations_from(py, records)?;
    let held = held_from(py, existing)?;
    let now = now.map(instant_arg).transpose()?;
    let event = &e.inner;
    let outcomes = py.detach(|| core::validate_batch(&hub, event, &records, &held, now)).py_err(py)?;
    Ok(RegistrationOutcomes { inner: outcomes })
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
