//! Records read from Arrow data column by column (pyarrow, polars, pandas with Arrow
//! dtypes): each column once per chunk, strings borrowed from the Arrow buffers, a cell of
//! the wrong kind a `registration.invalid_value` of its row, as the Python path reports it.

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{
    Array, ArrayAccessor, ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, LargeStringArray, RecordBatch,
    StringArray, StringViewArray,
};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, Utc};
use kix_core as core;
use kix_core::Violation;
use kix_core::registration::{RegistrationRef, Submitted, invalid_value};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3_arrow::input::AnyRecordBatch;
use std::ops::Range;

use super::{CONSENT, FIELDS, NAMES, OCCURRENCE, PyChunk, SUBMITTED};

/// A text column as Arrow holds it: `string`, `large_string`, `string_view`, or a dictionary
/// of those (pandas' categoricals, polars' `Categorical`), read in place: no text is copied.
enum Strings {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
    /// The row's key (nulls kept) into the distinct texts.
    Dict(Int32Array, Box<Strings>),
}

impl Strings {
    fn of(array: &ArrayRef) -> Option<Strings> {
        Some(match array.data_type() {
            DataType::Utf8 => Strings::Utf8(array.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Strings::Large(array.as_string::<i64>().clone()),
            DataType::Utf8View => Strings::View(array.as_string_view().clone()),
            DataType::Dictionary(_, _) => {
                let dict = array.as_any_dictionary_opt()?;
                // The keys only (one small integer a row), as 32-bit numbers.
                let keys = arrow_cast::cast(dict.keys(), &DataType::Int32).ok()?;
                Strings::Dict(keys.as_primitive::<Int32Type>().clone(), Box::new(Strings::of(dict.values())?))
            }
            _ => return None,
        })
    }

    /// The text of row `i`, `None` for a null.
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Dict(keys, values) => {
                let key = usize::try_from(keys.is_valid(i).then(|| keys.value(i))?).ok()?;
                values.get(key)
            }
        }
    }
}

/// One Arrow column, read for its field.
enum Column {
    Absent,
    Text(Strings),
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
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Strings::of(array).map_or(Column::Other { kind: "str", shown: None }, Column::Text)
            }
            DataType::Dictionary(_, values)
                if matches!(**values, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) =>
            {
                Strings::of(array).map_or(Column::Other { kind: "str", shown: None }, Column::Text)
            }
            // A dictionary of other values (a categorical of numbers): read as its values.
            DataType::Dictionary(_, values) => match arrow_cast::cast(array, values) {
                Ok(plain) => Column::of(&plain),
                Err(_) => Column::Other { kind: "object", shown: to_utf8(array) },
            },
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

/// An Arrow record batch read column by column: the registrations of any range of its
/// rows, read where they are checked (on the core's threads, a block at a time).
pub(super) struct ArrowChunk {
    columns: Vec<Column>,
    len: usize,
}

impl ArrowChunk {
    pub(super) fn of(batch: &RecordBatch) -> Self {
        let columns = NAMES.iter().map(|f| batch.column_by_name(f).map_or(Column::Absent, Column::of)).collect();
        ArrowChunk { columns, len: batch.num_rows() }
    }
}

