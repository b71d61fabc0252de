//! The knowledge exchange platform's catalogue: publications, case studies,
//! research projects, tools, podcast episodes, blog posts and webinar recordings.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::event::{Party, language_name};
use crate::hub::Hub;
use crate::text::normalize_email;
use crate::training::NominationStatus;
use crate::violation::{Code, Violation};

/// What kind of knowledge product.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::ProductKind::CaseStudy)?, r#""case_study""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// A report, paper or brief.
    Publication,
    /// A case study (such as those written in training cycles).
    CaseStudy,
    /// A research project.
    ResearchProject,
    /// A tool or toolkit.
    Tool,
    /// An episode of a podcast.
    PodcastEpisode,
    /// A blog post.
    BlogPost,
    /// The recording of a webinar.
    WebinarRecording,
}

/// The training cycle and nominee that produced a product.
/// Its `Debug` output hides the e-mail.
///
/// ```
/// let link = kix_core::TrainingLink { cycle: "cycle-1".into(), nominee_email: "a@example.org".into() };
/// assert!(!format!("{link:?}").contains("example.org"));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingLink {
    /// The cycle's id.
    pub cycle: String,
    /// The nominee's e-mail, as in the cycle's nominations.
    pub nominee_email: String,
}

impl fmt::Debug for TrainingLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrainingLink").field("cycle", &self.cycle).field("nominee_email", &"<redacted>").finish()
    }
}

/// A product of the knowledge exchange platform.
///
/// ```
/// let rec = &kix_core::emap().catalogue[0];
/// assert_eq!(rec.kind, kix_core::ProductKind::WebinarRecording);
/// assert_eq!(rec.event.as_deref(), Some("kix-emap-webinar-20"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeProduct {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: ProductKind,
    /// Title.
    pub title: String,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Publication date.
    pub published_on: NaiveDate,
    /// Authors, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Organisations (hub organisation ids or names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Party>,
    /// Countries it concerns (members of the hub).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryCode>,
    /// Sub-regions it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_regions: Vec<String>,
    /// Languages (ISO 639-1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Where to find it (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The training cycle and nominee that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<TrainingLink>,
    /// The event it records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// A filter over the catalogue; every field that is set must match.
///
/// ```
/// let q = kix_core::ProductQuery { kind: Some(kix_core::ProductKind::WebinarRecording), ..Default::default() };
/// assert_eq!(kix_core::emap().products(&q).len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductQuery {
    /// Products that concern this country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Products that concern this sub-region (named, or through one of its countries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_region: Option<String>,
    /// Products by this organisation, or about a country this partner covered on the publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// Products of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ProductKind>,
    /// Products in this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Published on or after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Published on or before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

/// How to bucket counts over the timeline.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::CountBy::ProjectYear)?, r#""project_year""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountBy {
    /// By month index of the phase.
    Month,
    /// By project year of the phase.
    ProjectYear,
    /// By phase only.
    Phase,
}

/// How many products of a kind concern a country in a period.
///
/// ```
/// let counts = kix_core::emap().product_counts(kix_core::CountBy::Phase);
/// assert_eq!(counts[0].phase, "extension");
/// assert_eq!(counts[0].count, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductCount {
    /// The phase id.
    pub phase: String,
    /// The month index or project year in the phase (0 when counting by phase).
    pub period: u32,
    /// The country (absent for products that name none).
    pub country: Option<CountryCode>,
    /// The kind.
    pub kind: ProductKind,
    /// How many.
    pub count: u32,
}

