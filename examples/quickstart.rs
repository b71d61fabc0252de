//! The KIX EMAP hub at a glance: sub-regions and partners, member countries
//! with their zones and rest days, where today sits in the timeline, and the
//! training-cycle ledgers.
//!
//! Run with `cargo run --example quickstart` (add a date, e.g. `-- 2021-06-15`,
//! to see another day).

use chrono::{NaiveDate, Offset, TimeZone, Utc};
use kix_core::{Violations, emap};

fn table(headers: &[&str], rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .chain([headers.get(i).map_or(0, |h| h.chars().count())])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}", w = *w)).collect();
        println!("  {}", padded.join("  ").trim_end());
    };
    line(headers.to_vec());
    line(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect());
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
    println!();
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let hub = emap();
    let today = match std::env::args().nth(1) {
        Some(text) => text.parse::<NaiveDate>()?,
        None => Utc::now().date_naive(),
    };
    println!("{} ({}), tz database {}\n", hub.name, hub.id, kix_core::tzdata_version());

    println!("Sub-regions and partners");
    let rows: Vec<Vec<String>> = hub
        .assignments
        .iter()
        .map(|a| {
            let partner = hub.organisation(&a.partner).map_or(a.partner.clone(), |o| o.name.clone());
            let region = hub.sub_region(&a.sub_region);
            let countries = hub.countries_of(&a.sub_region).iter().map(|c| c.code.as_str()).collect::<Vec<_>>();
            vec![
                region.map_or(a.sub_region.clone(), |r| r.name.clone()),
                partner,
                countries.join(" "),
                format!("{} to {}", a.period.from, a.period.until.map_or("open".into(), |u| u.to_string())),
            ]
        })
        .collect();
    table(&["sub-region", "partner", "countries", "period"], &rows);

    println!("Organisations");
    let rows: Vec<Vec<String>> = hub
        .organisations
        .iter()
        .map(|o| {
            let roles: Vec<String> =
                o.roles.iter().map(|r| serde_json::to_string(r).unwrap_or_default().replace('"', "")).collect();
            vec![o.name.clone(), roles.join(", "), o.full_name.clone().unwrap_or_default()]
        })
        .collect();
    table(&["name", "roles", "full name"], &rows);

    println!("Member countries on {today}");
    let noon = Utc.from_utc_datetime(&today.and_hms_opt(12, 0, 0).unwrap_or_default());
    let rows: Vec<Vec<String>> = hub
        .countries
        .iter()
        .map(|c| {
            let zones: Vec<String> = c
                .time_zones
                .iter()
                .map(|z| match z.tz() {
                    Ok(tz) => format!("{z} ({})", tz.offset_from_utc_datetime(&noon.naive_utc()).fix()),
                    Err(_) => format!("{z} (unknown)"),
                })
                .collect();
            let rest: Vec<String> = c.rest_days_on(today).iter().map(ToString::to_string).collect();
            let partner = hub.partner_for(c.code, today).map_or("-".to_owned(), |o| o.name.clone());
            let uncertain = c.note.as_deref().is_some_and(|n| n.contains("uncertain"));
            let mut name = c.name.clone();
            if let Some(sub) = &c.subdivision {
                name = format!("{name} ({}, {})", sub.name, sub.code);
            }
            vec![
                c.code.to_string(),
                name,
                zones.join(", "),
                format!("{}{}", rest.join("-"), if uncertain { " (uncertain)" } else { "" }),
                partner,
            ]
        })
        .collect();
    table(&["code", "country", "time zones (offset today)", "rest days", "partner today"], &rows);

    println!("Timeline");
    let rows: Vec<Vec<String>> = hub
        .timeline
        .phases
        .iter()
        .map(|p| {
            vec![p.id.clone(), p.name.clone(), p.start.to_string(), p.end.to_string(), p.month_count().to_string()]
        })
        .collect();
    table(&["phase", "name", "start", "end", "months"], &rows);
    match hub.timeline.position(today) {
        Ok(pos) => println!(
            "  {today}: {} month {} of {}, project year {}, quarter {}, {} months remaining\n",
            pos.phase, pos.month_index, pos.month_count, pos.project_year, pos.quarter, pos.months_remaining
        ),
        Err(v) => println!("  {today}: {v}\n"),
    }

    println!("Training ledger: seats per country as confirmed/pending/free");
    for cycle in &hub.training.cycles {
        let endorsement = cycle.endorsement_date.map_or(String::new(), |d| format!(", endorsement {d}"));
        println!("  {}: {} (start {}{endorsement})", cycle.id, cycle.name, cycle.start);
    }
    let ledger = hub.training.timeline_ledger(hub);
    let cell = |r: &kix_core::LedgerRow| format!("{}/{}/{}", r.confirmed, r.pending, r.free);
    let rows: Vec<Vec<String>> = ledger
        .totals
        .iter()
        .map(|total| {
            let mut row = vec![total.country.to_string()];
            for l in &ledger.cycles {
                row.push(l.rows.iter().find(|r| r.country == total.country).map_or("-".into(), cell));
            }
            row.push(cell(total));
            row
        })
        .collect();
    let mut headers = vec!["country"];
    headers.extend(hub.training.cycles.iter().map(|c| c.id.as_str()));
    headers.push("all cycles");
    println!();
    table(&headers, &rows);

    let report = hub.check();
    println!("Hub check: {} error(s), {} warning(s)", report.errors().count(), report.warnings().count());
    for v in &report {
        println!("  {v}");
    }
    Ok(())
}