impl core::registration::RegistrationRows for ArrowChunk {
    fn len(&self) -> usize {
        self.len
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        let (start, first_found) = (views.len(), found.len());
        views.resize(start + rows.len(), RegistrationRef::default());
        let views = views.get_mut(start..).unwrap_or_default();
        for (field, column) in self.columns.iter().enumerate() {
            if field == OCCURRENCE {
                read_occurrences(column, rows.clone(), views, found);
                continue;
            }
            let name = FIELDS.get(field).copied().unwrap_or("");
            // A closure per field, not a function pointer: each column's loop is compiled
            // with its store inlined, no call per cell.
            match field {
                0 => texts(column, rows.clone(), views, |v, t| v.full_name = Some(t)),
                1 => texts(column, rows.clone(), views, |v, t| v.email = Some(t)),
                2 => texts(column, rows.clone(), views, |v, t| v.country = Some(t)),
                3 => texts(column, rows.clone(), views, |v, t| v.organisation = Some(t)),
                4 => texts(column, rows.clone(), views, |v, t| v.audience = Some(t)),
                5 => texts(column, rows.clone(), views, |v, t| v.language = Some(t)),
                SUBMITTED => texts(column, rows.clone(), views, |v, t| v.submitted_at = Some(Submitted::Text(t))),
                _ => {}
            }
            match column {
                Column::Absent => {}
                Column::Text(a) if field == CONSENT => {
                    for (row, i) in rows.clone().enumerate() {
                        if let Some(t) = a.get(i) {
                            found.push((row, invalid_value("consent", "text", t)));
                        }
                    }
                }
                Column::Text(_) => {}
                Column::Bool(a) => {
                    for (row, i) in cells(rows.clone(), |i| a.is_valid(i)) {
                        if field == CONSENT {
                            if let Some(view) = views.get_mut(row) {
                                view.consent = Some(a.value(i));
                            }
                        } else {
                            found.push((row, invalid_value(name, "bool", if a.value(i) { "True" } else { "False" })));
                        }
                    }
                }
                Column::Instants(a) => {
                    for (row, i) in cells(rows.clone(), |i| a.is_valid(i)) {
                        match (DateTime::<Utc>::from_timestamp_micros(a.value(i)), views.get_mut(row)) {
                            (Some(t), Some(view)) if field == SUBMITTED => view.submitted_at = Some(Submitted::At(t)),
                            _ => found.push((row, invalid_value(name, "datetime", &a.value(i).to_string()))),
                        }
                    }
                }
                Column::Naive(a) => {
                    let kind = if field == SUBMITTED { "naive datetime" } else { "datetime" };
                    for (row, i) in cells(rows.clone(), |i| a.is_valid(i)) {
                        found.push((row, invalid_value(name, kind, &naive_shown(a.value(i)))));
                    }
                }
                Column::Float(a) => {
                    for (row, i) in cells(rows.clone(), |i| a.is_valid(i) && !a.value(i).is_nan()) {
                        found.push((row, invalid_value(name, "float", &python_float(a.value(i)))));
                    }
                }
                Column::Other { kind, shown } => {
                    for (row, i) in rows.clone().enumerate() {
                        match shown {
                            Some(s) if s.is_null(i) => {}
                            Some(s) => found.push((row, invalid_value(name, kind, s.value(i)))),
                            None => found.push((row, invalid_value(name, kind, "?"))),
                        }
                    }
                }
            }
        }
        // Read column by column, the problems go back in row order (each row's in field order).
        if let Some(found) = found.get_mut(first_found..) {
            found.sort_by_key(|&(row, _)| row);
        }
    }
}

/// Each row of `rows` with its place among them, where `valid` holds (a cell that is not null).
fn cells(rows: Range<usize>, valid: impl Fn(usize) -> bool) -> impl Iterator<Item = (usize, usize)> {
    rows.enumerate().filter(move |&(_, i)| valid(i))
}

/// A text column's values of `rows` stored into their views by `set` (nulls left out);
/// other columns are read by the caller.
fn texts<'a>(
    column: &'a Column,
    rows: Range<usize>,
    views: &mut [RegistrationRef<'a>],
    set: impl Fn(&mut RegistrationRef<'a>, &'a str),
) {
    let Column::Text(strings) = column else { return };
    // Each kind's loop compiled on its own: no match per cell.
    match strings {
        Strings::Utf8(a) => fill(a, rows, views, set),
        Strings::Large(a) => fill(a, rows, views, set),
        Strings::View(a) => fill(a, rows, views, set),
        Strings::Dict(keys, values) => {
            for (view, i) in views.iter_mut().zip(rows) {
                if let Some(t) =
                    keys.is_valid(i).then(|| keys.value(i)).and_then(|k| values.get(usize::try_from(k).ok()?))
                {
                    set(view, t);
                }
            }
        }
    }
}

/// The values of `rows` of one kind of text array stored into their views (nulls left out).
fn fill<'a, A>(
    a: &'a A,
    rows: Range<usize>,
    views: &mut [RegistrationRef<'a>],
    set: impl Fn(&mut RegistrationRef<'a>, &'a str),
) where
    A: Array,
    &'a A: ArrayAccessor<Item = &'a str>,
{
    match a.nulls() {
        None => views.iter_mut().zip(rows).for_each(|(view, i)| set(view, a.value(i))),
        Some(nulls) => {
            for (view, i) in views.iter_mut().zip(rows).filter(|&(_, i)| nulls.is_valid(i)) {
                set(view, a.value(i));
            }
        }
    }
}

