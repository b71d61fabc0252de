//! IANA time-zone names as they are stored in hub and event documents.

use std::fmt;

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// An IANA time-zone name such as `Asia/Kathmandu`, as written in a document.
///
/// The name is kept as written and checked when it is used, so that a hub
/// with a misspelt zone still loads and its check can report *every* problem
/// (`hub.unknown_time_zone`) instead of stopping at the first.
///
/// ```
/// use kix_core::ZoneId;
/// let zone = ZoneId::from("Asia/Kathmandu");
/// assert_eq!(zone.tz()?.name(), "Asia/Kathmandu");
/// assert!(ZoneId::from("Asia/Atlantis").tz().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ZoneId(String);

impl ZoneId {
    /// The name as written.
    ///
    /// ```
    /// assert_eq!(kix_core::ZoneId::from("Europe/Zurich").as_str(), "Europe/Zurich");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The zone from the tz database, or [`Error::UnknownZone`].
    ///
    /// ```
    /// let tz = kix_core::ZoneId::from("Asia/Yangon").tz()?;
    /// assert_eq!(tz, chrono_tz::Asia::Yangon);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tz(&self) -> Result<Tz, Error> {
        self.0.parse::<Tz>().map_err(|_| Error::UnknownZone(self.0.clone()))
    }
}

impl From<&str> for ZoneId {
    fn from(s: &str) -> Self {
        ZoneId(s.to_owned())
    }
}

impl From<Tz> for ZoneId {
    fn from(tz: Tz) -> Self {
        ZoneId(tz.name().to_owned())
    }
}

impl fmt::Debug for ZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZoneId({})", self.0)
    }
}

impl fmt::Display for ZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for ZoneId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ZoneId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        schemars::json_schema!({
            "description": "An IANA time-zone name from the tz database, such as \"Asia/Kathmandu\".",
            "type": "string",
            "enum": names,
        })
    }
}

/// The version of the IANA tz database compiled into kix (for example `2025b`).
///
/// ```
/// let v = kix_core::tzdata_version();
/// assert!(v.starts_with("20"), "{v}");
/// ```
#[must_use]
pub fn tzdata_version() -> &'static str {
    chrono_tz::IANA_TZDB_VERSION
}
