//! The committed schemas are exactly what the code generates: regenerate with
//! `cargo run -p xtask -- schemas` after changing a type.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::PathBuf;

#[test]
fn the_committed_schemas_match_the_code() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let documents = kix_core::schema::documents();
    let mut stale = Vec::new();
    for d in &documents {
        let committed = std::fs::read_to_string(dir.join(d.file_name())).unwrap_or_default();
        if committed != d.to_file_text() {
            stale.push(d.file_name());
        }
    }
    let on_disk = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".schema.json"));
    assert_eq!(on_disk.count(), documents.len(), "schemas/ holds a schema the code no longer generates");
    assert!(stale.is_empty(), "stale schemas (run `cargo run -p xtask -- schemas`): {stale:?}");
}

/// Whether the Rust type behind a schema reads the document.
fn rust_reads(schema: &str, doc: &serde_json::Value) -> bool {
    use kix_core::*;
    fn reads<T: serde::de::DeserializeOwned>(doc: &serde_json::Value) -> bool {
        serde_json::from_value::<T>(doc.clone()).is_ok()
    }
    match schema {
        "hub" => reads::<Hub>(doc),
        "country" => reads::<Country>(doc),
        "organisation" => reads::<Organisation>(doc),
        "event" => reads::<Event>(doc),
        "registration" => reads::<Registration>(doc),
        "held_registration" => reads::<HeldRegistration>(doc),
        "registration_outcome" => reads::<RegistrationOutcome>(doc),
        "registration_book" => reads::<RegistrationBook>(doc),
        "registration_change" => reads::<Change>(doc),
        "seat_ledger" => reads::<SeatLedger>(doc),
        "registration_reminder" => reads::<Reminder>(doc),
        "violation" => reads::<Violation>(doc),
        "training_cycle" => reads::<TrainingCycle>(doc),
        "nomination" => reads::<Nomination>(doc),
        "quota_ledger" => reads::<QuotaLedger>(doc),
        "timeline_ledger" => reads::<TimelineLedger>(doc),
        "timeline_position" => reads::<TimelinePosition>(doc),
        "local_times" => reads::<LocalTimes>(doc),
        "slot_query" => reads::<SlotQuery>(doc),
        "slot" => reads::<Slot>(doc),
        "schedule" => reads::<Schedule>(doc),
        "knowledge_product" => reads::<KnowledgeProduct>(doc),
        "product_query" => reads::<ProductQuery>(doc),
        "product_count" => reads::<ProductCount>(doc),
        "grant" => reads::<Grant>(doc),
        "grant_totals" => reads::<GrantTotals>(doc),
        "listing" => reads::<listing::WrittenListing>(doc),
        "attendance" => reads::<attendance::Attendance>(doc),
        other => panic!("no Rust type for schema {other}"),
    }
}

#[test]
fn the_rust_deserializer_refuses_every_malformed_document() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/schema/malformed.json");
    let corpus: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 50, "only {} malformed documents", cases.len());
    let read: Vec<&str> = cases
        .iter()
        .filter(|c| rust_reads(c["schema"].as_str().unwrap(), &c["document"]))
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(read.is_empty(), "the Rust types read these malformed documents: {read:?}");
}

#[test]
fn every_schema_name_has_a_rust_type() {
    let doc = serde_json::to_value(kix_core::emap()).unwrap();
    assert!(rust_reads("hub", &doc));
    for d in kix_core::schema::documents() {
        // Panics on a schema without a Rust type.
        let _ = rust_reads(d.name, &serde_json::Value::Null);
    }
}
