//! Small grants: for getting to know innovations and for pilot projects.
//!
//! Amounts are decimals with an ISO 4217 currency, written as strings in JSON
//! (`"12500.00"`), never as floating-point numbers; totals are summed in
//! decimal arithmetic per currency, with no silent conversion.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::context::{Check, HubView};
use crate::country::CountryCode;
use crate::events::event::Party;
use crate::shared::error::Error;
use crate::shared::reference::currencies;
use crate::shared::violation::{Code, Violation};

/// An ISO 4217 currency code such as `CHF` or `USD`, validated against the list.
///
/// ```
/// use kix_core::CurrencyCode;
/// let chf: CurrencyCode = "CHF".parse()?;
/// assert_eq!(chf.name(), "Swiss Franc");
/// assert!("XYZ".parse::<CurrencyCode>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CurrencyCode([u8; 3]);

impl CurrencyCode {
    /// The code, e.g. `USD`.
    ///
    /// ```
    /// assert_eq!("USD".parse::<kix_core::CurrencyCode>()?.as_str(), "USD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The currency's English name.
    ///
    /// ```
    /// assert_eq!("NPR".parse::<kix_core::CurrencyCode>()?.name(), "Nepalese Rupee");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &'static str {
        currencies().get(self.as_str()).map_or("", String::as_str)
    }
}

impl std::str::FromStr for CurrencyCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.as_bytes() {
            &[a, b, c] if currencies().contains_key(s) => Ok(CurrencyCode([a, b, c])),
            _ => Err(Error::InvalidValue {
                what: "currency",
                value: crate::shared::text::truncate(s, 40),
                expected: "an ISO 4217 code such as CHF or USD",
            }),
        }
    }
}

impl fmt::Debug for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CurrencyCode({})", self.as_str())
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CurrencyCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CurrencyCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schemas")]
impl schemars::JsonSchema for CurrencyCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CurrencyCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut codes: Vec<&str> = currencies().keys().map(String::as_str).collect();
        codes.sort_unstable();
        schemars::json_schema!({
            "description": "An ISO 4217 currency code.",
            "type": "string",
            "enum": codes,
        })
    }
}

/// Serde for decimal amounts: a string such as `"12500.00"`; JSON numbers are
/// refused, because they are floating point on the way in.
mod decimal_string {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let valid = !text.is_empty()
            && text.len() <= 40
            && text.strip_prefix('-').unwrap_or(&text).split_once('.').map_or_else(
                || text.strip_prefix('-').unwrap_or(&text).bytes().all(|b| b.is_ascii_digit()),
                |(i, f)| !i.is_empty() && !f.is_empty() && (i.bytes().chain(f.bytes())).all(|b| b.is_ascii_digit()),
            );
        let parsed = if valid { text.parse::<Decimal>().ok() } else { None };
        parsed.ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{:?} is not a decimal amount such as \"12500.00\"",
                crate::shared::text::truncate(&text, 40)
            ))
        })
    }
}

/// An amount of money: a decimal and its currency.
///
/// ```
/// let m: kix_core::Money = serde_json::from_str(r#"{"amount": "12500.50", "currency": "USD"}"#)?;
/// assert_eq!(m.to_string(), "12500.50 USD");
/// assert!(serde_json::from_str::<kix_core::Money>(r#"{"amount": 12500.5, "currency": "USD"}"#).is_err(), "never a float");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount, as a decimal string such as `"12500.00"`.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schemas", schemars(with = "String", regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$")))]
    pub amount: Decimal,
    /// The ISO 4217 currency.
    pub currency: CurrencyCode,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// What a grant is for.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::GrantPurpose::PilotProject)?, r#""pilot_project""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GrantPurpose {
    /// Getting to know an innovation (visits, exchanges).
    KnowingInnovation,
    /// Piloting an innovation.
    PilotProject,
    /// Anything else.
    Other,
}

/// Where a grant stands. Awarded and completed grants count in totals.
///
/// ```
/// assert!(kix_core::GrantStatus::Awarded.counts());
/// assert!(!kix_core::GrantStatus::Proposed.counts());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GrantStatus {
    /// Proposed, not yet decided.
    Proposed,
    /// Awarded.
    Awarded,
    /// Completed.
    Completed,
    /// Cancelled.
    Cancelled,
}

