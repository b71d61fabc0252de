//! The registration book: `RegistrationBook`, a held registration's whole
//! lifecycle (kix-core's `book`), operated from Python.
//!
//! Every method converts its arguments, calls one operation of the core book
//! and converts what it returns; the waiting list, the offers and every
//! transition rule live in kix-core.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use kix_core as core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::classes::{Event, Hub};
use crate::convert::{aware, instant_arg, occurrence_arg};
use crate::errors::{IntoPyResult, to_py};
use crate::json::to_dict;
use crate::records::registration_from;
use crate::violation::violations_list;

/// The registrations of one event as a system of record: who holds a seat,
/// who waits, who was offered a freed seat until when, and how each got there.
#[pyclass(module = "kix._kix")]
pub(crate) struct RegistrationBook {
    inner: core::RegistrationBook,
    event: core::Event,
    hub: Arc<core::Hub>,
}

/// `now` as given (an aware datetime or RFC 3339 text), else the current instant.
fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<DateTime<Utc>> {
    now.map_or_else(|| Ok(Utc::now()), instant_arg)
}

/// Changes and warnings of an applied operation, for notifying people.
fn applied<'py>(py: Python<'py>, applied: &core::Applied) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("changes", to_dict(py, &applied.changes)?)?;
    out.set_item("warnings", violations_list(py, &applied.warnings)?)?;
    Ok(out)
}

impl RegistrationBook {
    fn entry(&self, id: &str) -> Option<&core::BookEntry> {
        self.inner.get(id)
    }
}

#[pymethods]
impl RegistrationBook {
    #[new]
    #[pyo3(signature = (event, hub = None))]
    fn new(event: &Bound<'_, Event>, hub: Option<&Bound<'_, Hub>>) -> Self {
        let event_ref = event.borrow();
        RegistrationBook {
            inner: core::RegistrationBook::new(&event_ref.inner),
            event: event_ref.inner.clone(),
            hub: event_ref.hub_or(hub),
        }
    }

    #[staticmethod]
    #[pyo3(signature = (text, event, hub = None))]
    fn from_json(py: Python<'_>, text: &str, event: &Bound<'_, Event>, hub: Option<&Bound<'_, Hub>>) -> PyResult<Self> {
        let event_ref = event.borrow();
        Ok(RegistrationBook {
            inner: core::RegistrationBook::from_json(text).py_err(py)?,
            event: event_ref.inner.clone(),
            hub: event_ref.hub_or(hub),
        })
    }

    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __len__(&self) -> usize {
        self.inner.registrations().len()
    }

    #[getter]
    fn event_id(&self) -> &str {
        &self.inner.event_id
    }

