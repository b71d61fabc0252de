//! Reading the exports analysts are handed: Zoom's webinar registration and
//! attendee reports, a Google Forms responses CSV, or any CSV with a column
//! mapping, into [`Registration`]s and [`Participant`]s.
//!
//! The layouts are the published ones. A Zoom report opens with a report
//! header block (the report's title, `Report Generated:`, then one header row
//! and one value row about the webinar: `Topic`, `Webinar ID`, ...), followed
//! by sections, each a title line (`Host Details`, `Panelist Details`,
//! `Attendee Details`) and its own header row; the registration report's
//! table has `First Name`, `Last Name`, `Email`, `Registration Time`,
//! `Approval Status`. A Google Forms CSV has one header row whose first
//! column is `Timestamp` and a column per question (`Email address` when
//! e-mails are collected). Files come as UTF-8 with or without a byte-order
//! mark; bytes that are not UTF-8 become U+FFFD, which the registration rules
//! report on the row rather than abort the file.
//!
//! Timestamps without an offset (Zoom writes `Jul 15, 2024 09:30:12` in the
//! account's zone, Forms `7/30/2024 9:15:02` in the spreadsheet's) are read as
//! wall times in the zone the caller names, strictly: a wall time that the
//! zone skips or repeats is not guessed, it stays as `wall[Zone]` text that
//! validation reports as `time.nonexistent_local_time` or
//! `time.ambiguous_local_time` on that row. Slash dates are month first, as
//! Zoom and Forms write them in their US locale.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

pub use crate::registrations::attendance::Participant;
use crate::registrations::registration::{Registration, invalid_value};
use crate::shared::error::Error;
use crate::shared::text::{parse_instant, truncate};
use crate::shared::violation::{Code, Violation};
use crate::time::zone::{Disambiguation, from_local};

/// Which export a file is.
///
/// ```
/// use kix_core::exports::ExportFormat;
/// assert_eq!("google_forms".parse::<ExportFormat>()?, ExportFormat::GoogleForms);
/// assert!("excel".parse::<ExportFormat>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A Zoom report (webinar registration report, attendee or participant report).
    Zoom,
    /// A Google Forms responses CSV (downloaded from the form or its sheet).
    GoogleForms,
    /// Any CSV whose first row names the columns.
    Csv,
}

impl FromStr for ExportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "zoom" => Ok(ExportFormat::Zoom),
            "google_forms" => Ok(ExportFormat::GoogleForms),
            "csv" => Ok(ExportFormat::Csv),
            _ => Err(Error::InvalidValue {
                what: "format",
                value: truncate(s, 40),
                expected: "zoom, google_forms or csv",
            }),
        }
    }
}

/// What answer texts mean: consent words to `true`/`false`, and labels to
/// audience or language codes ("Policy maker" to `policy_maker`). Texts are
/// matched trimmed and case-insensitively. The default knows the consent
/// words yes, no, true, false, "I agree" and "I do not agree".
///
/// ```
/// use kix_core::exports::Answers;
/// let answers = Answers::default().label("Policy maker", "policy_maker").consent("J'accepte", true);
/// assert_eq!(answers.consent_of(" YES "), Some(true));
/// assert_eq!(answers.consent_of("j'accepte"), Some(true));
/// assert_eq!(answers.label_of("policy MAKER"), Some("policy_maker"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    consent: HashMap<String, bool>,
    labels: HashMap<String, String>,
}

impl Default for Answers {
    fn default() -> Self {
        let consent = [("yes", true), ("true", true), ("i agree", true), ("no", false), ("false", false)]
            .into_iter()
            .chain([("i do not agree", false)])
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        Answers { consent, labels: HashMap::new() }
    }
}

fn answer_key(text: &str) -> String {
    text.trim().to_lowercase()
}

impl Answers {
    /// Adds a consent answer.
    ///
    /// ```
    /// assert_eq!(kix_core::exports::Answers::default().consent("Ok", true).consent_of("ok"), Some(true));
    /// ```
    #[must_use]
    pub fn consent(mut self, text: &str, value: bool) -> Self {
        self.consent.insert(answer_key(text), value);
        self
    }

