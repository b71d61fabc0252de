//! Attendance: an attendee report reconciled with registrations and their outcomes.

use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::classes::{Event, Hub, RegistrationOutcomes};
use crate::convert::{aware, instant_arg, type_name};
use crate::records::{is_missing, records_from, text_of};
use crate::table::{Table, html_table, table};

/// The reconciliation: `rows` (one per person) and `counts` (per country and sub-region).
#[pyclass(module = "kix._kix", frozen)]
pub(crate) struct Attendance {
    rows: Py<Table>,
    counts: Py<Table>,
    summary: Vec<Vec<String>>,
}

#[pymethods]
impl Attendance {
    /// One row per person: name, email, status (attended / no_show / walk_in), registration
    /// (the input's label), registration_status, country, sub_region, first_join, last_leave,
    /// minutes, joins.
    #[getter]
    fn rows(&self, py: Python<'_>) -> Py<Table> {
        self.rows.clone_ref(py)
    }
    /// Attended, no-show and walk-in counts per country, with its sub-region.
    #[getter]
    fn counts(&self, py: Python<'_>) -> Py<Table> {
        self.counts.clone_ref(py)
    }
    /// The rows as a DataFrame.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.rows.bind(py).call_method0("to_pandas")
    }
    fn _repr_html_(&self) -> String {
        html_table(&["status", "people"], &self.summary)
    }
    fn __repr__(&self) -> String {
        let parts: Vec<String> = self.summary.iter().map(|r| r.join(": ")).collect();
        format!("<Attendance {}>", parts.join(", "))
    }
}

/// A text cell of a participant, or None.
fn text(d: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<String>> {
    Ok(d.get_item(key)?.and_then(|v| v.cast::<PyString>().ok().map(text_of)))
}

/// Participants: a `read_attendance` table, a DataFrame or dicts with name,
/// email, join and leave (aware datetimes or RFC 3339 text). A row whose
/// times cannot be read is left out and reported.
fn participants_from(
    participants: &Bound<'_, PyAny>,
) -> PyResult<(Vec<core::exports::Participant>, Vec<core::Violation>)> {
    let rows = if participants.hasattr("columns")? && participants.hasattr("to_dict")? {
        participants.call_method1("to_dict", ("records",))?
    } else {
        participants.clone()
    };
    let iter =
        rows.try_iter().map_err(|_| PyTypeError::new_err("participants must be a table, a DataFrame or dicts"))?;
    let (mut out, mut unreadable) = (Vec::new(), Vec::new());
    for (row, item) in iter.enumerate() {
        let item = item?;
        let d = item
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err(format!("participants must be dicts, not {}", type_name(&item))))?;
        let time = |key: &str| -> PyResult<Option<chrono::DateTime<chrono::Utc>>> {
            Ok(d.get_item(key)?.filter(|v| !is_missing(v)).and_then(|v| instant_arg(&v).ok()))
        };
        match (time("join")?, time("leave")?) {
            (Some(join), Some(leave)) if leave >= join => out.push(core::exports::Participant {
                row,
                name: text(d, "name")?,
                email: text(d, "email")?,
                join,
                leave,
            }),
            _ => unreadable.push(
                core::Violation::new(
                    core::Code::AttendanceUnreadableRow,
                    format!("rows[{row}]"),
                    "join and leave must be aware datetimes, the leave not before the join",
                )
                .with_param("row", row),
            ),
        }
    }
    Ok((out, unreadable))
}

/// Reconciles participants with registrations and their outcomes: one row per person.
#[pyfunction]
#[pyo3(signature = (event, registrations, outcomes, participants, hub=None))]
pub(crate) fn attendance(
    py: Python<'_>,
    event: &Bound<'_, Event>,
    registrations: &Bound<'_, PyAny>,
    outcomes: &Bound<'_, RegistrationOutcomes>,
    participants: &Bound<'_, PyAny>,
    hub: Option<&Bound<'_, Hub>>,
) -> PyResult<Attendance> {
    let e = event.get();
    let hub = e.hub_or(hub);
    let read = records_from(py, registrations)?;
    let outcomes = outcomes.get();
    if outcomes.inner.len() != read.registrations.len() {
        return Err(PyValueError::new_err(format!(
            "outcomes has {} records and registrations {}: pass the outcomes of these registrations",
            outcomes.inner.len(),
            read.registrations.len()
        )));
    }
    let (joins, unreadable) = participants_from(participants)?;
    let event = &e.inner;
    let held = outcomes.inner.to_vec(0..outcomes.inner.len());
    let result = py.detach(|| core::attendance::attendance(&hub, event, &read.registrations, &held, &joins));
    let tz = event.tz().ok().unwrap_or(chrono_tz::UTC);
    let at = |t: Option<chrono::DateTime<chrono::Utc>>| -> PyResult<Option<Bound<'_, PyAny>>> {
        t.map(|t| aware(py, t, tz)).transpose()
    };

    let (mut items, mut cells) = (Vec::new(), Vec::new());
    let records = PyList::empty(py);
    let labels = outcomes.labels.to_list(py)?;
    for r in &result.rows {
        let d = PyDict::new(py);
        d.set_item("name", &r.name)?;
        d.set_item("email", &r.email)?;
        d.set_item("status", r.status.as_str())?;
        d.set_item("registration", r.registration.map(|i| labels.get_item(i)).transpose()?)?;
        d.set_item("registration_status", r.registration_status.map(|s| s.as_str()))?;
        d.set_item("country", r.country.map(|c| c.to_string()))?;
        d.set_item("sub_region", &r.sub_region)?;
        d.set_item("first_join", at(r.first_join)?)?;
        d.set_item("last_leave", at(r.last_leave)?)?;
        d.set_item("minutes", r.minutes)?;
        d.set_item("joins", r.joins)?;
        cells.push(vec![
            r.name.clone().unwrap_or_default(),
            r.status.as_str().to_owned(),
            r.country.map(|c| c.to_string()).unwrap_or_default(),
            format!("{:.0}", r.minutes),
        ]);
        records.append(&d)?;
        items.push(d.into_any().unbind());
    }
    let rows = table("Attendance", items, &["name", "status", "country", "minutes"], cells, records.into_any())?
        .with_violations(unreadable);

    let (mut items, mut cells) = (Vec::new(), Vec::new());
    let records = PyList::empty(py);
    for c in &result.counts {
        let d = PyDict::new(py);
        d.set_item("country", c.country.map(|c| c.to_string()))?;
        d.set_item("sub_region", &c.sub_region)?;
        d.set_item("attended", c.attended)?;
        d.set_item("no_show", c.no_show)?;
        d.set_item("walk_in", c.walk_in)?;
        cells.push(vec![
            c.country.map(|c| c.to_string()).unwrap_or_default(),
            c.sub_region.clone().unwrap_or_default(),
            c.attended.to_string(),
            c.no_show.to_string(),
            c.walk_in.to_string(),
        ]);
        records.append(&d)?;
        items.push(d.into_any().unbind());
    }
    let counts = table(
        "AttendanceCounts",
        items,
        &["country", "sub_region", "attended", "no_show", "walk_in"],
        cells,
        records.into_any(),
    )?;
    let summary = [core::attendance::AttendanceStatus::Attended, core::attendance::AttendanceStatus::NoShow]
        .into_iter()
        .chain([core::attendance::AttendanceStatus::WalkIn])
        .map(|s| vec![s.as_str().to_owned(), result.rows.iter().filter(|r| r.status == s).count().to_string()])
        .collect();
    Ok(Attendance { rows: Py::new(py, rows)?, counts: Py::new(py, counts)?, summary })
}
