//! The README is part of the contract: its violation-code table matches the code.
//! (Its Rust example runs as a doctest, see `lib.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use kix_core::{Code, Severity};

const README: &str = include_str!("../../README.md");

#[test]
fn the_violation_code_table_lists_every_code_with_its_severity_and_nothing_else() {
    let rows: Vec<(&str, &str)> = README
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            code.contains('.').then_some((code, *cells.get(2)?))
        })
        .filter(|(_, severity)| matches!(*severity, "error" | "warning"))
        .collect();
    for &code in Code::ALL {
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        assert!(rows.contains(&(code.as_str(), severity)), "README lacks a row for {code} ({severity})");
    }
    for (code, _) in &rows {
        assert!(code.parse::<Code>().is_ok(), "README lists {code}, which the library does not define");
    }
    assert_eq!(rows.len(), Code::ALL.len());
}
