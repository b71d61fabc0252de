//! `Table`: a list of items shown as a table in Jupyter, with records for pandas.

use pyo3::prelude::*;
use pyo3::types::PyList;

pub(crate) fn html_table(headers: &[&str], rows: &[Vec<String>]) -> String {
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

pub(crate) fn records_to_pandas<'py>(py: Python<'py>, records: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let pandas = py.import("pandas").map_err(|_| {
        PyErr::new::<pyo3::exceptions::PyImportError, _>("to_pandas() needs pandas: pip install pandas")
    })?;
    pandas.getattr("DataFrame")?.call1((records,))
}

/// A list of items shown as a table in Jupyter.
#[pyclass(module = "kix._kix", frozen, sequence)]
pub(crate) struct Table {
    items: Vec<Py<PyAny>>,
    headers: Vec<String>,
    cells: Vec<Vec<String>>,
    records: Py<PyAny>,
    kind: String,
    violations: Vec<kix_core::Violation>,
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
    /// Rows of the source that could not be read and were left out (empty for most tables).
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        crate::violation::violations_list(py, &self.violations)
    }
    fn _repr_html_(&self) -> String {
        let headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        html_table(&headers, &self.cells)
    }
    fn __repr__(&self) -> String {
        format!("<{} of {} rows>", self.kind, self.items.len())
    }
}

pub(crate) fn table<'py>(
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
        violations: Vec::new(),
    })
}

impl Table {
    /// The table with the violations of rows that were left out.
    pub(crate) fn with_violations(mut self, violations: Vec<kix_core::Violation>) -> Self {
        self.violations = violations;
        self
    }
}