    /// Adds a label for an audience or language code.
    ///
    /// ```
    /// assert_eq!(kix_core::exports::Answers::default().label("Teacher", "teacher").label_of("TEACHER"), Some("teacher"));
    /// ```
    #[must_use]
    pub fn label(mut self, text: &str, code: &str) -> Self {
        self.labels.insert(answer_key(text), code.to_owned());
        self
    }

    /// What a consent answer means, if it is known.
    ///
    /// ```
    /// assert_eq!(kix_core::exports::Answers::default().consent_of("Maybe"), None);
    /// ```
    #[must_use]
    pub fn consent_of(&self, text: &str) -> Option<bool> {
        self.consent.get(&answer_key(text)).copied()
    }

    /// The code a label stands for, if it is known.
    ///
    /// ```
    /// assert_eq!(kix_core::exports::Answers::default().label_of("Teacher"), None);
    /// ```
    #[must_use]
    pub fn label_of(&self, text: &str) -> Option<&str> {
        self.labels.get(&answer_key(text)).map(String::as_str)
    }
}

/// One record read from an export: its position among the export's records,
/// the registration it says, and what could not be read from it (violations
/// of this record, for [`crate::registrations::registration::validate_batch_read`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadRegistration {
    /// Position of the record among the export's data rows, from 0.
    pub row: usize,
    /// The registration, field for field.
    pub registration: Registration,
    /// Cells that could not be read (`registration.invalid_value`).
    pub found: Vec<Violation>,
}

/// The registration fields, as named in [`Registration`]'s JSON.
pub const REGISTRATION_FIELDS: [&str; 8] =
    ["full_name", "email", "country", "organisation", "audience", "language", "consent", "submitted_at"];

/// Column names the exports use for each field, matched case-insensitively.
fn aliases(field: &str) -> &'static [&'static str] {
    match field {
        "full_name" => {
            &["full name", "full_name", "name", "your name", "user name (original name)", "name (original name)"]
        }
        "email" => &["email", "email address", "e-mail", "e-mail address", "user email"],
        "country" => &["country", "country/region", "country/region name", "country or region"],
        "organisation" => &["organisation", "organization", "organisation/institution", "organization/institution"],
        "audience" => &["audience", "role"],
        "language" => &["language", "preferred language"],
        "consent" => &["consent"],
        "submitted_at" => &["submitted_at", "registration time", "timestamp", "submitted at"],
        _ => &[],
    }
}

/// A CSV as rows of cells: BOM dropped, undecodable bytes as U+FFFD, ragged rows allowed.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    reader
        .records()
        // A record the csv crate cannot split (only an I/O error on a byte slice) ends the table.
        .map_while(Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect()
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// A section title of a Zoom report: one non-empty cell, the first.
fn is_title(row: &[String]) -> bool {
    row.first().is_some_and(|c| !c.trim().is_empty()) && row.iter().skip(1).all(|c| c.trim().is_empty())
}

fn has(row: &[String], name: &str) -> bool {
    row.iter().any(|c| c.trim().eq_ignore_ascii_case(name))
}

/// The table of an export: its header row and its data rows. A Zoom report's
/// table is the `Attendee Details` section when there is one, else the first
/// row that names `Email` and one of `marks`; data rows run to the next
/// section title.
fn table(bytes: &[u8], format: ExportFormat, marks: &[&str]) -> Result<(Vec<String>, Vec<Vec<String>>), Error> {
    let rows = csv_rows(bytes);
    let start = match format {
        ExportFormat::Zoom => {
            let section = rows.iter().position(|r| is_title(r) && has(r, "Attendee Details")).map(|i| i + 1);
            section.or_else(|| rows.iter().position(|r| has(r, "Email") && marks.iter().any(|m| has(r, m)))).ok_or(
                Error::InvalidValue {
                    what: "Zoom report",
                    value: rows.first().map(|r| truncate(&r.join(","), 40)).unwrap_or_default(),
                    expected: "a Zoom report with an Attendee Details section or a table with Email and time columns",
                },
            )?
        }
        ExportFormat::GoogleForms | ExportFormat::Csv => rows.iter().position(|r| !is_blank(r)).unwrap_or(0),
    };
    let mut rows = rows.into_iter().skip(start);
    let header = rows.next().unwrap_or_default();
    let data = rows.filter(|r| !is_blank(r)).take_while(|r| r.len() > 1 || !is_title(r)).collect();
    Ok((header, data))
}

fn find_column(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| header.iter().position(|h| h.trim().eq_ignore_ascii_case(n)))
}

