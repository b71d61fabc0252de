//! The catalogue of knowledge products: filters and counts.

use kix_core as core;

use crate::convert::{country, date};
use crate::error::{KixError, Result};
use crate::objects::Hub;

/// A knowledge product, in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct KnowledgeProduct {
    /// Id.
    pub id: String,
    /// Kind, such as `case_study`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Publication date (ISO).
    pub published_on: String,
    /// Country codes.
    pub countries: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Link.
    pub link: Option<String>,
    /// The event it records.
    pub event: Option<String>,
}

impl From<&core::KnowledgeProduct> for KnowledgeProduct {
    fn from(p: &core::KnowledgeProduct) -> Self {
        KnowledgeProduct {
            id: p.id.clone(),
            kind: p.kind.as_str().to_owned(),
            title: p.title.clone(),
            published_on: p.published_on.to_string(),
            countries: p.countries.iter().map(ToString::to_string).collect(),
            languages: p.languages.clone(),
            link: p.link.clone(),
            event: p.event.clone(),
        }
    }
}

/// A filter over the knowledge-product catalogue; every field that is set must match.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct ProductQuery {
    /// Country code or name.
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// Sub-region id.
    #[uniffi(default = None)]
    pub sub_region: Option<String>,
    /// Organisation id (of the product, or the partner covering one of its countries).
    #[uniffi(default = None)]
    pub partner: Option<String>,
    /// Kind, such as `case_study`.
    #[uniffi(default = None)]
    pub kind: Option<String>,
    /// Language (ISO 639-1).
    #[uniffi(default = None)]
    pub language: Option<String>,
    /// Published on or after (ISO date).
    #[uniffi(default = None)]
    pub from: Option<String>,
    /// Published on or before (ISO date).
    #[uniffi(default = None)]
    pub to: Option<String>,
}

impl TryFrom<ProductQuery> for core::ProductQuery {
    type Error = KixError;

    fn try_from(query: ProductQuery) -> Result<Self> {
        Ok(core::ProductQuery {
            country: query.country.as_deref().map(country).transpose()?,
            sub_region: query.sub_region,
            partner: query.partner,
            kind: query.kind.as_deref().map(str::parse).transpose()?,
            language: query.language,
            from: query.from.as_deref().map(date).transpose()?,
            to: query.to.as_deref().map(date).transpose()?,
        })
    }
}

/// How many products of a kind concern a country in a period.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProductCount {
    /// Phase id.
    pub phase: String,
    /// Month index or project year (0 by phase).
    pub period: u32,
    /// Country code, if the product names countries.
    pub country: Option<String>,
    /// Kind.
    pub kind: String,
    /// How many.
    pub count: u32,
}

impl From<core::ProductCount> for ProductCount {
    fn from(c: core::ProductCount) -> Self {
        ProductCount {
            phase: c.phase,
            period: c.period,
            country: c.country.map(|c| c.to_string()),
            kind: c.kind.as_str().to_owned(),
            count: c.count,
        }
    }
}

#[uniffi::export]
impl Hub {
    /// Knowledge products matching every filter that is set.
    pub fn products(&self, query: ProductQuery) -> Result<Vec<KnowledgeProduct>> {
        let query = core::ProductQuery::try_from(query)?;
        Ok(self.read().products(&query).into_iter().map(KnowledgeProduct::from).collect())
    }

    /// Products per phase and period (`month`, `project_year` or `phase`), country and kind.
    pub fn product_counts(&self, by: String) -> Result<Vec<ProductCount>> {
        Ok(self.read().product_counts(by.parse()?).into_iter().map(ProductCount::from).collect())
    }
}
