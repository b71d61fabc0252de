//! Reading the records of a batch: an iterable of mappings, a pandas DataFrame, or anything
//! that speaks the Arrow PyCapsule interface (pyarrow, polars, pandas with Arrow dtypes).
//!
//! Records are read a chunk at a time: Python objects into a [`PyChunk`], which holds each
//! `str` and reads its text in place, Arrow data where it lies. No field is copied, no per-row
//! dict is built for a frame, and a cell of the wrong kind becomes a
//! `registration.invalid_value` of its row. The core makes the [`RegistrationRef`]s on its own
//! threads, where it checks them, without the GIL. Exact types are checked first (a `str` is
//! read as text before anything else) and no exception is raised to probe a type. The caller
//! validates each chunk with the GIL released (a frame's next chunk is read meanwhile, see
//! `ahead.rs`), checks for signals and reports progress between chunks (see `batch.rs`).

use std::sync::Arc;

use arrow_array::builder::LargeStringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use chrono::{DateTime, NaiveDateTime, Utc};
use kix_core as core;
use kix_core::registration::{RegistrationRef, RegistrationRows, Submitted, invalid_value};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::type_object::PyTypeInfo;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyList, PySlice, PyString};

use crate::convert::{instant_arg, naive_arg, type_name};

mod ahead;
mod columns;
mod owned;
pub(crate) use ahead::ReadAhead;
use ahead::read_frame_rows;
use columns::{ArrowChunk, Mixed, arrow_backed, read_batches};
pub(crate) use columns::{ArrowRows, arrow_frame};
pub(crate) use owned::{records_from, registration_from};
use pyo3_arrow::input::AnyRecordBatch;

/// Records read per chunk: small enough that a signal is seen within milliseconds and that
/// the chunk's cells and views stay in the core's caches while the core reads them (1024
/// instead of 4096 made 100k dicts 12% faster and Arrow rows 4%, 512 dicts another 5%; 256 is
/// no faster), large enough that the per-chunk calls (releasing the GIL, checking signals) vanish.
pub(crate) const CHUNK: usize = 512;
/// Arrow rows per chunk: read from the buffers without Python on the core's threads (see
/// `RegistrationDesk::validate_rows`), a chunk is worth sharing among them only when large
/// (16,384 rows took 19% less time than 4,096 on two threads), and a signal is still seen
/// within milliseconds.
pub(crate) const ARROW_CHUNK: usize = 16384;
/// Rows of a pandas frame's object columns per chunk: read under the GIL while the core's
/// other threads check the chunk before, which a chunk is worth sharing among only when large
/// (see `ARROW_CHUNK`): a million rows of a pandas 3 object frame, 5 rounds alternating in one
/// process, took a median of 1.14 s in chunks of 8,192, 1.18 s of 4,096, 1.23 s of 2,048 and
/// 1.41 s of 512 (before the reading ahead; with it, 4,096 to 32,768 took the same, 0.58-0.60 s).
const FRAME_CHUNK: usize = 8192;

const FIELDS: [&str; 8] = core::exports::REGISTRATION_FIELDS;
/// The cells read per record: the fields of an export, and the occurrence registered for.
const NAMES: [&str; 9] =
    [FIELDS[0], FIELDS[1], FIELDS[2], FIELDS[3], FIELDS[4], FIELDS[5], FIELDS[6], FIELDS[7], "occurrence"];
const CELLS: usize = NAMES.len();
/// The answers `counts(by=…)` reads: audience and language.
const ANSWERS: [&str; 2] = [FIELDS[4], FIELDS[5]];
const CONSENT: usize = 6;
const SUBMITTED: usize = 7;
const OCCURRENCE: usize = 8;
/// A mapping's `row` key, after the cells.
const ROW: usize = CELLS;

/// Whether a cell is missing: None, a float NaN, or pandas' NA / NaT. Exact
/// types first: a str is never missing, and nothing is probed by raising.
pub(crate) fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    if v.is_none() {
        return true;
    }
    if PyString::is_type_of(v) || PyBool::is_type_of(v) {
        return false;
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // pandas' missing markers, by name: importing pandas to compare types would cost more.
    matches!(type_name(v).as_str(), "NAType" | "NaTType")
}