/// Wall-time forms of the exports: Zoom's `Jul 15, 2024 09:30:12`, US
/// month-first dates with 24- or 12-hour clocks, ISO dates with `T` or a space.
const WALL_FORMATS: [&str; 14] = [
    "%b %d, %Y %H:%M:%S",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %H:%M",
    "%b %d, %Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %I:%M:%S %p",
];

/// A wall time in one of the exports' forms.
///
/// ```
/// use kix_core::exports::parse_export_time;
/// assert_eq!(parse_export_time("Jul 15, 2024 09:30:12").unwrap().to_string(), "2024-07-15 09:30:12");
/// assert_eq!(parse_export_time("7/30/2024 9:15:02").unwrap().to_string(), "2024-07-30 09:15:02");
/// assert_eq!(parse_export_time("07/30/2024 02:05:00 PM").unwrap().to_string(), "2024-07-30 14:05:00");
/// assert_eq!(parse_export_time("2024-07-30 14:05").unwrap().to_string(), "2024-07-30 14:05:00");
/// assert!(parse_export_time("30.07.2024").is_none());
/// ```
#[must_use]
pub fn parse_export_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    WALL_FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

fn missing_zone(example: &str) -> Error {
    Error::InvalidValue {
        what: "timestamp without offset",
        value: truncate(example, 40),
        expected: "the zone its wall time is in: pass zone=\"Europe/Zurich\" (Python) or a zone (Rust, Kotlin), \
                   the Zoom account's or the form spreadsheet's time zone",
    }
}

/// What a timestamp cell becomes: `Ok(Some(text))` for an instant (RFC 3339)
/// or a strict-unresolvable wall time (`wall[Zone]`), the cell itself when it
/// is no time at all (validation reports it); `Err` when a wall time has no zone.
fn instant_text(cell: &str, zone: Option<Tz>) -> Result<String, Error> {
    if let Some(t) = parse_instant(cell) {
        return Ok(t.to_rfc3339());
    }
    let Some(wall) = parse_export_time(cell) else { return Ok(cell.trim().to_owned()) };
    let tz = zone.ok_or_else(|| missing_zone(cell))?;
    Ok(match from_local(wall, tz, Disambiguation::Reject) {
        Ok(t) => t.to_rfc3339(),
        Err(_) => format!("{}[{}]", wall.format("%Y-%m-%dT%H:%M:%S"), tz.name()),
    })
}

/// Reads a registration export into records, one per data row, in order.
///
/// `columns` maps kix fields to the export's column names and wins over the
/// names kix knows; `answers` says what consent texts and audience or
/// language labels mean. Fails only for the whole file: no table found, a
/// mapping naming an unknown field or a column the file lacks, or naive
/// timestamps without `zone`. A cell that cannot be read is a violation of
/// its record.
///
/// ```
/// use kix_core::exports::{Answers, ExportFormat, read_registrations};
/// let csv = "\u{feff}Timestamp,Email address,Full name,Country,I agree to the processing\n\
///            7/30/2024 9:15:02,aziz@example.tj,Aziz Nazarov,Tajikistan,Yes\n";
/// let columns = [("consent".to_owned(), "I agree to the processing".to_owned())];
/// let zone = Some(chrono_tz::Asia::Dushanbe);
/// let read = read_registrations(csv.as_bytes(), ExportFormat::GoogleForms, zone, &columns, &Answers::default())?;
/// let r = &read[0].registration;
/// assert_eq!(r.submitted_at.as_deref(), Some("2024-07-30T09:15:02+05:00"));
/// assert_eq!((r.email.as_deref(), r.consent), (Some("aziz@example.tj"), Some(true)));
/// let err = read_registrations(csv.as_bytes(), ExportFormat::GoogleForms, None, &columns, &Answers::default());
/// assert!(err.unwrap_err().to_string().contains("zone="));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_registrations(
    bytes: &[u8],
    format: ExportFormat,
    zone: Option<Tz>,
    columns: &[(String, String)],
    answers: &Answers,
) -> Result<Vec<ReadRegistration>, Error> {
    let (header, rows) = table(bytes, format, &["Registration Time", "First Name"])?;
    read_registration_table(&header, &rows, zone, columns, answers)
}

