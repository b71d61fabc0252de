//! `TrainingCycle`: a cycle's nominations and its seat ledger.

use chrono::NaiveDate;
use pyo3::prelude::*;

use crate::classes::TrainingCycle;
use crate::json::to_dict;
use crate::table::{Table, table};

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
