//! Mobile bindings of kix-core, generated with UniFFI for Kotlin and Swift.
//!
//! This crate converts types and calls kix-core; no rule lives here. Across the
//! FFI, instants are timestamps (`java.time.Instant` in Kotlin, `Date` in
//! Swift), zones are IANA names, dates are ISO strings (`"2024-07-31"`) and
//! wall-clock times ISO strings without offset (`"2024-07-31T13:00:00"`).
//! Every failure is a [`KixError`] (`KixException` in Kotlin); validation
//! failures carry the core's violation codes.

#![forbid(unsafe_code)]

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kix_core as core;

uniffi::setup_scaffolding!();

// ---------------------------------------------------------------- errors

/// One finding of a rule check.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Violation {
    /// The stable code, such as `registration.duplicate`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// Path to the offending field.
    pub path: String,
    /// A message for people.
    pub message: String,
    /// The parameters, as a JSON object.
    pub params_json: String,
}

impl From<&core::Violation> for Violation {
    fn from(v: &core::Violation) -> Self {
        Violation {
            code: v.code.as_str().to_owned(),
            severity: match v.severity {
                core::Severity::Error => "error".into(),
                core::Severity::Warning => "warning".into(),
            },
            path: v.path.clone(),
            message: v.message.clone(),
            params_json: serde_json::to_string(&v.params).unwrap_or_else(|_| "{}".into()),
        }
    }
}

fn violations(list: &[core::Violation]) -> Vec<Violation> {
    list.iter().map(Violation::from).collect()
}

/// Everything that can go wrong, as `KixException` in Kotlin.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum KixError {
    /// The input broke rules: every violation, the first one's code on top.
    #[error("{code}: {reason}")]
    Validation {
        /// The first violation's code.
        code: String,
        /// The first violation's message (named `reason`: Kotlin exceptions own `message`).
        reason: String,
        /// Every violation.
        violations: Vec<Violation>,
    },
    /// A document, date, time or argument could not be read.
    #[error("invalid input: {reason}")]
    InvalidInput {
        /// What was wrong.
        reason: String,
    },
    /// Something asked for by id does not exist.
    #[error("not found: {reason}")]
    NotFound {
        /// What was not found.
        reason: String,
    },
}

impl KixError {
    fn invalid(message: impl Into<String>) -> Self {
        KixError::InvalidInput { reason: message.into() }
    }
}

impl From<core::Violation> for KixError {
    fn from(v: core::Violation) -> Self {
        KixError::Validation {
            code: v.code.as_str().to_owned(),
            reason: v.message.clone(),
            violations: vec![(&v).into()],
        }
    }
}

impl From<core::Error> for KixError {
    fn from(e: core::Error) -> Self {
        match e {
            core::Error::Rejected(list) => {
                let first = list.first();
                KixError::Validation {
                    code: first.map(|v| v.code.as_str().to_owned()).unwrap_or_default(),
                    reason: first.map(|v| v.message.clone()).unwrap_or_default(),
                    violations: violations(&list),
                }
            }
            core::Error::UnknownZone(_) | core::Error::InvalidCountryCode(_) => {
                core::Error::Rejected(e.to_violations()).into()
            }
            core::Error::NotFound { .. } => KixError::NotFound { reason: e.to_string() },
            other => KixError::invalid(other.to_string()),
        }
    }
}

type Result<T> = std::result::Result<T, KixError>;

// ---------------------------------------------------------------- conversions

fn date(text: &str) -> Result<NaiveDate> {
    core::text::parse_date(text)
        .ok_or_else(|| KixError::invalid(format!("{text:?} is not an ISO date such as 2024-07-31")))
}

fn wall(text: &str) -> Result<NaiveDateTime> {
    core::text::parse_wall_time(text)
        .ok_or_else(|| KixError::invalid(format!("{text:?} is not a wall-clock time such as 2024-07-31T13:00:00")))
}

