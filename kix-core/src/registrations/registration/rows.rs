//! Where a batch's rows come from: views or records, read a block at a time where they are checked.

use super::*;

/// Registrations that a desk reads a block at a time, on the threads that check them (see
/// [`RegistrationDesk::validate_rows`]), borrowed from where they were read: Arrow buffers,
/// a binding's cells, records. A slice of views or of records with the problems found
/// reading each, `(rows, found)`, is such rows (`found[i]` belongs to row `i`; a shorter
/// list means no problems for the rest).
///
/// ```
/// use kix_core::registration::{Registration, RegistrationRows};
/// let records = [Registration::default(), Registration::default()];
/// let rows = (&records[..], &[][..]);
/// let (mut views, mut found) = (Vec::new(), Vec::new());
/// rows.read(1..2, &mut views, &mut found);
/// assert_eq!((rows.len(), views.len(), found.len()), (2, 1, 0));
/// ```
pub trait RegistrationRows: Sync {
    /// How many registrations there are.
    fn len(&self) -> usize;

    /// Whether there are none.
    ///
    /// ```
    /// use kix_core::registration::{Registration, RegistrationRows};
    /// assert!((&[][..] as &[Registration], &[][..]).is_empty());
    /// ```
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the registrations `rows` (within `0..len()`) to `views`, and to `found` the
    /// problems found reading them, each with its row's place among `rows`, in row order.
    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    );

    /// The registrations `rows` where they lie as views already, with the problems found
    /// reading each (`found[i]` for row `i`, a shorter list: none for the rest), so that
    /// they are checked in place instead of read; `None` (the default) when they are not.
    ///
    /// ```
    /// use kix_core::registration::{Registration, RegistrationRows};
    /// let r = Registration::default();
    /// let views = [r.view(), r.view()];
    /// assert_eq!((&views[..], &[][..]).views(1..2).map(|(v, _)| v.len()), Some(1));
    /// assert!((&[r][..], &[][..]).views(0..1).is_none());
    /// ```
    fn views(&self, rows: Range<usize>) -> Option<(&[RegistrationRef<'_>], &[Vec<Violation>])> {
        let _ = rows;
        None
    }
}

/// The problems found reading `rows` of a batch, as [`RegistrationRows::read`] gives them.
pub(super) fn found_in(found: &[Vec<Violation>], rows: Range<usize>, into: &mut Vec<(usize, Violation)>) {
    let start = rows.start;
    for (i, problems) in found.iter().enumerate().take(rows.end).skip(start) {
        into.extend(problems.iter().map(|v| (i - start, v.clone())));
    }
}

impl<'r> RegistrationRows for (&[RegistrationRef<'r>], &[Vec<Violation>]) {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        views.extend_from_slice(self.0.get(rows.clone()).unwrap_or_default());
        found_in(self.1, rows, found);
    }

    fn views(&self, rows: Range<usize>) -> Option<(&[RegistrationRef<'_>], &[Vec<Violation>])> {
        let found = self.1.get(rows.start.min(self.1.len())..rows.end.min(self.1.len())).unwrap_or_default();
        Some((self.0.get(rows)?, found))
    }
}

impl RegistrationRows for (&[Registration], &[Vec<Violation>]) {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        views.extend(self.0.get(rows.clone()).unwrap_or_default().iter().map(Registration::view));
        found_in(self.1, rows, found);
    }
}
