//! Violation messages in every shipped language, written with Project Fluent.
//!
//! The contract of a violation is its [`Code`] and its parameters; the text is
//! rendered per locale from one `.ftl` file per language in `kix-core/locales/`
//! (English, Russian and Arabic today). Shipping a language is adding one file:
//! the build script embeds every file it finds there. A message's id is its
//! code with the dot turned into a hyphen (`training-quota_exceeded`), since
//! Fluent ids cannot hold dots. Templates may use the parameters their code
//! declares ([`Code::params`]) and `$path`; a country parameter arrives as the
//! country's name in the message's language.
//!
//! The registration pages' texts live in the same files under ids starting with
//! `page-` ([`page_text`]), so a page missing in one language fails the same test as a
//! missing message.
//!
//! Right-to-left languages isolate every interpolated value (FSI … PDI) so that
//! codes, e-mails, numbers and field paths keep their own direction on screen;
//! [`Bidi::Plain`] leaves the marks out for logs and JSON. Left-to-right
//! languages are never isolated.
//!
//! ```
//! use kix_core::{Code, Violation};
//! let v = Violation::new(Code::RegistrationFull, "", "all 100 seats are taken").with_param("capacity", 100);
//! assert_eq!(v.message_in("ru").text, "Свободных мест нет: вместимость — 100 мест.");
//! let unknown = v.message_in("tlh");
//! assert_eq!((unknown.locale, unknown.fell_back), ("en", true));
//! ```

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde_json::Value;

use crate::shared::violation::{Code, Violation};

/// Every embedded `.ftl` file, as (locale tag, source), from the build script.
const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The locale every other one falls back to.
const ENGLISH: &str = "en";

/// The message that holds a locale's list separator (`", "`, `"، "`).
const LIST_SEPARATOR: &str = "list-separator";

/// kix's own phrases beside the violation messages: the words a written
/// listing uses ([`crate::listing`]). Every shipped file has each of them (a test checks).
#[cfg(test)]
const PHRASES: [&str; 3] = [LIST_SEPARATOR, "listing-next-day", "listing-previous-day"];

/// Whether interpolated values are wrapped in Unicode isolates.
///
/// ```
/// use kix_core::messages::Bidi;
/// assert_eq!(Bidi::default(), Bidi::Isolate);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Bidi {
    /// For display: in right-to-left languages every value sits between FSI (U+2068) and PDI (U+2069).
    #[default]
    Isolate,
    /// For logs and JSON: no invisible marks.
    Plain,
}

/// The shipped locale chosen for a requested BCP 47 tag.
///
/// ```
/// use kix_core::messages::choose_locale;
/// assert_eq!(choose_locale("ar-u-nu-latn").tag, "ar");
/// assert_eq!(choose_locale("ru_KG").tag, "ru");
/// assert!(choose_locale("fr").fell_back);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageLocale {
    /// The tag of the shipped messages used (`en`, `ru`, `ar`).
    pub tag: &'static str,
    /// Whether the requested language is not shipped, so English was used.
    pub fell_back: bool,
}

/// A violation's message in one language.
///
/// ```
/// use kix_core::{Code, Violation};
/// let v = Violation::new(Code::CountryUnknown, "", "unknown").with_param("text", "Atlantis");
/// let m = v.message_in("ru-KG");
/// assert_eq!((m.locale, m.fell_back), ("ru", false));
/// assert_eq!(m.to_string(), m.text);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LocalizedMessage {
    /// The text.
    pub text: String,
    /// The shipped locale the text is in.
    pub locale: &'static str,
    /// Whether the requested locale is not shipped and English was used instead.
    pub fell_back: bool,
}

impl std::fmt::Display for LocalizedMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

struct Shipped {
    tag: &'static str,
    display: FluentBundle<Arc<FluentResource>>,
    plain: FluentBundle<Arc<FluentResource>>,
}

