//! ISO 3166-1 countries: validated codes and the names people type.
//!
//! kix knows every ISO 3166-1 country, not only the hub's members, because
//! registrants come from anywhere. The list is JSON embedded in the crate
//! (`data/iso3166.json`, generated from the iso-codes data by
//! `tools/gen_iso_data.py`), with the variants people actually type added
//! ("Kyrgyz Republic", "Lao PDR", "Burma", "East Timor", ...).
//!
//! Names come from a second generated table (`data/country_names.tsv`, made by
//! `tools/names/gen_names.py` from CLDR's names in every locale, the UN, World Bank and ISO
//! forms and informal names): "Кыргызстан", "Korea, Rep.", "Trinidad & Tobago", "Oʻzbekiston"
//! all resolve. Names are compared under [`name_key`]. A name that belongs to more than one
//! country ("Congo", "Korea") is a `country.ambiguous` violation listing the candidates,
//! never a guess.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::shared::error::Error;
pub use crate::shared::text::name_key;
pub(crate) use crate::shared::text::truncate;
use crate::shared::violation::{Code, Violation};
use serde::{Deserialize, Serialize};

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
    countries: Vec<IsoCountry>,
}

struct Registry {
    countries: Vec<IsoCountry>,
    codes: Vec<CountryCode>,
    /// Index by alpha-2 letters (26 × 26 slots), so code lookups hash nothing.
    by_alpha2: Vec<Option<u16>>,
    /// Index by alpha-3 letters (26 × 26 × 26 slots).
    by_alpha3: Vec<Option<u16>>,
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
        let countries = serde_json::from_str::<IsoFile>(include_str!("../../data/iso3166.json"))
            .map(|f| f.countries)
            .unwrap_or_default();
        let mut by_alpha2 = vec![None; 26 * 26];
        let mut by_alpha3 = vec![None; 26 * 26 * 26];
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
        }
        Registry { countries, codes, by_alpha2, by_alpha3 }
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

#[cfg(feature = "schemas")]
impl schemars::JsonSchema for CountryCode {
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

/// The names table: every name of every country under its [`name_key`], the CLDR display
/// names per locale, and the hub's subdivision names.
struct Names {
    /// Every name key once, one after another (some 31,000 keys, 590 KB): one allocation
    /// in all, where a `String` and a `Vec` of owners per key cost about 5 MB of heap.
    keys: String,
    /// The keys of `keys`, found by their text: 9 bytes a slot (the entry and hashbrown's
    /// control byte), about 590 KB at 65,536 slots.
    table: HashTable<Named>,
    hasher: RandomState,
    /// The owners, sorted, of each key that is not exactly one country's, and of the
    /// declared ambiguous names (15 in all today); see [`Named::owner`].
    shared: Vec<Vec<u16>>,
    /// Key -> (ISO 3166-2 code, country index) of a subdivision name.
    subdivisions: HashMap<String, (&'static str, u16)>,
    /// Column of each ISO list index in the locale lines.
    columns: Vec<Option<usize>>,
    /// Lower-case locale tag -> its line's names, tab-separated, in column order.
    locales: HashMap<String, &'static str>,
}

/// Where a name key lies in [`Names::keys`] and whose name it is: 8 bytes a key beside its
/// text (no name comes near 64 KB).
#[derive(Clone, Copy)]
struct Named {
    start: u32,
    len: u16,
    /// The country (index into the ISO list) that a name with this key belongs to, kept here
    /// because almost every key has exactly one; with [`SHARED`] set, the place in
    /// [`Names::shared`] of the key's owners (an ambiguous name has more than one).
    owner: u16,
}

/// The bit of [`Named::owner`] that marks a place in [`Names::shared`]: country indices
/// are below 249, and no table has 32,768 ambiguous names.
const SHARED: u16 = 1 << 15;

impl Names {
    fn key_of<'k>(keys: &'k str, named: &Named) -> &'k str {
        let start = named.start as usize;
        keys.get(start..start + usize::from(named.len)).unwrap_or_default()
    }

    /// The countries (indices into the ISO list, sorted) that a name with this key belongs
    /// to; more than one means the name is ambiguous.
    fn owners(&self, key: &str) -> Option<&[u16]> {
        let named = self.table.find(self.hasher.hash_one(key), |n| Self::key_of(&self.keys, n) == key)?;
        Some(self.owners_of(named))
    }

    fn owners_of<'a>(&'a self, named: &'a Named) -> &'a [u16] {
        if named.owner & SHARED == 0 {
            std::slice::from_ref(&named.owner)
        } else {
            self.shared.get(usize::from(named.owner & !SHARED)).map_or(&[], Vec::as_slice)
        }
    }

    /// Every key with its owners, in no particular order.
    #[cfg(test)]
    fn all(&self) -> impl Iterator<Item = (&str, &[u16])> {
        self.table.iter().map(|n| (Self::key_of(&self.keys, n), self.owners_of(n)))
    }

