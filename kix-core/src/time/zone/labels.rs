//! Zone labels as people write them ("CET / Geneva", "Bishkek time", "UTC+6", "по женевскому времени"): the zone tables, abbreviations with their meanings, cities and adjectives, read into IANA zones.

use super::*;

/// `zones.json`: what kix reads of it (its `note`, each entry's `dst`, `source` and `note` are
/// for people and for the tests that check the file).
#[derive(Deserialize)]
pub(super) struct ZonesFile {
    pub(super) abbreviations: Vec<AbbreviationEntry>,
    pub(super) cities: HashMap<String, String>,
    pub(super) links: HashMap<String, String>,
}

#[derive(Deserialize)]
pub(super) struct AbbreviationEntry {
    pub(super) abbreviation: String,
    pub(super) offset: String,
    pub(super) zones: Vec<String>,
    /// Whether [`abbreviation`] may show it for these zones instead of the tz
    /// database's number (not "BST" for Dhaka: that reads as London's).
    #[serde(default = "yes")]
    pub(super) display: bool,
}

pub(super) fn yes() -> bool {
    true
}

/// `country_zones.json`, generated from the tz database's `zone.tab` (its `tzdata_version` and
/// `source` are checked by the tests).
#[derive(Deserialize)]
pub(super) struct CountryZonesFile {
    pub(super) countries: HashMap<String, CountryZonesEntry>,
}

#[derive(Deserialize)]
pub(super) struct CountryZonesEntry {
    pub(super) zones: Vec<String>,
    #[serde(default)]
    pub(super) one_clock: bool,
}

/// One meaning of an abbreviation in a label: its offset and the zones that
/// use it, the first being the one a label with no place means.
#[derive(Debug, Clone)]
pub(super) struct LabelAbbreviation {
    pub(super) offset_seconds: i32,
    pub(super) zones: Vec<Tz>,
}

/// A country's zones, from `zone.tab`; `one_clock` when they have agreed
/// since 2000, so that the country's name alone is a zone label.
#[derive(Debug, Clone)]
pub(super) struct CountryZones {
    pub(super) zones: Vec<Tz>,
    pub(super) one_clock: bool,
}

pub(super) struct Tables {
    /// Lower-case IANA name (with a '/', or UTC) -> canonical zone.
    pub(super) iana: HashMap<String, Tz>,
    /// City key (see `name_key`) -> zone.
    pub(super) cities: HashMap<String, Tz>,
    /// Abbreviation as written -> its meanings (several for IST, CST, ...).
    pub(super) abbreviations: HashMap<String, Vec<LabelAbbreviation>>,
    /// (zone, offset) -> common abbreviation, for zones the tz database gives numbers.
    pub(super) by_zone: HashMap<(Tz, i32), Abbreviation>,
    /// ISO alpha-2 code -> the country's zones.
    pub(super) countries: HashMap<String, CountryZones>,
    /// Zone -> its country in `zone.tab`.
    pub(super) zone_country: HashMap<Tz, String>,
    /// Stem of an adjective naming a zone's time ("женевск" of "по женевскому времени") -> zone.
    pub(super) adjectives: HashMap<String, Tz>,
}

