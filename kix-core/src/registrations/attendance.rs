//! Attendance reconciled with registrations, and the counts analysts report.
//!
//! [`attendance`] turns an attendee report's joins into one row per person:
//! `attended` (an accepted registration and at least one join), `no_show`
//! (an accepted registration, never joined) or `walk_in` (joined without an
//! accepted registration: never registered, or refused, for example because
//! they registered during the webinar, which Zoom allows). A person's joins
//! are matched on kix's normalized e-mail, then on the name; their minutes
//! present merge re-joins and count overlapping intervals (two devices) once.
//!
//! [`count_outcomes`] counts validated registrations by status, code,
//! country, sub-region, partner, audience or language.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use crate::country::{CountryCode, name_key};
use crate::events::event::Event;
use crate::hub::Hub;
use crate::registrations::registration::{Registration, RegistrationOutcome, RegistrationStatus, audience_code};
use crate::shared::email::normalize_email;
use crate::shared::error::Error;
use crate::shared::text::truncate;

/// One join of an attendee report: a person's name and e-mail (when Zoom has
/// one), and when they joined and left. A person who re-joins has several.
///
/// ```
/// let p = kix_core::exports::Participant {
///     row: 0, name: Some("Aziz Nazarov".into()), email: None,
///     join: "2024-07-31T11:00:00Z".parse()?, leave: "2024-07-31T11:30:00Z".parse()?,
/// };
/// assert_eq!((p.leave - p.join).num_minutes(), 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Position of the row among the report's data rows, from 0.
    pub row: usize,
    /// The name shown in the meeting.
    pub name: Option<String>,
    /// The e-mail, when the participant gave or signed in with one.
    pub email: Option<String>,
    /// When they joined.
    pub join: DateTime<Utc>,
    /// When they left.
    pub leave: DateTime<Utc>,
}

/// Where a person stands after the event.
///
/// ```
/// assert_eq!(kix_core::attendance::AttendanceStatus::NoShow.as_str(), "no_show");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    /// Registered (accepted) and joined.
    Attended,
    /// Registered (accepted) and never joined.
    NoShow,
    /// Joined without an accepted registration.
    WalkIn,
}

impl AttendanceStatus {
    /// The word for the status: `attended`, `no_show` or `walk_in`.
    ///
    /// ```
    /// assert_eq!(kix_core::attendance::AttendanceStatus::WalkIn.as_str(), "walk_in");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AttendanceStatus::Attended => "attended",
            AttendanceStatus::NoShow => "no_show",
            AttendanceStatus::WalkIn => "walk_in",
        }
    }
}

/// One person of the reconciliation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceRow {
    /// The name (the registration's, else the one shown in the meeting).
    pub name: Option<String>,
    /// The e-mail (the registration's, else the report's).
    pub email: Option<String>,
    /// Attended, no-show or walk-in.
    pub status: AttendanceStatus,
    /// The index of the matched registration in the registrations given.
    pub registration: Option<usize>,
    /// The status of that registration (a walk-in's may be `rejected`).
    pub registration_status: Option<RegistrationStatus>,
    /// The country of the registration.
    pub country: Option<CountryCode>,
    /// The hub sub-region of that country on the event's date.
    pub sub_region: Option<String>,
    /// The first join.
    pub first_join: Option<DateTime<Utc>>,
    /// The last leave.
    pub last_leave: Option<DateTime<Utc>>,
    /// Minutes present: the union of the joins' intervals.
    pub minutes: f64,
    /// How many times the person joined.
    pub joins: usize,
}

/// Attended, no-show and walk-in counts for one country (and its sub-region).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceCount {
    /// The country (none for walk-ins without a registration).
    pub country: Option<CountryCode>,
    /// Its sub-region.
    pub sub_region: Option<String>,
    /// People who attended.
    pub attended: usize,
    /// People who did not come.
    pub no_show: usize,
    /// People who came without an accepted registration.
    pub walk_in: usize,
}

/// The reconciliation: one row per person and the counts per country.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// People who joined, in the order of their first join, then the no-shows in registration order.
    pub rows: Vec<AttendanceRow>,
    /// Counts per country, countries in code order, no country last.
    pub counts: Vec<AttendanceCount>,
}