/// A str as Rust text; a lone surrogate (Python allows them) becomes U+FFFD,
/// which the registration rules report on the record.
pub(crate) fn text_of(s: &Bound<'_, PyString>) -> String {
    text_in(s).into_owned()
}

/// [`text_of`] borrowed where the str is UTF-8 already.
fn text_in<'s>(s: &'s Bound<'_, PyString>) -> std::borrow::Cow<'s, str> {
    match s.to_str() {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => s.to_string_lossy(),
    }
}

/// What a cell of the wrong kind is shown as in its violation.
fn shown(v: &Bound<'_, PyAny>) -> String {
    v.str().map(|s| text_of(&s)).unwrap_or_else(|_| "?".to_owned())
}

/// A cell as the rules will read it: a text taken from its `str`, which the cell holds on to,
/// so that the core's threads read the cells where they check them, without the GIL.
enum Cell {
    Missing,
    Text(PyBackedStr),
    Bool(bool),
    At(DateTime<Utc>),
    Wall(NaiveDateTime),
}

/// A `str` cell's text. A str that is not UTF-8 (a lone surrogate, which Python allows) is
/// read as its U+FFFD form, which the rules report on the record (`registration.undecodable_text`):
/// the str is the `object` of the `UnicodeEncodeError` that refused it (taking the str itself is
/// what a text costs: no second reference to it, no second look at its characters).
fn text_cell(s: Bound<'_, PyString>) -> Cell {
    let py = s.py();
    match PyBackedStr::try_from(s) {
        Ok(text) => Cell::Text(text),
        Err(e) => {
            let refused = e.value(py).getattr(intern!(py, "object")).ok();
            let lossy = refused.as_ref().and_then(|o| o.cast::<PyString>().ok()).map(text_of);
            lossy.and_then(|t| PyBackedStr::try_from(PyString::new(py, &t)).ok()).map_or(Cell::Missing, Cell::Text)
        }
    }
}

/// An occurrence cell: a naive datetime or ISO text of the occurrence's wall-clock start.
fn occurrence_cell(v: &Bound<'_, PyAny>, found: &mut Vec<core::Violation>) -> Cell {
    if let Ok(s) = v.cast::<PyString>() {
        let text = text_of(s);
        return match core::text::parse_wall_time(&text) {
            Some(t) => Cell::Wall(t),
            None => {
                found.push(invalid_value("occurrence", "text", &text));
                Cell::Missing
            }
        };
    }
    if is_missing(v) {
        return Cell::Missing;
    }
    if v.is_instance_of::<PyDateTime>() {
        let naive = v.call_method0(intern!(v.py(), "utcoffset")).is_ok_and(|o| o.is_none());
        match naive_arg(v) {
            Ok(t) if naive => return Cell::Wall(t),
            _ => {
                found.push(invalid_value("occurrence", "aware datetime", &shown(v)));
                return Cell::Missing;
            }
        }
    }
    found.push(invalid_value("occurrence", &type_name(v), &shown(v)));
    Cell::Missing
}

/// Reads one Python cell for a field, reporting a cell of the wrong kind in `found`.
fn classify(field: usize, cell: Option<Bound<'_, PyAny>>, found: &mut Vec<core::Violation>) -> Cell {
    let Some(v) = cell else { return Cell::Missing };
    if field == OCCURRENCE {
        return occurrence_cell(&v, found);
    }
    if PyString::is_exact_type_of(&v) || PyString::is_type_of(&v) {
        if field == CONSENT {
            found.push(invalid_value("consent", "text", &shown(&v)));
            return Cell::Missing;
        }
        return v.cast_into::<PyString>().map_or(Cell::Missing, text_cell);
    }
    if v.is_none() {
        return Cell::Missing;
    }
    if field == CONSENT {
        // Only real booleans (Python's and numpy's): 1.5 or "yes" are not consent.
        if let Ok(b) = v.cast::<PyBool>() {
            return Cell::Bool(b.is_true());
        }
        if is_missing(&v) {
            return Cell::Missing;
        }
        let kind = type_name(&v);
        if kind == "bool_" {
            return v.is_truthy().map_or(Cell::Missing, Cell::Bool);
        }
        found.push(invalid_value("consent", &kind, &shown(&v)));
        return Cell::Missing;
    }
    if is_missing(&v) {
        return Cell::Missing;
    }
    if field == SUBMITTED && v.is_instance_of::<PyDateTime>() {
        return match instant_arg(&v) {
            Ok(t) => Cell::At(t),
            Err(_) => {
                found.push(invalid_value("submitted_at", "naive datetime", &shown(&v)));
                Cell::Missing
            }
        };
    }
    found.push(invalid_value(FIELDS.get(field).copied().unwrap_or(""), &type_name(&v), &shown(&v)));
    Cell::Missing
}

