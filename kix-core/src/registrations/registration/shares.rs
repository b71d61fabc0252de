//! A span of rows shared among the threads that check it: helpers start on it at once, the
//! calling thread joins them once its own work is done and takes the back half of the largest
//! share left, until none is left.

use super::*;

/// What the thread that validates a chunk does while other threads start checking it, and
/// how it joins them: a binding that reads its rows under its interpreter's lock (Python's
/// GIL) reads its next chunk meanwhile, and releases the lock for the rest. The unit `()`
/// does nothing meanwhile and runs the rest as it is.
///
/// ```
/// use kix_core::{Alongside, Registration, RegistrationDesk};
/// /// Counts the chunks it was given time for.
/// struct Reader { chunks_read: usize }
/// impl Alongside for Reader {
///     fn meanwhile(&mut self) { self.chunks_read += 1 }
///     fn join<T: Send>(&mut self, rest: impl FnOnce() -> T + Send) -> T { rest() }
/// }
/// let hub = kix_core::emap();
/// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
/// let (records, mut out, mut reader) = (vec![Registration::default(); 3000], Vec::new(), Reader { chunks_read: 0 });
/// desk.validate_rows_alongside(&(&records[..], &[][..]), None, &mut out, &mut reader);
/// assert_eq!((out.len(), reader.chunks_read), (3000, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Alongside {
    /// The calling thread's own work, done while the other threads check the first rows.
    fn meanwhile(&mut self);
    /// Runs `rest`: the calling thread's share of the checking, then the claims and the seats.
    fn join<T: Send>(&mut self, rest: impl FnOnce() -> T + Send) -> T;
}

impl Alongside for () {
    fn meanwhile(&mut self) {}
    fn join<T: Send>(&mut self, rest: impl FnOnce() -> T + Send) -> T {
        rest()
    }
}

/// What is checked: the rows `span` of `rows`, against the rules, at `now`.
pub(super) struct Job<'j, R: ?Sized> {
    pub(super) rules: &'j Rules<'j>,
    pub(super) rows: &'j R,
    pub(super) span: Range<usize>,
    pub(super) now: Option<DateTime<Utc>>,
}

/// The blocks one thread checks in order into one scratch: it takes `next`, and stops at
/// `end`, which the calling thread lowers when it takes the back half.
struct Share {
    next: usize,
    end: usize,
}

/// A lock that a panic elsewhere (there should be none) does not make unusable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<R: RegistrationRows + ?Sized> Job<'_, R> {
    /// The rows of block `b`.
    fn block(&self, b: usize) -> Range<usize> {
        let start = self.span.start.saturating_add(b.saturating_mul(BLOCK)).min(self.span.end);
        start..self.span.end.min(start.saturating_add(BLOCK))
    }

    /// Checks the rows of block `b` into `scratch`, the outcomes into `outcomes` (the block's
    /// views stay in the caches while they are checked), reading the rows into `views` and
    /// `found` unless they are views already.
    fn check_block<'r>(
        &'r self,
        b: usize,
        (scratch, outcomes): (&mut Scratch, &mut Vec<RegistrationOutcome>),
        (views, found): (&mut Vec<RegistrationRef<'r>>, &mut Vec<(usize, Violation)>),
    ) {
        let Scratch { places, keys, claims, .. } = scratch;
        let mut check = |r: &RegistrationRef<'_>, own: Vec<Violation>| {
            let (outcome, claim) = self.rules.check(r, own, self.now, places, keys);
            outcomes.push(outcome);
            claims.push(claim);
        };
        let rows = self.block(b);
        if let Some((views, found)) = self.rows.views(rows.clone()) {
            for (i, r) in views.iter().enumerate() {
                check(r, found.get(i).cloned().unwrap_or_default());
            }
            return;
        }
        views.clear();
        self.rows.read(rows, views, found);
        let mut found = found.drain(..).peekable();
        for (i, r) in views.iter().enumerate() {
            let mut own = Vec::new();
            while let Some((_, v)) = found.next_if(|(row, _)| *row == i) {
                own.push(v);
            }
            check(r, own);
        }
    }

    /// Checks the blocks of a share in order into `scratch`, taking one at a time; the outcomes
    /// into `first` from the first row on, if this share is the one that takes it (see
    /// [`check_shared`]). Exactly one thread takes the first block, and it is the first of its
    /// share, so exactly one share's outcomes go there.
    fn check_share(
        &self,
        share: &Mutex<Share>,
        scratch: &mut Scratch,
        first: &Mutex<Option<&mut Vec<RegistrationOutcome>>>,
    ) {
        start_part(scratch);
        let mut own = std::mem::take(&mut scratch.outcomes);
        let mut out = None;
        let (mut views, mut found) = (Vec::new(), Vec::new());
        loop {
            let (b, left) = {
                let mut s = lock(share);
                if s.next >= s.end {
                    break;
                }
                s.next += 1;
                (s.next - 1, s.end - s.next + 1)
            };
            if b == 0 {
                out = lock(first).take();
            }
            let outcomes = out.as_deref_mut().unwrap_or(&mut own);
            // Room for the rest of the share (the calling thread may yet take the back half).
            outcomes.reserve(left.saturating_mul(BLOCK).min(self.span.len()));
            self.check_block(b, (scratch, outcomes), (&mut views, &mut found));
        }
        scratch.outcomes = own;
        if let Some(out) = out {
            *lock(first) = Some(out);
        }
    }
}