/// Reads a table already split into a header and rows of text cells (a
/// spreadsheet, or an Arrow table a binding has turned into text) exactly as
/// [`read_registrations`] reads the table of an export: the same column names,
/// mapping, answers and timestamps. An empty cell is a missing one.
///
/// ```
/// use kix_core::exports::{Answers, read_registration_table};
/// let header = ["Email address", "Full name", "Country", "Timestamp"].map(String::from);
/// let rows = vec![["aziz@example.tj", "Aziz Nazarov", "Таджикистан", "2024-07-30T09:15:02"].map(String::from).to_vec()];
/// let zone = Some(chrono_tz::Asia::Dushanbe);
/// let read = read_registration_table(&header, &rows, zone, &[], &Answers::default())?;
/// assert_eq!(read[0].registration.submitted_at.as_deref(), Some("2024-07-30T09:15:02+05:00"));
/// assert_eq!(read[0].registration.country.as_deref(), Some("Таджикистан"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_registration_table(
    header: &[String],
    rows: &[Vec<String>],
    zone: Option<Tz>,
    columns: &[(String, String)],
    answers: &Answers,
) -> Result<Vec<ReadRegistration>, Error> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (field, column) in columns {
        let field = REGISTRATION_FIELDS.iter().copied().find(|f| *f == field.as_str()).ok_or_else(|| {
            Error::InvalidValue {
                what: "columns key",
                value: truncate(field, 40),
                expected: "a registration field: full_name, email, country, organisation, audience, language, consent, submitted_at",
            }
        })?;
        let i = find_column(header, &[column.as_str()]).ok_or_else(|| Error::InvalidValue {
            what: "column",
            value: truncate(column, 40),
            expected: "a column of the export's header row",
        })?;
        at.insert(field, i);
    }
    for field in REGISTRATION_FIELDS {
        if let (false, Some(i)) = (at.contains_key(field), find_column(header, aliases(field))) {
            at.insert(field, i);
        }
    }
    let (first, last) = (find_column(header, &["first name"]), find_column(header, &["last name"]));
    let mut out = Vec::with_capacity(rows.len());
    for (row, cells) in rows.iter().enumerate() {
        let cell = |field: &str| -> Option<&str> {
            at.get(field).and_then(|&i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty())
        };
        let mut found = Vec::new();
        let full_name = cell("full_name").map(str::to_owned).or_else(|| {
            let part = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
            match (part(first), part(last)) {
                (Some(f), Some(l)) => Some(format!("{f} {l}")),
                (one, other) => one.or(other).map(str::to_owned),
            }
        });
        let consent = cell("consent").and_then(|text| {
            let value = answers.consent_of(text);
            if value.is_none() {
                found.push(invalid_value("consent", "text", text));
            }
            value
        });
        let labelled = |field: &str| cell(field).map(|t| answers.label_of(t).unwrap_or(t).to_owned());
        let submitted_at = cell("submitted_at").map(|t| instant_text(t, zone)).transpose()?;
        out.push(ReadRegistration {
            row,
            registration: Registration {
                full_name,
                email: cell("email").map(str::to_owned),
                country: cell("country").map(str::to_owned),
                organisation: cell("organisation").map(str::to_owned),
                audience: labelled("audience"),
                language: labelled("language"),
                consent,
                submitted_at,
                occurrence: None,
            },
            found,
        });
    }
    Ok(out)
}

/// An attendee report read: the joins, and a violation for each row that
/// could not be read (it is left out, the others are kept).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadParticipants {
    /// The readable joins, in the report's order.
    pub participants: Vec<Participant>,
    /// `attendance.unreadable_row` per row left out, its path `rows[i]`.
    pub unreadable: Vec<Violation>,
}