/// One chunk of records read from Python objects: nine cells per record, and the problems
/// found reading each. It holds no Python object but the strs whose text it reads, so the
/// core reads its rows on its own threads, where it checks them.
#[derive(Default)]
pub(crate) struct PyChunk {
    cells: Vec<Cell>,
    found: Vec<Vec<core::Violation>>,
}

impl PyChunk {
    fn clear(&mut self) {
        self.cells.clear();
        self.found.clear();
    }

    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// Adds a record from its cells (missing ones as `None`) and the problems found so far.
    fn push(&mut self, cells: [Option<Bound<'_, PyAny>>; CELLS], mut found: Vec<core::Violation>) {
        for (field, cell) in cells.into_iter().enumerate() {
            let cell = classify(field, cell, &mut found);
            self.cells.push(cell);
        }
        self.found.push(found);
    }

    /// The problems found reading the records `rows`.
    pub(super) fn found(&self, rows: std::ops::Range<usize>) -> &[Vec<core::Violation>] {
        self.found.get(rows.start.min(self.len())..rows.end.min(self.len())).unwrap_or_default()
    }

    /// Record `row` as the rules read it, borrowing the texts.
    pub(super) fn view(&self, row: usize) -> RegistrationRef<'_> {
        let cells = self.cells.get(row * CELLS..(row + 1) * CELLS).unwrap_or_default();
        let text = |i: usize| match cells.get(i) {
            Some(Cell::Text(s)) => Some(&**s),
            _ => None,
        };
        RegistrationRef {
            full_name: text(0),
            email: text(1),
            country: text(2),
            organisation: text(3),
            audience: text(4),
            language: text(5),
            consent: match cells.get(CONSENT) {
                Some(Cell::Bool(b)) => Some(*b),
                _ => None,
            },
            submitted_at: match cells.get(SUBMITTED) {
                Some(Cell::At(t)) => Some(Submitted::At(*t)),
                Some(Cell::Text(s)) => Some(Submitted::Text(s)),
                _ => None,
            },
            occurrence: match cells.get(OCCURRENCE) {
                Some(Cell::Wall(t)) => Some(*t),
                _ => None,
            },
        }
    }
}

impl RegistrationRows for PyChunk {
    fn len(&self) -> usize {
        PyChunk::len(self)
    }

    fn read<'s>(
        &'s self,
        rows: std::ops::Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, core::Violation)>,
    ) {
        let rows = rows.start.min(self.len())..rows.end.min(self.len());
        views.extend(rows.clone().map(|row| self.view(row)));
        for (i, problems) in self.found(rows).iter().enumerate() {
            found.extend(problems.iter().map(|v| (i, v.clone())));
        }
    }
}

/// The input's own labels for the outcomes: positions, with the `row` of records that
/// name one, or a DataFrame's index (converted only when asked for).
pub(crate) enum Labels {
    Positions { len: usize, rows: Vec<(usize, Py<PyAny>)> },
    Index(Py<PyAny>),
}