impl GrantStatus {
    /// Whether the grant's money counts in totals (awarded or completed).
    ///
    /// ```
    /// assert!(kix_core::GrantStatus::Completed.counts());
    /// ```
    #[must_use]
    pub fn counts(self) -> bool {
        matches!(self, GrantStatus::Awarded | GrantStatus::Completed)
    }
}

/// A small grant.
///
/// ```
/// let g: kix_core::Grant = serde_json::from_str(r#"{
///   "id": "g-1", "recipient": {"name": "Sindh Teachers' Network"}, "country": "PK",
///   "purpose": "pilot_project", "amount": {"amount": "9800.00", "currency": "USD"},
///   "start": "2022-01-10", "end": "2022-06-30", "status": "completed"
/// }"#)?;
/// assert_eq!(g.amount.amount.to_string(), "9800.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// Stable id.
    pub id: String,
    /// The recipient organisation (a hub organisation id, or a name).
    pub recipient: Party,
    /// The recipient's country.
    pub country: CountryCode,
    /// What it is for.
    pub purpose: GrantPurpose,
    /// How much.
    pub amount: Money,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Where it stands.
    pub status: GrantStatus,
    /// Anything to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The hub's rules for small grants.
///
/// ```
/// assert!(kix_core::emap().grant_policy.ceiling.is_none(), "the sources give no ceiling");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantPolicy {
    /// The most one grant may be, when the hub sets a ceiling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<Money>,
}

/// A total of grants for one country, sub-region or phase, in one currency.
///
/// ```
/// let t = kix_core::GrantTotal { key: "NP".into(), currency: "USD".parse()?, total: "100.00".parse()?, count: 1 };
/// assert_eq!(t.total.to_string(), "100.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantTotal {
    /// The country code, sub-region id or phase id (`unassigned` / `outside` when there is none).
    pub key: String,
    /// The currency.
    pub currency: CurrencyCode,
    /// The sum, in decimal arithmetic.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schemas", schemars(with = "String", regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$")))]
    pub total: Decimal,
    /// How many grants.
    pub count: u32,
}

/// Totals of awarded and completed grants, per currency.
///
/// ```
/// let totals = kix_core::emap().grant_totals();
/// assert!(totals.by_country.is_empty(), "the embedded hub has no grants yet");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantTotals {
    /// Per country and currency.
    pub by_country: Vec<GrantTotal>,
    /// Per sub-region (of the country on the grant's start) and currency.
    pub by_sub_region: Vec<GrantTotal>,
    /// Per phase (of the grant's start) and currency.
    pub by_phase: Vec<GrantTotal>,
}

fn add(map: &mut BTreeMap<(String, CurrencyCode), (Decimal, u32)>, key: String, money: Money) {
    let entry = map.entry((key, money.currency)).or_insert((Decimal::ZERO, 0));
    // Grants are small; an overflow of 28 significant digits would need
    // absurd input. Saturate towards the overflow's side rather than panic.
    entry.0 = entry.0.saturating_add(money.amount);
    entry.1 += 1;
}

fn totals(map: BTreeMap<(String, CurrencyCode), (Decimal, u32)>) -> Vec<GrantTotal> {
    map.into_iter().map(|((key, currency), (total, count))| GrantTotal { key, currency, total, count }).collect()
}

impl GrantTotals {
    /// The totals of a hub's grants (see `Hub::grant_totals`).
    pub(crate) fn of(grants: &[Grant], hub: &impl HubView) -> GrantTotals {
        let (mut by_country, mut by_sub_region, mut by_phase) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        for g in grants.iter().filter(|g| g.status.counts()) {
            add(&mut by_country, g.country.to_string(), g.amount);
            let region = hub.sub_region_id_of(g.country, g.start).unwrap_or("unassigned").to_owned();
            add(&mut by_sub_region, region, g.amount);
            let phase = hub.timeline().phase_of(g.start).map_or_else(|_| "outside".to_owned(), |p| p.id.clone());
            add(&mut by_phase, phase, g.amount);
        }
        GrantTotals { by_country: totals(by_country), by_sub_region: totals(by_sub_region), by_phase: totals(by_phase) }
    }
}

/// The grants of a hub with the policy they are checked against: the document
/// that [`Check`] reads for grants (from [`Hub::grant_book`](crate::Hub::grant_book)).
///
/// ```
/// use kix_core::{Check, GrantBook, GrantPolicy};
/// let hub = kix_core::emap();
/// let book = GrantBook { policy: &GrantPolicy::default(), grants: &hub.grants };
/// assert!(book.check(hub).is_empty());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct GrantBook<'a> {
    /// The rules for grants.
    pub policy: &'a GrantPolicy,
    /// The grants.
    pub grants: &'a [Grant],
}

