//! The rules of one registration: its fields, e-mail, country, eligibility, invitation, audience, language, window and consent.

use super::*;

impl Rules<'_> {
    /// Every violation of a registration's own fields, in the order the rules run, with
    /// what the duplicate check and the seats need later. Its duplicate key is written to
    /// the scratch keys and hashed here, where the address is at hand.
    pub(super) fn check(
        &self,
        r: &RegistrationRef<'_>,
        found: Vec<Violation>,
        now: Option<DateTime<Utc>>,
        places: &mut HashMap<Box<str>, Result<Place, Violation>, RandomState>,
        keys: &mut String,
    ) -> (RegistrationOutcome, Claim) {
        let mut v = found;
        undecodable_text(r, &mut v);
        name_rule(r, &mut v);
        let (slot, occurrence_problem) = self.occurrence_rule(r, &v);
        let email = self.email_rule(r, &mut v);
        let duplicate_at = v.len();
        let key = email.as_ref().map(|email| {
            let start = keys.len();
            write_key(email, self.slot(slot).map(|s| s.id), keys);
            let key = keys.get(start..).unwrap_or_default();
            (start, key.len(), self.hasher.hash_one(key))
        });
        let (country, subdivision) = self.country_rule(r, places, &mut v);
        organisation_rule(r, &mut v);
        audience_rule(r, &mut v);
        self.language_rule(r, &mut v);
        self.consent_rule(r, &mut v);
        v.extend(occurrence_problem);
        self.window_rule(r, now, slot, &mut v);
        self.cancellation_rule(&mut v);
        self.invitation_rule(r, &mut v);
        // The status is the in-order part's to decide (`RegistrationDesk::settle`).
        let outcome = RegistrationOutcome {
            status: RegistrationStatus::Rejected,
            violations: v,
            email: email.map(Email::into_string),
            country,
            subdivision,
        };
        (outcome, Claim { key, duplicate_at, slot })
    }

    /// Whether a registration without an error can still be refused: when the event (or an
    /// occurrence) is full and has no waiting list. Only then does a claim on an e-mail depend
    /// on the seats taken before it.
    pub(super) fn may_refuse_when_full(&self) -> bool {
        self.event.registration.capacity.is_some() && !self.event.registration.waiting_list
    }

    /// The duplicate violation of a registration whose key was first seen at `first`.
    pub(super) fn duplicate(&self, first: Seen, slot: Option<usize>) -> Violation {
        let occurrence = self.slot(slot).map(|s| s.id);
        let (message, param, at) = match (first.get(), occurrence) {
            ((true, i), None) => ("this e-mail is already registered for the event", "held_index", i),
            ((false, i), None) => ("this e-mail was registered earlier in the batch", "first_index", i),
            ((true, i), Some(_)) => ("this e-mail is already registered for this occurrence", "held_index", i),
            ((false, i), Some(_)) => {
                ("this e-mail was registered for this occurrence earlier in the batch", "first_index", i)
            }
        };
        let duplicate = Violation::new(Code::RegistrationDuplicate, "email", message).with_param(param, at);
        match occurrence {
            Some(o) => duplicate.with_param("occurrence", o),
            None => duplicate,
        }
    }

    /// The occurrence a registration names, for an event taken per occurrence: its slot, or
    /// the violation to report (missing, unknown or cancelled). Per series, a named occurrence
    /// is ignored with a warning.
    fn occurrence_rule(&self, r: &RegistrationRef<'_>, v: &[Violation]) -> (Option<usize>, Option<Violation>) {
        let Some(slots) = self.slots.as_deref() else {
            let ignored = r.occurrence.map(|o| {
                Violation::new(
                    Code::RegistrationOccurrenceIgnored,
                    "occurrence",
                    format!("the event takes registrations for the whole series; the occurrence {o} is ignored"),
                )
                .with_param("occurrence", o)
            });
            return (None, ignored);
        };
        match r.occurrence {
            None if reported(v, "occurrence") => (None, None),
            None => (None, Some(missing("occurrence"))),
            Some(o) => match slot_of(slots, o) {
                Some(i) => (Some(i), None),
                None => (None, Some(self.event.unknown_occurrence(o, "occurrence"))),
            },
        }
    }

    pub(super) fn slot(&self, slot: Option<usize>) -> Option<&Slot> {
        self.slots.as_deref().and_then(|s| s.get(slot?))
    }

    /// The address checked and normalized (and its look-alike letters reported).
    fn email_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) -> Option<Email> {
        let email = checked_email(present(r.email, "email", v)?, v)?;
        if let Some(part) = email.mixed_script() {
            v.push(
                Violation::new(
                    Code::RegistrationMixedScriptEmail,
                    "email",
                    format!("{:?} mixes Latin letters with Cyrillic or Greek ones that look alike", truncate(part, 80)),
                )
                .with_param("part", truncate(part, 200)),
            );
        }
        Some(email)
    }

    /// The duplicate key of the registration `r` as [`Rules::check`] makes it (`None` without a
    /// valid address), made again from the row it was read from.
    pub(super) fn key_of(slots: Option<&[Slot]>, r: &RegistrationRef<'_>) -> Option<String> {
        let email = outcome_email(r.email?)?;
        let occurrence = slots.zip(r.occurrence).and_then(|(slots, o)| slot_of(slots, o).map(|_| o));
        let mut key = String::new();
        write_key(&email, occurrence, &mut key);
        Some(key)
    }

    /// The country, and the subdivision when the text names one ("Sindh, Pakistan").
    fn country_rule(
        &self,
        r: &RegistrationRef<'_>,
        places: &mut HashMap<Box<str>, Result<Place, Violation>, RandomState>,
        v: &mut Vec<Violation>,
    ) -> (Option<CountryCode>, Option<String>) {
        let Some(text) = present(r.country, "country", v) else {
            return (None, None);
        };
        let resolved = match places.get(text) {
            Some(known) => known.clone(),
            None => {
                let resolved = resolve_place(text);
                if places.len() < PLACE_CACHE.0 && text.len() <= PLACE_CACHE.1 {
                    places.insert(text.into(), resolved.clone());
                }
                resolved
            }
        };
        let place = match resolved {
            Ok(place) => place,
            Err(ambiguous) if ambiguous.code == Code::CountryAmbiguous => {
                v.push(Violation { path: "country".into(), ..ambiguous });
                return (None, None);
            }
            Err(_) => {
                v.push(
                    Violation::new(
                        Code::RegistrationUnknownCountry,
                        "country",
                        format!("{:?} is not a country code or name kix knows", truncate(text, 80)),
                    )
                    .with_param("country", truncate(text, 200)),
                );
                return (None, None);
            }
        };
        let code = place.country;
        if self.event.eligibility == Eligibility::ParticipatingCountries && !self.eligible(code) {
            v.push(
                Violation::new(
                    Code::RegistrationCountryNotEligible,
                    "country",
                    format!("{} ({code}) does not take part in this event", code.name()),
                )
                .with_param("country", code),
            );
        }
        (Some(code), place.subdivision)
    }

    fn language_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
        let Some(language) = r.language.map(crate::shared::text::trim).filter(|l| !l.is_empty()) else {
            return;
        };
        let offered_here = |l: &String| l.eq_ignore_ascii_case(language);
        if offered_here(&self.event.language) || self.event.interpretation.iter().any(offered_here) {
            return;
        }
        let mut offered = vec![self.event.language.clone()];
        offered.extend(self.event.interpretation.iter().cloned());
        v.push(
            Violation::new(
                Code::RegistrationLanguageNotOffered,
                "language",
                format!("{:?} is not offered; the event offers {}", truncate(language, 20), offered.join(", ")),
            )
            .with_param("language", truncate(language, 40))
            .with_param("offered", offered),
        );
    }

    fn consent_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
        if self.event.registration.consent_required && r.consent != Some(true) && !reported(v, "consent") {
            v.push(Violation::new(Code::RegistrationConsentRequired, "consent", "the event requires consent"));
        }
    }

    /// The submission time (or `now` when there is none) inside the registration window: the
    /// event's, or per occurrence the occurrence's (none to close when it names no occurrence).
    fn window_rule(
        &self,
        r: &RegistrationRef<'_>,
        now: Option<DateTime<Utc>>,
        slot: Option<usize>,
        v: &mut Vec<Violation>,
    ) {
        let submitted = match r.submitted_at {
            Some(Submitted::At(t)) => t,
            Some(Submitted::Text(text)) => match parse_submitted(text) {
                Ok(t) => t,
                Err(Some(gap_or_fold)) => {
                    v.push(Violation { path: "submitted_at".into(), ..gap_or_fold });
                    return;
                }
                Err(None) => {
                    v.push(
                        Violation::new(
                            Code::RegistrationInvalidTimestamp,
                            "submitted_at",
                            format!("{:?} is not an RFC 3339 instant with an offset", truncate(text, 40)),
                        )
                        .with_param("submitted_at", truncate(text, 60)),
                    );
                    return;
                }
            },
            None => match now {
                Some(now) => now,
                None => {
                    if !reported(v, "submitted_at") {
                        v.push(missing("submitted_at"));
                    }
                    return;
                }
            },
        };
        if let Some(open) = self.opens_at.filter(|&open| submitted < open) {
            v.push(
                Violation::new(Code::RegistrationNotOpen, "submitted_at", format!("registration opens at {open}"))
                    .with_param("opens_at", open)
                    .with_param("submitted_at", submitted),
            );
        }
        let (closes_at, occurrence) = match (self.slots.is_some(), self.slot(slot)) {
            (false, _) => (self.closes_at, None),
            (true, Some(s)) => (s.closes_at, Some(s.id)),
            (true, None) => return,
        };
        if submitted >= closes_at {
            let closed = Violation::new(
                Code::RegistrationClosed,
                "submitted_at",
                format!("registration closed at {closes_at} (register in advance)"),
            )
            .with_param("closes_at", closes_at)
            .with_param("submitted_at", submitted);
            v.push(match occurrence {
                Some(o) => closed.with_param("occurrence", o),
                None => closed,
            });
        }
    }

    fn cancellation_rule(&self, v: &mut Vec<Violation>) {
        if self.event.status == EventStatus::Cancelled {
            v.push(
                Violation::new(Code::RegistrationClosed, "", "the event was cancelled").with_param("cancelled", true),
            );
        }
    }

    /// Checked on any e-mail text but one already refused as malformed.
    fn invitation_rule(&self, r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
        if self.event.eligibility == Eligibility::InvitationOnly
            && let Some(email) = r.email.filter(|_| !v.iter().any(|x| x.code == Code::RegistrationInvalidEmail))
            && !self.invitees.contains(&duplicate_key(email))
        {
            v.push(Violation::new(Code::RegistrationNotInvited, "email", "this event is by invitation only"));
        }
    }

    fn eligible(&self, code: CountryCode) -> bool {
        match &self.event.countries {
            Some(list) => list.contains(&code),
            None => self.hub.is_member(code),
        }
    }
}

