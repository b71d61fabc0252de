//! E-mail addresses as people in every script write them.
//!
//! The syntax is that of Python's `email-validator` 2.4 (the validator behind
//! pydantic's `EmailStr`) with deliverability checks off, so that a form
//! checked in the browser, on the phone and in a notebook gives one verdict.
//! kix keeps four documented differences, each on purpose:
//!
//! 1. a quoted local part (`"john smith"@example.org`, RFC 5321 §4.1.2) is
//!    accepted; email-validator refuses it unless asked;
//! 2. surrounding whitespace is trimmed; email-validator refuses it;
//! 3. special-use and reserved domains (`.invalid`, `.test`, `.local`, `.arpa`,
//!    `localhost.…`) are accepted: kix's own pseudonyms end in `@anon.invalid`;
//! 4. the local part is at most 64 octets (RFC 5321 §4.5.3.1.1);
//!    email-validator checks that only in its strict mode.
//!
//! The local part may hold any character but controls, format characters,
//! unassigned and private-use code points, separators (spaces, unless quoted)
//! and a leading combining mark; its ASCII characters follow RFC 5322's
//! dot-atom. The domain goes through UTS 46 (the `idna` crate, non-transitional,
//! STD3 rules, hyphen and DNS length checks: 63-octet labels, 253-octet domain
//! on the ASCII form); after conversion every label is letters, marks, digits
//! and hyphens, there are at least two labels and the last one ends with a
//! letter (so no bare IP address and no all-numeric top-level label), and a
//! bracketed domain literal is refused.

use std::fmt;
use std::str::FromStr;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Longest local part accepted, in octets of UTF-8 (RFC 5321 §4.5.3.1.1).
///
/// ```
/// assert_eq!(kix_core::email::MAX_LOCAL_PART_BYTES, 64);
/// ```
pub const MAX_LOCAL_PART_BYTES: usize = 64;
/// Longest address accepted, in octets of UTF-8, in the form given, the
/// normalized form and the form with an ASCII domain (RFC 5321 §4.5.3.1.3).
///
/// ```
/// assert_eq!(kix_core::email::MAX_ADDRESS_BYTES, 254);
/// ```
pub const MAX_ADDRESS_BYTES: usize = 254;
/// Longest domain accepted, in octets of its ASCII form (RFC 1035 §2.3.4).
///
/// ```
/// assert_eq!(kix_core::email::MAX_DOMAIN_BYTES, 253);
/// ```
pub const MAX_DOMAIN_BYTES: usize = 253;

/// Why a text is not an e-mail address. The `Display` text is the reason
/// shown to people and given as the `reason` parameter of
/// `registration.invalid_email`.
///
/// ```
/// use kix_core::email::{Email, EmailError};
/// assert_eq!("user@192.168.0.1".parse::<Email>(), Err(EmailError::TopLevelDomainNotLetter));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmailError {
    /// No `@` outside quotes.
    #[error("an e-mail address must have an @-sign")]
    NoAtSign,
    /// Nothing before the `@`.
    #[error("there must be something before the @-sign")]
    EmptyLocalPart,
    /// Nothing after the `@`.
    #[error("there must be something after the @-sign")]
    EmptyDomain,
    /// A character that the local part cannot hold.
    #[error("the part before the @-sign cannot contain {0}")]
    InvalidLocalCharacter(String),
    /// A dot at the start or end of the local part, or two in a row.
    #[error("the part before the @-sign cannot start or end with a dot or have two dots in a row")]
    LocalDots,
    /// Text after the closing quote of a quoted local part.
    #[error("there can be nothing between the closing quote and the @-sign")]
    AfterClosingQuote,
    /// The local part is longer than [`MAX_LOCAL_PART_BYTES`].
    #[error("the part before the @-sign is {0} octets long; at most 64 are accepted")]
    LocalPartTooLong(usize),
    /// The address is longer than [`MAX_ADDRESS_BYTES`] in one of its forms.
    #[error("the address is {0} octets long; at most 254 are accepted")]
    TooLong(usize),
    /// A `[…]` domain literal (an IP address in brackets).
    #[error("an IP address in brackets after the @-sign is not accepted")]
    DomainLiteral,
    /// A character that a domain cannot hold.
    #[error("the part after the @-sign cannot contain {0}")]
    InvalidDomainCharacter(String),
    /// An empty label: a dot at the start or end of the domain, or two in a row.
    #[error("the part after the @-sign cannot start or end with a dot or have two dots in a row")]
    DomainDots,
    /// A label starting or ending with a hyphen, or with hyphens in its third and fourth places.
    #[error(
        "a part of the domain cannot start or end with a hyphen or have two hyphens after its first two characters"
    )]
    DomainHyphens,
    /// A label over 63 octets or a domain over [`MAX_DOMAIN_BYTES`] in ASCII form.
    #[error("the part after the @-sign is too long (63 octets a label, 253 in all, in its ASCII form)")]
    DomainTooLong,
    /// The domain is not a valid internationalized domain name under UTS 46.
    #[error("the part after the @-sign is not a valid internationalized domain name")]
    InvalidIdna,
    /// A domain without a dot.
    #[error("the part after the @-sign must have a dot")]
    NoDot,
    /// The last label does not end with a letter (a bare IP address, an all-numeric top-level domain).
    #[error("the part after the @-sign must end with a top-level domain that ends with a letter")]
    TopLevelDomainNotLetter,
}

