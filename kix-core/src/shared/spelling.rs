//! How unit enums are written as words, in one table per enum.
//!
//! Each enum that a binding reads from a string (a query's `kind`, `by` or
//! `disambiguation`) declares, beside its type, the words it is written as with
//! `spelled!`. The table gives the enum its `ALL`, `as_str`, `Display` and `FromStr`; the
//! "expected" part of the error of a bad word is built from the same table, so
//! a new variant can never be missing from a message. The words are the serde
//! names of the variants (a test of each table checks it).

use std::sync::OnceLock;

use crate::shared::error::Error;
use crate::shared::text::truncate;

/// `a`, `a or b`, `a, b or c`: how an error lists the accepted words.
fn one_of(words: &[&str]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Reads a word of `table`, or says which words are accepted.
pub(crate) fn parse_word<T: Copy>(
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
            type Err = $crate::shared::error::Error;

            fn from_str(text: &str) -> Result<Self, $crate::shared::error::Error> {
                static EXPECTED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
                $crate::shared::spelling::parse_word($what, text, Self::WORDS, &EXPECTED)
            }
        }
    };
}

pub(crate) use spelled;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(one_of(&[]), "");
        assert_eq!(one_of(&["a"]), "a");
        assert_eq!(one_of(&["a", "b"]), "a or b");
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
    }
}
