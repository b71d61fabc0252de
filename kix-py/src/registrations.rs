//! Registrations: records (dicts or a DataFrame) validated against an event, and anonymised.

use std::collections::BTreeMap;
use std::slice;
use std::sync::Arc;

use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::answers::Answers;
use crate::batch::{Progress, between_chunks};
use crate::classes::{Event, Hub, RegistrationOutcomes};
use crate::convert::{from_py_json, instant_arg, occurrence_arg};
use crate::errors::IntoPyResult;
use crate::json::to_dict;
use crate::outcomes::{Kept, Outcomes};
use crate::records::{ARROW_CHUNK, ArrowRows, Source, for_each_chunk_ahead, records_from, registration_from};
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

/// Outcomes counted at a time by `counts(by=…)`, built as kix-core's for its rules.
const COUNT_BLOCK: usize = 4096;

/// An outcome's codes, `;`-joined.
fn codes(violations: &[Kept]) -> String {
    violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>().join(";")
}

/// The fields an outcome's errors name, in order, each once.
fn failing_fields<'o>(outcomes: &'o Outcomes, violations: &[Kept]) -> Vec<&'o str> {
    let mut out: Vec<&str> = Vec::new();
    for v in violations.iter().filter(|v| v.is_error()) {
        let path = outcomes.path(v);
        let field = if path.is_empty() { "(record)" } else { path };
        if !out.contains(&field) {
            out.push(field);
        }
    }
    out
}

impl RegistrationOutcomes {
    /// status, country, codes and fields as an Arrow table (what `to_pandas` shows, without the index).
    fn arrow_table(&self) -> PyResult<pyo3_arrow::PyTable> {
        use arrow_array::{ArrayRef, RecordBatch, StringArray};
        let o = &self.inner;
        let country = |c: &Option<core::CountryCode>| c.map(|c| c.to_string());
        let batch = RecordBatch::try_from_iter([
            ("status", Arc::new(o.statuses().iter().map(|s| Some(s.as_str())).collect::<StringArray>()) as ArrayRef),
            ("country", Arc::new(o.countries().iter().map(country).collect::<StringArray>())),
            ("codes", Arc::new(o.each_violations().map(|v| Some(codes(v))).collect::<StringArray>())),
            (
                "fields",
                Arc::new(o.each_violations().map(|v| Some(failing_fields(o, v).join(";"))).collect::<StringArray>()),
            ),
        ])
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let schema = batch.schema();
        pyo3_arrow::PyTable::try_new(vec![batch], schema)
    }

