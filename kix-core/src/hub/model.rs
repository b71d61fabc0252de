//! The hub: its countries, sub-regions, organisations and who covers what, when.
//!
//! A [`Hub`] is the whole configuration, read from JSON. [`emap`](crate::emap)
//! returns the embedded KIX EMAP hub; [`Hub::from_json`] and
//! [`Hub::from_path`] read a user's own.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::context::nomination::NominationStatus;
use crate::context::{Check, HubView};
use crate::country::{CountryCode, Weekday, name_key, resolve_country};
use crate::events::event::Event;
use crate::hub::catalogue::{self, CountBy, KnowledgeProduct, ProductCount, ProductQuery};
use crate::hub::grants::{Grant, GrantBook, GrantPolicy, GrantTotals};
use crate::hub::training::{Nomination, NominationStep, Rules, Training, TrainingCycle};
use crate::shared::email::normalize_email;
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};
use crate::time::timeline::Timeline;
use crate::time::zone::ZoneId;

/// A stretch of days, both ends inclusive; an absent end means "until further notice".
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::Period;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let p = Period { from: d(2020, 4, 1), until: Some(d(2023, 12, 31)) };
/// assert!(p.contains(d(2022, 1, 1)));
/// assert!(p.overlaps(&Period { from: d(2023, 12, 31), until: None }));
/// assert!(!p.overlaps(&Period { from: d(2024, 1, 1), until: None }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive); absent for an open end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

impl Period {
    /// Whether the day lies in the period.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let p = kix_core::Period { from: NaiveDate::from_ymd_opt(2020, 4, 1).unwrap(), until: None };
    /// assert!(p.contains(NaiveDate::from_ymd_opt(2099, 1, 1).unwrap()));
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }

    /// Whether two periods share at least one day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = |m| NaiveDate::from_ymd_opt(2021, m, 1).unwrap();
    /// let a = kix_core::Period { from: d(1), until: Some(d(3)) };
    /// let b = kix_core::Period { from: d(3), until: Some(d(5)) };
    /// assert!(a.overlaps(&b) && b.overlaps(&a));
    /// ```
    #[must_use]
    pub fn overlaps(&self, other: &Period) -> bool {
        self.until.is_none_or(|u| other.from <= u) && other.until.is_none_or(|u| self.from <= u)
    }

    fn is_ordered(&self) -> bool {
        self.until.is_none_or(|u| self.from <= u)
    }
}

/// A span of days in which a country rested on other days than usual.
///
/// ```
/// use kix_core::Weekday;
/// let np = kix_core::emap().country("Nepal").unwrap();
/// let trial = &np.rest_day_changes[0];
/// assert_eq!(trial.days, vec![Weekday::Saturday, Weekday::Sunday]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RestDayChange {
    /// When the change applied.
    pub period: Period,
    /// The rest days in that period.
    pub days: Vec<Weekday>,
    /// Source of the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An ISO 3166-2 subdivision through which a country participates.
///
/// ```
/// let pk = kix_core::emap().country("PK").unwrap();
/// let sindh = pk.subdivision.as_ref().unwrap();
/// assert_eq!((sindh.code.as_str(), sindh.name.as_str()), ("PK-SD", "Sindh"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subdivision {
    /// ISO 3166-2 code, e.g. `PK-SD`.
    #[schemars(regex(pattern = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"))]
    pub code: String,
    /// English name, e.g. `Sindh`.
    pub name: String,
}

