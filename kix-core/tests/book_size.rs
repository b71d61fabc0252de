//! Issue 27's memory figure: the memory a registration book of 100,000 registrations takes,
//! against the size of its JSON (target: at most 2x). A measurement, not a check: run it
//! by name, in release, and read what it prints.
//!
//! `cargo test --release -p kix-core --test book_size -- --ignored --nocapture`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{DateTime, Utc};
use kix_core::{Registration, RegistrationBook};

/// The process's resident memory, in bytes.
fn resident() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() * 1024
}

#[test]
#[ignore = "a measurement: run it by name, in release"]
fn a_book_of_100k_in_memory_against_its_json() {
    let hub = kix_core::emap();
    let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
    event.registration.capacity = Some(50_000);
    event.registration.waiting_list = true;
    let now: DateTime<Utc> = "2024-07-20T08:00:00Z".parse().unwrap();
    let mut book = RegistrationBook::new(&event);
    for i in 0..100_000 {
        let r = Registration {
            full_name: Some(format!("Person {i}")),
            email: Some(format!("person{i}@example.org")),
            country: Some(["NP", "MD", "KG", "PG", "AF"][i % 5].into()),
            audience: Some("teacher".into()),
            organisation: (i % 3 == 0).then(|| "Ministry of Education".into()),
            ..Default::default()
        };
        book.submit(hub, &event, &r, now).unwrap();
    }
    // Read in a fresh process, so that what building the book freed does not hide what reading takes.
    let path = std::env::temp_dir().join(format!("kix-book-size-{}.json", std::process::id()));
    std::fs::write(&path, book.to_json()).unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "--nocapture", "reading_a_stored_book"])
        .env("KIX_BOOK_JSON", &path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let out = String::from_utf8_lossy(&out.stdout);
    println!("{}", out.lines().find(|l| l.starts_with("a book of")).unwrap_or("no figure"));
}

#[test]
#[ignore = "the second half of the measurement above"]
fn reading_a_stored_book() {
    let Ok(path) = std::env::var("KIX_BOOK_JSON") else { return };
    let json = std::fs::read_to_string(path).unwrap();
    let before = resident();
    let read = RegistrationBook::from_json(&json).unwrap();
    let held = resident() - before;
    println!(
        "a book of {} registrations: JSON {:.1} MB, in memory {:.1} MB more resident ({:.2}x its JSON)",
        read.registrations().len(),
        json.len() as f64 / 1e6,
        held as f64 / 1e6,
        held as f64 / json.len() as f64
    );
}