/// A person of the report: the joins that belong together.
struct Person {
    email: Option<String>,
    name: Option<String>,
    intervals: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

fn present(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Groups joins into people: by normalized e-mail; a join without e-mail goes
/// to the person with that name if there is one, else to a person by name.
fn people(participants: &[Participant]) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    let mut by_email: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut ordered: Vec<&Participant> = participants.iter().collect();
    // E-mails first, so that a nameless-e-mail join finds its person whatever the row order.
    ordered.sort_by_key(|p| (present(p.email.as_deref()).is_none(), p.join));
    for p in ordered {
        let email = present(p.email.as_deref()).map(normalize_email);
        let name = present(p.name.as_deref()).map(name_key).filter(|k| !k.is_empty());
        let found = match &email {
            Some(e) => by_email.get(e).copied(),
            None => name.as_ref().and_then(|n| by_name.get(n).copied()),
        };
        let i = found.unwrap_or_else(|| {
            out.push(Person { email: None, name: None, intervals: Vec::new() });
            out.len() - 1
        });
        if let Some(person) = out.get_mut(i) {
            person.intervals.push((p.join, p.leave));
            if person.email.is_none() {
                person.email = present(p.email.as_deref()).map(str::to_owned);
            }
            if person.name.is_none() {
                person.name = present(p.name.as_deref()).map(str::to_owned);
            }
        }
        if let Some(e) = email {
            by_email.entry(e).or_insert(i);
        }
        if let Some(n) = name {
            by_name.entry(n).or_insert(i);
        }
    }
    out
}

/// Seconds in the union of intervals: sorted, overlapping ones merged.
fn seconds_present(intervals: &mut [(DateTime<Utc>, DateTime<Utc>)]) -> i64 {
    intervals.sort();
    let mut total = 0;
    let mut current: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for &(start, end) in intervals.iter() {
        current = match current {
            Some((s, e)) if start <= e => Some((s, e.max(end))),
            Some((s, e)) => {
                total += (e - s).num_seconds();
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    total + current.map_or(0, |(s, e)| (e - s).num_seconds())
}

fn event_date(event: &Event) -> NaiveDate {
    event.start.date()
}

fn sub_region_id(hub: &Hub, country: CountryCode, on: NaiveDate) -> Option<String> {
    hub.sub_region_of(country, on).or_else(|| hub.sub_region_of_any_period(country)).map(|s| s.id.clone())
}

/// Reconciles an attendee report with the registrations and their outcomes
/// (`outcomes[i]` is the verdict on `registrations[i]`, as
/// [`crate::validate_batch`] returns them).
///
/// ```
/// use kix_core::{Registration, validate_batch};
/// use kix_core::attendance::{AttendanceStatus, attendance};
/// use kix_core::exports::Participant;
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let reg = |name: &str, email: &str| Registration {
///     full_name: Some(name.into()), email: Some(email.into()), country: Some("Nepal".into()),
///     audience: Some("teacher".into()), submitted_at: Some("2024-07-20T10:00:00Z".into()), ..Default::default()
/// };
/// let registrations = [reg("Sita Rai", "sita@example.np"), reg("Ram Thapa", "ram@example.np")];
/// let outcomes = validate_batch(hub, w20, &registrations, &[], None)?;
/// let join = |email: &str, from: &str, to: &str| Participant {
///     row: 0, name: None, email: Some(email.into()), join: from.parse().unwrap(), leave: to.parse().unwrap(),
/// };
/// let joins = [
///     join("SITA@example.np", "2024-07-31T11:00:00Z", "2024-07-31T11:40:00Z"),
///     join("sita@example.np", "2024-07-31T11:30:00Z", "2024-07-31T12:00:00Z"),
/// ];
/// let a = attendance(hub, w20, &registrations, &outcomes, &joins);
/// assert_eq!(a.rows[0].status, AttendanceStatus::Attended);
/// assert_eq!(a.rows[0].minutes, 60.0, "11:00 to 12:00, the overlap counted once");
/// assert_eq!(a.rows[1].status, AttendanceStatus::NoShow);
/// assert_eq!((a.counts[0].attended, a.counts[0].no_show), (1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn attendance(
    hub: &Hub,
    event: &Event,
    registrations: &[Registration],
    outcomes: &[RegistrationOutcome],
    participants: &[Participant],
) -> Attendance {
    let accepted = |i: usize| outcomes.get(i).is_some_and(RegistrationOutcome::is_accepted);
    let mut reg_by_email: HashMap<String, Vec<usize>> = HashMap::new();
    let mut reg_by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in registrations.iter().enumerate() {
        if let Some(e) = present(r.email.as_deref()) {
            reg_by_email.entry(normalize_email(e)).or_default().push(i);
        }
        if let Some(n) = present(r.full_name.as_deref()).map(name_key).filter(|k| !k.is_empty()) {
            reg_by_name.entry(n).or_default().push(i);
        }
    }
    // An accepted registration first; else the last one made (the latest attempt).
    let pick = |list: Option<&Vec<usize>>| -> Option<usize> {
        let list = list?;
        list.iter().copied().find(|&i| accepted(i)).or_else(|| list.last().copied())
    };
    let on = event_date(event);
    let place = |reg: Option<usize>| -> (Option<CountryCode>, Option<String>) {
        let country = reg.and_then(|i| outcomes.get(i)).and_then(|o| o.country);
        (country, country.and_then(|c| sub_region_id(hub, c, on)))
    };

    let mut people = people(participants);
    people.sort_by_key(|p| p.intervals.iter().map(|i| i.0).min());
    let mut matched = vec![false; registrations.len()];
    let mut rows = Vec::with_capacity(people.len());
    for mut person in people {
        let by_email = person.email.as_deref().and_then(|e| pick(reg_by_email.get(&normalize_email(e))));
        let by_name = || person.name.as_deref().and_then(|n| pick(reg_by_name.get(&name_key(n))));
        let reg = by_email.or_else(by_name);
        let reg = reg.filter(|&i| !matched.get(i).copied().unwrap_or(true) || !accepted(i));
        if let Some(slot) = reg.and_then(|i| matched.get_mut(i)) {
            *slot = true;
        }
        let registration = reg.and_then(|i| registrations.get(i));
        let status = if reg.is_some_and(accepted) { AttendanceStatus::Attended } else { AttendanceStatus::WalkIn };
        let (country, sub_region) = place(reg);
        let seconds = seconds_present(&mut person.intervals);
        rows.push(AttendanceRow {
            name: registration.and_then(|r| r.full_name.clone()).or(person.name),
            email: registration.and_then(|r| r.email.clone()).or(person.email),
            status,
            registration: reg,
            registration_status: reg.and_then(|i| outcomes.get(i)).map(|o| o.status),
            country,
            sub_region,
            first_join: person.intervals.iter().map(|i| i.0).min(),
            last_leave: person.intervals.iter().map(|i| i.1).max(),
            minutes: seconds as f64 / 60.0,
            joins: person.intervals.len(),
        });
    }
    for (i, r) in registrations.iter().enumerate() {
        if accepted(i) && !matched.get(i).copied().unwrap_or(true) {
            let (country, sub_region) = place(Some(i));
            rows.push(AttendanceRow {
                name: r.full_name.clone(),
                email: r.email.clone(),
                status: AttendanceStatus::NoShow,
                registration: Some(i),
                registration_status: outcomes.get(i).map(|o| o.status),
                country,
                sub_region,
                first_join: None,
                last_leave: None,
                minutes: 0.0,
                joins: 0,
            });
        }
    }

    let mut counts: BTreeMap<(bool, Option<CountryCode>), AttendanceCount> = BTreeMap::new();
    for row in &rows {
        let c = counts.entry((row.country.is_none(), row.country)).or_insert_with(|| AttendanceCount {
            country: row.country,
            sub_region: row.sub_region.clone(),
            attended: 0,
            no_show: 0,
            walk_in: 0,
        });
        match row.status {
            AttendanceStatus::Attended => c.attended += 1,
            AttendanceStatus::NoShow => c.no_show += 1,
            AttendanceStatus::WalkIn => c.walk_in += 1,
        }
    }
    Attendance { rows, counts: counts.into_values().collect() }
}

/// What [`count_outcomes`] counts by.
///
/// ```
/// use kix_core::attendance::OutcomeKey;
/// assert_eq!("sub_region".parse::<OutcomeKey>()?, OutcomeKey::SubRegion);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeKey {
    /// confirmed, pending, waitlisted, rejected.
    Status,
    /// Each violation code (a record counts once per code it has).
    Code,
    /// The resolved country code.
    Country,
    /// The country's hub sub-region on the event's date.
    SubRegion,
    /// The partner covering the country on the event's date.
    Partner,
    /// The audience code (as given when it is no code).
    Audience,
    /// The language asked for, lower case.
    Language,
}

impl FromStr for OutcomeKey {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "status" => OutcomeKey::Status,
            "code" => OutcomeKey::Code,
            "country" => OutcomeKey::Country,
            "sub_region" => OutcomeKey::SubRegion,
            "partner" => OutcomeKey::Partner,
            "audience" => OutcomeKey::Audience,
            "language" => OutcomeKey::Language,
            _ => {
                return Err(Error::InvalidValue {
                    what: "count key",
                    value: truncate(s, 40),
                    expected: "status, code, country, sub_region, partner, audience or language",
                });
            }
        })
    }
}