/// `+05:45`, `+5:45`, `+5.45`, `+0545`, `+6`, `-03:30`, `−5` as seconds east of UTC.
pub(super) fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, text.get(1..)?),
        b'-' | 0xE2 => (-1, text.trim_start_matches(['-', '−'])),
        _ => return None,
    };
    if rest.len() > 5 || rest.starts_with(['-', '−']) {
        return None;
    }
    let (h, m) = match rest.split_once([':', '.']) {
        Some(parts) => parts,
        None if rest.len() == 4 => (rest.get(..2)?, rest.get(2..)?),
        None => (rest, "0"),
    };
    if h.is_empty() || m.is_empty() || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Checked by the test suite (`zone::tests::the_zone_tables_are_valid`);
        // an unreadable table would leave labels unresolved, never panic.
        let file: Option<ZonesFile> = serde_json::from_str(include_str!("../../../data/zones.json")).ok();
        let parse = |name: &str| name.parse::<Tz>().ok();
        let mut iana = HashMap::new();
        let mut cities = HashMap::new();
        for tz in chrono_tz::TZ_VARIANTS {
            let name = tz.name();
            if name.contains('/') {
                iana.insert(name.to_ascii_lowercase(), tz);
                let last = name.rsplit('/').next().unwrap_or(name);
                if !name.starts_with("Etc/") {
                    cities.entry(name_key(last)).or_insert(tz);
                }
            }
        }
        let mut abbreviations: HashMap<String, Vec<LabelAbbreviation>> = HashMap::new();
        let mut by_zone = HashMap::new();
        let mut countries = HashMap::new();
        let mut zone_country = HashMap::new();
        let country_file: Option<CountryZonesFile> =
            serde_json::from_str(include_str!("../../../data/country_zones.json")).ok();
        for (code, entry) in country_file.map(|f| f.countries).into_iter().flatten() {
            let zones: Vec<Tz> = entry.zones.iter().filter_map(|z| parse(z)).collect();
            for z in &zones {
                zone_country.entry(*z).or_insert_with(|| code.clone());
            }
            if !zones.is_empty() {
                countries.insert(code, CountryZones { zones, one_clock: entry.one_clock });
            }
        }
        if let Some(file) = file {
            for (link, target) in &file.links {
                if let Some(tz) = parse(target) {
                    iana.insert(link.to_ascii_lowercase(), tz);
                }
            }
            // Link names map to their current zone, also as cities ("Katmandu").
            for (name, target) in &file.cities {
                if let Some(tz) = parse(target) {
                    cities.insert(name_key(name), tz);
                }
            }
            for entry in &file.abbreviations {
                let zones: Vec<Tz> = entry.zones.iter().filter_map(|z| parse(z)).collect();
                let Some(offset) = parse_offset(&entry.offset).filter(|_| !zones.is_empty()) else {
                    continue;
                };
                let abbreviation = Abbreviation::new(&entry.abbreviation);
                if entry.display {
                    for z in &zones {
                        by_zone.entry((*z, offset)).or_insert(abbreviation);
                    }
                }
                abbreviations
                    .entry(entry.abbreviation.clone())
                    .or_default()
                    .push(LabelAbbreviation { offset_seconds: offset, zones });
            }
        }
        // The hub's cities in the languages listings are read in (CLDR's exemplar
        // cities and the hub's own names: "Женева", "Genève", "جنيف").
        let words = crate::language::words::words();
        for (zone, names) in &words.cities {
            if let Some(tz) = parse(zone) {
                for name in names.values() {
                    cities.entry(name_key(name)).or_insert(tz);
                }
            }
        }
        let mut adjectives = HashMap::new();
        for (zone, names) in words.adjectives.values().flatten() {
            if let Some(tz) = parse(zone) {
                for name in names {
                    adjectives.insert(adjective_stem(name), tz);
                }
            }
        }
        iana.insert("utc".into(), chrono_tz::Etc::UTC);
        Tables { iana, cities, abbreviations, by_zone, countries, zone_country, adjectives }
    })
}

/// What a zone label such as `"CET / Geneva"` says.
///
/// ```
/// let label = kix_core::zone::parse_zone_label("CET / Geneva")?;
/// assert_eq!(label.zone.as_str(), "Europe/Zurich");
/// assert_eq!(label.abbreviation.as_deref(), Some("CET"));
/// assert_eq!(label.abbreviation_offset.as_deref(), Some("+01:00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ZoneLabel {
    /// The label as given.
    pub label: String,
    /// The IANA zone it means: a city's, IANA name's or one-zone country's
    /// zone, else the abbreviation's. For a fixed offset, `Etc/GMT∓N` when it
    /// is whole hours, else `Etc/UTC` (no IANA zone has `+05:30` as a fixed
    /// offset): then `fixed_offset` decides.
    pub zone: ZoneId,
    /// The abbreviation or fixed offset written in the label, if any (e.g. `CET`, `UTC+6`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// The offset that abbreviation stands for (e.g. `+01:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation_offset: Option<String>,
    /// Whether the zone came from a city, IANA name or country (which beats an abbreviation).
    pub from_place: bool,
    /// For a label that is only a fixed offset (`UTC+05:30`), that offset:
    /// wall times in it are read with this offset, whatever the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_offset: Option<String>,
}

/// How a label's wall times turn into instants.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LabelClock {
    /// A zone from the tz database.
    Zone(Tz),
    /// A fixed offset (`UTC+05:30`).
    Fixed(chrono::FixedOffset),
}

