//! Events: `Event`, its `LocalTimes`, and the fairest `Slot`s across zones.

use kix_core as core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::classes::{Event, Hub, country_arg};
use crate::convert::{
    aware, date_arg, from_json_text, from_py_json, instant_arg, naive_arg, working_hours_arg, zone_arg,
};
use crate::errors::IntoPyResult;
use crate::json::{to_dict, to_json_text};
use crate::table::{Table, html_table, records_to_pandas, table};
use crate::violation::violations_list;

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
    #[pyo3(signature = (hub=None, working_hours=None, locale=None))]
    fn local_times(
        &self,
        py: Python<'_>,
        hub: Option<&Bound<'_, Hub>>,
        working_hours: Option<&Bound<'_, PyAny>>,
        locale: Option<String>,
    ) -> PyResult<LocalTimes> {
        let hub = self.hub_or(hub);
        let working = working_hours_arg(working_hours)?;
        core::local_times(&hub, &self.inner, working).map(|inner| LocalTimes { inner, locale }).py_err(py)
    }
    /// The event as webinar pages list it, in a language, for these countries' zones.
    #[pyo3(signature = (locale="en", countries=None, *, hub=None, plain=false))]
    fn listing<'py>(
        &self,
        py: Python<'py>,
        locale: &str,
        countries: Option<Vec<Bound<'_, PyAny>>>,
        hub: Option<&Bound<'_, Hub>>,
        plain: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let codes =
            countries.map(|c| c.iter().map(|c| country_arg(py, c)).collect::<PyResult<Vec<_>>>()).transpose()?;
        let bidi = if plain { core::messages::Bidi::Plain } else { core::messages::Bidi::Isolate };
        let written = self.hub_or(hub).listing(&self.inner, locale, codes.as_deref(), bidi).py_err(py)?;
        to_dict(py, &written)
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
        let (start, end) = (self.inner.start_utc().py_err(py)?, self.inner.end_utc().py_err(py)?);
        Ok(local_row(py, &row, start, end)?.into_any())
    }
    #[pyo3(signature = (hub=None))]
    fn to_ics(&self, py: Python<'_>, hub: Option<&Bound<'_, Hub>>) -> PyResult<String> {
        self.inner.to_ics(&self.hub_or(hub)).py_err(py)
    }
    #[getter]
    fn is_series(&self) -> bool {
        self.inner.is_series()
    }
    /// Every occurrence (one for a single event): its rule's wall-clock start, its instants
    /// (aware, in the organiser's zone and in UTC) and whether it was moved.
    fn occurrences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = self.inner.occurrences().py_err(py)?;
        self.occurrence_dicts(py, list)
    }
    /// The occurrences that start from `start` (included) to `end` (excluded), instants (aware
    /// datetimes or ISO text with an offset): any window, of a series with no planned end too.
    fn occurrences_between<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let list = self.inner.occurrences_between(instant_arg(start)?, instant_arg(end)?).py_err(py)?;
        self.occurrence_dicts(py, list)
    }
    /// The local-times table of every occurrence.
    #[pyo3(signature = (hub=None, working_hours=None, locale=None))]
    fn occurrence_local_times(
        &self,
        py: Python<'_>,
        hub: Option<&Bound<'_, Hub>>,
        working_hours: Option<&Bound<'_, PyAny>>,
        locale: Option<String>,
    ) -> PyResult<Vec<LocalTimes>> {
        let hub = self.hub_or(hub);
        let working = working_hours_arg(working_hours)?;
        let tables = core::schedule::occurrence_local_times(&hub, &self.inner, working).py_err(py)?;
        Ok(tables.into_iter().map(|inner| LocalTimes { inner, locale: locale.clone() }).collect())
    }
    /// The event moved to a new wall-clock start (and end), its sequence raised.
    #[pyo3(signature = (start, end=None))]
    fn reschedule(&self, py: Python<'_>, start: &Bound<'_, PyAny>, end: Option<&Bound<'_, PyAny>>) -> PyResult<Event> {
        let mut inner = self.inner.clone();
        inner.reschedule(naive_arg(start)?, end.map(naive_arg).transpose()?).py_err(py)?;
        Ok(Event { inner, hub: self.hub.clone() })
    }
    /// The series with one occurrence cancelled, its sequence raised.
    fn cancel_occurrence(&self, py: Python<'_>, occurrence: &Bound<'_, PyAny>) -> PyResult<Event> {
        let mut inner = self.inner.clone();
        inner.cancel_occurrence(naive_arg(occurrence)?).py_err(py)?;
        Ok(Event { inner, hub: self.hub.clone() })
    }
    /// The series with one occurrence moved, its sequence raised.
    #[pyo3(signature = (occurrence, start, end=None))]
    fn move_occurrence(
        &self,
        py: Python<'_>,
        occurrence: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Event> {
        let mut inner = self.inner.clone();
        inner.move_occurrence(naive_arg(occurrence)?, naive_arg(start)?, end.map(naive_arg).transpose()?).py_err(py)?;
        Ok(Event { inner, hub: self.hub.clone() })
    }
    /// What calendar clients will make of the event's file (warnings), against the version they have.
    #[pyo3(signature = (previous=None))]
    fn calendar_check<'py>(
        &self,
        py: Python<'py>,
        previous: Option<&Bound<'_, Event>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let previous = previous.map(|p| p.borrow().inner.clone());
        violations_list(py, &core::calendar::check(&self.inner, previous.as_ref()))
    }
    fn __repr__(&self) -> String {
        format!("<Event {} {:?} {} {}>", self.inner.id, self.inner.title, self.inner.start, self.inner.zone)
    }
}

