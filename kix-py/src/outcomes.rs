//! A batch's outcomes held as columns: a status, a country, an e-mail (in one text, or made
//! again from Arrow data's own column) and a run of violations (in one table) per record, the
//! few subdivisions aside. A million outcomes cost about 40 bytes each instead of about 120
//! as kix-core's `RegistrationOutcome`s (a vector, two strings and an option each), 12 when
//! read from Arrow data; one is built as a `RegistrationOutcome` only when Python indexes or
//! iterates the outcomes.

use kix_core as core;
use kix_core::registration::RegistrationRows;
use kix_core::{Code, CountryCode, RegistrationStatus, Severity, Violation};

use crate::records::ArrowRows;

/// The outcomes of a batch, in input order.
#[derive(Default)]
pub(crate) struct Outcomes {
    status: Vec<RegistrationStatus>,
    country: Vec<Option<CountryCode>>,
    /// Where each record's violations end in `violations` (they start where the previous end).
    violation_ends: Vec<u32>,
    violations: Vec<Kept>,
    /// The fields and messages of the violations, each distinct text once, by number.
    texts: Vec<std::sync::Arc<str>>,
    text_ids: std::collections::HashMap<std::sync::Arc<str>, u32>,
    /// Where each record's e-mail ends in `emails`; an empty one is no e-mail (a valid
    /// address is never empty).
    email_ends: Vec<u32>,
    emails: String,
    /// Arrow data's column of addresses (the producer's buffers, not a copy), from which an
    /// outcome's address is made again by kix-core's rule when asked for; `emails` is then empty.
    email_column: Option<ArrowRows>,
    /// The records whose country text named a subdivision, with it, in record order.
    subdivisions: Vec<(u32, String)>,
}

/// A violation as the outcomes keep it: its code and severity, its field and message as
/// numbers of texts kept once (a batch repeats a few), its parameters in a list. kix-core's
/// `Violation` keeps its parameters in a `BTreeMap`, whose first entry allocates a node for
/// eleven (about 600 bytes): 20,000 violations among a million outcomes held 16 MB so, and
/// hold about 2 MB kept here.
pub(crate) struct Kept {
    pub(crate) code: Code,
    severity: Severity,
    path: u32,
    message: u32,
    params: Box<[(Box<str>, serde_json::Value)]>,
}

impl Kept {
    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A position in one of the tables as stored: the tables of one batch stay under 4 GiB.
fn end(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Outcomes {
    /// Room for `n` outcomes; their addresses are made again from `email_column` when given.
    pub(crate) fn with_capacity(n: usize, email_column: Option<ArrowRows>) -> Self {
        let stored = if email_column.is_some() { 0 } else { n };
        Outcomes {
            status: Vec::with_capacity(n),
            country: Vec::with_capacity(n),
            violation_ends: Vec::with_capacity(n),
            email_ends: Vec::with_capacity(stored),
            emails: String::with_capacity(stored.saturating_mul(24)),
            email_column,
            ..Outcomes::default()
        }
    }

    /// Takes in the outcomes of a chunk, leaving `chunk` empty for the next.
    pub(crate) fn append(&mut self, chunk: &mut Vec<core::RegistrationOutcome>) {
        for o in chunk.drain(..) {
            let row = end(self.status.len());
            self.status.push(o.status);
            self.country.push(o.country);
            for v in o.violations {
                let (path, message) = (self.text_id(v.path), self.text_id(v.message));
                let params = v.params.into_iter().map(|(k, v)| (k.into_boxed_str(), v)).collect();
                self.violations.push(Kept { code: v.code, severity: v.severity, path, message, params });
            }
            self.violation_ends.push(end(self.violations.len()));
            if self.email_column.is_none() {
                if let Some(email) = &o.email {
                    self.emails.push_str(email);
                }
                self.email_ends.push(end(self.emails.len()));
            }
            if let Some(s) = o.subdivision {
                self.subdivisions.push((row, s));
            }
        }
    }

    /// The number of a text, kept once.
    fn text_id(&mut self, text: String) -> u32 {
        if let Some(&id) = self.text_ids.get(text.as_str()) {
            return id;
        }
        // One allocation shared by the list and the map: a batch's messages can be many.
        let (id, text) = (end(self.texts.len()), std::sync::Arc::<str>::from(text));
        self.texts.push(std::sync::Arc::clone(&text));
        self.text_ids.insert(text, id);
        id
    }

    fn text(&self, id: u32) -> &str {
        self.texts.get(id as usize).map_or("", |t| t)
    }

    /// The field a kept violation names (empty for the record as a whole).
    pub(crate) fn path(&self, v: &Kept) -> &str {
        self.text(v.path)
    }

    /// A kept violation as kix-core gives it.
    pub(crate) fn violation(&self, v: &Kept) -> Violation {
        Violation {
            code: v.code,
            severity: v.severity,
            path: self.text(v.path).to_owned(),
            message: self.text(v.message).to_owned(),
            params: v.params.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.status.len()
    }

    pub(crate) fn statuses(&self) -> &[RegistrationStatus] {
        &self.status
    }

    pub(crate) fn countries(&self) -> &[Option<CountryCode>] {
        &self.country
    }

    fn range(ends: &[u32], i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { ends.get(i - 1).map_or(0, |&e| e as usize) };
        start..ends.get(i).map_or(start, |&e| e as usize)
    }

    /// The violations of record `i`.
    pub(crate) fn violations(&self, i: usize) -> &[Kept] {
        self.violations.get(Self::range(&self.violation_ends, i)).unwrap_or_default()
    }

    /// Each record's violations, in order.
    pub(crate) fn each_violations(&self) -> impl Iterator<Item = &[Kept]> {
        (0..self.len()).map(|i| self.violations(i))
    }

    pub(crate) fn email(&self, i: usize) -> Option<String> {
        let Some(column) = &self.email_column else {
            return self.emails.get(Self::range(&self.email_ends, i)).filter(|e| !e.is_empty()).map(str::to_owned);
        };
        let (mut views, mut found) = (Vec::with_capacity(1), Vec::new());
        column.read(i..i + 1, &mut views, &mut found);
        core::registration::outcome_email(views.first()?.email?).map(core::email::Email::into_string)
    }

    fn subdivision(&self, i: usize) -> Option<&str> {
        let row = end(i);
        let at = self.subdivisions.binary_search_by_key(&row, |(r, _)| *r).ok()?;
        self.subdivisions.get(at).map(|(_, s)| s.as_str())
    }

    /// Record `i`'s outcome as kix-core gives it.
    pub(crate) fn get(&self, i: usize) -> Option<core::RegistrationOutcome> {
        Some(core::RegistrationOutcome {
            status: *self.status.get(i)?,
            violations: self.violations(i).iter().map(|v| self.violation(v)).collect(),
            email: self.email(i),
            country: self.country.get(i).copied().flatten(),
            subdivision: self.subdivision(i).map(str::to_owned),
        })
    }

    /// The outcomes of `rows` as kix-core gives them, for the core's calls that take a slice.
    pub(crate) fn to_vec(&self, rows: std::ops::Range<usize>) -> Vec<core::RegistrationOutcome> {
        rows.filter_map(|i| self.get(i)).collect()
    }
}
