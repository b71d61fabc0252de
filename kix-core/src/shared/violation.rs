//! One violation model for the whole library.
//!
//! Every rule in kix reports *all* of its findings at once as a list of
//! [`Violation`]s. A violation carries a stable, dotted machine [`Code`] (the
//! contract shared with the Python and Kotlin bindings and the JSON
//! conformance vectors), a [`Severity`], a path to the offending field, a
//! human message and the parameters the message was built from.
//!
//! The codes are declared once, in the table below; the code table in docs/errors.md is
//! checked against [`Code::ALL`] by the test suite.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a violation is.
///
/// ```
/// use kix_core::Severity;
/// assert_eq!(serde_json::to_string(&Severity::Warning)?, r#""warning""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input is refused.
    Error,
    /// The input is accepted, but someone should look at it.
    Warning,
}

impl Severity {
    /// The word for the severity, as in JSON: `error` or `warning`.
    ///
    /// ```
    /// assert_eq!(kix_core::Severity::Warning.as_str(), "warning");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $code:literal, $severity:ident $(, [$($param:literal),* $(,)?])?; )*) => {
        /// A stable violation code, written as a dotted string such as
        /// `training.quota_exceeded`.
        ///
        /// Codes never change meaning; new ones may be added (hence
        /// `#[non_exhaustive]`).
        ///
        /// ```
        /// use kix_core::{Code, Severity};
        /// let code = Code::TrainingQuotaExceeded;
        /// assert_eq!(code.as_str(), "training.quota_exceeded");
        /// assert_eq!(code.severity(), Severity::Error);
        /// assert_eq!("training.quota_exceeded".parse::<Code>(), Ok(code));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])+ #[serde(rename = $code)] $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            ///
            /// ```
            /// assert!(kix_core::Code::ALL.len() > 10);
            /// ```
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The dotted string form, e.g. `hub.unknown_country`.
            ///
            /// ```
            /// assert_eq!(kix_core::Code::HubUnknownCountry.as_str(), "hub.unknown_country");
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The area of the hub the code belongs to: the part before the dot
            /// (`time`, `registration`, `training`, ...).
            ///
            /// ```
            /// use kix_core::Code;
            /// assert_eq!(Code::TimeUnknownZone.area(), "time");
            /// assert_eq!(Code::RegistrationDuplicate.area(), "registration");
            /// ```
            #[must_use]
            pub fn area(self) -> &'static str {
                // Every code is dotted (`codes_are_dotted_lowercase_and_unique`).
                self.as_str().split_once('.').map_or("", |(area, _)| area)
            }

            /// The severity a violation with this code has.
            ///
            /// ```
            /// use kix_core::{Code, Severity};
            /// assert_eq!(Code::HubCountryUnassigned.severity(), Severity::Warning);
            /// ```
            #[must_use]
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The names of the parameters violations with this code may carry
            /// (declared beside the code; the message templates of every locale
            /// may use these and no others).
            ///
            /// ```
            /// use kix_core::Code;
            /// assert_eq!(Code::TrainingQuotaExceeded.params(), ["country", "quota", "held"]);
            /// assert!(Code::RegistrationConsentRequired.params().is_empty());
            /// ```
            #[must_use]
            pub const fn params(self) -> &'static [&'static str] {
                match self { $(Code::$variant => &[$($($param),*)?],)* }
            }

            /// A one-line description of what the code means (its rustdoc).
            ///
            /// ```
            /// assert!(!kix_core::Code::TimelineOutsideProject.description().is_empty());
            /// ```
            #[must_use]
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),+).trim(),)* }
            }
        }
    };
}