impl Labels {
    pub(crate) fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match self {
            Labels::Positions { len, rows } => {
                let list = PyList::new(py, 0..*len)?;
                for (i, label) in rows {
                    list.set_item(*i, label.clone_ref(py))?;
                }
                Ok(list)
            }
            Labels::Index(index) => Ok(index.bind(py).call_method0(intern!(py, "tolist"))?.cast_into::<PyList>()?),
        }
    }

    /// A pandas Index of the labels.
    pub(crate) fn to_pandas_index<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Labels::Index(index) => Ok(index.bind(py).clone()),
            Labels::Positions { len, rows } if rows.is_empty() => {
                py.import(intern!(py, "pandas"))?.getattr(intern!(py, "RangeIndex"))?.call1((*len,))
            }
            labels => py.import(intern!(py, "pandas"))?.getattr(intern!(py, "Index"))?.call1((labels.to_list(py)?,)),
        }
    }
}

/// Where records come from, recognised once per call.
pub(crate) enum Source<'py> {
    Rows {
        iter: Bound<'py, pyo3::types::PyIterator>,
        total: Option<usize>,
    },
    /// A pandas frame with object columns: those read as Python objects (`columns`), the
    /// others, if any, from Arrow (`arrow`, the batches of those columns only).
    Frame {
        columns: Vec<Option<Bound<'py, PyAny>>>,
        arrow: Vec<RecordBatch>,
        len: usize,
        index: Bound<'py, PyAny>,
    },
    /// The record batches (the buffers are shared with the producer, not copied), so that
    /// the count is known before validating.
    Arrow {
        batches: Vec<RecordBatch>,
        index: Option<Bound<'py, PyAny>>,
    },
}

const NOT_RECORDS: &str = "records must be an iterable of dicts, a pandas DataFrame or Arrow data \
     (a pyarrow Table, a polars DataFrame: anything with __arrow_c_stream__)";

/// Whether a pandas column is read through Arrow: its values kept in Arrow, a categorical
/// (a dictionary in Arrow) or booleans (a bitmap). pandas 3's `str` dtype says it is of kind
/// `O` like an object column, but holds an Arrow array: turning it into Python strings (as
/// `to_numpy()` does) made a pandas 3 frame kix's slowest and largest input.
fn arrow_readable(series: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = series.py();
    if arrow_backed(series)? {
        return Ok(true);
    }
    let dtype = series.getattr(intern!(py, "dtype"))?;
    Ok(type_name(&dtype) == "CategoricalDtype" || dtype.getattr(intern!(py, "kind"))?.eq("b")?)
}

/// A pandas column read as Python objects: an object column through its numpy array (a
/// view, no copy), any other through `iloc`.
fn python_column<'py>(series: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = series.py();
    if series.getattr(intern!(py, "dtype"))?.getattr(intern!(py, "kind"))?.eq("O")? {
        series.call_method0(intern!(py, "to_numpy"))
    } else {
        series.getattr(intern!(py, "iloc"))
    }
}

pub(crate) fn is_pandas_frame(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    let module = obj.get_type().getattr(intern!(py, "__module__"))?;
    let from_pandas = module.cast::<PyString>().is_ok_and(|m| m.to_str().is_ok_and(|m| m.starts_with("pandas")));
    Ok(from_pandas && obj.hasattr(intern!(py, "columns"))? && obj.hasattr(intern!(py, "iloc"))?)
}