/// A member country of the hub.
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::Weekday;
/// let mv = kix_core::emap().country("Maldives").unwrap();
/// assert_eq!(mv.code.as_str(), "MV");
/// assert_eq!(mv.time_zones[0].as_str(), "Indian/Maldives");
/// assert_eq!(mv.rest_days, vec![Weekday::Friday, Weekday::Saturday]);
/// let friday = NaiveDate::from_ymd_opt(2024, 8, 2).unwrap();
/// assert!(mv.is_rest_day(friday));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: CountryCode,
    /// English short name as the hub writes it (e.g. `Kyrgyz Republic`).
    pub name: String,
    /// The subdivision that participates, when not the whole country (Pakistan: Sindh only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<Subdivision>,
    /// IANA time zones, the primary (capital's) first.
    pub time_zones: Vec<ZoneId>,
    /// The usual weekly rest days (weekend).
    pub rest_days: Vec<Weekday>,
    /// Dated periods with other rest days (Pakistan's and Nepal's 2022 changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rest_day_changes: Vec<RestDayChange>,
    /// Sources, and what is uncertain about this country's data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Country {
    /// The primary time zone (the first listed), if any.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().country("MN").unwrap().primary_zone().unwrap().as_str(), "Asia/Ulaanbaatar");
    /// ```
    #[must_use]
    pub fn primary_zone(&self) -> Option<&ZoneId> {
        self.time_zones.first()
    }

    /// The rest days in force on a date: a dated change if one covers it, else the usual ones.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kix_core::Weekday;
    /// let pk = kix_core::emap().country("PK").unwrap();
    /// assert_eq!(pk.rest_days_on(NaiveDate::from_ymd_opt(2022, 5, 1).unwrap()), &[Weekday::Sunday]);
    /// assert_eq!(pk.rest_days_on(NaiveDate::from_ymd_opt(2023, 5, 1).unwrap()), &[Weekday::Saturday, Weekday::Sunday]);
    /// ```
    #[must_use]
    pub fn rest_days_on(&self, date: NaiveDate) -> &[Weekday] {
        self.rest_day_changes.iter().find(|c| c.period.contains(date)).map_or(&self.rest_days, |c| &c.days)
    }

    /// Whether the date is a weekly rest day in this country.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let np = kix_core::emap().country("NP").unwrap();
    /// assert!(np.is_rest_day(NaiveDate::from_ymd_opt(2024, 8, 3).unwrap()), "Saturday");
    /// assert!(!np.is_rest_day(NaiveDate::from_ymd_opt(2024, 8, 4).unwrap()), "Sunday is a working day in Nepal");
    /// ```
    #[must_use]
    pub fn is_rest_day(&self, date: NaiveDate) -> bool {
        self.rest_days_on(date).contains(&Weekday::from(date.weekday()))
    }
}

/// A group of member countries that one regional partner covers.
///
/// ```
/// let hub = kix_core::emap();
/// let sa = hub.sub_region("south-asia").unwrap();
/// assert_eq!(sa.countries.len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubRegion {
    /// Short id, e.g. `central-asia-mongolia`.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Member countries in this sub-region.
    pub countries: Vec<CountryCode>,
    /// When the sub-region had this membership; absent means always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl SubRegion {
    fn active_on(&self, date: NaiveDate) -> bool {
        self.period.is_none_or(|p| p.contains(date))
    }
}

/// What an organisation does in the hub.
///
/// ```
/// let norrag = kix_core::emap().organisation("norrag").unwrap();
/// assert!(norrag.roles.contains(&kix_core::PartnerRole::HubCoordinator));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerRole {
    /// Coordinates the whole hub (NORRAG).
    HubCoordinator,
    /// Covers the countries of one or more sub-regions (NUGSE, ACER, FHI 360).
    RegionalPartner,
    /// Contributes knowledge or runs events with the hub (ROSIE, Brookings' CUE).
    KnowledgePartner,
    /// Funds the hub or its programme (GPE, IDRC).
    Funder,
}

/// An organisation that takes part in the hub.
///
/// ```
/// let acer = kix_core::emap().organisation("acer").unwrap();
/// assert_eq!(acer.name, "ACER");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Short id, e.g. `acer`.
    pub id: String,
    /// Name as commonly written, e.g. `ACER`.
    pub name: String,
    /// Full name, e.g. `Australian Council for Educational Research`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Roles in the hub.
    pub roles: Vec<PartnerRole>,
    /// Country of the head office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Social-media handle, e.g. `@NORRAG`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
}

/// A partner covering a sub-region's countries over a dated period.
///
/// ```
/// let hub = kix_core::emap();
/// let acer: Vec<_> = hub.assignments.iter().filter(|a| a.partner == "acer").collect();
/// assert_eq!(acer.len(), 2, "ACER covers two sub-regions");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Organisation id.
    pub partner: String,
    /// Sub-region id.
    pub sub_region: String,
    /// The role in which the partner covers the sub-region.
    pub role: PartnerRole,
    /// When.
    pub period: Period,
    /// Source of the assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The whole configuration of a hub.
