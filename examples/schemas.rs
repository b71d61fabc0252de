//! Writes the JSON Schemas to `schemas/` (or the directory given):
//! `cargo run --example schemas`. The test suite fails when the committed
//! files differ from what the code generates.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("schemas"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let documents = kix_core::schema::documents();
    for d in &documents {
        std::fs::write(dir.join(d.file_name()), d.to_file_text())?;
    }
    println!("wrote {} schemas to {}", documents.len(), dir.display());
    Ok(())
}
