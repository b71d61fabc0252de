//! A registration as submitted and as held: the record, a borrowed view of it, its status and outcome, and the limits on its fields.

use super::*;

/// Longest full name accepted, in characters.
///
/// ```
/// assert_eq!(kix_core::registration::MAX_NAME_CHARS, 200);
/// ```
pub const MAX_NAME_CHARS: usize = 200;
/// Longest e-mail accepted, in bytes (RFC 5321's path limit).
///
/// ```
/// assert_eq!(kix_core::registration::MAX_EMAIL_BYTES, 254);
/// ```
pub const MAX_EMAIL_BYTES: usize = 254;
/// Longest reason accepted for a decision (a denial, a cancellation, a reinstatement, a
/// capacity change), in characters.
///
/// ```
/// assert_eq!(kix_core::registration::MAX_REASON_CHARS, 500);
/// ```
pub const MAX_REASON_CHARS: usize = 500;
/// Longest organisation accepted, in characters.
///
/// ```
/// assert_eq!(kix_core::registration::MAX_ORGANISATION_CHARS, 300);
/// ```
pub const MAX_ORGANISATION_CHARS: usize = 300;

/// A registration as submitted. Every field is optional here so that a
/// missing one is reported (`registration.missing_field`) with the others,
/// not refused before any rule runs. Its `Debug` output hides the name and e-mail.
///
/// ```
/// let r: kix_core::Registration = serde_json::from_str(r#"{
///     "full_name": "Sabina Rahimova", "email": "sabina@example.tj", "country": "Tajikistan",
///     "audience": "teacher", "consent": true, "submitted_at": "2024-07-20T09:00:00+05:00"
/// }"#)?;
/// assert!(!format!("{r:?}").contains("Sabina"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Country: an ISO code or any name people type ("Kyrgyz Republic", "Burma").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Audience: `policy_maker`, `education_stakeholder`, `government_official`, `teacher`, `academic_researcher` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Language wanted (ISO 639-1): the event's or one of its interpretation languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Consent to the processing of the registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
    /// When it was submitted: an RFC 3339 instant with an offset (a time without offset is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// The occurrence registered for, when the event takes registrations per occurrence: the
    /// wall-clock start the series' rule gives it in the organiser's zone (its `recurrence_id`,
    /// `2025-03-04T10:00:00`). Ignored, with a warning, by an event taken per series.
    ///
    /// ```
    /// let r: kix_core::Registration = serde_json::from_str(r#"{"occurrence": "2025-03-04T10:00:00"}"#)?;
    /// assert_eq!(r.occurrence.unwrap().to_string(), "2025-03-04 10:00:00");
    /// assert_eq!(serde_json::to_string(&kix_core::Registration::default())?, "{}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<NaiveDateTime>,
}

impl fmt::Debug for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |o: &Option<String>| o.as_ref().map(|_| "<redacted>");
        f.debug_struct("Registration")
            .field("full_name", &redact(&self.full_name))
            .field("email", &redact(&self.email))
            .field("country", &self.country)
            .field("organisation", &self.organisation)
            .field("audience", &self.audience)
            .field("language", &self.language)
            .field("consent", &self.consent)
            .field("submitted_at", &self.submitted_at)
            .field("occurrence", &self.occurrence)
            .finish()
    }
}

impl Registration {
    /// The registration read in place, as the rules read it.
    ///
    /// ```
    /// let r = kix_core::Registration { email: Some("a@example.org".into()), ..Default::default() };
    /// assert_eq!(r.view().email, Some("a@example.org"));
    /// ```
    #[must_use]
    pub fn view(&self) -> RegistrationRef<'_> {
        RegistrationRef {
            full_name: self.full_name.as_deref(),
            email: self.email.as_deref(),
            country: self.country.as_deref(),
            organisation: self.organisation.as_deref(),
            audience: self.audience.as_deref(),
            language: self.language.as_deref(),
            consent: self.consent,
            submitted_at: self.submitted_at.as_deref().map(Submitted::Text),
            occurrence: self.occurrence,
        }
    }
}

/// A registration borrowed from wherever it was read (a Python dict, an Arrow
/// column, a [`Registration`]): the same fields, none copied. Bindings read
/// records into this to validate them without allocating per field.
///
/// ```
/// use kix_core::registration::{RegistrationRef, Submitted};
/// let hub = kix_core::emap();
/// let mut desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
/// let at = "2024-07-20T10:00:00Z".parse::<chrono::DateTime<chrono::Utc>>()?;
/// let r = RegistrationRef {
///     full_name: Some("Tenzin Dorji"), email: Some("tenzin@example.bt"), country: Some("Bhutan"),
///     audience: Some("teacher"), submitted_at: Some(Submitted::At(at)), ..Default::default()
/// };
/// assert!(desk.validate_view(r, &[], None).is_accepted());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct RegistrationRef<'a> {
    /// Full name.
    pub full_name: Option<&'a str>,
    /// E-mail address.
    pub email: Option<&'a str>,
    /// Country: an ISO code or any name people type.
    pub country: Option<&'a str>,
    /// Organisation.
    pub organisation: Option<&'a str>,
    /// Audience code.
    pub audience: Option<&'a str>,
    /// Language wanted (ISO 639-1).
    pub language: Option<&'a str>,
    /// Consent to the processing of the registration.
    pub consent: Option<bool>,
    /// When it was submitted.
    pub submitted_at: Option<Submitted<'a>>,
    /// The occurrence registered for (its `recurrence_id`), for an event taken per occurrence.
    ///
    /// ```
    /// let r = kix_core::registration::RegistrationRef { occurrence: "2025-03-04T10:00:00".parse().ok(), ..Default::default() };
    /// assert_eq!(r.to_registration().occurrence, r.occurrence);
    /// ```
    pub occurrence: Option<NaiveDateTime>,
}