/// Whether a link is an http(s) URL with a host that has a dot, and no spaces
/// or control characters.
fn valid_link(link: &str) -> bool {
    let Some(rest) = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host =
        host.split_once(':').map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { "" });
    let labels_ok = host
        .split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-') && !l.starts_with('-'));
    host.contains('.') && labels_ok && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl Hub {
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
        self.catalogue
            .iter()
            .filter(|p| q.country.is_none_or(|c| p.countries.contains(&c)))
            .filter(|p| q.kind.is_none_or(|k| p.kind == k))
            .filter(|p| q.language.as_ref().is_none_or(|l| p.languages.iter().any(|x| x.eq_ignore_ascii_case(l))))
            .filter(|p| q.from.is_none_or(|d| p.published_on >= d))
            .filter(|p| q.to.is_none_or(|d| p.published_on <= d))
            .filter(|p| {
                q.sub_region.as_ref().is_none_or(|id| {
                    p.sub_regions.contains(id)
                        || self.sub_region(id).is_some_and(|s| p.countries.iter().any(|c| s.countries.contains(c)))
                })
            })
            .filter(|p| {
                q.partner.as_ref().is_none_or(|id| {
                    p.organisations.iter().any(|o| o.organisation.as_ref() == Some(id))
                        || p.countries.iter().any(|&c| self.partner_for(c, p.published_on).is_some_and(|o| &o.id == id))
                })
            })
            .collect()
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
        let mut counts: BTreeMap<(String, u32, Option<CountryCode>, ProductKind), u32> = BTreeMap::new();
        for p in &self.catalogue {
            let Ok(pos) = self.timeline.position(p.published_on) else { continue };
            let period = match by {
                CountBy::Month => pos.month_index,
                CountBy::ProjectYear => pos.project_year,
                CountBy::Phase => 0,
            };
            let countries: Vec<Option<CountryCode>> =
                if p.countries.is_empty() { vec![None] } else { p.countries.iter().map(|c| Some(*c)).collect() };
            for c in countries {
                *counts.entry((pos.phase.clone(), period, c, p.kind)).or_insert(0) += 1;
            }
        }
        counts
            .into_iter()
            .map(|((phase, period, country, kind), count)| ProductCount { phase, period, country, kind, count })
            .collect()
    }

    /// Every violation in the catalogue: unknown countries, organisations,
    /// sub-regions, languages and references, nominees who did not complete
    /// their cycle, malformed links, missing fields, duplicate ids, and (as
    /// warnings) dates outside every phase.
    ///
    /// ```
    /// assert!(kix_core::emap().check_catalogue().is_empty());
    /// ```
    #[must_use]
    pub fn check_catalogue(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.catalogue.iter().enumerate() {
            let at = |field: &str| format!("catalogue[{i}].{field}");
            if let Some(&first) = ids.get(p.id.as_str()) {
                out.push(
                    Violation::new(Code::HubDuplicateId, at("id"), format!("product {:?} is listed twice", p.id))
                        .with_param("id", &p.id)
                        .with_param("first_index", first),
                );
            } else {
                ids.insert(&p.id, i);
            }
            for (field, value) in [("id", &p.id), ("title", &p.title)] {
                if value.trim().is_empty() {
                    out.push(
                        Violation::new(Code::CatalogueMissingField, at(field), format!("{field} is empty"))
                            .with_param("field", field),
                    );
                }
            }
            for (k, &c) in p.countries.iter().enumerate() {
                if !self.is_member(c) {
                    out.push(
                        Violation::new(
                            Code::CatalogueUnknownCountry,
                            at(&format!("countries[{k}]")),
                            format!("{c} ({}) is not a member of the hub", c.name()),
                        )
                        .with_param("country", c),
                    );
                }
            }
            for (k, o) in p.organisations.iter().enumerate() {
                if let Some(id) = &o.organisation
                    && self.organisation(id).is_none()
                {
                    out.push(
                        Violation::new(
                            Code::CatalogueUnknownOrganisation,
                            at(&format!("organisations[{k}].organisation")),
                            format!("no hub organisation with id {id:?}"),
                        )
                        .with_param("organisation", id),
                    );
                }
            }
            for (k, s) in p.sub_regions.iter().enumerate() {
                if self.sub_region(s).is_none() {
                    out.push(
                        Violation::new(
                            Code::CatalogueUnknownSubRegion,
                            at(&format!("sub_regions[{k}]")),
                            format!("no sub-region with id {s:?}"),
                        )
                        .with_param("sub_region", s),
                    );
                }
            }
            for (k, l) in p.languages.iter().enumerate() {
                if language_name(l).is_none() {
                    out.push(
                        Violation::new(
                            Code::CatalogueUnknownLanguage,
                            at(&format!("languages[{k}]")),
                            format!("{l:?} is not an ISO 639-1 language code"),
                        )
                        .with_param("language", l),
                    );
                }
            }
            if let Some(link) = &p.link
                && !valid_link(link)
            {
                out.push(
                    Violation::new(
                        Code::CatalogueInvalidLink,
                        at("link"),
                        "the link is not an http(s) URL with a host",
                    )
                    .with_param("link", crate::text::truncate(link, 200)),
                );
            }
            if let Some(event) = &p.event
                && self.event(event).is_none()
            {
                out.push(
                    Violation::new(Code::CatalogueUnknownReference, at("event"), format!("no event with id {event:?}"))
                        .with_param("event", event),
                );
            }
            if let Some(link) = &p.training {
                match self.training_cycle(&link.cycle) {
                    None => out.push(
                        Violation::new(
                            Code::CatalogueUnknownReference,
                            at("training.cycle"),
                            format!("no training cycle with id {:?}", link.cycle),
                        )
                        .with_param("cycle", &link.cycle),
                    ),
                    Some(cycle) => {
                        let key = normalize_email(&link.nominee_email);
                        let nominee = cycle.nominations.iter().find(|n| normalize_email(&n.email) == key);
                        match nominee {
                            None => out.push(
                                Violation::new(
                                    Code::CatalogueUnknownReference,
                                    at("training.nominee_email"),
                                    format!("no such nominee in cycle {:?}", link.cycle),
                                )
                                .with_param("cycle", &link.cycle),
                            ),
                            Some(n) if n.status != NominationStatus::Completed => out.push(
                                Violation::new(
                                    Code::CatalogueNomineeNotCompleted,
                                    at("training.nominee_email"),
                                    format!(
                                        "the nominee's status in cycle {:?} is {}, not completed",
                                        link.cycle, n.status
                                    ),
                                )
                                .with_param("cycle", &link.cycle)
                                .with_param("status", n.status),
                            ),
                            Some(_) => {}
                        }
                    }
                }
            }
            if self.timeline.phase_of(p.published_on).is_err() {
                out.push(
                    Violation::new(
                        Code::CatalogueOutsideProject,
                        at("published_on"),
                        format!("{} lies outside every phase of the project", p.published_on),
                    )
                    .with_param("published_on", p.published_on),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::{Nomination, NominationStep};
    use crate::violation::Violations;

    fn product(id: &str, kind: ProductKind, published_on: &str, countries: &[&str]) -> KnowledgeProduct {
        KnowledgeProduct {
            id: id.into(),
            kind,
            title: format!("Product {id}"),
            summary: None,
            published_on: published_on.parse().unwrap(),
            authors: vec!["A. Author".into()],
            organisations: vec![Party { name: "NORRAG".into(), organisation: Some("norrag".into()) }],
            countries: countries.iter().map(|c| c.parse().unwrap()).collect(),
            sub_regions: vec![],
            languages: vec!["en".into()],
            link: Some(format!("https://www.norrag.org/kix/{id}")),
            training: None,
            event: None,
        }
    }

    /// One product of each kind, as the issue asks, spread over the timeline.
    fn catalogue() -> Vec<KnowledgeProduct> {
        vec![
            product("pub-1", ProductKind::Publication, "2021-05-10", &["KG", "TJ"]),
            product("case-1", ProductKind::CaseStudy, "2021-03-15", &["NP"]),
            product("research-1", ProductKind::ResearchProject, "2022-09-01", &["AL", "GE", "MD"]),
            product("tool-1", ProductKind::Tool, "2023-02-01", &[]),
            product("pod-1", ProductKind::PodcastEpisode, "2021-05-20", &["KG"]),
            product("blog-1", ProductKind::BlogPost, "2024-02-02", &["VN"]),
            product("rec-1", ProductKind::WebinarRecording, "2024-07-31", &[]),
        ]
    }

    fn hub_with_catalogue() -> Hub {
        let mut hub = crate::emap().clone();
        hub.catalogue = catalogue();
        hub
    }

    #[test]
    fn queries_filter_by_every_field() {
        let hub = hub_with_catalogue();
        let ids = |q: ProductQuery| hub.products(&q).iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(ProductQuery { country: Some("KG".parse().unwrap()), ..Default::default() }),
            ["pub-1", "pod-1"]
        );
        assert_eq!(
            ids(ProductQuery { sub_region: Some("central-asia-mongolia".into()), ..Default::default() }),
            ["pub-1", "pod-1"]
        );
        // ACER covered Nepal in 2021; NORRAG is an organisation of every product here.
        assert_eq!(ids(ProductQuery { partner: Some("acer".into()), ..Default::default() }), ["case-1"]);
        assert_eq!(ids(ProductQuery { partner: Some("norrag".into()), ..Default::default() }).len(), 7);
        assert_eq!(ids(ProductQuery { kind: Some(ProductKind::Tool), ..Default::default() }), ["tool-1"]);
        assert_eq!(ids(ProductQuery { language: Some("EN".into()), ..Default::default() }).len(), 7);
        let spring_2021 = ProductQuery {
            from: Some("2021-03-01".parse().unwrap()),
            to: Some("2021-05-15".parse().unwrap()),
            ..Default::default()
        };
        assert_eq!(ids(spring_2021), ["pub-1", "case-1"]);
    }

    #[test]
    fn counts_per_country_and_kind_by_year() {
        let hub = hub_with_catalogue();
        let counts = hub.product_counts(CountBy::ProjectYear);
        let get = |phase: &str, year: u32, country: Option<&str>, kind: ProductKind| {
            counts
                .iter()
                .find(|c| {
                    c.phase == phase
                        && c.period == year
                        && c.country.map(|c| c.to_string()).as_deref() == country
                        && c.kind == kind
                })
                .map(|c| c.count)
        };
        assert_eq!(get("phase-1", 1, Some("NP"), ProductKind::CaseStudy), Some(1), "March 2021 is year 1");
        assert_eq!(get("phase-1", 2, Some("KG"), ProductKind::Publication), Some(1));
        assert_eq!(get("phase-1", 2, Some("KG"), ProductKind::PodcastEpisode), Some(1));
        assert_eq!(get("phase-1", 3, None, ProductKind::Tool), Some(1));
        assert_eq!(get("extension", 1, Some("VN"), ProductKind::BlogPost), Some(1));
        let total: u32 = counts.iter().map(|c| c.count).sum();
        assert_eq!(total, 10, "one per country named, one for each product without countries");
    }

    #[test]
    fn a_clean_catalogue_checks_clean() {
        assert!(hub_with_catalogue().check_catalogue().is_empty());
    }

    #[test]
    fn every_catalogue_rule_is_reported() {
        let mut hub = hub_with_catalogue();
        let p = &mut hub.catalogue[0];
        p.countries.push("FR".parse().unwrap());
        p.organisations.push(Party { name: "X".into(), organisation: Some("nobody".into()) });
        p.sub_regions.push("atlantis".into());
        p.languages.push("english".into());
        p.link = Some("ftp://example.org/x".into());
        p.event = Some("no-such-event".into());
        p.published_on = "2019-01-01".parse().unwrap();
        p.title = " ".into();
        let codes = hub.check_catalogue().codes();
        assert_eq!(
            codes,
            [
                Code::CatalogueMissingField,
                Code::CatalogueUnknownCountry,
                Code::CatalogueUnknownOrganisation,
                Code::CatalogueUnknownSubRegion,
                Code::CatalogueUnknownLanguage,
                Code::CatalogueInvalidLink,
                Code::CatalogueUnknownReference,
                Code::CatalogueOutsideProject,
            ]
        );
    }

    #[test]
    fn a_case_study_needs_a_nominee_who_completed_the_cycle() {
        let mut hub = hub_with_catalogue();
        let on = "2020-07-01".parse().unwrap();
        let i = hub.nominate("cycle-1", Nomination::new("Sita", "sita@example.np", "NP".parse().unwrap(), on)).unwrap();
        hub.catalogue[1].training =
            Some(TrainingLink { cycle: "cycle-1".into(), nominee_email: "Sita@Example.np".into() });
        assert_eq!(hub.check_catalogue().codes(), [Code::CatalogueNomineeNotCompleted]);
        for step in [
            NominationStep::Endorse { on: "2020-07-20".parse().unwrap() },
            NominationStep::Confirm { on: "2020-08-01".parse().unwrap() },
            NominationStep::Complete { on: "2020-11-30".parse().unwrap() },
        ] {
            hub.advance("cycle-1", i, step).unwrap();
        }
        assert!(hub.check_catalogue().is_empty());
        hub.catalogue[1].training =
            Some(TrainingLink { cycle: "cycle-1".into(), nominee_email: "ram@example.np".into() });
        assert_eq!(hub.check_catalogue().codes(), [Code::CatalogueUnknownReference]);
    }

    #[test]
    fn links_must_be_http_urls_with_a_host() {
        for good in ["https://www.norrag.org/x", "http://example.org", "https://kix.example.org:8443/a?b#c"] {
            assert!(valid_link(good), "{good}");
        }
        for bad in [
            "www.norrag.org",
            "https://",
            "https://localhost/x",
            "https://exa mple.org",
            "javascript:alert(1)",
            "https://a..b/",
        ] {
            assert!(!valid_link(bad), "{bad}");
        }
    }
}
