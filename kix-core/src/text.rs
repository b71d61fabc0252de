//! Text normalization shared by the rules.

use unicode_normalization::UnicodeNormalization;

/// The form in which e-mail addresses are compared for duplicates: trimmed,
/// Unicode NFKC-normalized and lower-cased (full Unicode lower case, which
/// folds the case of every script kix users write in).
///
/// ```
/// use kix_core::text::normalize_email;
/// assert_eq!(normalize_email("  Aigerim@Example.KG "), "aigerim@example.kg");
/// // A compatibility form (full-width letters) compares equal to the plain one.
/// assert_eq!(normalize_email("ＡＢＣ@example.org"), "abc@example.org");
/// ```
#[must_use]
pub fn normalize_email(email: &str) -> String {
    let trimmed = email.trim();
    if trimmed.is_ascii() {
        // NFKC leaves ASCII unchanged, and ASCII lower case is full lower case there.
        return trimmed.to_ascii_lowercase();
    }
    trimmed.nfkc().flat_map(char::to_lowercase).collect()
}
