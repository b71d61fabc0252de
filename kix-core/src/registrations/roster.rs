//! A book's registrations as a spreadsheet (CSV) for organisers: one row per
//! registration, every cell that a spreadsheet would read as a formula
//! neutralised (OWASP's CSV injection advice), so `=HYPERLINK(...)` typed as a
//! name stays text when an organiser opens the file.

use std::borrow::Cow;

use crate::registrations::book::BookEntry;

/// The columns of [`roster_csv`], in order.
///
/// ```
/// assert_eq!(kix_core::registrations::roster::ROSTER_COLUMNS[0], "id");
/// ```
pub const ROSTER_COLUMNS: [&str; 12] = [
    "id",
    "status",
    "full_name",
    "email",
    "country",
    "organisation",
    "audience",
    "language",
    "occurrence",
    "submitted_at",
    "offer_expires_at",
    "checked_in_at",
];

/// A cell as a spreadsheet will read it as text: one that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return (what Excel, LibreOffice and Google Sheets take for the start
/// of a formula) gets a leading apostrophe, as OWASP advises; any other cell is unchanged.
///
/// ```
/// use kix_core::registrations::roster::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(spreadsheet_safe("Алия Бекова"), "Алия Бекова");
/// ```
#[must_use]
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The registrations as CSV ([`ROSTER_COLUMNS`], a header row first, RFC 4180 quoting),
/// every text cell passed through [`spreadsheet_safe`]. Times are RFC 3339 in UTC.
///
/// ```
/// use kix_core::{Registration, RegistrationBook};
/// use kix_core::registrations::roster::roster_csv;
/// let hub = kix_core::emap();
/// let event = hub.event("kix-emap-webinar-20").unwrap();
/// let mut book = RegistrationBook::new(event);
/// let r = Registration { full_name: Some("=HYPERLINK(\"http://x\",\"pay\")".into()),
///     email: Some("x@example.np".into()), country: Some("NP".into()), audience: Some("teacher".into()),
///     ..Default::default() };
/// book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?;
/// let csv = roster_csv(book.registrations());
/// assert!(csv.lines().nth(1).unwrap().starts_with(r#"r-000001,confirmed,"'=HYPERLINK(""http://x"",""pay"")",x@example.np,NP,"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn roster_csv<'a>(entries: impl IntoIterator<Item = &'a BookEntry>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail: the results are the writer's, not the data's.
    let _ = out.write_record(ROSTER_COLUMNS);
    for e in entries {
        let time = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
        let text = |t: Option<&str>| spreadsheet_safe(t.unwrap_or_default()).into_owned();
        let r = &e.record;
        let _ = out.write_record([
            e.id.clone(),
            e.status.as_str().to_owned(),
            text(r.full_name.as_deref()),
            spreadsheet_safe(&e.email).into_owned(),
            e.country.map(|c| c.as_str().to_owned()).unwrap_or_default(),
            text(r.organisation.as_deref()),
            text(r.audience.as_deref()),
            text(r.language.as_deref()),
            e.occurrence.map(|o| o.format("%Y-%m-%dT%H:%M:%S").to_string()).unwrap_or_default(),
            e.submitted_at.to_rfc3339(),
            time(e.offer_expires_at),
            time(e.checked_in_at),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