fn shipped() -> &'static [Shipped] {
    static SHIPPED: OnceLock<Vec<Shipped>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        SOURCES
            .iter()
            .map(|&(tag, source)| {
                // A file with a syntax error still serves its good messages;
                // `every_file_parses` keeps the shipped files clean.
                let resource = Arc::new(FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r));
                let bundle = |isolate: bool| {
                    let langid = tag.parse().unwrap_or_default();
                    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                    bundle.set_use_isolating(isolate);
                    // Duplicate ids keep the first definition; the tests refuse them.
                    let _ = bundle.add_resource(Arc::clone(&resource));
                    bundle
                };
                Shipped { tag, display: bundle(right_to_left(tag)), plain: bundle(false) }
            })
            .collect()
    })
}

/// Languages written right to left (CLDR's character order), by primary subtag.
pub(crate) fn right_to_left(tag: &str) -> bool {
    let language = tag.split('-').next().unwrap_or_default();
    matches!(language, "ar" | "ckb" | "dv" | "fa" | "he" | "ks" | "ps" | "sd" | "ug" | "ur" | "yi")
}

/// The tags of the shipped message locales, sorted.
///
/// ```
/// assert_eq!(kix_core::messages::locales(), ["ar", "en", "ru"]);
/// ```
#[must_use]
pub fn locales() -> Vec<&'static str> {
    shipped().iter().map(|s| s.tag).collect()
}

/// The shipped locale for a BCP 47 tag: the tag itself, else the tag without
/// its last subtag, and so on (`ar-u-nu-latn` → `ar`); English when nothing
/// matches, with `fell_back` set.
///
/// ```
/// use kix_core::messages::choose_locale;
/// let en = choose_locale("en-GB");
/// assert_eq!((en.tag, en.fell_back), ("en", false));
/// let unknown = choose_locale("kk");
/// assert_eq!((unknown.tag, unknown.fell_back), ("en", true));
/// ```
#[must_use]
pub fn choose_locale(requested: &str) -> MessageLocale {
    let mut tag = requested.trim().replace('_', "-").to_ascii_lowercase();
    loop {
        if let Some(s) = shipped().iter().find(|s| s.tag == tag) {
            return MessageLocale { tag: s.tag, fell_back: false };
        }
        match tag.rfind('-') {
            Some(at) => tag.truncate(at),
            None => return MessageLocale { tag: ENGLISH, fell_back: true },
        }
    }
}

/// One of kix's own phrases (`list-separator`, `listing-next-day`, ...) in a shipped locale (a tag from
/// [`choose_locale`]), plain; `None` for an id no file has.
pub(crate) fn phrase(tag: &str, id: &str) -> Option<String> {
    let s = shipped().iter().find(|s| s.tag == tag)?;
    let pattern = s.plain.get_message(id)?.value()?;
    Some(s.plain.format_pattern(pattern, None, &mut Vec::new()).into_owned())
}

/// The prefix of the registration pages' texts: their ids are kept apart from the
/// violation codes' ids, so a page can never print a violation's template by mistake.
pub const PAGE_PREFIX: &str = "page-";

