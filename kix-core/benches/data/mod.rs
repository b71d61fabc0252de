//! The benchmarks' data, shared by `kix.rs` (criterion) and `alternate.rs`.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const COUNTRY_TEXTS: [&str; 12] = [
    "KG",
    "Kyrgyz Republic",
    "NP",
    "Nepal",
    "Viet Nam",
    "MD",
    "Republic of Moldova",
    "PK",
    "BT",
    "Lao PDR",
    "AF",
    "TL",
];
const AUDIENCES: [&str; 6] =
    ["policy_maker", "education_stakeholder", "government_official", "teacher", "academic_researcher", "other"];

pub(crate) fn synthetic_json(n: usize) -> String {
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        // 1% repeat an earlier address (in another case), 1% are malformed.
        let email = if i % 100 == 7 && i > 0 {
            format!("Person{}@Example.org", i - 1)
        } else if i % 100 == 13 {
            format!("person{i}@localhost")
        } else {
            format!("person{i}@example.org")
        };
        rows.push(serde_json::json!({
            "full_name": format!("Person Number {i}"),
            "email": email,
            "country": COUNTRY_TEXTS[i % COUNTRY_TEXTS.len()],
            "organisation": "Ministry of Education",
            "audience": AUDIENCES[i % AUDIENCES.len()],
            "language": if i % 3 == 0 { "ru" } else { "en" },
            "consent": true,
            "submitted_at": "2024-07-20T10:00:00+05:00",
        }));
    }
    serde_json::to_string(&rows).unwrap()
}

/// 100k events, one every 53 minutes from 2024 on, 90 minutes long: start, end and the
/// organiser's date.
pub(crate) fn events() -> Vec<(DateTime<Utc>, DateTime<Utc>, NaiveDate)> {
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    (0..100_000i64)
        .map(|i| {
            let start = base + chrono::Duration::minutes(i * 53);
            (start, start + chrono::Duration::minutes(90), start.date_naive())
        })
        .collect()
}
