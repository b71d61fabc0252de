//! The text of calendar files: RFC 5545 escaping and folding, RFC 6868 parameter values, mailto addresses, dates, offsets and durations.

use super::*;

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and
/// newlines; other control characters, which no TEXT may carry, are dropped.
///
/// ```
/// assert_eq!(kix_core::calendar::escape_text("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
/// assert_eq!(kix_core::calendar::escape_text("x\u{0}y\u{7}"), "xy");
/// ```
#[must_use]
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character,
/// continuing with CRLF and a space, and ends it with CRLF.
///
/// ```
/// let line = format!("DESCRIPTION:{}", "é".repeat(60));
/// let folded = kix_core::calendar::fold_line(&line);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
/// ```
#[must_use]
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

/// Encodes a parameter value (RFC 6868 and RFC 5545 §3.2): `^` as `^^`, a
/// newline as `^n`, a double quote as `^'`, other control characters dropped,
/// and the whole in double quotes when it holds `:`, `;` or `,`.
///
/// ```
/// use kix_core::calendar::param_value;
/// assert_eq!(param_value("\"Pro Didactica\""), "^'Pro Didactica^'");
/// assert_eq!(param_value("NORRAG: Geneva; CH"), "\"NORRAG: Geneva; CH\"");
/// assert_eq!(param_value("a^n\nb"), "a^^n^nb");
/// ```
#[must_use]
pub fn param_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("^n");
            }
            '\n' => out.push_str("^n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.contains([':', ';', ',']) { format!("\"{out}\"") } else { out }
}

/// An e-mail address as a `mailto:` URI (RFC 6068): the domain in its ASCII
/// form, every octet of the local part that a URI cannot carry percent-encoded.
/// `None` when the address is not valid.
///
/// ```
/// use kix_core::calendar::mailto;
/// assert_eq!(mailto("Aigerim@Example.KG").as_deref(), Some("mailto:Aigerim@example.kg"));
/// assert_eq!(mailto("анна@пример.рф").as_deref(), Some("mailto:%D0%B0%D0%BD%D0%BD%D0%B0@xn--e1afmkfd.xn--p1ai"));
/// assert_eq!(mailto("not an address"), None);
/// ```
#[must_use]
pub fn mailto(email: &str) -> Option<String> {
    let email = crate::shared::email::Email::parse(email).ok()?;
    let mut out = String::from("mailto:");
    for b in email.local_part().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$'*+=^".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out.push('@');
    out.push_str(email.ascii_domain());
    Some(out)
}

pub(super) fn ics_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if s == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{s:02}") }
}

pub(super) fn ics_local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

pub(super) fn ics_utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// An exact duration (RFC 5545 §3.3.6, hours, minutes and seconds only: no
/// nominal days), e.g. `PT1H30M`; negative for alarms before the start.
pub(super) fn ics_duration(length: Duration) -> String {
    let total = length.num_seconds();
    let sign = if total < 0 { "-" } else { "" };
    let abs = total.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    let mut out = format!("{sign}PT");
    if h > 0 {
        let _ = write!(out, "{h}H");
    }
    if m > 0 {
        let _ = write!(out, "{m}M");
    }
    if s > 0 || abs == 0 {
        let _ = write!(out, "{s}S");
    }
    out
}