fn instant(t: SystemTime) -> Result<DateTime<Utc>> {
    let (secs, nanos) = match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).ok(), d.subsec_nanos()),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).ok().map(|s| -s);
            // Round towards minus infinity: -1.5 s is -2 s + 0.5 s.
            match (secs, d.subsec_nanos()) {
                (Some(s), 0) => (Some(s), 0),
                (Some(s), n) => (s.checked_sub(1), 1_000_000_000 - n),
                (None, n) => (None, n),
            }
        }
    };
    secs.and_then(|s| DateTime::from_timestamp(s, nanos))
        .ok_or_else(|| KixError::invalid("the instant is out of range"))
}

fn system_time(t: DateTime<Utc>) -> SystemTime {
    SystemTime::from(t)
}

fn zone(name: &str) -> Result<chrono_tz::Tz> {
    Ok(core::zone::zone_named(name)?)
}

fn country(text: &str) -> Result<core::CountryCode> {
    Ok(core::resolve_country(text)?)
}

fn wall_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

// ---------------------------------------------------------------- records

/// A member country of a hub.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name as the hub writes it.
    pub name: String,
    /// ISO 3166-2 code of the participating subdivision, if not the whole country.
    pub subdivision: Option<String>,
    /// Id of its sub-region, if any.
    pub sub_region: Option<String>,
    /// IANA zones, the primary first.
    pub time_zones: Vec<String>,
    /// Weekly rest days, such as `friday`.
    pub rest_days: Vec<String>,
    /// Sources and uncertainties.
    pub note: Option<String>,
}

/// An organisation of a hub.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Organisation {
    /// Short id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Full name.
    pub full_name: Option<String>,
    /// Roles, such as `regional_partner`.
    pub roles: Vec<String>,
}

fn to_json_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

impl From<&core::Organisation> for Organisation {
    fn from(o: &core::Organisation) -> Self {
        Organisation {
            id: o.id.clone(),
            name: o.name.clone(),
            full_name: o.full_name.clone(),
            roles: o.roles.iter().map(to_json_str).collect(),
        }
    }
}

/// Where a date sits in the project.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TimelinePosition {
    /// Phase id.
    pub phase: String,
    /// Month of the phase, from 1.
    pub month_index: u32,
    /// Months of the phase.
    pub month_count: u32,
    /// Project year of the phase, from 1.
    pub project_year: u32,
    /// Quarter of the phase, from 1.
    pub quarter: u32,
    /// Months of the phase after this date's month.
    pub months_remaining: u32,
}

/// An event, in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EventSummary {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `webinar`, `workshop`, `meeting` or `training_session`.
    pub kind: String,
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// The organiser's IANA zone.
    pub zone: String,
    /// The organiser's wall-clock start.
    pub local_start: String,
    /// ISO 639-1 language.
    pub language: String,
    /// Interpretation languages.
    pub interpretation: Vec<String>,
    /// The full event as JSON (see `schemas/event.schema.json`).
    pub json: String,
}

/// An event in one zone.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LocalTime {
    /// The country, when the row is a member's.
    pub country: Option<String>,
    /// The IANA zone.
    pub zone: String,
    /// Local wall-clock start.
    pub local_start: String,
    /// Local wall-clock end.
    pub local_end: String,
    /// Local date of the start.
    pub local_date: String,
    /// Days against the organiser's date.
    pub day_shift: i32,
    /// Real offset, such as `+05:45`.
    pub utc_offset: String,
    /// Abbreviation in use, such as `NPT`.
    pub abbreviation: String,
    /// Whether the event lies inside working hours.
    pub within_working_hours: bool,
    /// Whether it falls on the country's rest day.
    pub rest_day: bool,
}

impl From<&core::LocalTimeRow> for LocalTime {
    fn from(r: &core::LocalTimeRow) -> Self {
        LocalTime {
            country: r.country.map(|c| c.to_string()),
            zone: r.zone.name().to_owned(),
            local_start: wall_text(r.local_start),
            local_end: wall_text(r.local_end),
            local_date: r.local_date.to_string(),
            day_shift: r.day_shift,
            utc_offset: r.utc_offset.to_string(),
            abbreviation: r.abbreviation.as_str().to_owned(),
            within_working_hours: r.within_working_hours,
            rest_day: r.rest_day,
        }
    }
}

