//! A desk reading one source of rows to its end, a chunk at a time, keeping the source's e-mails as its rows.

use super::*;

/// A desk validating every row of one source in order, a chunk at a time, made by
/// [`RegistrationDesk::validate_source`]. The outcomes are those of
/// [`RegistrationDesk::validate_rows`] on all the rows at once; what differs is what the
/// desk keeps: a registration's e-mail as the number of its row (the table's 8 bytes)
/// instead of a copy of the address, read again from the source only when another
/// address's hash matches it (a duplicate, or one lookup in four billion). A million
/// registrations from a frame then cost the desk about 19 MB instead of about 60.
///
/// ```
/// use kix_core::{Registration, RegistrationDesk, RegistrationStatus};
/// let hub = kix_core::emap();
/// let r = |email: &str| Registration {
///     full_name: Some("Tenzin Dorji".into()), email: Some(email.into()), country: Some("Bhutan".into()),
///     audience: Some("teacher".into()), submitted_at: Some("2024-07-20T10:00:00+06:00".into()), ..Default::default()
/// };
/// let records = [r("tenzin@example.bt"), r("karma@example.bt"), r(" Tenzin@Example.BT")];
/// let rows = (&records[..], &[][..]);
/// let desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
/// let mut run = desk.validate_source(&rows, None);
/// let mut out = Vec::new();
/// while run.validate_next(2, &mut out) > 0 {}
/// assert_eq!(out.len(), 3);
/// assert_eq!(out[2].violations[0].params["first_index"], 0, "found through the row it was read from");
/// assert_eq!(run.seats_held(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SourceValidation<'a, 'r, R: RegistrationRows + ?Sized> {
    desk: RegistrationDesk<'a>,
    source: Reread<'r, R>,
    now: Option<DateTime<Utc>>,
    done: usize,
}

/// The rows of a source, read again for the keys kept as rows.
struct Reread<'r, R: ?Sized> {
    rows: &'r R,
    /// The event's occurrences (a copy of the desk's), for the keys of an event taken per occurrence.
    slots: Option<Vec<Slot>>,
    base: usize,
}

impl<R: RegistrationRows + ?Sized> KeySource for Reread<'_, R> {
    fn key_of(&self, row: usize) -> Option<String> {
        let (mut views, mut found) = (Vec::with_capacity(1), Vec::new());
        self.rows.read(row..row + 1, &mut views, &mut found);
        Rules::key_of(self.slots.as_deref(), views.first()?)
    }

    fn base(&self) -> usize {
        self.base
    }

    fn len(&self) -> usize {
        self.rows.len()
    }
}

/// A chunk's rows numbered as the source's rows from `at`, so that the desk reads the chunk
/// where the source's rows would be.
struct Shifted<'c, C: ?Sized> {
    chunk: &'c C,
    at: usize,
}

impl<C: RegistrationRows + ?Sized> Shifted<'_, C> {
    fn local(&self, rows: Range<usize>) -> Range<usize> {
        rows.start.saturating_sub(self.at)..rows.end.saturating_sub(self.at)
    }
}

impl<C: RegistrationRows + ?Sized> RegistrationRows for Shifted<'_, C> {
    fn len(&self) -> usize {
        self.at + self.chunk.len()
    }

    fn read<'s>(
        &'s self,
        rows: Range<usize>,
        views: &mut Vec<RegistrationRef<'s>>,
        found: &mut Vec<(usize, Violation)>,
    ) {
        self.chunk.read(self.local(rows), views, found);
    }

    fn views(&self, rows: Range<usize>) -> Option<(&[RegistrationRef<'_>], &[Vec<Violation>])> {
        self.chunk.views(self.local(rows))
    }
}

impl<'a> RegistrationDesk<'a> {
    /// Whether a registration's duplicate key names its occurrence as well as its address (an
    /// event taken per occurrence): a source given to [`SourceValidation::validate_next_from`]
    /// must then hold the occurrences too, not the addresses alone.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// assert!(!desk.keys_name_occurrences());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn keys_name_occurrences(&self) -> bool {
        self.rules.slots.is_some()
    }

    /// Validates every row of `rows` in order, a chunk at a time through
    /// [`SourceValidation::validate_next`] (a binding checks for signals between chunks),
    /// keeping each e-mail as the number of the row it was read from: the rows must be there
    /// until the last chunk, which is why the desk is taken.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let records = vec![Registration::default(); 5];
    /// let rows = (&records[..], &[][..]);
    /// let desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let mut run = desk.validate_source(&rows, None);
    /// let mut out = Vec::new();
    /// assert_eq!((run.validate_next(3, &mut out), run.validate_next(3, &mut out), run.validate_next(3, &mut out)), (3, 2, 0));
    /// assert_eq!((out.len(), run.done()), (5, 5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_source<'r, R: RegistrationRows + ?Sized>(
        self,
        rows: &'r R,
        now: Option<DateTime<Utc>>,
    ) -> SourceValidation<'a, 'r, R> {
        let source = Reread { rows, slots: self.rules.slots.clone(), base: self.tally.next_index };
        SourceValidation { desk: self, source, now, done: 0 }
    }
}

