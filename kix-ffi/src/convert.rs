//! The FFI's plain forms of dates, wall times, instants, zones and countries.

use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kix_core as core;

use crate::error::{KixError, Result};

pub(crate) fn date(text: &str) -> Result<NaiveDate> {
    core::text::parse_date(text)
        .ok_or_else(|| KixError::invalid(format!("{text:?} is not an ISO date such as 2024-07-31")))
}

pub(crate) fn wall(text: &str) -> Result<NaiveDateTime> {
    core::text::parse_wall_time(text)
        .ok_or_else(|| KixError::invalid(format!("{text:?} is not a wall-clock time such as 2024-07-31T13:00:00")))
}

pub(crate) fn instant(t: SystemTime) -> Result<DateTime<Utc>> {
    let (secs, nanos) = match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).ok(), d.subsec_nanos()),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).ok().map(|s| -s);
            // Round towards minus infinity: -1.5 s is -2 s + 0.5 s.
            match (secs, d.subsec_nanos()) {
                (Some(s), 0) => (Some(s), 0),
                (Some(s), n) => (s.checked_sub(1), 1_000_000_000 - n),
                (None, n) => (None, n),
            }
        }
    };
    secs.and_then(|s| DateTime::from_timestamp(s, nanos))
        .ok_or_else(|| KixError::invalid("the instant is out of range"))
}

pub(crate) fn system_time(t: DateTime<Utc>) -> SystemTime {
    SystemTime::from(t)
}

pub(crate) fn zone(name: &str) -> Result<chrono_tz::Tz> {
    Ok(core::zone::zone_named(name)?)
}

pub(crate) fn country(text: &str) -> Result<core::CountryCode> {
    Ok(core::resolve_country(text)?)
}

pub(crate) fn wall_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The JSON spelling of a unit enum variant, such as `case_study`.
pub(crate) fn to_json_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn instants_convert_both_ways_including_before_1970() {
        for secs in [0i64, 1, -1, 1_722_423_600, -86_400 * 365 * 100] {
            let t = DateTime::from_timestamp(secs, 500_000_000).unwrap();
            assert_eq!(instant(system_time(t)).unwrap(), t);
        }
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
        assert!(matches!(instant(far), Err(KixError::InvalidInput { .. })));
    }
}
