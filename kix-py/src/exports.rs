//! Exports: Zoom and Google Forms files (a path, a file object, a DataFrame or Arrow data) read into tables.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use kix_core as core;
use pyo3::exceptions::{PyOSError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString};

use crate::convert::{aware, type_name, zone_arg};
use crate::errors::IntoPyResult;
use crate::records::{arrow_frame, is_pandas_frame, text_of};
use crate::table::{Table, table};

/// A registration export as given: the bytes of a file, or a table already in columns
/// (Arrow data) turned into text cells.
enum Export {
    Bytes(Vec<u8>),
    Cells { header: Vec<String>, rows: Vec<Vec<String>> },
}

/// An Arrow table (pyarrow, polars, pandas with Arrow dtypes) as a header and rows of
/// text cells, read column by column: no Python object per cell. Text stays text, a
/// boolean is `true`/`false` (consent answers kix knows), a timestamp with a zone is its
/// instant in RFC 3339 and one without a zone its wall time, read in `zone` by the core
/// as an export's naive times are; any other value is written as Arrow writes it.
fn arrow_cells(source: &Bound<'_, PyAny>) -> PyResult<(Vec<String>, Vec<Vec<String>>)> {
    let data: pyo3_arrow::input::AnyRecordBatch = source.extract()?;
    let reader = data.into_reader()?;
    let header: Vec<String> = reader.schema().fields().iter().map(|f| f.name().clone()).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| PyTypeError::new_err(format!("cannot read the Arrow data: {e}")))?;
        let mut columns = Vec::with_capacity(batch.num_columns());
        for (array, field) in batch.columns().iter().zip(batch.schema().fields()) {
            columns.push(column_cells(array).map_err(|e| {
                PyTypeError::new_err(format!("column {:?} ({}) cannot be read: {e}", field.name(), array.data_type()))
            })?);
        }
        let mut columns: Vec<_> = columns.into_iter().map(Vec::into_iter).collect();
        for _ in 0..batch.num_rows() {
            rows.push(columns.iter_mut().map(|c| c.next().unwrap_or_default()).collect());
        }
        source.py().check_signals()?;
    }
    Ok((header, rows))
}

fn text_cells(array: &arrow_array::ArrayRef) -> Result<Vec<String>, arrow_schema::ArrowError> {
    use arrow_array::cast::AsArray;
    let text = arrow_cast::cast(array, &arrow_schema::DataType::Utf8)?;
    Ok(text.as_string::<i32>().iter().map(|v| v.unwrap_or_default().to_owned()).collect())
}

/// One Arrow column's cells as text, a null as an empty cell.
fn column_cells(array: &arrow_array::ArrayRef) -> Result<Vec<String>, arrow_schema::ArrowError> {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use arrow_schema::{DataType, TimeUnit};

    Ok(match array.data_type() {
        DataType::Timestamp(unit, zone) => {
            let per_second: i64 = match unit {
                TimeUnit::Second => 1,
                TimeUnit::Millisecond => 1_000,
                TimeUnit::Microsecond => 1_000_000,
                TimeUnit::Nanosecond => 1_000_000_000,
            };
            let raw = arrow_cast::cast(array, &DataType::Int64)?;
            let text = |value: i64| {
                let (secs, frac) = (value.div_euclid(per_second), value.rem_euclid(per_second));
                let nanos = u32::try_from(frac * (1_000_000_000 / per_second)).unwrap_or(0);
                match DateTime::<Utc>::from_timestamp(secs, nanos) {
                    Some(t) if zone.is_some() => t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                    Some(t) => t.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
                    None => value.to_string(),
                }
            };
            raw.as_primitive::<Int64Type>().iter().map(|v| v.map(text).unwrap_or_default()).collect()
        }
        DataType::Boolean => array.as_boolean().iter().map(|v| v.map(|b| b.to_string()).unwrap_or_default()).collect(),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => text_cells(array)?,
        DataType::Dictionary(_, values)
            if matches!(**values, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) =>
        {
            text_cells(array)?
        }
        // Numbers, dates, lists, structs: as Arrow writes them, so that a column no field
        // reads costs nothing and one a field reads is reported on its rows.
        _ => {
            let options = arrow_cast::display::FormatOptions::default();
            let shown = arrow_cast::display::ArrayFormatter::try_new(array.as_ref(), &options)?;
            (0..array.len())
                .map(|i| if array.is_valid(i) { shown.value(i).to_string() } else { String::new() })
                .collect()
        }
    })
}

