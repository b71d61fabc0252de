//! Columns of wall-clock times (nanoseconds) resolved to instants by kix-core: shared by the
//! pandas and NumPy path (`time`) and the Arrow path (`arrow`).

use chrono_tz::Tz;
use kix_core as core;
use pyo3::prelude::*;

use crate::errors::to_py;

/// A missing time (`NaT`), as pandas and NumPy store it.
pub(crate) const NAT: i64 = i64::MIN;
/// Values per chunk of a column: a few milliseconds of work between two signal checks.
pub(crate) const COLUMN_CHUNK: usize = 1 << 18;

/// Resolves a column of wall times (nanoseconds, `NaT` kept) with kix-core, a chunk at a
/// time with the GIL released; every row that cannot be resolved (a gap or fold under
/// `reject`) is reported at once, by its label.
pub(crate) fn resolve_walls(
    py: Python<'_>,
    walls: &[i64],
    tz: Tz,
    d: core::Disambiguation,
    labels: impl Fn(usize) -> String,
) -> PyResult<Vec<i64>> {
    let mut out = Vec::with_capacity(walls.len());
    let mut refused = Vec::new();
    for (n, chunk) in walls.chunks(COLUMN_CHUNK).enumerate() {
        let (instants, bad) = py.detach(|| {
            let present: Vec<i64> = chunk.iter().map(|&w| if w == NAT { 0 } else { w }).collect();
            core::zone::from_local_nanos(tz, &present, d)
        });
        let at = n * COLUMN_CHUNK;
        refused.extend(
            bad.into_iter()
                .filter(|(i, _)| chunk.get(*i) != Some(&NAT))
                .map(|(i, v)| core::Violation { path: format!("[{}]", labels(at + i)), ..v }),
        );
        out.extend(chunk.iter().zip(instants).map(|(&w, t)| if w == NAT { NAT } else { t }));
        py.check_signals()?;
    }
    if refused.is_empty() { Ok(out) } else { Err(to_py(py, core::Error::Rejected(refused))) }
}