/// Reads a Zoom attendee or participant report (or a CSV with the same
/// columns): the `Attendee Details` section when there is one (hosts and
/// panelists are not attendees), one row per join. Rows marked `Attended: No`
/// are registrants who never joined and are skipped: the registrations say who
/// they are.
///
/// ```
/// use kix_core::exports::{ExportFormat, read_participants};
/// let report = "Attendee Report\nReport Generated:,\"08/01/2024 10:00 AM\"\n\
///     Topic,Webinar ID,Actual Start Time,Actual Duration (minutes)\n\
///     Webinar 20,812 3456 7890,07/31/2024 12:58:00 PM,95\n\
///     Host Details\nAttended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)\n\
///     Yes,NORRAG,host@example.org,07/31/2024 12:50:00 PM,07/31/2024 02:35:00 PM,105\n\
///     Attendee Details\nAttended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)\n\
///     Yes,Aziz Nazarov,aziz@example.tj,07/31/2024 01:02:10 PM,07/31/2024 02:30:00 PM,88\n\
///     No,Ana Popescu,ana@example.md,--,--,\n";
/// let read = read_participants(report.as_bytes(), ExportFormat::Zoom, Some(chrono_tz::Europe::Zurich))?;
/// assert_eq!(read.participants.len(), 1);
/// assert_eq!(read.participants[0].join.to_rfc3339(), "2024-07-31T11:02:10+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_participants(bytes: &[u8], format: ExportFormat, zone: Option<Tz>) -> Result<ReadParticipants, Error> {
    let (header, rows) = table(bytes, format, &["Join Time"])?;
    let column = |names: &[&str]| find_column(&header, names);
    let name_at = column(&["user name (original name)", "name (original name)", "name", "full name", "participant"]);
    let email_at = column(&["email", "user email", "email address"]);
    let (join_at, leave_at) = (column(&["join time"]), column(&["leave time"]));
    let attended_at = column(&["attended"]);
    if join_at.is_none() || leave_at.is_none() {
        return Err(Error::InvalidValue {
            what: "attendee report",
            value: truncate(&header.join(","), 40),
            expected: "a table with Join Time and Leave Time columns",
        });
    }
    let mut out = ReadParticipants::default();
    for (row, cells) in rows.iter().enumerate() {
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
        if cell(attended_at).is_some_and(|a| a.eq_ignore_ascii_case("no")) {
            continue;
        }
        let time = |i: Option<usize>| -> Result<Option<DateTime<Utc>>, Error> {
            let Some(text) = cell(i) else { return Ok(None) };
            if let Some(t) = parse_instant(text) {
                return Ok(Some(t.with_timezone(&Utc)));
            }
            let Some(wall) = parse_export_time(text) else { return Ok(None) };
            let tz = zone.ok_or_else(|| missing_zone(text))?;
            // A join in a skipped or repeated hour cannot be placed: the row is reported, not guessed.
            Ok(from_local(wall, tz, Disambiguation::Reject).ok().map(|t| t.with_timezone(&Utc)))
        };
        match (time(join_at)?, time(leave_at)?) {
            (Some(join), Some(leave)) if leave >= join => out.participants.push(Participant {
                row,
                name: cell(name_at).map(str::to_owned),
                email: cell(email_at).map(str::to_owned),
                join,
                leave,
            }),
            (join, leave) => out.unreadable.push(
                Violation::new(
                    Code::AttendanceUnreadableRow,
                    format!("rows[{row}]"),
                    if join.is_some() && leave.is_some() {
                        "the row leaves before it joins".to_owned()
                    } else {
                        "the row has no readable join and leave time".to_owned()
                    },
                )
                .with_param("row", row)
                .with_param("join", cell(join_at).map(|t| truncate(t, 40)))
                .with_param("leave", cell(leave_at).map(|t| truncate(t, 40))),
            ),
        }
    }
    Ok(out)
}

