//! Records read from Arrow data column by column (pyarrow, polars, pandas with Arrow
//! dtypes): each column once per chunk, strings borrowed from the Arrow buffers, a cell of
//! the wrong kind a `registration.invalid_value` of its row, as the Python path reports it.

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray, StringViewArray};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, Utc};
use kix_core as core;
use kix_core::registration::{RegistrationRef, Submitted, invalid_value};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3_arrow::input::AnyRecordBatch;

use super::{CONSENT, FIELDS, NAMES, OCCURRENCE, SUBMITTED};

/// One Arrow column, read for its field.
enum Column {
    Absent,
    Text(StringArray),
    View(StringViewArray),
    Bool(BooleanArray),
    /// UTC instants in microseconds (a timestamp with a zone).
    Instants(Int64Array),
    /// A timestamp without a zone: wall times, no instants.
    Naive(Int64Array),
    Float(Float64Array),
    /// Anything else: every value is a cell of the wrong kind, shown as text.
    Other {
        kind: &'static str,
        shown: Option<StringArray>,
    },
}

/// The Python type name a value of this Arrow type has once in Python, as the dict path names it.
fn python_kind(t: &DataType) -> &'static str {
    match t {
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => "int",
        DataType::Float16 | DataType::Float32 | DataType::Float64 => "float",
        DataType::Boolean => "bool",
        DataType::Date32 | DataType::Date64 => "date",
        DataType::Time32(_) | DataType::Time64(_) => "time",
        DataType::Duration(_) => "timedelta",
        DataType::Decimal32(..) | DataType::Decimal64(..) | DataType::Decimal128(..) | DataType::Decimal256(..) => {
            "Decimal"
        }
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView | DataType::FixedSizeBinary(_) => "bytes",
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..) | DataType::ListView(_) => "list",
        DataType::Struct(_) | DataType::Map(..) => "dict",
        _ => "object",
    }
}

fn to_utf8(array: &ArrayRef) -> Option<StringArray> {
    arrow_cast::cast(array, &DataType::Utf8).ok().map(|a| a.as_string::<i32>().clone())
}

impl Column {
    fn of(array: &ArrayRef) -> Column {
        let micros = |unit: &TimeUnit| -> Option<Int64Array> {
            let raw = arrow_cast::cast(array, &DataType::Int64).ok()?;
            let raw = raw.as_primitive::<Int64Type>();
            let per_micro: i64 = match unit {
                TimeUnit::Second => return Some(to_micros(raw, 1_000_000, true)),
                TimeUnit::Millisecond => return Some(to_micros(raw, 1_000, true)),
                TimeUnit::Microsecond => 1,
                TimeUnit::Nanosecond => 1_000,
            };
            Some(to_micros(raw, per_micro, false))
        };
        match array.data_type() {
            DataType::Null => Column::Absent,
            DataType::Utf8View => Column::View(array.as_string_view().clone()),
            DataType::Utf8 | DataType::LargeUtf8 => {
                to_utf8(array).map_or(Column::Other { kind: "str", shown: None }, Column::Text)
            }
            DataType::Dictionary(_, values)
                if matches!(**values, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) =>
            {
                to_utf8(array).map_or(Column::Other { kind: "str", shown: None }, Column::Text)
            }
            DataType::Boolean => Column::Bool(array.as_boolean().clone()),
            DataType::Timestamp(unit, zone) => match micros(unit) {
                Some(values) if zone.is_some() => Column::Instants(values),
                Some(values) => Column::Naive(values),
                None => Column::Other { kind: "datetime", shown: to_utf8(array) },
            },
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                match arrow_cast::cast(array, &DataType::Float64) {
                    Ok(f) => Column::Float(f.as_primitive::<arrow_array::types::Float64Type>().clone()),
                    Err(_) => Column::Other { kind: "float", shown: to_utf8(array) },
                }
            }
            other => Column::Other { kind: python_kind(other), shown: to_utf8(array) },
        }
    }
}

/// Values in microseconds from values in a coarser (`multiply`) or finer unit, nulls kept;
/// a value that overflows becomes null (it is no instant kix can hold).
fn to_micros(raw: &Int64Array, factor: i64, multiply: bool) -> Int64Array {
    if factor == 1 {
        return raw.clone();
    }
    raw.iter()
        .map(|v| v.and_then(|v| if multiply { v.checked_mul(factor) } else { Some(v.div_euclid(factor)) }))
        .collect()
}

