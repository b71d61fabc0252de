//! `kix._kix`: the Python face of kix-core.
//!
//! Everything here converts Python values to kix-core types and back, and
//! calls kix-core; no rule lives here. Errors become the exceptions of
//! `kix._errors` (`ValidationError` carries the core's violation codes).

#![forbid(unsafe_code)]
#![allow(clippy::needless_pass_by_value)] // pyo3 passes owned arguments.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use kix_core as core;
use pyo3::exceptions::{PyKeyError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyDict, PyList, PyString, PyTuple};

// ---------------------------------------------------------------- errors

fn error_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("kix._errors")?.getattr(name)
}

fn violation_dict<'py>(py: Python<'py>, v: &core::Violation) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", v.code.as_str())?;
    d.set_item("path", &v.path)?;
    d.set_item("message", &v.message)?;
    d.set_item("severity", severity(v.severity))?;
    d.set_item("params", to_dict(py, &v.params)?)?;
    Ok(d)
}

fn severity(s: core::Severity) -> &'static str {
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
fn to_py(py: Python<'_>, e: core::Error) -> PyErr {
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

trait IntoPyResult<T> {
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

// ---------------------------------------------------------------- conversions

fn to_dict<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

fn from_py_json<T: serde::de::DeserializeOwned>(py: Python<'_>, what: &str, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!("{what} must be a dict, not {}", type_name(obj))));
    }
    let text: String = py.import("json")?.call_method1("dumps", (obj,))?.extract()?;
    from_json_text(py, what, &text)
}

fn from_json_text<T: serde::de::DeserializeOwned>(py: Python<'_>, what: &str, text: &str) -> PyResult<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    read_json(de).map_err(|e| {
        let msg = format!("invalid {what}: {e}");
        match error_class(py, "ParseError").and_then(|c| c.call1((msg.clone(),))) {
            Ok(err) => PyErr::from_value(err),
            Err(_) => PyValueError::new_err(msg),
        }
    })
}

/// Reads one JSON document, refusing trailing input.
fn read_json<T: serde::de::DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
) -> Result<T, serde_json::Error> {
    let value = T::deserialize(&mut *de)?;
    de.end()?;
    Ok(value)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// A date: `datetime.date` (not a datetime) or an ISO string.
fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return core::text::parse_date(&text)
            .ok_or_else(|| PyValueError::new_err(format!("{text:?} is not an ISO date such as 2024-07-31")));
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err("expected a date, got a datetime: pass .date() of it"));
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    Err(PyTypeError::new_err(format!("expected a datetime.date or an ISO date string, not {}", type_name(obj))))
}

/// An instant: an aware `datetime` (any tzinfo: zoneinfo, pytz, datetime.timezone)
/// or an RFC 3339 string with an offset. Naive datetimes are refused.
fn instant_arg(obj: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        let text: &str = &text;
        return DateTime::parse_from_rfc3339(text.trim()).map(|t| t.with_timezone(&Utc)).map_err(|_| {
            PyValueError::new_err(format!(
                "{text:?} is not an RFC 3339 instant with an offset, such as 2024-07-31T11:00:00Z"
            ))
        });
    }
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "expected an aware datetime or an RFC 3339 string, not {}",
            type_name(obj)
        )));
    }
    let offset = obj.call_method0("utcoffset")?;
    if offset.is_none() {
        return Err(PyValueError::new_err(
            "a naive datetime is not an instant: give it a tzinfo (zoneinfo.ZoneInfo, datetime.timezone.utc, ...) \
             or use kix.from_local(naive, zone) to say which zone its wall time is in",
        ));
    }
    let offset: chrono::TimeDelta = offset.extract()?;
    let naive = naive_arg(obj)?;
    Ok(Utc.from_utc_datetime(&(naive - offset)))
}

/// The wall-clock fields of a datetime, ignoring any tzinfo.
fn naive_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return core::text::parse_wall_time(&text).ok_or_else(|| {
            PyValueError::new_err(format!("{text:?} is not a wall-clock date and time such as 2024-07-31T13:00:00"))
        });
    }
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!("expected a datetime or an ISO string, not {}", type_name(obj))));
    }
    let get = |name: &str| -> PyResult<u32> { obj.getattr(name)?.extract() };
    let year: i32 = obj.getattr("year")?.extract()?;
    let (month, day, hour, minute, second, micro) =
        (get("month")?, get("day")?, get("hour")?, get("minute")?, get("second")?, get("microsecond")?);
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_micro_opt(hour, minute, second, micro))
        .ok_or_else(|| PyValueError::new_err("not a valid date and time"))
}