/// A registration export read and validated for an event, then reconciled
/// with an attendee report: the analysts' whole job in one call, as the
/// mobile face offers it. Cells that could not be read are violations of
/// their own records (see [`crate::registrations::registration::validate_batch_read`]).
///
/// ```
/// use kix_core::exports::{Answers, ExportFormat, reconcile};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let regs = "Email,Full name,Country,I am a,Consent,Timestamp\n\
///     sita@example.np,Sita Rai,Nepal,teacher,Yes,2024-07-20T10:00:00Z\n";
/// let joins = "Attended,User Name (Original Name),Email,Join Time,Leave Time\n\
///     Yes,Sita Rai,sita@example.np,2024-07-31T11:00:00Z,2024-07-31T12:00:00Z\n";
/// let columns = [("email", "Email"), ("full_name", "Full name"), ("country", "Country"), ("audience", "I am a"),
///     ("consent", "Consent"), ("submitted_at", "Timestamp")].map(|(f, c)| (f.to_owned(), c.to_owned()));
/// let r = reconcile(hub, w20, regs.as_bytes(), joins.as_bytes(), ExportFormat::Csv, None, &columns, &Answers::default())?;
/// assert_eq!(r.outcomes[0].status.as_str(), "confirmed");
/// assert_eq!((r.attendance.rows[0].status.as_str(), r.attendance.rows[0].minutes), ("attended", 60.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`read_registrations`] and [`read_participants`].
#[allow(clippy::too_many_arguments)]
pub fn reconcile(
    hub: &crate::hub::Hub,
    event: &crate::events::event::Event,
    registrations: &[u8],
    participants: &[u8],
    format: ExportFormat,
    zone: Option<Tz>,
    columns: &[(String, String)],
    answers: &Answers,
) -> Result<Reconciled, Error> {
    let read = read_registrations(registrations, format, zone, columns, answers)?;
    let records: Vec<Registration> = read.iter().map(|r| r.registration.clone()).collect();
    let found: Vec<Vec<Violation>> = read.iter().map(|r| r.found.clone()).collect();
    let outcomes = crate::registrations::registration::validate_batch_read(hub, event, &records, &found, &[], None)?;
    let joins = read_participants(participants, format, zone)?;
    let attendance = crate::registrations::attendance::attendance(hub, event, &records, &outcomes, &joins.participants);
    Ok(Reconciled { read, outcomes, unreadable: joins.unreadable, attendance })
}