/// The text Python's `str()` gives a naive datetime, for the violation of a naive timestamp.
fn naive_shown(micros: i64) -> String {
    match DateTime::<Utc>::from_timestamp_micros(micros) {
        Some(t) if t.timestamp_subsec_micros() == 0 => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Some(t) => t.format("%Y-%m-%d %H:%M:%S%.6f").to_string(),
        None => micros.to_string(),
    }
}

/// One chunk of an Arrow record batch, column by column.
pub(super) struct ArrowChunk {
    columns: Vec<Column>,
}

impl ArrowChunk {
    pub(super) fn of(batch: &RecordBatch) -> Self {
        let columns = NAMES.iter().map(|f| batch.column_by_name(f).map_or(Column::Absent, Column::of)).collect();
        ArrowChunk { columns }
    }

    pub(super) fn views(&self, len: usize) -> (Vec<RegistrationRef<'_>>, Vec<Vec<core::Violation>>) {
        let mut found: Vec<Vec<core::Violation>> = (0..len).map(|_| Vec::new()).collect();
        let mut views = vec![RegistrationRef::default(); len];
        for (field, column) in self.columns.iter().enumerate() {
            if field == OCCURRENCE {
                read_occurrences(column, &mut views, &mut found);
                continue;
            }
            let name = FIELDS.get(field).copied().unwrap_or("");
            // A closure per field, not a function pointer: each column's loop is compiled
            // with its store inlined, no call per cell.
            match field {
                0 => texts(column, &mut views, |v, t| v.full_name = Some(t)),
                1 => texts(column, &mut views, |v, t| v.email = Some(t)),
                2 => texts(column, &mut views, |v, t| v.country = Some(t)),
                3 => texts(column, &mut views, |v, t| v.organisation = Some(t)),
                4 => texts(column, &mut views, |v, t| v.audience = Some(t)),
                5 => texts(column, &mut views, |v, t| v.language = Some(t)),
                SUBMITTED => texts(column, &mut views, |v, t| v.submitted_at = Some(Submitted::Text(t))),
                _ => {}
            }
            let rows = views.iter_mut().zip(found.iter_mut()).enumerate();
            match column {
                Column::Absent => {}
                Column::Text(a) if field == CONSENT => {
                    for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                        found.push(invalid_value("consent", "text", a.value(i)));
                    }
                }
                Column::View(a) if field == CONSENT => {
                    for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                        found.push(invalid_value("consent", "text", a.value(i)));
                    }
                }
                Column::Text(_) | Column::View(_) => {}
                Column::Bool(a) => {
                    for (i, (view, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                        if field == CONSENT {
                            view.consent = Some(a.value(i));
                        } else {
                            found.push(invalid_value(name, "bool", if a.value(i) { "True" } else { "False" }));
                        }
                    }
                }
                Column::Instants(a) => {
                    for (i, (view, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                        match DateTime::<Utc>::from_timestamp_micros(a.value(i)) {
                            Some(t) if field == SUBMITTED => view.submitted_at = Some(Submitted::At(t)),
                            _ => found.push(invalid_value(name, "datetime", &a.value(i).to_string())),
                        }
                    }
                }
                Column::Naive(a) => {
                    let kind = if field == SUBMITTED { "naive datetime" } else { "datetime" };
                    for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                        found.push(invalid_value(name, kind, &naive_shown(a.value(i))));
                    }
                }
                Column::Float(a) => {
                    for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i) && !a.value(*i).is_nan()) {
                        found.push(invalid_value(name, "float", &python_float(a.value(i))));
                    }
                }
                Column::Other { kind, shown } => {
                    for (i, (_, found)) in rows {
                        match shown {
                            Some(s) if s.is_null(i) => {}
                            Some(s) => found.push(invalid_value(name, kind, s.value(i))),
                            None => found.push(invalid_value(name, kind, "?")),
                        }
                    }
                }
            }
        }
        (views, found)
    }
}

