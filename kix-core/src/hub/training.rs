//! Yearly training cycles of national experts, their nominations and quotas.
//!
//! Each cycle takes up to a quota of nominees per country (3 by the hub's
//! policy). A nomination moves `nominated → endorsed` (by the National KIX
//! Steering Committee, also called the National Managing Committee) `→
//! confirmed` (by the hub) `→ completed`, or ends `withdrawn` or `rejected`.
//! Pending nominations (nominated or endorsed) hold a seat, as Indico counts
//! pending registrations; a withdrawal or rejection frees it for a substitute.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::context::nomination::NominationStatus;
use crate::context::{Check, HubView};
use crate::country::CountryCode;
use crate::shared::email::normalize_email;
use crate::shared::error::Error;
use crate::shared::text::truncate;
use crate::shared::violation::{Code, Violation};
use crate::time::timeline::Timeline;

/// The hub's rules for training cycles.
///
/// ```
/// assert_eq!(kix_core::emap().training.policy.nominees_per_country, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrainingPolicy {
    /// Seats per country per cycle (pending and confirmed nominations count).
    pub nominees_per_country: u32,
}

/// The policy and the cycles.
///
/// ```
/// let training = &kix_core::emap().training;
/// assert_eq!(training.cycles[0].start.to_string(), "2020-09-07");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// The rules.
    pub policy: TrainingPolicy,
    /// The cycles, in order.
    #[serde(default)]
    pub cycles: Vec<TrainingCycle>,
}

/// A person nominated to a cycle, and the dates of each step.
///
/// Its `Debug` output hides the name and e-mail.
///
/// ```
/// use chrono::NaiveDate;
/// let n = kix_core::Nomination::new("Aigerim Bekova", "aigerim@example.kg", "KG".parse()?, NaiveDate::from_ymd_opt(2020, 7, 1).unwrap());
/// assert_eq!(n.status, kix_core::NominationStatus::Nominated);
/// assert!(!format!("{n:?}").contains("Aigerim"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Nomination {
    /// Full name of the nominee.
    pub full_name: String,
    /// E-mail of the nominee; compared after trimming, Unicode normalization and case folding.
    pub email: String,
    /// The nominee's country.
    pub country: CountryCode,
    /// Current status.
    pub status: NominationStatus,
    /// When the country nominated the person.
    pub nominated_on: NaiveDate,
    /// When the National KIX Steering Committee endorsed the nomination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsed_on: Option<NaiveDate>,
    /// When the hub confirmed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_on: Option<NaiveDate>,
    /// When the nominee completed the cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<NaiveDate>,
    /// When the nomination was withdrawn or rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
}

impl Nomination {
    /// A fresh nomination in status `nominated`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let n = kix_core::Nomination::new("A", "a@example.org", "NP".parse()?, NaiveDate::from_ymd_opt(2020, 7, 1).unwrap());
    /// assert!(n.endorsed_on.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(full_name: &str, email: &str, country: CountryCode, nominated_on: NaiveDate) -> Self {
        Nomination {
            full_name: full_name.to_owned(),
            email: email.to_owned(),
            country,
            status: NominationStatus::Nominated,
            nominated_on,
            endorsed_on: None,
            confirmed_on: None,
            completed_on: None,
            closed_on: None,
            rejection_reason: None,
        }
    }
}

impl fmt::Debug for Nomination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Nomination")
            .field("full_name", &"<redacted>")
            .field("email", &"<redacted>")
            .field("country", &self.country)
            .field("status", &self.status)
            .field("nominated_on", &self.nominated_on)
            .field("endorsed_on", &self.endorsed_on)
            .field("confirmed_on", &self.confirmed_on)
            .field("completed_on", &self.completed_on)
            .field("closed_on", &self.closed_on)
            .finish_non_exhaustive()
    }
}

/// One yearly training cycle.
///
/// ```
/// let cycle = &kix_core::emap().training.cycles[0];
/// assert_eq!(cycle.endorsement_date.unwrap().to_string(), "2020-07-20");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrainingCycle {
    /// Short id, e.g. `cycle-1`.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// When the National KIX Steering Committees approve candidates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement_date: Option<NaiveDate>,
    /// First day of the cycle.
    pub start: NaiveDate,
    /// Last day, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// The countries taking part; absent means every member of the hub.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<CountryCode>>,
    /// Seats per country in this cycle, overriding the hub's policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<u32>,
    /// Nominations, in the order they were made.
    #[serde(default)]
    pub nominations: Vec<Nomination>,
    /// Sources and uncertainties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Seats of one country in one cycle (or summed over cycles).
