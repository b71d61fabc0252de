//! A pandas frame's next chunk of Python cells read while the core's other threads check the
//! current one: the reading needs the GIL, the checking does not, so the calling thread reads
//! ahead and then joins the checking with the GIL released (see `kix_core::Alongside`).

use std::ops::Range;

use kix_core::Alongside;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice};

use super::{CELLS, PyChunk};

/// The rows `rows` of a frame's object columns (`None` for a column it does not have) into
/// `chunk`, a column slice at a time through `tolist()`.
pub(super) fn read_frame_rows<'py>(
    py: Python<'py>,
    columns: &[Option<Bound<'py, PyAny>>],
    rows: Range<usize>,
    chunk: &mut PyChunk,
) -> PyResult<()> {
    chunk.clear();
    let slice = PySlice::new(py, rows.start as isize, rows.end as isize, 1);
    let lists: Vec<Option<Bound<'_, PyList>>> = columns
        .iter()
        .map(|c| {
            c.as_ref()
                .map(|c| -> PyResult<Bound<'_, PyList>> {
                    Ok(c.get_item(&slice)?.call_method0(intern!(py, "tolist"))?.cast_into::<PyList>()?)
                })
                .transpose()
        })
        .collect::<PyResult<_>>()?;
    for i in 0..rows.len() {
        let mut cells: [Option<Bound<'_, PyAny>>; CELLS] = Default::default();
        for (cell, list) in cells.iter_mut().zip(&lists) {
            if let Some(list) = list {
                *cell = Some(list.get_item(i)?);
            }
        }
        chunk.push(cells, Vec::new());
    }
    Ok(())
}

/// A frame's object columns (`None` for a column it does not have).
type Columns<'a, 'py> = &'a [Option<Bound<'py, PyAny>>];

/// What the calling thread does while a chunk is checked: read the next one, if there is one
/// to read (holding the GIL), then release the GIL for the rest of the validation.
pub(crate) struct ReadAhead<'a, 'py> {
    py: Python<'py>,
    next: Option<(Columns<'a, 'py>, Range<usize>, &'a mut PyChunk)>,
    failed: Option<PyErr>,
}

impl<'a, 'py> ReadAhead<'a, 'py> {
    /// Nothing to read ahead: the next chunk is read after this one (records that are not a frame's).
    pub(super) fn nothing(py: Python<'py>) -> Self {
        ReadAhead { py, next: None, failed: None }
    }

    /// The rows `rows` of `columns` to read into `chunk`.
    pub(super) fn rows(py: Python<'py>, columns: Columns<'a, 'py>, rows: Range<usize>, chunk: &'a mut PyChunk) -> Self {
        ReadAhead { py, next: Some((columns, rows, chunk)), failed: None }
    }

    /// Reads the next chunk now if it was not read meanwhile; the error of reading it, if any.
    pub(super) fn finish(mut self) -> PyResult<()> {
        self.meanwhile();
        self.failed.map_or(Ok(()), Err)
    }
}

impl Alongside for ReadAhead<'_, '_> {
    fn meanwhile(&mut self) {
        if let Some((columns, rows, chunk)) = self.next.take()
            && let Err(e) = read_frame_rows(self.py, columns, rows, chunk)
        {
            self.failed = Some(e);
        }
    }

    fn join<T: Send>(&mut self, rest: impl FnOnce() -> T + Send) -> T {
        self.py.detach(rest)
    }
}
