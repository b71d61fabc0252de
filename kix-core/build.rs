//! Lists the message files in `locales/` so that shipping a language is adding
//! one `.ftl` file: the generated list embeds every file with `include_str!`.

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR")?).join("locales");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut tags = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        println!("cargo::rerun-if-changed={}", path.display());
        if path.extension().is_some_and(|e| e == "ftl")
            && let Some(tag) = path.file_stem().and_then(|s| s.to_str())
        {
            tags.push(tag.to_owned());
        }
    }
    tags.sort();
    let mut out = String::from("&[\n");
    for tag in &tags {
        writeln!(out, "    ({tag:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{tag}.ftl\"))),")?;
    }
    out.push(']');
    std::fs::write(Path::new(&std::env::var("OUT_DIR")?).join("locales.rs"), out)?;
    Ok(())
}