impl<'py> Source<'py> {
    pub(crate) fn of(records: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = records.py();
        if is_pandas_frame(records)? {
            return Source::of_pandas(records);
        }
        if records.hasattr(intern!(py, "__arrow_c_stream__"))? || records.hasattr(intern!(py, "__arrow_c_array__"))? {
            return Ok(Source::Arrow { batches: read_batches(records.extract()?)?, index: None });
        }
        if records.is_instance_of::<PyString>() || records.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(NOT_RECORDS));
        }
        let total = records.len().ok();
        let iter = records.try_iter().map_err(|_| PyTypeError::new_err(NOT_RECORDS))?;
        Ok(Source::Rows { iter, total })
    }

    /// A pandas DataFrame: the columns that keep their values in Arrow (pandas 3's `str`,
    /// `string[pyarrow]`, `ArrowDtype`), categoricals and booleans through the frame's
    /// `__arrow_c_stream__` (pyarrow shares the Arrow buffers, turns a categorical into a
    /// dictionary and a boolean column into a bitmap: no text is copied, no Python string made);
    /// object columns through their numpy arrays, a chunk of Python objects at a time.
    fn of_pandas(records: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = records.py();
        let index = records.getattr(intern!(py, "index"))?;
        let names = records.getattr(intern!(py, "columns"))?;
        let streams = records.hasattr(intern!(py, "__arrow_c_stream__"))?;
        let (mut columns, mut in_arrow, mut series) = (Vec::with_capacity(CELLS), Vec::new(), Vec::new());
        for field in NAMES {
            if !names.contains(field)? {
                columns.push(None);
                continue;
            }
            let column = records.get_item(field)?;
            if streams && arrow_readable(&column)? {
                in_arrow.push(field);
                columns.push(None);
            } else {
                columns.push(Some(python_column(&column)?));
            }
            series.push(column);
        }
        let len = records.len()?;
        if in_arrow.is_empty() {
            return Ok(Source::Frame { columns, arrow: Vec::new(), len, index });
        }
        let subset = records.get_item(PyList::new(py, &in_arrow)?)?;
        // Without pyarrow (or with values pyarrow cannot type, a categorical of mixed kinds)
        // the frame cannot be streamed: those columns are read as Python objects instead.
        match subset.extract::<AnyRecordBatch>().and_then(read_batches) {
            Ok(batches) if in_arrow.len() == series.len() => Ok(Source::Arrow { batches, index: Some(index) }),
            Ok(batches) => Ok(Source::Frame { columns, arrow: batches, len, index }),
            Err(_) => {
                for (cell, field) in columns.iter_mut().zip(NAMES) {
                    if in_arrow.contains(&field) {
                        *cell = Some(python_column(&records.get_item(field)?)?);
                    }
                }
                Ok(Source::Frame { columns, arrow: Vec::new(), len, index })
            }
        }
    }

    /// For Arrow data, its audience and language columns (shared with the producer, not
    /// copied), so that the outcomes can read those answers when asked instead of during the batch.
    pub(crate) fn answer_columns(&self) -> Option<Vec<RecordBatch>> {
        self.arrow_columns(&ANSWERS)
    }

    /// For Arrow data, its column of addresses (shared with the producer, not copied), from
    /// which the outcomes make an address again when asked instead of keeping a copy of each.
    pub(crate) fn email_column(&self) -> Option<ArrowRows> {
        self.arrow_columns(&[FIELDS[1]]).map(|batches| ArrowRows::of(&batches))
    }

    /// A pandas frame's object column of addresses copied into one Arrow column (the text once:
    /// about 32 MB for a million), which the desk and the outcomes read again without the GIL,
    /// instead of each keeping a copy of every address (see `RegistrationDesk::validate_next_from`).
    /// A cell that is not a `str` is a null, as the rules read it (missing, or of the wrong kind);
    /// a `str` that is not UTF-8 is copied as the rules read it too (see `text_cell`).
    pub(crate) fn email_copy(&self, py: Python<'_>) -> PyResult<Option<RecordBatch>> {
        let Source::Frame { columns, len, .. } = self else { return Ok(None) };
        let Some(Some(column)) = columns.get(1) else { return Ok(None) };
        let mut copy = LargeStringBuilder::with_capacity(*len, len.saturating_mul(24));
        for start in (0..*len).step_by(FRAME_CHUNK) {
            let slice = PySlice::new(py, start as isize, (*len).min(start + FRAME_CHUNK) as isize, 1);
            let cells = column.get_item(&slice)?.call_method0(intern!(py, "tolist"))?.cast_into::<PyList>()?;
            for cell in cells.iter() {
                match cell.cast::<PyString>() {
                    Ok(s) => copy.append_value(text_in(s)),
                    Err(_) => copy.append_null(),
                }
            }
        }
        let column: ArrayRef = Arc::new(copy.finish());
        Ok(RecordBatch::try_from_iter([(FIELDS[1], column)]).ok())
    }

    /// Arrow data's columns of these fields, those it has.
    fn arrow_columns(&self, fields: &[&str]) -> Option<Vec<RecordBatch>> {
        let Source::Arrow { batches, .. } = self else { return None };
        let project = |b: &RecordBatch| -> Option<RecordBatch> {
            let schema = b.schema();
            let keep: Vec<usize> = fields.iter().filter_map(|f| schema.index_of(f).ok()).collect();
            b.project(&keep).ok()
        };
        batches.iter().map(project).collect()
    }

    /// Arrow data as one source of rows (the desk reads it to its end and keeps its
    /// addresses as row numbers), with its labels; any other source as it is.
    pub(crate) fn into_arrow(self) -> Result<(ArrowRows, Labels), Self> {
        match self {
            Source::Arrow { batches, index } => {
                let rows = ArrowRows::of(&batches);
                let len = core::registration::RegistrationRows::len(&rows);
                let labels = match index {
                    Some(index) => Labels::Index(index.unbind()),
                    None => Labels::Positions { len, rows: Vec::new() },
                };
                Ok((rows, labels))
            }
            other => Err(other),
        }
    }

    /// How many records, when known before reading.
    pub(crate) fn total(&self) -> Option<usize> {
        match self {
            Source::Rows { total, .. } => *total,
            Source::Frame { len, .. } => Some(*len),
            Source::Arrow { batches, .. } => Some(batches.iter().map(RecordBatch::num_rows).sum()),
        }
    }
}

