//! The documentation is part of the contract: the violation-code table of
//! `docs/errors.md` lists every code with its severity and the kix-core modules that
//! raise it, and every guide's Rust code runs as a doctest (the README's and the
//! guides' are included in `lib.rs`; a test below checks that none is left out).
//!
//! The modules are found here by reading kix-core's source, the same way as
//! `tools/code_table.py` but independently of it: a module raises a code when its
//! code, outside comments and `#[cfg(test)]` modules, names `Code::Variant`. Every
//! `.rs` file under `src/` is read, at any depth, except unit-test files (`tests.rs`,
//! or anything in a `tests/` folder); a module is named by its path (`/` is `::`,
//! `mod.rs` is its folder).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kix_core::{Code, Severity};

const ERRORS_GUIDE: &str = include_str!("../../docs/errors.md");
const REGENERATE: &str = "regenerate the table in docs/errors.md with `python3 tools/code_table.py`";

/// One row of the code table: code, severity, modules.
struct Row<'a> {
    code: &'a str,
    severity: &'a str,
    modules: BTreeSet<String>,
}

fn table_rows() -> Vec<Row<'static>> {
    ERRORS_GUIDE
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let severity = *cells.get(2)?;
            let modules = cells
                .get(3)?
                .split(", ")
                .filter_map(|m| m.strip_prefix('`')?.strip_suffix('`'))
                .map(String::from)
                .collect();
            (code.contains('.') && matches!(severity, "error" | "warning")).then_some(Row { code, severity, modules })
        })
        .collect()
}

/// The lines of a source file that are code: no comments, no `#[cfg(test)]` module.
fn rule_lines(text: &str) -> Vec<&str> {
    let mut kept = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let test_module = lines.peek().and_then(|next| {
            let body = next.trim_start();
            let indent = &next[..next.len() - body.len()];
            let item = body.strip_prefix("pub(crate) ").or_else(|| body.strip_prefix("pub ")).unwrap_or(body);
            (line.trim() == "#[cfg(test)]" && item.starts_with("mod ") && item.ends_with(" {"))
                .then(|| format!("{indent}}}"))
        });
        if let Some(close) = test_module {
            lines.by_ref().find(|l| *l == close);
        } else if !line.trim_start().starts_with("//") {
            kept.push(line);
        }
    }
    kept
}

/// `kix-core/src/registrations/book/mod.rs` is `registrations::book`;
/// `shared/violation.rs` is `shared::violation`.
fn module_name(src: &Path, file: &Path) -> String {
    let mut parts: Vec<String> =
        file.strip_prefix(src).unwrap().with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// Every `.rs` file under `dir`, at any depth, without the unit-test files
/// (`tests.rs`, and anything in a `tests/` folder).
fn source_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap_or_default();
        if path.is_dir() {
            if name != "tests" {
                source_files(&path, files);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && name != "tests.rs" {
            files.push(path);
        }
    }
}

/// Variant name -> the modules whose code names it.
fn raising_modules() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("codes! {") {
            continue; // the declaration table itself
        }
        for line in rule_lines(&text) {
            for (at, _) in line.match_indices("Code::") {
                if line[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue; // another type's path, such as `CountryCode::`
                }
                let variant: String =
                    line[at + "Code::".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.entry(variant).or_default().insert(module_name(&src, &file));
            }
        }
    }
    found
}

#[test]
fn the_violation_code_table_lists_every_code_with_its_severity_and_nothing_else() {
    let rows = table_rows();
    for &code in Code::ALL {
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        assert!(
            rows.iter().any(|r| r.code == code.as_str() && r.severity == severity),
            "docs/errors.md lacks a row for {code} ({severity}): {REGENERATE}"
        );
    }
    for row in &rows {
        assert!(
            row.code.parse::<Code>().is_ok(),
            "docs/errors.md lists {}, which the library does not define: {REGENERATE}",
            row.code
        );
    }
    assert_eq!(rows.len(), Code::ALL.len(), "the code table has duplicate rows: {REGENERATE}");
}

#[test]
fn the_violation_code_table_names_the_modules_that_raise_each_code() {
    let raising = raising_modules();
    let rows = table_rows();
    let mut wrong = Vec::new();
    for &code in Code::ALL {
        let expected = raising.get(&format!("{code:?}")).cloned().unwrap_or_default();
        let listed = rows.iter().find(|r| r.code == code.as_str()).map(|r| r.modules.clone()).unwrap_or_default();
        if listed != expected {
            wrong.push(format!("{code}: docs/errors.md says {listed:?}, the source raises it in {expected:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "the code table's \"raised in\" column is out of date ({REGENERATE}):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_module_scan_sees_rules_and_skips_comments_and_tests() {
    let text = "/// Code::InDoc\nfn rule() { v(Code::Raised, CountryCode::Other); }\n// Code::InComment\n\
                #[cfg(test)]\nmod tests {\n    fn t() { assert_eq!(x, Code::InTest); }\n}\nfn after() { Code::After }\n";
    let lines = rule_lines(text);
    assert_eq!(lines, ["fn rule() { v(Code::Raised, CountryCode::Other); }", "fn after() { Code::After }"]);
    // And the scan of the real source finds the quota rule where it lives.
    assert!(raising_modules()["TrainingQuotaExceeded"].iter().any(|m| m.split("::").any(|p| p == "training")));
}

#[test]
fn a_module_is_named_by_its_path() {
    let src = Path::new("kix-core/src");
    let name = |file: &str| module_name(src, &src.join(file));
    assert_eq!(name("registrations/book/mod.rs"), "registrations::book");
    assert_eq!(name("shared/violation.rs"), "shared::violation");
    assert_eq!(name("time/zone/labels.rs"), "time::zone::labels");
    assert_eq!(name("calendar.rs"), "calendar");
}

#[test]
fn every_guide_with_rust_code_runs_as_doctests() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let lib = std::fs::read_to_string(root.join("kix-core/src/lib.rs")).unwrap();
    let mut guides = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        guides.push(entry.unwrap().path());
    }
    for guide in guides.iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        let text = std::fs::read_to_string(guide).unwrap();
        let has_rust = text.lines().any(|l| l.trim_start().starts_with("```rust") && !l.contains("ignore"));
        let relative = guide.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let included = lib.contains(&format!("#[doc = include_str!(\"../../{relative}\")]"));
        assert!(
            !has_rust || included,
            "{relative} has Rust code that no doctest runs: add to kix-core/src/lib.rs\n\
             #[cfg(doctest)]\n#[doc = include_str!(\"../../{relative}\")]\nstruct SomeGuideDoctests;"
        );
    }
}
