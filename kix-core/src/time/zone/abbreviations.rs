//! Zone abbreviations: the tz database's own (CEST, NPT) or a numeric one, and an instant's offset and abbreviation together.

use super::*;

/// A time-zone abbreviation such as `CEST` or `NPT`, stored inline (no allocation).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use kix_core::zone::abbreviation;
/// let july = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// assert_eq!(abbreviation(chrono_tz::Europe::Zurich, july).as_str(), "CEST");
/// assert_eq!(abbreviation(chrono_tz::Asia::Kathmandu, july).as_str(), "NPT");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Abbreviation {
    bytes: [u8; 8],
    len: u8,
}

impl Abbreviation {
    pub(super) fn new(s: &str) -> Self {
        let mut bytes = [0u8; 8];
        let mut len = 0;
        // Cut at a character boundary within 8 bytes (abbreviations are ASCII).
        for (i, c) in s.char_indices() {
            let end = i + c.len_utf8();
            if end > 8 {
                break;
            }
            len = end;
        }
        if let (Some(dst), Some(src)) = (bytes.get_mut(..len), s.as_bytes().get(..len)) {
            dst.copy_from_slice(src);
        }
        Abbreviation { bytes, len: u8::try_from(len).unwrap_or(0) }
    }

    /// The text, e.g. `CEST`.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let t = Utc.with_ymd_and_hms(2024, 1, 15, 12, 0, 0).unwrap();
    /// assert_eq!(kix_core::zone::abbreviation(chrono_tz::Europe::Chisinau, t).as_str(), "EET");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.bytes.get(..usize::from(self.len)).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl fmt::Debug for Abbreviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Abbreviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Abbreviation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Abbreviation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Abbreviation::new(&s))
    }
}

#[cfg(feature = "schemas")]
impl schemars::JsonSchema for Abbreviation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Abbreviation".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A time-zone abbreviation such as \"CEST\" or \"NPT\", or a numeric one such as \"+05\".",
            "type": "string",
            "maxLength": 8,
        })
    }
}

/// The abbreviation of a zone at an instant: the tz database's own when it has
/// letters (`CEST`, `PKT`), else the one in common use for that zone and
/// offset (`NPT` for Kathmandu, `BTT` for Thimphu), else the numeric form
/// the tz database uses (`+06`).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use kix_core::zone::abbreviation;
/// let t = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// assert_eq!(abbreviation(chrono_tz::Asia::Yangon, t).as_str(), "MMT");
/// assert_eq!(abbreviation(chrono_tz::Asia::Thimphu, t).as_str(), "BTT");
/// assert_eq!(abbreviation(chrono_tz::Asia::Dhaka, t).as_str(), "+06");
/// ```
#[must_use]
pub fn abbreviation(tz: Tz, at: DateTime<Utc>) -> Abbreviation {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    abbreviation_of(tz, &offset)
}

pub(super) fn abbreviation_of(tz: Tz, offset: &<Tz as TimeZone>::Offset) -> Abbreviation {
    abbreviation_with(offset, |seconds| tables().by_zone.get(&(tz, seconds)).copied())
}

/// The abbreviations in common use for a zone, by offset (for zones the tz
/// database gives numbers), so that tables over many instants hash nothing.
pub(crate) fn common_abbreviations(tz: Tz) -> Vec<(i32, Abbreviation)> {
    tables().by_zone.iter().filter(|((z, _), _)| *z == tz).map(|((_, seconds), a)| (*seconds, *a)).collect()
}

/// The tz database's lettered abbreviation, else `common(offset)`, else the numeric form.
pub(crate) fn abbreviation_with(
    offset: &<Tz as TimeZone>::Offset,
    common: impl Fn(i32) -> Option<Abbreviation>,
) -> Abbreviation {
    match offset.abbreviation() {
        Some(name) if name.starts_with(|c: char| c.is_ascii_alphabetic()) => Abbreviation::new(name),
        numeric => {
            let seconds = offset.fix().local_minus_utc();
            match (common(seconds), numeric) {
                (Some(abbr), _) => abbr,
                (None, Some(name)) => Abbreviation::new(name),
                (None, None) => numeric_abbreviation(seconds),
            }
        }
    }
}

/// The tz database's numeric form: `+06`, `+0545`, `-0330`.
pub(super) fn numeric_abbreviation(seconds: i32) -> Abbreviation {
    let abs = seconds.unsigned_abs();
    let (h, m) = (abs / 3600, abs % 3600 / 60);
    let digit = |d: u32| b'0' + u8::try_from(d % 10).unwrap_or(0);
    let mut bytes = [0u8; 8];
    bytes[0] = if seconds < 0 { b'-' } else { b'+' };
    bytes[1] = digit(h / 10);
    bytes[2] = digit(h);
    let len = if m == 0 {
        3
    } else {
        bytes[3] = digit(m / 10);
        bytes[4] = digit(m);
        5
    };
    Abbreviation { bytes, len }
}

/// The real offset and abbreviation of a zone at an instant, and whether it is daylight-saving time.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2024, 7, 31, 11, 0, 0).unwrap();
/// let info = kix_core::zone::offset_info(chrono_tz::Europe::Zurich, t);
/// assert_eq!((info.offset_seconds, info.abbreviation.as_str(), info.dst), (7200, "CEST", true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetInfo {
    /// Seconds east of UTC.
    pub offset_seconds: i32,
    /// Abbreviation as [`abbreviation`] gives it.
    pub abbreviation: Abbreviation,
    /// Whether daylight-saving time is in force.
    pub dst: bool,
}

/// See [`OffsetInfo`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2024, 1, 31, 11, 0, 0).unwrap();
/// assert_eq!(kix_core::zone::offset_info(chrono_tz::Asia::Kabul, t).offset_seconds, 16_200);
/// ```
#[must_use]
pub fn offset_info(tz: Tz, at: DateTime<Utc>) -> OffsetInfo {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    OffsetInfo {
        offset_seconds: offset.fix().local_minus_utc(),
        abbreviation: abbreviation_of(tz, &offset),
        dst: offset.dst_offset() != Duration::zero(),
    }
}
