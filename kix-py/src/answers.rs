//! The answers of a batch (audience and language), kept so that the outcomes can be counted
//! by them later: each distinct text once, one pair of text numbers per record. Counting and
//! the audience codes stay in kix-core (`attendance::count_outcomes`); this only remembers.

use arrow_array::RecordBatch;
use kix_core as core;
use kix_core::registration::RegistrationRows;
use pyo3::prelude::*;

use crate::records::{CHUNK, Source, for_each_chunk};

/// The audience and language texts of a batch, each distinct text kept once, for
/// `counts(by="audience" | "language")` without keeping every record.
pub(crate) struct Answers {
    texts: Vec<String>,
    known: std::collections::HashMap<String, u32>,
    rows: Vec<[u32; 2]>,
    /// Arrow data's audience and language columns, read when the outcomes are counted by
    /// them: keeping them holds the producer's buffers (no copy), while reading them during
    /// the batch was about a twentieth of its instructions.
    deferred: Option<Vec<RecordBatch>>,
    /// The text last met in each slot of a cheap fingerprint (length, first and last byte):
    /// the few distinct answers of a form, met again and again, are found with one
    /// comparison, whether a Python `str` or an Arrow buffer holds them.
    recent: [u32; RECENT],
}

const NO_TEXT: u32 = u32::MAX;
const RECENT: usize = 64;

impl Default for Answers {
    fn default() -> Self {
        Answers {
            texts: Vec::new(),
            known: std::collections::HashMap::new(),
            rows: Vec::new(),
            deferred: None,
            recent: [NO_TEXT; RECENT],
        }
    }
}

impl Answers {
    fn id(&mut self, text: Option<&str>) -> u32 {
        let Some(text) = text else { return NO_TEXT };
        let b = text.as_bytes();
        let (first, last) = (b.first().map_or(0, |&c| usize::from(c)), b.last().map_or(0, |&c| usize::from(c)));
        let slot = (b.len() ^ (first << 1) ^ (last << 3)) % RECENT;
        let recent = self.recent.get(slot).copied().unwrap_or(NO_TEXT);
        if self.texts.get(recent as usize).is_some_and(|t| t == text) {
            return recent;
        }
        let id = self.lookup(text);
        if let Some(r) = self.recent.get_mut(slot) {
            *r = id;
        }
        id
    }

    fn lookup(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.known.get(text) {
            return i;
        }
        let i = self.texts.len() as u32;
        self.texts.push(text.to_owned());
        self.known.insert(text.to_owned(), i);
        i
    }

    /// Answers read from these Arrow columns when asked for (see [`Source::answer_columns`]).
    pub(crate) fn deferred(columns: Vec<RecordBatch>) -> Self {
        Answers { deferred: Some(columns), ..Answers::default() }
    }

    /// Records a chunk's answers (nothing when they are read from Arrow columns later).
    pub(crate) fn record(&mut self, rows: &dyn RegistrationRows) {
        if self.deferred.is_some() {
            return;
        }
        self.rows.reserve(rows.len());
        let (mut views, mut found) = (Vec::new(), Vec::new());
        for start in (0..rows.len()).step_by(CHUNK) {
            views.clear();
            rows.read(start..rows.len().min(start + CHUNK), &mut views, &mut found);
            found.clear();
            for v in &views {
                let row = [self.id(v.audience), self.id(v.language)];
                self.rows.push(row);
            }
        }
    }

    /// The records as `count_outcomes` reads them: audience and language only.
    pub(crate) fn registrations(&self, py: Python<'_>) -> PyResult<Vec<core::Registration>> {
        if let Some(batches) = &self.deferred {
            let mut read = Answers::default();
            let source = Source::Arrow { batches: batches.clone(), index: None };
            for_each_chunk(py, source, |rows| {
                read.record(rows);
                Ok(())
            })?;
            return Ok(read.recorded());
        }
        Ok(self.recorded())
    }

    fn recorded(&self) -> Vec<core::Registration> {
        let text = |i: u32| self.texts.get(i as usize).cloned();
        self.rows
            .iter()
            .map(|[a, l]| core::Registration { audience: text(*a), language: text(*l), ..Default::default() })
            .collect()
    }
}
