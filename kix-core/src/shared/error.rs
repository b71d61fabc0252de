//! Operational errors: things that stop an operation before any rule can run.
//!
//! Rule findings are [`Violation`]s; an operation that refuses
//! its input because of them returns [`Error::Rejected`] carrying all of them.

use crate::shared::violation::Violation;

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

/// The kind of failure an [`Error`] is: what a binding that raises one
/// exception class per kind needs to choose it. Decided here, once, for every
/// binding.
///
/// The Python package raises `ParseError`, `ValidationError`, `TimeZoneError`
/// (a `ValidationError`), `KeyError`, `OSError` and `ValueError` in this order
/// of variants; the mobile bindings' `KixException` has `Validation` (for
/// `Validation` and `TimeZone`), `NotFound` and `InvalidInput` (the others).
///
/// ```
/// use kix_core::{Error, ErrorClass};
/// assert_eq!(Error::UnknownZone("Mars/Olympus".into()).class(), ErrorClass::TimeZone);
/// assert_eq!(Error::InvalidCountryCode("ZZ".into()).class(), ErrorClass::Validation);
/// assert_eq!(kix_core::emap().require_event("nope").unwrap_err().class(), ErrorClass::NotFound);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// A document could not be read ([`Error::Json`]).
    Parse,
    /// The input broke rules (a rejection, an invalid country code).
    Validation,
    /// The input broke rules about time: the first violation's code is in
    /// [area](crate::Code::area) `time` (an unknown zone, a DST gap or fold
    /// refused). A kind of validation failure.
    TimeZone,
    /// Something asked for by id does not exist ([`Error::NotFound`]).
    NotFound,
    /// A file could not be read ([`Error::Io`]).
    Io,
    /// An argument is not one of the accepted values ([`Error::InvalidValue`]).
    InvalidValue,
}

impl ErrorClass {
    /// The class of a rejection carrying these violations: [`ErrorClass::TimeZone`]
    /// when the first one is about time, else [`ErrorClass::Validation`].
    ///
    /// ```
    /// use kix_core::{Code, ErrorClass, Violation};
    /// let gap = Violation::new(Code::TimeNonexistentLocalTime, "", "skipped");
    /// assert_eq!(ErrorClass::of_violations(&[gap]), ErrorClass::TimeZone);
    /// let full = Violation::new(Code::RegistrationFull, "", "full");
    /// assert_eq!(ErrorClass::of_violations(&[full]), ErrorClass::Validation);
    /// ```
    #[must_use]
    pub fn of_violations(violations: &[Violation]) -> ErrorClass {
        match violations.first() {
            Some(first) if first.code.area() == "time" => ErrorClass::TimeZone,
            _ => ErrorClass::Validation,
        }
    }

    /// Whether errors of this class carry violations (see [`Error::to_violations`]).
    ///
    /// ```
    /// assert!(kix_core::ErrorClass::TimeZone.is_validation());
    /// assert!(!kix_core::ErrorClass::NotFound.is_validation());
    /// ```
    #[must_use]
    pub const fn is_validation(self) -> bool {
        matches!(self, ErrorClass::Validation | ErrorClass::TimeZone)
    }
}

/// A single violation returned by a query (such as
/// [`Timeline::month_index`](crate::time::timeline::Timeline::month_index)) becomes a
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
        use crate::shared::violation::Code;
        match self {
            Error::Rejected(v) => v.clone(),
            Error::UnknownZone(zone) => vec![
                Violation::new(Code::TimeUnknownZone, "", format!("{zone:?} is not an IANA time-zone name"))
                    .with_param("label", crate::shared::text::truncate(zone, 200)),
            ],
            Error::InvalidCountryCode(code) => vec![
                Violation::new(Code::CountryUnknown, "", format!("{code:?} is not a country code"))
                    .with_param("text", crate::shared::text::truncate(code, 200)),
            ],
            _ => Vec::new(),
        }
    }

    /// The kind of failure this is; see [`ErrorClass`].
    ///
    /// ```
    /// use kix_core::{Error, ErrorClass, Hub};
    /// assert_eq!(Hub::from_json("{").unwrap_err().class(), ErrorClass::Parse);
    /// assert_eq!("weekly".parse::<kix_core::CountBy>().unwrap_err().class(), ErrorClass::InvalidValue);
    /// ```
    #[must_use]
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Json { .. } => ErrorClass::Parse,
            Error::Io { .. } => ErrorClass::Io,
            Error::NotFound { .. } => ErrorClass::NotFound,
            Error::InvalidValue { .. } => ErrorClass::InvalidValue,
            Error::Rejected(_) | Error::UnknownZone(_) | Error::InvalidCountryCode(_) => {
                ErrorClass::of_violations(&self.to_violations())
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::violation::Code;

    #[test]
    fn every_error_has_the_class_the_bindings_raise() {
        let json = Error::Json { what: "hub", path: ".".into(), line: 1, column: 1, message: "x".into() };
        assert_eq!(json.class(), ErrorClass::Parse);
        assert_eq!(Error::Io { path: "/x".into(), message: "gone".into() }.class(), ErrorClass::Io);
        assert_eq!(Error::NotFound { what: "event", id: "x".into() }.class(), ErrorClass::NotFound);
        let invalid = Error::InvalidValue { what: "kind", value: "x".into(), expected: "y" };
        assert_eq!(invalid.class(), ErrorClass::InvalidValue);
        assert_eq!(Error::UnknownZone("Mars/Olympus".into()).class(), ErrorClass::TimeZone);
        assert_eq!(Error::InvalidCountryCode("ZZ".into()).class(), ErrorClass::Validation);
        // A rejection is classed by its first violation, as Python's TimeZoneError always was.
        let fold = Violation::new(Code::TimeAmbiguousLocalTime, "", "twice");
        let full = Violation::new(Code::RegistrationFull, "", "full");
        assert_eq!(Error::Rejected(vec![fold.clone(), full.clone()]).class(), ErrorClass::TimeZone);
        assert_eq!(Error::Rejected(vec![full, fold]).class(), ErrorClass::Validation);
        assert_eq!(Error::Rejected(Vec::new()).class(), ErrorClass::Validation);
        // `timeline.*` is not about time zones.
        let outside = Violation::new(Code::TimelineOutsideProject, "", "2019");
        assert_eq!(Error::from(outside).class(), ErrorClass::Validation);
    }
}