/// A record's cells (missing ones `None`), the problems of the record as a whole,
/// and its `row` label if it has one.
type Cells<'py> = ([Option<Bound<'py, PyAny>>; CELLS], Vec<core::Violation>, Option<Bound<'py, PyAny>>);

/// The field a dict key names, if any: the interned key itself first (a literal key is that
/// very object), else its text. `Some(ROW)` is `row`.
fn field_of(key: &Bound<'_, PyAny>, keys: &[Bound<'_, PyString>; CELLS + 1]) -> Option<usize> {
    if let Some(i) = keys.iter().position(|k| k.is(key)) {
        return Some(i);
    }
    let text = key.cast::<PyString>().ok()?.to_str().ok()?;
    NAMES.iter().position(|f| *f == text).or((text == "row").then_some(ROW))
}

/// Reads a mapping's fields, its occurrence and its `row`: a dict in one pass over its items,
/// another mapping through `[]`.
fn read_mapping<'py>(record: &Bound<'py, PyAny>, keys: &[Bound<'py, PyString>; CELLS + 1]) -> PyResult<Cells<'py>> {
    let mut cells: [Option<Bound<'py, PyAny>>; CELLS] = Default::default();
    if let Ok(dict) = record.cast::<PyDict>() {
        let mut row = None;
        for (key, value) in dict.iter() {
            match field_of(&key, keys) {
                Some(ROW) => row = Some(value),
                Some(i) => {
                    if let Some(cell) = cells.get_mut(i) {
                        *cell = Some(value);
                    }
                }
                None => {}
            }
        }
        return Ok((cells, Vec::new(), row));
    }
    if !record.hasattr(intern!(record.py(), "keys"))? {
        return Ok((cells, vec![invalid_value("", &type_name(record), &shown(record))], None));
    }
    for (cell, key) in cells.iter_mut().zip(keys) {
        *cell = match record.get_item(key) {
            Ok(v) => Some(v),
            Err(e) if e.is_instance_of::<PyKeyError>(record.py()) => None,
            Err(e) => return Err(e),
        };
    }
    Ok((cells, Vec::new(), None))
}

/// The cell names and `row`, interned.
fn field_keys(py: Python<'_>) -> [Bound<'_, PyString>; CELLS + 1] {
    let [a, b, c, d, e, f, g, h, i] = NAMES.map(|f| PyString::intern(py, f));
    [a, b, c, d, e, f, g, h, i, PyString::intern(py, "row")]
}

/// Feeds the records of a source chunk by chunk to `each`, which gets the registrations,
/// borrowed, with each one's cell problems. Returns the labels and the count.
pub(crate) fn for_each_chunk<'py>(
    py: Python<'py>,
    source: Source<'py>,
    mut each: impl FnMut(&dyn RegistrationRows) -> PyResult<()>,
) -> PyResult<(Labels, usize)> {
    for_each_chunk_ahead(py, source, |rows, _| each(rows))
}

/// A chunk's rows, with the Arrow batch they lie in and that batch's first row.
type Span<'b> = (std::ops::Range<usize>, Option<(usize, &'b RecordBatch)>);

