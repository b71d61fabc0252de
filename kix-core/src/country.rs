//! ISO 3166-1 countries: validated codes and the names people type.
//!
//! kix knows every ISO 3166-1 country, not only the hub's members, because
//! registrants come from anywhere. The list is JSON embedded in the crate
//! (`data/iso3166.json`, generated from the iso-codes data by
//! `tools/gen_iso_data.py`), with the variants people actually type added
//! ("Kyrgyz Republic", "Lao PDR", "Burma", "East Timor", ...).
//!
//! Name matching ignores case, accents, punctuation and extra spaces, so
//! "  CÔTE D’IVOIRE " finds Côte d'Ivoire.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::Error;
pub(crate) use crate::text::truncate;
use crate::violation::{Code, Violation};

/// One entry of the ISO 3166-1 list.
///
/// ```
/// let vn = kix_core::country::iso("VN").unwrap();
/// assert_eq!(vn.alpha3, "VNM");
/// assert_eq!(vn.name, "Vietnam");
/// assert!(vn.aliases.iter().any(|a| a == "Viet Nam"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IsoCountry {
    /// Alpha-2 code, e.g. `KG`.
    pub alpha2: String,
    /// Alpha-3 code, e.g. `KGZ`.
    pub alpha3: String,
    /// Numeric code, e.g. `417`.
    pub numeric: String,
    /// English short name in common use, e.g. `Kyrgyzstan`.
    pub name: String,
    /// ISO's own short and official names where they differ, and common variants.
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct IsoFile {
    #[allow(dead_code)]
    source: String,
    countries: Vec<IsoCountry>,
}

struct Registry {
    countries: Vec<IsoCountry>,
    codes: Vec<CountryCode>,
    /// Index by alpha-2 letters (26 × 26 slots), so code lookups hash nothing.
    by_alpha2: Vec<Option<u16>>,
    /// Index by alpha-3 letters (26 × 26 × 26 slots).
    by_alpha3: Vec<Option<u16>>,
    by_name: HashMap<String, usize>,
}

/// The slot of an ASCII-letter code in a direct table, case-insensitive.
fn code_slot(code: &[u8]) -> Option<usize> {
    code.iter().try_fold(0usize, |acc, &b| {
        let letter = b.to_ascii_uppercase();
        letter.is_ascii_uppercase().then(|| acc * 26 + usize::from(letter - b'A'))
    })
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        // The file is part of the crate and checked by the test suite; if it
        // were ever unreadable every lookup would fail cleanly (empty registry),
        // never panic.
        let countries = serde_json::from_str::<IsoFile>(include_str!("../data/iso3166.json"))
            .map(|f| f.countries)
            .unwrap_or_default();
        let mut by_alpha2 = vec![None; 26 * 26];
        let mut by_alpha3 = vec![None; 26 * 26 * 26];
        let mut by_name = HashMap::new();
        let mut codes = Vec::with_capacity(countries.len());
        for (i, c) in countries.iter().enumerate() {
            let (Some(a2), Some(a3), Ok(index)) =
                (code_slot(c.alpha2.as_bytes()), code_slot(c.alpha3.as_bytes()), u16::try_from(i))
            else {
                continue;
            };
            if let (Some(s2), Some(s3)) = (by_alpha2.get_mut(a2), by_alpha3.get_mut(a3)) {
                *s2 = Some(index);
                *s3 = Some(index);
            }
            if let &[a, b] = c.alpha2.as_bytes() {
                codes.push(CountryCode([a, b]));
            }
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                by_name.entry(name_key(name)).or_insert(i);
            }
        }
        Registry { countries, codes, by_alpha2, by_alpha3, by_name }
    })
}

/// The whole ISO 3166-1 list (249 countries), sorted by alpha-2 code.
///
/// ```
/// assert_eq!(kix_core::country::iso_countries().len(), 249);
/// ```
#[must_use]
pub fn iso_countries() -> &'static [IsoCountry] {
    &registry().countries
}

/// The ISO entry of an alpha-2 code (exact, upper case).
///
/// ```
/// assert_eq!(kix_core::country::iso("NP").unwrap().name, "Nepal");
/// assert!(kix_core::country::iso("XX").is_none());
/// ```
#[must_use]
pub fn iso(alpha2: &str) -> Option<&'static IsoCountry> {
    let r = registry();
    if alpha2.len() != 2 || !alpha2.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let index = r.by_alpha2.get(code_slot(alpha2.as_bytes())?).copied().flatten()?;
    r.countries.get(usize::from(index))
}