/// A listing read into instants.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Schedule {
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// The organiser's IANA zone.
    pub zone: String,
    /// The organiser's wall-clock start.
    pub local_start: String,
    /// The organiser's wall-clock end.
    pub local_end: String,
    /// Warnings.
    pub warnings: Vec<Violation>,
}

/// One zone of a slot.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SlotZone {
    /// The country.
    pub country: String,
    /// The zone.
    pub zone: String,
    /// Local start.
    pub local_start: String,
    /// Comfort from 0 to 1.
    pub score: f64,
    /// Whether it is a rest day there.
    pub rest_day: bool,
}

/// A ranked candidate start.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Slot {
    /// Start instant.
    pub start: SystemTime,
    /// End instant.
    pub end: SystemTime,
    /// The worst zone's score.
    pub min_score: f64,
    /// The mean score.
    pub mean_score: f64,
    /// Every zone.
    pub zones: Vec<SlotZone>,
}

/// What the slot finder searches.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SlotQuery {
    /// Country codes or names; empty for every member.
    #[uniffi(default = [])]
    pub countries: Vec<String>,
    /// First day (ISO date, hub's home zone).
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// Length in minutes.
    #[uniffi(default = 90)]
    pub duration_minutes: u32,
    /// Working day start hour.
    #[uniffi(default = 8)]
    pub working_start_hour: u32,
    /// Working day end hour.
    #[uniffi(default = 18)]
    pub working_end_hour: u32,
    /// Step in minutes.
    #[uniffi(default = 15)]
    pub granularity_minutes: u32,
    /// How many slots.
    #[uniffi(default = 5)]
    pub top: u32,
}

/// A registration as a form sends it (every field optional, so that missing ones are reported).
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct Registration {
    /// Full name.
    #[uniffi(default = None)]
    pub full_name: Option<String>,
    /// E-mail.
    #[uniffi(default = None)]
    pub email: Option<String>,
    /// Country code or name.
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// Organisation.
    #[uniffi(default = None)]
    pub organisation: Option<String>,
    /// Audience, such as `teacher`.
    #[uniffi(default = None)]
    pub audience: Option<String>,
    /// Language wanted.
    #[uniffi(default = None)]
    pub language: Option<String>,
    /// Consent.
    #[uniffi(default = None)]
    pub consent: Option<bool>,
    /// RFC 3339 instant with offset.
    #[uniffi(default = None)]
    pub submitted_at: Option<String>,
}

impl From<Registration> for core::Registration {
    fn from(r: Registration) -> Self {
        core::Registration {
            full_name: r.full_name,
            email: r.email,
            country: r.country,
            organisation: r.organisation,
            audience: r.audience,
            language: r.language,
            consent: r.consent,
            submitted_at: r.submitted_at,
        }
    }
}

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RegistrationStatus {
    /// Accepted.
    Confirmed,
    /// Waiting for an organiser; holds a seat.
    Pending,
    /// On the waiting list.
    Waitlisted,
    /// Refused.
    Rejected,
}

impl From<core::RegistrationStatus> for RegistrationStatus {
    fn from(s: core::RegistrationStatus) -> Self {
        match s {
            core::RegistrationStatus::Confirmed => RegistrationStatus::Confirmed,
            core::RegistrationStatus::Pending => RegistrationStatus::Pending,
            core::RegistrationStatus::Waitlisted => RegistrationStatus::Waitlisted,
            core::RegistrationStatus::Rejected => RegistrationStatus::Rejected,
        }
    }
}

impl From<RegistrationStatus> for core::RegistrationStatus {
    fn from(s: RegistrationStatus) -> Self {
        match s {
            RegistrationStatus::Confirmed => core::RegistrationStatus::Confirmed,
            RegistrationStatus::Pending => core::RegistrationStatus::Pending,
            RegistrationStatus::Waitlisted => core::RegistrationStatus::Waitlisted,
            RegistrationStatus::Rejected => core::RegistrationStatus::Rejected,
        }
    }
}

/// A registration already held: its e-mail and status.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HeldRegistration {
    /// E-mail.
    pub email: String,
    /// Status.
    pub status: RegistrationStatus,
}

/// The verdict on one registration.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RegistrationOutcome {
    /// Status.
    pub status: RegistrationStatus,
    /// Every violation.
    pub violations: Vec<Violation>,
    /// The country the text resolved to.
    pub country: Option<String>,
}