/// Every violation in the grants: duplicate ids, periods out of order or
/// outside every single phase, amounts not positive or over the ceiling, a
/// recipient country that does not participate, unknown organisations.
/// Violations come grant by grant.
///
/// ```
/// use kix_core::Check;
/// let hub = kix_core::emap();
/// assert!(hub.grant_book().check(hub).is_empty());
/// ```
impl Check for GrantBook<'_> {
    fn check(&self, hub: &impl HubView) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, g) in self.grants.iter().enumerate() {
            let at = format!("grants[{i}]");
            if let Some(&first) = ids.get(g.id.as_str()) {
                out.push(
                    Violation::new(
                        Code::HubDuplicateId,
                        format!("{at}.id"),
                        format!("grant {:?} is listed twice", g.id),
                    )
                    .with_param("id", &g.id)
                    .with_param("first_index", first),
                );
            } else {
                ids.insert(&g.id, i);
            }
            g.check_period(hub, &at, &mut out);
            g.check_amount(self.policy, &at, &mut out);
            g.check_recipient(hub, &at, &mut out);
        }
        out
    }
}

/// The rules one grant meets on its own; `at` is its path (`grants[i]`).
impl Grant {
    /// The period is in order and inside one project phase.
    fn check_period(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        if self.end < self.start {
            out.push(
                Violation::new(Code::GrantInvalidPeriod, format!("{at}.end"), "the grant ends before it starts")
                    .with_param("start", self.start)
                    .with_param("end", self.end),
            );
        } else if !hub.timeline().phases.iter().any(|p| p.contains(self.start) && p.contains(self.end)) {
            out.push(
                Violation::new(
                    Code::GrantOutsideProject,
                    format!("{at}.start"),
                    format!("{} to {} does not lie inside one project phase", self.start, self.end),
                )
                .with_param("start", self.start)
                .with_param("end", self.end),
            );
        }
    }

    /// The amount is positive and, in the ceiling's currency, not over it.
    fn check_amount(&self, policy: &GrantPolicy, at: &str, out: &mut Vec<Violation>) {
        let amount = self.amount;
        if amount.amount <= Decimal::ZERO {
            out.push(
                Violation::new(
                    Code::GrantNonPositiveAmount,
                    format!("{at}.amount"),
                    format!("{amount} is not a positive amount"),
                )
                .with_param("amount", amount.amount.to_string()),
            );
        }
        let Some(ceiling) = policy.ceiling else { return };
        if ceiling.currency != amount.currency {
            out.push(
                Violation::new(
                    Code::GrantCeilingCurrencyMismatch,
                    format!("{at}.amount"),
                    format!(
                        "the ceiling is in {}, the grant in {}: kix converts nothing",
                        ceiling.currency, amount.currency
                    ),
                )
                .with_param("ceiling", ceiling.to_string())
                .with_param("amount", amount.to_string()),
            );
        } else if amount.amount > ceiling.amount {
            out.push(
                Violation::new(
                    Code::GrantOverCeiling,
                    format!("{at}.amount"),
                    format!("{amount} is over the ceiling of {ceiling}"),
                )
                .with_param("ceiling", ceiling.amount.to_string())
                .with_param("amount", amount.amount.to_string()),
            );
        }
    }

