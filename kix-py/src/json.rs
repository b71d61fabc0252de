//! Rust values as Python values through their JSON form (serde): the bottom of the face,
//! importing nothing from the crate.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A serde value as the Python value `json.loads` makes of its JSON (dicts, lists, str, ...).
pub(crate) fn to_dict<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// The JSON name of a unit enum value, such as `case_study`.
pub(crate) fn to_json_text(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