impl From<core::RegistrationOutcome> for RegistrationOutcome {
    fn from(o: core::RegistrationOutcome) -> Self {
        RegistrationOutcome {
            status: o.status.into(),
            violations: violations(&o.violations),
            country: o.country.map(|c| c.to_string()),
        }
    }
}

/// How to resolve a wall time that a DST change skips or repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Disambiguation {
    /// Gap: the later instant; fold: the earlier.
    Compatible,
    /// The earlier instant.
    Earlier,
    /// The later instant.
    Later,
    /// Refuse with `time.nonexistent_local_time` or `time.ambiguous_local_time`.
    Reject,
}

/// Seats of one country in a training cycle.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LedgerRow {
    /// Country code.
    pub country: String,
    /// Seats.
    pub quota: u32,
    /// Confirmed or completed.
    pub confirmed: u32,
    /// Nominated or endorsed.
    pub pending: u32,
    /// Free.
    pub free: u32,
}

/// A training cycle, in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TrainingCycleSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day (ISO date).
    pub start: String,
    /// Endorsement date (ISO date), if known.
    pub endorsement_date: Option<String>,
    /// How many nominations.
    pub nominations: u32,
}

/// A total of grants in one currency.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GrantTotal {
    /// Country code, sub-region id or phase id.
    pub key: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// The sum, as a decimal string.
    pub total: String,
    /// How many grants.
    pub count: u32,
}

/// Grant totals.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GrantTotals {
    /// Per country.
    pub by_country: Vec<GrantTotal>,
    /// Per sub-region.
    pub by_sub_region: Vec<GrantTotal>,
    /// Per phase.
    pub by_phase: Vec<GrantTotal>,
}

/// A knowledge product, in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct KnowledgeProduct {
    /// Id.
    pub id: String,
    /// Kind, such as `case_study`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Publication date (ISO).
    pub published_on: String,
    /// Country codes.
    pub countries: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Link.
    pub link: Option<String>,
    /// The event it records.
    pub event: Option<String>,
}

/// A filter over the knowledge-product catalogue; every field that is set must match.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct ProductQuery {
    /// Country code or name.
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// Sub-region id.
    #[uniffi(default = None)]
    pub sub_region: Option<String>,
    /// Organisation id (of the product, or the partner covering one of its countries).
    #[uniffi(default = None)]
    pub partner: Option<String>,
    /// Kind, such as `case_study`.
    #[uniffi(default = None)]
    pub kind: Option<String>,
    /// Language (ISO 639-1).
    #[uniffi(default = None)]
    pub language: Option<String>,
    /// Published on or after (ISO date).
    #[uniffi(default = None)]
    pub from: Option<String>,
    /// Published on or before (ISO date).
    #[uniffi(default = None)]
    pub to: Option<String>,
}

/// How many products of a kind concern a country in a period.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProductCount {
    /// Phase id.
    pub phase: String,
    /// Month index or project year (0 by phase).
    pub period: u32,
    /// Country code, if the product names countries.
    pub country: Option<String>,
    /// Kind.
    pub kind: String,
    /// How many.
    pub count: u32,
}

// ---------------------------------------------------------------- the hub

/// A hub: the embedded KIX EMAP hub or one read from JSON. Nominations change
/// it in place; every other call reads it.
#[derive(uniffi::Object)]
pub struct Hub {
    inner: RwLock<core::Hub>,
}

impl Hub {
    fn new(hub: core::Hub) -> Arc<Self> {
        Arc::new(Hub { inner: RwLock::new(hub) })
    }

    /// The hub for reading. A poisoned lock (a panic elsewhere, which kix-core
    /// does not have) still holds a consistent hub: every change is one call.
    fn read(&self) -> RwLockReadGuard<'_, core::Hub> {
        self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, core::Hub> {
        self.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn event_ref<'h>(hub: &'h core::Hub, id: &str) -> Result<&'h core::Event> {
    hub.event(id).ok_or_else(|| KixError::NotFound { reason: format!("no event with id {id:?}") })
}