fn zone_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Tz> {
    if let Ok(s) = obj.cast::<PyString>() {
        return core::zone::zone_named(&s.to_cow()?).py_err(py);
    }
    // A zoneinfo.ZoneInfo (or anything with a `key`).
    if let Ok(key) = obj.getattr("key") {
        return zone_arg(py, &key);
    }
    Err(PyTypeError::new_err(format!("expected an IANA zone name or a zoneinfo.ZoneInfo, not {}", type_name(obj))))
}

fn country_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<core::CountryCode> {
    if let Ok(c) = obj.cast::<Country>() {
        return Ok(c.borrow().inner.code);
    }
    let text: String = obj
        .extract()
        .map_err(|_| PyTypeError::new_err(format!("expected a country code or name, not {}", type_name(obj))))?;
    core::resolve_country(&text).py_err(py)
}

fn working_hours_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<core::WorkingHours> {
    let Some(obj) = obj else { return Ok(core::WorkingHours::default()) };
    let (start, end): (u32, u32) =
        obj.extract().map_err(|_| PyTypeError::new_err("working_hours must be a pair of hours such as (8, 18)"))?;
    core::WorkingHours::hours(start, end).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn violations_list<'py>(py: Python<'py>, list: &[core::Violation]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, list.iter().map(|v| Violation { inner: v.clone() }))
}

fn html_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::from("<table><thead><tr>");
    for h in headers {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str(&format!("<td>{}</td>", esc(c)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn records_to_pandas<'py>(py: Python<'py>, records: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let pandas = py.import("pandas").map_err(|_| {
        PyErr::new::<pyo3::exceptions::PyImportError, _>("to_pandas() needs pandas: pip install pandas")
    })?;
    pandas.getattr("DataFrame")?.call1((records,))
}

// ---------------------------------------------------------------- Violation

/// One finding of a rule check.
#[pyclass(module = "kix._kix", frozen)]
#[derive(Clone)]
struct Violation {
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
        severity(self.inner.severity)
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
            severity(self.inner.severity),
            self.inner.code,
            self.inner.path,
            self.inner.message
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Violation>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

// ---------------------------------------------------------------- Hub and its parts

/// A member country of a hub.
#[pyclass(module = "kix._kix", frozen)]
struct Country {
    inner: core::Country,
    sub_region: Option<String>,
}

#[pymethods]
impl Country {
    #[getter]
    fn code(&self) -> &str {
        self.inner.code.as_str()
    }
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    #[getter]
    fn subdivision(&self) -> Option<&str> {
        self.inner.subdivision.as_ref().map(|s| s.code.as_str())
    }
    #[getter]
    fn sub_region(&self) -> Option<&str> {
        self.sub_region.as_deref()
    }
    #[getter]
    fn time_zones(&self) -> Vec<String> {
        self.inner.time_zones.iter().map(ToString::to_string).collect()
    }
    #[getter]
    fn rest_days(&self) -> Vec<String> {
        self.inner.rest_days.iter().map(|d| weekday_name(*d)).collect()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }
    fn is_rest_day(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_rest_day(date_arg(date)?))
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("<Country {} {} zones={:?}>", self.inner.code, self.inner.name, self.time_zones())
    }
}

/// The JSON name of a unit enum value, such as `case_study`.
fn to_json_text(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn weekday_name(d: core::Weekday) -> String {
    to_json_text(&d)
}

/// An organisation of a hub.
#[pyclass(module = "kix._kix", frozen)]
struct Organisation {
    inner: core::Organisation,
}

#[pymethods]
impl Organisation {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    #[getter]
    fn full_name(&self) -> Option<&str> {
        self.inner.full_name.as_deref()
    }
    #[getter]
    fn roles(&self) -> Vec<String> {
        self.inner.roles.iter().map(to_json_text).collect()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("<Organisation {} {:?}>", self.inner.id, self.inner.name)
    }
}

/// A list of items shown as a table in Jupyter.
#[pyclass(module = "kix._kix", frozen, sequence)]
struct Table {
    items: Vec<Py<PyAny>>,
    headers: Vec<String>,
    cells: Vec<Vec<String>>,
    records: Py<PyAny>,
    kind: String,
}

#[pymethods]
impl Table {
    fn __len__(&self) -> usize {
        self.items.len()
    }
    fn __getitem__(&self, py: Python<'_>, index: isize) -> PyResult<Py<PyAny>> {
        let n = self.items.len() as isize;
        let i = if index < 0 { index + n } else { index };
        usize::try_from(i)
            .ok()
            .and_then(|i| self.items.get(i))
            .map(|x| x.clone_ref(py))
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("index out of range"))
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyList::new(py, self.items.iter().map(|x| x.clone_ref(py)))?.into_any().try_iter().map(Bound::into_any)
    }
    /// The rows as a list of dicts (for pandas.DataFrame or polars.DataFrame).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("copy")?.call_method1("deepcopy", (self.records.bind(py),))
    }
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        records_to_pandas(py, self.to_records(py)?)
    }
    fn _repr_html_(&self) -> String {
        let headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        html_table(&headers, &self.cells)
    }
    fn __repr__(&self) -> String {
        format!("<{} of {} rows>", self.kind, self.items.len())
    }
}

