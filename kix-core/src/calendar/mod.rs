//! Calendar files (RFC 5545): one event, a feed of many, invitations and cancellations
//! for registrants, and the check of what clients will make of them.
//!
//! May use: every layer below (`shared` to `registrations`).

mod ics;

pub use ics::*;