/// Counts validated registrations by a key: `(value, count)` pairs in value
/// order, `None` (no country, no violation, ...) last. `records` may be empty
/// when the key is not audience or language.
///
/// ```
/// use kix_core::{Registration, validate_batch};
/// use kix_core::attendance::{OutcomeKey, count_outcomes};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let reg = |email: &str, country: &str| Registration {
///     full_name: Some("A".into()), email: Some(email.into()), country: Some(country.into()),
///     audience: Some("Teacher".into()), submitted_at: Some("2024-07-20T10:00:00Z".into()), ..Default::default()
/// };
/// let records = [reg("a@example.kg", "Kyrgyzstan"), reg("b@example.np", "Nepal"), reg("c@example.np", "NP")];
/// let outcomes = validate_batch(hub, w20, &records, &[], None)?;
/// let by = count_outcomes(hub, w20, &records, &outcomes, OutcomeKey::SubRegion);
/// assert_eq!(by, [(Some("central-asia-mongolia".to_owned()), 1), (Some("south-asia".to_owned()), 2)]);
/// assert_eq!(count_outcomes(hub, w20, &records, &outcomes, OutcomeKey::Audience), [(Some("teacher".to_owned()), 3)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn count_outcomes(
    hub: &Hub,
    event: &Event,
    records: &[Registration],
    outcomes: &[RegistrationOutcome],
    by: OutcomeKey,
) -> Vec<(Option<String>, usize)> {
    let mut counter = OutcomeCounter::new(by, false);
    counter.add(hub, event, records, outcomes);
    counter.rows().into_iter().map(|(key, _, n)| (key, n)).collect()
}