fn table<'py>(
    kind: &str,
    items: Vec<Py<PyAny>>,
    headers: &[&str],
    cells: Vec<Vec<String>>,
    records: Bound<'py, PyAny>,
) -> PyResult<Table> {
    Ok(Table {
        items,
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        cells,
        records: records.unbind(),
        kind: kind.to_owned(),
    })
}

/// The project timeline of a hub.
#[pyclass(module = "kix._kix", frozen)]
struct Timeline {
    inner: core::Timeline,
}

#[pymethods]
impl Timeline {
    fn month_index(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<u32> {
        self.inner.month_index(date_arg(date)?).py_err(py)
    }
    fn project_year(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<u32> {
        self.inner.project_year(date_arg(date)?).py_err(py)
    }
    fn quarter(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<u32> {
        self.inner.quarter(date_arg(date)?).py_err(py)
    }
    fn phase_of(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<String> {
        self.inner.phase_of(date_arg(date)?).map(|p| p.id.clone()).py_err(py)
    }
    fn position<'py>(&self, py: Python<'py>, date: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let pos = self.inner.position(date_arg(date)?).py_err(py)?;
        to_dict(py, &pos)
    }
    #[getter]
    fn phases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.phases)
    }
    fn __repr__(&self) -> String {
        let phases: Vec<String> =
            self.inner.phases.iter().map(|p| format!("{} {}..{}", p.id, p.start, p.end)).collect();
        format!("<Timeline {}>", phases.join(", "))
    }
}

/// A hub: countries, partners, timeline, training cycles, events, catalogue and grants.
#[pyclass(module = "kix._kix")]
struct Hub {
    inner: Arc<core::Hub>,
}

impl Hub {
    fn country_obj(&self, c: &core::Country) -> Country {
        let sub_region = self.inner.sub_region_of_any_period(c.code).map(|s| s.id.clone());
        Country { inner: c.clone(), sub_region }
    }