///
/// ```
/// let hub = kix_core::emap();
/// let ledger = hub.training.cycles[0].ledger(hub);
/// let np = ledger.rows.iter().find(|r| r.country.as_str() == "NP").unwrap();
/// assert_eq!((np.quota, np.confirmed, np.pending, np.free), (3, 0, 0, 3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LedgerRow {
    /// The country.
    pub country: CountryCode,
    /// Seats available.
    pub quota: u32,
    /// Confirmed or completed nominations.
    pub confirmed: u32,
    /// Nominated or endorsed nominations, still waiting for confirmation.
    pub pending: u32,
    /// Seats still free (never negative).
    pub free: u32,
}

/// Seats per country in one cycle.
///
/// ```
/// let hub = kix_core::emap();
/// let ledger = hub.training.cycles[0].ledger(hub);
/// assert_eq!(ledger.rows.len(), 21);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuotaLedger {
    /// The cycle's id.
    pub cycle: String,
    /// One row per participating country (and any other country with nominations), by code.
    pub rows: Vec<LedgerRow>,
}

/// Seats per cycle and summed over the whole timeline.
///
/// ```
/// let hub = kix_core::emap();
/// let all = hub.training.timeline_ledger(hub);
/// assert_eq!(all.cycles.len(), hub.training.cycles.len());
/// let np = all.totals.iter().find(|r| r.country.as_str() == "NP").unwrap();
/// assert_eq!(np.quota, 3 * hub.training.cycles.len() as u32);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimelineLedger {
    /// Each cycle's ledger.
    pub cycles: Vec<QuotaLedger>,
    /// Per country, summed over all cycles.
    pub totals: Vec<LedgerRow>,
}

/// What the training rules read about the hub: taken from a [`HubView`], or
/// from the hub's fields while the hub changes a cycle (`Hub::nominate`).
pub(crate) struct Rules<'a> {
    members: BTreeSet<CountryCode>,
    timeline: &'a Timeline,
    default_quota: u32,
}

impl<'a> Rules<'a> {
    pub(crate) fn new(members: BTreeSet<CountryCode>, timeline: &'a Timeline, default_quota: u32) -> Self {
        Rules { members, timeline, default_quota }
    }

    fn of(hub: &'a impl HubView) -> Self {
        Rules::new(hub.member_codes(), hub.timeline(), hub.nominees_per_country())
    }
}

impl TrainingCycle {
    /// Seats per country under the hub's policy or this cycle's own quota.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.training.cycles[0].quota_in(hub), 3);
    /// ```
    #[must_use]
    pub fn quota_in(&self, hub: &impl HubView) -> u32 {
        self.quota.unwrap_or(hub.nominees_per_country())
    }

