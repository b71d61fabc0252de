//! The page's language: chosen from `?lang=`, else `Accept-Language`, else English, and the
//! page texts in it (the core's `page_text`).

use axum::http::{HeaderMap, header};
use kix_core::messages::{choose_locale, locales, page_text};
use serde_json::Value;

/// The texts of one page, in its language.
#[derive(Debug, Clone)]
pub(crate) struct Texts {
    /// The shipped locale (`en`, `ru`, `ar`): the page's `lang`.
    pub(crate) lang: &'static str,
}

impl Texts {
    /// The language a request asks for: `lang` when it names a shipped one, else the first
    /// shipped one of `Accept-Language` by weight, else English.
    pub(crate) fn negotiate(lang: Option<&str>, headers: &HeaderMap) -> Texts {
        let asked = lang.map(choose_locale).filter(|c| !c.fell_back);
        let accepted = || {
            let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            accepted_languages(header).into_iter().map(choose_locale).find(|c| !c.fell_back)
        };
        Texts { lang: asked.or_else(accepted).map_or("en", |c| c.tag) }
    }

    /// A page text; its id itself if no file has it (the message test keeps that from shipping).
    pub(crate) fn get(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// A page text with its arguments (a number chooses the plural form).
    pub(crate) fn with(&self, id: &str, args: &[(&str, Value)]) -> String {
        page_text(id, self.lang, args).map_or_else(|| id.to_owned(), |m| m.text)
    }

    /// `rtl` for a language written right to left (the core's formatter knows which), else `ltr`.
    pub(crate) fn dir(&self) -> &'static str {
        if kix_core::format::formatter(self.lang).locale.right_to_left { "rtl" } else { "ltr" }
    }

    /// The other languages of the page, for its language switch: (tag, the language's own name).
    pub(crate) fn others(&self) -> Vec<(&'static str, String)> {
        let own_name = |tag: &'static str| (tag, Texts { lang: tag }.get("page-this-language"));
        locales().into_iter().filter(|&tag| tag != self.lang).map(own_name).collect()
    }
}

/// The tags of an `Accept-Language` header, the most wanted first (RFC 9110, 12.5.4); a tag
/// with weight 0 is refused, not wanted.
fn accepted_languages(header: &str) -> Vec<&str> {
    let mut weighted: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let tag = parts.next().filter(|t| !t.is_empty() && *t != "*")?;
            let weight = parts.find_map(|p| p.strip_prefix("q=")).map_or(Some(1.0), |q| q.parse().ok())?;
            (weight > 0.0).then_some((tag, weight))
        })
        .collect();
    // A stable sort keeps the header's order between equal weights.
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
    weighted.into_iter().map(|(tag, _)| tag).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negotiated(lang: Option<&str>, accept: Option<&str>) -> &'static str {
        let mut headers = HeaderMap::new();
        if let Some(accept) = accept {
            headers.insert(header::ACCEPT_LANGUAGE, accept.parse().unwrap());
        }
        Texts::negotiate(lang, &headers).lang
    }

    #[test]
    fn the_query_wins_then_the_browsers_languages_by_weight_then_english() {
        assert_eq!(negotiated(Some("ar"), Some("ru")), "ar");
        assert_eq!(negotiated(Some("tlh"), Some("ru-KG,ru;q=0.9")), "ru");
        assert_eq!(negotiated(None, Some("fr-CH, fr;q=0.9, ar;q=0.5, ru;q=0.8")), "ru");
        assert_eq!(negotiated(None, Some("ru;q=0, en;q=0.1")), "en");
        assert_eq!(negotiated(None, Some("*")), "en");
        assert_eq!(negotiated(None, None), "en");
    }

    #[test]
    fn arabic_pages_run_right_to_left_and_name_the_other_languages_in_their_own() {
        let ar = Texts { lang: "ar" };
        assert_eq!((ar.dir(), Texts { lang: "ru" }.dir()), ("rtl", "ltr"));
        assert_eq!(ar.others(), [("en", "English".to_owned()), ("ru", "Русский".to_owned())]);
    }
}