    /// The entry of a key, and whether it was there already; a new key gets `owner` and its
    /// text is added to `keys` (so the table costs no allocation per key). `None` only for a
    /// key that cannot be placed (past 4 GB of keys, or longer than 64 KB).
    fn slot<'t>(
        keys: &mut String,
        table: &'t mut HashTable<Named>,
        hasher: &RandomState,
        key: &str,
        owner: u16,
    ) -> Option<(&'t mut Named, bool)> {
        let seen = &*keys;
        let entry = table.entry(
            hasher.hash_one(key),
            |n| Self::key_of(seen, n) == key,
            |n| hasher.hash_one(Self::key_of(seen, n)),
        );
        match entry {
            Entry::Occupied(found) => Some((found.into_mut(), true)),
            Entry::Vacant(slot) => {
                let (start, len) = (u32::try_from(keys.len()).ok()?, u16::try_from(key.len()).ok()?);
                keys.push_str(key);
                Some((slot.insert(Named { start, len, owner }).into_mut(), false))
            }
        }
    }

    /// Records that a name with this key belongs to `country` (once, in the order seen).
    fn add(&mut self, key: &str, country: u16) {
        let Some((named, true)) = Self::slot(&mut self.keys, &mut self.table, &self.hasher, key, country) else {
            return;
        };
        if named.owner & SHARED != 0 {
            if let Some(owners) = self.shared.get_mut(usize::from(named.owner & !SHARED))
                && !owners.contains(&country)
            {
                owners.push(country);
            }
        } else if named.owner != country
            && let Ok(at) = u16::try_from(self.shared.len())
            && at < SHARED
        {
            self.shared.push(vec![named.owner, country]);
            named.owner = SHARED | at;
        }
    }

    /// Makes `candidates` the owners of the key, whatever was recorded before.
    fn declare(&mut self, key: &str, candidates: Vec<u16>) {
        let keys = &self.keys;
        let known = self.table.find_mut(self.hasher.hash_one(key), |n| Self::key_of(keys, n) == key);
        // A key that has a list already (a declared name usually does) keeps its place.
        if let Some(named) = known
            && named.owner & SHARED != 0
            && let Some(list) = self.shared.get_mut(usize::from(named.owner & !SHARED))
        {
            *list = candidates;
            return;
        }
        let owner = match (candidates.as_slice(), u16::try_from(self.shared.len())) {
            (&[one], _) => one,
            (_, Ok(at)) if at < SHARED => {
                self.shared.push(candidates);
                SHARED | at
            }
            _ => return,
        };
        if let Some((named, _)) = Self::slot(&mut self.keys, &mut self.table, &self.hasher, key, owner) {
            named.owner = owner;
        }
    }
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let r = registry();
        let index_of = |code: &str| -> Option<u16> {
            r.by_alpha2.get(code_slot(code.as_bytes())?).copied().flatten().filter(|_| code.len() == 2)
        };
        let mut t = Names {
            keys: String::new(),
            table: HashTable::new(),
            hasher: RandomState::default(),
            shared: Vec::new(),
            subdivisions: HashMap::new(),
            columns: vec![None; r.countries.len()],
            locales: HashMap::new(),
        };
        let mut column_codes: Vec<Option<u16>> = Vec::new();
        let mut declared: Vec<(String, Vec<u16>)> = Vec::new();
        for c in &r.countries {
            if let Some(i) = index_of(&c.alpha2) {
                for name in std::iter::once(&c.name).chain(&c.aliases) {
                    t.add(&name_key(name), i);
                }
            }
        }
        for line in include_str!("../../data/country_names.tsv").lines() {
            let mut fields = line.split('\t');
            let head = fields.next().unwrap_or_default();
            if head == "codes" {
                column_codes = fields.map(index_of).collect();
                for (column, i) in column_codes.iter().enumerate() {
                    if let Some(slot) = i.and_then(|i| t.columns.get_mut(usize::from(i))) {
                        *slot = Some(column);
                    }
                }
            } else if let Some(locale) = head.strip_prefix("locale:") {
                t.locales.insert(locale.to_ascii_lowercase(), line.get(head.len() + 1..).unwrap_or_default());
                for (name, i) in fields.zip(&column_codes) {
                    if let (false, Some(i)) = (name.is_empty(), *i) {
                        t.add(&name_key(name), i);
                    }
                }
            } else if let Some(i) = head.strip_prefix("names:").and_then(index_of) {
                fields.for_each(|name| t.add(&name_key(name), i));
            } else if head == "ambiguous" {
                if let (Some(name), Some(codes)) = (fields.next(), fields.next()) {
                    declared.push((name_key(name), codes.split(',').filter_map(index_of).collect()));
                }
            } else if let Some(code) = head.strip_prefix("subdivision:")
                && let Some(i) = code.split_once('-').and_then(|(c, _)| index_of(c))
            {
                fields.for_each(|name| {
                    t.subdivisions.insert(name_key(name), (code, i));
                });
            }
        }
        // A declared ambiguous name stands for all its candidates, even where the sources
        // give it to one country only (ISO's "Congo (the)" is the Republic of the Congo).
        for (key, candidates) in declared {
            t.declare(&key, candidates);
        }
        for owners in &mut t.shared {
            owners.sort_unstable();
            owners.shrink_to_fit();
        }
        // The table is built once and read for the life of the process: no room kept to grow.
        t.shared.shrink_to_fit();
        t.keys.shrink_to_fit();
        let (keys, hasher) = (&t.keys, &t.hasher);
        t.table.shrink_to_fit(|n| hasher.hash_one(Names::key_of(keys, n)));
        t
    })
}