    /// The latest nomination of a person in this cycle, found by e-mail (compared
    /// after trimming, normalization and case folding), whatever its status.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let mut hub = kix_core::emap().clone();
    /// let on = NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
    /// hub.nominate("cycle-1", kix_core::Nomination::new("A", "a@example.np", "NP".parse()?, on))?;
    /// let cycle = hub.training_cycle("cycle-1").unwrap();
    /// assert_eq!(cycle.nomination_of(" A@Example.np").unwrap().status, kix_core::NominationStatus::Nominated);
    /// assert!(cycle.nomination_of("b@example.np").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn nomination_of(&self, email: &str) -> Option<&Nomination> {
        let key = normalize_email(email);
        self.nominations.iter().rev().find(|n| normalize_email(&n.email) == key)
    }

    fn participates(&self, rules: &Rules<'_>, country: CountryCode) -> bool {
        rules.members.contains(&country) && self.countries.as_ref().is_none_or(|list| list.contains(&country))
    }

    fn participants(&self, rules: &Rules<'_>) -> BTreeSet<CountryCode> {
        match &self.countries {
            Some(list) => list.iter().copied().filter(|c| rules.members.contains(c)).collect(),
            None => rules.members.clone(),
        }
    }

    /// The seats of each country: confirmed, pending and free.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let mut hub = kix_core::emap().clone();
    /// let on = NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
    /// hub.nominate("cycle-1", kix_core::Nomination::new("A", "a@example.np", "NP".parse()?, on))?;
    /// let ledger = hub.training_cycle("cycle-1").unwrap().ledger(&hub);
    /// let np = ledger.rows.iter().find(|r| r.country.as_str() == "NP").unwrap();
    /// assert_eq!((np.pending, np.free), (1, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ledger(&self, hub: &impl HubView) -> QuotaLedger {
        let rules = Rules::of(hub);
        let quota = self.quota.unwrap_or(rules.default_quota);
        let mut rows: BTreeMap<CountryCode, LedgerRow> = self
            .participants(&rules)
            .into_iter()
            .map(|c| (c, LedgerRow { country: c, quota, confirmed: 0, pending: 0, free: quota }))
            .collect();
        for n in self.nominations.iter().filter(|n| n.status.holds_seat()) {
            let row = rows.entry(n.country).or_insert(LedgerRow {
                country: n.country,
                quota: 0,
                confirmed: 0,
                pending: 0,
                free: 0,
            });
            if n.status.is_pending() {
                row.pending += 1;
            } else {
                row.confirmed += 1;
            }
            row.free = row.quota.saturating_sub(row.confirmed + row.pending);
        }
        QuotaLedger { cycle: self.id.clone(), rows: rows.into_values().collect() }
    }

    /// Every violation in this cycle (the cycle at `index` of the hub's list).
    fn check(&self, rules: &Rules<'_>, index: usize, out: &mut Vec<Violation>) {
        let path = format!("training.cycles[{index}]");
        let last_day = self.end.unwrap_or(self.start);
        if let Some(end) = self.end
            && end < self.start
        {
            out.push(
                Violation::new(Code::TrainingInvalidDate, format!("{path}.end"), "the cycle ends before it starts")
                    .with_param("start", self.start)
                    .with_param("end", end),
            );
        }
        if let Some(endorsement) = self.endorsement_date
            && endorsement > self.start
        {
            out.push(
                Violation::new(
                    Code::TrainingInvalidDate,
                    format!("{path}.endorsement_date"),
                    "the endorsement date falls after the cycle starts",
                )
                .with_param("endorsement_date", endorsement)
                .with_param("start", self.start),
            );
        }
        if !rules.timeline.covers(self.start, last_day.max(self.start)) {
            out.push(
                Violation::new(
                    Code::TrainingOutsideProject,
                    format!("{path}.start"),
                    format!("cycle {:?} ({} to {last_day}) lies outside every project phase", self.id, self.start),
                )
                .with_param("cycle", &self.id)
                .with_param("start", self.start)
                .with_param("end", last_day),
            );
        }
        for (k, &c) in self.countries.iter().flatten().enumerate() {
            if !rules.members.contains(&c) {
                out.push(
                    Violation::new(
                        Code::HubUnknownCountry,
                        format!("{path}.countries[{k}]"),
                        format!("cycle {:?} lists {c} ({}), which is not a member of the hub", self.id, c.name()),
                    )
                    .with_param("country", c),
                );
            }
        }
        let quota = self.quota.unwrap_or(rules.default_quota);
        let mut seats: HashMap<CountryCode, u32> = HashMap::new();
        let mut emails: HashMap<String, usize> = HashMap::new();
        for (i, n) in self.nominations.iter().enumerate() {
            let at = format!("{path}.nominations[{i}]");
            self.check_nomination(rules, n, &at, out);
            if !n.status.holds_seat() {
                continue;
            }
            let key = normalize_email(&n.email);
            if !key.is_empty() {
                if let Some(&first) = emails.get(&key) {
                    out.push(duplicate(&at, first));
                } else {
                    emails.insert(key, i);
                }
            }
            let held = seats.entry(n.country).or_insert(0);
            if *held >= quota {
                out.push(quota_exceeded(&at, n.country, quota, *held));
            }
            *held += 1;
        }
    }

    /// The rules one nomination must meet on its own.
    fn check_nomination(&self, rules: &Rules<'_>, n: &Nomination, at: &str, out: &mut Vec<Violation>) {
        for (field, value) in [("full_name", &n.full_name), ("email", &n.email)] {
            if value.trim().is_empty() {
                out.push(
                    Violation::new(Code::TrainingMissingField, format!("{at}.{field}"), format!("{field} is empty"))
                        .with_param("field", field),
                );
            }
        }
        if !self.participates(rules, n.country) {
            out.push(
                Violation::new(
                    Code::TrainingCountryNotParticipating,
                    format!("{at}.country"),
                    format!("{} ({}) does not take part in cycle {:?}", n.country.name(), n.country, self.id),
                )
                .with_param("country", n.country)
                .with_param("cycle", &self.id),
            );
        }
        if let Some(endorsed) = n.endorsed_on
            && endorsed > self.start
        {
            out.push(endorsed_after_start(&format!("{at}.endorsed_on"), endorsed, self.start));
        }
        let steps = [
            ("nominated_on", Some(n.nominated_on)),
            ("endorsed_on", n.endorsed_on),
            ("confirmed_on", n.confirmed_on),
            ("completed_on", n.completed_on),
        ];
        let mut previous: Option<(&str, NaiveDate)> = None;
        for (field, date) in steps {
            let Some(date) = date else { continue };
            if let Some((before, prev)) = previous
                && date < prev
            {
                out.push(
                    Violation::new(
                        Code::TrainingInvalidDate,
                        format!("{at}.{field}"),
                        format!("{field} ({date}) is before {before} ({prev})"),
                    )
                    .with_param(field, date)
                    .with_param(before, prev),
                );
            }
            previous = Some((field, date));
        }
        let required: &[(&str, bool)] = match n.status {
            NominationStatus::Nominated | NominationStatus::Withdrawn => &[],
            NominationStatus::Endorsed => &[("endorsed_on", n.endorsed_on.is_some())],
            NominationStatus::Confirmed => {
                &[("endorsed_on", n.endorsed_on.is_some()), ("confirmed_on", n.confirmed_on.is_some())]
            }
            NominationStatus::Completed => &[
                ("endorsed_on", n.endorsed_on.is_some()),
                ("confirmed_on", n.confirmed_on.is_some()),
                ("completed_on", n.completed_on.is_some()),
            ],
            NominationStatus::Rejected => &[("rejection_reason", n.rejection_reason.is_some())],
        };
        for (field, present) in required {
            if !present {
                out.push(
                    Violation::new(
                        Code::TrainingMissingField,
                        format!("{at}.{field}"),
                        format!("a {} nomination needs {field}", n.status),
                    )
                    .with_param("field", *field)
                    .with_param("status", n.status),
                );
            }
        }
    }
}

