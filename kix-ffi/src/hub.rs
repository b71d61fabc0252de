//! The hub object, its countries, organisations and timeline.

use std::sync::Arc;

use kix_core as core;

use crate::convert::{country, date, to_json_str};
use crate::error::{Result, Violation, violations};
use crate::objects::Hub;

/// A member country of a hub.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name as the hub writes it.
    pub name: String,
    /// ISO 3166-2 code of the participating subdivision, if not the whole country.
    pub subdivision: Option<String>,
    /// Id of its sub-region, if any.
    pub sub_region: Option<String>,
    /// IANA zones, the primary first.
    pub time_zones: Vec<String>,
    /// Weekly rest days, such as `friday`.
    pub rest_days: Vec<String>,
    /// Sources and uncertainties.
    pub note: Option<String>,
}

impl Country {
    /// The record of a member; the hub knows its sub-region.
    fn of(hub: &core::Hub, c: &core::Country) -> Self {
        Country {
            code: c.code.to_string(),
            name: c.name.clone(),
            subdivision: c.subdivision.as_ref().map(|s| s.code.clone()),
            sub_region: hub.sub_region_of_any_period(c.code).map(|s| s.id.clone()),
            time_zones: c.time_zones.iter().map(ToString::to_string).collect(),
            rest_days: c.rest_days.iter().map(to_json_str).collect(),
            note: c.note.clone(),
        }
    }
}

/// An organisation of a hub.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Organisation {
    /// Short id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Full name.
    pub full_name: Option<String>,
    /// Roles, such as `regional_partner`.
    pub roles: Vec<String>,
}

impl From<&core::Organisation> for Organisation {
    fn from(o: &core::Organisation) -> Self {
        Organisation {
            id: o.id.clone(),
            name: o.name.clone(),
            full_name: o.full_name.clone(),
            roles: o.roles.iter().map(to_json_str).collect(),
        }
    }
}

/// Where a date sits in the project.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TimelinePosition {
    /// Phase id.
    pub phase: String,
    /// Month of the phase, from 1.
    pub month_index: u32,
    /// Months of the phase.
    pub month_count: u32,
    /// Project year of the phase, from 1.
    pub project_year: u32,
    /// Quarter of the phase, from 1.
    pub quarter: u32,
    /// Whole months of the phase before this date's month.
    pub months_elapsed: u32,
    /// Months of the phase after this date's month.
    pub months_remaining: u32,
}

impl From<core::TimelinePosition> for TimelinePosition {
    fn from(p: core::TimelinePosition) -> Self {
        TimelinePosition {
            phase: p.phase,
            month_index: p.month_index,
            month_count: p.month_count,
            project_year: p.project_year,
            quarter: p.quarter,
            months_elapsed: p.months_elapsed,
            months_remaining: p.months_remaining,
        }
    }
}

#[uniffi::export]
impl Hub {
    /// The KIX EMAP hub embedded in kix.
    #[uniffi::constructor]
    pub fn emap() -> Arc<Self> {
        Hub::new(core::emap().clone())
    }

    /// A hub read from its JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        Ok(Hub::new(core::Hub::from_json(&json)?))
    }

    /// The hub as JSON.
    pub fn to_json(&self) -> String {
        self.read().to_json()
    }

    /// Id.
    pub fn id(&self) -> String {
        self.read().id.clone()
    }

    /// Name.
    pub fn name(&self) -> String {
        self.read().name.clone()
    }

    /// The member countries.
    pub fn countries(&self) -> Vec<Country> {
        let hub = self.read();
        hub.countries.iter().map(|c| Country::of(&hub, c)).collect()
    }

    /// A member country by code or any name people type.
    pub fn country(&self, name_or_code: String) -> Result<Country> {
        let code = country(&name_or_code)?;
        let hub = self.read();
        Ok(Country::of(&hub, hub.require_member(code)?))
    }

    /// The partner covering a country on a date (ISO), if any.
    pub fn partner_for(&self, country_text: String, on: String) -> Result<Option<Organisation>> {
        Ok(self.read().partner_for(country(&country_text)?, date(&on)?).map(Organisation::from))
    }

    /// The organisations.
    pub fn organisations(&self) -> Vec<Organisation> {
        self.read().organisations.iter().map(Organisation::from).collect()
    }

    /// Where a date (ISO) sits in the project.
    pub fn timeline_position(&self, on: String) -> Result<TimelinePosition> {
        Ok(self.read().timeline.position(date(&on)?)?.into())
    }

    /// Every violation in the hub.
    pub fn check(&self) -> Vec<Violation> {
        violations(&self.read().check())
    }
}

/// The ISO 3166-1 alpha-2 code of any country name or code people type.
#[uniffi::export]
pub fn resolve_country(text: String) -> Result<String> {
    Ok(country(&text)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KixError;

    #[test]
    fn errors_carry_the_core_codes() {
        let Err(KixError::Validation { code, violations, .. }) = resolve_country("Narnia".into()) else {
            panic!("expected a validation error")
        };
        assert_eq!(code, "country.unknown");
        assert_eq!(violations[0].params_json, r#"{"text":"Narnia"}"#);
        assert!(matches!(Hub::emap().event("nope".into()), Err(KixError::NotFound { .. })));
        assert!(matches!(Hub::from_json("{".into()), Err(KixError::InvalidInput { .. })));
    }
}