/// A text column's values stored into the views by `set` (nulls left out); other columns
/// are read by the caller.
fn texts<'a>(column: &'a Column, views: &mut [RegistrationRef<'a>], set: impl Fn(&mut RegistrationRef<'a>, &'a str)) {
    match column {
        Column::Text(a) => {
            for (view, text) in views.iter_mut().zip(a.iter()) {
                if let Some(text) = text {
                    set(view, text);
                }
            }
        }
        Column::View(a) => {
            for (view, text) in views.iter_mut().zip(a.iter()) {
                if let Some(text) = text {
                    set(view, text);
                }
            }
        }
        _ => {}
    }
}

/// An Arrow column of occurrences: text (ISO wall times) or timestamps without a zone (wall
/// times); anything else, an aware timestamp too, is a cell of the wrong kind.
fn read_occurrences<'a>(column: &'a Column, views: &mut [RegistrationRef<'a>], found: &mut [Vec<core::Violation>]) {
    let rows = views.iter_mut().zip(found.iter_mut()).enumerate();
    let text = |view: &mut RegistrationRef<'a>, found: &mut Vec<core::Violation>, t: &str| {
        match core::text::parse_wall_time(t) {
            Some(t) => view.occurrence = Some(t),
            None => found.push(invalid_value("occurrence", "text", t)),
        }
    };
    match column {
        Column::Absent => {}
        Column::Text(a) => {
            for (i, (view, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                text(view, found, a.value(i));
            }
        }
        Column::View(a) => {
            for (i, (view, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                text(view, found, a.value(i));
            }
        }
        Column::Naive(a) => {
            for (i, (view, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                match DateTime::<Utc>::from_timestamp_micros(a.value(i)) {
                    Some(t) => view.occurrence = Some(t.naive_utc()),
                    None => found.push(invalid_value("occurrence", "datetime", &a.value(i).to_string())),
                }
            }
        }
        Column::Instants(a) => {
            for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                found.push(invalid_value("occurrence", "aware datetime", &a.value(i).to_string()));
            }
        }
        Column::Bool(a) => {
            for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i)) {
                found.push(invalid_value("occurrence", "bool", if a.value(i) { "True" } else { "False" }));
            }
        }
        Column::Float(a) => {
            for (i, (_, found)) in rows.filter(|(i, _)| a.is_valid(*i) && !a.value(*i).is_nan()) {
                found.push(invalid_value("occurrence", "float", &python_float(a.value(i))));
            }
        }
        Column::Other { kind, shown } => {
            for (i, (_, found)) in rows {
                match shown {
                    Some(s) if s.is_null(i) => {}
                    Some(s) => found.push(invalid_value("occurrence", kind, s.value(i))),
                    None => found.push(invalid_value("occurrence", kind, "?")),
                }
            }
        }
    }
}

/// A float as Python's `str()` writes it for the usual values.
fn python_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 { format!("{f:.1}") } else { format!("{f}") }
}

/// Whether a pandas column keeps its values in Arrow (`ArrowDtype`, `string[pyarrow]`).
pub(super) fn arrow_backed(series: &Bound<'_, PyAny>) -> PyResult<bool> {
    arrow_dtype(&series.getattr(intern!(series.py(), "dtype"))?)
}

/// Whether every column of a pandas frame keeps its values in Arrow, so that the frame
/// can be read through `__arrow_c_stream__` as it is.
pub(crate) fn arrow_frame(frame: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = frame.py();
    if !frame.hasattr(intern!(py, "__arrow_c_stream__"))? {
        return Ok(false);
    }
    let dtypes = frame.getattr(intern!(py, "dtypes"))?.call_method0(intern!(py, "tolist"))?;
    let mut any = false;
    for dtype in dtypes.try_iter()? {
        any = true;
        if !arrow_dtype(&dtype?)? {
            return Ok(false);
        }
    }
    Ok(any)
}

fn arrow_dtype(dtype: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = dtype.py();
    if dtype.hasattr(intern!(py, "pyarrow_dtype"))? {
        return Ok(true);
    }
    match dtype.getattr_opt(intern!(py, "storage"))? {
        Some(storage) => {
            Ok(storage.cast::<PyString>().is_ok_and(|s| s.to_str().is_ok_and(|s| s.starts_with("pyarrow"))))
        }
        None => Ok(false),
    }
}

/// Every batch of an Arrow stream or array.
pub(super) fn read_batches(data: AnyRecordBatch) -> PyResult<Vec<RecordBatch>> {
    data.into_reader()?
        .collect::<Result<_, _>>()
        .map_err(|e| PyTypeError::new_err(format!("cannot read the Arrow data: {e}")))
}