    fn cycle_mut(&mut self) -> &mut core::Hub {
        Arc::make_mut(&mut self.inner)
    }
}

#[pymethods]
impl Hub {
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        core::Hub::from_json(text).map(|h| Hub { inner: Arc::new(h) }).py_err(py)
    }
    #[staticmethod]
    fn from_dict(py: Python<'_>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !d.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(format!("from_dict expects a dict, not {}", type_name(d))));
        }
        let text: String = py.import("json")?.call_method1("dumps", (d,))?.extract()?;
        Self::from_json(py, &text)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &*self.inner)
    }
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    #[getter]
    fn countries(&self, py: Python<'_>) -> PyResult<Table> {
        let mut items = Vec::new();
        let mut cells = Vec::new();
        for c in &self.inner.countries {
            let obj = self.country_obj(c);
            cells.push(vec![
                c.code.to_string(),
                c.name.clone(),
                obj.sub_region.clone().unwrap_or_default(),
                obj.time_zones().join(", "),
                obj.rest_days().join(", "),
            ]);
            items.push(Py::new(py, obj)?.into_any());
        }
        let records = to_dict(py, &self.inner.countries)?;
        table("Countries", items, &["code", "name", "sub_region", "time_zones", "rest_days"], cells, records)
    }
    #[getter]
    fn organisations(&self) -> Vec<Organisation> {
        self.inner.organisations.iter().map(|o| Organisation { inner: o.clone() }).collect()
    }
    fn country(&self, py: Python<'_>, name_or_code: &Bound<'_, PyAny>) -> PyResult<Country> {
        let code = country_arg(py, name_or_code)?;
        let c = self.inner.require_member(code).py_err(py)?;
        Ok(self.country_obj(c))
    }
    fn partner_for(
        &self,
        py: Python<'_>,
        country: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Organisation>> {
        let code = country_arg(py, country)?;
        Ok(self.inner.partner_for(code, date_arg(date)?).map(|o| Organisation { inner: o.clone() }))
    }
    fn countries_of(&self, sub_region: &str) -> Vec<String> {
        self.inner.countries_of(sub_region).iter().map(|c| c.code.to_string()).collect()
    }
    fn sub_regions_of(&self, partner: &str) -> Vec<String> {
        self.inner.sub_regions_of(partner).iter().map(|s| s.id.clone()).collect()
    }
    fn check<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        violations_list(py, &self.inner.check())
    }
    #[getter]
    fn timeline(&self) -> Timeline {
        Timeline { inner: self.inner.timeline.clone() }
    }
    #[getter]
    fn events(&self) -> Vec<Event> {
        self.inner.events.iter().map(|e| Event { inner: e.clone(), hub: Some(self.inner.clone()) }).collect()
    }
    fn event(&self, id: &str) -> PyResult<Event> {
        self.inner
            .event(id)
            .map(|e| Event { inner: e.clone(), hub: Some(self.inner.clone()) })
            .ok_or_else(|| PyKeyError::new_err(format!("no event with id {id:?}")))
    }
    #[getter]
    fn training_cycles(&self) -> Vec<TrainingCycle> {
        self.inner.training.cycles.iter().map(|c| TrainingCycle { inner: c.clone(), hub: self.inner.clone() }).collect()
    }
    fn training_cycle(&self, id: &str) -> PyResult<TrainingCycle> {
        self.inner
            .training_cycle(id)
            .map(|c| TrainingCycle { inner: c.clone(), hub: self.inner.clone() })
            .ok_or_else(|| PyKeyError::new_err(format!("no training cycle with id {id:?}")))
    }
    /// Adds a nomination; returns its index. Raises ValidationError with every violation.
    #[pyo3(signature = (cycle, full_name, email, country, nominated_on))]
    fn nominate(
        &mut self,
        py: Python<'_>,
        cycle: &str,
        full_name: &str,
        email: &str,
        country: &Bound<'_, PyAny>,
        nominated_on: &Bound<'_, PyAny>,
    ) -> PyResult<usize> {
        let n = core::Nomination::new(full_name, email, country_arg(py, country)?, date_arg(nominated_on)?);
        self.cycle_mut().nominate(cycle, n).py_err(py)
    }
    fn endorse(&mut self, py: Python<'_>, cycle: &str, index: usize, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let step = core::NominationStep::Endorse { on: date_arg(on)? };
        self.cycle_mut().advance(cycle, index, step).py_err(py)
    }
    fn confirm(&mut self, py: Python<'_>, cycle: &str, index: usize, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let step = core::NominationStep::Confirm { on: date_arg(on)? };
        self.cycle_mut().advance(cycle, index, step).py_err(py)
    }
    fn complete(&mut self, py: Python<'_>, cycle: &str, index: usize, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let step = core::NominationStep::Complete { on: date_arg(on)? };
        self.cycle_mut().advance(cycle, index, step).py_err(py)
    }
    fn withdraw(&mut self, py: Python<'_>, cycle: &str, index: usize, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let step = core::NominationStep::Withdraw { on: date_arg(on)? };
        self.cycle_mut().advance(cycle, index, step).py_err(py)
    }
    fn reject(
        &mut self,
        py: Python<'_>,
        cycle: &str,
        index: usize,
        on: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<()> {
        let step = core::NominationStep::Reject { on: date_arg(on)?, reason: reason.to_owned() };
        self.cycle_mut().advance(cycle, index, step).py_err(py)
    }
    /// A nominee's status in a cycle, found by e-mail; None if not nominated.
    fn nominee_status(&self, cycle: &str, email: &str) -> PyResult<Option<&'static str>> {
        let c = self
            .inner
            .training_cycle(cycle)
            .ok_or_else(|| PyKeyError::new_err(format!("no training cycle with id {cycle:?}")))?;
        Ok(c.nomination_of(email).map(|n| n.status.as_str()))
    }

    /// Knowledge products matching the filters, as a table of dicts.
    #[pyo3(signature = (*, country=None, sub_region=None, partner=None, kind=None, language=None, start=None, end=None))]
    #[allow(clippy::too_many_arguments)]
    fn products<'py>(
        &self,
        py: Python<'py>,
        country: Option<&Bound<'_, PyAny>>,
        sub_region: Option<String>,
        partner: Option<String>,
        kind: Option<String>,
        language: Option<String>,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Table> {
        let kind = kind
            .map(|k| serde_json::from_value::<core::ProductKind>(serde_json::Value::String(k.clone())))
            .transpose()
            .map_err(|_| PyValueError::new_err("kind must be one of publication, case_study, research_project, tool, podcast_episode, blog_post, webinar_recording"))?;
        let q = core::ProductQuery {
            country: country.map(|c| country_arg(py, c)).transpose()?,
            sub_region,
            partner,
            kind,
            language,
            from: start.map(date_arg).transpose()?,
            to: end.map(date_arg).transpose()?,
        };
        let found = self.inner.products(&q);
        let cells = found
            .iter()
            .map(|p| {
                let countries: Vec<&str> = p.countries.iter().map(|c| c.as_str()).collect();
                vec![
                    p.id.clone(),
                    to_json_text(&p.kind),
                    p.title.clone(),
                    p.published_on.to_string(),
                    countries.join(" "),
                ]
            })
            .collect();
        let records = to_dict(py, &found)?;
        let items = records.try_iter()?.map(|r| r.map(Bound::unbind)).collect::<PyResult<Vec<_>>>()?;
        table("Products", items, &["id", "kind", "title", "published", "countries"], cells, records)
    }
    #[pyo3(signature = (by="project_year"))]
    fn product_counts(&self, py: Python<'_>, by: &str) -> PyResult<Table> {
        let by = match by {
            "month" => core::CountBy::Month,
            "project_year" => core::CountBy::ProjectYear,
            "phase" => core::CountBy::Phase,
            other => {
                return Err(PyValueError::new_err(format!("by must be month, project_year or phase, not {other:?}")));
            }
        };
        let counts = self.inner.product_counts(by);
        let cells = counts
            .iter()
            .map(|c| {
                let country = c.country.map(|c| c.to_string()).unwrap_or_default();
                vec![c.phase.clone(), c.period.to_string(), country, to_json_text(&c.kind), c.count.to_string()]
            })
            .collect();
        let records = to_dict(py, &counts)?;
        let items = records.try_iter()?.map(|r| r.map(Bound::unbind)).collect::<PyResult<Vec<_>>>()?;
        table("ProductCounts", items, &["phase", "period", "country", "kind", "count"], cells, records)
    }
    fn grant_totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.grant_totals())
    }
    fn __repr__(&self) -> String {
        format!(
            "<Hub {} {:?}: {} countries, {} events, {} training cycles>",
            self.inner.id,
            self.inner.name,
            self.inner.countries.len(),
            self.inner.events.len(),
            self.inner.training.cycles.len()
        )
    }
}