fn cycle_not_found(id: &str) -> Error {
    Error::NotFound { what: "training cycle", id: id.to_owned() }
}

fn duplicate(at: &str, first: usize) -> Violation {
    Violation::new(
        Code::TrainingDuplicateNominee,
        format!("{at}.email"),
        format!("this person is already nominated in this cycle (nominations[{first}])"),
    )
    .with_param("first_index", first)
}

fn quota_exceeded(at: &str, country: CountryCode, quota: u32, held: u32) -> Violation {
    Violation::new(
        Code::TrainingQuotaExceeded,
        format!("{at}.country"),
        format!("{} already holds {held} of its {quota} seats in this cycle", country.name()),
    )
    .with_param("country", country)
    .with_param("quota", quota)
    .with_param("held", held)
}

fn endorsed_after_start(at: &str, endorsed: NaiveDate, start: NaiveDate) -> Violation {
    Violation::new(
        Code::TrainingEndorsedAfterStart,
        at,
        format!("endorsed on {endorsed}, after the cycle started on {start}"),
    )
    .with_param("endorsed_on", endorsed)
    .with_param("start", start)
}

/// Every violation in every cycle: dates out of order or outside the
/// project, non-members, nominations that break a rule, quotas exceeded.
///
/// ```
/// use kix_core::Check;
/// let hub = kix_core::emap();
/// assert!(hub.training.check(hub).is_empty());
/// ```
impl Check for Training {
    fn check(&self, hub: &impl HubView) -> Vec<Violation> {
        // The hub's policy is this document's own: a view of another hub does not override it.
        let rules = Rules::new(hub.member_codes(), hub.timeline(), self.policy.nominees_per_country);
        let mut out = Vec::new();
        for (i, cycle) in self.cycles.iter().enumerate() {
            cycle.check(&rules, i, &mut out);
        }
        out
    }
}

