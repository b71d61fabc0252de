//! The English names that the UN, the World Bank and ISO publish, CLDR's English variants and
//! common typed forms (tests/data/english_country_variants.tsv, with each name's source) resolve
//! to the country they mean: at least 99% of them, and none to another country.

use kix_core::resolve_country;

#[test]
fn english_names_from_the_un_the_world_bank_iso_and_cldr_resolve() {
    let data = include_str!("data/english_country_variants.tsv");
    let rows: Vec<(&str, &str)> = data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            (f.next().unwrap(), f.next().unwrap())
        })
        .collect();
    assert!(rows.len() > 150);
    let mut failed = Vec::new();
    for &(name, code) in &rows {
        match resolve_country(name) {
            Ok(c) => assert_eq!(c.as_str(), code, "{name:?} resolves to another country"),
            Err(v) => failed.push(format!("{name:?} ({code}): {}", v.code)),
        }
    }
    let rate = 100.0 * (rows.len() - failed.len()) as f64 / rows.len() as f64;
    eprintln!(
        "English variants: {}/{} resolved ({rate:.1}%); not resolved: {failed:?}",
        rows.len() - failed.len(),
        rows.len()
    );
    assert!(rate >= 99.0, "{rate:.1}%: {failed:#?}");
}