impl LabelClock {
    /// The wall time of an instant, saturating at the ends of the calendar.
    pub(crate) fn wall_time(self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            LabelClock::Zone(tz) => wall_time(t, tz),
            LabelClock::Fixed(offset) => {
                let seconds = i64::from(offset.local_minus_utc());
                t.naive_utc().checked_add_signed(Duration::seconds(seconds)).unwrap_or(if seconds > 0 {
                    NaiveDateTime::MAX
                } else {
                    NaiveDateTime::MIN
                })
            }
        }
    }

    /// The instant of a wall time; with a zone, gaps and folds are refused.
    pub(crate) fn instant(self, local: NaiveDateTime) -> Result<DateTime<chrono::FixedOffset>, Violation> {
        match self {
            LabelClock::Zone(tz) => from_local(local, tz, Disambiguation::Reject).map(|t| t.fixed_offset()),
            LabelClock::Fixed(offset) => {
                let utc = local.checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())));
                utc.map(|t| Utc.from_utc_datetime(&t).with_timezone(&offset)).ok_or_else(|| {
                    Violation::new(Code::TimeUnparseable, "", "the date is at the end of the calendar")
                        .with_param("reason", "the date is at the end of the calendar")
                })
            }
        }
    }
}

/// What one part of a label names.
#[derive(Default)]
pub(super) struct LabelParts {
    /// The first city or IANA name.
    pub(super) place: Option<Tz>,
    /// The first country, by its alpha-2 code.
    pub(super) country: Option<(String, &'static CountryZones)>,
    /// The first abbreviation, as written, with its meanings.
    pub(super) abbreviation: Option<(String, &'static [LabelAbbreviation])>,
    /// The first fixed offset, as written, in seconds.
    pub(super) fixed: Option<(String, i32)>,
}

impl LabelParts {
    /// Reads one part; false when it names nothing.
    fn consider(&mut self, part: &str) -> bool {
        let t = tables();
        let part = part.trim().trim_matches(|c: char| c == '.' || c == ':' || c == ';');
        if part.is_empty() {
            return true;
        }
        if let Some(&tz) = t.iana.get(&part.to_ascii_lowercase()) {
            self.place.get_or_insert(tz);
            return true;
        }
        if let Some(seconds) = utc_offset(part) {
            self.fixed.get_or_insert_with(|| (part.to_owned(), seconds));
            return true;
        }
        if let Some(meanings) = t.abbreviations.get(part) {
            self.abbreviation.get_or_insert_with(|| (part.to_owned(), meanings.as_slice()));
            return true;
        }
        if let Some(&tz) = t.cities.get(&name_key(part)) {
            self.place.get_or_insert(tz);
            return true;
        }
        if let Some(&tz) = t.adjectives.get(&adjective_stem(part)) {
            self.place.get_or_insert(tz);
            return true;
        }
        // Codes are no zone labels: "to", "in" and "TO" are words, not Tonga or India.
        let code_like = part.chars().count() <= 3 && part.chars().all(|c| c.is_ascii_alphabetic());
        if !code_like
            && let Ok(code) = crate::country::resolve_country(part)
            && let Some(zones) = t.countries.get(code.as_str())
        {
            self.country.get_or_insert_with(|| (code.as_str().to_owned(), zones));
            return true;
        }
        false
    }
}

pub(super) fn ambiguous(label: &str, what: &str, candidates: &[Tz]) -> Violation {
    let names: Vec<&str> = candidates.iter().map(|tz| tz.name()).collect();
    Violation::new(
        Code::TimeAmbiguousZoneLabel,
        "",
        format!("{:?} could mean any of {}: {what}; name a city as well", truncate(label, 80), names.join(", ")),
    )
    .with_param("label", truncate(label, 200))
    .with_param("reason", what)
    .with_param("candidates", names)
}

/// Whether kix's listing reader takes `abbreviation` for `tz` at this offset
/// (so a writer may print it): `CEST` for Geneva in summer, not `LMT`.
///
/// ```
/// use kix_core::zone::reads_abbreviation;
/// assert!(reads_abbreviation(chrono_tz::Europe::Zurich, 7200, "CEST"));
/// assert!(!reads_abbreviation(chrono_tz::Europe::Zurich, 3600, "CEST"));
/// assert!(!reads_abbreviation(chrono_tz::Asia::Kabul, 16_608, "LMT"));
/// ```
#[must_use]
pub fn reads_abbreviation(tz: Tz, offset_seconds: i32, abbreviation: &str) -> bool {
    tables()
        .abbreviations
        .get(abbreviation)
        .is_some_and(|meanings| meanings.iter().any(|m| m.offset_seconds == offset_seconds && meaning_fits(m, tz)))
}

/// Whether a meaning of an abbreviation fits a zone: it lists the zone or
/// another zone of the same country.
pub(super) fn meaning_fits(meaning: &LabelAbbreviation, tz: Tz) -> bool {
    let country = tables().zone_country.get(&tz);
    meaning.zones.iter().any(|z| *z == tz || (country.is_some() && tables().zone_country.get(z) == country))
}

/// Resolves a zone label as event pages write it to an IANA zone.
///
/// Understands IANA names in any case and their legacy links (`Asia/Katmandu`,
/// `Europe/Kiev`), city names (`Geneva`, `Bangkok`, `Thimphu`, any IANA city),
/// country and territory names with one zone in the tz database's `zone.tab`
/// (`Tonga`, `Bhutan`), abbreviations of Europe, Asia and the Pacific (`CET`,
/// `TOT`, `WIB`, `PKT`, `NPT`, `BTT`, `ICT`, `MMT`, ...), fixed offsets
/// (`UTC+6`, `GMT+5:45`, `UTC+05:30`), and combinations (`"CET / Geneva"`,
/// `"Geneva / CEST"`, `"CEST-Geneva"`). A city beats an abbreviation. An
/// unknown label is `time.unknown_zone`; a country with several zones
/// (`Mongolia`) or an abbreviation with several meanings (`IST`, `BST`, `CST`,
/// `AST`, `GST`, `PST`) without a city or country that settles it is
/// `time.ambiguous_zone_label` with the candidate zones in the parameters.
///
/// ```
/// use kix_core::zone::parse_zone_label;
/// for (label, zone) in [
///     ("Asia/Katmandu", "Asia/Kathmandu"),
///     ("europe/kiev", "Europe/Kyiv"),
///     ("Geneva", "Europe/Zurich"),
///     ("(BTT / Thimphu)", "Asia/Thimphu"),
///     ("Geneva / CEST", "Europe/Zurich"),
///     ("CEST-Geneva", "Europe/Zurich"),
///     ("ICT", "Asia/Bangkok"),
///     ("NPT", "Asia/Kathmandu"),
///     ("Samoa", "Pacific/Apia"),
///     ("TOT / Tonga", "Pacific/Tongatapu"),
///     ("Mongolia / Hovd", "Asia/Hovd"),
///     ("IST / New Delhi", "Asia/Kolkata"),
///     ("UTC+6", "Etc/GMT-6"),
/// ] {
///     assert_eq!(parse_zone_label(label)?.zone.as_str(), zone, "{label}");
/// }
/// assert_eq!(parse_zone_label("GMT+5:45")?.fixed_offset.as_deref(), Some("+05:45"));
/// assert_eq!(parse_zone_label("Mars/Olympus").unwrap_err().code, kix_core::Code::TimeUnknownZone);
/// let v = parse_zone_label("Mongolia").unwrap_err();
/// assert_eq!(v.code, kix_core::Code::TimeAmbiguousZoneLabel);
/// assert_eq!(v.params["candidates"], serde_json::json!(["Asia/Ulaanbaatar", "Asia/Hovd"]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_zone_label(label: &str) -> Result<ZoneLabel, Violation> {
    let unknown = || {
        Violation::new(
            Code::TimeUnknownZone,
            "",
            format!("{:?} is not a time zone, city, country or abbreviation kix knows", truncate(label, 80)),
        )
        .with_param("label", truncate(label, 200))
    };
    if label.len() > 200 {
        return Err(unknown());
    }
    let mut parts = LabelParts::default();
    // Whole label first, then chunks split by separators, then hyphenated
    // pieces, then single words (so "Ho Chi Minh City" and "Nur-Sultan" stay
    // whole). Filler words ("Geneva time") are dropped; any other word that
    // means nothing makes the whole label unknown rather than half-guessed.
    let cleaned: String = label.chars().map(|c| if matches!(c, '(' | ')' | '[' | ']') { ' ' } else { c }).collect();
    let mut unresolved = false;
    if !parts.consider(&cleaned) {
        for chunk in cleaned.split([',', '|', '–', '—', ';', '،']).flat_map(split_slashes) {
            if parts.consider(chunk) || is_day_marker(chunk) {
                continue;
            }
            // "heure d'Oulan-Bator", "по улан-баторскому времени": the words
            // around a hyphenated name go before the name is split at hyphens.
            let named: Vec<&str> = chunk.split_whitespace().filter(|w| !is_filler(w)).map(strip_elision).collect();
            if !named.is_empty() && parts.consider(&named.join(" ")) {
                continue;
            }
            for piece in chunk.split(" - ").flat_map(|p| p.split('-')) {
                let words: Vec<&str> = piece.split_whitespace().filter(|w| !is_filler(w)).map(strip_elision).collect();
                if parts.consider(&words.join(" ")) {
                    continue;
                }
                for word in words {
                    unresolved |= !parts.consider(word);
                }
            }
        }
    }
    if unresolved {
        return Err(unknown());
    }
    resolve_parts(label, parts).ok_or_else(unknown)?
}

/// Words around a zone's name that say nothing about it: "Geneva time",
/// "по женевскому времени", "heure de Genève".
pub(super) fn is_filler(word: &str) -> bool {
    matches!(
        name_key(word).as_str(),
        "time"
            | "local"
            | "standard"
            | "summer"
            | "hrs"
            | "по"
            | "времени"
            | "время"
            | "местному"
            | "местное"
            | "heure"
            | "heures"
            | "de"
            | "du"
            | "locale"
            | "à"
    )
}

/// "d'Oulan-Bator" → "Oulan-Bator" (French elision before a name).
pub(super) fn strip_elision(word: &str) -> &str {
    ["d'", "d’", "D'", "D’", "l'", "l’"].iter().find_map(|p| word.strip_prefix(p)).unwrap_or(word)
}

/// A note that a zone's times fall on another day ("next day", "+1", and the
/// shipped languages' own words), which a listing may carry beside a zone.
pub(super) fn is_day_marker(chunk: &str) -> bool {
    let key = name_key(chunk.trim());
    if key.is_empty() {
        return false;
    }
    // "+1", "+1 day", "-1 день": zones differ from the organiser's date by a day
    // (two at most, across the dateline); a larger number is no day marker.
    let trimmed = chunk.trim();
    let signed = trimmed.strip_prefix(['+', '-', '−']);
    let numeric = signed.and_then(|rest| rest.split_whitespace().next()).is_some_and(|n| matches!(n, "1" | "2"));
    numeric || crate::language::words::day_markers().iter().any(|m| name_key(m) == key)
}

/// The stem of a Russian adjective, whatever its case ending: "женевскому",
/// "женевского" and "женевский" all give "женевск".
pub(crate) fn adjective_stem(word: &str) -> String {
    // Not `name_key`: it folds "й" to "и", which would hide the endings.
    let key = word.trim().to_lowercase().replace('ё', "е");
    const ENDINGS: [&str; 14] =
        ["ому", "ему", "ого", "его", "ими", "ыми", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ом"];
    for ending in ENDINGS {
        if let Some(stem) = key.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            return stem.to_owned();
        }
    }
    key
}

/// Puts a label's parts together: a city, else a country (settled by the
/// abbreviation when it has several zones), else a fixed offset, else the
/// abbreviation; `None` when the label names nothing.
pub(super) fn resolve_parts(label: &str, parts: LabelParts) -> Option<Result<ZoneLabel, Violation>> {
    let LabelParts { place, country, abbreviation, fixed } = parts;
    let meanings = abbreviation.as_ref().map_or(&[][..], |(_, m)| *m);
    // The meaning a zone settles: the only one, or the only one that fits it.
    let settle = |tz: Tz| -> Result<Option<&LabelAbbreviation>, Violation> {
        match meanings {
            [] => Ok(None),
            [only] => Ok(Some(only)),
            several => {
                let fitting: Vec<&LabelAbbreviation> = several.iter().filter(|m| meaning_fits(m, tz)).collect();
                match fitting.as_slice() {
                    [one] => Ok(Some(*one)),
                    _ => Err(ambiguous(label, "abbreviation", &first_zones(several))),
                }
            }
        }
    };
    let place = match (place, &country) {
        (Some(tz), _) => Some(tz),
        (None, Some((_, c))) if c.zones.len() == 1 || c.one_clock => c.zones.first().copied(),
        (None, Some((_, c))) => {
            // "WIB / Indonesia": the abbreviation picks the country's zone.
            let fitting: Vec<Tz> =
                meanings.iter().filter_map(|m| m.zones.iter().find(|z| c.zones.contains(z)).copied()).collect();
            match fitting.as_slice() {
                [one] => Some(*one),
                _ => return Some(Err(ambiguous(label, "country", &c.zones))),
            }
        }
        (None, None) => None,
    };
    let abbreviation_text = abbreviation.as_ref().map(|(text, _)| text.clone());
    let make = |zone: Tz, stated: Option<(String, i32)>, from_place: bool, fixed_offset: Option<i32>| ZoneLabel {
        label: label.to_owned(),
        zone: ZoneId::from(zone),
        abbreviation_offset: stated.as_ref().map(|(_, s)| format_offset(*s)),
        abbreviation: stated.map(|(text, _)| text),
        from_place,
        fixed_offset: fixed_offset.map(format_offset),
    };
    if let Some(tz) = place {
        // A city and a fixed offset: the offset is checked like an abbreviation.
        let stated = match settle(tz) {
            Ok(Some(m)) => abbreviation_text.map(|text| (text, m.offset_seconds)),
            Ok(None) => fixed,
            Err(v) => return Some(Err(v)),
        };
        return Some(Ok(make(tz, stated, true, None)));
    }
    if let Some((text, seconds)) = fixed {
        return Some(Ok(make(fixed_offset_zone(seconds), Some((text, seconds)), false, Some(seconds))));
    }
    match meanings {
        [] => None,
        [only] => {
            let zone = only.zones.first().copied()?;
            Some(Ok(make(zone, abbreviation_text.map(|text| (text, only.offset_seconds)), false, None)))
        }
        several => Some(Err(ambiguous(label, "abbreviation", &first_zones(several)))),
    }
}

pub(super) fn first_zones(meanings: &[LabelAbbreviation]) -> Vec<Tz> {
    meanings.iter().filter_map(|m| m.zones.first().copied()).collect()
}

/// Splits at '/' unless the chunk is an IANA name (`Europe/Zurich`).
pub(super) fn split_slashes(chunk: &str) -> Vec<&str> {
    let trimmed = chunk.trim();
    if tables().iana.contains_key(&trimmed.to_ascii_lowercase()) { vec![trimmed] } else { chunk.split('/').collect() }
}

/// `UTC+2`, `GMT-5`, `UTC+05:30`, `GMT+5:45` as seconds east of UTC.
pub(super) fn utc_offset(part: &str) -> Option<i32> {
    let upper = part.replace(' ', "").to_ascii_uppercase();
    let rest = upper.strip_prefix("UTC").or_else(|| upper.strip_prefix("GMT"))?;
    if rest.is_empty() {
        return None;
    }
    parse_offset(rest)
}

/// The `Etc/GMT∓N` zone of a whole-hour offset, else `Etc/UTC` (see [`ZoneLabel::zone`]).
pub(super) fn fixed_offset_zone(seconds: i32) -> Tz {
    if seconds % 3600 != 0 || seconds == 0 {
        return chrono_tz::Etc::UTC;
    }
    // Etc/GMT signs are inverted: UTC+2 is Etc/GMT-2.
    format!("Etc/GMT{:+}", -(seconds / 3600)).parse().unwrap_or(chrono_tz::Etc::UTC)
}

/// The zone a caller names: an IANA name (or legacy link), else any label
/// [`resolve_zone`] reads ("CET / Geneva"). How every binding reads zones.
///
/// ```
/// assert_eq!(kix_core::zone::zone_named("Asia/Kathmandu")?, chrono_tz::Asia::Kathmandu);
/// assert_eq!(kix_core::zone::zone_named("Geneva time")?, chrono_tz::Europe::Zurich);
/// assert!(kix_core::zone::zone_named("Mars").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn zone_named(text: &str) -> Result<Tz, Violation> {
    let trimmed = text.trim();
    if let Ok(tz) = trimmed.parse::<Tz>() {
        return Ok(tz);
    }
    let zone = resolve_zone(trimmed)?;
    zone.tz().map_err(|_| {
        Violation::new(Code::TimeUnknownZone, "", format!("{:?} is not a time zone", truncate(text, 80)))
            .with_param("label", truncate(text, 200))
    })
}