/// A valid e-mail address in its normalized form: trimmed, the local part in
/// Unicode NFC with the least quoting it needs, the domain in its UTS 46
/// Unicode form (lower case). It is what kix compares, so it is what a caller
/// should store. Its `Debug` output hides the local part.
///
/// ```
/// use kix_core::email::Email;
/// let e: Email = " Krishna.Sharma@Example.NP ".parse()?;
/// assert_eq!(e.as_str(), "Krishna.Sharma@example.np");
/// let idn: Email = "user@пример.рф".parse()?;
/// assert_eq!(idn.ascii_domain(), "xn--e1afmkfd.xn--p1ai");
/// assert_eq!(idn.key(), "user@xn--e1afmkfd.xn--p1ai".parse::<Email>()?.key());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email {
    normalized: String,
    at: usize,
    /// The ASCII form of the domain, when it differs from the Unicode form.
    ascii_domain: Option<String>,
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Email").field("local_part", &"<redacted>").field("domain", &self.domain()).finish()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.normalized)
    }
}

impl FromStr for Email {
    type Err = EmailError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Email::parse(text)
    }
}

impl Email {
    /// Checks and normalizes an address.
    ///
    /// ```
    /// use kix_core::email::{Email, EmailError};
    /// assert!(Email::parse("कृष्ण@example.in").is_ok());
    /// assert!(Email::parse("user@शिक्षा.com").is_ok());
    /// assert_eq!(Email::parse("user@mail_ru.com"), Err(EmailError::InvalidDomainCharacter("'_'".into())));
    /// assert_eq!(Email::parse("a@[127.0.0.1]"), Err(EmailError::DomainLiteral));
    /// ```
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let given = crate::shared::text::trim(text);
        match parse_plain_ascii(given) {
            Some(plain) => Ok(plain),
            None => parse_full(given),
        }
    }

    /// The normalized address.
    ///
    /// ```
    /// // Decomposed Vietnamese (e + combining marks) comes back composed (NFC).
    /// let e = kix_core::email::Email::parse("nguye\u{302}\u{303}n@example.vn")?;
    /// assert_eq!(e.as_str(), "nguy\u{1ec5}n@example.vn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.normalized
    }

    /// The part before the `@`, normalized (quoted only when it must be).
    ///
    /// ```
    /// let e = kix_core::email::Email::parse(r#""ana"@example.md"#)?;
    /// assert_eq!(e.local_part(), "ana");
    /// assert_eq!(kix_core::email::Email::parse(r#""ana maria"@example.md"#)?.local_part(), r#""ana maria""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_part(&self) -> &str {
        self.normalized.get(..self.at).unwrap_or_default()
    }

    /// The domain in its UTS 46 Unicode form.
    ///
    /// ```
    /// let e = kix_core::email::Email::parse("user@XN--E1AFMKFD.XN--P1AI")?;
    /// assert_eq!(e.domain(), "пример.рф");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn domain(&self) -> &str {
        self.normalized.get(self.at + 1..).unwrap_or_default()
    }

    /// The domain in ASCII (Punycode) form, as DNS and SMTP without SMTPUTF8 see it.
    ///
    /// ```
    /// let e = kix_core::email::Email::parse("user@शिक्षा.com")?;
    /// assert!(e.ascii_domain().starts_with("xn--") && e.ascii_domain().ends_with(".com"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ascii_domain(&self) -> &str {
        self.ascii_domain.as_deref().unwrap_or_else(|| self.domain())
    }

    /// The normalized address, taken out of the `Email` without copying.
    ///
    /// ```
    /// let e = kix_core::email::Email::parse(" Ana@Example.MD ")?;
    /// assert_eq!(e.into_string(), "Ana@example.md");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_string(self) -> String {
        self.normalized
    }

    /// The duplicate key: the local part in full Unicode lower case, `@`, the
    /// ASCII domain. No provider-specific folding (Gmail's dots and `+tags`
    /// are different addresses elsewhere).
    ///
    /// ```
    /// use kix_core::email::Email;
    /// assert_eq!(Email::parse("Aigerim@Example.KG")?.key(), "aigerim@example.kg");
    /// assert_ne!(Email::parse("a.b@gmail.com")?.key(), Email::parse("ab@gmail.com")?.key());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> String {
        let mut key = String::new();
        self.key_into(&mut key);
        key
    }

    /// [`Email::key`] written into a buffer (cleared first), for callers that look many up.
    ///
    /// ```
    /// let mut key = String::from("old");
    /// kix_core::email::Email::parse("Ana@Example.MD")?.key_into(&mut key);
    /// assert_eq!(key, "ana@example.md");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key_into(&self, key: &mut String) {
        key.clear();
        self.key_append(key);
    }

    /// [`Email::key`] appended to a text that holds others.
    pub(crate) fn key_append(&self, key: &mut String) {
        let (local, domain) = (self.local_part(), self.ascii_domain());
        key.reserve(local.len() + 1 + domain.len());
        if local.is_ascii() {
            let start = key.len();
            key.push_str(local);
            if let Some(added) = key.get_mut(start..) {
                added.make_ascii_lowercase();
            }
        } else {
            key.extend(local.chars().flat_map(char::to_lowercase));
        }
        key.push('@');
        key.push_str(domain);
    }

    /// The part that mixes Latin letters with Cyrillic or Greek ones (the
    /// look-alike trick of `pаypal` with a Cyrillic `а`): the local part or a
    /// domain label, in normalized form.
    ///
    /// ```
    /// use kix_core::email::Email;
    /// assert_eq!(Email::parse("p\u{430}ypal@example.org")?.mixed_script(), Some("p\u{430}ypal"));
    /// assert_eq!(Email::parse("user@\u{440}ay\u{440}al.com")?.mixed_script(), Some("\u{440}ay\u{440}al"));
    /// assert_eq!(Email::parse("алия@пример.рф")?.mixed_script(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn mixed_script(&self) -> Option<&str> {
        if self.normalized.is_ascii() {
            return None;
        }
        std::iter::once(self.local_part()).chain(self.domain().split('.')).find(|part| mixes_scripts(part))
    }
}