/// A place typed by a person, resolved: the country, and the ISO 3166-2 subdivision when the
/// text named one that kix knows (the hub's subdivisions, such as Sindh, `PK-SD`).
///
/// ```
/// let place = kix_core::country::resolve_place("Sindh, Pakistan")?;
/// assert_eq!(place.country.as_str(), "PK");
/// assert_eq!(place.subdivision.as_deref(), Some("PK-SD"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The country.
    pub country: CountryCode,
    /// The ISO 3166-2 code of the subdivision named, if any.
    pub subdivision: Option<String>,
}

/// Finds the country that a code or name typed by a person means.
///
/// Accepts alpha-2 and alpha-3 codes in any case, ISO 3166-2 subdivision codes
/// (`PK-SD` means Pakistan), and every name of the names table (CLDR's names in
/// every locale, UN, World Bank and ISO forms, informal names), compared under
/// [`name_key`]. Returns a `country.unknown` violation, with the text in its
/// parameters, when nothing matches, and `country.ambiguous`, with the codes in
/// `candidates`, when the text names more than one country. A code of one country
/// that is also a name of another (Vietnamese "Nga" is Russia, `NGA` is Nigeria)
/// is read as the code only when written in capitals.
///
/// ```
/// use kix_core::{Code, resolve_country};
/// assert_eq!(resolve_country("Kyrgyz Republic")?.as_str(), "KG");
/// assert_eq!(resolve_country("Кыргызстан")?.as_str(), "KG");
/// assert_eq!(resolve_country("Moldova, Republic of")?.as_str(), "MD");
/// assert_eq!(resolve_country("Korea, Rep.")?.as_str(), "KR");
/// assert_eq!(resolve_country("Trinidad & Tobago")?.as_str(), "TT");
/// assert_eq!(resolve_country("npl")?.as_str(), "NP");
/// assert_eq!(resolve_country("PK-SD")?.as_str(), "PK");
/// assert_eq!(resolve_country("NGA")?.as_str(), "NG");
/// let err = resolve_country("Nga").unwrap_err();
/// assert_eq!(err.code, Code::CountryAmbiguous);
/// assert_eq!(err.params["candidates"], serde_json::json!(["NG", "RU"]));
/// assert_eq!(resolve_country("Congo").unwrap_err().params["candidates"], serde_json::json!(["CD", "CG"]));
/// assert_eq!(resolve_country("Atlantis").unwrap_err().code, Code::CountryUnknown);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_country(text: &str) -> Result<CountryCode, Violation> {
    resolve_place(text).map(|p| p.country)
}

/// Like [`resolve_country`], keeping the subdivision the text named ("Sindh",
/// "Sindh, Pakistan", "PK-SD").
///
/// ```
/// let place = kix_core::country::resolve_place("Sindh")?;
/// assert_eq!((place.country.as_str(), place.subdivision.as_deref()), ("PK", Some("PK-SD")));
/// assert_eq!(kix_core::country::resolve_place("Pakistan")?.subdivision, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_place(text: &str) -> Result<Place, Violation> {
    let r = registry();
    let country = |i: u16| r.codes.get(usize::from(i)).copied();
    match lookup(text) {
        Lookup::Found(i, subdivision) => {
            if let Some(country) = country(i) {
                return Ok(Place { country, subdivision: subdivision.map(str::to_owned) });
            }
        }
        Lookup::Ambiguous(candidates) => {
            let codes: Vec<CountryCode> = candidates.into_iter().filter_map(country).collect();
            let listed: Vec<String> =
                codes.iter().map(|c| format!("{} ({c})", country_name(c.as_str(), "en").unwrap_or_default())).collect();
            return Err(Violation::new(
                Code::CountryAmbiguous,
                "",
                format!(
                    "{:?} may mean {}: write the country's full name or code",
                    truncate(text, 80),
                    listed.join(", ")
                ),
            )
            .with_param("text", truncate(text, 200))
            .with_param("candidates", codes));
        }
        Lookup::Unknown => {}
    }
    Err(Violation::new(
        Code::CountryUnknown,
        "",
        format!("{:?} is not a country code or name that ISO 3166-1 knows", truncate(text, 80)),
    )
    .with_param("text", truncate(text, 200)))
}