codes! {
    /// A string that should name a country names none that ISO 3166-1 knows.
    CountryUnknown = "country.unknown", Error, ["text"];
    /// A string names more than one country ("Congo", "Korea"); `candidates` lists their codes.
    CountryAmbiguous = "country.ambiguous", Error, ["text", "candidates"];
    /// Two members of the hub share a country code, or two items share an id.
    HubDuplicateId = "hub.duplicate_id", Error, ["id", "first_index"];
    /// A country belongs to two sub-regions whose periods overlap.
    HubCountryInTwoSubRegions = "hub.country_in_two_sub_regions", Error, ["country", "sub_regions"];
    /// Two assignments cover the same sub-region over overlapping periods.
    HubOverlappingAssignments = "hub.overlapping_assignments", Error, ["sub_region", "partners", "other_index"];
    /// A sub-region has no partner assigned to it.
    HubSubRegionWithoutPartner = "hub.sub_region_without_partner", Error, ["sub_region"];
    /// A sub-region or training cycle lists a country that is not a member of the hub.
    HubUnknownCountry = "hub.unknown_country", Error, ["country", "sub_region"];
    /// An assignment names an organisation that the hub does not list.
    HubUnknownPartner = "hub.unknown_partner", Error, ["partner"];
    /// An assignment names a sub-region that the hub does not list.
    HubUnknownSubRegion = "hub.unknown_sub_region", Error, ["sub_region"];
    /// A time zone is not an IANA zone name known to the tz database in use.
    HubUnknownTimeZone = "hub.unknown_time_zone", Error, ["zone", "country"];
    /// A country has no time zone at all.
    HubCountryWithoutZone = "hub.country_without_zone", Error, ["country"];
    /// A subdivision code is not an ISO 3166-2 code of its country.
    HubInvalidSubdivision = "hub.invalid_subdivision", Error, ["subdivision", "country"];
    /// A period ends before it starts.
    HubInvalidPeriod = "hub.invalid_period", Error, ["from", "until"];
    /// A member country is covered by no partner assignment (as the five phase-1 members without a seed assignment).
    HubCountryUnassigned = "hub.country_unassigned", Warning, ["country"];
    /// A date lies outside every phase of the project.
    TimelineOutsideProject = "timeline.outside_project", Error, ["date", "project_start", "project_end"];
    /// A zone label, name or abbreviation is not one kix knows.
    TimeUnknownZone = "time.unknown_zone", Error, ["label", "did_you_mean", "fixed_offset"];
    /// A zone label names a country with several zones or an abbreviation with several meanings (IST, CST) and no city
    /// that settles it; the candidate zones are in the parameters.
    TimeAmbiguousZoneLabel = "time.ambiguous_zone_label", Error, ["label", "reason", "candidates"];
    /// A wall-clock time does not exist in its zone (a DST gap); both candidate instants are in the parameters.
    TimeNonexistentLocalTime = "time.nonexistent_local_time", Error, ["local", "zone", "earlier", "earlier_offset", "later", "later_offset"];
    /// A wall-clock time happens twice in its zone (a DST fold); both candidate instants are in the parameters.
    TimeAmbiguousLocalTime = "time.ambiguous_local_time", Error, ["local", "zone", "earlier", "earlier_offset", "later", "later_offset"];
    /// A label's abbreviation does not match the date ("CET" on a July date in Geneva); the place's real time applies.
    TimeLabelSeasonMismatch = "time.label_season_mismatch", Warning, ["label", "abbreviation", "abbreviation_offset", "true_abbreviation", "true_offset", "zone"];
    /// A listing's other zones disagree with the organiser's time.
    TimeListingMismatch = "time.listing_mismatch", Warning, ["label", "zone", "given_start", "given_end", "expected_start", "expected_end"];
    /// A listing's weekday does not match its date.
    TimeWeekdayMismatch = "time.weekday_mismatch", Warning, ["date", "weekday_given", "weekday_actual"];
    /// A date or time text cannot be read; the parameters say which part.
    TimeUnparseable = "time.unparseable", Error, ["part", "text", "reason"];
    /// An event lacks a required field, or has an empty one.
    EventMissingField = "event.missing_field", Error, ["field"];
    /// An event's end is not after its start, or its duration is zero.
    EventEndNotAfterStart = "event.end_not_after_start", Error, ["start", "end"];
    /// An event gives both an end and a duration, and they disagree; or neither.
    EventInvalidEnd = "event.invalid_end", Error, ["end", "duration_minutes"];
    /// An agenda item starts before the event or ends after it.
    EventAgendaOutside = "event.agenda_outside", Error, ["item_start", "item_end", "event_start", "event_end"];
    /// An interpretation language is the event's own language, or is listed twice.
    EventInterpretationSameAsLanguage = "event.interpretation_same_as_language", Error, ["language"];
    /// A language is not an ISO 639-1 code.
    EventUnknownLanguage = "event.unknown_language", Error, ["language"];
    /// An organiser or partner names a hub organisation id that the hub does not list.
    EventUnknownOrganisation = "event.unknown_organisation", Error, ["organisation"];
    /// Two events share an id.
    EventDuplicateId = "event.duplicate_id", Error, ["id", "first_index"];
    /// Two events of one series have the same number.
    EventDuplicateNumber = "event.duplicate_number", Error, ["series", "number", "first_index"];
    /// A registration window closes before it opens.
    EventInvalidRegistrationWindow = "event.invalid_registration_window", Error, ["opens_at", "closes_at"];
    /// A freed seat would be offered for zero hours (an offer lasts at least one hour).
    EventInvalidOfferHours = "event.invalid_offer_hours", Error, ["offer_hours"];
    /// An event's or series' organiser e-mail is not a valid address.
    EventInvalidEmail = "event.invalid_email", Error, ["reason"];
    /// A series' rule is unusable: no count or until date (or both), a zero interval or count, weekdays on a daily
    /// rule, a start on none of its weekdays, more than 1000 occurrences, an occurrence cancelled or moved twice.
    EventInvalidRecurrence = "event.invalid_recurrence", Error, ["reason", "occurrence"];
    /// A series cancels or moves an occurrence its rule does not give, or a registration names an occurrence the event
    /// does not have or has cancelled (`cancelled`).
    EventUnknownOccurrence = "event.unknown_occurrence", Error, ["occurrence", "cancelled"];
    /// Two events overlap in time and share an audience or countries (for series: two of their occurrences).
    ScheduleConflict = "schedule.conflict", Warning, ["event", "other_event", "shared_audiences", "shared_countries", "occurrence", "other_occurrence"];
    /// An event's times, rule or status changed from its previous version but its sequence (the calendar files'
    /// `SEQUENCE`) was not raised: calendars that have it would keep the old times.
    CalendarSequenceNotRaised = "calendar.sequence_not_raised", Warning, ["event", "previous_sequence", "sequence"];
    /// A start (of the event or of an occurrence) happens twice in its zone (a DST fold): calendar clients disagree on
    /// which one a local time means (RFC 5545 says the first, ical.js and libical read the second), so kix writes it in UTC.
    CalendarFoldStart = "calendar.fold_start", Warning, ["local", "zone", "earlier", "later"];
    /// A registration lacks a required field, or has an empty one.
    RegistrationMissingField = "registration.missing_field", Error, ["field"];
    /// A registration field is longer than kix accepts.
    RegistrationTooLong = "registration.too_long", Error, ["field", "length", "max"];
    /// An e-mail address is not valid: the syntax of Python's email-validator (UTS 46 domains, no IP addresses), quoted local parts allowed.
    RegistrationInvalidEmail = "registration.invalid_email", Error, ["reason"];
    /// An e-mail's local part or a domain label mixes Latin letters with Cyrillic or Greek ones that look alike.
    RegistrationMixedScriptEmail = "registration.mixed_script_email", Warning, ["part"];
    /// A field holds U+FFFD, what undecodable text becomes (a lone surrogate from Python, bytes that are not UTF-8).
    RegistrationUndecodableText = "registration.undecodable_text", Error, ["field"];
    /// A field holds a control character (C0, DEL or C1: a line break, a tab, an escape): it would break the lists,
    /// terminals and files it is written to.
    RegistrationControlCharacter = "registration.control_character", Error, ["field"];
    /// A field holds a bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069): it may read in
    /// another order than it is stored. The marks U+200E, U+200F and U+061C are not reported.
    RegistrationBidiControl = "registration.bidi_control", Warning, ["field"];
    /// The e-mail is already registered for the event (in the held registrations or earlier in the batch; in a book,
    /// `id` names the registration it holds, which the submission left unchanged); for an event that takes
    /// registrations per occurrence, for the same occurrence.
    RegistrationDuplicate = "registration.duplicate", Error, ["held_index", "first_index", "occurrence", "id"];
    /// The country is no code or name that ISO 3166-1 knows.
    RegistrationUnknownCountry = "registration.unknown_country", Error, ["country"];
    /// The event is restricted to participating countries and this one is not.
    RegistrationCountryNotEligible = "registration.country_not_eligible", Error, ["country"];
    /// The event is by invitation only and the e-mail is not invited.
    RegistrationNotInvited = "registration.not_invited", Error;
    /// The audience is not one of the known audiences.
    RegistrationUnknownAudience = "registration.unknown_audience", Error, ["audience", "allowed"];
    /// The language asked for is neither the event's nor one of its interpretation languages.
    RegistrationLanguageNotOffered = "registration.language_not_offered", Error, ["language", "offered"];
    /// The registration was submitted before registration opened.
    RegistrationNotOpen = "registration.not_open", Error, ["opens_at", "submitted_at"];
    /// The registration was submitted at or after registration closed (by default, the event's start; per occurrence,
    /// the occurrence's).
    RegistrationClosed = "registration.closed", Error, ["closes_at", "submitted_at", "cancelled", "occurrence"];
    /// The event (per occurrence: the occurrence) is full and has no waiting list.
    RegistrationFull = "registration.full", Error, ["capacity", "held", "occurrence"];
    /// The event requires consent and the registrant did not give it.
    RegistrationConsentRequired = "registration.consent_required", Error;
    /// The submission time is not an RFC 3339 instant with an offset.
    RegistrationInvalidTimestamp = "registration.invalid_timestamp", Error, ["submitted_at"];
    /// An operation on a held registration does not apply to its status; the parameters name the from and to statuses.
    RegistrationInvalidTransition = "registration.invalid_transition", Error, ["id", "from", "to"];
    /// More seats are held than the capacity allows (capacity lowered, or an approval forced); nobody was dropped.
    RegistrationOverCapacity = "registration.over_capacity", Warning, ["capacity", "held", "occurrence"];
    /// The e-mail was denied by the organiser and cannot register again until reinstated.
    RegistrationDenied = "registration.denied", Error, ["id"];
    /// No registration in the book has this id, or the book belongs to another event.
    RegistrationUnknownId = "registration.unknown_id", Error, ["id", "book_event_id", "event_id"];
    /// The registrant's cancellation deadline has passed (the organiser can still cancel).
    RegistrationCancelDeadlinePassed = "registration.cancel_deadline_passed", Error, ["deadline", "at"];
    /// A cell holds a value of the wrong kind for its field (a number for a name, "Maybe" for consent, a naive
    /// datetime for an instant); the parameters name the field and what was found.
    RegistrationInvalidValue = "registration.invalid_value", Error, ["field", "kind", "found"];
    /// A registration names an occurrence, but the event takes registrations for the whole series: the occurrence is
    /// ignored.
    RegistrationOccurrenceIgnored = "registration.occurrence_ignored", Warning, ["occurrence"];
    /// A row of an attendee report has no readable join or leave time, or leaves before it joins; it is left out.
    AttendanceUnreadableRow = "attendance.unreadable_row", Warning, ["row", "join", "leave"];
    /// A knowledge product names a country that is not a member of the hub.
    CatalogueUnknownCountry = "catalogue.unknown_country", Error, ["country"];
    /// A knowledge product names a hub organisation id that the hub does not list.
    CatalogueUnknownOrganisation = "catalogue.unknown_organisation", Error, ["organisation"];
    /// A knowledge product names a sub-region that the hub does not list.
    CatalogueUnknownSubRegion = "catalogue.unknown_sub_region", Error, ["sub_region"];
    /// A knowledge product's language is not an ISO 639-1 code.
    CatalogueUnknownLanguage = "catalogue.unknown_language", Error, ["language"];
    /// A knowledge product links to a training cycle, nominee or event that does not exist.
    CatalogueUnknownReference = "catalogue.unknown_reference", Error, ["event", "cycle"];
    /// A knowledge product is linked to a nominee who did not complete the training cycle.
    CatalogueNomineeNotCompleted = "catalogue.nominee_not_completed", Error, ["cycle", "status"];
    /// A knowledge product's link is not an http(s) URL.
    CatalogueInvalidLink = "catalogue.invalid_link", Error, ["link"];
    /// A knowledge product lacks a required field, or has an empty one.
    CatalogueMissingField = "catalogue.missing_field", Error, ["field"];
    /// A knowledge product is dated outside every project phase.
    CatalogueOutsideProject = "catalogue.outside_project", Warning, ["published_on"];
    /// A grant ends before it starts.
    GrantInvalidPeriod = "grant.invalid_period", Error, ["start", "end"];
    /// A grant's period does not lie inside one project phase.
    GrantOutsideProject = "grant.outside_project", Error, ["start", "end"];
    /// A grant's amount is zero or negative.
    GrantNonPositiveAmount = "grant.non_positive_amount", Error, ["amount"];
    /// A grant's amount is over the hub's per-grant ceiling.
    GrantOverCeiling = "grant.over_ceiling", Error, ["ceiling", "amount"];
    /// A grant is in another currency than the ceiling, so the ceiling cannot be checked (kix converts nothing).
    GrantCeilingCurrencyMismatch = "grant.ceiling_currency_mismatch", Warning, ["ceiling", "amount"];
    /// A grant's recipient country does not participate in the hub.
    GrantCountryNotParticipating = "grant.country_not_participating", Error, ["country"];
    /// A grant's recipient names a hub organisation id that the hub does not list.
    GrantUnknownOrganisation = "grant.unknown_organisation", Error, ["organisation"];
    /// A nomination would put a country over its quota of pending and confirmed nominees.
    TrainingQuotaExceeded = "training.quota_exceeded", Error, ["country", "quota", "held"];
    /// A nomination was endorsed by the National KIX Steering Committee after the cycle started.
    TrainingEndorsedAfterStart = "training.endorsed_after_start", Error, ["endorsed_on", "start"];
    /// A training cycle lies (partly) outside every project phase.
    TrainingOutsideProject = "training.outside_project", Error, ["cycle", "start", "end"];
    /// A nominee comes from a country that does not participate in the hub or the cycle.
    TrainingCountryNotParticipating = "training.country_not_participating", Error, ["country", "cycle"];
    /// The same person (normalized e-mail) is nominated twice in one cycle.
    TrainingDuplicateNominee = "training.duplicate_nominee", Error, ["first_index"];
    /// A nomination cannot move from its current status to the requested one.
    TrainingInvalidTransition = "training.invalid_transition", Error, ["from", "to"];
    /// A nomination lacks a required field (name or e-mail) or has an empty one.
    TrainingMissingField = "training.missing_field", Error, ["field", "status"];
    /// A cycle's dates are out of order (endorsement after start, end before start) or a step is dated before the one it follows.
    TrainingInvalidDate = "training.invalid_date", Error, ["start", "end", "endorsement_date", "nominated_on", "endorsed_on", "confirmed_on", "completed_on", "on", "last_step"];
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string is not a known violation code.
///
/// ```
/// assert!("no.such_code".parse::<kix_core::Code>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown violation code {0:?}")]
pub struct UnknownCode(pub String);

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s).ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

