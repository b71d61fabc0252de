//! The knowledge exchange platform's catalogue: publications, case studies,
//! research projects, tools, podcast episodes, blog posts and webinar recordings.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::context::nomination::NominationStatus;
use crate::context::{Check, HubView};
use crate::country::CountryCode;
use crate::events::event::{Party, language_name};
use crate::shared::spelling::spelled;
use crate::shared::violation::{Code, Violation};
use crate::time::timeline::Timeline;

/// What kind of knowledge product.
///
/// ```
/// assert_eq!(serde_json::to_string(&kix_core::ProductKind::CaseStudy)?, r#""case_study""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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

impl ProductQuery {
    /// The products of a catalogue that match, in catalogue order (see `Hub::products`).
    pub(crate) fn select<'a>(
        &self,
        catalogue: &'a [KnowledgeProduct],
        hub: &impl HubView,
    ) -> Vec<&'a KnowledgeProduct> {
        let q = self;
        catalogue
            .iter()
            .filter(|p| q.country.is_none_or(|c| p.countries.contains(&c)))
            .filter(|p| q.kind.is_none_or(|k| p.kind == k))
            .filter(|p| q.language.as_ref().is_none_or(|l| p.languages.iter().any(|x| x.eq_ignore_ascii_case(l))))
            .filter(|p| q.from.is_none_or(|d| p.published_on >= d))
            .filter(|p| q.to.is_none_or(|d| p.published_on <= d))
            .filter(|p| {
                q.sub_region.as_ref().is_none_or(|id| {
                    p.sub_regions.contains(id)
                        || hub.sub_region_countries(id).is_some_and(|list| p.countries.iter().any(|c| list.contains(c)))
                })
            })
            .filter(|p| {
                q.partner.as_ref().is_none_or(|id| {
                    p.organisations.iter().any(|o| o.organisation.as_ref() == Some(id))
                        || p.countries.iter().any(|&c| hub.partner_id_for(c, p.published_on) == Some(id.as_str()))
                })
            })
            .collect()
    }
}

/// Counts of a catalogue's products per phase and period, country and kind (see `Hub::product_counts`).
pub(crate) fn product_counts(catalogue: &[KnowledgeProduct], timeline: &Timeline, by: CountBy) -> Vec<ProductCount> {
    let mut counts: BTreeMap<(String, u32, Option<CountryCode>, ProductKind), u32> = BTreeMap::new();
    for p in catalogue {
        let Ok(pos) = timeline.position(p.published_on) else { continue };
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

/// Every violation in the catalogue: duplicate ids, missing fields, unknown
/// countries, organisations, sub-regions, languages and references, nominees
/// who did not complete their cycle, malformed links, and (as warnings) dates
/// outside every phase. Violations come product by product.
///
/// ```
/// use kix_core::Check;
/// let hub = kix_core::emap();
/// assert!(hub.catalogue.check(hub).is_empty());
/// let mut catalogue = hub.catalogue.clone();
/// catalogue[0].countries.push("FR".parse()?);
/// catalogue[0].link = Some("ftp://example.org".into());
/// let codes: Vec<_> = catalogue.check(hub).iter().map(|v| v.code.as_str()).collect();
/// assert_eq!(codes, ["catalogue.unknown_country", "catalogue.invalid_link"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Check for [KnowledgeProduct] {
    fn check(&self, hub: &impl HubView) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.iter().enumerate() {
            let at = format!("catalogue[{i}]");
            if let Some(&first) = ids.get(p.id.as_str()) {
                out.push(
                    Violation::new(
                        Code::HubDuplicateId,
                        format!("{at}.id"),
                        format!("product {:?} is listed twice", p.id),
                    )
                    .with_param("id", &p.id)
                    .with_param("first_index", first),
                );
            } else {
                ids.insert(&p.id, i);
            }
            p.check_required_fields(&at, &mut out);
            p.check_countries(hub, &at, &mut out);
            p.check_organisations(hub, &at, &mut out);
            p.check_sub_regions(hub, &at, &mut out);
            p.check_languages(&at, &mut out);
            p.check_link(&at, &mut out);
            p.check_event(hub, &at, &mut out);
            p.check_training(hub, &at, &mut out);
            p.check_date(hub, &at, &mut out);
        }
        out
    }
}

/// The rules one product meets on its own; `at` is its path (`catalogue[i]`).
impl KnowledgeProduct {
    fn check_required_fields(&self, at: &str, out: &mut Vec<Violation>) {
        for (field, value) in [("id", &self.id), ("title", &self.title)] {
            if value.trim().is_empty() {
                out.push(
                    Violation::new(Code::CatalogueMissingField, format!("{at}.{field}"), format!("{field} is empty"))
                        .with_param("field", field),
                );
            }
        }
    }

    fn check_countries(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        for (k, &c) in self.countries.iter().enumerate() {
            if !hub.is_member(c) {
                out.push(
                    Violation::new(
                        Code::CatalogueUnknownCountry,
                        format!("{at}.countries[{k}]"),
                        format!("{c} ({}) is not a member of the hub", c.name()),
                    )
                    .with_param("country", c),
                );
            }
        }
    }

    fn check_organisations(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        for (k, o) in self.organisations.iter().enumerate() {
            if let Some(id) = &o.organisation
                && !hub.has_organisation(id)
            {
                out.push(
                    Violation::new(
                        Code::CatalogueUnknownOrganisation,
                        format!("{at}.organisations[{k}].organisation"),
                        format!("no hub organisation with id {id:?}"),
                    )
                    .with_param("organisation", id),
                );
            }
        }
    }