/// A text of a registration page (an id starting with [`PAGE_PREFIX`]) in the locale a BCP 47
/// tag asks for (see [`choose_locale`]), with its arguments: numbers choose plural forms,
/// strings are put in as they are (isolated in right-to-left languages, as a violation's values
/// are). A text missing from the chosen file is the English one, reported as a fall-back;
/// `None` for an id that is no page text or that no file has.
///
/// ```
/// use kix_core::messages::page_text;
/// let ru = page_text("page-seats-left", "ru-KG", &[("count", 3.into())]).unwrap();
/// assert_eq!((ru.text.as_str(), ru.locale, ru.fell_back), ("Осталось 3 места.", "ru", false));
/// assert_eq!(page_text("page-seats-left", "en", &[("count", 1.into())]).unwrap().text, "One seat is left.");
/// let ar = page_text("page-language-name", "ar", &[("code", "ru".into())]).unwrap();
/// assert_eq!(ar.text, "الروسية");
/// assert!(page_text("page-submit", "tlh", &[]).unwrap().fell_back);
/// assert!(page_text("registration-full", "en", &[]).is_none(), "violations have their own path");
/// ```
#[must_use]
pub fn page_text(id: &str, requested: &str, args: &[(&str, Value)]) -> Option<LocalizedMessage> {
    if !id.starts_with(PAGE_PREFIX) {
        return None;
    }
    let render = |tag: &str| {
        let bundle = &shipped().iter().find(|s| s.tag == tag)?.display;
        let pattern = bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, page_value(value));
        }
        Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut Vec::new()).into_owned())
    };
    let chosen = choose_locale(requested);
    match render(chosen.tag) {
        Some(text) => Some(LocalizedMessage { text, locale: chosen.tag, fell_back: chosen.fell_back }),
        None => render(ENGLISH).map(|text| LocalizedMessage { text, locale: ENGLISH, fell_back: true }),
    }
}

/// A page text's argument as Fluent takes it: whole numbers stay numbers (for plural forms).
fn page_value(value: &Value) -> FluentValue<'_> {
    match value {
        Value::Null => FluentValue::None,
        Value::Number(n) => match n.as_i64() {
            Some(i) => FluentValue::from(i),
            None => FluentValue::from(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => FluentValue::from(s.as_str()),
        other => FluentValue::from(other.to_string()),
    }
}

/// The Fluent id of a code's message: the code with `.` turned into `-`.
///
/// ```
/// use kix_core::Code;
/// assert_eq!(kix_core::messages::message_id(Code::TrainingQuotaExceeded), "training-quota_exceeded");
/// ```
#[must_use]
pub fn message_id(code: Code) -> String {
    code.as_str().replace('.', "-")
}

/// A violation's message in the locale a BCP 47 tag asks for (see
/// [`choose_locale`]), built from its parameters. Country parameters are named
/// in the requested language (`country::country_name`). A message missing
/// from a file is the English one, reported as a fall-back.
///
/// ```
/// use kix_core::messages::{Bidi, localize};
/// use kix_core::{Code, Violation};
/// let v = Violation::new(Code::HubCountryUnassigned, "countries[3]", "x").with_param("country", "YE");
/// assert_eq!(localize(&v, "ru", Bidi::Plain).text, "Страна Йемен не закреплена ни за одним партнёром.");
/// let ar = localize(&v, "ar", Bidi::Isolate).text;
/// assert!(ar.contains("\u{2068}اليمن\u{2069}"));
/// assert!(!localize(&v, "ar", Bidi::Plain).text.contains('\u{2068}'));
/// ```
#[must_use]
pub fn localize(violation: &Violation, requested: &str, bidi: Bidi) -> LocalizedMessage {
    let chosen = choose_locale(requested);
    // A regional tag (`ru-KG`) picks the region's country names.
    let names_tag = if chosen.fell_back { ENGLISH } else { requested };
    let rendered = shipped().iter().find(|s| s.tag == chosen.tag).and_then(|s| {
        let bundle = match bidi {
            Bidi::Isolate => &s.display,
            Bidi::Plain => &s.plain,
        };
        let pattern = bundle.get_message(&message_id(violation.code))?.value()?;
        let args = arguments(bundle, violation, names_tag);
        let mut errors = Vec::new();
        Some(bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned())
    });
    match rendered {
        Some(text) => LocalizedMessage { text, locale: chosen.tag, fell_back: chosen.fell_back },
        None => LocalizedMessage { text: violation.message.clone(), locale: ENGLISH, fell_back: true },
    }
}

/// The Fluent arguments of a violation: every declared parameter (absent ones
/// as Fluent's none, so selectors take their default), and `path`.
fn arguments<'a>(bundle: &FluentBundle<Arc<FluentResource>>, v: &'a Violation, names_tag: &str) -> FluentArgs<'a> {
    let separator = bundle
        .get_message(LIST_SEPARATOR)
        .and_then(|m| m.value())
        .map_or(Cow::Borrowed(", "), |p| bundle.format_pattern(p, None, &mut Vec::new()));
    let mut args = FluentArgs::new();
    args.set("path", v.path.as_str());
    for &name in v.code.params() {
        let country = is_country(v.code, name);
        let value = match v.params.get(name) {
            None | Some(Value::Null) => FluentValue::None,
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) => FluentValue::from(i),
                None => FluentValue::from(n.as_f64().unwrap_or_default()),
            },
            Some(Value::Array(items)) => FluentValue::from(
                items.iter().map(|item| word(item, country, names_tag)).collect::<Vec<_>>().join(separator.as_ref()),
            ),
            Some(other) => FluentValue::from(word(other, country, names_tag)),
        };
        args.set(name, value);
    }
    args
}