/// What [`reconcile`] gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    /// The registrations as read, in the export's order.
    pub read: Vec<ReadRegistration>,
    /// Their outcomes, one per record.
    pub outcomes: Vec<crate::registrations::registration::RegistrationOutcome>,
    /// The attendee report's rows that could not be read.
    pub unreadable: Vec<Violation>,
    /// One row per person and the counts per country.
    pub attendance: crate::registrations::attendance::Attendance,
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZOOM_REGISTRATIONS: &str = "Registration Report\n\
        Report Generated:,\"Jul 31, 2024 09:00:00\"\n\
        Topic,Webinar ID,Scheduled Time,# Registered\n\
        KIX EMAP Webinar 20,812 3456 7890,\"Jul 31, 2024 13:00:00\",3\n\
        \n\
        First Name,Last Name,Email,Registration Time,Approval Status,Country/Region,Organization,Job Title\n\
        Aziz,Nazarov,aziz@example.tj,\"Jul 15, 2024 09:30:12\",approved,Tajikistan,Ministry of Education,Teacher\n\
        Ana,Popescu,ana@example.md,\"Mar 31, 2024 02:30:00\",approved,Moldova,,\n\
        Dorji,,dorji@example.bt,Someday,approved,Bhutan,,\n";

    #[test]
    fn a_zoom_registration_report_reads_after_its_header_block() {
        let zurich = Some(chrono_tz::Europe::Zurich);
        let read =
            read_registrations(ZOOM_REGISTRATIONS.as_bytes(), ExportFormat::Zoom, zurich, &[], &Answers::default())
                .unwrap_or_default();
        assert_eq!(read.len(), 3);
        let aziz = &read[0].registration;
        assert_eq!(aziz.full_name.as_deref(), Some("Aziz Nazarov"));
        assert_eq!(aziz.country.as_deref(), Some("Tajikistan"));
        assert_eq!(aziz.organisation.as_deref(), Some("Ministry of Education"));
        // Zurich is on CEST (UTC+2) in July.
        assert_eq!(aziz.submitted_at.as_deref(), Some("2024-07-15T09:30:12+02:00"));
        // 02:30 on 31 March 2024 does not exist in Zurich: kept with its zone, not guessed.
        assert_eq!(read[1].registration.submitted_at.as_deref(), Some("2024-03-31T02:30:00[Europe/Zurich]"));
        assert_eq!(read[2].registration.submitted_at.as_deref(), Some("Someday"));
        assert_eq!(read[2].row, 2);
    }

    #[test]
    fn a_gap_time_is_a_violation_of_its_row_when_validated() {
        let hub = crate::emap();
        let w20 = hub.event("kix-emap-webinar-20").unwrap_or_else(|| unreachable!());
        let zurich = Some(chrono_tz::Europe::Zurich);
        let read =
            read_registrations(ZOOM_REGISTRATIONS.as_bytes(), ExportFormat::Zoom, zurich, &[], &Answers::default())
                .unwrap_or_default();
        let records: Vec<Registration> = read.iter().map(|r| r.registration.clone()).collect();
        let outcomes =
            crate::registrations::registration::validate_batch(hub, w20, &records, &[], None).unwrap_or_default();
        assert_eq!(outcomes.len(), 3);
        let codes = |i: usize| outcomes[i].violations.iter().map(|v| (v.code, v.path.clone())).collect::<Vec<_>>();
        assert!(codes(1).contains(&(Code::TimeNonexistentLocalTime, "submitted_at".into())), "{:?}", codes(1));
        assert!(codes(2).contains(&(Code::RegistrationInvalidTimestamp, "submitted_at".into())));
    }

    #[test]
    fn naive_times_without_a_zone_fail_the_call_and_say_how_to_give_one() {
        let err = read_registrations(ZOOM_REGISTRATIONS.as_bytes(), ExportFormat::Zoom, None, &[], &Answers::default());
        let message = err.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        assert!(message.contains("zone=\"Europe/Zurich\""), "{message}");
        assert!(message.contains("Jul 15, 2024 09:30:12"), "{message}");
    }

    #[test]
    fn unknown_consent_answers_are_violations_and_labels_map_to_codes() {
        let csv = "Timestamp,Email address,Name,Consent,I am a\n\
                   2024-07-30 09:15:02,a@example.org,A,Maybe,Policy maker\n";
        let columns = [("audience".to_owned(), "I am a".to_owned())];
        let answers = Answers::default().label("Policy maker", "policy_maker");
        let read =
            read_registrations(csv.as_bytes(), ExportFormat::GoogleForms, Some(chrono_tz::UTC), &columns, &answers)
                .unwrap_or_default();
        assert_eq!(read[0].registration.audience.as_deref(), Some("policy_maker"));
        assert_eq!(read[0].registration.consent, None);
        assert_eq!(read[0].found.iter().map(|v| v.code).collect::<Vec<_>>(), [Code::RegistrationInvalidValue]);
    }

    #[test]
    fn a_mapping_to_a_missing_column_or_field_fails_the_call() {
        let csv = "Timestamp,Email address\n";
        for columns in [[("email".to_owned(), "Mail".to_owned())], [("phone".to_owned(), "Email address".to_owned())]] {
            assert!(
                read_registrations(csv.as_bytes(), ExportFormat::Csv, None, &columns, &Answers::default()).is_err()
            );
        }
    }

    #[test]
    fn undecodable_bytes_become_replacement_characters_not_an_abort() {
        let mut bytes = b"Name,Email\nMinist".to_vec();
        bytes.extend([0xe8, b'r', b'e', b',', b'a', b'@', b'b', b'.', b'c', b'o', b'\n']);
        let read = read_registrations(&bytes, ExportFormat::Csv, None, &[], &Answers::default()).unwrap_or_default();
        assert_eq!(read[0].registration.full_name.as_deref(), Some("Minist\u{fffd}re"));
    }
}
