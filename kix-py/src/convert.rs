//! Argument and result conversion: dates, instants, zones and JSON documents.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use kix_core as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyDict, PyString};

use crate::errors::{IntoPyResult, parse_error};

pub(crate) fn from_py_json<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    what: &str,
    obj: &Bound<'_, PyAny>,
) -> PyResult<T> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!("{what} must be a dict, not {}", type_name(obj))));
    }
    let text: String = py.import("json")?.call_method1("dumps", (obj,))?.extract()?;
    from_json_text(py, what, &text)
}

pub(crate) fn from_json_text<T: serde::de::DeserializeOwned>(py: Python<'_>, what: &str, text: &str) -> PyResult<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    read_json(de).map_err(|e| parse_error(py, format!("invalid {what}: {e}")))
}

/// Reads one JSON document, refusing trailing input.
fn read_json<T: serde::de::DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
) -> Result<T, serde_json::Error> {
    let value = T::deserialize(&mut *de)?;
    de.end()?;
    Ok(value)
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// A date: `datetime.date` (not a datetime) or an ISO string.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return core::text::parse_date(&text)
            .ok_or_else(|| PyValueError::new_err(format!("{text:?} is not an ISO date such as 2024-07-31")));
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err("expected a date, got a datetime: pass .date() of it"));
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    Err(PyTypeError::new_err(format!("expected a datetime.date or an ISO date string, not {}", type_name(obj))))
}

/// An instant: an aware `datetime` (any tzinfo: zoneinfo, pytz, datetime.timezone)
/// or an RFC 3339 string with an offset. Naive datetimes are refused.
pub(crate) fn instant_arg(obj: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        let text: &str = &text;
        return core::text::parse_instant(text).map(|t| t.with_timezone(&Utc)).ok_or_else(|| {
            PyValueError::new_err(format!(
                "{text:?} is not an RFC 3339 instant with an offset, such as 2024-07-31T11:00:00Z"
            ))
        });
    }
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "expected an aware datetime or an RFC 3339 string, not {}",
            type_name(obj)
        )));
    }
    let offset = obj.call_method0("utcoffset")?;
    if offset.is_none() {
        return Err(PyValueError::new_err(
            "a naive datetime is not an instant: give it a tzinfo (zoneinfo.ZoneInfo, datetime.timezone.utc, ...) \
             or use kix.from_local(naive, zone) to say which zone its wall time is in",
        ));
    }
    let offset: chrono::TimeDelta = offset.extract()?;
    let naive = naive_arg(obj)?;
    Ok(Utc.from_utc_datetime(&(naive - offset)))
}

/// The wall-clock fields of a datetime, ignoring any tzinfo.
pub(crate) fn naive_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return core::text::parse_wall_time(&text).ok_or_else(|| {
            PyValueError::new_err(format!("{text:?} is not a wall-clock date and time such as 2024-07-31T13:00:00"))
        });
    }
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!("expected a datetime or an ISO string, not {}", type_name(obj))));
    }
    let get = |name: &str| -> PyResult<u32> { obj.getattr(name)?.extract() };
    let year: i32 = obj.getattr("year")?.extract()?;
    let (month, day, hour, minute, second, micro) =
        (get("month")?, get("day")?, get("hour")?, get("minute")?, get("second")?, get("microsecond")?);
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_micro_opt(hour, minute, second, micro))
        .ok_or_else(|| PyValueError::new_err("not a valid date and time"))
}

/// An occurrence of a series, by the wall-clock start its rule gives it: a naive datetime or
/// ISO text (`2025-03-04T10:00:00`). An aware datetime is refused: the wall time is the
/// organiser's, in the event's zone.
pub(crate) fn occurrence_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    if obj.is_instance_of::<PyDateTime>() && !obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(
            "an occurrence is named by its wall-clock start in the event's zone: give a naive datetime",
        ));
    }
    naive_arg(obj)
}

pub(crate) fn zone_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Tz> {
    if let Ok(s) = obj.cast::<PyString>() {
        return core::zone::zone_named(&s.to_cow()?).py_err(py);
    }
    // A zoneinfo.ZoneInfo (or anything with a `key`).
    if let Ok(key) = obj.getattr("key") {
        return zone_arg(py, &key);
    }
    Err(PyTypeError::new_err(format!("expected an IANA zone name or a zoneinfo.ZoneInfo, not {}", type_name(obj))))
}

pub(crate) fn working_hours_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<core::WorkingHours> {
    let Some(obj) = obj else { return Ok(core::WorkingHours::default()) };
    let (start, end): (u32, u32) =
        obj.extract().map_err(|_| PyTypeError::new_err("working_hours must be a pair of hours such as (8, 18)"))?;
    core::WorkingHours::hours(start, end).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// An instant as an aware datetime in a zone (a zoneinfo tzinfo).
pub(crate) fn aware<'py>(py: Python<'py>, t: DateTime<Utc>, tz: Tz) -> PyResult<Bound<'py, PyAny>> {
    // Python's datetime shows years 1 to 9999; kix-core goes further.
    let wall = core::zone::wall_time(t, tz);
    if !(1..=9999).contains(&chrono::Datelike::year(&wall)) || !(1..=9999).contains(&chrono::Datelike::year(&t)) {
        return Err(PyValueError::new_err(format!(
            "{t} in {} is outside the years 1 to 9999 that Python's datetime can show",
            tz.name()
        )));
    }
    Ok(t.with_timezone(&tz).into_pyobject(py)?.into_any())
}