/// Parameters that hold ISO 3166-1 codes, rendered as country names (an
/// unknown country's parameter is the text as typed, shown as it is).
fn is_country(code: Code, name: &str) -> bool {
    match name {
        "country" => code != Code::RegistrationUnknownCountry,
        "shared_countries" => true,
        "candidates" => code == Code::CountryAmbiguous,
        _ => false,
    }
}

fn word(value: &Value, country: bool, names_tag: &str) -> String {
    match value {
        Value::String(s) if country => crate::country::country_name(s, names_tag).unwrap_or(s).to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Violation {
    /// The message in the locale a BCP 47 tag asks for, ready for display
    /// (right-to-left text isolates its values); English, reported as a
    /// fall-back, when the language is not shipped. The `message` field stays English.
    ///
    /// ```
    /// use kix_core::{Code, Violation};
    /// let v = Violation::new(Code::TrainingQuotaExceeded, "nominations[3].country", "x")
    ///     .with_param("country", "NP")
    ///     .with_param("quota", 3)
    ///     .with_param("held", 3);
    /// assert_eq!(v.message_in("ru").text, "Квота исчерпана: у страны Непал уже 3 места из 3 в этом цикле.");
    /// assert!(v.message_in("ar").text.starts_with("تجاوز"));
    /// ```
    #[must_use]
    pub fn message_in(&self, locale: &str) -> LocalizedMessage {
        localize(self, locale, Bidi::Isolate)
    }

    /// The message in a locale as plain text for logs and JSON: no isolation marks.
    ///
    /// ```
    /// use kix_core::{Code, Violation};
    /// let v = Violation::new(Code::RegistrationFull, "", "x").with_param("capacity", 2);
    /// assert!(!v.message_in_plain("ar").text.contains('\u{2068}'));
    /// ```
    #[must_use]
    pub fn message_in_plain(&self, locale: &str) -> LocalizedMessage {
        localize(self, locale, Bidi::Plain)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use std::collections::BTreeSet;

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

    use super::*;

    #[test]
    fn the_day_markers_read_without_fluent_are_the_phrases_fluent_renders() {
        let rendered: Vec<String> = shipped()
            .iter()
            .flat_map(|s| ["listing-next-day", "listing-previous-day"].into_iter().filter_map(|id| phrase(s.tag, id)))
            .collect();
        assert_eq!(rendered.len(), 2 * shipped().len());
        assert_eq!(crate::language::words::day_markers(), rendered);
    }

    const FSI: char = '\u{2068}';
    const PDI: char = '\u{2069}';

    fn resources() -> Vec<(&'static str, FluentResource)> {
        SOURCES
            .iter()
            .map(|&(tag, source)| (tag, FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r)))
            .collect()
    }

    fn variables_of_pattern(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                variables_of_expression(expression, out);
            }
        }
    }

    fn variables_of_expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            Expression::Select { selector, variants } => {
                variables_of_inline(selector, out);
                for variant in variants {
                    variables_of_pattern(&variant.value, out);
                }
            }
            Expression::Inline(inline) => variables_of_inline(inline, out),
        }
    }

    fn variables_of_inline(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    variables_of_inline(a, out);
                }
            }
            _ => {}
        }
    }

    /// A plausible value for a parameter, by its name, for read-back and rendering.
    fn sample(code: Code, name: &str) -> Value {
        let date = |d: &str| Value::from(d);
        match name {
            "country" => "KG".into(),
            "shared_countries" => serde_json::json!(["KG", "TJ"]),
            "candidates" if code == Code::CountryAmbiguous => serde_json::json!(["CG", "CD"]),
            "candidates" => serde_json::json!(["Asia/Kolkata", "Asia/Jerusalem"]),
            "quota" | "capacity" => 3.into(),
            "held" | "length" => 5.into(),
            "max" => 200.into(),
            "first_index" | "held_index" | "other_index" | "number" => 2.into(),
            "duration_minutes" => 90.into(),
            "cancelled" => Value::Null,
            "from" | "to" | "status" if code.area() == "training" || code == Code::CatalogueNomineeNotCompleted => {
                if name == "to" {
                    "confirmed".into()
                } else {
                    "withdrawn".into()
                }
            }
            "from" if code == Code::RegistrationInvalidTransition => "cancelled".into(),
            "to" if code == Code::RegistrationInvalidTransition => "confirmed".into(),
            "weekday_given" => "tuesday".into(),
            "weekday_actual" => "wednesday".into(),
            "field" => "email".into(),
            "language" => "ar".into(),
            "offered" => serde_json::json!(["en", "ru", "ar"]),
            "audience" => "ministers".into(),
            "allowed" => serde_json::json!(["teachers", "researchers"]),
            "amount" => "60000 USD".into(),
            "ceiling" => "50000 USD".into(),
            "link" => "ftp://example.org/report.pdf".into(),
            "label" => "CET / Geneva".into(),
            "zone" => "Europe/Zurich".into(),
            "abbreviation" => "CET".into(),
            "true_abbreviation" => "CEST".into(),
            "abbreviation_offset" | "earlier_offset" => "+01:00".into(),
            "true_offset" | "later_offset" => "+02:00".into(),
            "given_start" => "16:00".into(),
            "given_end" => "17:30".into(),
            "expected_start" => "15:00".into(),
            "expected_end" => "16:30".into(),
            "local" => "2024-03-31T02:30:00".into(),
            "earlier" | "submitted_at" | "at" => "2024-07-31T10:00:00Z".into(),
            "later" | "opens_at" | "closes_at" | "deadline" => "2024-07-31T11:00:00Z".into(),
            "sub_region" => "central-asia".into(),
            "sub_regions" => serde_json::json!(["central-asia", "south-asia"]),
            "partners" => serde_json::json!(["acer", "nugse"]),
            "organisation" | "partner" => "unesco".into(),
            "id" | "event" | "event_id" => "kix-emap-webinar-20".into(),
            "other_event" | "book_event_id" => "kix-emap-webinar-21".into(),
            "series" => "kix-emap-webinar".into(),
            "cycle" => "cycle-2021".into(),
            "shared_audiences" => serde_json::json!(["teachers"]),
            "text" => "Narnia".into(),
            "email" => "nominee@example.org".into(),
            "subdivision" => "PK-XX".into(),
            "fixed_offset" => "+05:30".into(),
            "did_you_mean" => "Europe/Zurich".into(),
            "part" => "date".into(),
            "reason" => "no date".into(),
            _ => date("2024-07-31"),
        }
    }

    fn representative(code: Code) -> Violation {
        code.params().iter().fold(Violation::new(code, "nominations[2].email", "x"), |v, name| {
            match sample(code, name) {
                Value::Null => v,
                value => v.with_param(name, value),
            }
        })
    }

    #[test]
    fn every_file_parses_without_duplicate_or_stray_ids() {
        let codes: BTreeSet<String> = Code::ALL.iter().map(|&c| message_id(c)).collect();
        for (tag, source) in SOURCES {
            let parsed = FluentResource::try_new((*source).to_owned());
            assert!(parsed.is_ok(), "{tag}.ftl: {:?}", parsed.err().map(|(_, e)| e));
        }
        for (tag, resource) in resources() {
            let mut seen = BTreeSet::new();
            for entry in resource.entries() {
                if let Entry::Message(m) = entry {
                    let id = m.id.name;
                    assert!(seen.insert(id), "{tag}.ftl defines {id} twice");
                    assert!(
                        codes.contains(id) || PHRASES.contains(&id) || id.starts_with(PAGE_PREFIX),
                        "{tag}.ftl: {id} is no violation code, phrase or page text"
                    );
                }
            }
        }
    }

    /// Every page text any shipped file defines.
    fn page_ids() -> BTreeSet<String> {
        resources()
            .iter()
            .flat_map(|(_, resource)| resource.entries())
            .filter_map(|entry| match entry {
                Entry::Message(m) if m.id.name.starts_with(PAGE_PREFIX) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_code_and_page_text_has_a_message_in_every_shipped_locale() {
        assert!(locales().contains(&ENGLISH));
        let pages = page_ids();
        assert!(pages.contains("page-submit"), "the page texts are read: {pages:?}");
        let mut missing = Vec::new();
        for s in shipped() {
            // A page text one file has and another lacks would show English in the middle of
            // a Russian or Arabic page.
            missing.extend(pages.iter().filter(|id| !s.plain.has_message(id)).map(|id| format!("{}: {id}", s.tag)));
            for phrase in PHRASES {
                assert!(s.plain.has_message(phrase), "{} has no {phrase}", s.tag);
            }
            for &code in Code::ALL {
                if !s.plain.has_message(&message_id(code)) {
                    missing.push(format!("{}: {code}", s.tag));
                }
            }
        }
        assert!(missing.is_empty(), "messages missing: {missing:#?}");
    }

    #[test]
    fn templates_use_only_the_parameters_their_code_declares() {
        let mut wrong = Vec::new();
        for (tag, resource) in resources() {
            for entry in resource.entries() {
                let Entry::Message(m) = entry else { continue };
                let Ok(code) = m.id.name.replacen('-', ".", 1).parse::<Code>() else { continue };
                let mut used = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables_of_pattern(p, &mut used);
                }
                for name in used {
                    if name != "path" && !code.params().contains(&name.as_str()) {
                        wrong.push(format!("{tag}: {code} uses ${name}"));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "undeclared parameters: {wrong:#?}");
    }

    #[test]
    fn every_message_renders_for_a_representative_violation() {
        for &code in Code::ALL {
            let v = representative(code);
            for tag in locales() {
                let m = v.message_in_plain(tag);
                assert_eq!((m.locale, m.fell_back), (tag, false), "{code} in {tag}");
                assert!(!m.text.is_empty() && !m.text.contains('{'), "{code} in {tag}: {}", m.text);
                // `cargo test -p kix-core --lib messages -- --nocapture` prints them for proof-reading.
                println!("{tag} {code}: {}", m.text);
            }
        }
    }

    #[test]
    fn arabic_messages_begin_with_an_arabic_word_and_isolate_every_value() {
        for &code in Code::ALL {
            let v = representative(code);
            for bidi in [Bidi::Isolate, Bidi::Plain] {
                let text = localize(&v, "ar", bidi).text;
                let first = text.chars().next().unwrap_or_default();
                assert!(('\u{0600}'..='\u{06FF}').contains(&first), "{code} starts with {first:?}: {text}");
            }
            let display = v.message_in("ar").text;
            assert_eq!(display.matches(FSI).count(), display.matches(PDI).count(), "{code}: {display}");
            // Latin letters and digits appear only inside isolates.
            let mut depth = 0_i32;
            for c in display.chars() {
                match c {
                    FSI => depth += 1,
                    PDI => depth -= 1,
                    c if c.is_ascii_alphanumeric() => assert!(depth > 0, "{code}: bare {c:?} in {display}"),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn left_to_right_messages_carry_no_isolates() {
        for &code in Code::ALL {
            let v = representative(code);
            for tag in ["en", "ru"] {
                let text = v.message_in(tag).text;
                assert!(!text.contains(FSI) && !text.contains(PDI), "{code} in {tag}: {text}");
            }
        }
    }

    #[test]
    fn a_field_name_a_number_and_a_path_stay_whole_between_isolates_in_arabic() {
        let v = Violation::new(Code::RegistrationMissingField, "email", "x").with_param("field", "email");
        assert!(v.message_in("ar").text.contains("\u{2068}email\u{2069}"));
        let v = Violation::new(Code::HubDuplicateId, "events[14].id", "x")
            .with_param("id", "w-20")
            .with_param("first_index", 12);
        let text = v.message_in("ar").text;
        assert!(text.contains("\u{2068}w-20\u{2069}") && text.contains("\u{2068}12\u{2069}"), "{text}");
        let v = Violation::new(Code::TrainingInvalidDate, "cycles[0].nominations[2].endorsed_on", "x");
        assert!(v.message_in("ar").text.contains("\u{2068}cycles[0].nominations[2].endorsed_on\u{2069}"));
    }

    #[test]
    fn country_parameters_are_named_in_the_message_language() {
        let v =
            Violation::new(Code::GrantCountryNotParticipating, "grants[0].country", "x").with_param("country", "KG");
        assert!(v.message_in("en").text.contains("Kyrgyzstan"));
        assert!(v.message_in("ru").text.contains("Киргизия"));
        assert!(v.message_in("ar").text.contains("قيرغيزستان"));
        // A text that names no country is shown as typed.
        let v = Violation::new(Code::RegistrationUnknownCountry, "country", "x").with_param("country", "Narnia");
        assert!(v.message_in("ru").text.contains("Narnia"));
    }

    #[test]
    fn page_texts_choose_plural_forms_isolate_values_in_arabic_and_fall_back_to_english() {
        let seats = |tag: &str, n: i64| page_text("page-seats-left", tag, &[("count", n.into())]).map(|m| m.text);
        assert_eq!(seats("ru", 21).as_deref(), Some("Осталось 21 место."));
        assert_eq!(seats("ru", 5).as_deref(), Some("Осталось 5 мест."));
        assert_eq!(seats("ru", 0).as_deref(), Some("Свободных мест не осталось."));
        assert_eq!(seats("ar", 2).as_deref(), Some("تبقّى مقعدان."));
        assert_eq!(seats("ar", 7).as_deref(), Some(format!("تبقّت {FSI}7{PDI} مقاعد.").as_str()));
        let status = |tag: &str, s: &str| page_text("page-status", tag, &[("status", s.into())]).map(|m| m.text);
        assert_eq!(status("en", "confirmed").as_deref(), Some("Your seat is confirmed."));
        assert_ne!(status("ru", "pending"), status("ru", "confirmed"));
        let fallback = page_text("page-submit", "fr", &[]);
        assert_eq!(fallback.map(|m| (m.text, m.locale, m.fell_back)), Some(("Register".into(), "en", true)));
        assert_eq!(page_text("page-no-such-text", "ru", &[]), None);
        assert_eq!(page_text("list-separator", "ru", &[]), None);
    }

    #[test]
    fn unknown_and_regional_tags_choose_a_shipped_locale() {
        for (tag, chosen, fell_back) in [
            ("ru", "ru", false),
            ("RU-ru", "ru", false),
            ("ar-SD", "ar", false),
            ("ar-u-nu-arab", "ar", false),
            ("en-US", "en", false),
            ("uz-Cyrl", "en", true),
            ("", "en", true),
            ("-", "en", true),
        ] {
            assert_eq!(choose_locale(tag), MessageLocale { tag: chosen, fell_back }, "{tag:?}");
        }
    }
}