/// Resolves a label to an IANA zone name (the short form of
/// [`parse_zone_label`]). A fixed offset that no IANA zone has (`UTC+05:30`)
/// is `time.unknown_zone` here: only a listing can use it.
///
/// ```
/// assert_eq!(kix_core::resolve_zone("CET / Geneva")?.as_str(), "Europe/Zurich");
/// assert_eq!(kix_core::resolve_zone("Tonga")?.as_str(), "Pacific/Tongatapu");
/// assert!(kix_core::resolve_zone("UTC+05:30").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_zone(label: &str) -> Result<ZoneId, Violation> {
    let parsed = parse_zone_label(label)?;
    match parsed.fixed_offset {
        Some(offset) if parsed.zone.as_str() == "Etc/UTC" && offset != "+00:00" => Err(Violation::new(
            Code::TimeUnknownZone,
            "",
            format!("{:?} is a fixed offset that no IANA zone has; name a city", truncate(label, 80)),
        )
        .with_param("label", truncate(label, 200))
        .with_param("fixed_offset", offset)),
        _ => Ok(parsed.zone),
    }
}

impl ZoneLabel {
    /// How this label's wall times become instants: its fixed offset, else its zone.
    pub(crate) fn clock(&self) -> Result<LabelClock, Error> {
        let fixed = self.fixed_offset.as_deref().and_then(parse_offset).and_then(chrono::FixedOffset::east_opt);
        match fixed {
            Some(offset) => Ok(LabelClock::Fixed(offset)),
            None => self.zone.tz().map(LabelClock::Zone),
        }
    }