/// Counts validated registrations by a key, and by status too when asked, a block of
/// outcomes at a time (a face holding a million outcomes compactly counts them without
/// building them all at once): [`count_outcomes`] over every block added, the same order.
///
/// ```
/// use kix_core::{Registration, validate_batch};
/// use kix_core::attendance::{OutcomeCounter, OutcomeKey};
/// let hub = kix_core::emap();
/// let w20 = hub.event("kix-emap-webinar-20").unwrap();
/// let reg = |email: &str, country: &str| Registration {
///     full_name: Some("A".into()), email: Some(email.into()), country: Some(country.into()),
///     audience: Some("Teacher".into()), submitted_at: Some("2024-07-20T10:00:00Z".into()), ..Default::default()
/// };
/// let records = [reg("a@example.kg", "Kyrgyzstan"), reg("b@example.np", "Nepal"), reg("b@example.np", "NP")];
/// let outcomes = validate_batch(hub, w20, &records, &[], None)?;
/// let mut counter = OutcomeCounter::new(OutcomeKey::Country, true);
/// counter.add(hub, w20, &records[..2], &outcomes[..2]);
/// counter.add(hub, w20, &records[2..], &outcomes[2..]);
/// let rows = counter.rows();
/// assert_eq!(rows[0], (Some("KG".to_owned()), Some("confirmed"), 1));
/// assert_eq!(rows[1..], [(Some("NP".to_owned()), Some("confirmed"), 1), (Some("NP".to_owned()), Some("rejected"), 1)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct OutcomeCounter {
    by: OutcomeKey,
    by_status: bool,
    /// (key missing, key) then status: missing keys sort last, statuses in name order.
    counts: BTreeMap<(CountedKey, Option<&'static str>), usize>,
}

