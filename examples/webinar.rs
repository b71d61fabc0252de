//! The seed webinar end to end: read its listing text, show its local times in
//! every member country, check a small batch of registrations, and write its
//! calendar file.
//!
//! `cargo run --example webinar [OUT_DIR]` writes `kix-emap-webinar-20.ics`
//! (and, for the test suite's independent check, a few more calendar files
//! with a `manifest.json` of their wall times and zones) into OUT_DIR, by
//! default `target/webinar`.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use kix_core::{Registration, Violations, WorkingHours, emap, local_times, parse_listing, validate_batch};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let hub = emap();
    let out_dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/webinar".into()));
    std::fs::create_dir_all(&out_dir)?;

    // 1. The listing, as the seed page writes it.
    let (date_text, time_text) = ("31 July 2024", "1:00 – 2:30 PM (CET / Geneva)");
    let schedule = parse_listing(date_text, time_text)?;
    println!("Listing: {date_text}, {time_text}");
    println!(
        "  organiser's time: {} to {} ({})",
        schedule.start.format("%Y-%m-%d %H:%M %:z"),
        schedule.end.format("%H:%M %:z"),
        schedule.zone
    );
    println!("  in UTC: {} to {}", schedule.start_utc().format("%H:%M"), schedule.end_utc().format("%H:%M"));
    for w in &schedule.warnings {
        println!("  {w}");
    }

    // 2. Local times in every member country.
    let w20 = hub.event("kix-emap-webinar-20").ok_or("webinar 20 is missing from the embedded hub")?;
    assert_eq!(w20.start_utc()?, schedule.start_utc(), "the embedded event and its listing agree");
    let table = local_times(hub, w20, WorkingHours::default())?;
    println!("\nKIX EMAP Webinar 20 in every member country (working hours 08:00-18:00)");
    println!(
        "  {:<7} {:<22} {:<23} {:<7} {:<5} {:<5} note",
        "country", "zone", "local time", "offset", "abbr", "shift"
    );
    for r in &table.rows {
        let country = r.country.map(|c| c.to_string()).unwrap_or_default();
        let mut note = Vec::new();
        if !r.within_working_hours {
            note.push("outside working hours");
        }
        if r.rest_day {
            note.push("rest day");
        }
        println!(
            "  {:<7} {:<22} {:<23} {:<7} {:<5} {:<+5} {}",
            country,
            r.zone.name(),
            format!("{} {}-{}", r.local_date, r.local_start.format("%H:%M"), r.local_end.format("%H:%M")),
            r.utc_offset.to_string(),
            r.abbreviation.as_str(),
            r.day_shift,
            note.join(", ")
        );
    }

    // 3. A small batch of registrations, as a web form would send them.
    let batch: Vec<Registration> = serde_json::from_str(
        r#"[
        {"full_name": "Aigerim Bekova", "email": "aigerim@example.kg", "country": "Kyrgyz Republic",
         "audience": "government_official", "language": "ru", "consent": true, "submitted_at": "2024-07-15T09:30:00+06:00"},
        {"full_name": "Sonam Choden", "email": "sonam@example.bt", "country": "BT",
         "audience": "teacher", "consent": true, "submitted_at": "2024-07-20T14:00:00+06:00"},
        {"full_name": "A. Bekova", "email": " AIGERIM@example.kg", "country": "Kyrgyzstan",
         "audience": "policy_maker", "consent": true, "submitted_at": "2024-07-21T10:00:00+06:00"},
        {"full_name": "Khalid Osman", "email": "khalid@example", "country": "Sudan",
         "audience": "academic_researcher", "language": "ar", "consent": true, "submitted_at": "2024-07-22T10:00:00+02:00"},
        {"full_name": "Mariam Noori", "email": "mariam@example.af", "country": "Afghanistan",
         "audience": "donor", "language": "fa", "consent": true, "submitted_at": "2024-07-31T15:45:00+04:30"}
    ]"#,
    )?;
    println!("\nRegistrations");
    for (i, o) in validate_batch(hub, w20, &batch, &[], None)?.iter().enumerate() {
        let country = o.country.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
        println!(
            "  [{i}] {country} {:<10} {}",
            o.status.as_str(),
            o.violations.codes().iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
        );
        for v in &o.violations {
            println!("        {} ({})", v.message, v.path);
        }
    }

    // 4. The calendar file, and a few more for the independent check.
    let stamp = Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).single().ok_or("bad stamp")?;
    let mut manifest = Vec::new();
    let mut variants = vec![w20.clone()];
    let mut other = |id: &str, start: &str, end: &str, zone: &str, edit: &dyn Fn(&mut kix_core::Event)| {
        let mut e = w20.clone();
        e.id = id.into();
        e.start = start.parse().unwrap_or(e.start);
        e.end = Some(end.parse().unwrap_or(e.start));
        e.zone = kix_core::ZoneId::from(zone);
        edit(&mut e);
        variants.push(e);
    };
    other("kathmandu-morning", "2025-01-15T10:00:00", "2025-01-15T11:15:00", "Asia/Kathmandu", &|_| {});
    other("chisinau-dst-week", "2025-03-31T09:00:00", "2025-03-31T10:30:00", "Europe/Chisinau", &|_| {});
    other("apia-date-line", "2024-12-31T09:00:00", "2024-12-31T10:00:00", "Pacific/Apia", &|_| {});
    other("geneva-winter-cancelled", "2025-12-09T06:00:00", "2025-12-09T08:00:00", "Europe/Zurich", &|e| {
        e.status = kix_core::EventStatus::Cancelled;
        e.sequence = 3;
        e.title = "Line\r\nBREAK;semi,comma\\back".into();
        // With an organiser e-mail the file is an iTIP cancellation (METHOD:CANCEL, ORGANIZER).
        if let Some(first) = e.organisers.first_mut() {
            first.email = Some("events@norrag.example".into());
        }
    });
    for e in &variants {
        let ics = kix_core::calendar::to_ics(hub, e, stamp)?;
        let path = out_dir.join(format!("{}.ics", e.id));
        std::fs::write(&path, &ics)?;
        manifest.push(serde_json::json!({
            "file": format!("{}.ics", e.id), "start": e.start, "end": e.wall_end(), "zone": e.zone,
            "title": e.title, "sequence": e.sequence, "cancelled": e.status == kix_core::EventStatus::Cancelled,
            "organiser_email": e.organisers.iter().find_map(|p| p.email.clone()),
        }));
    }
    std::fs::write(out_dir.join("manifest.json"), serde_json::to_string_pretty(&manifest)?)?;
    println!("\nCalendar file: {}", out_dir.join("kix-emap-webinar-20.ics").display());
    Ok(())
}