/// The key under which an address counts as a duplicate: [`Email::key`] for a
/// valid address; for any other text (an old record, a typo in an invitation
/// list) the trimmed text in NFC and lower case, so it still matches itself.
///
/// ```
/// use kix_core::email::duplicate_key;
/// assert_eq!(duplicate_key("user@пример.рф"), duplicate_key(" USER@xn--e1afmkfd.xn--p1ai"));
/// assert_eq!(duplicate_key(" Not An Address "), "not an address");
/// ```
#[must_use]
pub fn duplicate_key(text: &str) -> String {
    match Email::parse(text) {
        Ok(email) => email.key(),
        Err(_) => text.trim().nfc().flat_map(char::to_lowercase).collect(),
    }
}

/// The form in which e-mail addresses are compared for duplicates:
/// [`duplicate_key`] (the local part in NFC and lower case, the
/// domain in ASCII form; other text trimmed, in NFC and lower case).
///
/// ```
/// use kix_core::email::normalize_email;
/// assert_eq!(normalize_email("  Aigerim@Example.KG "), "aigerim@example.kg");
/// assert_eq!(normalize_email("user@пример.рф"), "user@xn--e1afmkfd.xn--p1ai");
/// ```
#[must_use]
pub fn normalize_email(email: &str) -> String {
    duplicate_key(email)
}

