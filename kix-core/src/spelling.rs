//! How unit enums are written as words, in one table per enum.
//!
//! Each enum that a binding reads from a string (a query's `kind`, `by` or
//! `disambiguation`) is declared here with the words it is written as. The
//! table gives the enum its `ALL`, `as_str`, `Display` and `FromStr`; the
//! "expected" part of the error of a bad word is built from the same table, so
//! a new variant can never be missing from a message. The words are the serde
//! names of the variants (a test of each table checks it).

use std::sync::OnceLock;

use crate::book::Actor;
use crate::catalogue::{CountBy, ProductKind};
use crate::error::Error;
use crate::text::truncate;
use crate::zone::Disambiguation;

/// `a`, `a or b`, `a, b or c`: how an error lists the accepted words.
fn one_of(words: &[&str]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Reads a word of `table`, or says which words are accepted.
fn parse_word<T: Copy>(
    what: &'static str,
    text: &str,
    table: &[(T, &'static str)],
    expected: &'static OnceLock<String>,
) -> Result<T, Error> {
    table.iter().find(|(_, word)| *word == text).map(|(value, _)| *value).ok_or_else(|| Error::InvalidValue {
        what,
        value: truncate(text, 40),
        expected: expected.get_or_init(|| one_of(&table.iter().map(|(_, w)| *w).collect::<Vec<_>>())).as_str(),
    })
}

/// Declares the words of a unit enum: `ALL`, `as_str`, `Display`, `FromStr`.
macro_rules! spelled {
    ($ty:ident, $what:literal, $example:literal, { $($variant:ident = $word:literal),+ $(,)? }) => {
        impl $ty {
            const WORDS: &'static [($ty, &'static str)] = &[$(($ty::$variant, $word)),+];

            #[doc = concat!("Every ", $what, ", in declaration order.")]
            ///
            /// ```
            #[doc = concat!("assert!(kix_core::", stringify!($ty), "::ALL.contains(&\"", $example, "\".parse()?));")]
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            #[doc = concat!("The word a ", $what, " is written as (its JSON name).")]
            ///
            /// ```
            #[doc = concat!("let value: kix_core::", stringify!($ty), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert_eq!(value.as_str(), \"", $example, "\");")]
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $word,)+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Reads the exact word (see `as_str`); any other text is
        /// [`Error::InvalidValue`](crate::Error::InvalidValue) listing every accepted word.
        impl std::str::FromStr for $ty {
            type Err = Error;

            fn from_str(text: &str) -> Result<Self, Error> {
                static EXPECTED: OnceLock<String> = OnceLock::new();
                parse_word($what, text, Self::WORDS, &EXPECTED)
            }
        }
    };
}

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

spelled!(Disambiguation, "disambiguation", "later", {
    Compatible = "compatible",
    Earlier = "earlier",
    Later = "later",
    Reject = "reject",
});

spelled!(Actor, "actor", "organiser", {
    Registrant = "registrant",
    Organiser = "organiser",
    System = "system",
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The words must be the serde names: JSON documents and bindings' strings agree.
    fn words_match_serde<T>(all: &[T], as_str: fn(&T) -> &'static str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::str::FromStr + PartialEq + std::fmt::Debug,
    {
        for value in all {
            let json = serde_json::to_value(value).unwrap_or_default();
            assert_eq!(json, serde_json::Value::from(as_str(value)), "{value:?}");
            assert_eq!(as_str(value).parse::<T>().ok().as_ref(), Some(value));
        }
    }

    #[test]
    fn every_table_spells_its_variants_as_serde_does() {
        words_match_serde(CountBy::ALL, |v| v.as_str());
        words_match_serde(ProductKind::ALL, |v| v.as_str());
        words_match_serde(Disambiguation::ALL, |v| v.as_str());
        words_match_serde(Actor::ALL, |v| v.as_str());
        // That each table lists every variant is checked by the compiler: `as_str` is an exhaustive match.
    }

    #[test]
    fn a_bad_word_is_refused_with_every_accepted_word() {
        let err = "weekly".parse::<CountBy>().unwrap_err();
        assert_eq!(err.to_string(), r#"invalid count period "weekly": expected month, project_year or phase"#);
        let err = "Later".parse::<Disambiguation>().unwrap_err();
        assert_eq!(err.to_string(), r#"invalid disambiguation "Later": expected compatible, earlier, later or reject"#);
        let Err(Error::InvalidValue { what, expected, .. }) = "video".parse::<ProductKind>() else {
            panic!("expected an invalid value")
        };
        assert_eq!(what, "product kind");
        for kind in ProductKind::ALL {
            assert!(expected.contains(kind.as_str()), "{kind} missing from {expected}");
        }
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(one_of(&[]), "");
        assert_eq!(one_of(&["a"]), "a");
        assert_eq!(one_of(&["a", "b"]), "a or b");
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
    }
}
