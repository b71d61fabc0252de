//! A batch's outcomes held as columns: a status, a country, an e-mail (in one text) and a run
//! of violations (in one table) per record, the few subdivisions aside. A million outcomes
//! cost about 40 bytes each instead of about 120 as kix-core's `RegistrationOutcome`s (a
//! vector, two strings and an option each); one is built as a `RegistrationOutcome` only
//! when Python indexes or iterates the outcomes.

use kix_core as core;
use kix_core::{CountryCode, RegistrationStatus, Violation};

/// The outcomes of a batch, in input order.
#[derive(Default)]
pub(crate) struct Outcomes {
    status: Vec<RegistrationStatus>,
    country: Vec<Option<CountryCode>>,
    /// Where each record's violations end in `violations` (they start where the previous end).
    violation_ends: Vec<u32>,
    violations: Vec<Violation>,
    /// Where each record's e-mail ends in `emails`; an empty one is no e-mail (a valid
    /// address is never empty).
    email_ends: Vec<u32>,
    emails: String,
    /// The records whose country text named a subdivision, with it, in record order.
    subdivisions: Vec<(u32, String)>,
}

/// A position in one of the tables as stored: the tables of one batch stay under 4 GiB.
fn end(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Outcomes {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Outcomes {
            status: Vec::with_capacity(n),
            country: Vec::with_capacity(n),
            violation_ends: Vec::with_capacity(n),
            email_ends: Vec::with_capacity(n),
            emails: String::with_capacity(n.saturating_mul(24)),
            ..Outcomes::default()
        }
    }

    /// Takes in the outcomes of a chunk, leaving `chunk` empty for the next.
    pub(crate) fn append(&mut self, chunk: &mut Vec<core::RegistrationOutcome>) {
        for o in chunk.drain(..) {
            let row = end(self.status.len());
            self.status.push(o.status);
            self.country.push(o.country);
            self.violations.extend(o.violations);
            self.violation_ends.push(end(self.violations.len()));
            if let Some(email) = &o.email {
                self.emails.push_str(email);
            }
            self.email_ends.push(end(self.emails.len()));
            if let Some(s) = o.subdivision {
                self.subdivisions.push((row, s));
            }
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
    pub(crate) fn violations(&self, i: usize) -> &[Violation] {
        self.violations.get(Self::range(&self.violation_ends, i)).unwrap_or_default()
    }

    /// Each record's violations, in order.
    pub(crate) fn each_violations(&self) -> impl Iterator<Item = &[Violation]> {
        (0..self.len()).map(|i| self.violations(i))
    }

    pub(crate) fn email(&self, i: usize) -> Option<&str> {
        self.emails.get(Self::range(&self.email_ends, i)).filter(|e| !e.is_empty())
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
            violations: self.violations(i).to_vec(),
            email: self.email(i).map(str::to_owned),
            country: self.country.get(i).copied().flatten(),
            subdivision: self.subdivision(i).map(str::to_owned),
        })
    }

    /// The outcomes of `rows` as kix-core gives them, for the core's calls that take a slice.
    pub(crate) fn to_vec(&self, rows: std::ops::Range<usize>) -> Vec<core::RegistrationOutcome> {
        rows.filter_map(|i| self.get(i)).collect()
    }
}