/// Every rule, for any address (the plain ASCII ones give the same result faster).
fn parse_full(given: &str) -> Result<Email, EmailError> {
    let (raw_local, raw_domain) = split_at_unquoted_at(given)?;
    let (raw_value, quoted) = unquote(raw_local)?;
    check_local_part(&raw_value, quoted)?;
    let value: String = raw_value.nfc().collect();
    if value != raw_value {
        check_local_part(&value, quoted)?;
    }
    let local = if quoted && !is_dot_atom(&value) { requote(&value) } else { value };
    if local.len() > MAX_LOCAL_PART_BYTES {
        return Err(EmailError::LocalPartTooLong(local.len()));
    }
    let (domain, ascii_domain) = check_domain(raw_domain)?;
    let normalized = format!("{local}@{domain}");
    let longest = given.len().max(normalized.len()).max(local.len() + 1 + ascii_domain.len());
    if longest > MAX_ADDRESS_BYTES {
        return Err(EmailError::TooLong(longest));
    }
    let ascii_domain = (ascii_domain != domain).then_some(ascii_domain);
    Ok(Email { normalized, at: local.len(), ascii_domain })
}

/// The common address in one pass: an ASCII dot-atom local part and a domain
/// of ASCII letters, digits and hyphens without Punycode. There UTS 46 only
/// lowercases, NFC changes nothing and no script can mix, so the result is the
/// one the full path gives; anything else, valid or not, goes the full way
/// (`None`), which also names what is wrong.
fn parse_plain_ascii(given: &str) -> Option<Email> {
    let bytes = given.as_bytes();
    if bytes.len() > MAX_ADDRESS_BYTES {
        return None;
    }
    let class = |b: u8| PLAIN.get(usize::from(b)).copied().unwrap_or(0);
    // The local part: atext runs separated by single dots, up to the first `@`.
    let mut at = 0;
    let mut after_dot = true;
    loop {
        let b = *bytes.get(at)?;
        if b == b'@' {
            break;
        }
        if b == b'.' {
            if after_dot {
                return None;
            }
            after_dot = true;
        } else if class(b) & ATEXT != 0 {
            after_dot = false;
        } else {
            return None;
        }
        at += 1;
    }
    if at == 0 || at > MAX_LOCAL_PART_BYTES || after_dot {
        return None;
    }
    // The domain: labels of letters, digits and hyphens, 1 to 63 long, no hyphen at either end
    // and none in the third and fourth places (that is Punycode's `xn--`, for the full path).
    let (mut start, mut labels) = (at + 1, 0);
    for end in at + 1..=bytes.len() {
        match bytes.get(end) {
            Some(&b) if class(b) & LABEL != 0 => continue,
            Some(b'.') | None => {}
            Some(_) => return None,
        }
        let label = bytes.get(start..end)?;
        let plain = (1..=63).contains(&label.len())
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && label.get(2..4) != Some(b"--");
        if !plain {
            return None;
        }
        labels += 1;
        start = end + 1;
    }
    if labels < 2 || !bytes.last().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut normalized = given.to_owned();
    if let Some(domain) = normalized.get_mut(at + 1..) {
        domain.make_ascii_lowercase();
    }
    Some(Email { normalized, at, ascii_domain: None })
}

