//! Zoom and Google Forms exports read into registrations, and attendance
//! reconciled against an attendee report, as the Python face offers them.

use std::collections::HashMap;
use std::time::SystemTime;

use kix_core as core;

use crate::convert::{system_time, zone};
use crate::error::{KixError, Result, Violation, violations};
use crate::objects::Hub;
use crate::records::{Registration, RegistrationOutcome, RegistrationStatus};

/// How to read an export.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct ExportOptions {
    /// `zoom` (a webinar registration or attendee report), `google_forms`, or
    /// `csv` (any CSV, with `columns`).
    pub format: String,
    /// The IANA zone the export's naive times are in (the Zoom account's or the
    /// form owner's); required when it has naive times.
    #[uniffi(default = None)]
    pub zone: Option<String>,
    /// kix field (`email`, `full_name`, ...) -> column name, over the format's own.
    pub columns: HashMap<String, String>,
    /// Answer texts that mean consent given (true) or refused (false), over "Yes", "I agree", ...
    pub consent_answers: HashMap<String, bool>,
    /// Answer texts that mean an audience or language code ("Policy maker" -> `policy_maker`).
    pub labels: HashMap<String, String>,
}

struct Options {
    format: core::exports::ExportFormat,
    zone: Option<chrono_tz::Tz>,
    columns: Vec<(String, String)>,
    answers: core::exports::Answers,
}

impl TryFrom<ExportOptions> for Options {
    type Error = KixError;

    fn try_from(o: ExportOptions) -> Result<Self> {
        let mut answers = core::exports::Answers::default();
        for (text, value) in &o.consent_answers {
            answers = answers.consent(text, *value);
        }
        for (text, code) in &o.labels {
            answers = answers.label(text, code);
        }
        let mut columns: Vec<(String, String)> = o.columns.into_iter().collect();
        columns.sort();
        Ok(Options { format: o.format.parse()?, zone: o.zone.as_deref().map(zone).transpose()?, columns, answers })
    }
}

/// A record of an export: its row, the registration it says, and the cells
/// that could not be read (violations of this record).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReadRegistration {
    /// Position among the export's data rows, from 0.
    pub row: u64,
    /// The registration, field for field (naive times as RFC 3339 instants).
    pub registration: Registration,
    /// Cells that could not be read (`registration.invalid_value`).
    pub found: Vec<Violation>,
}

impl From<core::exports::ReadRegistration> for ReadRegistration {
    fn from(r: core::exports::ReadRegistration) -> Self {
        let g = r.registration;
        ReadRegistration { row: r.row as u64, registration: Registration::from(g), found: violations(&r.found) }
    }
}

/// One join of an attendee report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Participant {
    /// Position among the report's data rows, from 0.
    pub row: u64,
    /// The name shown in the meeting.
    pub name: Option<String>,
    /// The e-mail, when known.
    pub email: Option<String>,
    /// When they joined.
    pub join: SystemTime,
    /// When they left.
    pub leave: SystemTime,
}

/// An attendee report read: its joins and the rows left out.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReadParticipants {
    /// The readable joins, in the report's order.
    pub participants: Vec<Participant>,
    /// `attendance.unreadable_row` for each row left out.
    pub unreadable: Vec<Violation>,
}

/// One person after the event.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AttendanceRow {
    /// The name (the registration's, else the meeting's).
    pub name: Option<String>,
    /// The e-mail (the registration's, else the report's).
    pub email: Option<String>,
    /// `attended`, `no_show` or `walk_in`.
    pub status: String,
    /// The matched registration's row in the export.
    pub registration_row: Option<u64>,
    /// That registration's status.
    pub registration_status: Option<RegistrationStatus>,
    /// The registration's country.
    pub country: Option<String>,
    /// That country's sub-region on the event's date.
    pub sub_region: Option<String>,
    /// The first join.
    pub first_join: Option<SystemTime>,
    /// The last leave.
    pub last_leave: Option<SystemTime>,
    /// Minutes present, overlapping joins counted once.
    pub minutes: f64,
    /// How many times the person joined.
    pub joins: u64,
}

/// Attended, no-show and walk-in counts of one country.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AttendanceCount {
    /// The country (none for walk-ins without a registration).
    pub country: Option<String>,
    /// Its sub-region.
    pub sub_region: Option<String>,
    /// People who attended.
    pub attended: u64,
    /// People who did not come.
    pub no_show: u64,
    /// People who came without an accepted registration.
    pub walk_in: u64,
}