// ---------------------------------------------------------------- training

/// A training cycle (a snapshot taken when it was read from the hub).
#[pyclass(module = "kix._kix", frozen)]
struct TrainingCycle {
    inner: core::TrainingCycle,
    hub: Arc<core::Hub>,
}

#[pymethods]
impl TrainingCycle {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    #[getter]
    fn start(&self) -> NaiveDate {
        self.inner.start
    }
    #[getter]
    fn endorsement_date(&self) -> Option<NaiveDate> {
        self.inner.endorsement_date
    }
    #[getter]
    fn nominations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.nominations)
    }
    /// Seats per country: confirmed, pending and free.
    fn ledger(&self, py: Python<'_>) -> PyResult<Table> {
        let ledger = self.inner.ledger(&self.hub);
        let mut items = Vec::new();
        let mut cells = Vec::new();
        for r in &ledger.rows {
            items.push(to_dict(py, r)?.unbind());
            cells.push(vec![
                r.country.to_string(),
                r.quota.to_string(),
                r.confirmed.to_string(),
                r.pending.to_string(),
                r.free.to_string(),
            ]);
        }
        let records = to_dict(py, &ledger.rows)?;
        table("Ledger", items, &["country", "quota", "confirmed", "pending", "free"], cells, records)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<TrainingCycle {} {:?} starts {} with {} nominations>",
            self.inner.id,
            self.inner.name,
            self.inner.start,
            self.inner.nominations.len()
        )
    }
}

// ---------------------------------------------------------------- time