/// Each text field's characters: U+FFFD (what text that could not be decoded
/// becomes: a lone surrogate from Python, bytes that are not UTF-8) and control
/// characters (C0, DEL, C1: a name with a line break or an escape sequence
/// breaks every list, terminal and file it is written to) refuse the row;
/// bidirectional embeddings, overrides and isolates (U+202A-U+202E,
/// U+2066-U+2069) are warned, since they can make a name or address read in
/// another order than it is stored. The marks U+200E, U+200F and U+061C are
/// ordinary in right-to-left text and pass.
pub(super) fn undecodable_text(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    let submitted = match r.submitted_at {
        Some(Submitted::Text(text)) => Some(text),
        _ => None,
    };
    let fields = [
        ("full_name", r.full_name),
        ("email", r.email),
        ("country", r.country),
        ("organisation", r.organisation),
        ("audience", r.audience),
        ("language", r.language),
        ("submitted_at", submitted),
    ];
    for (field, text) in fields {
        let Some(text) = text else { continue };
        // Printable ASCII, the common case, holds none of them.
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            continue;
        }
        let (mut undecodable, mut control, mut bidi) = (false, false, false);
        for c in text.chars() {
            undecodable |= c == char::REPLACEMENT_CHARACTER;
            control |= c.is_control();
            bidi |= matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        }
        if undecodable {
            v.push(
                Violation::new(
                    Code::RegistrationUndecodableText,
                    field,
                    format!("{field} holds text that could not be decoded (U+FFFD)"),
                )
                .with_param("field", field),
            );
        }
        if control {
            v.push(
                Violation::new(Code::RegistrationControlCharacter, field, format!("{field} holds a control character"))
                    .with_param("field", field),
            );
        }
        if bidi {
            v.push(
                Violation::new(
                    Code::RegistrationBidiControl,
                    field,
                    format!("{field} holds a bidirectional embedding, override or isolate"),
                )
                .with_param("field", field),
            );
        }
    }
}