/// The key under which names are compared: accents removed (NFKD without
/// combining marks), lower case, punctuation as spaces, spaces collapsed, a
/// leading "the" dropped.
///
/// ```
/// use kix_core::country::name_key;
/// assert_eq!(name_key("  Côte d’Ivoire "), "cote d ivoire");
/// assert_eq!(name_key("The Gambia"), "gambia");
/// assert_eq!(name_key("KYRGYZ-Republic"), "kyrgyz republic");
/// ```
#[must_use]
pub fn name_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // NFKD changes no ASCII character, so ASCII text skips the decomposition.
    let chars: Box<dyn Iterator<Item = char>> =
        if text.is_ascii() { Box::new(text.chars()) } else { Box::new(text.nfkd().filter(|c| !is_combining_mark(*c))) };
    for c in chars {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => out,
    }
}

/// An assigned ISO 3166-1 alpha-2 country code, such as `KG`.
///
/// Construction validates against the ISO list, so a `CountryCode` always
/// names a real country. It serializes as the two-letter string.
///
/// ```
/// use kix_core::CountryCode;
/// let kg: CountryCode = "KG".parse()?;
/// assert_eq!(kg.as_str(), "KG");
/// assert_eq!(kg.name(), "Kyrgyzstan");
/// assert_eq!(kg.alpha3(), "KGZ");
/// assert!("XX".parse::<CountryCode>().is_err());
/// assert!("kg".parse::<CountryCode>().is_err(), "codes are upper case; use resolve_country for anything typed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Validates an upper-case alpha-2 code.
    ///
    /// ```
    /// assert!(kix_core::CountryCode::new("PK").is_ok());
    /// ```
    pub fn new(code: &str) -> Result<Self, Error> {
        match code.as_bytes() {
            &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() && iso(code).is_some() => {
                Ok(CountryCode([a, b]))
            }
            _ => Err(Error::InvalidCountryCode(code.to_owned())),
        }
    }

    /// The two-letter code.
    ///
    /// ```
    /// assert_eq!(kix_core::CountryCode::new("NP").unwrap().as_str(), "NP");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII upper-case letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    fn entry(self) -> Option<&'static IsoCountry> {
        iso(self.as_str())
    }

    /// The English short name in common use.
    ///
    /// ```
    /// assert_eq!(kix_core::CountryCode::new("MD").unwrap().name(), "Moldova");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        self.entry().map_or("", |c| c.name.as_str())
    }

    /// The alpha-3 code.
    ///
    /// ```
    /// assert_eq!(kix_core::CountryCode::new("TL").unwrap().alpha3(), "TLS");
    /// ```
    #[must_use]
    pub fn alpha3(self) -> &'static str {
        self.entry().map_or("", |c| c.alpha3.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CountryCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        CountryCode::new(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        CountryCode::new(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CountryCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CountryCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = iso_countries().iter().map(|c| c.alpha2.as_str()).collect();
        schemars::json_schema!({
            "description": "An assigned ISO 3166-1 alpha-2 country code.",
            "type": "string",
            "enum": codes,
        })
    }
}

/// Finds the country that a code or name typed by a person means.
///
/// Accepts alpha-2 and alpha-3 codes in any case, ISO 3166-2 subdivision codes
/// (`PK-SD` means Pakistan), ISO's short and official names, and the common
/// variants, ignoring case, accents, punctuation and spacing. Returns a
/// `country.unknown` violation, with the text in its parameters, when nothing
/// matches.
///
/// ```
/// use kix_core::resolve_country;
/// assert_eq!(resolve_country("Kyrgyz Republic")?.as_str(), "KG");
/// assert_eq!(resolve_country("kyrgyzstan")?.as_str(), "KG");
/// assert_eq!(resolve_country("Moldova, Republic of")?.as_str(), "MD");
/// assert_eq!(resolve_country("Lao PDR")?.as_str(), "LA");
/// assert_eq!(resolve_country("Viet Nam")?.as_str(), "VN");
/// assert_eq!(resolve_country("East Timor")?.as_str(), "TL");
/// assert_eq!(resolve_country("Burma")?.as_str(), "MM");
/// assert_eq!(resolve_country("Türkiye")?.as_str(), "TR");
/// assert_eq!(resolve_country("npl")?.as_str(), "NP");
/// assert_eq!(resolve_country("PK-SD")?.as_str(), "PK");
/// let err = resolve_country("Atlantis").unwrap_err();
/// assert_eq!(err.code, kix_core::Code::CountryUnknown);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_country(text: &str) -> Result<CountryCode, Violation> {
    lookup(text).ok_or_else(|| {
        Violation::new(
            Code::CountryUnknown,
            "",
            format!("{:?} is not a country code or name that ISO 3166-1 knows", truncate(text, 80)),
        )
        .with_param("text", truncate(text, 200))
    })
}

