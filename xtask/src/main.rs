//! The project's generators, run as `cargo run -p xtask -- TASK` (the cargo
//! xtask convention: build tooling written in Rust, kept out of the library
//! and out of `examples/`).
//!
//! - `schemas [DIR]`: the JSON Schemas, into `schemas/` by default. The test
//!   suite fails while the committed files differ from what the code generates.
//! - `corpus DIR`: the documents the schema validators check (Python
//!   `jsonschema` and `ajv`), into `DIR/valid/` and `DIR/refused/`.
//! - `ics-corpus DIR`: the calendar files the independent iCalendar parsers read
//!   (Python `icalendar` and `recurring-ical-events`, ical.js, libical), with a
//!   manifest of their inputs.

mod corpus;
mod ics_corpus;
mod schemas;

use std::path::{Path, PathBuf};

const USAGE: &str = "usage: cargo run -p xtask -- schemas [DIR] | corpus DIR | ics-corpus DIR";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().ok_or("xtask/ has no parent folder")?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["schemas"] => schemas::write(&root.join("schemas")),
        ["schemas", dir] => schemas::write(&PathBuf::from(dir)),
        ["corpus", dir] => {
            corpus::write(root, PathBuf::from(dir));
            Ok(())
        }
        ["ics-corpus", dir] => {
            ics_corpus::write(Path::new(dir));
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}