///
/// ```
/// use chrono::NaiveDate;
/// let hub = kix_core::emap();
/// assert_eq!(hub.countries.len(), 21);
/// let date = NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
/// let kg = hub.country("Kyrgyzstan").unwrap().code;
/// assert_eq!(hub.partner_for(kg, date).unwrap().id, "nugse");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    /// Short id, e.g. `kix-emap`.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// What the hub is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The coordinator's time zone, in which events are organised by default.
    pub home_zone: ZoneId,
    /// Phases and the month/year arithmetic over them.
    pub timeline: Timeline,
    /// Member countries.
    pub countries: Vec<Country>,
    /// Sub-regions.
    pub sub_regions: Vec<SubRegion>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Who covers which sub-region when.
    pub assignments: Vec<Assignment>,
    /// Training-cycle policy and cycles.
    pub training: Training,
    /// Webinars, workshops, meetings and training sessions.
    #[serde(default)]
    pub events: Vec<Event>,
    /// The knowledge exchange platform's products.
    #[serde(default)]
    pub catalogue: Vec<KnowledgeProduct>,
    /// The rules for small grants.
    #[serde(default)]
    pub grant_policy: GrantPolicy,
    /// Small grants.
    #[serde(default)]
    pub grants: Vec<Grant>,
}

impl Hub {
    /// Reads a hub from JSON. Unknown fields are refused; the error names the
    /// path of the offending field.
    ///
    /// ```
    /// let text = serde_json::to_string(kix_core::emap())?;
    /// let hub = kix_core::Hub::from_json(&text)?;
    /// assert_eq!(&hub, kix_core::emap());
    /// let err = kix_core::Hub::from_json(r#"{"id": 3}"#).unwrap_err();
    /// assert!(err.to_string().contains("id"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Hub, Error> {
        Error::parse_json("hub", text)
    }

    /// Reads a hub from a JSON file.
    ///
    /// ```
    /// let err = kix_core::Hub::from_path("/no/such/hub.json").unwrap_err();
    /// assert!(matches!(err, kix_core::Error::Io { .. }));
    /// ```
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Hub, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })?;
        Hub::from_json(&text)
    }

    /// The hub as pretty JSON.
    ///
    /// ```
    /// assert!(kix_core::emap().to_json().contains("\"NORRAG\""));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A member country by alpha-2 or alpha-3 code, or by any name ISO or the
    /// hub gives it (case-, space- and accent-insensitive).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// for text in ["KG", "kgz", "Kyrgyzstan", "kyrgyz republic", "  KYRGYZ   REPUBLIC "] {
    ///     assert_eq!(hub.country(text).unwrap().code.as_str(), "KG", "{text}");
    /// }
    /// assert!(hub.country("France").is_none(), "a real country, but not a member");
    /// ```
    #[must_use]
    pub fn country(&self, name_or_code: &str) -> Option<&Country> {
        if let Ok(code) = resolve_country(name_or_code) {
            return self.member(code);
        }
        let key = name_key(name_or_code);
        self.countries.iter().find(|c| name_key(&c.name) == key)
    }

    /// A member country by its code.
    ///
    /// ```
    /// let np = kix_core::CountryCode::new("NP")?;
    /// assert_eq!(kix_core::emap().member(np).unwrap().name, "Nepal");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn member(&self, code: CountryCode) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// A member country, or the `hub.unknown_country` violation saying it is not one.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.require_member("NP".parse()?)?.name, "Nepal");
    /// assert_eq!(hub.require_member("FR".parse()?).unwrap_err().code, kix_core::Code::HubUnknownCountry);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_member(&self, code: CountryCode) -> Result<&Country, Violation> {
        self.member(code).ok_or_else(|| {
            Violation::new(
                Code::HubUnknownCountry,
                "",
                format!("{code} ({}) is not a member of {}", code.name(), self.name),
            )
            .with_param("country", code)
        })
    }

    /// Whether a country is a member of the hub.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert!(hub.is_member(kix_core::CountryCode::new("YE")?));
    /// assert!(!hub.is_member(kix_core::CountryCode::new("FR")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_member(&self, code: CountryCode) -> bool {
        self.member(code).is_some()
    }

    /// An organisation by id.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().organisation("fhi360").unwrap().name, "FHI 360");
    /// ```
    #[must_use]
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    /// A sub-region by id.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().sub_region("europe").unwrap().name, "Europe");
    /// ```
    #[must_use]
    pub fn sub_region(&self, id: &str) -> Option<&SubRegion> {
        self.sub_regions.iter().find(|s| s.id == id)
    }

    /// The member countries of a sub-region, in the sub-region's order.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let names: Vec<_> = hub.countries_of("europe").iter().map(|c| c.code.as_str()).collect();
    /// assert_eq!(names, ["AL", "GE", "MD"]);
    /// ```
    #[must_use]
    pub fn countries_of(&self, sub_region: &str) -> Vec<&Country> {
        self.sub_region(sub_region)
            .map(|s| s.countries.iter().filter_map(|&c| self.member(c)).collect())
            .unwrap_or_default()
    }

    /// The sub-region a country belongs to on a date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let hub = kix_core::emap();
    /// let pk = kix_core::CountryCode::new("PK")?;
    /// let date = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    /// assert_eq!(hub.sub_region_of(pk, date).unwrap().id, "south-asia");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sub_region_of(&self, country: CountryCode, date: NaiveDate) -> Option<&SubRegion> {
        self.sub_regions.iter().find(|s| s.active_on(date) && s.countries.contains(&country))
    }

    /// The sub-region a country belongs to, whatever the period (the first listed).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.sub_region_of_any_period("KG".parse()?).unwrap().id, "central-asia-mongolia");
    /// assert!(hub.sub_region_of_any_period("VN".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sub_region_of_any_period(&self, country: CountryCode) -> Option<&SubRegion> {
        self.sub_regions.iter().find(|s| s.countries.contains(&country))
    }

    /// The sub-regions a partner covers (over any period), without repeats.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let ids: Vec<_> = hub.sub_regions_of("acer").iter().map(|s| s.id.as_str()).collect();
    /// assert_eq!(ids, ["southeast-asia-pacific", "south-asia"]);
    /// ```
    #[must_use]
    pub fn sub_regions_of(&self, partner: &str) -> Vec<&SubRegion> {
        let mut out: Vec<&SubRegion> = Vec::new();
        for a in self.assignments.iter().filter(|a| a.partner == partner) {
            if let Some(s) = self.sub_region(&a.sub_region)
                && !out.iter().any(|o| o.id == s.id)
            {
                out.push(s);
            }
        }
        out
    }

    /// An event's listing in a language (see [`Event::listing`]) for these
    /// countries' zones, every zone of each; no list means the event's own
    /// target countries. A country that is not a member is refused.
    ///
    /// ```
    /// use kix_core::messages::Bidi;
    /// let hub = kix_core::emap();
    /// let w20 = hub.event("kix-emap-webinar-20").unwrap();
    /// let mn = hub.listing(w20, "en", Some(&["MN".parse()?]), Bidi::Plain)?;
    /// assert_eq!(mn.time_text, "13:00–14:30 (Geneva, CEST) / 19:00–20:30 (Ulaanbaatar, UTC+8) / 18:00–19:30 (Khovd, UTC+7)");
    /// assert!(hub.listing(w20, "en", Some(&["FR".parse()?]), Bidi::Plain).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `hub.unknown_country` for a country that is not a member; the event's
    /// own problems (see [`crate::time::listing::write_listing`]).
    pub fn listing(
        &self,
        event: &Event,
        locale: &str,
        countries: Option<&[CountryCode]>,
        bidi: crate::language::messages::Bidi,
    ) -> Result<crate::time::listing::WrittenListing, Error> {
        let codes: Vec<CountryCode> = match countries {
            Some(list) => list.to_vec(),
            None => event.target_countries(self).into_iter().collect(),
        };
        let mut zones = Vec::new();
        for code in codes {
            for zone in &self.require_member(code)?.time_zones {
                zones.push(zone.tz()?);
            }
        }
        event.listing_with(locale, &zones, bidi)
    }

    /// The partner responsible for a country on a date: the organisation
    /// assigned to the country's sub-region then. `None` for members without
    /// an assignment (the five phase-1 members the seed does not place) and for
    /// dates no assignment covers.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let hub = kix_core::emap();
    /// let date = NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
    /// let partner = |code| hub.partner_for(kix_core::CountryCode::new(code).unwrap(), date).map(|o| o.id.as_str());
    /// assert_eq!(partner("MD"), Some("fhi360"));
    /// assert_eq!(partner("BT"), Some("acer"));
    /// assert_eq!(partner("VN"), None);
    /// ```
    #[must_use]
    pub fn partner_for(&self, country: CountryCode, date: NaiveDate) -> Option<&Organisation> {
        let sub_region = self.sub_region_of(country, date)?;
        self.assignments
            .iter()
            .find(|a| a.sub_region == sub_region.id && a.period.contains(date))
            .and_then(|a| self.organisation(&a.partner))
    }

    /// Checks the whole configuration and returns every violation found:
    /// duplicate ids, a country in two sub-regions at once, overlapping
    /// assignments, a sub-region without a partner, unknown countries, partners,
    /// sub-regions and time zones, periods out of order, and (as warnings)
    /// members without an assignment. Training cycles, events, the catalogue
    /// and the grants are checked too.
    ///
    /// ```
    /// use kix_core::{Code, Violations};
    /// let report = kix_core::emap().check();
    /// assert!(!report.has_errors(), "{report:#?}");
    /// assert_eq!(report.codes(), vec![Code::HubCountryUnassigned; 5]);
    /// ```
    #[must_use]
    pub fn check(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.check_ids(&mut out);
        self.check_countries(&mut out);
        self.check_sub_regions(&mut out);
        self.check_assignments(&mut out);
        self.check_phases(&mut out);
        out.extend(self.training.check(self));
        out.extend(self.events.check(self));
        out.extend(self.catalogue.check(self));
        out.extend(self.grant_book().check(self));
        out
    }

    fn check_ids(&self, out: &mut Vec<Violation>) {
        fn duplicates<'a>(out: &mut Vec<Violation>, what: &str, list: &str, ids: impl Iterator<Item = &'a str>) {
            let mut first: HashMap<&str, usize> = HashMap::new();
            for (i, id) in ids.enumerate() {
                if let Some(&j) = first.get(id) {
                    out.push(
                        Violation::new(
                            Code::HubDuplicateId,
                            format!("{list}[{i}]"),
                            format!("{what} {id:?} is listed twice (first at {list}[{j}])"),
                        )
                        .with_param("id", id)
                        .with_param("first_index", j),
                    );
                } else {
                    first.insert(id, i);
                }
            }
        }
        duplicates(out, "country", "countries", self.countries.iter().map(|c| c.code.as_str()));
        duplicates(out, "organisation", "organisations", self.organisations.iter().map(|o| o.id.as_str()));
        duplicates(out, "sub-region", "sub_regions", self.sub_regions.iter().map(|s| s.id.as_str()));
        duplicates(out, "phase", "timeline.phases", self.timeline.phases.iter().map(|p| p.id.as_str()));
        duplicates(out, "training cycle", "training.cycles", self.training.cycles.iter().map(|c| c.id.as_str()));
    }

    fn check_countries(&self, out: &mut Vec<Violation>) {
        for (i, c) in self.countries.iter().enumerate() {
            let path = format!("countries[{i}]");
            if c.time_zones.is_empty() {
                out.push(
                    Violation::new(
                        Code::HubCountryWithoutZone,
                        format!("{path}.time_zones"),
                        format!("{} has no time zone", c.name),
                    )
                    .with_param("country", c.code),
                );
            }
            for (z, zone) in c.time_zones.iter().enumerate() {
                if zone.tz().is_err() {
                    out.push(
                        Violation::new(
                            Code::HubUnknownTimeZone,
                            format!("{path}.time_zones[{z}]"),
                            format!(
                                "{zone:?} is not an IANA time-zone name (tz database {})",
                                crate::time::zone::tzdata_version()
                            ),
                        )
                        .with_param("zone", zone.as_str())
                        .with_param("country", c.code),
                    );
                }
            }
            if let Some(sub) = &c.subdivision {
                let valid = sub.code.split_once('-').is_some_and(|(country, rest)| {
                    country == c.code.as_str()
                        && (1..=3).contains(&rest.len())
                        && rest.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                });
                if !valid {
                    out.push(
                        Violation::new(
                            Code::HubInvalidSubdivision,
                            format!("{path}.subdivision.code"),
                            format!("{:?} is not an ISO 3166-2 code of {}", sub.code, c.code),
                        )
                        .with_param("subdivision", &sub.code)
                        .with_param("country", c.code),
                    );
                }
            }
            for (k, change) in c.rest_day_changes.iter().enumerate() {
                if !change.period.is_ordered() {
                    out.push(invalid_period(format!("{path}.rest_day_changes[{k}].period"), &change.period));
                }
            }
            let covered = self
                .assignments
                .iter()
                .any(|a| self.sub_region(&a.sub_region).is_some_and(|s| s.countries.contains(&c.code)));
            if !covered {
                out.push(
                    Violation::new(
                        Code::HubCountryUnassigned,
                        path,
                        format!("{} ({}) is a member that no partner assignment covers", c.name, c.code),
                    )
                    .with_param("country", c.code),
                );
            }
        }
    }

    fn check_sub_regions(&self, out: &mut Vec<Violation>) {
        // Where each country was first seen: (sub-region index, period).
        let mut seen: BTreeMap<CountryCode, Vec<(usize, Option<Period>)>> = BTreeMap::new();
        for (i, s) in self.sub_regions.iter().enumerate() {
            if let Some(p) = &s.period
                && !p.is_ordered()
            {
                out.push(invalid_period(format!("sub_regions[{i}].period"), p));
            }
            for (k, &code) in s.countries.iter().enumerate() {
                let path = format!("sub_regions[{i}].countries[{k}]");
                if !self.is_member(code) {
                    out.push(
                        Violation::new(
                            Code::HubUnknownCountry,
                            &path,
                            format!(
                                "sub-region {:?} lists {code} ({}), which is not a member of the hub",
                                s.id,
                                code.name()
                            ),
                        )
                        .with_param("country", code)
                        .with_param("sub_region", &s.id),
                    );
                }
                let earlier = seen.entry(code).or_default();
                for &(j, other) in earlier.iter() {
                    let overlap = match (s.period, other) {
                        (Some(a), Some(b)) => a.overlaps(&b),
                        _ => true,
                    };
                    if overlap && j != i {
                        let other_id = self.sub_regions.get(j).map_or("", |o| o.id.as_str());
                        out.push(
                            Violation::new(
                                Code::HubCountryInTwoSubRegions,
                                &path,
                                format!("{code} is in sub-regions {other_id:?} and {:?} at the same time", s.id),
                            )
                            .with_param("country", code)
                            .with_param("sub_regions", [other_id, s.id.as_str()]),
                        );
                    }
                }
                earlier.push((i, s.period));
            }
            if !self.assignments.iter().any(|a| a.sub_region == s.id) {
                out.push(
                    Violation::new(
                        Code::HubSubRegionWithoutPartner,
                        format!("sub_regions[{i}]"),
                        format!("no partner is assigned to sub-region {:?}", s.id),
                    )
                    .with_param("sub_region", &s.id),
                );
            }
        }
    }

    fn check_assignments(&self, out: &mut Vec<Violation>) {
        for (i, a) in self.assignments.iter().enumerate() {
            let path = format!("assignments[{i}]");
            if self.organisation(&a.partner).is_none() {
                out.push(
                    Violation::new(
                        Code::HubUnknownPartner,
                        format!("{path}.partner"),
                        format!("no organisation with id {:?}", a.partner),
                    )
                    .with_param("partner", &a.partner),
                );
            }
            if self.sub_region(&a.sub_region).is_none() {
                out.push(
                    Violation::new(
                        Code::HubUnknownSubRegion,
                        format!("{path}.sub_region"),
                        format!("no sub-region with id {:?}", a.sub_region),
                    )
                    .with_param("sub_region", &a.sub_region),
                );
            }
            if !a.period.is_ordered() {
                out.push(invalid_period(format!("{path}.period"), &a.period));
            }
            for (j, b) in self.assignments.iter().enumerate().take(i) {
                if a.sub_region == b.sub_region && a.period.overlaps(&b.period) {
                    out.push(
                        Violation::new(
                            Code::HubOverlappingAssignments,
                            format!("{path}.period"),
                            format!(
                                "sub-region {:?} is assigned to {:?} and {:?} over overlapping periods",
                                a.sub_region, b.partner, a.partner
                            ),
                        )
                        .with_param("sub_region", &a.sub_region)
                        .with_param("partners", [&b.partner, &a.partner])
                        .with_param("other_index", j),
                    );
                }
            }
        }
    }

    fn check_phases(&self, out: &mut Vec<Violation>) {
        for (i, p) in self.timeline.phases.iter().enumerate() {
            if p.end < p.start {
                out.push(invalid_period(
                    format!("timeline.phases[{i}]"),
                    &Period { from: p.start, until: Some(p.end) },
                ));
            }
        }
    }

    /// Every member country code, in the hub's order.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().member_codes().len(), 21);
    /// ```
    #[must_use]
    pub fn member_codes(&self) -> BTreeSet<CountryCode> {
        self.countries.iter().map(|c| c.code).collect()
    }
}