/// Byte classes of the plain path: RFC 5322 `atext` (local parts) and label characters (domains).
const ATEXT: u8 = 1;
const LABEL: u8 = 2;
#[allow(clippy::indexing_slicing)] // a table of 256 indexed by bytes: every index is in range
static PLAIN: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = ATEXT | LABEL;
        }
        b += 1;
    }
    let specials = b"!#$%&'*+-/=?^_`{|}~";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] |= ATEXT;
        i += 1;
    }
    table[b'-' as usize] |= LABEL;
    table
};

/// Splits at the first `@` outside a quoted string (a quoted local part may
/// hold `@`). Quotes open anywhere, as email-validator reads them.
fn split_at_unquoted_at(text: &str) -> Result<(&str, &str), EmailError> {
    let mut inside_quote = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if inside_quote {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => inside_quote = false,
                _ => escaped = false,
            }
        } else if c == '"' {
            inside_quote = true;
        } else if c == '@' {
            return Ok((text.get(..i).unwrap_or_default(), text.get(i + 1..).unwrap_or_default()));
        }
    }
    Err(EmailError::NoAtSign)
}

/// The value of a local part and whether it was quoted: quotes removed and
/// backslash escapes resolved (any character may be escaped).
fn unquote(local: &str) -> Result<(String, bool), EmailError> {
    let Some(inner) = local.strip_prefix('"') else {
        return Ok((local.to_owned(), false));
    };
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.extend(chars.next()),
            '"' if chars.as_str().is_empty() => return Ok((value, true)),
            '"' => return Err(EmailError::AfterClosingQuote),
            _ => value.push(c),
        }
    }
    Ok((value, true))
}

/// RFC 5322 `atext` in ASCII; RFC 6531 adds every non-ASCII character.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || !c.is_ascii()
}

