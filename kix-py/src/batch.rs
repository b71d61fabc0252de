//! Long calls that behave: work in chunks with the GIL released, signals checked between
//! chunks (Ctrl-C raises KeyboardInterrupt at once), and `progress=` reported.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};

/// Where progress goes: nowhere, a tqdm bar, a callable `(done, total)`, or a line on stderr.
pub(crate) enum Progress<'py> {
    Off,
    Bar(Bound<'py, PyAny>),
    Callback { call: Bound<'py, PyAny>, total: Option<usize> },
    Line { total: Option<usize> },
}

impl<'py> Progress<'py> {
    /// `progress=`: None or False for none, True for a tqdm bar (a line on stderr without
    /// tqdm), or a callable called after every chunk with the records done and the total
    /// (None when the input has no length).
    pub(crate) fn of(py: Python<'py>, arg: Option<&Bound<'py, PyAny>>, total: Option<usize>) -> PyResult<Self> {
        let Some(arg) = arg.filter(|a| !a.is_none()) else { return Ok(Progress::Off) };
        if let Ok(flag) = arg.cast::<PyBool>() {
            if !flag.is_true() {
                return Ok(Progress::Off);
            }
            return Ok(match py.import(intern!(py, "tqdm")) {
                Ok(tqdm) => {
                    let kwargs = PyDict::new(py);
                    kwargs.set_item(intern!(py, "total"), total)?;
                    kwargs.set_item(intern!(py, "unit"), intern!(py, " records"))?;
                    Progress::Bar(tqdm.getattr(intern!(py, "tqdm"))?.call((), Some(&kwargs))?)
                }
                Err(_) => Progress::Line { total },
            });
        }
        if arg.is_callable() {
            return Ok(Progress::Callback { call: arg.clone(), total });
        }
        Err(PyTypeError::new_err("progress must be True, False, None or a callable (done, total)"))
    }

    /// After a chunk: `done` records in all, `step` of them in this chunk.
    pub(crate) fn advance(&mut self, py: Python<'py>, done: usize, step: usize) -> PyResult<()> {
        match self {
            Progress::Off => Ok(()),
            Progress::Bar(bar) => bar.call_method1(intern!(py, "update"), (step,)).map(drop),
            Progress::Callback { call, total } => call.call1((done, *total)).map(drop),
            Progress::Line { total } => {
                let line = match total {
                    Some(t) => format!("\rkix: {done}/{t} records"),
                    None => format!("\rkix: {done} records"),
                };
                py.import(intern!(py, "sys"))?
                    .getattr(intern!(py, "stderr"))?
                    .call_method1(intern!(py, "write"), (line,))?;
                Ok(())
            }
        }
    }

    /// Closes a bar or ends the line, whether the call finished or was interrupted.
    pub(crate) fn finish(self, py: Python<'py>) {
        match self {
            Progress::Bar(bar) => {
                let _ = bar.call_method0(intern!(py, "close"));
            }
            Progress::Line { .. } => {
                let _ = py
                    .import(intern!(py, "sys"))
                    .and_then(|sys| sys.getattr(intern!(py, "stderr")))
                    .and_then(|err| err.call_method1(intern!(py, "write"), ("\n",)));
            }
            Progress::Off | Progress::Callback { .. } => {}
        }
    }
}

/// What is done between two chunks: signals (Ctrl-C raises here), then progress.
pub(crate) fn between_chunks<'py>(
    py: Python<'py>,
    progress: &mut Progress<'py>,
    done: usize,
    step: usize,
) -> PyResult<()> {
    py.check_signals()?;
    progress.advance(py, done, step)
}