/// One finding of a rule check.
///
/// ```
/// use kix_core::{Code, Severity, Violation};
/// let v = Violation::new(Code::TrainingQuotaExceeded, "nominations[3].country", "Nepal already has 3 nominees")
///     .with_param("country", "NP")
///     .with_param("quota", 3);
/// assert_eq!(v.severity, Severity::Error);
/// assert_eq!(v.params["quota"], 3);
/// assert_eq!(v.to_string(), "error training.quota_exceeded at nominations[3].country: Nepal already has 3 nominees");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Violation {
    /// The stable machine code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Path to the offending field, such as `nominations[3].country`; empty for the whole document.
    pub path: String,
    /// A message for people, in English.
    pub message: String,
    /// The values the message was built from, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, serde_json::Value>,
}

impl Violation {
    /// A violation with the code's own severity and no parameters.
    ///
    /// ```
    /// use kix_core::{Code, Violation};
    /// let v = Violation::new(Code::HubUnknownPartner, "assignments[0].partner", "no organisation \"xyz\"");
    /// assert_eq!(v.code, Code::HubUnknownPartner);
    /// ```
    #[must_use]
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Violation {
            code,
            severity: code.severity(),
            path: path.into(),
            message: message.into(),
            params: BTreeMap::new(),
        }
    }

    /// Adds a parameter (anything serde can turn into JSON).
    ///
    /// ```
    /// use kix_core::{Code, Violation};
    /// let v = Violation::new(Code::CountryUnknown, "", "unknown").with_param("text", "Atlantis");
    /// assert_eq!(v.params["text"], "Atlantis");
    /// ```
    #[must_use]
    pub fn with_param(mut self, name: &str, value: impl Serialize) -> Self {
        // Serializing plain data (strings, numbers, dates) cannot fail; if a
        // caller passes something exotic that does, the parameter is kept as null
        // rather than losing the violation.
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        self.params.insert(name.to_owned(), value);
        self
    }

    /// Whether this violation is an error (as opposed to a warning).
    ///
    /// ```
    /// use kix_core::{Code, Violation};
    /// assert!(!Violation::new(Code::HubCountryUnassigned, "countries[0]", "x").is_error());
    /// ```
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity;
        if self.path.is_empty() {
            write!(f, "{severity} {}: {}", self.code, self.message)
        } else {
            write!(f, "{severity} {} at {}: {}", self.code, self.path, self.message)
        }
    }
}