fn is_dot_atom(text: &str) -> bool {
    text.split('.').all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

fn requote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// A character for a message: itself when visible, else its code point.
fn shown(c: char) -> String {
    match c.general_category_group() {
        GeneralCategoryGroup::Letter
        | GeneralCategoryGroup::Number
        | GeneralCategoryGroup::Punctuation
        | GeneralCategoryGroup::Symbol => format!("{c:?}"),
        _ => format!("U+{:04X}", u32::from(c)),
    }
}

/// email-validator's `check_unsafe_chars`: letters, numbers, punctuation and
/// symbols; marks but not first (a leading mark would combine with whatever
/// precedes the address); spaces only where allowed; nothing of `C` (controls,
/// format, surrogates, private use, unassigned) or line and paragraph separators.
fn unsafe_char(text: &str, allow_space: bool) -> Option<char> {
    text.chars().enumerate().find_map(|(i, c)| {
        let safe = match c.general_category_group() {
            GeneralCategoryGroup::Letter
            | GeneralCategoryGroup::Number
            | GeneralCategoryGroup::Punctuation
            | GeneralCategoryGroup::Symbol => true,
            GeneralCategoryGroup::Mark => i > 0,
            GeneralCategoryGroup::Separator => allow_space && c.general_category() == GeneralCategory::SpaceSeparator,
            GeneralCategoryGroup::Other => false,
        };
        (!safe).then_some(c)
    })
}

fn check_local_part(value: &str, quoted: bool) -> Result<(), EmailError> {
    if value.is_empty() {
        return Err(EmailError::EmptyLocalPart);
    }
    let invalid = |c: char| EmailError::InvalidLocalCharacter(shown(c));
    if is_dot_atom(value) {
        return match unsafe_char(value, false) {
            Some(c) => Err(invalid(c)),
            None => Ok(()),
        };
    }
    if quoted {
        // Inside quotes: printable ASCII (space, dots anywhere, escaped quotes) and non-ASCII.
        if let Some(c) = value.chars().find(|&c| !(' '..='~').contains(&c) && c.is_ascii()) {
            return Err(invalid(c));
        }
        return match unsafe_char(value, true) {
            Some(c) => Err(invalid(c)),
            None => Ok(()),
        };
    }
    match value.chars().find(|&c| c != '.' && !is_atext(c)) {
        Some(c) => Err(invalid(c)),
        None => Err(EmailError::LocalDots),
    }
}

/// UTS 46 with the options email-validator's checks amount to.
fn to_ascii(domain: &str, hyphens: Hyphens, length: DnsLength) -> Option<String> {
    Uts46::new().to_ascii(domain.as_bytes(), AsciiDenyList::STD3, hyphens, length).ok().map(|d| d.into_owned())
}

/// IDNA 2008 allows letters, marks, digits and hyphens; UTS 46 alone also lets
/// symbols (☃, emoji) through, which email-validator's IDNA 2008 refuses.
fn is_label_char(c: char) -> bool {
    c == '-'
        || matches!(c.general_category_group(), GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark)
        || c.general_category() == GeneralCategory::DecimalNumber
}

/// The domain's Unicode and ASCII forms.
fn check_domain(raw: &str) -> Result<(String, String), EmailError> {
    if raw.is_empty() {
        return Err(EmailError::EmptyDomain);
    }
    if raw.starts_with('[') && raw.ends_with(']') {
        return Err(EmailError::DomainLiteral);
    }
    // Checked first, in characters, as email-validator does: it keeps long
    // Punycode labels away from quadratic decoding.
    if raw.chars().count() > MAX_DOMAIN_BYTES {
        return Err(EmailError::DomainTooLong);
    }
    if let Some(c) = raw.chars().find(|&c| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-' || c == '.')) {
        return Err(EmailError::InvalidDomainCharacter(shown(c)));
    }
    if let Some(c) = unsafe_char(raw, false) {
        return Err(EmailError::InvalidDomainCharacter(shown(c)));
    }
    let Some(ascii) = to_ascii(raw, Hyphens::Check, DnsLength::Verify) else {
        return Err(domain_error(raw));
    };
    let (unicode, result) = Uts46::new().to_unicode(ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Check);
    if result.is_err() {
        return Err(EmailError::InvalidIdna);
    }
    if let Some(c) = unicode.chars().find(|&c| c != '.' && !is_label_char(c)) {
        return Err(EmailError::InvalidDomainCharacter(shown(c)));
    }
    if !ascii.contains('.') {
        return Err(EmailError::NoDot);
    }
    if !ascii.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(EmailError::TopLevelDomainNotLetter);
    }
    Ok((unicode.into_owned(), ascii))
}

/// Why UTS 46 with all checks refused a domain: the first check that fails
/// when the checks are added one at a time.
fn domain_error(raw: &str) -> EmailError {
    match to_ascii(raw, Hyphens::Allow, DnsLength::Ignore) {
        None => EmailError::InvalidIdna,
        Some(ascii) if ascii.split('.').any(str::is_empty) => EmailError::DomainDots,
        Some(_) if to_ascii(raw, Hyphens::Check, DnsLength::Ignore).is_none() => EmailError::DomainHyphens,
        Some(_) => EmailError::DomainTooLong,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

/// The script of a letter among the three that look alike. The Unicode
/// blocks of these scripts hold only their own letters, so a block is the
/// script here (a full Script property table would be far larger).
fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    match u32::from(c) {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => {
            Some(Script::Latin)
        }
        0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Some(Script::Latin),
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Some(Script::Cyrillic),
        0x370..=0x3FF | 0x1F00..=0x1FFF => Some(Script::Greek),
        _ => None,
    }
}

fn mixes_scripts(part: &str) -> bool {
    let mut latin = false;
    let mut other = false;
    for s in part.chars().filter_map(script) {
        match s {
            Script::Latin => latin = true,
            Script::Cyrillic | Script::Greek => other = true,
        }
        if latin && other {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests;
