//! The hub and what it runs: its countries, sub-regions, organisations and who covers
//! what, when ([`Hub`]); training cycles and their quotas ([`training`]); the knowledge
//! catalogue ([`catalogue`]); small grants ([`grants`]); and when its members can meet:
//! local-times tables and the slot finder ([`schedule`]).
//!
//! May use: `shared`, `country`, `language`, `time`, `context`, `events`. Files in order:
//! `training`, `catalogue`, `grants`, `model`, `schedule`.

pub mod catalogue;
pub mod grants;
mod model;
pub mod schedule;
pub mod training;

pub use model::*;
