//! Operational errors: things that stop an operation before any rule can run.
//!
//! Rule findings are [`Violation`]s; an operation that refuses
//! its input because of them returns [`Error::Rejected`] carrying all of them.

use crate::violation::Violation;

/// Everything that can go wrong in kix-core, as a typed error.
///
/// ```
/// use kix_core::{Error, Hub};
/// let err = Hub::from_json("{ not json").unwrap_err();
/// assert!(matches!(err, Error::Json { .. }));
/// assert!(err.to_string().contains("line 1"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A JSON document could not be read into the expected type.
    #[error("invalid {what} JSON at {path} (line {line}, column {column}): {message}")]
    Json {
        /// What was being read (`hub`, `event`, ...).
        what: &'static str,
        /// The path of the offending field inside the document (`.` for the root).
        path: String,
        /// Line of the error, 1-based (0 when unknown).
        line: usize,
        /// Column of the error, 1-based (0 when unknown).
        column: usize,
        /// What serde said.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// A time-zone name is not in the tz database.
    #[error("unknown time zone {0:?}: not an IANA zone name")]
    UnknownZone(String),
    /// A string is not an assigned ISO 3166-1 alpha-2 country code.
    #[error("{0:?} is not an assigned ISO 3166-1 alpha-2 country code")]
    InvalidCountryCode(String),
    /// A value is not one of those accepted.
    #[error("invalid {what} {value:?}: expected {expected}")]
    InvalidValue {
        /// What the value is for.
        what: &'static str,
        /// The value given (cut to 40 characters).
        value: String,
        /// What is accepted.
        expected: &'static str,
    },
    /// Something that was asked for by id does not exist.
    #[error("no {what} with id {id:?}")]
    NotFound {
        /// The kind of thing (`training cycle`, `nomination`, ...).
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The input broke one or more rules; every violation found is here.
    #[error("{} rule violation(s); first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Rejected(Vec<Violation>),
}

/// A single violation returned by a query (such as
/// [`Timeline::month_index`](crate::timeline::Timeline::month_index)) becomes a
/// rejection, so `?` works in functions returning [`Error`].
///
/// ```
/// fn month(date: chrono::NaiveDate) -> Result<u32, kix_core::Error> {
///     Ok(kix_core::emap().timeline.month_index(date)?)
/// }
/// assert!(month(chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()).is_err());
/// ```
impl From<Violation> for Error {
    fn from(v: Violation) -> Self {
        Error::Rejected(vec![v])
    }
}

impl Error {
    /// Reads JSON into `T`, turning any failure into [`Error::Json`] with the
    /// path of the offending field.
    pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(what: &'static str, text: &str) -> Result<T, Error> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            Error::Json { what, path, line: inner.line(), column: inner.column(), message: inner.to_string() }
        })
    }

    /// The violations behind an error, for errors that have a violation code:
    /// every violation of a rejection, `time.unknown_zone` for an unknown zone,
    /// `country.unknown` for an invalid country code; empty for the others.
    ///
    /// ```
    /// let e = kix_core::Error::UnknownZone("Mars/Olympus".into());
    /// assert_eq!(e.to_violations()[0].code, kix_core::Code::TimeUnknownZone);
    /// assert!(kix_core::Error::NotFound { what: "event", id: "x".into() }.to_violations().is_empty());
    /// ```
    #[must_use]
    pub fn to_violations(&self) -> Vec<Violation> {
        use crate::violation::Code;
        match self {
            Error::Rejected(v) => v.clone(),
            Error::UnknownZone(zone) => vec![
                Violation::new(Code::TimeUnknownZone, "", format!("{zone:?} is not an IANA time-zone name"))
                    .with_param("label", crate::country::truncate(zone, 200)),
            ],
            Error::InvalidCountryCode(code) => vec![
                Violation::new(Code::CountryUnknown, "", format!("{code:?} is not a country code"))
                    .with_param("text", crate::country::truncate(code, 200)),
            ],
            _ => Vec::new(),
        }
    }

    /// The violations of a [`Error::Rejected`], empty for other errors.
    ///
    /// ```
    /// use kix_core::{Code, Error, Violation};
    /// let err = Error::Rejected(vec![Violation::new(Code::CountryUnknown, "", "x")]);
    /// assert_eq!(err.violations().len(), 1);
    /// ```
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        match self {
            Error::Rejected(v) => v,
            _ => &[],
        }
    }
}