fn aware<'py>(py: Python<'py>, t: DateTime<Utc>, tz: Tz) -> PyResult<Bound<'py, PyAny>> {
    // Python's datetime shows years 1 to 9999; kix-core goes further.
    let wall = core::zone::wall_time(t, tz);
    if !(1..=9999).contains(&chrono::Datelike::year(&wall)) || !(1..=9999).contains(&chrono::Datelike::year(&t)) {
        return Err(PyValueError::new_err(format!(
            "{t} in {} is outside the years 1 to 9999 that Python's datetime can show",
            tz.name()
        )));
    }
    Ok(t.with_timezone(&tz).into_pyobject(py)?.into_any())
}

/// An instant shown in a zone, as an aware datetime with a zoneinfo tzinfo.
#[pyfunction]
fn to_local<'py>(py: Python<'py>, instant: &Bound<'_, PyAny>, zone: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let t = instant_arg(instant)?;
    aware(py, t, zone_arg(py, zone)?)
}

/// A wall-clock time in a zone as an aware datetime, resolving DST gaps and folds.
#[pyfunction]
#[pyo3(signature = (naive, zone, disambiguation="compatible"))]
fn from_local<'py>(
    py: Python<'py>,
    naive: &Bound<'_, PyAny>,
    zone: &Bound<'_, PyAny>,
    disambiguation: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if naive.is_instance_of::<PyDateTime>() && !naive.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(
            "from_local takes a naive datetime (a wall-clock time); this one has a tzinfo",
        ));
    }
    let local = naive_arg(naive)?;
    let tz = zone_arg(py, zone)?;
    let d: core::Disambiguation =
        disambiguation.parse().map_err(|e: core::Error| PyValueError::new_err(e.to_string()))?;
    let t = core::zone::from_local(local, tz, d).py_err(py)?;
    aware(py, t.with_timezone(&Utc), tz)
}

/// The IANA zone a label means ("CET / Geneva" -> "Europe/Zurich").
#[pyfunction]
fn resolve_zone(py: Python<'_>, label: &str) -> PyResult<String> {
    core::resolve_zone(label).map(|z| z.to_string()).py_err(py)
}

/// The ISO 3166-1 alpha-2 code of any country name or code people type.
#[pyfunction]
fn resolve_country(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text: String =
        text.extract().map_err(|_| PyTypeError::new_err(format!("expected a str, not {}", type_name(text))))?;
    core::resolve_country(&text).map(|c| c.to_string()).py_err(py)
}

/// Local wall-clock times of many instants in one zone, column-wise: UNIX seconds in,
/// seconds since 1970-01-01 00:00 local out, as an `array('q')` (zero-copy into numpy
/// or pandas). The GIL is released while the core converts.
#[pyfunction]
fn local_wall_seconds<'py>(
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
fn tzdata_version() -> &'static str {
    core::tzdata_version()
}

