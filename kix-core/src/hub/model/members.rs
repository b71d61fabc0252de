//! The hub's members and partners as records: countries with their zones and rest days, sub-regions, organisations and their roles, who covers what over which period.

use super::*;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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

    pub(super) fn is_ordered(&self) -> bool {
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subdivision {
    /// ISO 3166-2 code, e.g. `PK-SD`.
    #[cfg_attr(feature = "schemas", schemars(regex(pattern = r"^[A-Z]{2}-[A-Z0-9]{1,3}$")))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
    pub(super) fn active_on(&self, date: NaiveDate) -> bool {
        self.period.is_none_or(|p| p.contains(date))
    }
}

/// What an organisation does in the hub.
///
/// ```
/// let norrag = kix_core::emap().organisation("norrag").unwrap();
/// assert!(norrag.roles.contains(&kix_core::PartnerRole::HubCoordinator));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
