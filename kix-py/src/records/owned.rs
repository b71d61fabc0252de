//! Records read into owned registrations, for the calls that keep them (a book's
//! submission, attendance): each with the problems found reading its cells.

use kix_core as core;
use kix_core::registration::{RegistrationRef, RegistrationRows};
use pyo3::prelude::*;
use pyo3::types::PyList;

use super::{Source, for_each_chunk};

/// A record as a registration and the problems of its cells. A record that
/// is no mapping at all is one problem of the whole record.
pub(crate) fn registration_from(record: &Bound<'_, PyAny>) -> PyResult<(core::Registration, Vec<core::Violation>)> {
    let mut out = None;
    let list = PyList::new(record.py(), [record])?;
    for_each_chunk(record.py(), Source::of(&list)?, |rows| {
        let (records, found) = owned(rows);
        out = records.into_iter().zip(found).next();
        Ok(())
    })?;
    Ok(out.unwrap_or_default())
}

/// Records read for a batch, owned: the registrations, each one's cell problems, and
/// the labels (the DataFrame's index, a record's `row`, or its position).
pub(crate) struct Records {
    pub(crate) registrations: Vec<core::Registration>,
    pub(crate) found: Vec<Vec<core::Violation>>,
}

/// Records: an iterable of mappings (a `kix.Table` from `read_registrations`
/// too), a pandas DataFrame or Arrow data, read column by column.
pub(crate) fn records_from(py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Records> {
    let (mut registrations, mut all_found) = (Vec::new(), Vec::new());
    for_each_chunk(py, Source::of(records)?, |rows| {
        let (records, found) = owned(rows);
        registrations.extend(records);
        all_found.extend(found);
        Ok(())
    })?;
    Ok(Records { registrations, found: all_found })
}

/// Every registration of `rows`, owned, with the problems found reading each.
fn owned(rows: &dyn RegistrationRows) -> (Vec<core::Registration>, Vec<Vec<core::Violation>>) {
    let (mut views, mut found) = (Vec::with_capacity(rows.len()), Vec::new());
    rows.read(0..rows.len(), &mut views, &mut found);
    let mut problems = vec![Vec::new(); views.len()];
    for (row, v) in found {
        if let Some(p) = problems.get_mut(row) {
            p.push(v);
        }
    }
    (views.iter().map(RegistrationRef::to_registration).collect(), problems)
}
