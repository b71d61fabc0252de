//! Writes the JSON Schemas generated from the Rust types (`kix_core::schema`).

use std::path::Path;

/// Writes every schema document to `dir`, creating it if needed.
pub(crate) fn write(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let documents = kix_core::schema::documents();
    for d in &documents {
        std::fs::write(dir.join(d.file_name()), d.to_file_text())?;
    }
    println!("wrote {} schemas to {}", documents.len(), dir.display());
    Ok(())
}