/// Registrations read and validated, and attendance reconciled with them.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Reconciliation {
    /// The registrations as read.
    pub read: Vec<ReadRegistration>,
    /// Their outcomes, one per record.
    pub outcomes: Vec<RegistrationOutcome>,
    /// The attendee report's rows that could not be read.
    pub unreadable: Vec<Violation>,
    /// One row per person.
    pub rows: Vec<AttendanceRow>,
    /// Counts per country.
    pub counts: Vec<AttendanceCount>,
}

fn participant(p: core::exports::Participant) -> Participant {
    Participant {
        row: p.row as u64,
        name: p.name,
        email: p.email,
        join: system_time(p.join),
        leave: system_time(p.leave),
    }
}

/// Reads a registration export (the text of the file) into records.
#[uniffi::export]
pub fn read_registrations(text: String, options: ExportOptions) -> Result<Vec<ReadRegistration>> {
    let o = Options::try_from(options)?;
    let read = core::exports::read_registrations(text.as_bytes(), o.format, o.zone, &o.columns, &o.answers)?;
    Ok(read.into_iter().map(ReadRegistration::from).collect())
}

/// Reads a Zoom attendee or participant report (the text of the file).
#[uniffi::export]
pub fn read_attendance(text: String, format: String, zone_name: Option<String>) -> Result<ReadParticipants> {
    let tz = zone_name.as_deref().map(zone).transpose()?;
    let read = core::exports::read_participants(text.as_bytes(), format.parse()?, tz)?;
    Ok(ReadParticipants {
        participants: read.participants.into_iter().map(participant).collect(),
        unreadable: violations(&read.unreadable),
    })
}

#[uniffi::export]
impl Hub {
    /// Validates records read from an export for an event: a cell that could
    /// not be read is a violation of its own record.
    pub fn validate_read_registrations(
        &self,
        event_id: String,
        records: Vec<ReadRegistration>,
    ) -> Result<Vec<RegistrationOutcome>> {
        let mut regs = Vec::with_capacity(records.len());
        let mut found = Vec::with_capacity(records.len());
        for r in records {
            let (registration, mut problems) = r.registration.read();
            regs.push(registration);
            problems.splice(0..0, r.found.into_iter().map(core::Violation::try_from).collect::<Result<Vec<_>>>()?);
            found.push(problems);
        }
        let hub = self.read();
        let outcomes =
            core::registration::validate_batch_read(&hub, hub.require_event(&event_id)?, &regs, &found, &[], None)?;
        Ok(outcomes.into_iter().map(RegistrationOutcome::from).collect())
    }

    /// A registration export and an attendee report (the texts of the files)
    /// reconciled for an event: the records, their outcomes, one row per
    /// person (attended, no-show, walk-in, minutes present) and counts per country.
    pub fn reconcile_attendance(
        &self,
        event_id: String,
        registrations: String,
        participants: String,
        options: ExportOptions,
    ) -> Result<Reconciliation> {
        let o = Options::try_from(options)?;
        let hub = self.read();
        let event = hub.require_event(&event_id)?;
        let r = core::exports::reconcile(
            &hub,
            event,
            registrations.as_bytes(),
            participants.as_bytes(),
            o.format,
            o.zone,
            &o.columns,
            &o.answers,
        )?;
        let rows_of: Vec<u64> = r.read.iter().map(|x| x.row as u64).collect();
        Ok(Reconciliation {
            rows: r
                .attendance
                .rows
                .into_iter()
                .map(|a| AttendanceRow {
                    name: a.name,
                    email: a.email,
                    status: a.status.as_str().to_owned(),
                    registration_row: a.registration.and_then(|i| rows_of.get(i).copied()),
                    registration_status: a.registration_status.map(Into::into),
                    country: a.country.map(|c| c.to_string()),
                    sub_region: a.sub_region,
                    first_join: a.first_join.map(system_time),
                    last_leave: a.last_leave.map(system_time),
                    minutes: a.minutes,
                    joins: a.joins as u64,
                })
                .collect(),
            counts: r
                .attendance
                .counts
                .into_iter()
                .map(|c| AttendanceCount {
                    country: c.country.map(|c| c.to_string()),
                    sub_region: c.sub_region,
                    attended: c.attended as u64,
                    no_show: c.no_show as u64,
                    walk_in: c.walk_in as u64,
                })
                .collect(),
            read: r.read.into_iter().map(ReadRegistration::from).collect(),
            outcomes: r.outcomes.into_iter().map(RegistrationOutcome::from).collect(),
            unreadable: violations(&r.unreadable),
        })
    }
}
