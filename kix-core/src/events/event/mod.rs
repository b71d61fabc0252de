//! Events: webinars, workshops, meetings and training sessions.
//!
//! An event stores the organiser's wall-clock start (and end or duration) and
//! IANA zone; instants are derived. [`Event::check`] validates one event,
//! [`Check`] on a list of them (`[Event]`) adds duplicate ids and series numbers, and
//! overlapping events that share an audience or countries).

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::context::{Check, HubView};
use crate::country::CountryCode;
use crate::time::recurrence::Recurrence;

pub use crate::context::party::Party;
pub use crate::shared::reference::language_name;
use crate::shared::violation::{Code, Violation};
use crate::time::zone::{Disambiguation, ZoneId, from_local, resolve_zone};

/// What kind of event.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::EventKind::TrainingSession)?, r#""training_session""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An online seminar.
    Webinar,
    /// A working session, online or at a venue.
    Workshop,
    /// A meeting.
    Meeting,
    /// A session of a training cycle.
    TrainingSession,
}

/// Where the event happens.
///
/// ```
/// let online = kix_core::Location::Online { platform: Some("Zoom".into()), url: None };
/// assert_eq!(serde_json::to_value(&online)?["type"], "online");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Location {
    /// Online.
    Online {
        /// The platform (Zoom, Teams...).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        platform: Option<String>,
        /// The link, once published.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
    /// At a venue.
    Venue {
        /// Name of the venue.
        name: String,
        /// Postal address.
        address: String,
        /// Country of the venue.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        country: Option<CountryCode>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Online { platform: Some(p), .. } => write!(f, "Online ({p})"),
            Location::Online { platform: None, .. } => f.write_str("Online"),
            Location::Venue { name, address, .. } => write!(f, "{name}, {address}"),
        }
    }
}

/// An item of the agenda. Its optional start is a wall-clock time in the event's zone.
///
/// ```
/// let agenda = &kix_core::emap().event("kix-emap-webinar-20").unwrap().agenda;
/// assert_eq!(agenda[0].title, "Welcome & introductions");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Title.
    pub title: String,
    /// What it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who presents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// Sub-points, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<String>,
    /// Wall-clock start in the event's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDateTime>,
    /// Length in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
}

/// Whether the event goes ahead.
///
/// ```
/// assert_eq!(kix_core::EventStatus::default(), kix_core::EventStatus::Scheduled);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// It goes ahead.
    #[default]
    Scheduled,
    /// It was cancelled (its calendar file says `METHOD:CANCEL`).
    Cancelled,
}

/// An event of the hub.
///
/// ```
/// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
/// assert_eq!(w20.number, Some(20));
/// assert_eq!(w20.start_utc()?.to_rfc3339(), "2024-07-31T11:00:00+00:00");
/// assert_eq!(w20.end_utc()?.to_rfc3339(), "2024-07-31T12:30:00+00:00");
/// assert_eq!(w20.interpretation, ["ar", "ru"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable id, e.g. `kix-emap-webinar-20` (also the calendar UID's first part).
    pub id: String,
    /// Kind of event.
    pub kind: EventKind,
    /// Series name, e.g. `KIX EMAP Webinar`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Number in the series, e.g. 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Organisers.
    #[serde(default)]
    pub organisers: Vec<Party>,
    /// Partners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Party>,
    /// The organiser's wall-clock start, in `zone`.
    pub start: NaiveDateTime,
    /// The organiser's wall-clock end, in `zone` (or give `duration_minutes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDateTime>,
    /// Length in minutes of elapsed time (or give `end`): across a DST change the wall clock moves by more or less.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// The organiser's IANA zone.
    pub zone: ZoneId,
    /// Where.
    pub location: Location,
    /// Language of the event (ISO 639-1).
    pub language: String,
    /// Languages of simultaneous interpretation (ISO 639-1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<String>,
    /// Agenda, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaItem>,
    /// Who it is for.
    #[serde(default)]
    pub audiences: Vec<Audience>,
    /// Who may register.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// The countries it is for; absent: every member of the hub.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<CountryCode>>,
    /// Registration rules.
    #[serde(default)]
    pub registration: RegistrationPolicy,
    /// Social-media handles to spread the news, e.g. `@NORRAG`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social_handles: Vec<String>,
    /// Scheduled or cancelled.
    #[serde(default)]
    pub status: EventStatus,
    /// Revision number, raised on every reschedule (the calendar file's SEQUENCE).
    #[serde(default)]
    pub sequence: u32,
    /// How the event repeats, when it is a series (see [`crate::recurrence`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
}

