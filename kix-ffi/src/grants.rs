//! Small grants: totals per country, sub-region and phase.

use kix_core as core;

use crate::objects::Hub;

/// A total of grants in one currency.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GrantTotal {
    /// Country code, sub-region id or phase id.
    pub key: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// The sum, as a decimal string.
    pub total: String,
    /// How many grants.
    pub count: u32,
}

impl From<&core::GrantTotal> for GrantTotal {
    fn from(g: &core::GrantTotal) -> Self {
        GrantTotal { key: g.key.clone(), currency: g.currency.to_string(), total: g.total.to_string(), count: g.count }
    }
}

/// Grant totals.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GrantTotals {
    /// Per country.
    pub by_country: Vec<GrantTotal>,
    /// Per sub-region.
    pub by_sub_region: Vec<GrantTotal>,
    /// Per phase.
    pub by_phase: Vec<GrantTotal>,
}

impl From<&core::GrantTotals> for GrantTotals {
    fn from(t: &core::GrantTotals) -> Self {
        let list = |l: &[core::GrantTotal]| l.iter().map(GrantTotal::from).collect();
        GrantTotals {
            by_country: list(&t.by_country),
            by_sub_region: list(&t.by_sub_region),
            by_phase: list(&t.by_phase),
        }
    }
}

#[uniffi::export]
impl Hub {
    /// Awarded and completed grants per country, sub-region and phase, per currency.
    pub fn grant_totals(&self) -> GrantTotals {
        (&self.read().grant_totals()).into()
    }
}
