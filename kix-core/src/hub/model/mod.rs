//! The hub: its countries, sub-regions, organisations and who covers what, when.
//!
//! A [`Hub`] is the whole configuration, read from JSON. [`emap`](crate::emap)
//! returns the embedded KIX EMAP hub; [`Hub::from_json`] and
//! [`Hub::from_path`] read a user's own.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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

    #[cfg(feature = "i18n")]
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

mod documents;
mod members;
use documents::*;
pub use members::*;

#[cfg(test)]
mod tests;