/// A listing read into instants.
#[pyclass(module = "kix._kix", frozen)]
struct Schedule {
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
fn parse_listing(py: Python<'_>, date_text: &str, time_text: &str) -> PyResult<Schedule> {
    core::parse_listing(date_text, time_text).map(|inner| Schedule { inner }).py_err(py)
}

// ---------------------------------------------------------------- events

fn default_hub() -> Arc<core::Hub> {
    static HUB: std::sync::OnceLock<Arc<core::Hub>> = std::sync::OnceLock::new();
    HUB.get_or_init(|| Arc::new(core::emap().clone())).clone()
}

/// An event.
#[pyclass(module = "kix._kix", frozen)]
struct Event {
    inner: core::Event,
    hub: Option<Arc<core::Hub>>,
}

impl Event {
    fn hub_or(&self, hub: Option<&Bound<'_, Hub>>) -> Arc<core::Hub> {
        hub.map(|h| h.borrow().inner.clone()).or_else(|| self.hub.clone()).unwrap_or_else(default_hub)
    }
}

#[pymethods]
impl Event {
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(Event { inner: from_json_text(py, "event", text)?, hub: None })
    }
    #[staticmethod]
    fn from_dict(py: Python<'_>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Event { inner: from_py_json(py, "event", d)?, hub: None })
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.inner).unwrap_or_default()
    }
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }
    #[getter]
    fn kind(&self) -> String {
        to_json_text(&self.inner.kind)
    }
    #[getter]
    fn zone(&self) -> String {
        self.inner.zone.to_string()
    }
    #[getter]
    fn language(&self) -> &str {
        &self.inner.language
    }
    #[getter]
    fn interpretation(&self) -> Vec<String> {
        self.inner.interpretation.clone()
    }
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.start_utc().py_err(py)?, self.inner.tz().py_err(py)?)
    }
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.end_utc().py_err(py)?, self.inner.tz().py_err(py)?)
    }
    #[getter]
    fn start_utc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.start_utc().py_err(py)?, chrono_tz::UTC)
    }
    #[getter]
    fn end_utc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.end_utc().py_err(py)?, chrono_tz::UTC)
    }
    #[pyo3(signature = (hub=None))]
    fn check<'py>(&self, py: Python<'py>, hub: Option<&Bound<'_, Hub>>) -> PyResult<Bound<'py, PyList>> {
        violations_list(py, &self.inner.check(&self.hub_or(hub)))
    }
    #[pyo3(signature = (hub=None, working_hours=None))]
    fn local_times(
        &self,
        py: Python<'_>,
        hub: Option<&Bound<'_, Hub>>,
        working_hours: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<LocalTimes> {
        let hub = self.hub_or(hub);
        let working = working_hours_arg(working_hours)?;
        core::local_times(&hub, &self.inner, working).map(|inner| LocalTimes { inner }).py_err(py)
    }
    /// The event in one zone (a phone's, or any IANA zone).
    #[pyo3(signature = (zone, working_hours=None))]
    fn local_time_in<'py>(
        &self,
        py: Python<'py>,
        zone: &Bound<'_, PyAny>,
        working_hours: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let row = core::schedule::local_time_in(&self.inner, zone_arg(py, zone)?, working_hours_arg(working_hours)?)
            .py_err(py)?;
        to_dict(py, &row)
    }
    #[pyo3(signature = (hub=None))]
    fn to_ics(&self, py: Python<'_>, hub: Option<&Bound<'_, Hub>>) -> PyResult<String> {
        self.inner.to_ics(&self.hub_or(hub)).py_err(py)
    }
    fn __repr__(&self) -> String {
        format!("<Event {} {:?} {} {}>", self.inner.id, self.inner.title, self.inner.start, self.inner.zone)
    }
}

/// An event in every zone of its countries.
#[pyclass(module = "kix._kix", frozen)]
struct LocalTimes {
    inner: core::LocalTimes,
}

#[pymethods]
impl LocalTimes {
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_records(py)
    }
    /// One dict per country and zone, with aware local datetimes.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let out = PyList::empty(py);
        for r in &self.inner.rows {
            let d = PyDict::new(py);
            d.set_item("country", r.country.map(|c| c.to_string()))?;
            d.set_item("zone", r.zone.name())?;
            d.set_item("local_start", aware(py, self.inner.start_utc, r.zone)?)?;
            d.set_item("local_end", aware(py, self.inner.end_utc, r.zone)?)?;
            d.set_item("local_date", r.local_date)?;
            d.set_item("day_shift", r.day_shift)?;
            d.set_item("utc_offset", r.utc_offset.to_string())?;
            d.set_item("abbreviation", r.abbreviation.as_str())?;
            d.set_item("within_working_hours", r.within_working_hours)?;
            d.set_item("rest_day", r.rest_day)?;
            out.append(d)?;
        }
        Ok(out.into_any())
    }
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        records_to_pandas(py, self.to_records(py)?)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn _repr_html_(&self) -> String {
        let cells: Vec<Vec<String>> = self
            .inner
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.country.map(|c| c.to_string()).unwrap_or_default(),
                    r.zone.name().to_owned(),
                    format!("{} {}–{}", r.local_date, r.local_start.format("%H:%M"), r.local_end.format("%H:%M")),
                    format!("{:+}", r.day_shift),
                    r.utc_offset.to_string(),
                    r.abbreviation.to_string(),
                    if r.within_working_hours { "yes" } else { "no" }.to_owned(),
                    if r.rest_day { "rest day" } else { "" }.to_owned(),
                ]
            })
            .collect();
        html_table(&["country", "zone", "local time", "day", "offset", "abbr.", "working hours", ""], &cells)
    }
    fn __repr__(&self) -> String {
        format!(
            "<LocalTimes of {} in {} zones, {} UTC>",
            self.inner.event,
            self.inner.rows.len(),
            self.inner.start_utc.format("%Y-%m-%d %H:%M")
        )
    }
}

/// A ranked candidate start time.
#[pyclass(module = "kix._kix", frozen)]
struct Slot {
    inner: core::Slot,
}

