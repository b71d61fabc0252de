//! `Hub` and its parts: `Country`, `Organisation`, `Timeline`.

use std::sync::Arc;

use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::catalogue;
use crate::classes::{Country, Event, Hub, TrainingCycle, country_arg, default_hub};
use crate::convert::{date_arg, type_name};
use crate::errors::IntoPyResult;
use crate::json::{to_dict, to_json_text};
use crate::table::{Table, table};
use crate::violation::violations_list;

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

fn weekday_name(d: core::Weekday) -> String {
    to_json_text(&d)
}

/// An organisation of a hub.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct Organisation {
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

/// The project timeline of a hub.
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct Timeline {
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
        // Each record as the hub's JSON has it, plus where the country sits today.
        let records = to_dict(py, &self.inner.countries)?;
        let today = chrono::Utc::now().date_naive();
        for (record, c) in records.try_iter()?.zip(&self.inner.countries) {
            let record = record?;
            record.set_item("sub_region", self.inner.sub_region_of_any_period(c.code).map(|s| s.id.as_str()))?;
            record.set_item("partner", self.inner.partner_for(c.code, today).map(|o| o.name.as_str()))?;
        }
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
    /// The hub's calendar feed (`.ics`): every event, a member country's, or a series'.
    #[pyo3(signature = (*, country=None, series=None))]
    fn calendar(&self, py: Python<'_>, country: Option<&Bound<'_, PyAny>>, series: Option<String>) -> PyResult<String> {
        let filter = match (country, series) {
            (Some(_), Some(_)) => return Err(PyValueError::new_err("give a country or a series, not both")),
            (Some(c), None) => core::calendar::CalendarFilter::Country(country_arg(py, c)?),
            (None, Some(name)) => core::calendar::CalendarFilter::Series(name),
            (None, None) => core::calendar::CalendarFilter::All,
        };
        self.inner.calendar(&filter).py_err(py)
    }
    #[getter]
    fn events(&self) -> Vec<Event> {
        self.inner.events.iter().map(|e| Event::in_hub(e.clone(), self.inner.clone())).collect()
    }
    fn event(&self, py: Python<'_>, id: &str) -> PyResult<Event> {
        self.inner.require_event(id).map(|e| Event::in_hub(e.clone(), self.inner.clone())).py_err(py)
    }
    #[getter]
    fn training_cycles(&self) -> Vec<TrainingCycle> {
        self.inner.training.cycles.iter().map(|c| TrainingCycle::in_hub(c.clone(), self.inner.clone())).collect()
    }
    fn training_cycle(&self, py: Python<'_>, id: &str) -> PyResult<TrainingCycle> {
        self.inner.require_training_cycle(id).map(|c| TrainingCycle::in_hub(c.clone(), self.inner.clone())).py_err(py)
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
    fn nominee_status(&self, py: Python<'_>, cycle: &str, email: &str) -> PyResult<Option<&'static str>> {
        let c = self.inner.require_training_cycle(cycle).py_err(py)?;
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
        let q = catalogue::product_query(py, country, sub_region, partner, kind, language, start, end)?;
        catalogue::products_table(py, &self.inner.products(&q))
    }
    #[pyo3(signature = (by="project_year"))]
    fn product_counts(&self, py: Python<'_>, by: &str) -> PyResult<Table> {
        catalogue::counts_table(py, &self.inner.product_counts(by.parse::<core::CountBy>().py_err(py)?))
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

/// A country's name in a locale (BCP 47 tag; English when the locale has none), or None for an unknown code.
#[pyfunction]
pub(crate) fn country_name(code: &str, locale: &str) -> Option<&'static str> {
    core::country::country_name(code, locale)
}

/// The ISO 3166-1 alpha-2 code of any country name or code people type.
#[pyfunction]
pub(crate) fn resolve_country(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text: String =
        text.extract().map_err(|_| PyTypeError::new_err(format!("expected a str, not {}", type_name(text))))?;
    core::resolve_country(&text).map(|c| c.to_string()).py_err(py)
}

/// The embedded KIX EMAP hub.
#[pyfunction]
pub(crate) fn emap() -> Hub {
    Hub { inner: default_hub() }
}