impl Training {
    /// The ledger of every cycle and the totals over the timeline.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.training.timeline_ledger(hub).totals.len(), 21);
    /// ```
    #[must_use]
    pub fn timeline_ledger(&self, hub: &impl HubView) -> TimelineLedger {
        let cycles: Vec<QuotaLedger> = self.cycles.iter().map(|c| c.ledger(hub)).collect();
        let mut totals: BTreeMap<CountryCode, LedgerRow> = BTreeMap::new();
        for row in cycles.iter().flat_map(|l| &l.rows) {
            let t = totals.entry(row.country).or_insert(LedgerRow {
                country: row.country,
                quota: 0,
                confirmed: 0,
                pending: 0,
                free: 0,
            });
            t.quota += row.quota;
            t.confirmed += row.confirmed;
            t.pending += row.pending;
            t.free += row.free;
        }
        TimelineLedger { cycles, totals: totals.into_values().collect() }
    }
}

/// A step of the nomination workflow, for [`Hub::advance`](crate::Hub::advance).
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::NominationStep;
/// let step = NominationStep::Endorse { on: NaiveDate::from_ymd_opt(2020, 7, 20).unwrap() };
/// assert_eq!(step.target(), kix_core::NominationStatus::Endorsed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
pub enum NominationStep {
    /// Endorsement by the National KIX Steering Committee.
    Endorse {
        /// Date of the endorsement.
        on: NaiveDate,
    },
    /// Confirmation by the hub.
    Confirm {
        /// Date of the confirmation.
        on: NaiveDate,
    },
    /// The nominee completed the cycle.
    Complete {
        /// Date of completion.
        on: NaiveDate,
    },
    /// The country or the nominee withdrew; the seat is freed.
    Withdraw {
        /// Date of withdrawal.
        on: NaiveDate,
    },
    /// The hub rejected the nomination; the seat is freed.
    Reject {
        /// Date of rejection.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}

impl NominationStep {
    /// The status the step leads to.
    ///
    /// ```
    /// use kix_core::{NominationStep, NominationStatus};
    /// let on = chrono::NaiveDate::from_ymd_opt(2020, 9, 1).unwrap();
    /// assert_eq!(NominationStep::Withdraw { on }.target(), NominationStatus::Withdrawn);
    /// ```
    #[must_use]
    pub fn target(&self) -> NominationStatus {
        match self {
            NominationStep::Endorse { .. } => NominationStatus::Endorsed,
            NominationStep::Confirm { .. } => NominationStatus::Confirmed,
            NominationStep::Complete { .. } => NominationStatus::Completed,
            NominationStep::Withdraw { .. } => NominationStatus::Withdrawn,
            NominationStep::Reject { .. } => NominationStatus::Rejected,
        }
    }

    fn on(&self) -> NaiveDate {
        match self {
            NominationStep::Endorse { on }
            | NominationStep::Confirm { on }
            | NominationStep::Complete { on }
            | NominationStep::Withdraw { on }
            | NominationStep::Reject { on, .. } => *on,
        }
    }

    /// The statuses from which this step may be taken.
    fn allowed_from(&self) -> &'static [NominationStatus] {
        use NominationStatus as S;
        match self {
            NominationStep::Endorse { .. } => &[S::Nominated],
            NominationStep::Confirm { .. } => &[S::Endorsed],
            NominationStep::Complete { .. } => &[S::Confirmed],
            NominationStep::Withdraw { .. } => &[S::Nominated, S::Endorsed, S::Confirmed],
            NominationStep::Reject { .. } => &[S::Nominated, S::Endorsed],
        }
    }
}

impl Training {
    /// A cycle by id.
    pub(crate) fn cycle(&self, id: &str) -> Option<&TrainingCycle> {
        self.cycles.iter().find(|c| c.id == id)
    }

    fn cycle_index(&self, id: &str) -> Result<usize, Error> {
        self.cycles.iter().position(|c| c.id == id).ok_or_else(|| cycle_not_found(id))
    }