/// The bytes of a source, and a DataFrame's index labels when the source is one.
fn source_bytes<'py>(py: Python<'py>, source: &Bound<'py, PyAny>) -> PyResult<(Vec<u8>, Option<Bound<'py, PyList>>)> {
    if let Ok(b) = source.cast::<PyBytes>() {
        return Ok((b.as_bytes().to_vec(), None));
    }
    if source.hasattr(intern!(py, "columns"))? && source.hasattr(intern!(py, "to_csv"))? {
        let kwargs = PyDict::new(py);
        kwargs.set_item("index", false)?;
        let text = source.call_method("to_csv", (), Some(&kwargs))?;
        let labels = source.getattr("index")?.call_method0("tolist")?.cast_into::<PyList>()?;
        return Ok((text_of(text.cast::<PyString>()?).into_bytes(), Some(labels)));
    }
    if source.hasattr(intern!(py, "read"))? {
        let content = source.call_method0("read")?;
        if let Ok(b) = content.cast::<PyBytes>() {
            return Ok((b.as_bytes().to_vec(), None));
        }
        if let Ok(s) = content.cast::<PyString>() {
            return Ok((text_of(s).into_bytes(), None));
        }
        return Err(PyTypeError::new_err(format!("read() gave {}, not bytes or str", type_name(&content))));
    }
    if source.is_instance_of::<PyString>() || source.hasattr(intern!(py, "__fspath__"))? {
        let path: std::path::PathBuf = source.extract()?;
        let bytes =
            std::fs::read(&path).map_err(|e| PyOSError::new_err(format!("cannot read {}: {e}", path.display())))?;
        return Ok((bytes, None));
    }
    Err(PyTypeError::new_err(format!(
        "source must be a path, a file object or a pandas DataFrame, not {}",
        type_name(source)
    )))
}

/// A registration export: Arrow data read in columns (a pandas frame when all its columns
/// are Arrow-backed, its index kept as the rows' labels), anything else as bytes.
fn registration_export<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
) -> PyResult<(Export, Option<Bound<'py, PyList>>)> {
    if is_pandas_frame(source)? {
        if arrow_frame(source)? {
            let labels = source.getattr("index")?.call_method0("tolist")?.cast_into::<PyList>()?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("drop", true)?;
            let (header, rows) = arrow_cells(&source.call_method("reset_index", (), Some(&kwargs))?)?;
            return Ok((Export::Cells { header, rows }, Some(labels)));
        }
    } else if source.hasattr(intern!(py, "__arrow_c_stream__"))? || source.hasattr(intern!(py, "__arrow_c_array__"))? {
        let (header, rows) = arrow_cells(source)?;
        return Ok((Export::Cells { header, rows }, None));
    }
    let (bytes, labels) = source_bytes(py, source)?;
    Ok((Export::Bytes(bytes), labels))
}

fn answers_arg(answers: Option<&Bound<'_, PyAny>>) -> PyResult<core::exports::Answers> {
    let mut out = core::exports::Answers::default();
    let Some(answers) = answers else { return Ok(out) };
    let answers = answers
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("answers must be a dict of answer text to True/False or a code"))?;
    for (text, value) in answers.iter() {
        let text: String = text.extract().map_err(|_| PyTypeError::new_err("answers keys must be str"))?;
        out = if let Ok(b) = value.cast::<PyBool>() {
            out.consent(&text, b.is_true())
        } else if let Ok(code) = value.cast::<PyString>() {
            out.label(&text, &text_of(code))
        } else {
            return Err(PyTypeError::new_err(format!(
                "answers[{text:?}] must be True/False (consent) or a code str, not {}",
                type_name(&value)
            )));
        };
    }
    Ok(out)
}

fn columns_arg(columns: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(columns) = columns else { return Ok(Vec::new()) };
    columns
        .extract::<std::collections::BTreeMap<String, String>>()
        .map(|m| m.into_iter().collect())
        .map_err(|_| PyTypeError::new_err("columns must be a dict of kix field to the export's column name"))
}

/// An instant cell: an aware datetime in the zone (or at its own offset), else the text as read.
fn instant_cell<'py>(py: Python<'py>, text: &str, zone: Option<Tz>) -> PyResult<Bound<'py, PyAny>> {
    match (core::text::parse_instant(text), zone) {
        (Some(t), Some(tz)) => aware(py, t.with_timezone(&Utc), tz),
        (Some(t), None) => Ok(t.into_pyobject(py)?.into_any()),
        (None, _) => Ok(PyString::new(py, text).into_any()),
    }
}

fn label<'py>(py: Python<'py>, labels: Option<&Bound<'py, PyList>>, row: usize) -> PyResult<Bound<'py, PyAny>> {
    match labels {
        Some(l) => l.get_item(row),
        None => Ok(row.into_pyobject(py)?.into_any()),
    }
}