/// The documents of the hub: events, training cycles, the catalogue, grants.
impl Hub {
    /// An event by id.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().event("kix-emap-webinar-20").unwrap().kind, kix_core::EventKind::Webinar);
    /// ```
    #[must_use]
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// An event by id, or [`Error::NotFound`] naming it.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.require_event("kix-emap-webinar-20")?.id, "kix-emap-webinar-20");
    /// let err = hub.require_event("webinar-99").unwrap_err();
    /// assert_eq!(err.to_string(), r#"no event with id "webinar-99""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_event(&self, id: &str) -> Result<&Event, Error> {
        self.event(id).ok_or_else(|| Error::NotFound { what: "event", id: id.to_owned() })
    }

    /// A training cycle by id.
    ///
    /// ```
    /// assert_eq!(kix_core::emap().training_cycle("cycle-1").unwrap().start.to_string(), "2020-09-07");
    /// ```
    #[must_use]
    pub fn training_cycle(&self, id: &str) -> Option<&TrainingCycle> {
        self.training.cycle(id)
    }

    /// A training cycle by id, or [`Error::NotFound`] naming it.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// assert_eq!(hub.require_training_cycle("cycle-1")?.start.to_string(), "2020-09-07");
    /// let err = hub.require_training_cycle("cycle-99").unwrap_err();
    /// assert_eq!(err.to_string(), r#"no training cycle with id "cycle-99""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_training_cycle(&self, id: &str) -> Result<&TrainingCycle, Error> {
        self.training_cycle(id).ok_or_else(|| Error::NotFound { what: "training cycle", id: id.to_owned() })
    }

    /// Adds a nomination to a cycle after checking every rule: the country
    /// takes part, the person is not nominated twice, the country has a free
    /// seat (pending nominations hold seats), the cycle lies in the project.
    /// Returns the nomination's index, or [`Error::Rejected`] with all violations.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kix_core::{Code, Nomination};
    /// let mut hub = kix_core::emap().clone();
    /// let on = NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
    /// for who in ["a", "b", "c"] {
    ///     hub.nominate("cycle-1", Nomination::new(who, &format!("{who}@example.np"), "NP".parse()?, on))?;
    /// }
    /// let fourth = hub.nominate("cycle-1", Nomination::new("d", "d@example.np", "NP".parse()?, on)).unwrap_err();
    /// assert_eq!(fourth.violations()[0].code, Code::TrainingQuotaExceeded);
    /// assert_eq!(fourth.violations()[0].path, "training.cycles[0].nominations[3].country");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nominate(&mut self, cycle: &str, nomination: Nomination) -> Result<usize, Error> {
        let rules = Rules::new(self.member_codes(), &self.timeline, self.training.policy.nominees_per_country);
        self.training.nominate(&rules, cycle, nomination)
    }

    /// Moves a nomination one step along the workflow, refusing steps that its
    /// status does not allow (`training.invalid_transition`), endorsements after
    /// the cycle starts (`training.endorsed_after_start`) and dates before the
    /// previous step (`training.invalid_date`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kix_core::{Code, Nomination, NominationStep, NominationStatus};
    /// let mut hub = kix_core::emap().clone();
    /// let d = |m, d| NaiveDate::from_ymd_opt(2020, m, d).unwrap();
    /// let i = hub.nominate("cycle-1", Nomination::new("A", "a@example.kg", "KG".parse()?, d(7, 1)))?;
    /// hub.advance("cycle-1", i, NominationStep::Endorse { on: d(7, 20) })?;
    /// hub.advance("cycle-1", i, NominationStep::Confirm { on: d(8, 1) })?;
    /// assert_eq!(hub.training_cycle("cycle-1").unwrap().nominations[i].status, NominationStatus::Confirmed);
    /// let again = hub.advance("cycle-1", i, NominationStep::Endorse { on: d(8, 2) }).unwrap_err();
    /// assert_eq!(again.violations()[0].code, Code::TrainingInvalidTransition);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance(&mut self, cycle: &str, index: usize, step: NominationStep) -> Result<(), Error> {
        self.training.advance(cycle, index, step)
    }

    /// The products matching a query, in catalogue order.
    ///
    /// ```
    /// use kix_core::ProductQuery;
    /// let hub = kix_core::emap();
    /// let english = ProductQuery { language: Some("en".into()), ..Default::default() };
    /// assert_eq!(hub.products(&english).len(), 1);
    /// let nepal = ProductQuery { country: Some("NP".parse()?), ..Default::default() };
    /// assert!(hub.products(&nepal).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn products(&self, q: &ProductQuery) -> Vec<&KnowledgeProduct> {
        q.select(&self.catalogue, self)
    }

    /// Counts of products per phase and period, country and kind, for the
    /// hub's reporting. A product counts once for each country it names (or
    /// once without a country); products outside every phase are not counted
    /// (the catalogue check warns about them).
    ///
    /// ```
    /// let counts = kix_core::emap().product_counts(kix_core::CountBy::Month);
    /// assert_eq!((counts[0].phase.as_str(), counts[0].period), ("extension", 11));
    /// ```
    #[must_use]
    pub fn product_counts(&self, by: CountBy) -> Vec<ProductCount> {
        catalogue::product_counts(&self.catalogue, &self.timeline, by)
    }

    /// Totals of awarded and completed grants per country, sub-region and
    /// phase, each per currency (no conversion).
    ///
    /// ```
    /// let mut hub = kix_core::emap().clone();
    /// let grant = |id: &str, country: &str, amount: &str, currency: &str| -> kix_core::Grant {
    ///     serde_json::from_value(serde_json::json!({
    ///         "id": id, "recipient": {"name": "x"}, "country": country, "purpose": "pilot_project",
    ///         "amount": {"amount": amount, "currency": currency}, "start": "2022-01-10", "end": "2022-06-30", "status": "awarded"
    ///     })).unwrap()
    /// };
    /// hub.grants = vec![grant("a", "NP", "0.10", "USD"), grant("b", "NP", "0.20", "USD"), grant("c", "NP", "100", "CHF")];
    /// let t = hub.grant_totals();
    /// let usd = t.by_country.iter().find(|t| t.currency.as_str() == "USD").unwrap();
    /// assert_eq!(usd.total.to_string(), "0.30", "decimal, not 0.30000000000000004");
    /// assert_eq!(t.by_country.len(), 2, "one row per currency");
    /// assert_eq!(t.by_sub_region[0].key, "south-asia");
    /// ```
    #[must_use]
    pub fn grant_totals(&self) -> GrantTotals {
        GrantTotals::of(&self.grants, self)
    }

    /// The grants with the policy they are checked against, as one document for [`Check`].
    ///
    /// ```
    /// use kix_core::Check;
    /// let hub = kix_core::emap();
    /// assert!(hub.grant_book().check(hub).is_empty());
    /// ```
    #[must_use]
    pub fn grant_book(&self) -> GrantBook<'_> {
        GrantBook { policy: &self.grant_policy, grants: &self.grants }
    }
}