    /// Adds a nomination to a cycle after checking every rule (see `Hub::nominate`).
    pub(crate) fn nominate(&mut self, rules: &Rules<'_>, cycle: &str, nomination: Nomination) -> Result<usize, Error> {
        let ci = self.cycle_index(cycle)?;
        let c = self.cycles.get(ci).ok_or_else(|| not_found("training cycle", cycle))?;
        let index = c.nominations.len();
        let at = format!("training.cycles[{ci}].nominations[{index}]");
        let mut out = Vec::new();
        // The new nomination starts as `nominated`, whatever it says.
        let fresh = Nomination { status: NominationStatus::Nominated, ..nomination };
        c.check_nomination(rules, &fresh, &at, &mut out);
        if fresh.nominated_on > c.start {
            out.push(
                Violation::new(
                    Code::TrainingInvalidDate,
                    format!("{at}.nominated_on"),
                    format!("nominated on {}, after the cycle started on {}", fresh.nominated_on, c.start),
                )
                .with_param("nominated_on", fresh.nominated_on)
                .with_param("start", c.start),
            );
        }
        let last_day = c.end.unwrap_or(c.start);
        if !rules.timeline.covers(c.start, last_day.max(c.start)) {
            out.push(
                Violation::new(
                    Code::TrainingOutsideProject,
                    format!("training.cycles[{ci}].start"),
                    format!("cycle {:?} lies outside every project phase", c.id),
                )
                .with_param("cycle", &c.id),
            );
        }
        let key = normalize_email(&fresh.email);
        let active = || c.nominations.iter().enumerate().filter(|(_, n)| n.status.holds_seat());
        if let Some((first, _)) = active().find(|(_, n)| !key.is_empty() && normalize_email(&n.email) == key) {
            out.push(duplicate(&at, first));
        }
        let quota = c.quota.unwrap_or(rules.default_quota);
        let held = u32::try_from(active().filter(|(_, n)| n.country == fresh.country).count()).unwrap_or(u32::MAX);
        if held >= quota {
            out.push(quota_exceeded(&at, fresh.country, quota, held));
        }
        if !out.is_empty() {
            return Err(Error::Rejected(out));
        }
        let fresh = Nomination {
            endorsed_on: None,
            confirmed_on: None,
            completed_on: None,
            closed_on: None,
            rejection_reason: None,
            ..fresh
        };
        self.cycles.get_mut(ci).ok_or_else(|| not_found("training cycle", cycle))?.nominations.push(fresh);
        Ok(index)
    }

    /// Moves a nomination one step along the workflow (see `Hub::advance`).
    pub(crate) fn advance(&mut self, cycle: &str, index: usize, step: NominationStep) -> Result<(), Error> {
        let ci = self.cycle_index(cycle)?;
        let c = self.cycles.get_mut(ci).ok_or_else(|| not_found("training cycle", cycle))?;
        let start = c.start;
        let n = c.nominations.get_mut(index).ok_or_else(|| not_found("nomination", &index.to_string()))?;
        let at = format!("training.cycles[{ci}].nominations[{index}]");
        let on = step.on();
        let mut out = Vec::new();
        if !step.allowed_from().contains(&n.status) {
            out.push(
                Violation::new(
                    Code::TrainingInvalidTransition,
                    format!("{at}.status"),
                    format!("a {} nomination cannot become {}", n.status, step.target()),
                )
                .with_param("from", n.status)
                .with_param("to", step.target()),
            );
        }
        let latest = [Some(n.nominated_on), n.endorsed_on, n.confirmed_on, n.completed_on].into_iter().flatten().max();
        if let Some(latest) = latest.filter(|&l| on < l) {
            out.push(
                Violation::new(
                    Code::TrainingInvalidDate,
                    format!("{at}.status"),
                    format!("the step is dated {on}, before the nomination's last step on {latest}"),
                )
                .with_param("on", on)
                .with_param("last_step", latest),
            );
        }
        if matches!(step, NominationStep::Endorse { .. }) && on > start {
            out.push(endorsed_after_start(&format!("{at}.endorsed_on"), on, start));
        }
        if let NominationStep::Reject { reason, .. } = &step
            && reason.trim().is_empty()
        {
            out.push(
                Violation::new(
                    Code::TrainingMissingField,
                    format!("{at}.rejection_reason"),
                    "a rejection needs a reason",
                )
                .with_param("field", "rejection_reason"),
            );
        }
        if !out.is_empty() {
            return Err(Error::Rejected(out));
        }
        n.status = step.target();
        match step {
            NominationStep::Endorse { on } => n.endorsed_on = Some(on),
            NominationStep::Confirm { on } => n.confirmed_on = Some(on),
            NominationStep::Complete { on } => n.completed_on = Some(on),
            NominationStep::Withdraw { on } => n.closed_on = Some(on),
            NominationStep::Reject { on, reason } => {
                n.closed_on = Some(on);
                n.rejection_reason = Some(truncate(&reason, 2000));
            }
        }
        Ok(())
    }
}

fn not_found(what: &'static str, id: &str) -> Error {
    Error::NotFound { what, id: id.to_owned() }
}

#[cfg(test)]
mod tests;
