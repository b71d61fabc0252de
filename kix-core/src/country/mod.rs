//! ISO 3166-1 countries: validated codes, the names people type in every CLDR language,
//! ambiguous names, the hub's subdivisions, a country's name in a locale, and weekdays.
//!
//! May use: `shared`.

mod codes;

pub use codes::*;