    fn status_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for s in self.inner.statuses() {
            *out.entry(s.as_str()).or_insert(0) += 1;
        }
        out
    }

    fn labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.labels.to_list(py)
    }

    /// The counts by a key (split by status when `by_status`), read a block of outcomes at a
    /// time; the core counts and orders them.
    fn count_by(
        &self,
        records: &[core::Registration],
        key: core::attendance::OutcomeKey,
        by_status: bool,
    ) -> Vec<(Option<String>, Option<&'static str>, usize)> {
        let mut counter = core::attendance::OutcomeCounter::new(key, by_status);
        let len = self.inner.len();
        for start in (0..len).step_by(COUNT_BLOCK) {
            let rows = start..len.min(start + COUNT_BLOCK);
            let block_records = records.get(rows.clone()).unwrap_or_default();
            counter.add(&self.hub, &self.event, block_records, &self.inner.to_vec(rows));
        }
        counter.rows()
    }

    /// The records a key needs (the answers for audience and language, none for the others).
    fn records_for(&self, py: Python<'_>, key: core::attendance::OutcomeKey) -> PyResult<Vec<core::Registration>> {
        match key {
            core::attendance::OutcomeKey::Audience | core::attendance::OutcomeKey::Language => {
                self.answers.registrations(py)
            }
            _ => Ok(Vec::new()),
        }
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
            .map(|inner| RegistrationOutcome { inner })
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("index out of range"))
    }
    /// The input's own labels: a DataFrame's index, each record's `row`, or positions.
    #[getter]
    fn index<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.labels(py)
    }
    /// Counts per status as a dict; with `by`, a tidy DataFrame of counts by
    /// status, code, country, sub_region, partner, audience or language; with
    /// `by=(key, "status")`, the counts of every group split by status (for
    /// stacked bars), one row per group and status that has records.
    #[pyo3(signature = (by=None))]
    fn counts<'py>(&self, py: Python<'py>, by: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let Some(by) = by else { return Ok(self.status_counts().into_pyobject(py)?.into_any()) };
        if let Ok(name) = by.cast::<PyString>() {
            let name = name.to_str()?;
            let key = name.parse::<core::attendance::OutcomeKey>().py_err(py)?;
            let counts = self.count_by(&self.records_for(py, key)?, key, false);
            let d = PyDict::new(py);
            d.set_item(name, PyList::new(py, counts.iter().map(|(k, _, _)| k.as_deref()))?)?;
            d.set_item("registrations", PyList::new(py, counts.iter().map(|(_, _, n)| *n))?)?;
            return records_to_pandas(py, d.into_any());
        }
        let pair: Vec<String> = by
            .extract()
            .map_err(|_| PyTypeError::new_err("by must be a key such as \"country\" or a pair (key, \"status\")"))?;
        let name = match pair.as_slice() {
            [key, status] if status == "status" && key != "status" => key.clone(),
            _ => {
                return Err(PyValueError::new_err(
                    "by as a pair must be (key, \"status\"), such as (\"sub_region\", \"status\")",
                ));
            }
        };
        let key = name.parse::<core::attendance::OutcomeKey>().py_err(py)?;
        let counts = self.count_by(&self.records_for(py, key)?, key, true);
        let (mut keys, mut statuses, mut numbers) = (Vec::new(), Vec::new(), Vec::new());
        for (group, status, n) in counts {
            keys.push(group);
            statuses.push(status);
            numbers.push(n);
        }
        let d = PyDict::new(py);
        d.set_item(name.as_str(), PyList::new(py, keys)?)?;
        d.set_item("status", PyList::new(py, statuses)?)?;
        d.set_item("registrations", PyList::new(py, numbers)?)?;
        records_to_pandas(py, d.into_any())
    }
    /// Columns: index, status, country, codes and fields (";"-joined), as a dict of lists.
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("index", self.labels(py)?)?;
        let o = &self.inner;
        d.set_item("status", PyList::new(py, o.statuses().iter().map(|s| s.as_str()))?)?;
        d.set_item("country", PyList::new(py, o.countries().iter().map(|c| c.map(|c| c.to_string())))?)?;
        d.set_item("codes", PyList::new(py, o.each_violations().map(codes))?)?;
        d.set_item("fields", PyList::new(py, o.each_violations().map(|v| failing_fields(o, v).join(";")))?)?;
        Ok(d)
    }
    /// One dict per record: index, status, country, codes and fields (lists).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        let o = &self.inner;
        let rows = o.statuses().iter().zip(o.countries()).zip(o.each_violations());
        for (((status, country), violations), label) in rows.zip(self.labels(py)?.iter()) {
            let d = PyDict::new(py);
            d.set_item("index", label)?;
            d.set_item("status", status.as_str())?;
            d.set_item("country", country.map(|c| c.to_string()))?;
            d.set_item("codes", violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>())?;
            d.set_item("fields", failing_fields(o, violations))?;
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
        kwargs.set_item("index", self.labels.to_pandas_index(py)?)?;
        pandas.getattr("DataFrame")?.call((columns,), Some(&kwargs))
    }
    /// The outcomes as a `pyarrow.Table` (needs pyarrow): index, status, country, codes, fields.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pyarrow = py.import(intern!(py, "pyarrow")).map_err(|_| {
            PyErr::new::<pyo3::exceptions::PyImportError, _>("to_arrow() needs pyarrow: pip install pyarrow")
        })?;
        let table = pyarrow.getattr(intern!(py, "table"))?.call1((self.arrow_table()?,))?;
        let labels = self.labels(py)?;
        let index = match pyarrow.getattr(intern!(py, "array"))?.call1((&labels,)) {
            Ok(index) => index,
            // Labels Arrow cannot type (tuples of a MultiIndex): their text.
            Err(_) => pyarrow
                .getattr(intern!(py, "array"))?
                .call1((PyList::new(py, labels.iter().map(|l| l.str()).collect::<PyResult<Vec<_>>>()?)?,))?,
        };
        table.call_method1(intern!(py, "add_column"), (0, "index", index))
    }
    /// The outcomes as a `polars.DataFrame` (needs polars): index, status, country, codes, fields.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let polars = py.import(intern!(py, "polars")).map_err(|_| {
            PyErr::new::<pyo3::exceptions::PyImportError, _>("to_polars() needs polars: pip install polars")
        })?;
        let frame = polars.getattr(intern!(py, "DataFrame"))?.call1((self.arrow_table()?,))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "strict"), false)?;
        let index = polars.getattr(intern!(py, "Series"))?.call(("index", self.labels(py)?), Some(&kwargs))?;
        frame.call_method1(intern!(py, "insert_column"), (0, index))
    }
    /// One row per violation: index, code, severity, field, message, params.
    fn violations_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = PyList::empty(py);
        for (violations, label) in self.inner.each_violations().zip(self.labels(py)?.iter()) {
            for v in violations.iter().map(|v| self.inner.violation(v)) {
                let d = PyDict::new(py);
                d.set_item("index", &label)?;
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
        out.push(from_py_json(py, "held registration", &with_occurrence_text(&item)?)?);
    }
    Ok(out)
}