    #[pyo3(signature = (record, now = None))]
    fn submit<'py>(
        &mut self,
        py: Python<'py>,
        record: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (record, found) = registration_from(record)?;
        if !found.is_empty() {
            return Err(to_py(py, core::Error::Rejected(found)));
        }
        let now = now_arg(now)?;
        let submission = self.inner.submit(&self.hub, &self.event, &record, now).py_err(py)?;
        let out = PyDict::new(py);
        out.set_item("id", submission.id.as_deref())?;
        out.set_item("status", submission.status.map(core::BookStatus::as_str))?;
        out.set_item("violations", violations_list(py, &submission.violations)?)?;
        out.set_item("changes", to_dict(py, &submission.changes)?)?;
        out.set_item("duplicate", submission.is_duplicate())?;
        Ok(out)
    }

    /// Replaces a registration's record (the caller has made sure the change is the
    /// registrant's or an organiser's): checked with the desk's rules, refused with every
    /// violation; the earlier record stays in the history.
    #[pyo3(signature = (id, record, *, now = None))]
    fn update<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        record: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (record, found) = registration_from(record)?;
        if !found.is_empty() {
            return Err(to_py(py, core::Error::Rejected(found)));
        }
        let done = self.inner.update(&self.hub, &self.event, id, &record, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, *, force = false, now = None))]
    fn approve<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        force: bool,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.approve(&self.event, id, force, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, reason, *, now = None))]
    fn deny<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        reason: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.deny(&self.event, id, reason, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, *, by = "registrant", reason = None, now = None))]
    fn cancel<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        by: &str,
        reason: Option<&str>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let actor = by.parse::<core::Actor>().py_err(py)?;
        let done = self.inner.cancel(&self.event, id, actor, reason, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, reason = None, *, now = None))]
    fn reinstate<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        reason: Option<&str>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.reinstate(&self.event, id, reason, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, *, now = None))]
    fn accept_offer<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.accept_offer(&self.event, id, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, *, now = None))]
    fn decline_offer<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.decline_offer(&self.event, id, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (capacity, reason = None, *, now = None))]
    fn set_capacity<'py>(
        &mut self,
        py: Python<'py>,
        capacity: Option<u32>,
        reason: Option<&str>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.set_capacity(&self.event, capacity, reason, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (now = None))]
    fn advance<'py>(&mut self, py: Python<'py>, now: Option<&Bound<'_, PyAny>>) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.advance(&self.event, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    #[pyo3(signature = (id, *, now = None))]
    fn check_in<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let done = self.inner.check_in(&self.event, id, now_arg(now)?).py_err(py)?;
        applied(py, &done)
    }

    fn ledger<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.ledger())
    }

    /// The seats of one occurrence (a naive datetime or ISO text of the wall-clock start its
    /// rule gives it) of an event taken per occurrence.
    fn ledger_of<'py>(&self, py: Python<'py>, occurrence: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.ledger_of(occurrence_arg(occurrence)?))
    }

    fn status(&self, id: &str) -> Option<&'static str> {
        self.entry(id).map(|e| e.status.as_str())
    }

    fn get<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.entry(id).map(|e| to_dict(py, e)).transpose()
    }

    fn history<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for h in self.inner.history(id) {
            let d = to_dict(py, h)?;
            d.set_item("at", aware(py, h.at, chrono_tz::UTC)?)?;
            if let Some(t) = h.offer_expires_at {
                d.set_item("offer_expires_at", aware(py, t, chrono_tz::UTC)?)?;
            }
            list.append(d)?;
        }
        Ok(list)
    }

    fn reminders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in self.inner.reminders(&self.hub, &self.event).py_err(py)? {
            let tz = r.zone.tz().py_err(py)?;
            let d = PyDict::new(py);
            d.set_item("registration_id", &r.registration_id)?;
            d.set_item("minutes_before", r.minutes_before)?;
            d.set_item("send_at", aware(py, r.send_at, tz)?)?;
            d.set_item("zone", r.zone.as_str())?;
            d.set_item("event_start_local", aware(py, r.event_start_local.with_timezone(&Utc), tz)?)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The registrant's calendar message: an invitation (METHOD:REQUEST, with their PARTSTAT)
    /// or a cancellation (METHOD:CANCEL).
    #[pyo3(signature = (id, *, now = None))]
    fn invitation(&self, py: Python<'_>, id: &str, now: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        core::calendar::invitation(&self.hub, &self.event, &self.inner, id, now_arg(now)?).py_err(py)
    }

    /// The calendar message of every registrant who holds or held a seat.
    #[pyo3(signature = (*, now = None))]
    fn invitations<'py>(&self, py: Python<'py>, now: Option<&Bound<'_, PyAny>>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for i in core::calendar::invitations(&self.hub, &self.event, &self.inner, now_arg(now)?).py_err(py)? {
            let d = PyDict::new(py);
            d.set_item("registration_id", &i.registration_id)?;
            d.set_item("method", &i.method)?;
            d.set_item("ics", &i.ics)?;
            list.append(d)?;
        }
        Ok(list)
    }

    fn __repr__(&self) -> String {
        let l = self.inner.ledger();
        format!(
            "RegistrationBook({:?}: {} confirmed, {} pending, {} offered, {} waitlisted)",
            self.inner.event_id, l.confirmed, l.pending, l.offered, l.waitlisted
        )
    }
}