/// The rows of a frame's chunks, each with the Arrow batch it lies in: a chunk never spans two.
fn frame_spans(len: usize, arrow: &[RecordBatch]) -> Vec<Span<'_>> {
    let mut batches = arrow.iter().scan(0usize, |at, b| {
        let start = *at;
        *at += b.num_rows();
        Some((start, b))
    });
    let (mut batch, mut start, mut spans) = (batches.next(), 0usize, Vec::new());
    while start < len {
        while let Some((at, b)) = batch
            && start >= at + b.num_rows()
        {
            batch = batches.next();
        }
        let end = batch.map_or(len, |(at, b)| at + b.num_rows()).min(start + FRAME_CHUNK).min(len);
        spans.push((start..end, batch));
        start = end;
    }
    spans
}

/// [`for_each_chunk`], with `each` also given what the calling thread may do while the core
/// checks the chunk (see [`ReadAhead`]): for a frame's Python cells, read the next chunk. What
/// `each` does not have read meanwhile is read after it.
pub(crate) fn for_each_chunk_ahead<'py>(
    py: Python<'py>,
    source: Source<'py>,
    mut each: impl FnMut(&dyn RegistrationRows, &mut ReadAhead<'_, 'py>) -> PyResult<()>,
) -> PyResult<(Labels, usize)> {
    match source {
        Source::Rows { iter, .. } => {
            let keys = field_keys(py);
            let mut chunk = PyChunk::default();
            let (mut n, mut rows) = (0usize, Vec::new());
            let mut iter = iter.into_iter();
            loop {
                chunk.clear();
                for item in iter.by_ref().take(CHUNK) {
                    let item = item?;
                    let (cells, found, row) = read_mapping(&item, &keys)?;
                    if let Some(row) = row {
                        rows.push((n, row.unbind()));
                    }
                    chunk.push(cells, found);
                    n += 1;
                }
                if chunk.len() == 0 {
                    break;
                }
                each(&chunk, &mut ReadAhead::nothing(py))?;
                if chunk.len() < CHUNK {
                    break;
                }
            }
            Ok((Labels::Positions { len: n, rows }, n))
        }
        Source::Frame { columns, arrow, len, index } => {
            let spans = frame_spans(len, &arrow);
            // Two chunks: the one being checked, and the next, read meanwhile.
            let mut chunks = [PyChunk::default(), PyChunk::default()];
            if let (Some((rows, _)), [first, _]) = (spans.first(), &mut chunks) {
                read_frame_rows(py, &columns, rows.clone(), first)?;
            }
            for (k, (rows, batch)) in spans.iter().enumerate() {
                let [a, b] = &mut chunks;
                let (chunk, next) = if k % 2 == 0 { (a, b) } else { (b, a) };
                let mut ahead = match spans.get(k + 1) {
                    Some((rows, _)) => ReadAhead::rows(py, &columns, rows.clone(), next),
                    None => ReadAhead::nothing(py),
                };
                match batch {
                    Some((at, b)) => {
                        let arrow = ArrowChunk::of(&b.slice(rows.start - at, rows.len()));
                        each(&Mixed { python: chunk, arrow: &arrow }, &mut ahead)?;
                    }
                    None => each(chunk, &mut ahead)?,
                }
                ahead.finish()?;
            }
            Ok((Labels::Index(index.unbind()), len))
        }
        Source::Arrow { batches, index } => {
            let mut n = 0usize;
            for batch in batches {
                for start in (0..batch.num_rows()).step_by(ARROW_CHUNK) {
                    let len = ARROW_CHUNK.min(batch.num_rows() - start);
                    each(&ArrowChunk::of(&batch.slice(start, len)), &mut ReadAhead::nothing(py))?;
                    n += len;
                }
            }
            let labels = match index {
                Some(index) => Labels::Index(index.unbind()),
                None => Labels::Positions { len: n, rows: Vec::new() },
            };
            Ok((labels, n))
        }
    }
}
