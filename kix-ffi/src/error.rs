//! The one error of the bindings, and violations as records.

use kix_core as core;

/// One finding of a rule check.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Violation {
    /// The stable code, such as `registration.duplicate`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// Path to the offending field.
    pub path: String,
    /// A message for people.
    pub message: String,
    /// The parameters, as a JSON object.
    pub params_json: String,
}

/// A violation that came back from the device (to render or to validate with),
/// read into the core's: its code must be one kix knows and its parameters JSON.
impl TryFrom<Violation> for core::Violation {
    type Error = KixError;

    fn try_from(v: Violation) -> Result<Self> {
        let code = v.code.parse::<core::Code>().map_err(|e| KixError::invalid(e.to_string()))?;
        let params = serde_json::from_str(&v.params_json).map_err(|e| KixError::invalid(e.to_string()))?;
        let mut out = core::Violation::new(code, v.path, v.message);
        out.params = params;
        Ok(out)
    }
}

impl From<&core::Violation> for Violation {
    fn from(v: &core::Violation) -> Self {
        Violation {
            code: v.code.as_str().to_owned(),
            severity: v.severity.as_str().to_owned(),
            path: v.path.clone(),
            message: v.message.clone(),
            params_json: serde_json::to_string(&v.params).unwrap_or_else(|_| "{}".into()),
        }
    }
}

pub(crate) fn violations(list: &[core::Violation]) -> Vec<Violation> {
    list.iter().map(Violation::from).collect()
}

/// Everything that can go wrong, as `KixException` in Kotlin.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum KixError {
    /// The input broke rules: every violation, the first one's code on top.
    #[error("{code}: {reason}")]
    Validation {
        /// The first violation's code.
        code: String,
        /// The first violation's message (named `reason`: Kotlin exceptions own `message`).
        reason: String,
        /// Every violation.
        violations: Vec<Violation>,
    },
    /// A document, date, time or argument could not be read.
    #[error("invalid input: {reason}")]
    InvalidInput {
        /// What was wrong.
        reason: String,
    },
    /// Something asked for by id does not exist.
    #[error("not found: {reason}")]
    NotFound {
        /// What was not found.
        reason: String,
    },
}

impl KixError {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        KixError::InvalidInput { reason: message.into() }
    }
}

impl From<core::Violation> for KixError {
    fn from(v: core::Violation) -> Self {
        KixError::Validation {
            code: v.code.as_str().to_owned(),
            reason: v.message.clone(),
            violations: vec![(&v).into()],
        }
    }
}

/// The core decides the class of every error ([`core::Error::class`]); its
/// validation classes (time zones among them) are one `Validation` here.
impl From<core::Error> for KixError {
    fn from(e: core::Error) -> Self {
        match e.class() {
            class if class.is_validation() => {
                let list = e.to_violations();
                let first = list.first();
                KixError::Validation {
                    code: first.map(|v| v.code.as_str().to_owned()).unwrap_or_default(),
                    reason: first.map(|v| v.message.clone()).unwrap_or_default(),
                    violations: violations(&list),
                }
            }
            core::ErrorClass::NotFound => KixError::NotFound { reason: e.to_string() },
            _ => KixError::invalid(e.to_string()),
        }
    }
}

pub(crate) type Result<T> = std::result::Result<T, KixError>;