impl Event {
    /// Reads an event from JSON (the `event` JSON Schema); a failure names the offending field.
    ///
    /// ```
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(&kix_core::Event::from_json(&serde_json::to_string(w20)?)?, w20);
    /// assert!(kix_core::Event::from_json("{}").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Event, crate::shared::error::Error> {
        crate::shared::error::Error::parse_json("event", text)
    }

    /// The organiser's zone, or `time.unknown_zone`.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().event("kix-emap-webinar-20").unwrap().tz()?, chrono_tz::Europe::Zurich);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tz(&self) -> Result<Tz, Violation> {
        self.zone.tz().map_err(|_| {
            // A stored zone must be an IANA name; labels are for listings.
            let hint = resolve_zone(self.zone.as_str()).ok().map(|zone| zone.to_string());
            let mut v = Violation::new(
                Code::TimeUnknownZone,
                "zone",
                format!("{:?} is not an IANA time-zone name", self.zone.as_str()),
            )
            .with_param("label", self.zone.as_str());
            if let Some(hint) = hint {
                v = v.with_param("did_you_mean", hint);
            }
            v
        })
    }

    /// The wall-clock end: `end`, or the wall time `duration_minutes` of elapsed time after the
    /// start (RFC 5545 counts durations in elapsed time: across a DST change the wall clock moves
    /// by more or less than the duration). With a zone kix does not know, the wall-clock sum.
    ///
    /// ```
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// assert_eq!(e.wall_end().unwrap().to_string(), "2024-07-31 14:30:00");
    /// // 120 minutes from 01:00 on Chisinau's spring-forward night end at 04:00 (EEST).
    /// e.zone = kix_core::ZoneId::from("Europe/Chisinau");
    /// e.start = "2025-03-30T01:00:00".parse()?;
    /// (e.end, e.duration_minutes) = (None, Some(120));
    /// assert_eq!(e.wall_end().unwrap().to_string(), "2025-03-30 04:00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn wall_end(&self) -> Option<NaiveDateTime> {
        if self.end.is_some() {
            return self.end;
        }
        let length = Duration::minutes(i64::from(self.duration_minutes?));
        match self.zone.tz() {
            Ok(tz) => {
                let start = from_local(self.start, tz, Disambiguation::Compatible).ok()?.with_timezone(&Utc);
                // `checked`, not `wall_time`: an end past the calendar has no wall time at all.
                let end = start.checked_add_signed(length)?;
                let offset = chrono::TimeZone::offset_from_utc_datetime(&tz, &end.naive_utc());
                end.naive_utc()
                    .checked_add_signed(Duration::seconds(i64::from(chrono::Offset::fix(&offset).local_minus_utc())))
            }
            Err(_) => self.start.checked_add_signed(length),
        }
    }

    /// The start instant, resolving DST gaps and folds as `disambiguation` says.
    ///
    /// ```
    /// use kix_core::Disambiguation;
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(w20.start_instant(Disambiguation::Reject)?.to_rfc3339(), "2024-07-31T11:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start_instant(&self, disambiguation: Disambiguation) -> Result<DateTime<Utc>, Violation> {
        let tz = self.tz()?;
        from_local(self.start, tz, disambiguation).map(|t| t.with_timezone(&Utc)).map_err(|v| at_path(v, "start"))
    }

    /// The end instant (see [`Event::start_instant`]); `event.invalid_end` without end or duration.
    ///
    /// ```
    /// use kix_core::Disambiguation;
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(w20.end_instant(Disambiguation::Compatible)?.to_rfc3339(), "2024-07-31T12:30:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A duration is elapsed time from the start instant, as RFC 5545 counts it.
    pub fn end_instant(&self, disambiguation: Disambiguation) -> Result<DateTime<Utc>, Violation> {
        let tz = self.tz()?;
        match (self.end, self.duration_minutes) {
            (Some(end), _) => {
                from_local(end, tz, disambiguation).map(|t| t.with_timezone(&Utc)).map_err(|v| at_path(v, "end"))
            }
            (None, Some(minutes)) => self
                .start_instant(disambiguation)?
                .checked_add_signed(Duration::minutes(i64::from(minutes)))
                .ok_or_else(|| {
                    Violation::new(Code::EventInvalidEnd, "duration_minutes", "the event would end beyond the calendar")
                }),
            (None, None) => {
                Err(Violation::new(Code::EventInvalidEnd, "end", "the event has neither an end nor a duration"))
            }
        }
    }

    /// The start instant with the `compatible` disambiguation.
    ///
    /// ```
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(w20.start_utc()?.timestamp(), 1_722_423_600);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start_utc(&self) -> Result<DateTime<Utc>, Violation> {
        self.start_instant(Disambiguation::Compatible)
    }

    /// The end instant with the `compatible` disambiguation.
    ///
    /// ```
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(w20.end_utc()? - w20.start_utc()?, chrono::Duration::minutes(90));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end_utc(&self) -> Result<DateTime<Utc>, Violation> {
        self.end_instant(Disambiguation::Compatible)
    }

    /// When registration closes: `closes_at`, or else the event's start.
    ///
    /// ```
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// assert_eq!(w20.registration_closes_at()?, w20.start_utc()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn registration_closes_at(&self) -> Result<DateTime<Utc>, Violation> {
        match self.registration.closes_at {
            Some(t) => Ok(t.with_timezone(&Utc)),
            None => self.start_utc(),
        }
    }

    /// When registration for one occurrence closes (an event that takes registrations per
    /// occurrence): `closes_at`, an instant, closes every occurrence at that instant; without it,
    /// each occurrence closes at its own start ("register in advance", as a whole event does).
    ///
    /// ```
    /// use kix_core::{Frequency, Recurrence};
    /// let mut e = kix_core::emap().event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(2), ..Recurrence::new(Frequency::Weekly) });
    /// let second = &e.occurrences()?[1];
    /// assert_eq!(e.registration_closes_for(second), second.start_utc);
    /// e.registration.closes_at = Some("2024-07-30T12:00:00+02:00".parse()?);
    /// assert_eq!(e.registration_closes_for(second).to_rfc3339(), "2024-07-30T10:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn registration_closes_for(&self, occurrence: &crate::time::recurrence::Occurrence) -> DateTime<Utc> {
        match self.registration.closes_at {
            Some(t) => t.with_timezone(&Utc),
            None => occurrence.start_utc,
        }
    }

    /// The countries the event is for: its own list, or every member of the hub.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.event("kix-emap-webinar-20").unwrap().target_countries(hub).len(), 21);
    /// ```
    #[must_use]
    pub fn target_countries(&self, hub: &impl HubView) -> BTreeSet<CountryCode> {
        match &self.countries {
            Some(list) => list.iter().copied().collect(),
            None => hub.member_codes(),
        }
    }

    /// Checks this event on its own and returns every violation: missing
    /// fields, an unknown zone, a start or end in a DST gap or fold (validated
    /// with `reject`), an end not after the start, an end and a duration that
    /// disagree, agenda items outside the event, unknown languages, an
    /// interpretation language equal to the event's, unknown hub
    /// organisations and a registration window that closes before it opens.
    /// Paths are relative to the event.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let mut w20 = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// assert!(w20.check(hub).is_empty());
    /// w20.interpretation.push("en".into());
    /// w20.end = Some(w20.start);
    /// let codes: Vec<_> = w20.check(hub).iter().map(|v| v.code.as_str()).collect();
    /// assert_eq!(codes, ["event.end_not_after_start", "event.interpretation_same_as_language"]);
    /// ```
    #[must_use]
    pub fn check(&self, hub: &impl HubView) -> Vec<Violation> {
        let mut out = Vec::new();
        self.check_required_fields(&mut out);
        let tz = match self.tz() {
            Ok(tz) => Some(tz),
            Err(v) => {
                out.push(v);
                None
            }
        };
        let end = self.checked_end(&mut out);
        if let Some(tz) = tz {
            // A computed end (start plus an elapsed duration) is an instant: only a given
            // wall-clock end can be skipped or repeated.
            self.check_dst(tz, self.end, &mut out);
        }
        if let Some(end) = end {
            self.check_agenda(end, &mut out);
        }
        self.check_recurrence(tz, &mut out);
        self.check_languages(&mut out);
        self.check_organisations(hub, &mut out);
        self.check_organiser_emails(&mut out);
        self.check_registration_window(&mut out);
        self.check_offer_hours(&mut out);
        out
    }

    /// Minutes of elapsed time from the start to a wall-clock end (`compatible`), or of wall
    /// time when the zone is unknown.
    fn elapsed_minutes(&self, end: NaiveDateTime) -> Option<i64> {
        let Ok(tz) = self.zone.tz() else { return Some((end - self.start).num_minutes()) };
        let at = |wall| from_local(wall, tz, Disambiguation::Compatible).ok();
        Some((at(end)? - at(self.start)?).num_minutes())
    }

    /// Organisers' and partners' e-mails, where given, are valid addresses.
    fn check_organiser_emails(&self, out: &mut Vec<Violation>) {
        for (list, parties) in [("organisers", &self.organisers), ("partners", &self.partners)] {
            for (i, p) in parties.iter().enumerate() {
                if let Some(email) = &p.email
                    && let Err(e) = crate::shared::email::Email::parse(email)
                {
                    out.push(
                        Violation::new(
                            Code::EventInvalidEmail,
                            format!("{list}[{i}].email"),
                            format!("not a valid e-mail address: {e}"),
                        )
                        .with_param("reason", e.to_string()),
                    );
                }
            }
        }
    }

    /// `id` and `title` are not blank.
    fn check_required_fields(&self, out: &mut Vec<Violation>) {
        for (field, value) in [("id", &self.id), ("title", &self.title)] {
            if value.trim().is_empty() {
                out.push(
                    Violation::new(Code::EventMissingField, field, format!("{field} is empty"))
                        .with_param("field", field),
                );
            }
        }
    }

    /// The wall-clock end: an end and a duration agree, one of them is given,
    /// and the end comes after the start. `None` when no end can be known.
    fn checked_end(&self, out: &mut Vec<Violation>) -> Option<NaiveDateTime> {
        let end = match (self.end, self.duration_minutes) {
            (Some(end), Some(minutes)) if self.elapsed_minutes(end) != Some(i64::from(minutes)) => {
                out.push(
                    Violation::new(
                        Code::EventInvalidEnd,
                        "duration_minutes",
                        format!("the end ({end}) and the duration ({minutes} minutes) disagree"),
                    )
                    .with_param("end", end)
                    .with_param("duration_minutes", minutes),
                );
                Some(end)
            }
            (None, None) => {
                out.push(Violation::new(Code::EventInvalidEnd, "end", "the event has neither an end nor a duration"));
                None
            }
            (None, Some(minutes)) if self.wall_end().is_none() => {
                out.push(
                    Violation::new(
                        Code::EventInvalidEnd,
                        "duration_minutes",
                        "the event would end beyond the calendar",
                    )
                    .with_param("duration_minutes", minutes),
                );
                None
            }
            _ => self.wall_end(),
        };
        if let Some(end) = end
            && end <= self.start
        {
            out.push(
                Violation::new(
                    Code::EventEndNotAfterStart,
                    "end",
                    format!("the end ({end}) is not after the start ({})", self.start),
                )
                .with_param("start", self.start)
                .with_param("end", end),
            );
        }
        end
    }

    /// The start and the end each happen exactly once in the zone (no DST gap or fold).
    fn check_dst(&self, tz: Tz, end: Option<NaiveDateTime>, out: &mut Vec<Violation>) {
        for (field, wall) in [("start", Some(self.start)), ("end", end)] {
            if let Some(wall) = wall
                && let Err(v) = from_local(wall, tz, Disambiguation::Reject)
            {
                out.push(at_path(v, field));
            }
        }
    }

    /// Every timed agenda item lies inside the event.
    fn check_agenda(&self, end: NaiveDateTime, out: &mut Vec<Violation>) {
        for (i, item) in self.agenda.iter().enumerate() {
            let Some(item_start) = item.start else { continue };
            let item_end =
                item_start.checked_add_signed(Duration::minutes(i64::from(item.duration_minutes.unwrap_or(0))));
            let item_end = item_end.unwrap_or(NaiveDateTime::MAX);
            if item_start < self.start || item_end > end {
                out.push(
                    Violation::new(
                        Code::EventAgendaOutside,
                        format!("agenda[{i}]"),
                        format!(
                            "{:?} runs {item_start} to {item_end}, outside the event ({} to {end})",
                            item.title, self.start
                        ),
                    )
                    .with_param("item_start", item_start)
                    .with_param("item_end", item_end)
                    .with_param("event_start", self.start)
                    .with_param("event_end", end),
                );
            }
        }
    }

    /// The language and the interpretation languages are ISO 639-1 codes,
    /// and no interpretation repeats the event's language or another one.
    fn check_languages(&self, out: &mut Vec<Violation>) {
        if language_name(&self.language).is_none() {
            out.push(unknown_language("language", &self.language));
        }
        let mut seen = BTreeSet::new();
        for (i, lang) in self.interpretation.iter().enumerate() {
            let path = format!("interpretation[{i}]");
            if language_name(lang).is_none() {
                out.push(unknown_language(&path, lang));
            }
            if *lang == self.language || !seen.insert(lang.as_str()) {
                out.push(
                    Violation::new(
                        Code::EventInterpretationSameAsLanguage,
                        path,
                        format!("interpretation into {lang:?} is listed twice or is the event's own language"),
                    )
                    .with_param("language", lang),
                );
            }
        }
    }

    /// Organisers and partners that name a hub organisation name one the hub lists.
    fn check_organisations(&self, hub: &impl HubView, out: &mut Vec<Violation>) {
        for (list, parties) in [("organisers", &self.organisers), ("partners", &self.partners)] {
            for (i, p) in parties.iter().enumerate() {
                if let Some(id) = &p.organisation
                    && !hub.has_organisation(id)
                {
                    out.push(
                        Violation::new(
                            Code::EventUnknownOrganisation,
                            format!("{list}[{i}].organisation"),
                            format!("no hub organisation with id {id:?}"),
                        )
                        .with_param("organisation", id),
                    );
                }
            }
        }
    }

    /// Registration does not close before it opens.
    fn check_registration_window(&self, out: &mut Vec<Violation>) {
        if let (Some(open), Some(close)) = (self.registration.opens_at, self.registration.closes_at)
            && close <= open
        {
            out.push(
                Violation::new(
                    Code::EventInvalidRegistrationWindow,
                    "registration.closes_at",
                    format!("registration closes ({close}) before it opens ({open})"),
                )
                .with_param("opens_at", open)
                .with_param("closes_at", close),
            );
        }
    }
}

mod check;
mod policy;
use check::*;
pub use policy::*;

#[cfg(test)]
mod tests;