/// A counted key with whether it is missing first, so that missing keys sort last.
type CountedKey = (bool, Option<String>);

impl OutcomeCounter {
    /// A counter by `by`, split by status when `by_status`.
    ///
    /// ```
    /// let c = kix_core::attendance::OutcomeCounter::new(kix_core::attendance::OutcomeKey::Status, false);
    /// assert!(c.rows().is_empty());
    /// ```
    #[must_use]
    pub fn new(by: OutcomeKey, by_status: bool) -> Self {
        OutcomeCounter { by, by_status, counts: BTreeMap::new() }
    }

    /// Counts a block of outcomes (with their records, as for [`count_outcomes`]).
    ///
    /// ```
    /// use kix_core::attendance::{OutcomeCounter, OutcomeKey};
    /// let mut c = OutcomeCounter::new(OutcomeKey::Status, false);
    /// c.add(kix_core::emap(), kix_core::emap().event("kix-emap-webinar-20").unwrap(), &[], &[]);
    /// assert!(c.rows().is_empty());
    /// ```
    pub fn add(&mut self, hub: &Hub, event: &Event, records: &[Registration], outcomes: &[RegistrationOutcome]) {
        let on = event_date(event);
        for (i, o) in outcomes.iter().enumerate() {
            let status = self.by_status.then(|| o.status.as_str());
            let mut add = |key: Option<String>| *self.counts.entry(((key.is_none(), key), status)).or_insert(0) += 1;
            let record = records.get(i);
            match self.by {
                OutcomeKey::Code if o.violations.is_empty() => add(None),
                OutcomeKey::Code => {
                    let mut codes: Vec<&str> = o.violations.iter().map(|v| v.code.as_str()).collect();
                    codes.dedup();
                    codes.into_iter().for_each(|c| add(Some(c.to_owned())));
                }
                OutcomeKey::Status => add(Some(o.status.as_str().to_owned())),
                OutcomeKey::Country => add(o.country.map(|c| c.to_string())),
                OutcomeKey::SubRegion => add(o.country.and_then(|c| sub_region_id(hub, c, on))),
                OutcomeKey::Partner => add(o.country.and_then(|c| hub.partner_for(c, on)).map(|p| p.name.clone())),
                OutcomeKey::Audience => add(present(record.and_then(|r| r.audience.as_deref()))
                    .map(|a| audience_code(a).map_or_else(|| a.to_owned(), |code| code.as_str().to_owned()))),
                OutcomeKey::Language => {
                    add(present(record.and_then(|r| r.language.as_deref())).map(str::to_lowercase));
                }
            }
        }
    }