/// A single violation is also an error, so `?` can return it.
impl std::error::Error for Violation {}

/// Helpers on a list of violations.
///
/// ```
/// use kix_core::{Code, Violation, Violations};
/// let list = vec![
///     Violation::new(Code::HubCountryUnassigned, "countries[0]", "x"),
///     Violation::new(Code::HubUnknownPartner, "assignments[0].partner", "y"),
/// ];
/// assert!(list.has_errors());
/// assert_eq!(list.errors().count(), 1);
/// assert_eq!(list.codes(), vec![Code::HubCountryUnassigned, Code::HubUnknownPartner]);
/// ```
pub trait Violations {
    /// Whether any violation is an error.
    fn has_errors(&self) -> bool;
    /// The violations that are errors.
    fn errors(&self) -> impl Iterator<Item = &Violation>;
    /// The violations that are warnings.
    fn warnings(&self) -> impl Iterator<Item = &Violation>;
    /// The codes, in order.
    fn codes(&self) -> Vec<Code>;
}

impl Violations for [Violation] {
    fn has_errors(&self) -> bool {
        self.iter().any(Violation::is_error)
    }
    fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.iter().filter(|v| v.is_error())
    }
    fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.iter().filter(|v| !v.is_error())
    }
    fn codes(&self) -> Vec<Code> {
        self.iter().map(|v| v.code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_string_and_json() {
        for &code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(code));
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert!(!code.description().is_empty(), "{code} has no description");
        }
    }

    #[test]
    fn codes_are_dotted_lowercase_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} declared twice");
            let (area, name) = s.split_once('.').unwrap_or(("", ""));
            assert!(!area.is_empty() && !name.is_empty(), "{s} is not dotted");
            assert!(
                s.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'),
                "{s} is not lowercase snake case"
            );
        }
    }

    #[test]
    fn severities_are_written_as_serde_writes_them() {
        for severity in [Severity::Error, Severity::Warning] {
            assert_eq!(serde_json::to_value(severity).unwrap_or_default(), severity.as_str());
        }
    }

    #[test]
    fn the_area_is_the_prefix_of_the_dotted_code() {
        for &code in Code::ALL {
            assert!(code.as_str().starts_with(&format!("{}.", code.area())), "{code}");
        }
        assert_eq!(Code::CountryUnknown.area(), "country");
        assert_eq!(Code::TimeNonexistentLocalTime.area(), "time");
        assert_eq!(Code::TimelineOutsideProject.area(), "timeline", "timeline is not time");
    }

    #[test]
    fn a_violation_serializes_with_its_code_string_and_params() {
        let v = Violation::new(Code::TrainingQuotaExceeded, "nominations[3].country", "over").with_param("quota", 3);
        let json = serde_json::to_value(&v).unwrap_or_default();
        assert_eq!(json["code"], "training.quota_exceeded");
        assert_eq!(json["severity"], "error");
        assert_eq!(json["params"]["quota"], 3);
        let back: Violation = serde_json::from_value(json).unwrap_or_else(|_| v.clone());
        assert_eq!(back, v);
    }
}
