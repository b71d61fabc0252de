//! Who may register and how: audiences, eligibility, approval and the registration policy.

use super::*;

/// Who an event is for; registrations name one of these.
///
/// ```
/// use kix_core::Audience;
/// assert_eq!("policy_maker".parse::<Audience>(), Ok(Audience::PolicyMaker));
/// assert!("astronaut".parse::<Audience>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Policy makers.
    PolicyMaker,
    /// Education stakeholders.
    EducationStakeholder,
    /// Government officials.
    GovernmentOfficial,
    /// Teachers.
    Teacher,
    /// Academic researchers.
    AcademicResearcher,
    /// Anyone else.
    Other,
}

impl Audience {
    /// Every audience, in order.
    ///
    /// ```
    /// assert_eq!(kix_core::Audience::ALL.len(), 6);
    /// ```
    pub const ALL: [Audience; 6] = [
        Audience::PolicyMaker,
        Audience::EducationStakeholder,
        Audience::GovernmentOfficial,
        Audience::Teacher,
        Audience::AcademicResearcher,
        Audience::Other,
    ];

    /// The JSON name, e.g. `policy_maker`.
    ///
    /// ```
    /// assert_eq!(kix_core::Audience::Teacher.as_str(), "teacher");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::PolicyMaker => "policy_maker",
            Audience::EducationStakeholder => "education_stakeholder",
            Audience::GovernmentOfficial => "government_official",
            Audience::Teacher => "teacher",
            Audience::AcademicResearcher => "academic_researcher",
            Audience::Other => "other",
        }
    }
}

impl std::str::FromStr for Audience {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s).ok_or(())
    }
}

/// Who may register.
///
/// ```
/// assert_eq!(kix_core::emap().event("kix-emap-webinar-20").unwrap().eligibility, kix_core::Eligibility::Anyone);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// Anyone, from any country.
    #[default]
    Anyone,
    /// Only people from the event's countries (by default the hub's members).
    ParticipatingCountries,
    /// Only the invited e-mail addresses.
    InvitationOnly,
}

/// How registrations are approved.
///
/// ```
/// assert_eq!(kix_core::Approval::default(), kix_core::Approval::Automatic);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    /// Accepted registrations are confirmed at once.
    #[default]
    Automatic,
    /// Accepted registrations wait (`pending`) for an organiser; they hold a seat meanwhile.
    Manual,
}

/// The rules for registering to an event.
///
/// ```
/// let policy = &kix_core::emap().event("kix-emap-webinar-20").unwrap().registration;
/// assert!(policy.required);
/// assert!(policy.closes_at.is_none(), "closes at the event's start");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationPolicy {
    /// Whether participants must register.
    pub required: bool,
    /// When registration opens (an instant with offset); absent: open now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<DateTime<FixedOffset>>,
    /// When registration closes; absent: at the event's start ("register in advance").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<DateTime<FixedOffset>>,
    /// Seats; absent: unlimited. Confirmed and pending registrations hold seats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// Automatic or manual approval.
    #[serde(default)]
    pub approval: Approval,
    /// Whether a full event puts registrants on a waiting list (else refuses them).
    #[serde(default)]
    pub waiting_list: bool,
    /// Whether registrants must consent (to the processing of their data).
    #[serde(default)]
    pub consent_required: bool,
    /// The invited e-mail addresses, for invitation-only events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invitees: Vec<String>,
    /// How long a seat freed for the next person on the waiting list is held for them, in hours
    /// (never past registration close).
    #[serde(default = "default_offer_hours", skip_serializing_if = "is_default_offer_hours")]
    pub offer_hours: u32,
    /// Until how many hours before the start registrants may cancel themselves; absent: until the start.
    /// Organisers may cancel at any time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_hours_before: Option<u32>,
    /// When to remind registrants, in minutes before the start (default: 7 days, 1 day, 1 hour).
    #[serde(default = "default_reminder_minutes", skip_serializing_if = "is_default_reminder_minutes")]
    pub reminder_minutes: Vec<u32>,
    /// Whether people register for each occurrence of a series on its own (else for the whole
    /// series): a registration then names its occurrence (`Registration::occurrence`), and the
    /// capacity, the waiting list, duplicates, the registration window and the reminders are per
    /// occurrence. See [`crate::registration`].
    ///
    /// ```
    /// let policy: kix_core::RegistrationPolicy = serde_json::from_str(r#"{"required": true, "per_occurrence": true}"#)?;
    /// assert!(policy.per_occurrence);
    /// assert!(!kix_core::RegistrationPolicy::default().per_occurrence, "per series unless the event says so");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_occurrence: bool,
    /// How far a series with no planned end (no `count`, no `until`) is taken as given, in days
    /// from its start (default 365): the occurrences that registration per occurrence, reminders,
    /// checks and calendar overrides work over. `Event::occurrences_between` gives any window.
    ///
    /// ```
    /// assert_eq!(kix_core::RegistrationPolicy::default().horizon_days, 365);
    /// ```
    #[serde(default = "default_horizon_days", skip_serializing_if = "is_default_horizon_days")]
    pub horizon_days: u32,
}

pub(super) fn default_horizon_days() -> u32 {
    365
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
pub(super) fn is_default_horizon_days(days: &u32) -> bool {
    *days == default_horizon_days()
}

pub(super) fn default_offer_hours() -> u32 {
    48
}

impl RegistrationPolicy {
    /// How long an offer of a freed seat runs: `offer_hours`, and never less than one hour.
    ///
    /// A zero-hour offer would expire the moment it is made and pass the seat down the whole
    /// waiting list at once; `Event::check` reports it (`event.invalid_offer_hours`), and the
    /// registration book still gives the person in line one hour rather than none.
    ///
    /// ```
    /// let mut policy = kix_core::RegistrationPolicy::default();
    /// assert_eq!(policy.offer_duration(), chrono::Duration::hours(48));
    /// policy.offer_hours = 0;
    /// assert_eq!(policy.offer_duration(), chrono::Duration::hours(1));
    /// ```
    #[must_use]
    pub fn offer_duration(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.offer_hours.max(1)))
    }
}

pub(super) fn is_default_offer_hours(hours: &u32) -> bool {
    *hours == default_offer_hours()
}

pub(super) fn default_reminder_minutes() -> Vec<u32> {
    vec![7 * 24 * 60, 24 * 60, 60]
}

pub(super) fn is_default_reminder_minutes(minutes: &[u32]) -> bool {
    minutes == default_reminder_minutes().as_slice()
}

impl Default for RegistrationPolicy {
    fn default() -> Self {
        RegistrationPolicy {
            required: true,
            opens_at: None,
            closes_at: None,
            capacity: None,
            approval: Approval::Automatic,
            waiting_list: false,
            consent_required: false,
            invitees: Vec::new(),
            offer_hours: default_offer_hours(),
            cancel_hours_before: None,
            reminder_minutes: default_reminder_minutes(),
            per_occurrence: false,
            horizon_days: default_horizon_days(),
        }
    }
}
