//! Time columns in Arrow (pyarrow arrays and chunked arrays, polars Series, anything with
//! `__arrow_c_array__` / `__arrow_c_stream__`): read through `pyo3-arrow` without per-row
//! Python objects, converted by kix-core, returned as the same kind of object.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrayRef, TimestampMicrosecondArray, TimestampNanosecondArray};
use arrow_schema::{DataType, Field, TimeUnit};
use chrono::Utc;
use chrono_tz::Tz;
use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::PyChunkedArray;
use pyo3_arrow::input::AnyArray;

use crate::walls::{NAT, resolve_walls};

fn read(obj: &Bound<'_, PyAny>) -> PyResult<(Vec<ArrayRef>, Arc<Field>, bool)> {
    let single = obj.hasattr(intern!(obj.py(), "__arrow_c_array__"))?;
    let any: AnyArray = obj.extract()?;
    let chunked = any.into_chunked_array()?;
    let (chunks, field) = chunked.into_inner();
    Ok((chunks, field, single))
}

fn arrow_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The result as the kind of object given: pyarrow for pyarrow, polars for polars, else
/// an Arrow object with `__arrow_c_stream__`.
fn give_back<'py>(
    py: Python<'py>,
    like: &Bound<'py, PyAny>,
    chunks: Vec<ArrayRef>,
    name: &str,
    single: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let data_type = chunks.first().map_or(DataType::Null, |c| c.data_type().clone());
    let field = Arc::new(Field::new(name, data_type, true));
    let chunked = PyChunkedArray::try_new(chunks, field)?;
    let module = like
        .get_type()
        .getattr(intern!(py, "__module__"))
        .ok()
        .and_then(|m| m.extract::<String>().ok())
        .unwrap_or_default();
    if module.starts_with("polars") {
        let series = py.import(intern!(py, "polars"))?.getattr(intern!(py, "Series"))?;
        return series.call1((name, chunked.into_pyobject(py)?));
    }
    if module.starts_with("pyarrow") {
        let pyarrow = chunked.into_pyarrow(py)?;
        return if single { pyarrow.call_method0(intern!(py, "combine_chunks")) } else { Ok(pyarrow) };
    }
    Ok(chunked.into_pyobject(py)?.into_any())
}

/// Nanoseconds of a timestamp chunk (any unit), nulls as `NaT`.
fn nanos(chunk: &ArrayRef) -> PyResult<Vec<i64>> {
    let ns = arrow_cast::cast(chunk, &DataType::Timestamp(TimeUnit::Nanosecond, None)).map_err(arrow_error)?;
    let raw = arrow_cast::cast(&ns, &DataType::Int64).map_err(arrow_error)?;
    Ok(raw.as_primitive::<Int64Type>().iter().map(|v| v.unwrap_or(NAT)).collect())
}

fn with_zone(ns: Vec<i64>, tz: Tz) -> ArrayRef {
    let values: TimestampNanosecondArray = ns.into_iter().map(|n| (n != NAT).then_some(n)).collect();
    Arc::new(values.with_timezone(tz.name()))
}

/// Instants in a zone: an aware timestamp keeps its instants and takes the zone; text is
/// read as RFC 3339 instants (microseconds).
pub(crate) fn to_local<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>, tz: Tz) -> PyResult<Bound<'py, PyAny>> {
    let (chunks, field, single) = read(obj)?;
    let mut out = Vec::with_capacity(chunks.len());
    for chunk in &chunks {
        out.push(match chunk.data_type() {
            DataType::Timestamp(unit, Some(_)) => {
                arrow_cast::cast(chunk, &DataType::Timestamp(*unit, Some(tz.name().into()))).map_err(arrow_error)?
            }
            DataType::Timestamp(_, None) => {
                return Err(PyValueError::new_err(
                    "a timestamp without a zone holds wall times, not instants: use kix.from_local(column, zone)",
                ));
            }
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                let text = arrow_cast::cast(chunk, &DataType::Utf8).map_err(arrow_error)?;
                let mut micros = Vec::with_capacity(text.len());
                for value in text.as_string::<i32>() {
                    micros.push(match value {
                        None => None,
                        Some(v) => Some(
                            core::text::parse_instant(v)
                                .map(|t| t.with_timezone(&Utc).timestamp_micros())
                                .ok_or_else(|| PyValueError::new_err(format!("{v:?} is not an RFC 3339 instant")))?,
                        ),
                    });
                }
                Arc::new(TimestampMicrosecondArray::from(micros).with_timezone(tz.name()))
            }
            other => return Err(PyTypeError::new_err(format!("expected timestamps or text, not Arrow {other}"))),
        });
        py.check_signals()?;
    }
    give_back(py, obj, out, field.name(), single)
}

/// Wall times resolved to instants in a zone (nanoseconds, with the zone), every row that
/// cannot be resolved reported at once by its position.
pub(crate) fn from_local<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
    tz: Tz,
    d: core::Disambiguation,
) -> PyResult<Bound<'py, PyAny>> {
    let (chunks, field, single) = read(obj)?;
    let mut out = Vec::with_capacity(chunks.len());
    let mut offset = 0usize;
    for chunk in &chunks {
        let walls = match chunk.data_type() {
            DataType::Timestamp(_, None) => nanos(chunk)?,
            DataType::Timestamp(_, Some(_)) => {
                return Err(PyValueError::new_err(
                    "from_local takes wall-clock times; this column has a zone: use kix.to_local(column, zone)",
                ));
            }
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                let text = arrow_cast::cast(chunk, &DataType::Utf8).map_err(arrow_error)?;
                let mut walls = Vec::with_capacity(text.len());
                for value in text.as_string::<i32>() {
                    walls.push(match value {
                        None => NAT,
                        Some(v) => core::text::parse_wall_time(v)
                            .and_then(|w| w.and_utc().timestamp_nanos_opt())
                            .ok_or_else(|| PyValueError::new_err(format!("{v:?} is not a wall-clock date and time")))?,
                    });
                }
                walls
            }
            other => return Err(PyTypeError::new_err(format!("expected timestamps or text, not Arrow {other}"))),
        };
        let utc = resolve_walls(py, &walls, tz, d, |i| (offset + i).to_string())?;
        offset += walls.len();
        out.push(with_zone(utc, tz));
    }
    give_back(py, obj, out, field.name(), single)
}