    fn check_sub_regions(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        for (k, s) in self.sub_regions.iter().enumerate() {
            if hub.sub_region_countries(s).is_none() {
                out.push(
                    Violation::new(
                        Code::CatalogueUnknownSubRegion,
                        format!("{at}.sub_regions[{k}]"),
                        format!("no sub-region with id {s:?}"),
                    )
                    .with_param("sub_region", s),
                );
            }
        }
    }

    fn check_languages(&self, at: &str, out: &mut Vec<Violation>) {
        for (k, l) in self.languages.iter().enumerate() {
            if language_name(l).is_none() {
                out.push(
                    Violation::new(
                        Code::CatalogueUnknownLanguage,
                        format!("{at}.languages[{k}]"),
                        format!("{l:?} is not an ISO 639-1 language code"),
                    )
                    .with_param("language", l),
                );
            }
        }
    }

    fn check_link(&self, at: &str, out: &mut Vec<Violation>) {
        if let Some(link) = &self.link
            && !valid_link(link)
        {
            out.push(
                Violation::new(
                    Code::CatalogueInvalidLink,
                    format!("{at}.link"),
                    "the link is not an http(s) URL with a host",
                )
                .with_param("link", crate::shared::text::truncate(link, 200)),
            );
        }
    }

    fn check_event(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        if let Some(event) = &self.event
            && !hub.has_event(event)
        {
            out.push(
                Violation::new(
                    Code::CatalogueUnknownReference,
                    format!("{at}.event"),
                    format!("no event with id {event:?}"),
                )
                .with_param("event", event),
            );
        }
    }

    /// A product from a training cycle names a nominee who completed it.
    fn check_training(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        let Some(link) = &self.training else { return };
        match hub.nominee_status(&link.cycle, &link.nominee_email) {
            None => out.push(
                Violation::new(
                    Code::CatalogueUnknownReference,
                    format!("{at}.training.cycle"),
                    format!("no training cycle with id {:?}", link.cycle),
                )
                .with_param("cycle", &link.cycle),
            ),
            Some(None) => out.push(
                Violation::new(
                    Code::CatalogueUnknownReference,
                    format!("{at}.training.nominee_email"),
                    format!("no such nominee in cycle {:?}", link.cycle),
                )
                .with_param("cycle", &link.cycle),
            ),
            Some(Some(status)) if status != NominationStatus::Completed => out.push(
                Violation::new(
                    Code::CatalogueNomineeNotCompleted,
                    format!("{at}.training.nominee_email"),
                    format!("the nominee's status in cycle {:?} is {status}, not completed", link.cycle),
                )
                .with_param("cycle", &link.cycle)
                .with_param("status", status),
            ),
            Some(Some(_)) => {}
        }
    }

    fn check_date(&self, hub: &impl HubView, at: &str, out: &mut Vec<Violation>) {
        if hub.timeline().phase_of(self.published_on).is_err() {
            out.push(
                Violation::new(
                    Code::CatalogueOutsideProject,
                    format!("{at}.published_on"),
                    format!("{} lies outside every phase of the project", self.published_on),
                )
                .with_param("published_on", self.published_on),
            );
        }
    }
}

// How the enums above are written as words (their serde names), for the bindings.
spelled!(CountBy, "count period", "project_year", {
    Month = "month",
    ProjectYear = "project_year",
    Phase = "phase",
});

spelled!(ProductKind, "product kind", "case_study", {
    Publication = "publication",
    CaseStudy = "case_study",
    ResearchProject = "research_project",
    Tool = "tool",
    PodcastEpisode = "podcast_episode",
    BlogPost = "blog_post",
    WebinarRecording = "webinar_recording",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Hub;
    use crate::hub::training::{Nomination, NominationStep};
    use crate::shared::violation::Violations;

    fn product(id: &str, kind: ProductKind, published_on: &str, countries: &[&str]) -> KnowledgeProduct {
        KnowledgeProduct {
            id: id.into(),
            kind,
            title: format!("Product {id}"),
            summary: None,
            published_on: published_on.parse().unwrap(),
            authors: vec!["A. Author".into()],
            organisations: vec![Party {
                name: "NORRAG".into(),
                organisation: Some("norrag".into()),
                ..Default::default()
            }],
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
        assert!({
            let h = hub_with_catalogue();
            h.catalogue.check(&h).is_empty()
        });
    }

    #[test]
    fn every_catalogue_rule_is_reported() {
        let mut hub = hub_with_catalogue();
        let p = &mut hub.catalogue[0];
        p.countries.push("FR".parse().unwrap());
        p.organisations.push(Party { name: "X".into(), organisation: Some("nobody".into()), ..Default::default() });
        p.sub_regions.push("atlantis".into());
        p.languages.push("english".into());
        p.link = Some("ftp://example.org/x".into());
        p.event = Some("no-such-event".into());
        p.published_on = "2019-01-01".parse().unwrap();
        p.title = " ".into();
        let codes = hub.catalogue.check(&hub).codes();
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
        assert_eq!(hub.catalogue.check(&hub).codes(), [Code::CatalogueNomineeNotCompleted]);
        for step in [
            NominationStep::Endorse { on: "2020-07-20".parse().unwrap() },
            NominationStep::Confirm { on: "2020-08-01".parse().unwrap() },
            NominationStep::Complete { on: "2020-11-30".parse().unwrap() },
        ] {
            hub.advance("cycle-1", i, step).unwrap();
        }
        assert!(hub.catalogue.check(&hub).is_empty());
        hub.catalogue[1].training =
            Some(TrainingLink { cycle: "cycle-1".into(), nominee_email: "ram@example.np".into() });
        assert_eq!(hub.catalogue.check(&hub).codes(), [Code::CatalogueUnknownReference]);
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