/// Empties a scratch's part (its place cache stays) before it checks a new one.
fn start_part(scratch: &mut Scratch) {
    scratch.keys.clear();
    scratch.claims.clear();
    scratch.outcomes.clear();
}

/// Checks the rows of `job` on `threads` threads, this one among them, each share into a
/// scratch of `pool` (the outcomes of the share that starts at the first row straight into
/// `out`, the others' into their scratch), then runs `then` on the scratches in the order of
/// their rows, and `out`. The helpers start first, each on an even share of the blocks; this
/// thread runs `alongside.meanwhile()`, then, within `alongside.join`, takes the back half of
/// the largest share left (a whole share whose thread could not be started) until none is
/// left, waits for the helpers and runs `then`. Without other work meanwhile that is an even
/// split; with it, the helpers have checked as many rows as this thread's work took.
///
/// Cost: one lock per block of [`BLOCK`] rows; this thread takes at most one part per block.
pub(super) fn check_shared<R, A, T, F>(
    job: &Job<'_, R>,
    (threads, pool): (usize, &mut Vec<Scratch>),
    out: &mut Vec<RegistrationOutcome>,
    alongside: &mut A,
    then: F,
) -> T
where
    R: RegistrationRows + ?Sized,
    A: Alongside,
    T: Send,
    F: FnOnce(&mut [&mut Scratch], &mut Vec<RegistrationOutcome>) -> T + Send,
{
    let blocks = job.span.len().div_ceil(BLOCK);
    let helpers = threads.saturating_sub(1).min(blocks);
    // This thread's parts: at most one per block, and one when there is no helper.
    if pool.len() < helpers + blocks.max(1) {
        pool.resize_with(helpers + blocks.max(1), Scratch::default);
    }
    let (theirs, mine) = pool.split_at_mut(helpers);
    let shares: Vec<Mutex<Share>> = (0..helpers.max(1))
        .map(|h| Mutex::new(Share { next: h * blocks / helpers.max(1), end: (h + 1) * blocks / helpers.max(1) }))
        .collect();
    let (shares, first) = (&shares, &Mutex::new(Some(out)));
    std::thread::scope(|scope| {
        let started: Vec<_> = theirs
            .iter_mut()
            .zip(shares)
            .map(|(scratch, share)| {
                let start = lock(share).next;
                let helper = move || {
                    job.check_share(share, scratch, first);
                    scratch
                };
                (start, std::thread::Builder::new().spawn_scoped(scope, helper).ok())
            })
            .collect();
        alongside.meanwhile();
        alongside.join(move || {
            let running: Vec<bool> = started.iter().map(|(_, t)| t.is_some()).collect();
            let mut parts: Vec<(usize, &mut Scratch)> = Vec::with_capacity(helpers + 2);
            // A scratch for each part this thread takes: each takes a block at least, and there is
            // one a block, so they never run out.
            let mut spare = mine.iter_mut();
            loop {
                let largest = shares
                    .iter()
                    .enumerate()
                    .map(|(h, s)| {
                        let s = lock(s);
                        (h, s.end.saturating_sub(s.next))
                    })
                    .filter(|&(_, left)| left > 0)
                    .max_by_key(|&(_, left)| left);
                let Some((h, _)) = largest else { break };
                let Some(share) = shares.get(h) else { break };
                let taken = {
                    let mut s = lock(share);
                    let left = s.end.saturating_sub(s.next);
                    // Without helpers, the one share (all the blocks) is this thread's.
                    let take = if running.get(h).copied().unwrap_or(false) { left.div_ceil(2) } else { left };
                    let from = s.end - take;
                    let taken = Share { next: from, end: s.end };
                    s.end = from;
                    taken
                };
                if taken.next >= taken.end {
                    continue;
                }
                let Some(scratch) = spare.next() else { break };
                let start = taken.next;
                job.check_share(&Mutex::new(taken), scratch, first);
                parts.push((start, scratch));
            }
            for (start, thread) in started {
                // A panic on a helper (there should be none) goes on here.
                if let Some(scratch) = thread.map(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                {
                    parts.push((start, scratch));
                }
            }
            parts.sort_by_key(|(start, _)| *start);
            let mut ordered: Vec<&mut Scratch> =
                parts.into_iter().map(|(_, s)| s).filter(|s| !s.claims.is_empty()).collect();
            // The share that took `out` has put it back: every thread that checked is done.
            let out = lock(first).take();
            match out {
                Some(out) => then(&mut ordered, out),
                None => then(&mut ordered, &mut Vec::new()),
            }
        })
    })
}