/// What the rules read about the hub.
impl HubView for Hub {
    fn member_codes(&self) -> BTreeSet<CountryCode> {
        Hub::member_codes(self)
    }
    fn is_member(&self, country: CountryCode) -> bool {
        Hub::is_member(self, country)
    }
    fn has_organisation(&self, id: &str) -> bool {
        self.organisation(id).is_some()
    }
    fn sub_region_countries(&self, id: &str) -> Option<&[CountryCode]> {
        self.sub_region(id).map(|s| s.countries.as_slice())
    }
    fn sub_region_id_of(&self, country: CountryCode, date: NaiveDate) -> Option<&str> {
        self.sub_region_of(country, date).map(|s| s.id.as_str())
    }
    fn partner_id_for(&self, country: CountryCode, date: NaiveDate) -> Option<&str> {
        self.partner_for(country, date).map(|o| o.id.as_str())
    }
    fn timeline(&self) -> &Timeline {
        &self.timeline
    }
    fn nominees_per_country(&self) -> u32 {
        self.training.policy.nominees_per_country
    }
    fn has_event(&self, id: &str) -> bool {
        self.event(id).is_some()
    }
    fn nominee_status(&self, cycle: &str, email: &str) -> Option<Option<NominationStatus>> {
        let cycle = self.training_cycle(cycle)?;
        let key = normalize_email(email);
        Some(cycle.nominations.iter().find(|n| normalize_email(&n.email) == key).map(|n| n.status))
    }
}

fn invalid_period(path: String, p: &Period) -> Violation {
    Violation::new(Code::HubInvalidPeriod, path, "the period ends before it starts")
        .with_param("from", p.from)
        .with_param("until", p.until)
}

#[cfg(test)]
mod tests;