/// A country's name in a language: CLDR's name in the locale (a BCP 47 tag such as `ru`,
/// `uz-Cyrl`, `zh_Hant_HK`), falling back along the tag (`fr-CA` -> `fr`) and then to English.
/// `None` only for a code that is not an assigned upper-case ISO 3166-1 alpha-2 code.
///
/// ```
/// use kix_core::country::country_name;
/// assert_eq!(country_name("KG", "ru"), Some("Киргизия"));
/// assert_eq!(country_name("KG", "uz-Cyrl"), Some("Қирғизистон"));
/// assert_eq!(country_name("MM", "en"), Some("Myanmar (Burma)"));
/// assert_eq!(country_name("NP", "xx-Unknown"), Some("Nepal"));
/// assert_eq!(country_name("XX", "en"), None);
/// ```
#[must_use]
pub fn country_name(code: &str, locale: &str) -> Option<&'static str> {
    let r = registry();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let index = r.by_alpha2.get(code_slot(code.as_bytes())?).copied().flatten()?;
    let t = names();
    let column = t.columns.get(usize::from(index)).copied().flatten();
    let mut tag = locale.trim().replace('_', "-").to_ascii_lowercase();
    loop {
        let found = column
            .and_then(|col| t.locales.get(&tag).and_then(|line| line.split('\t').nth(col)))
            .filter(|name| !name.is_empty());
        if found.is_some() {
            return found;
        }
        match tag.rfind('-') {
            Some(at) => tag.truncate(at),
            None if tag != "en" => tag = "en".to_owned(),
            None => return r.countries.get(usize::from(index)).map(|c| c.name.as_str()),
        }
    }
}

enum Lookup {
    Found(u16, Option<&'static str>),
    Ambiguous(Vec<u16>),
    Unknown,
}

fn lookup(text: &str) -> Lookup {
    let trimmed = text.trim();
    // Real names are short; a huge input is not worth normalizing.
    if trimmed.len() > 800 || trimmed.chars().count() > 200 {
        return Lookup::Unknown;
    }
    let r = registry();
    let t = names();
    let code_index = |code: &str| -> Option<u16> {
        let table = match code.len() {
            2 => &r.by_alpha2,
            3 => &r.by_alpha3,
            _ => return None,
        };
        table.get(code_slot(code.as_bytes())?).copied().flatten()
    };
    let key = name_key(trimmed);
    let named = t.owners(&key);
    if let Some(i) = code_index(trimmed) {
        // Capitals read as a code; otherwise a name of another country makes the text ambiguous.
        return match named {
            Some(owners) if !trimmed.bytes().all(|b| b.is_ascii_uppercase()) && owners.iter().any(|&o| o != i) => {
                let mut all = owners.to_vec();
                all.push(i);
                all.sort_unstable();
                all.dedup();
                Lookup::Ambiguous(all)
            }
            _ => Lookup::Found(i, None),
        };
    }
    if let Some((country, sub)) = trimmed.split_once('-') {
        // ISO 3166-2 subdivision code: "PK-SD" is in Pakistan.
        let sub_ok = (1..=3).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphanumeric());
        if country.len() == 2
            && sub_ok
            && let Some(i) = code_index(country)
        {
            let known = t.subdivisions.values().find(|(code, _)| code.eq_ignore_ascii_case(trimmed));
            return Lookup::Found(i, known.map(|(code, _)| *code));
        }
    }
    match named {
        Some(&[i]) => return Lookup::Found(i, None),
        Some(owners) if !owners.is_empty() => return Lookup::Ambiguous(owners.to_vec()),
        _ => {}
    }
    if let Some(&(code, i)) = t.subdivisions.get(&key) {
        return Lookup::Found(i, Some(code));
    }
    // "Sindh, Pakistan": a subdivision followed by its own country.
    if let Some((place, country)) = trimmed.rsplit_once(',')
        && let Some(&(code, i)) = t.subdivisions.get(&name_key(place))
        && (code_index(country.trim()) == Some(i) || t.owners(&name_key(country)).is_some_and(|owners| owners == [i]))
    {
        return Lookup::Found(i, Some(code));
    }
    Lookup::Unknown
}

/// A day of the week, written in lower case in JSON (`"saturday"`).
///
/// ```
/// use kix_core::Weekday;
/// assert_eq!(Weekday::from(chrono::Weekday::Fri), Weekday::Friday);
/// assert_eq!(serde_json::to_string(&Weekday::Friday)?, r#""friday""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
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
mod tests;
