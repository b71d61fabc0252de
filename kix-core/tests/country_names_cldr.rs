//! Every CLDR name of every ISO country, in every locale the npm package `cldr-localenames-full`
//! ships, read from the package itself at test time (not from kix's generated table): each
//! resolves to its own country or is refused as ambiguous with its country among the
//! candidates, never to another country. Prints the resolution rates.
//!
//! The package is installed by `make names-sources` (part of `make test`). Without it the test
//! fails under CI (`CI=true`) and skips with a message elsewhere.

use std::collections::BTreeMap;
use std::path::PathBuf;

use kix_core::Code;
use kix_core::country::{iso_countries, resolve_country};

/// Languages of the hub's members that CLDR has, with their script variants (Urdu and Sindhi
/// for Sindh, Tok Pisin for Papua New Guinea, Portuguese for Timor-Leste; CLDR has no
/// territory names in Dhivehi or Tetum).
const MEMBER_LOCALES: &[&str] = &[
    "ky", "tg", "uz", "uz-Cyrl", "mn", "ne", "dz", "km", "my", "lo", "bn", "ka", "sq", "ro", "ps", "fa", "kk", "vi",
    "ur", "sd", "tpi", "pt",
];

#[derive(Default)]
struct Tally {
    names: usize,
    resolved: usize,
    ambiguous: usize,
    /// Names written as another country's code in capitals ("RU" for the United Kingdom in
    /// Spanish), which the rule reads as that code.
    codes: Vec<String>,
    unknown: Vec<String>,
    wrong: Vec<String>,
}

fn cldr_main() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/names/node_modules/cldr-localenames-full/main");
    dir.is_dir().then_some(dir)
}

#[test]
fn every_cldr_name_of_every_country_in_every_locale_resolves_to_it_or_is_ambiguous() {
    let Some(main) = cldr_main() else {
        let msg = "tools/names/node_modules/cldr-localenames-full is missing: run `make names-sources`";
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{msg}");
        eprintln!("skipped: {msg}");
        return;
    };
    let iso: Vec<&str> = iso_countries().iter().map(|c| c.alpha2.as_str()).collect();
    let mut by_locale: BTreeMap<String, Tally> = BTreeMap::new();
    for entry in std::fs::read_dir(&main).unwrap() {
        let dir = entry.unwrap().path();
        let file = dir.join("territories.json");
        if !file.exists() {
            continue;
        }
        let locale = dir.file_name().unwrap().to_string_lossy().into_owned();
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let territories = doc["main"][&locale]["localeDisplayNames"]["territories"].as_object().unwrap();
        let tally = by_locale.entry(locale.clone()).or_default();
        for (id, name) in territories {
            let code = id.split("-alt-").next().unwrap();
            let name = name.as_str().unwrap();
            if !iso.contains(&code) {
                continue; // regions such as 001, EU, QO are not countries
            }
            tally.names += 1;
            match resolve_country(name) {
                Ok(c) if c.as_str() == code => tally.resolved += 1,
                Ok(c) if name == c.as_str() || name == c.alpha3() => {
                    tally.codes.push(format!("{locale} {id} {name:?}"))
                }
                Ok(c) => tally.wrong.push(format!("{locale} {id} {name:?} -> {c}")),
                Err(v) if v.code == Code::CountryAmbiguous => {
                    let listed = v.params["candidates"].as_array().unwrap().iter().any(|x| x == code);
                    if listed {
                        tally.ambiguous += 1;
                    } else {
                        tally.wrong.push(format!("{locale} {id} {name:?} -> ambiguous {}", v.params["candidates"]));
                    }
                }
                Err(_) => tally.unknown.push(format!("{id} {name:?}")),
            }
        }
    }
    assert!(by_locale.len() > 600, "only {} locales read", by_locale.len());

    let rate = |locales: &mut dyn Iterator<Item = &Tally>| -> (usize, usize, f64) {
        let (n, ok) = locales.fold((0, 0), |(n, ok), t| (n + t.names, ok + t.resolved));
        (n, ok, if n == 0 { 0.0 } else { 100.0 * ok as f64 / n as f64 })
    };
    let (n, ok, all) = rate(&mut by_locale.values());
    let ambiguous: usize = by_locale.values().map(|t| t.ambiguous).sum();
    let wrong: Vec<&String> = by_locale.values().flat_map(|t| &t.wrong).collect();
    let codes: Vec<&String> = by_locale.values().flat_map(|t| &t.codes).collect();
    eprintln!("read as another country's code (capitals): {} {codes:?}", codes.len());
    eprintln!(
        "CLDR names: {n} in {} locales; resolved {ok} ({all:.2}%), ambiguous {ambiguous}, wrong {}",
        by_locale.len(),
        wrong.len()
    );
    let (mn, mok, members) = rate(&mut MEMBER_LOCALES.iter().filter_map(|l| by_locale.get(*l)));
    eprintln!("member languages {MEMBER_LOCALES:?}: {mok}/{mn} ({members:.2}%)");
    for locale in MEMBER_LOCALES.iter().chain(&["en", "ru", "ar", "fr", "es", "zh", "zh-Hant"]) {
        if let Some(t) = by_locale.get(*locale) {
            let (n, ok, r) = rate(&mut std::iter::once(t));
            eprintln!("  {locale}: {ok}/{n} ({r:.1}%), ambiguous {}, unknown {:?}", t.ambiguous, t.unknown);
        }
    }
    assert!(wrong.is_empty(), "{} names resolve to another country: {wrong:#?}", wrong.len());
    assert!(all >= 97.0, "overall {all:.2}%");
    assert!(members >= 97.0, "member languages {members:.2}%");
    for locale in ["ru", "ar", "fr"] {
        let (_, _, r) = rate(&mut by_locale.get(locale).into_iter());
        assert!(r >= 97.0, "{locale}: {r:.2}%");
    }
}