/// A held registration whose `occurrence` is a naive datetime, with it as ISO text (as JSON
/// reads it); anything else as it is.
fn with_occurrence_text<'py>(item: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let Ok(dict) = item.cast::<PyDict>() else { return Ok(item.clone()) };
    let Some(occurrence) = dict.get_item("occurrence")? else { return Ok(item.clone()) };
    if !occurrence.is_instance_of::<pyo3::types::PyDateTime>() {
        return Ok(item.clone());
    }
    let wall = occurrence_arg(&occurrence)?;
    let copy = dict.copy()?;
    copy.set_item("occurrence", wall.format("%Y-%m-%dT%H:%M:%S%.f").to_string())?;
    Ok(copy.into_any())
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
        // A naive datetime is of the right type with a value that is no instant (an aware one
        // or unreadable text no occurrence's wall time).
        let kind = v.params.get("kind").and_then(|k| k.as_str()).unwrap_or_default();
        let wrong_value = match v.path.as_str() {
            "submitted_at" => kind == "naive datetime",
            "occurrence" => kind == "aware datetime" || kind == "text",
            _ => false,
        };
        return Err(if wrong_value {
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

/// Validates many registrations in order in one pass, a chunk at a time with the GIL
/// released while the core works; Ctrl-C stops it between chunks.
#[pyfunction]
#[pyo3(signature = (event, records, existing=None, now=None, hub=None, *, progress=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn validate_registrations(
    py: Python<'_>,
    event: &Bound<'_, Event>,
    records: &Bound<'_, PyAny>,
    existing: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    hub: Option<&Bound<'_, Hub>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<RegistrationOutcomes> {
    let e = event.get();
    let hub = e.hub_or(hub);
    let held = held_from(py, existing)?;
    let now = now.map(instant_arg).transpose()?;
    let source = Source::of(records)?;
    let total = source.total();
    let mut progress = Progress::of(py, progress, total)?;
    let event = &e.inner;
    let mut desk = core::RegistrationDesk::new(&hub, event, &held).py_err(py)?;
    desk.reserve(total.unwrap_or(0));
    // A frame's object column of addresses is copied once into Arrow, which the desk reads again
    // on its threads (unless its keys also name occurrences, which the copy does not hold).
    let email_copy = if desk.keys_name_occurrences() { None } else { source.email_copy(py)? };
    let email_column = source.email_column().or_else(|| email_copy.as_ref().map(|b| ArrowRows::of(slice::from_ref(b))));
    // Each chunk's outcomes, as kix-core gives them, go into the columns at once.
    let mut outcomes = Outcomes::with_capacity(total.unwrap_or(0), email_column);
    let mut chunk = Vec::new();
    let mut answers = source.answer_columns().map_or_else(Answers::default, Answers::deferred);
    let read = match (source.into_arrow(), email_copy) {
        // Arrow data stays where it is to the end: the desk keeps its addresses as row numbers.
        (Ok((rows, labels)), _) => {
            let mut run = desk.validate_source(&rows, now);
            loop {
                let n = py.detach(|| {
                    let n = run.validate_next(ARROW_CHUNK, &mut chunk);
                    outcomes.append(&mut chunk);
                    n
                });
                if n == 0 {
                    break Ok((labels, outcomes.len()));
                }
                if let Err(e) = between_chunks(py, &mut progress, outcomes.len(), n) {
                    break Err(e);
                }
            }
        }
        // Python objects, read a chunk at a time under the GIL, their addresses from the copy.
        (Err(source), Some(copy)) => {
            let addresses = ArrowRows::of(slice::from_ref(&copy));
            let mut run = desk.validate_source(&addresses, now);
            // The next chunk is read while the core's other threads check this one.
            for_each_chunk_ahead(py, source, |rows, ahead| {
                run.validate_next_from_alongside(rows, &mut chunk, ahead);
                py.detach(|| outcomes.append(&mut chunk));
                answers.record(rows);
                between_chunks(py, &mut progress, outcomes.len(), rows.len())
            })
        }
        (Err(source), None) => for_each_chunk_ahead(py, source, |rows, ahead| {
            desk.validate_rows_alongside(rows, now, &mut chunk, ahead);
            py.detach(|| outcomes.append(&mut chunk));
            answers.record(rows);
            between_chunks(py, &mut progress, outcomes.len(), rows.len())
        }),
    };
    progress.finish(py);
    let (labels, _) = read?;
    Ok(RegistrationOutcomes { inner: outcomes, labels, answers, event: event.clone(), hub })
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
