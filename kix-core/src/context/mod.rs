//! What the rules may read of a hub ([`HubView`]) and the one shape of a document's check
//! ([`Check`]); with the two small types the rules share through it: a nominee's status
//! ([`nomination`]) and a party, a hub organisation or a free name ([`party`]).
//!
//! May use: `shared`, `country`, `time`. Files in order: `nomination`, `party`, `view`.

pub mod nomination;
pub mod party;
mod view;

pub use view::*;
