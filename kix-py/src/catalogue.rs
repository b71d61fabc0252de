//! The catalogue: product filters from keyword arguments, products and counts as tables.
//! Conversion only (no class or function of its own): `Hub.products` and
//! `Hub.product_counts` call it.

use kix_core as core;
use pyo3::prelude::*;

use crate::classes::country_arg;
use crate::convert::date_arg;
use crate::errors::IntoPyResult;
use crate::json::to_dict;
use crate::table::{Table, table};

/// The filters of `Hub.products`, read from its keyword arguments.
#[allow(clippy::too_many_arguments)]
pub(crate) fn product_query(
    py: Python<'_>,
    country: Option<&Bound<'_, PyAny>>,
    sub_region: Option<String>,
    partner: Option<String>,
    kind: Option<String>,
    language: Option<String>,
    start: Option<&Bound<'_, PyAny>>,
    end: Option<&Bound<'_, PyAny>>,
) -> PyResult<core::ProductQuery> {
    Ok(core::ProductQuery {
        country: country.map(|c| country_arg(py, c)).transpose()?,
        sub_region,
        partner,
        kind: kind.map(|k| k.parse::<core::ProductKind>()).transpose().py_err(py)?,
        language,
        from: start.map(date_arg).transpose()?,
        to: end.map(date_arg).transpose()?,
    })
}

pub(crate) fn products_table(py: Python<'_>, found: &[&core::KnowledgeProduct]) -> PyResult<Table> {
    let cells = found
        .iter()
        .map(|p| {
            let countries: Vec<&str> = p.countries.iter().map(|c| c.as_str()).collect();
            vec![
                p.id.clone(),
                p.kind.as_str().to_owned(),
                p.title.clone(),
                p.published_on.to_string(),
                countries.join(" "),
            ]
        })
        .collect();
    let records = to_dict(py, &found)?;
    let items = records.try_iter()?.map(|r| r.map(Bound::unbind)).collect::<PyResult<Vec<_>>>()?;
    table("Products", items, &["id", "kind", "title", "published", "countries"], cells, records)
}

pub(crate) fn counts_table(py: Python<'_>, counts: &[core::ProductCount]) -> PyResult<Table> {
    let cells = counts
        .iter()
        .map(|c| {
            let country = c.country.map(|c| c.to_string()).unwrap_or_default();
            vec![c.phase.clone(), c.period.to_string(), country, c.kind.as_str().to_owned(), c.count.to_string()]
        })
        .collect();
    let records = to_dict(py, &counts)?;
    let items = records.try_iter()?.map(|r| r.map(Bound::unbind)).collect::<PyResult<Vec<_>>>()?;
    table("ProductCounts", items, &["phase", "period", "country", "kind", "count"], cells, records)
}
