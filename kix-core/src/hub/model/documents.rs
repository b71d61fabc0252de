//! The hub's documents (events, training cycles, the catalogue, grants) and the view the rules read of the hub.

use super::*;

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

pub(super) fn invalid_period(path: String, p: &Period) -> Violation {
    Violation::new(Code::HubInvalidPeriod, path, "the period ends before it starts")
        .with_param("from", p.from)
        .with_param("until", p.until)
}