    /// `(key, status, count)` rows: keys in value order, `None` last; within a key, statuses
    /// in name order (`None` when not split by status).
    ///
    /// ```
    /// let c = kix_core::attendance::OutcomeCounter::new(kix_core::attendance::OutcomeKey::Country, true);
    /// assert_eq!(c.rows(), []);
    /// ```
    #[must_use]
    pub fn rows(&self) -> Vec<(Option<String>, Option<&'static str>, usize)> {
        self.counts.iter().map(|(((_, key), status), n)| (key.clone(), *status, *n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registrations::registration::validate_batch;

    fn at(hm: &str) -> DateTime<Utc> {
        format!("2024-07-31T{hm}:00Z").parse().unwrap_or_default()
    }

    fn join(name: &str, email: Option<&str>, from: &str, to: &str) -> Participant {
        Participant { row: 0, name: Some(name.into()), email: email.map(Into::into), join: at(from), leave: at(to) }
    }

    fn reg(name: &str, email: &str, country: &str, submitted: &str) -> Registration {
        Registration {
            full_name: Some(name.into()),
            email: Some(email.into()),
            country: Some(country.into()),
            audience: Some("teacher".into()),
            submitted_at: Some(submitted.into()),
            ..Default::default()
        }
    }

    /// Webinar 20 runs 11:00-12:30 UTC. Expectations worked out by hand:
    /// - Aigerim (KG): 11:00-11:20, re-joins 11:25-12:30: 20 + 65 = 85 minutes, attended.
    /// - Tenzin (BT): two devices, 11:05-12:00 and 11:30-12:10: union 11:05-12:10 = 65 minutes, attended.
    /// - Sita (NP): registered, never joined: no-show.
    /// - Ana (MD): registered at 11:10 UTC, during the webinar (refused: closed), joined 11:12-12:30: 78 minutes, walk-in.
    /// - "Guest Phone": no registration, 11:50-12:00: 10 minutes, walk-in, no country.
    /// - Aigerim's second device joins without e-mail under her name 12:00-12:10: inside her time, still 85.
    #[test]
    fn rejoins_overlaps_walk_ins_and_late_registrations_reconcile_as_worked_out_by_hand() {
        let hub = crate::emap();
        let w20 = hub.event("kix-emap-webinar-20").unwrap_or_else(|| unreachable!());
        let registrations = [
            reg("Aigerim Bekova", "aigerim@example.kg", "Kyrgyzstan", "2024-07-20T09:00:00Z"),
            reg("Tenzin Dorji", "tenzin@example.bt", "Bhutan", "2024-07-21T09:00:00Z"),
            reg("Sita Rai", "sita@example.np", "Nepal", "2024-07-22T09:00:00Z"),
            reg("Ana Popescu", "ana@example.md", "Moldova", "2024-07-31T11:10:00Z"),
        ];
        let outcomes = validate_batch(hub, w20, &registrations, &[], None).unwrap_or_default();
        assert!(!outcomes[3].is_accepted());
        let joins = [
            join("Aigerim", Some("Aigerim@Example.kg"), "11:00", "11:20"),
            join("Tenzin Dorji", Some("tenzin@example.bt"), "11:05", "12:00"),
            join("Ana Popescu", Some("ana@example.md"), "11:12", "12:30"),
            join("Tenzin Dorji", Some("tenzin@example.bt"), "11:30", "12:10"),
            join("Aigerim", Some("aigerim@example.kg"), "11:25", "12:30"),
            join("Guest Phone", None, "11:50", "12:00"),
            join("aigerim", None, "12:00", "12:10"),
        ];
        let a = attendance(hub, w20, &registrations, &outcomes, &joins);
        let summary: Vec<(&str, &str, f64, usize)> =
            a.rows.iter().map(|r| (r.name.as_deref().unwrap_or(""), r.status.as_str(), r.minutes, r.joins)).collect();
        assert_eq!(
            summary,
            [
                ("Aigerim Bekova", "attended", 85.0, 3),
                ("Tenzin Dorji", "attended", 65.0, 2),
                ("Ana Popescu", "walk_in", 78.0, 1),
                ("Guest Phone", "walk_in", 10.0, 1),
                ("Sita Rai", "no_show", 0.0, 0),
            ]
        );
        assert_eq!(a.rows[2].registration_status, Some(RegistrationStatus::Rejected));
        assert_eq!(a.rows[0].first_join, Some(at("11:00")));
        assert_eq!(a.rows[0].last_leave, Some(at("12:30")));
        type Row = (Option<String>, Option<String>, usize, usize, usize);
        let counts: Vec<Row> = a
            .counts
            .iter()
            .map(|c| (c.country.map(|c| c.to_string()), c.sub_region.clone(), c.attended, c.no_show, c.walk_in))
            .collect();
        let s = |t: &str| Some(t.to_owned());
        assert_eq!(
            counts,
            [
                (s("BT"), s("south-asia"), 1, 0, 0),
                (s("KG"), s("central-asia-mongolia"), 1, 0, 0),
                (s("MD"), s("europe"), 0, 0, 1),
                (s("NP"), s("south-asia"), 0, 1, 0),
                (None, None, 0, 0, 1),
            ]
        );
    }

    #[test]
    fn a_name_matches_when_the_report_has_no_email() {
        let hub = crate::emap();
        let w20 = hub.event("kix-emap-webinar-20").unwrap_or_else(|| unreachable!());
        let registrations = [reg("Nilufar Karimova", "nilufar@example.uz", "Uzbekistan", "2024-07-20T09:00:00Z")];
        let outcomes = validate_batch(hub, w20, &registrations, &[], None).unwrap_or_default();
        let a = attendance(hub, w20, &registrations, &outcomes, &[join("nilufar  KARIMOVA", None, "11:00", "11:30")]);
        assert_eq!(a.rows.len(), 1);
        assert_eq!((a.rows[0].status, a.rows[0].registration), (AttendanceStatus::Attended, Some(0)));
    }
}