/// Reads a Zoom registration report, a Google Forms CSV or any CSV into a
/// table of registration fields plus `row`, ready for validate_registrations.
#[pyfunction]
#[pyo3(signature = (source, *, format, zone=None, columns=None, answers=None))]
pub(crate) fn read_registrations(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    format: &str,
    zone: Option<&Bound<'_, PyAny>>,
    columns: Option<&Bound<'_, PyAny>>,
    answers: Option<&Bound<'_, PyAny>>,
) -> PyResult<Table> {
    let format = format.parse::<core::exports::ExportFormat>().py_err(py)?;
    let zone = zone.map(|z| zone_arg(py, z)).transpose()?;
    let (export, labels) = registration_export(py, source)?;
    let (columns, answers) = (columns_arg(columns)?, answers_arg(answers)?);
    let read = py
        .detach(|| match &export {
            Export::Bytes(bytes) => core::exports::read_registrations(bytes, format, zone, &columns, &answers),
            Export::Cells { header, rows } => {
                core::exports::read_registration_table(header, rows, zone, &columns, &answers)
            }
        })
        .py_err(py)?;
    let (mut items, mut cells) = (Vec::with_capacity(read.len()), Vec::with_capacity(read.len()));
    let records = PyList::empty(py);
    for r in &read {
        let g = &r.registration;
        let d = PyDict::new(py);
        d.set_item("row", label(py, labels.as_ref(), r.row)?)?;
        d.set_item("full_name", &g.full_name)?;
        d.set_item("email", &g.email)?;
        d.set_item("country", &g.country)?;
        d.set_item("organisation", &g.organisation)?;
        d.set_item("audience", &g.audience)?;
        d.set_item("language", &g.language)?;
        // An answer that means no consent kix knows stays as text: validation reports it on the row.
        match r.found.iter().find(|v| v.path == "consent").and_then(|v| v.params.get("found")?.as_str()) {
            Some(text) => d.set_item("consent", text)?,
            None => d.set_item("consent", g.consent)?,
        }
        match g.submitted_at.as_deref() {
            Some(text) => d.set_item("submitted_at", instant_cell(py, text, zone)?)?,
            None => d.set_item("submitted_at", py.None())?,
        }
        cells.push(vec![
            d.get_item("row")?.map(|v| v.to_string()).unwrap_or_default(),
            g.full_name.clone().unwrap_or_default(),
            g.email.clone().unwrap_or_default(),
            g.country.clone().unwrap_or_default(),
            g.audience.clone().unwrap_or_default(),
            g.submitted_at.clone().unwrap_or_default(),
        ]);
        records.append(&d)?;
        items.push(d.into_any().unbind());
    }
    table(
        "Registrations",
        items,
        &["row", "full_name", "email", "country", "audience", "submitted_at"],
        cells,
        records.into_any(),
    )
}

fn shown_at(py: Python<'_>, t: DateTime<Utc>, zone: Option<Tz>) -> PyResult<Bound<'_, PyAny>> {
    aware(py, t, zone.unwrap_or(chrono_tz::UTC))
}

/// Reads a Zoom attendee or participant report: one row per join, with
/// `row`, name, email, join, leave (aware datetimes) and minutes.
#[pyfunction]
#[pyo3(signature = (source, *, format="zoom", zone=None))]
pub(crate) fn read_attendance(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    format: &str,
    zone: Option<&Bound<'_, PyAny>>,
) -> PyResult<Table> {
    let format = format.parse::<core::exports::ExportFormat>().py_err(py)?;
    let zone = zone.map(|z| zone_arg(py, z)).transpose()?;
    let (bytes, labels) = source_bytes(py, source)?;
    let read = py.detach(|| core::exports::read_participants(&bytes, format, zone)).py_err(py)?;
    let (mut items, mut cells) = (Vec::new(), Vec::new());
    let records = PyList::empty(py);
    for p in &read.participants {
        let d = PyDict::new(py);
        d.set_item("row", label(py, labels.as_ref(), p.row)?)?;
        d.set_item("name", &p.name)?;
        d.set_item("email", &p.email)?;
        d.set_item("join", shown_at(py, p.join, zone)?)?;
        d.set_item("leave", shown_at(py, p.leave, zone)?)?;
        d.set_item("minutes", (p.leave - p.join).num_seconds() as f64 / 60.0)?;
        cells.push(vec![
            p.row.to_string(),
            p.name.clone().unwrap_or_default(),
            p.email.clone().unwrap_or_default(),
            p.join.to_rfc3339(),
            p.leave.to_rfc3339(),
        ]);
        records.append(&d)?;
        items.push(d.into_any().unbind());
    }
    Ok(table("Participants", items, &["row", "name", "email", "join", "leave"], cells, records.into_any())?
        .with_violations(read.unreadable))
}