#[pymethods]
impl Slot {
    #[getter]
    fn start_utc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.start_utc, chrono_tz::UTC)
    }
    #[getter]
    fn end_utc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        aware(py, self.inner.end_utc, chrono_tz::UTC)
    }
    #[getter]
    fn min_score(&self) -> f64 {
        self.inner.min_score
    }
    #[getter]
    fn mean_score(&self) -> f64 {
        self.inner.mean_score
    }
    #[getter]
    fn zones<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.zones)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<Slot {} min={:.2} mean={:.3}>",
            self.inner.start_utc.format("%Y-%m-%d %H:%M UTC"),
            self.inner.min_score,
            self.inner.mean_score
        )
    }
}

/// The fairest start times across the zones of some countries.
#[pyfunction]
#[pyo3(signature = (hub, countries=None, *, start, end, duration_minutes=90, working_hours=None, granularity_minutes=15, top=5))]
#[allow(clippy::too_many_arguments)]
fn find_slots(
    py: Python<'_>,
    hub: &Bound<'_, Hub>,
    countries: Option<Vec<Bound<'_, PyAny>>>,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    duration_minutes: u32,
    working_hours: Option<&Bound<'_, PyAny>>,
    granularity_minutes: u32,
    top: usize,
) -> PyResult<Table> {
    let hub = hub.borrow().inner.clone();
    let mut q = core::SlotQuery::new(date_arg(start)?, date_arg(end)?);
    q.countries =
        countries.map(|list| list.iter().map(|c| country_arg(py, c)).collect::<PyResult<Vec<_>>>()).transpose()?;
    q.duration_minutes = duration_minutes;
    q.working_hours = working_hours_arg(working_hours)?;
    q.granularity_minutes = granularity_minutes;
    q.top = top;
    let slots = py.detach(|| core::find_slots(&hub, &q)).py_err(py)?;
    let mut items = Vec::new();
    let mut cells = Vec::new();
    for s in &slots {
        cells.push(vec![
            s.start_utc.format("%Y-%m-%d %H:%M").to_string(),
            s.end_utc.format("%H:%M").to_string(),
            format!("{:.2}", s.min_score),
            format!("{:.3}", s.mean_score),
        ]);
    }
    let records = to_dict(py, &slots)?;
    for s in slots {
        items.push(Py::new(py, Slot { inner: s })?.into_any());
    }
    table("Slots", items, &["start (UTC)", "end", "min score", "mean score"], cells, records)
}

// ---------------------------------------------------------------- registrations

/// The verdict on one registration.
#[pyclass(module = "kix._kix", frozen)]
struct RegistrationOutcome {
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
struct RegistrationOutcomes {
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
fn validate_registration(
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
fn validate_registrations(
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
fn anonymize<'py>(
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

/// The embedded KIX EMAP hub.
#[pyfunction]
fn emap() -> Hub {
    Hub { inner: default_hub() }
}

/// The module `kix._kix`.
#[pymodule]
fn _kix(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("VIOLATION_CODES", PyTuple::new(m.py(), core::Code::ALL.iter().map(|c| c.as_str()))?)?;
    for f in [
        wrap_pyfunction!(emap, m)?,
        wrap_pyfunction!(resolve_country, m)?,
        wrap_pyfunction!(resolve_zone, m)?,
        wrap_pyfunction!(to_local, m)?,
        wrap_pyfunction!(from_local, m)?,
        wrap_pyfunction!(parse_listing, m)?,
        wrap_pyfunction!(tzdata_version, m)?,
        wrap_pyfunction!(local_wall_seconds, m)?,
        wrap_pyfunction!(find_slots, m)?,
        wrap_pyfunction!(validate_registration, m)?,
        wrap_pyfunction!(validate_registrations, m)?,
        wrap_pyfunction!(anonymize, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add_class::<Hub>()?;
    m.add_class::<Country>()?;
    m.add_class::<Organisation>()?;
    m.add_class::<Timeline>()?;
    m.add_class::<TrainingCycle>()?;
    m.add_class::<Event>()?;
    m.add_class::<LocalTimes>()?;
    m.add_class::<Schedule>()?;
    m.add_class::<Slot>()?;
    m.add_class::<Violation>()?;
    m.add_class::<RegistrationOutcome>()?;
    m.add_class::<RegistrationOutcomes>()?;
    m.add_class::<Table>()?;
    Ok(())
}
