//! What the rules may read about the hub: a narrow, read-only view.
//!
//! The rule modules (`training`, `event`, `catalogue`, `grants`) check their
//! documents against the hub, but they never see the whole [`Hub`](crate::Hub):
//! they read it through [`HubView`], which answers only the questions the rules
//! ask (who is a member, which ids exist, the timeline). The hub implements the
//! view and calls the rules, so the modules depend in one direction:
//! `hub` → rule modules → `context`.
//!
//! Every document is checked the same way, through [`Check`].

use std::collections::BTreeSet;
use std::ops::Deref;

use chrono::NaiveDate;

use crate::context::nomination::NominationStatus;
use crate::country::CountryCode;
use crate::shared::violation::Violation;
use crate::time::timeline::Timeline;

/// The questions the rules ask about a hub.
///
/// [`Hub`](crate::Hub) implements it, and so does anything that dereferences to
/// a view (`&Hub`, `Arc<Hub>`, a lock guard), so a rule can be given whatever
/// the caller holds.
///
/// ```
/// use kix_core::HubView;
/// let hub = kix_core::emap();
/// assert!(hub.has_organisation("acer"));
/// assert_eq!(HubView::member_codes(hub).len(), 21);
/// assert_eq!(hub.nominees_per_country(), 3);
/// ```
pub trait HubView {
    /// Every member country code.
    fn member_codes(&self) -> BTreeSet<CountryCode>;
    /// Whether a country is a member.
    fn is_member(&self, country: CountryCode) -> bool;
    /// Whether the hub lists an organisation with this id.
    fn has_organisation(&self, id: &str) -> bool;
    /// The member countries of a sub-region, if the hub lists it.
    fn sub_region_countries(&self, id: &str) -> Option<&[CountryCode]>;
    /// The id of the sub-region a country belongs to on a date.
    fn sub_region_id_of(&self, country: CountryCode, date: NaiveDate) -> Option<&str>;
    /// The id of the partner covering a country on a date.
    fn partner_id_for(&self, country: CountryCode, date: NaiveDate) -> Option<&str>;
    /// The project timeline.
    fn timeline(&self) -> &Timeline;
    /// Seats per country in a training cycle that sets no quota of its own.
    fn nominees_per_country(&self) -> u32;
    /// Whether the hub lists an event with this id.
    fn has_event(&self, id: &str) -> bool;
    /// The status of the first nomination of an e-mail (compared normalized)
    /// in a training cycle: `None` when there is no such cycle, `Some(None)`
    /// when the cycle has no such nominee.
    fn nominee_status(&self, cycle: &str, email: &str) -> Option<Option<NominationStatus>>;
}

impl<D> HubView for D
where
    D: Deref,
    D::Target: HubView,
{
    fn member_codes(&self) -> BTreeSet<CountryCode> {
        (**self).member_codes()
    }
    fn is_member(&self, country: CountryCode) -> bool {
        (**self).is_member(country)
    }
    fn has_organisation(&self, id: &str) -> bool {
        (**self).has_organisation(id)
    }
    fn sub_region_countries(&self, id: &str) -> Option<&[CountryCode]> {
        (**self).sub_region_countries(id)
    }
    fn sub_region_id_of(&self, country: CountryCode, date: NaiveDate) -> Option<&str> {
        (**self).sub_region_id_of(country, date)
    }
    fn partner_id_for(&self, country: CountryCode, date: NaiveDate) -> Option<&str> {
        (**self).partner_id_for(country, date)
    }
    fn timeline(&self) -> &Timeline {
        (**self).timeline()
    }
    fn nominees_per_country(&self) -> u32 {
        (**self).nominees_per_country()
    }
    fn has_event(&self, id: &str) -> bool {
        (**self).has_event(id)
    }
    fn nominee_status(&self, cycle: &str, email: &str) -> Option<Option<NominationStatus>> {
        (**self).nominee_status(cycle, email)
    }
}

/// A document of the hub that the rules check: the training cycles, the
/// events, the catalogue, the grants. [`Hub::check`](crate::Hub::check) checks
/// them all; each can be checked on its own against any view.
///
/// Paths in the violations are from the root of the hub's JSON
/// (`events[2].agenda[0]`, `catalogue[1].link`, ...).
///
/// ```
/// use kix_core::Check;
/// let hub = kix_core::emap();
/// assert!(hub.training.check(hub).is_empty());
/// assert!(hub.events.check(hub).is_empty());
/// assert!(hub.catalogue.check(hub).is_empty());
/// assert!(hub.grant_book().check(hub).is_empty());
/// ```
pub trait Check {
    /// Every violation in the document, errors and warnings, in document order.
    fn check(&self, hub: &impl HubView) -> Vec<Violation>;
}