/// One zone's row: the event's instants as aware datetimes in that zone, as
/// `local_times` and `local_time_in` both give it.
fn local_row<'py>(
    py: Python<'py>,
    r: &core::LocalTimeRow,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("country", r.country.map(|c| c.to_string()))?;
    d.set_item("zone", r.zone.name())?;
    d.set_item("local_start", aware(py, start, r.zone)?)?;
    d.set_item("local_end", aware(py, end, r.zone)?)?;
    d.set_item("local_date", r.local_date)?;
    d.set_item("day_shift", r.day_shift)?;
    d.set_item("utc_offset", r.utc_offset.to_string())?;
    d.set_item("abbreviation", r.abbreviation.as_str())?;
    d.set_item("within_working_hours", r.within_working_hours)?;
    d.set_item("rest_day", r.rest_day)?;
    Ok(d)
}

/// An event in every zone of its countries.
impl Event {
    /// Occurrences as dicts: the rule's wall-clock start, aware instants in the organiser's zone
    /// and in UTC, and whether it was moved.
    fn occurrence_dicts<'py>(&self, py: Python<'py>, list: Vec<core::Occurrence>) -> PyResult<Bound<'py, PyList>> {
        let tz = self.inner.tz().py_err(py)?;
        let out = PyList::empty(py);
        for o in list {
            let d = PyDict::new(py);
            d.set_item("recurrence_id", o.recurrence_id)?;
            d.set_item("start", aware(py, o.start_utc, tz)?)?;
            d.set_item("end", aware(py, o.end_utc, tz)?)?;
            d.set_item("start_utc", aware(py, o.start_utc, chrono_tz::UTC)?)?;
            d.set_item("end_utc", aware(py, o.end_utc, chrono_tz::UTC)?)?;
            d.set_item("moved", o.moved)?;
            out.append(d)?;
        }
        Ok(out)
    }
}

#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct LocalTimes {
    inner: core::LocalTimes,
    /// With a locale, every row also carries its text in that language.
    locale: Option<String>,
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
            let row = local_row(py, r, self.inner.start_utc, self.inner.end_utc)?;
            if let Some(locale) = &self.locale {
                let text = r.localized(locale);
                row.set_item("country_name", text.country_name)?;
                row.set_item("local_start_text", text.local_start)?;
                row.set_item("local_end_text", text.local_end)?;
                row.set_item("utc_offset_text", text.utc_offset)?;
            }
            out.append(row)?;
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
pub(crate) struct Slot {
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
    fn zones<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for z in &self.inner.zones {
            let d = PyDict::new(py);
            d.set_item("country", z.country.as_str())?;
            d.set_item("zone", z.zone.name())?;
            d.set_item("local_start", aware(py, self.inner.start_utc, z.zone)?)?;
            d.set_item("local_end", aware(py, self.inner.end_utc, z.zone)?)?;
            d.set_item("score", z.score)?;
            d.set_item("rest_day", z.rest_day)?;
            out.append(d)?;
        }
        Ok(out)
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
pub(crate) fn find_slots(
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

/// An instant as a wall-clock date and time in a zone, written in a language.
#[pyfunction]
#[pyo3(signature = (instant, zone, locale="en"))]
pub(crate) fn format_local(
    py: Python<'_>,
    instant: &Bound<'_, PyAny>,
    zone: &Bound<'_, PyAny>,
    locale: &str,
) -> PyResult<String> {
    Ok(core::format::local_text(instant_arg(instant)?, zone_arg(py, zone)?, locale))
}