impl<R: RegistrationRows + ?Sized> SourceValidation<'_, '_, R> {
    /// Validates the next `max` rows (fewer at the end) and appends their outcomes to `out`;
    /// returns how many, 0 once every row is done.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let records = vec![Registration::default(); 2];
    /// let rows = (&records[..], &[][..]);
    /// let mut run = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?.validate_source(&rows, None);
    /// let mut out = Vec::new();
    /// assert_eq!(run.validate_next(usize::MAX, &mut out), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_next(&mut self, max: usize, out: &mut Vec<RegistrationOutcome>) -> usize {
        let span = self.done..self.source.rows.len().min(self.done.saturating_add(max));
        let n = span.len();
        if n > 0 {
            self.desk.validate_span(self.source.rows, span, self.now, out, (Some(&self.source), &mut ()));
            self.done += n;
        }
        n
    }

    /// Validates `chunk` as the source's next rows (a binding that reads its rows a chunk at a
    /// time, as Python objects under the GIL, gives each chunk here and, as the source, a copy of
    /// the column of addresses that the desk can read again on its threads): the chunk is read
    /// where it is checked, the source only to compare addresses. Returns how many rows.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let r = |email: &str| Registration {
    ///     full_name: Some("Tenzin Dorji".into()), email: Some(email.into()), country: Some("Bhutan".into()),
    ///     audience: Some("teacher".into()), submitted_at: Some("2024-07-20T10:00:00+06:00".into()), ..Default::default()
    /// };
    /// let records = [r("a@example.org"), r("b@example.org"), r("A@example.org")];
    /// // The source needs only the addresses; each chunk holds whole records.
    /// let addresses: Vec<Registration> =
    ///     records.iter().map(|x| Registration { email: x.email.clone(), ..Default::default() }).collect();
    /// let source = (&addresses[..], &[][..]);
    /// let mut run = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?.validate_source(&source, None);
    /// let mut out = Vec::new();
    /// assert_eq!(run.validate_next_from(&(&records[..2], &[][..]), &mut out), 2);
    /// assert_eq!(run.validate_next_from(&(&records[2..], &[][..]), &mut out), 1);
    /// assert_eq!(out[2].violations[0].params["first_index"], 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_next_from<C: RegistrationRows + ?Sized>(
        &mut self,
        chunk: &C,
        out: &mut Vec<RegistrationOutcome>,
    ) -> usize {
        self.validate_next_from_alongside(chunk, out, &mut ())
    }

    /// [`SourceValidation::validate_next_from`], with other work of this thread's done while
    /// the other threads start checking the chunk, and the rest within `alongside.join` (see
    /// [`Alongside`]): a binding that reads its rows under a lock reads the next chunk meanwhile,
    /// and releases the lock for the rest.
    ///
    /// ```
    /// use kix_core::{Alongside, Registration, RegistrationDesk};
    /// /// Makes the next chunk while this one is checked.
    /// struct Next<'n>(&'n mut Vec<Registration>);
    /// impl Alongside for Next<'_> {
    ///     fn meanwhile(&mut self) { self.0.extend(std::iter::repeat_n(Registration::default(), 4096)) }
    ///     fn join<T: Send>(&mut self, rest: impl FnOnce() -> T + Send) -> T { rest() }
    /// }
    /// let hub = kix_core::emap();
    /// let (first, mut second) = (vec![Registration::default(); 4096], Vec::new());
    /// let source = (&first[..], &[][..]);
    /// let mut run = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?.validate_source(&source, None);
    /// let mut out = Vec::new();
    /// assert_eq!(run.validate_next_from_alongside(&(&first[..], &[][..]), &mut out, &mut Next(&mut second)), 4096);
    /// assert_eq!((out.len(), second.len()), (4096, 4096));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_next_from_alongside<C: RegistrationRows + ?Sized, A: Alongside>(
        &mut self,
        chunk: &C,
        out: &mut Vec<RegistrationOutcome>,
        alongside: &mut A,
    ) -> usize {
        let n = chunk.len();
        if n > 0 {
            let rows = Shifted { chunk, at: self.done };
            self.desk.validate_span(&rows, self.done..self.done + n, self.now, out, (Some(&self.source), alongside));
            self.done += n;
        }
        n
    }

    /// The rows validated so far.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let records = [Registration::default()];
    /// let rows = (&records[..], &[][..]);
    /// let run = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?.validate_source(&rows, None);
    /// assert_eq!(run.done(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn done(&self) -> usize {
        self.done
    }

    /// Seats held now (confirmed and pending), as [`RegistrationDesk::seats_held`].
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let records = [Registration::default()];
    /// let rows = (&records[..], &[][..]);
    /// let run = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?.validate_source(&rows, None);
    /// assert_eq!(run.seats_held(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn seats_held(&self) -> u64 {
        self.desk.seats_held()
    }
}

impl<R: RegistrationRows + ?Sized> fmt::Debug for SourceValidation<'_, '_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceValidation")
            .field("desk", &self.desk)
            .field("done", &self.done)
            .field("rows", &self.source.rows.len())
            .finish()
    }
}