/// A step of the nomination workflow.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum NominationStep {
    /// Endorsed by the National KIX Steering Committee on a date (ISO).
    Endorse {
        /// Date.
        on: String,
    },
    /// Confirmed by the hub.
    Confirm {
        /// Date.
        on: String,
    },
    /// Completed.
    Complete {
        /// Date.
        on: String,
    },
    /// Withdrawn; the seat is freed.
    Withdraw {
        /// Date.
        on: String,
    },
    /// Rejected with a reason; the seat is freed.
    Reject {
        /// Date.
        on: String,
        /// Why.
        reason: String,
    },
}

#[uniffi::export]
impl Hub {
    /// The KIX EMAP hub embedded in kix.
    #[uniffi::constructor]
    pub fn emap() -> Arc<Self> {
        Hub::new(core::emap().clone())
    }

    /// A hub read from its JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        Ok(Hub::new(core::Hub::from_json(&json)?))
    }

    /// The hub as JSON.
    pub fn to_json(&self) -> String {
        self.read().to_json()
    }

    /// Id.
    pub fn id(&self) -> String {
        self.read().id.clone()
    }

    /// Name.
    pub fn name(&self) -> String {
        self.read().name.clone()
    }

    /// The member countries.
    pub fn countries(&self) -> Vec<Country> {
        let hub = self.read();
        hub.countries.iter().map(|c| country_record(&hub, c)).collect()
    }

    /// A member country by code or any name people type.
    pub fn country(&self, name_or_code: String) -> Result<Country> {
        let code = country(&name_or_code)?;
        let hub = self.read();
        Ok(country_record(&hub, hub.require_member(code)?))
    }

    /// The partner covering a country on a date (ISO), if any.
    pub fn partner_for(&self, country_text: String, on: String) -> Result<Option<Organisation>> {
        Ok(self.read().partner_for(country(&country_text)?, date(&on)?).map(Organisation::from))
    }

    /// The organisations.
    pub fn organisations(&self) -> Vec<Organisation> {
        self.read().organisations.iter().map(Organisation::from).collect()
    }

    /// Where a date (ISO) sits in the project.
    pub fn timeline_position(&self, on: String) -> Result<TimelinePosition> {
        let p = self.read().timeline.position(date(&on)?)?;
        Ok(TimelinePosition {
            phase: p.phase,
            month_index: p.month_index,
            month_count: p.month_count,
            project_year: p.project_year,
            quarter: p.quarter,
            months_remaining: p.months_remaining,
        })
    }

    /// Every violation in the hub.
    pub fn check(&self) -> Vec<Violation> {
        violations(&self.read().check())
    }

    /// The events.
    pub fn events(&self) -> Result<Vec<EventSummary>> {
        self.read().events.iter().map(summary).collect()
    }

    /// An event by id.
    pub fn event(&self, id: String) -> Result<EventSummary> {
        let hub = self.read();
        summary(event_ref(&hub, &id)?)
    }

    /// An event's local times in every zone of its countries.
    pub fn local_times(
        &self,
        event_id: String,
        working_start_hour: u32,
        working_end_hour: u32,
    ) -> Result<Vec<LocalTime>> {
        let working = core::WorkingHours::hours(working_start_hour, working_end_hour)?;
        let hub = self.read();
        let table = core::local_times(&hub, event_ref(&hub, &event_id)?, working)?;
        Ok(table.rows.iter().map(LocalTime::from).collect())
    }

    /// An event's local time in one zone, such as the device's.
    pub fn local_time_in(&self, event_id: String, zone_name: String) -> Result<LocalTime> {
        let hub = self.read();
        let row = core::schedule::local_time_in(event_ref(&hub, &event_id)?, zone(&zone_name)?, Default::default())?;
        Ok(LocalTime::from(&row))
    }

    /// An event's `.ics` calendar text.
    pub fn event_ics(&self, event_id: String) -> Result<String> {
        let hub = self.read();
        Ok(event_ref(&hub, &event_id)?.to_ics(&hub)?)
    }

    /// The fairest start times.
    pub fn find_slots(&self, query: SlotQuery) -> Result<Vec<Slot>> {
        let mut q = core::SlotQuery::new(date(&query.from)?, date(&query.to)?);
        if !query.countries.is_empty() {
            q.countries = Some(query.countries.iter().map(|c| country(c)).collect::<Result<Vec<_>>>()?);
        }
        q.duration_minutes = query.duration_minutes;
        q.working_hours = core::WorkingHours::hours(query.working_start_hour, query.working_end_hour)?;
        q.granularity_minutes = query.granularity_minutes;
        q.top = usize::try_from(query.top).unwrap_or(usize::MAX);
        Ok(core::find_slots(&self.read(), &q)?
            .into_iter()
            .map(|s| Slot {
                start: system_time(s.start_utc),
                end: system_time(s.end_utc),
                min_score: s.min_score,
                mean_score: s.mean_score,
                zones: s
                    .zones
                    .iter()
                    .map(|z| SlotZone {
                        country: z.country.to_string(),
                        zone: z.zone.name().to_owned(),
                        local_start: wall_text(z.local_start),
                        score: z.score,
                        rest_day: z.rest_day,
                    })
                    .collect(),
            })
            .collect())
    }

    /// Validates one registration against an event and the registrations held.
    pub fn validate_registration(
        &self,
        event_id: String,
        record: Registration,
        held: Vec<HeldRegistration>,
        now: Option<SystemTime>,
    ) -> Result<RegistrationOutcome> {
        let held = held_core(held);
        let now = now.map(instant).transpose()?;
        let hub = self.read();
        let outcome = core::validate_registration(&hub, event_ref(&hub, &event_id)?, &record.into(), &held, now)?;
        Ok(outcome.into())
    }

    /// Validates many registrations in order in one call; one outcome per record.
    pub fn validate_registrations(
        &self,
        event_id: String,
        records: Vec<Registration>,
        held: Vec<HeldRegistration>,
        now: Option<SystemTime>,
    ) -> Result<Vec<RegistrationOutcome>> {
        let held = held_core(held);
        let now = now.map(instant).transpose()?;
        let records: Vec<core::Registration> = records.into_iter().map(Into::into).collect();
        let hub = self.read();
        let outcomes = core::validate_batch(&hub, event_ref(&hub, &event_id)?, &records, &held, now)?;
        Ok(outcomes.into_iter().map(Into::into).collect())
    }

    /// The training cycles.
    pub fn training_cycles(&self) -> Vec<TrainingCycleSummary> {
        self.read()
            .training
            .cycles
            .iter()
            .map(|c| TrainingCycleSummary {
                id: c.id.clone(),
                name: c.name.clone(),
                start: c.start.to_string(),
                endorsement_date: c.endorsement_date.map(|d| d.to_string()),
                nominations: u32::try_from(c.nominations.len()).unwrap_or(u32::MAX),
            })
            .collect()
    }

    /// A training cycle's seats per country.
    pub fn ledger(&self, cycle_id: String) -> Result<Vec<LedgerRow>> {
        let hub = self.read();
        let cycle = hub
            .training_cycle(&cycle_id)
            .ok_or_else(|| KixError::NotFound { reason: format!("no training cycle with id {cycle_id:?}") })?;
        Ok(cycle
            .ledger(&hub)
            .rows
            .iter()
            .map(|r| LedgerRow {
                country: r.country.to_string(),
                quota: r.quota,
                confirmed: r.confirmed,
                pending: r.pending,
                free: r.free,
            })
            .collect())
    }

    /// A nominee's status in a cycle (`nominated`, `endorsed`, `confirmed`,
    /// `completed`, `withdrawn`, `rejected`), found by e-mail; None if not nominated.
    pub fn nominee_status(&self, cycle_id: String, email: String) -> Result<Option<String>> {
        let hub = self.read();
        let cycle = hub
            .training_cycle(&cycle_id)
            .ok_or_else(|| KixError::NotFound { reason: format!("no training cycle with id {cycle_id:?}") })?;
        Ok(cycle.nomination_of(&email).map(|n| n.status.as_str().to_owned()))
    }

    /// Nominates a person to a cycle; returns the nomination's index.
    pub fn nominate(
        &self,
        cycle_id: String,
        full_name: String,
        email: String,
        country_text: String,
        nominated_on: String,
    ) -> Result<u32> {
        let n = core::Nomination::new(&full_name, &email, country(&country_text)?, date(&nominated_on)?);
        let index = self.write().nominate(&cycle_id, n)?;
        Ok(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// Moves a nomination one step along the workflow.
    pub fn advance(&self, cycle_id: String, index: u32, step: NominationStep) -> Result<()> {
        let step = match step {
            NominationStep::Endorse { on } => core::NominationStep::Endorse { on: date(&on)? },
            NominationStep::Confirm { on } => core::NominationStep::Confirm { on: date(&on)? },
            NominationStep::Complete { on } => core::NominationStep::Complete { on: date(&on)? },
            NominationStep::Withdraw { on } => core::NominationStep::Withdraw { on: date(&on)? },
            NominationStep::Reject { on, reason } => core::NominationStep::Reject { on: date(&on)?, reason },
        };
        Ok(self.write().advance(&cycle_id, usize::try_from(index).unwrap_or(usize::MAX), step)?)
    }

    /// Knowledge products matching every filter that is set.
    pub fn products(&self, query: ProductQuery) -> Result<Vec<KnowledgeProduct>> {
        let kind = query
            .kind
            .map(|k| {
                serde_json::from_value::<core::ProductKind>(serde_json::Value::String(k.clone()))
                    .map_err(|_| KixError::invalid(format!("{k:?} is not a product kind")))
            })
            .transpose()?;
        let q = core::ProductQuery {
            country: query.country.as_deref().map(country).transpose()?,
            sub_region: query.sub_region,
            partner: query.partner,
            kind,
            language: query.language,
            from: query.from.as_deref().map(date).transpose()?,
            to: query.to.as_deref().map(date).transpose()?,
        };
        Ok(self
            .read()
            .products(&q)
            .into_iter()
            .map(|p| KnowledgeProduct {
                id: p.id.clone(),
                kind: to_json_str(&p.kind),
                title: p.title.clone(),
                published_on: p.published_on.to_string(),
                countries: p.countries.iter().map(ToString::to_string).collect(),
                languages: p.languages.clone(),
                link: p.link.clone(),
                event: p.event.clone(),
            })
            .collect())
    }

    /// Products per phase and period (`month`, `project_year` or `phase`), country and kind.
    pub fn product_counts(&self, by: String) -> Result<Vec<ProductCount>> {
        let by = match by.as_str() {
            "month" => core::CountBy::Month,
            "project_year" => core::CountBy::ProjectYear,
            "phase" => core::CountBy::Phase,
            other => return Err(KixError::invalid(format!("{other:?} is not month, project_year or phase"))),
        };
        Ok(self
            .read()
            .product_counts(by)
            .into_iter()
            .map(|c| ProductCount {
                phase: c.phase,
                period: c.period,
                country: c.country.map(|c| c.to_string()),
                kind: to_json_str(&c.kind),
                count: c.count,
            })
            .collect())
    }

    /// Awarded and completed grants per country, sub-region and phase, per currency.
    pub fn grant_totals(&self) -> GrantTotals {
        let t = self.read().grant_totals();
        let conv = |list: &[core::GrantTotal]| {
            list.iter()
                .map(|g| GrantTotal {
                    key: g.key.clone(),
                    currency: g.currency.to_string(),
                    total: g.total.to_string(),
                    count: g.count,
                })
                .collect()
        };
        GrantTotals {
            by_country: conv(&t.by_country),
            by_sub_region: conv(&t.by_sub_region),
            by_phase: conv(&t.by_phase),
        }
    }
}

fn country_record(hub: &core::Hub, c: &core::Country) -> Country {
    {
        Country {
            code: c.code.to_string(),
            name: c.name.clone(),
            subdivision: c.subdivision.as_ref().map(|s| s.code.clone()),
            sub_region: hub.sub_region_of_any_period(c.code).map(|s| s.id.clone()),
            time_zones: c.time_zones.iter().map(ToString::to_string).collect(),
            rest_days: c.rest_days.iter().map(to_json_str).collect(),
            note: c.note.clone(),
        }
    }
}

fn held_core(held: Vec<HeldRegistration>) -> Vec<core::HeldRegistration> {
    held.into_iter().map(|h| core::HeldRegistration { email: h.email, status: h.status.into() }).collect()
}

fn summary(e: &core::Event) -> Result<EventSummary> {
    Ok(EventSummary {
        id: e.id.clone(),
        title: e.title.clone(),
        kind: to_json_str(&e.kind),
        start: system_time(e.start_utc()?),
        end: system_time(e.end_utc()?),
        zone: e.zone.to_string(),
        local_start: wall_text(e.start),
        language: e.language.clone(),
        interpretation: e.interpretation.clone(),
        json: serde_json::to_string(e).unwrap_or_default(),
    })
}

// ---------------------------------------------------------------- free functions

/// The ISO 3166-1 alpha-2 code of any country name or code people type.
#[uniffi::export]
pub fn resolve_country(text: String) -> Result<String> {
    Ok(country(&text)?.to_string())
}

/// The IANA zone a label means (`"CET / Geneva"` -> `"Europe/Zurich"`).
#[uniffi::export]
pub fn resolve_zone(label: String) -> Result<String> {
    Ok(core::resolve_zone(&label)?.to_string())
}

/// A wall-clock time (`2024-07-31T13:00:00`) in a zone as an instant.
#[uniffi::export]
pub fn from_local(local: String, zone_name: String, disambiguation: Disambiguation) -> Result<SystemTime> {
    let d = match disambiguation {
        Disambiguation::Compatible => core::Disambiguation::Compatible,
        Disambiguation::Earlier => core::Disambiguation::Earlier,
        Disambiguation::Later => core::Disambiguation::Later,
        Disambiguation::Reject => core::Disambiguation::Reject,
    };
    let t = core::zone::from_local(wall(&local)?, zone(&zone_name)?, d)?;
    Ok(system_time(t.with_timezone(&Utc)))
}

/// An instant as a wall-clock time (`2024-07-31T16:45:00`) in a zone.
#[uniffi::export]
pub fn to_local(at: SystemTime, zone_name: String) -> Result<String> {
    Ok(wall_text(core::zone::wall_time(instant(at)?, zone(&zone_name)?)))
}

/// An event page's date and time texts read into instants.
#[uniffi::export]
pub fn parse_listing(date_text: String, time_text: String) -> Result<Schedule> {
    let s = core::parse_listing(&date_text, &time_text)?;
    let tz = zone(s.zone.as_str())?;
    Ok(Schedule {
        start: system_time(s.start_utc()),
        end: system_time(s.end_utc()),
        zone: s.zone.to_string(),
        local_start: wall_text(core::zone::wall_time(s.start_utc(), tz)),
        local_end: wall_text(core::zone::wall_time(s.end_utc(), tz)),
        warnings: violations(&s.warnings),
    })
}

/// The version of the IANA tz database in use.
#[uniffi::export]
pub fn tzdata_version() -> String {
    core::tzdata_version().to_owned()
}

/// The version of kix.
#[uniffi::export]
pub fn kix_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Every violation code kix defines.
#[uniffi::export]
pub fn violation_codes() -> Vec<String> {
    core::Code::ALL.iter().map(|c| c.as_str().to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn instants_convert_both_ways_including_before_1970() {
        for secs in [0i64, 1, -1, 1_722_423_600, -86_400 * 365 * 100] {
            let t = DateTime::from_timestamp(secs, 500_000_000).unwrap();
            assert_eq!(instant(system_time(t)).unwrap(), t);
        }
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
        assert!(matches!(instant(far), Err(KixError::InvalidInput { .. })));
    }

    #[test]
    fn errors_carry_the_core_codes() {
        let Err(KixError::Validation { code, violations, .. }) = resolve_country("Narnia".into()) else {
            panic!("expected a validation error")
        };
        assert_eq!(code, "country.unknown");
        assert_eq!(violations[0].params_json, r#"{"text":"Narnia"}"#);
        assert!(matches!(Hub::emap().event("nope".into()), Err(KixError::NotFound { .. })));
        assert!(matches!(Hub::from_json("{".into()), Err(KixError::InvalidInput { .. })));
    }
}