pub(super) fn name_rule(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    if let Some(name) = present(r.full_name, "full_name", v) {
        // A character is at least a byte: short text needs no count.
        if name.len() > MAX_NAME_CHARS {
            too_long("full_name", name.chars().count(), MAX_NAME_CHARS, v);
        }
    }
}

pub(super) fn organisation_rule(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    if let Some(org) = r.organisation.filter(|o| o.len() > MAX_ORGANISATION_CHARS) {
        too_long("organisation", org.chars().count(), MAX_ORGANISATION_CHARS, v);
    }
}

pub(super) fn audience_rule(r: &RegistrationRef<'_>, v: &mut Vec<Violation>) {
    let Some(audience) = present(r.audience, "audience", v) else {
        return;
    };
    if audience_code(audience).is_some() {
        return;
    }
    let allowed: Vec<&str> = Audience::ALL.iter().map(|a| a.as_str()).collect();
    v.push(
        Violation::new(
            Code::RegistrationUnknownAudience,
            "audience",
            format!("{:?} is not one of {}", truncate(audience, 40), allowed.join(", ")),
        )
        .with_param("audience", truncate(audience, 200))
        .with_param("allowed", allowed),
    );
}

pub(super) fn missing(field: &str) -> Violation {
    Violation::new(Code::RegistrationMissingField, field, format!("{field} is required")).with_param("field", field)
}