/// An Arrow column of occurrences: text (ISO wall times) or timestamps without a zone (wall
/// times); anything else, an aware timestamp too, is a cell of the wrong kind.
fn read_occurrences<'a>(
    column: &'a Column,
    rows: Range<usize>,
    views: &mut [RegistrationRef<'a>],
    found: &mut Vec<(usize, Violation)>,
) {
    let mut text = |row: usize, t: &str| match (core::text::parse_wall_time(t), views.get_mut(row)) {
        (Some(t), Some(view)) => view.occurrence = Some(t),
        _ => found.push((row, invalid_value("occurrence", "text", t))),
    };
    match column {
        Column::Absent => {}
        Column::Text(a) => {
            for (row, i) in rows.clone().enumerate() {
                if let Some(t) = a.get(i) {
                    text(row, t);
                }
            }
        }
        Column::Naive(a) => {
            for (row, i) in cells(rows.clone(), |i| a.is_valid(i)) {
                match (DateTime::<Utc>::from_timestamp_micros(a.value(i)), views.get_mut(row)) {
                    (Some(t), Some(view)) => view.occurrence = Some(t.naive_utc()),
                    _ => found.push((row, invalid_value("occurrence", "datetime", &a.value(i).to_string()))),
                }
            }
        }
        Column::Instants(a) => {
            for (row, i) in cells(rows.clone(), |i| a.is_valid(i)) {
                found.push((row, invalid_value("occurrence", "aware datetime", &a.value(i).to_string())));
            }
        }
        Column::Bool(a) => {
            for (row, i) in cells(rows.clone(), |i| a.is_valid(i)) {
                found.push((row, invalid_value("occurrence", "bool", if a.value(i) { "True" } else { "False" })));
            }
        }
        Column::Float(a) => {
            for (row, i) in cells(rows.clone(), |i| a.is_valid(i) && !a.value(i).is_nan()) {
                found.push((row, invalid_value("occurrence", "float", &python_float(a.value(i)))));
            }
        }
        Column::Other { kind, shown } => {
            for (row, i) in rows.clone().enumerate() {
                match shown {
                    Some(s) if s.is_null(i) => {}
                    Some(s) => found.push((row, invalid_value("occurrence", kind, s.value(i)))),
                    None => found.push((row, invalid_value("occurrence", kind, "?"))),
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

/// A chunk of a pandas frame read both ways: the object columns' cells as Python read them
/// (with their problems), the other columns from Arrow (absent among the Python cells).
pub(super) struct Mixed<'a> {
    pub(super) python: &'a PyChunk,
    pub(super) arrow: &'a ArrowChunk,
}

impl core::registration::RegistrationRows for Mixed<'_> {
    fn len(&self) -> usize {
        self.python.len()
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        let (start, first_found) = (views.len(), found.len());
        self.arrow.read(rows.clone(), views, found);
        for (view, row) in views.get_mut(start..).unwrap_or_default().iter_mut().zip(rows.clone()) {
            let cells = self.python.view(row);
            // Each field comes from one side: the other left it empty.
            view.full_name = view.full_name.or(cells.full_name);
            view.email = view.email.or(cells.email);
            view.country = view.country.or(cells.country);
            view.organisation = view.organisation.or(cells.organisation);
            view.audience = view.audience.or(cells.audience);
            view.language = view.language.or(cells.language);
            view.consent = view.consent.or(cells.consent);
            view.submitted_at = view.submitted_at.or(cells.submitted_at);
            view.occurrence = view.occurrence.or(cells.occurrence);
        }
        let problems = self.python.found(rows);
        if problems.iter().all(Vec::is_empty) {
            return;
        }
        for (row, problems) in problems.iter().enumerate() {
            found.extend(problems.iter().map(|v| (row, v.clone())));
        }
        // In row order, each row's in field order, as one side alone gives them.
        let place = |v: &Violation| NAMES.iter().position(|f| *f == v.path).unwrap_or(0);
        if let Some(found) = found.get_mut(first_found..) {
            found.sort_by_key(|(row, v)| (*row, place(v)));
        }
    }
}

/// Arrow data read as one source of rows, numbered across its record batches: the rows
/// kix-core's desk reads to their end (`RegistrationDesk::validate_source`), and reads again
/// by number for the addresses it keeps as rows.
pub(crate) struct ArrowRows {
    /// Each batch's first row and its columns.
    batches: Vec<(usize, ArrowChunk)>,
    len: usize,
}

impl ArrowRows {
    pub(crate) fn of(batches: &[RecordBatch]) -> Self {
        let mut len = 0;
        let batches = batches
            .iter()
            .filter(|b| b.num_rows() > 0)
            .map(|b| {
                let first = len;
                len += b.num_rows();
                (first, ArrowChunk::of(b))
            })
            .collect();
        ArrowRows { batches, len }
    }
}

impl core::registration::RegistrationRows for ArrowRows {
    fn len(&self) -> usize {
        self.len
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        // The batches the rows lie in, from the last that starts at or before the first row.
        let from = self.batches.partition_point(|(first, _)| *first <= rows.start).saturating_sub(1);
        for (first, batch) in self.batches.get(from..).unwrap_or_default() {
            let part = rows.start.max(*first)..rows.end.min(first + batch.len);
            if part.start >= rows.end {
                break;
            }
            if part.is_empty() {
                continue;
            }
            let (shift, problems) = (part.start - rows.start, found.len());
            batch.read(part.start - first..part.end - first, views, found);
            // A batch numbers its problems among its part; they belong among `rows`.
            for (row, _) in found.get_mut(problems..).unwrap_or_default() {
                *row += shift;
            }
        }
    }
}