fn lookup(text: &str) -> Option<CountryCode> {
    let trimmed = text.trim();
    let r = registry();
    let code_index = |t: &str| -> Option<usize> {
        let table = match t.len() {
            2 => &r.by_alpha2,
            3 => &r.by_alpha3,
            _ => return None,
        };
        table.get(code_slot(t.as_bytes())?).copied().flatten().map(usize::from)
    };
    let index = code_index(trimmed)
        .or_else(|| {
            // ISO 3166-2 subdivision code: "PK-SD" is in Pakistan.
            let (country, sub) = trimmed.split_once('-')?;
            let sub_ok = (1..=3).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphanumeric());
            if country.len() == 2 && sub_ok { code_index(country) } else { None }
        })
        .or_else(|| {
            if trimmed.len() > 200 {
                return None;
            }
            r.by_name.get(&name_key(trimmed)).copied()
        })?;
    r.codes.get(index).copied()
}

/// A day of the week, written in lower case in JSON (`"saturday"`).
///
/// ```
/// use kix_core::Weekday;
/// assert_eq!(Weekday::from(chrono::Weekday::Fri), Weekday::Friday);
/// assert_eq!(serde_json::to_string(&Weekday::Friday)?, r#""friday""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<chrono::Weekday> for Weekday {
    fn from(d: chrono::Weekday) -> Self {
        match d {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Weekday::Monday => "Mon",
            Weekday::Tuesday => "Tue",
            Weekday::Wednesday => "Wed",
            Weekday::Thursday => "Thu",
            Weekday::Friday => "Fri",
            Weekday::Saturday => "Sat",
            Weekday::Sunday => "Sun",
        };
        f.write_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iso_list_is_complete_and_consistent() {
        let all = iso_countries();
        assert_eq!(all.len(), 249);
        for c in all {
            assert_eq!(CountryCode::new(&c.alpha2).unwrap().as_str(), c.alpha2);
            assert_eq!(resolve_country(&c.alpha3).unwrap().as_str(), c.alpha2, "{}", c.alpha3);
            assert_eq!(resolve_country(&c.name).unwrap().as_str(), c.alpha2, "{}", c.name);
        }
    }

    #[test]
    fn every_name_and_alias_resolves_to_its_own_country_or_an_earlier_claim() {
        // An alias shared by two countries would silently resolve to the first;
        // make such a collision visible.
        let r = registry();
        for c in iso_countries() {
            for a in std::iter::once(&c.name).chain(&c.aliases) {
                let owner = r.by_name.get(&name_key(a)).and_then(|&i| r.countries.get(i)).unwrap();
                assert_eq!(owner.alpha2, c.alpha2, "name {a:?} of {} resolves to {}", c.alpha2, owner.alpha2);
            }
        }
    }

    #[test]
    fn the_variants_people_type_for_member_countries_resolve() {
        let cases = [
            ("Kyrgyzstan", "KG"),
            ("Kyrgyz Republic", "KG"),
            ("Moldova", "MD"),
            ("Republic of Moldova", "MD"),
            ("moldova, republic of", "MD"),
            ("Lao PDR", "LA"),
            ("Laos", "LA"),
            ("Lao People's Democratic Republic", "LA"),
            ("Viet Nam", "VN"),
            ("Vietnam", "VN"),
            ("Timor-Leste", "TL"),
            ("East Timor", "TL"),
            ("Myanmar", "MM"),
            ("Burma", "MM"),
            ("Turkey", "TR"),
            ("TÜRKIYE", "TR"),
            ("  papua   new guinea ", "PG"),
            ("Cote d'Ivoire", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("uk", "GB"),
            ("usa", "US"),
            ("the netherlands", "NL"),
        ];
        for (text, code) in cases {
            assert_eq!(resolve_country(text).map(|c| c.to_string()), Ok(code.to_owned()), "{text}");
        }
    }

    #[test]
    fn unknown_names_are_a_violation_with_the_text() {
        let v = resolve_country("Narnia").unwrap_err();
        assert_eq!(v.code, Code::CountryUnknown);
        assert_eq!(v.params["text"], "Narnia");
        assert!(resolve_country("").is_err());
        assert!(resolve_country("XX").is_err());
        assert!(resolve_country("PK-").is_err());
    }

    #[test]
    fn a_huge_name_is_refused_quickly_and_not_echoed_whole() {
        let huge = "a".repeat(10 * 1024 * 1024);
        let v = resolve_country(&huge).unwrap_err();
        assert!(v.message.len() < 200);
        assert!(v.params["text"].as_str().unwrap().chars().count() <= 201);
    }

    #[test]
    fn country_codes_deserialize_only_when_assigned() {
        assert!(serde_json::from_str::<CountryCode>(r#""AF""#).is_ok());
        assert!(serde_json::from_str::<CountryCode>(r#""ZZ""#).is_err());
        assert!(serde_json::from_str::<CountryCode>(r#""AFG""#).is_err());
    }
}