/// Whether a violation already names this field (a problem found while reading it).
pub(super) fn reported(v: &[Violation], field: &str) -> bool {
    v.iter().any(|x| x.path == field)
}

pub(super) fn present<'r>(value: Option<&'r str>, field: &str, v: &mut Vec<Violation>) -> Option<&'r str> {
    match value {
        Some(s) if !crate::shared::text::trim(s).is_empty() => Some(s),
        _ => {
            if !reported(v, field) {
                v.push(missing(field));
            }
            None
        }
    }
}
/// The audience a code means, matched case-insensitively and trimmed:
/// `Teacher` and ` teacher` are `teacher`.
///
/// ```
/// use kix_core::{Audience, registration::audience_code};
/// assert_eq!(audience_code(" Policy_Maker "), Some(Audience::PolicyMaker));
/// assert_eq!(audience_code("astronaut"), None);
/// ```
#[must_use]
pub fn audience_code(text: &str) -> Option<Audience> {
    let text = crate::shared::text::trim(text);
    Audience::ALL.into_iter().find(|a| a.as_str().eq_ignore_ascii_case(text))
}

/// The violation for a cell of the wrong kind: `registration.invalid_value`
/// naming the field, the kind found (`int`, `str`, `naive datetime`) and the
/// value as text (cut to 60 characters).
///
/// ```
/// let v = kix_core::registration::invalid_value("consent", "str", "Maybe");
/// assert_eq!(v.code, kix_core::Code::RegistrationInvalidValue);
/// assert_eq!((v.path.as_str(), v.params["found"].as_str()), ("consent", Some("Maybe")));
/// ```
#[must_use]
pub fn invalid_value(field: &str, kind: &str, found: &str) -> Violation {
    let expected = match field {
        "consent" => "true or false (map answer texts such as \"Yes\" with answers=)",
        "submitted_at" => "an instant with an offset (an aware datetime or RFC 3339 text); read naive times in a zone",
        "occurrence" => {
            "the occurrence's wall-clock start in the event's zone (a naive datetime or ISO text such as 2025-03-04T10:00:00)"
        }
        "" => "a mapping of field names to values",
        _ => "text",
    };
    let subject = if field.is_empty() { "the record" } else { field };
    Violation::new(
        Code::RegistrationInvalidValue,
        field,
        format!("{subject} must be {expected}; found {kind} {:?}", truncate(found, 40)),
    )
    .with_param("field", field)
    .with_param("kind", kind)
    .with_param("found", truncate(found, 60))
}