impl RegistrationRef<'_> {
    /// An owned copy, for callers that keep records (an instant becomes its RFC 3339 text).
    ///
    /// ```
    /// use kix_core::registration::{RegistrationRef, Submitted};
    /// let r = RegistrationRef { submitted_at: Some(Submitted::At(chrono::DateTime::UNIX_EPOCH)), ..Default::default() };
    /// assert_eq!(r.to_registration().submitted_at.as_deref(), Some("1970-01-01T00:00:00+00:00"));
    /// ```
    #[must_use]
    pub fn to_registration(&self) -> Registration {
        let own = |s: Option<&str>| s.map(str::to_owned);
        Registration {
            full_name: own(self.full_name),
            email: own(self.email),
            country: own(self.country),
            organisation: own(self.organisation),
            audience: own(self.audience),
            language: own(self.language),
            consent: self.consent,
            submitted_at: self.submitted_at.map(|s| match s {
                Submitted::Text(text) => text.to_owned(),
                Submitted::At(t) => t.to_rfc3339(),
            }),
            occurrence: self.occurrence,
        }
    }
}

impl fmt::Debug for RegistrationRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |o: &Option<&str>| o.map(|_| "<redacted>");
        f.debug_struct("RegistrationRef")
            .field("full_name", &redact(&self.full_name))
            .field("email", &redact(&self.email))
            .field("country", &self.country)
            .field("organisation", &self.organisation)
            .field("audience", &self.audience)
            .field("language", &self.language)
            .field("consent", &self.consent)
            .field("submitted_at", &self.submitted_at)
            .field("occurrence", &self.occurrence)
            .finish()
    }
}

/// A submission time as read: RFC 3339 text (checked by the rules), or an
/// instant a binding already holds (an aware datetime, an Arrow timestamp).
///
/// ```
/// use kix_core::registration::Submitted;
/// assert_ne!(Submitted::Text("2024-07-20T10:00:00Z"), Submitted::At(chrono::DateTime::UNIX_EPOCH));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted<'a> {
    /// Text, as a form or a CSV gives it.
    Text(&'a str),
    /// An instant.
    At(DateTime<Utc>),
}

/// Where a registration stands.
///
/// ```
/// assert!(kix_core::RegistrationStatus::Pending.holds_seat());
/// assert!(!kix_core::RegistrationStatus::Waitlisted.holds_seat());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Accepted.
    Confirmed,
    /// Accepted, waiting for an organiser's approval; holds a seat.
    Pending,
    /// On the waiting list: the event is full.
    Waitlisted,
    /// Refused; the violations say why.
    Rejected,
}

impl RegistrationStatus {
    /// Whether a registration in this status holds a seat.
    ///
    /// ```
    /// assert!(kix_core::RegistrationStatus::Confirmed.holds_seat());
    /// ```
    #[must_use]
    pub fn holds_seat(self) -> bool {
        matches!(self, RegistrationStatus::Confirmed | RegistrationStatus::Pending)
    }

    /// The JSON name.
    ///
    /// ```
    /// assert_eq!(kix_core::RegistrationStatus::Waitlisted.as_str(), "waitlisted");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Rejected => "rejected",
        }
    }
}

/// A registration already held for the event: its e-mail and status (and, for an event taken
/// per occurrence, its occurrence).
///
/// ```
/// let held = kix_core::HeldRegistration { email: "a@example.org".into(), status: kix_core::RegistrationStatus::Confirmed, occurrence: None };
/// assert!(held.status.holds_seat());
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeldRegistration {
    /// E-mail address.
    pub email: String,
    /// Status.
    pub status: RegistrationStatus,
    /// The occurrence it holds, for an event taken per occurrence (its `recurrence_id`). A held
    /// registration of such an event that names no occurrence of it counts for none.
    ///
    /// ```
    /// let h: kix_core::HeldRegistration = serde_json::from_str(
    ///     r#"{"email": "a@example.org", "status": "confirmed", "occurrence": "2025-03-04T10:00:00"}"#)?;
    /// assert!(h.occurrence.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<NaiveDateTime>,
}

impl fmt::Debug for HeldRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeldRegistration")
            .field("email", &"<redacted>")
            .field("status", &self.status)
            .field("occurrence", &self.occurrence)
            .finish()
    }
}

/// The verdict on one registration.
///
/// ```
/// let o = kix_core::RegistrationOutcome { status: kix_core::RegistrationStatus::Confirmed, violations: vec![], email: None, country: None, subdivision: None };
/// assert!(o.is_accepted());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationOutcome {
    /// Confirmed, pending, waitlisted or rejected.
    pub status: RegistrationStatus,
    /// Every violation found (errors make the status `rejected`).
    pub violations: Vec<Violation>,
    /// The e-mail address as kix compared it, when it is valid: trimmed, the
    /// local part in NFC, the domain in its UTS 46 Unicode form. Store this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The country the registration's text resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The ISO 3166-2 subdivision the country text named, if any ("Sindh" gives `PK-SD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
}

impl RegistrationOutcome {
    /// Whether the registration was accepted (confirmed, pending or waitlisted).
    ///
    /// ```
    /// let o = kix_core::RegistrationOutcome { status: kix_core::RegistrationStatus::Rejected, violations: vec![], email: None, country: None, subdivision: None };
    /// assert!(!o.is_accepted());
    /// ```
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.status != RegistrationStatus::Rejected
    }
}
