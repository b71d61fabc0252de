//! Registrations: the desk's rules for one registration or a batch ([`registration`]),
//! the registration book with its statuses, waiting list and seats ([`book`]), attendance
//! ([`attendance`]) and the Zoom, Google Forms and CSV exports read into them ([`exports`]).
//!
//! May use: every layer below (`shared` to `hub`). The exports need the `exports` feature (csv). Files in order: `registration`, `book`,
//! `attendance`, `exports`.

pub mod attendance;
pub mod book;
#[cfg(feature = "exports")]
pub mod exports;
pub mod registration;
#[cfg(feature = "exports")]
pub mod roster;