/// A submission time: an RFC 3339 instant, or a wall time with its zone in
/// brackets (`2024-07-30T09:15:02[Asia/Dushanbe]`, RFC 9557's suffix without an
/// offset), which is what a reader of naive export timestamps leaves when the
/// wall time is skipped or repeated in that zone. Such a time is resolved
/// strictly: `Err(Some(..))` carries the gap or fold violation; `Err(None)` is
/// text that is neither form.
pub(super) fn parse_submitted(text: &str) -> Result<DateTime<Utc>, Option<Violation>> {
    let text = crate::shared::text::trim(text);
    if let Some(t) = plain_rfc3339(text) {
        return Ok(t);
    }
    if let Ok(t) = DateTime::<FixedOffset>::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let (wall, zone) = text.strip_suffix(']').and_then(|t| t.split_once('[')).ok_or(None)?;
    let wall = crate::shared::text::parse_wall_time(wall).ok_or(None)?;
    let tz = crate::time::zone::zone_named(zone).map_err(Some)?;
    crate::time::zone::from_local(wall, tz, crate::time::zone::Disambiguation::Reject)
        .map(|t| t.with_timezone(&Utc))
        .map_err(Some)
}

/// The usual submission time, `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, read in one
/// pass; `None` for anything else (fractions, leap seconds, other separators), which
/// chrono's RFC 3339 parser then reads. Gives exactly what that parser gives.
pub(super) fn plain_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        b.get(at..at + n)?.iter().try_fold(0u32, |acc, d| d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0')))
    };
    let punctuated = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !punctuated.iter().all(|&(at, c)| b.get(at) == Some(&c)) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let offset = match (b.len(), b.get(19)) {
        (20, Some(b'Z')) => 0,
        (25, Some(&sign @ (b'+' | b'-'))) if b.get(22) == Some(&b':') => {
            let (h, m) = (digits(20, 2)?, digits(23, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = i64::from(h * 3600 + m * 60);
            if sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    if second > 59 {
        return None;
    }
    let wall =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?.and_hms_opt(hour, minute, second)?;
    let utc = wall.checked_sub_signed(chrono::Duration::seconds(offset))?;
    Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

pub(super) fn too_long(field: &str, length: usize, max: usize, v: &mut Vec<Violation>) {
    if length > max {
        v.push(
            Violation::new(
                Code::RegistrationTooLong,
                field,
                format!("{field} is {length} long; at most {max} is accepted"),
            )
            .with_param("field", field)
            .with_param("length", length)
            .with_param("max", max),
        );
    }
}

/// A present address trimmed, within its length and parsed, or its violation.
fn checked_email(text: &str, v: &mut Vec<Violation>) -> Option<Email> {
    let trimmed = crate::shared::text::trim(text);
    if trimmed.len() > MAX_EMAIL_BYTES {
        too_long("email", trimmed.len(), MAX_EMAIL_BYTES, v);
        return None;
    }
    match Email::parse(trimmed) {
        Ok(email) => Some(email),
        Err(e) => {
            v.push(
                Violation::new(Code::RegistrationInvalidEmail, "email", format!("not a valid e-mail address: {e}"))
                    .with_param("reason", e.to_string()),
            );
            None
        }
    }
}

/// The address a registration's outcome gives for its `email` text (see
/// [`RegistrationOutcome::email`]): trimmed, normalized, `None` where the e-mail rules refuse
/// it. A binding that keeps the column of addresses makes an outcome's address again with it
/// instead of keeping a second copy of every address.
///
/// ```
/// use kix_core::registration::outcome_email;
/// assert_eq!(outcome_email(" Ana@Example.MD ").map(|e| e.into_string()).as_deref(), Some("Ana@example.md"));
/// assert!(outcome_email("ana@localhost").is_none());
/// assert!(outcome_email("  ").is_none());
/// ```
#[must_use]
pub fn outcome_email(text: &str) -> Option<Email> {
    if crate::shared::text::trim(text).is_empty() {
        return None;
    }
    checked_email(text, &mut Vec::new())
}

/// An address's duplicate key, and for an event taken per occurrence the occurrence's.
pub(super) fn write_key(email: &Email, occurrence: Option<NaiveDateTime>, keys: &mut String) {
    email.key_append(keys);
    if let Some(id) = occurrence {
        occurrence_key(keys, id);
    }
}