    /// The recipient's country participates and its organisation, if named, is the hub's.
    fn check_recipient(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        if !hub.is_member(self.country) {
            out.push(
                Violation::new(
                    Code::GrantCountryNotParticipating,
                    format!("{at}.country"),
                    format!("{} ({}) does not participate in the hub", self.country.name(), self.country),
                )
                .with_param("country", self.country),
            );
        }
        if let Some(id) = &self.recipient.organisation
            && !hub.has_organisation(id)
        {
            out.push(
                Violation::new(
                    Code::GrantUnknownOrganisation,
                    format!("{at}.recipient.organisation"),
                    format!("no hub organisation with id {id:?}"),
                )
                .with_param("organisation", id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::violation::Violations;

    fn grant(id: &str, country: &str, amount: &str, start: &str, end: &str) -> Grant {
        serde_json::from_value(serde_json::json!({
            "id": id, "recipient": {"name": "Teachers' network"}, "country": country, "purpose": "knowing_innovation",
            "amount": {"amount": amount, "currency": "USD"}, "start": start, "end": end, "status": "awarded"
        }))
        .unwrap()
    }

    #[test]
    fn a_good_grant_checks_clean() {
        let mut hub = crate::emap().clone();
        hub.grants = vec![grant("g1", "MN", "5000.00", "2021-02-01", "2021-08-31")];
        assert!(hub.grant_book().check(&hub).is_empty());
        assert!(!hub.check().has_errors());
    }

    #[test]
    fn every_grant_rule_is_reported() {
        let mut hub = crate::emap().clone();
        hub.grant_policy.ceiling = Some(Money { amount: "10000".parse().unwrap(), currency: "USD".parse().unwrap() });
        let mut chf = grant("g5", "AL", "100", "2021-01-01", "2021-02-01");
        chf.amount.currency = "CHF".parse().unwrap();
        chf.recipient.organisation = Some("nobody".into());
        hub.grants = vec![
            grant("g1", "MN", "0", "2021-02-01", "2021-08-31"),
            grant("g2", "FR", "10000.01", "2021-02-01", "2021-08-31"),
            grant("g3", "NP", "100", "2021-08-31", "2021-02-01"),
            grant("g4", "NP", "100", "2019-01-01", "2020-06-30"),
            chf,
            grant("g1", "NP", "100", "2021-01-01", "2021-02-01"),
        ];
        let codes = hub.grant_book().check(&hub).codes();
        assert_eq!(
            codes,
            [
                Code::GrantNonPositiveAmount,
                Code::GrantOverCeiling,
                Code::GrantCountryNotParticipating,
                Code::GrantInvalidPeriod,
                Code::GrantOutsideProject,
                Code::GrantCeilingCurrencyMismatch,
                Code::GrantUnknownOrganisation,
                Code::HubDuplicateId,
            ]
        );
    }

    #[test]
    fn a_period_spanning_two_phases_is_outside_one_phase() {
        let mut hub = crate::emap().clone();
        // Phase 1 ends 2023-12-31; the extension starts 2023-09-28: this lies in both, so in one.
        hub.grants = vec![grant("g1", "NP", "1", "2023-10-01", "2023-12-01")];
        assert!(hub.grant_book().check(&hub).is_empty());
        hub.grants = vec![grant("g2", "NP", "1", "2027-06-01", "2028-06-01")];
        assert_eq!(hub.grant_book().check(&hub).codes(), [Code::GrantOutsideProject]);
    }

    #[test]
    fn totals_are_decimal_and_per_currency_and_skip_proposed_and_cancelled() {
        let mut hub = crate::emap().clone();
        let mut proposed = grant("p", "NP", "999", "2021-01-01", "2021-02-01");
        proposed.status = GrantStatus::Proposed;
        let mut cancelled = grant("c", "NP", "999", "2021-01-01", "2021-02-01");
        cancelled.status = GrantStatus::Cancelled;
        hub.grants = vec![
            grant("a", "NP", "0.1", "2021-01-01", "2021-02-01"),
            grant("b", "BT", "0.2", "2021-01-01", "2021-02-01"),
            grant("d", "VN", "5", "2024-03-01", "2024-04-01"),
            proposed,
            cancelled,
        ];
        let t = hub.grant_totals();
        let sa = t.by_sub_region.iter().find(|t| t.key == "south-asia").unwrap();
        assert_eq!((sa.total.to_string().as_str(), sa.count), ("0.3", 2));
        assert!(t.by_sub_region.iter().any(|t| t.key == "unassigned"));
        let phases: Vec<&str> = t.by_phase.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(phases, ["extension", "phase-1"]);
    }

    #[test]
    fn amounts_are_strings_never_floats() {
        for bad in [r#"12.5"#, r#""12,5""#, r#""1e3""#, r#""""#, r#"".5""#, r#""NaN""#, r#""Infinity""#] {
            let json = format!(r#"{{"amount": {bad}, "currency": "USD"}}"#);
            assert!(serde_json::from_str::<Money>(&json).is_err(), "{bad}");
        }
        let m: Money = serde_json::from_str(r#"{"amount": "-0.50", "currency": "EUR"}"#).unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"amount":"-0.50","currency":"EUR"}"#);
    }
}
