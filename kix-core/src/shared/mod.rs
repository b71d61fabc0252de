//! The ground every domain stands on, and knows no domain: the violation codes and
//! [`Violation`](violation::Violation), the operational [`Error`](error::Error), text
//! normalization, e-mail syntax, the ISO 639-1 and ISO 4217 tables and the words enums are
//! written as.
//!
//! May use: nothing else in the crate. Files in order (each may use the ones before it):
//! `violation`, `text`, `error`, `email`, `reference`, `spelling`.

pub mod email;
pub mod error;
pub mod reference;
pub(crate) mod spelling;
pub mod text;
pub mod violation;