    /// Checks the label's abbreviation against the real offset of its zone at a
    /// wall-clock time: "CET" on a July date in Geneva is
    /// `time.label_season_mismatch`, saying the true abbreviation and offset.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let label = kix_core::zone::parse_zone_label("CET / Geneva")?;
    /// let july = NaiveDate::from_ymd_opt(2024, 7, 31).unwrap().and_hms_opt(13, 0, 0).unwrap();
    /// let v = label.season_mismatch(july).unwrap();
    /// assert_eq!(v.code, kix_core::Code::TimeLabelSeasonMismatch);
    /// assert_eq!((v.params["true_abbreviation"].as_str(), v.params["true_offset"].as_str()), (Some("CEST"), Some("+02:00")));
    /// let march = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(15, 30, 0).unwrap();
    /// assert!(label.season_mismatch(march).is_none());
    /// // The night the clocks go back, 02:00 is shown twice: first CEST, then CET.
    /// let fold = NaiveDate::from_ymd_opt(2020, 10, 25).unwrap().and_hms_opt(2, 0, 0).unwrap();
    /// assert!(label.season_mismatch(fold).is_none());
    /// let summer = kix_core::zone::parse_zone_label("CEST / Geneva")?;
    /// assert!(summer.season_mismatch(fold).is_none());
    /// assert!(summer.season_mismatch(fold + chrono::Duration::hours(1)).is_some(), "03:00 is CET only");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn season_mismatch(&self, local: NaiveDateTime) -> Option<Violation> {
        if self.fixed_offset.is_some() {
            return None;
        }
        let (abbr, stated) = (self.abbreviation.as_ref()?, self.abbreviation_offset.as_ref()?);
        let tz = self.zone.tz().ok()?;
        // A wall time the clocks show twice (the hour after they go back) is right with either
        // offset: "02:00 CET" on the night of Geneva's change is the second 02:00.
        if let LocalResolution::Fold { earlier, later } = resolve_local(local, tz)
            && [earlier, later].iter().any(|t| &format_offset(t.offset().fix().local_minus_utc()) == stated)
        {
            return None;
        }
        let instant = from_local(local, tz, Disambiguation::Compatible).ok()?.with_timezone(&Utc);
        let info = offset_info(tz, instant);
        let real = format_offset(info.offset_seconds);
        (&real != stated).then(|| {
            Violation::new(
                Code::TimeLabelSeasonMismatch,
                "",
                format!(
                    "{abbr} ({stated}) does not apply to {} in {}: the real time there is {} ({real})",
                    local.format("%Y-%m-%d %H:%M"),
                    self.zone,
                    info.abbreviation
                ),
            )
            .with_param("label", &self.label)
            .with_param("abbreviation", abbr)
            .with_param("abbreviation_offset", stated)
            .with_param("true_abbreviation", info.abbreviation.as_str())
            .with_param("true_offset", real)
            .with_param("zone", self.zone.as_str())
        })
    }
}
