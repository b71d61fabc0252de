//! The registration desk: one event's rules prepared once, a registration or a batch checked against them (large batches on several threads), the seats counted in order.

use super::*;

/// The state of registration for one event: seats held and e-mails seen.
/// Validating registrations one after another through one desk is exactly
/// what [`validate_batch`] does.
///
/// ```
/// use kix_core::{Registration, RegistrationDesk, RegistrationStatus};
/// let hub = kix_core::emap();
/// let event = hub.event("kix-emap-webinar-20").unwrap();
/// let mut desk = RegistrationDesk::new(hub, event, &[])?;
/// let r = Registration {
///     full_name: Some("Tenzin Dorji".into()), email: Some("tenzin@example.bt".into()),
///     country: Some("Bhutan".into()), audience: Some("teacher".into()), consent: Some(true),
///     submitted_at: Some("2024-07-20T10:00:00+06:00".into()), ..Default::default()
/// };
/// assert_eq!(desk.validate(&r, None).status, RegistrationStatus::Confirmed);
/// assert_eq!(desk.validate(&r, None).violations[0].code, kix_core::Code::RegistrationDuplicate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RegistrationDesk<'a> {
    pub(super) rules: Rules<'a>,
    pub(super) tally: Tally,
    /// What each part of a batch is checked into, kept between batches (see [`check_shared`]).
    pub(super) scratch: Vec<Scratch>,
    pub(super) threads: usize,
}

/// What the in-order part of a validation counts: the seats and the e-mails seen, and the
/// number of the next registration.
pub(super) struct Tally {
    pub(super) seats_held: u64,
    /// Seats held per occurrence, by slot, for an event taken per occurrence.
    pub(super) slot_seats: Vec<u64>,
    /// The e-mail keys seen, in [`SHARDS`] tables by hash.
    pub(super) emails: Vec<Keys>,
    pub(super) next_index: usize,
}

/// What a registration is checked against, read by every thread that checks: the event,
/// its window and occurrences, the invitees. Nothing in it changes during a batch.
pub(super) struct Rules<'a> {
    pub(super) hub: &'a Hub,
    pub(super) event: &'a Event,
    pub(super) closes_at: DateTime<Utc>,
    pub(super) opens_at: Option<DateTime<Utc>>,
    /// The occurrences, by `recurrence_id`, of an event taken per occurrence; `None` per series.
    pub(super) slots: Option<Vec<Slot>>,
    pub(super) invitees: HashSet<String, RandomState>,
    /// The hasher of the e-mail keys, so that a key is hashed where it is built.
    pub(super) hasher: RandomState,
}

/// What one part of a batch is checked into, kept between chunks: the country texts it
/// resolved (a batch names few countries, many times), and for the registrations of the part
/// the e-mail keys in one text, their claims and their outcomes (but those of the part that
/// starts at the first row, which go straight to the caller's).
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) places: HashMap<Box<str>, Result<Place, Violation>, RandomState>,
    pub(super) keys: String,
    pub(super) claims: Vec<Claim>,
    pub(super) outcomes: Vec<RegistrationOutcome>,
}

/// What the in-order part of a validation needs of a registration checked against the
/// rules: its duplicate key and where a duplicate violation goes, and its occurrence's slot.
#[derive(Clone, Copy)]
pub(super) struct Claim {
    /// The key's place in the scratch keys and its hash; `None` without a valid address.
    pub(super) key: Option<(usize, usize, u64)>,
    /// Where a duplicate goes among the violations: after the e-mail's own.
    pub(super) duplicate_at: usize,
    pub(super) slot: Option<usize>,
}

/// One occurrence of an event taken per occurrence: its seats and when its registration closes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub(super) id: NaiveDateTime,
    pub(super) closes_at: DateTime<Utc>,
}

/// The slot of an occurrence, if the event has it (slots are sorted by id).
pub(super) fn slot_of(slots: &[Slot], occurrence: NaiveDateTime) -> Option<usize> {
    slots.binary_search_by_key(&occurrence, |s| s.id).ok()
}

/// An e-mail's duplicate key for one occurrence: the key and the occurrence, which no
/// e-mail key contains (keys hold no control character).
pub(super) fn occurrence_key(key: &mut String, occurrence: NaiveDateTime) {
    use std::fmt::Write;
    let _ = write!(key, "\u{1f}{occurrence}");
}

/// `work` done on every item, the first on this thread and each other on a thread of its
/// own, or on this thread after the others when a thread cannot be started (a process out of
/// threads still gets its outcomes); the results in the items' order.
pub(super) fn on_threads<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    // Each item is taken once, by the thread that does it: the lock is never contended.
    let take = |i: usize| items.get(i)?.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    let (take, work) = (&take, &work);
    std::thread::scope(|scope| {
        let started: Vec<_> = (1..items.len())
            .map(|i| std::thread::Builder::new().spawn_scoped(scope, move || take(i).map(work)).ok())
            .collect();
        let mut done = vec![take(0).map(work)];
        for thread in started {
            // A panic on a thread (there should be none) goes on here.
            done.push(thread.and_then(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))));
        }
        done.into_iter().enumerate().filter_map(|(i, r)| r.or_else(|| take(i).map(work))).collect()
    })
}

/// The duplicate claims of a checked slice in one thread's tables (those whose number is
/// `thread` modulo `threads`), in order: a registration with an error of its own only looks
/// its e-mail up (it will be refused and give its claim back), any other claims it. `index`
/// is the desk's number of the slice's first registration, `first_row` its row in `source` when
/// the desk keeps the keys of a source as rows (see [`KeySource`]). Returns each duplicate's row in
/// the slice and where its e-mail was first seen.
pub(super) fn claim_in_order(
    (thread, threads): (usize, usize),
    mut tables: Vec<&mut Keys>,
    (checked, first_part): (&[&Scratch], &[RegistrationOutcome]),
    (index, source, first_row): (usize, Option<&dyn KeySource>, usize),
) -> Vec<(usize, Seen)> {
    let mut found = Vec::new();
    let mut row = 0;
    let mine = |claim: &Claim| claim.key.filter(|&(_, _, hash)| shard_of(hash) % threads == thread);
    for (p, part) in checked.iter().enumerate() {
        let outcomes = if p == 0 { first_part } else { &part.outcomes[..] };
        // A group's slots are read ahead together, so that their trips to memory overlap.
        for (outcomes, claims) in outcomes.chunks(CLAIMS_AHEAD).zip(part.claims.chunks(CLAIMS_AHEAD)) {
            for (_, _, hash) in claims.iter().filter_map(mine) {
                if let Some(keys) = tables.get(shard_of(hash) / threads) {
                    keys.touch(hash);
                }
            }
            for (outcome, claim) in outcomes.iter().zip(claims) {
                if let Some((start, len, hash)) = mine(claim)
                    && let Some(keys) = tables.get_mut(shard_of(hash) / threads)
                {
                    let key = part.keys.get(start..start + len).unwrap_or_default();
                    let first = if outcome.violations.iter().any(Violation::is_error) {
                        keys.find(key, hash, source)
                    } else {
                        keys.claim(key, hash, Seen::batch(index + row), (source, Some(first_row + row)))
                    };
                    if let Some(first) = first {
                        found.push((row, first));
                    }
                }
                row += 1;
            }
        }
    }
    found
}

/// How many claims' slots are read ahead at once (see [`Keys::touch`]).
const CLAIMS_AHEAD: usize = 16;

/// How many distinct country texts a desk remembers, and how long one may be.
pub(super) const PLACE_CACHE: (usize, usize) = (4096, 64);

impl fmt::Debug for RegistrationDesk<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationDesk")
            .field("event", &self.rules.event.id)
            .field("seats_held", &self.tally.seats_held)
            .field("emails_seen", &self.tally.emails.iter().map(Keys::len).sum::<usize>())
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

/// The least registrations worth a thread of their own: below this, starting the thread
/// costs more than it saves.
pub(super) const MIN_ROWS_PER_THREAD: usize = 1024;

/// Registrations a checking thread reads at a time, so that their views stay in the
/// processor's caches while the rules read them.
pub(super) const BLOCK: usize = 512;

/// The threads a desk checks with unless told otherwise: `KIX_MAX_THREADS` when it is set
/// to a number (as `POLARS_MAX_THREADS` and `RAYON_NUM_THREADS` are), else the machine's
/// cores, at most [`SHARDS`] (the duplicate check takes a table of e-mails a thread).
pub(super) fn default_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("KIX_MAX_THREADS")
            .ok()
            .and_then(|n| n.trim().parse::<usize>().ok())
            .map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(SHARDS)), |n| n.max(1))
    })
}

impl<'a> RegistrationDesk<'a> {
    /// A desk for an event with the registrations already held. Fails only when
    /// the event's own times cannot be resolved (an unknown zone, no end).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(hub: &'a Hub, event: &'a Event, held: &[HeldRegistration]) -> Result<Self, Error> {
        let closes_at = event.registration_closes_at()?;
        let slots = if event.registration.per_occurrence {
            let mut slots: Vec<Slot> = event
                .occurrences()?
                .iter()
                .map(|o| Slot { id: o.recurrence_id, closes_at: event.registration_closes_for(o) })
                .collect();
            slots.sort_by_key(|s| s.id);
            Some(slots)
        } else {
            None
        };
        let mut slot_seats = vec![0; slots.as_ref().map_or(0, Vec::len)];
        let hasher = RandomState::default();
        let mut emails: Vec<Keys> = (0..SHARDS).map(|_| Keys::new()).collect();
        let mut seats_held = 0;
        for (i, h) in held.iter().enumerate().filter(|(_, h)| h.status != RegistrationStatus::Rejected) {
            let mut key = duplicate_key(&h.email);
            // Per occurrence, a held registration counts for the occurrence it names.
            let slot = match (&slots, h.occurrence) {
                (Some(slots), Some(occurrence)) => {
                    occurrence_key(&mut key, occurrence);
                    slot_of(slots, occurrence).and_then(|i| slot_seats.get_mut(i))
                }
                _ => None,
            };
            let hash = hasher.hash_one(key.as_str());
            if let Some(keys) = emails.get_mut(shard_of(hash)) {
                keys.claim(&key, hash, Seen::held(i), (None, None));
            }
            if h.status.holds_seat() {
                seats_held += 1;
                if let Some(seats) = slot {
                    *seats += 1;
                }
            }
        }
        let rules = Rules {
            hub,
            event,
            closes_at,
            opens_at: event.registration.opens_at.map(|t| t.with_timezone(&Utc)),
            slots,
            invitees: event.registration.invitees.iter().map(|e| duplicate_key(e)).collect(),
            hasher,
        };
        Ok(RegistrationDesk {
            rules,
            tally: Tally { seats_held, slot_seats, emails, next_index: 0 },
            scratch: vec![Scratch::default()],
            threads: default_threads(),
        })
    }

    /// Makes room for `additional` more e-mails, so that a batch of known size
    /// grows the desk's table once.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let mut desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// desk.reserve(1000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        // A little more than a table's share: keys fall into the tables unevenly.
        let share = additional.div_ceil(SHARDS);
        for keys in &mut self.tally.emails {
            keys.reserve(share + share / 8);
        }
    }

    /// How many threads [`RegistrationDesk::validate_rows`] may check registrations on (at
    /// least one, this one among them; at most 8 are used). The default is `KIX_MAX_THREADS`
    /// when it is set, else the machine's cores. The outcomes are the same on any number.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let mut desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// desk.set_threads(1);
    /// assert_eq!(desk.threads(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// The threads [`RegistrationDesk::validate_rows`] may check registrations on.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// assert!(desk.threads() >= 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Seats held now (confirmed and pending).
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let desk = kix_core::RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// assert_eq!(desk.seats_held(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn seats_held(&self) -> u64 {
        self.tally.seats_held
    }

    /// Seats held now for one occurrence of an event taken per occurrence (`None` for an
    /// occurrence the event does not have, or an event taken per series).
    ///
    /// ```
    /// use kix_core::{Frequency, HeldRegistration, Recurrence, RegistrationDesk, RegistrationStatus};
    /// let hub = kix_core::emap();
    /// let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// e.recurrence = Some(Recurrence { count: Some(2), ..Recurrence::new(Frequency::Weekly) });
    /// e.registration.per_occurrence = true;
    /// let second = "2024-08-07T13:00:00".parse()?;
    /// let held = [HeldRegistration { email: "a@example.org".into(), status: RegistrationStatus::Confirmed, occurrence: Some(second) }];
    /// let desk = RegistrationDesk::new(hub, &e, &held)?;
    /// assert_eq!(desk.seats_held_for(second), Some(1));
    /// assert_eq!(desk.seats_held_for("2024-07-31T13:00:00".parse()?), Some(0));
    /// assert_eq!(desk.seats_held(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn seats_held_for(&self, occurrence: NaiveDateTime) -> Option<u64> {
        let slots = self.rules.slots.as_deref()?;
        slot_of(slots, occurrence).and_then(|i| self.tally.slot_seats.get(i)).copied()
    }

    /// Validates the next registration and records it if accepted. `now` is
    /// the instant checked against the registration window when the record has
    /// no `submitted_at`.
    ///
    /// ```
    /// use kix_core::{Code, Registration, RegistrationDesk, RegistrationStatus};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let outcome = desk.validate(&Registration::default(), None);
    /// assert_eq!(outcome.status, RegistrationStatus::Rejected);
    /// assert!(outcome.violations.iter().all(|v| v.code == Code::RegistrationMissingField));
    /// assert_eq!(outcome.violations.len(), 5, "full_name, email, country, audience, submitted_at");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&mut self, r: &Registration, now: Option<DateTime<Utc>>) -> RegistrationOutcome {
        self.validate_read(r, &[], now)
    }

    /// Validates the next registration together with the problems found while
    /// reading it (a cell of the wrong kind, see [`invalid_value`]): they are
    /// violations of this record, and a field they name is not reported
    /// missing as well.
    ///
    /// ```
    /// use kix_core::{Code, Registration, RegistrationDesk, registration::invalid_value};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let found = [invalid_value("full_name", "int", "42")];
    /// let outcome = desk.validate_read(&Registration::default(), &found, None);
    /// assert_eq!(outcome.violations[0].code, Code::RegistrationInvalidValue);
    /// assert_eq!(outcome.violations.len(), 5, "the other four missing fields, not full_name again");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_read(
        &mut self,
        r: &Registration,
        found: &[Violation],
        now: Option<DateTime<Utc>>,
    ) -> RegistrationOutcome {
        self.validate_view(r.view(), found, now)
    }

    /// [`RegistrationDesk::validate_read`] on a registration borrowed from
    /// where it was read, so that a binding copies no field to validate it.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let r = Registration { email: Some("a@example.org".into()), ..Default::default() };
    /// assert_eq!(desk.validate_view(r.view(), &[], None).violations.len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_view(
        &mut self,
        r: RegistrationRef<'_>,
        found: &[Violation],
        now: Option<DateTime<Utc>>,
    ) -> RegistrationOutcome {
        let mut scratch = self.scratch.pop().unwrap_or_default();
        scratch.keys.clear();
        let (mut outcome, claim) = self.rules.check(&r, found.to_vec(), now, &mut scratch.places, &mut scratch.keys);
        self.tally.settle(&self.rules, &mut outcome, claim, &scratch.keys, (None, None));
        self.scratch.push(scratch);
        outcome
    }

    /// Validates registrations in order, as many calls of
    /// [`RegistrationDesk::validate_view`] would, and appends their outcomes to `out`. The
    /// rows are read a block at a time where they are checked. A large batch is shared among
    /// threads (see [`RegistrationDesk::set_threads`]): each reads and checks a part of the
    /// rows, then each claims the e-mails of its tables, in order (unless the event refuses
    /// registrations when full: then one thread does), and the seats are counted in order,
    /// so the outcomes are those of one thread.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk, RegistrationStatus};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let r = Registration {
    ///     full_name: Some("Tenzin Dorji".into()), email: Some("tenzin@example.bt".into()),
    ///     country: Some("Bhutan".into()), audience: Some("teacher".into()),
    ///     submitted_at: Some("2024-07-20T10:00:00+06:00".into()), ..Default::default()
    /// };
    /// let mut out = Vec::new();
    /// desk.validate_rows(&(&[r.clone(), r][..], &[][..]), None, &mut out);
    /// assert_eq!(out[0].status, RegistrationStatus::Confirmed);
    /// assert_eq!(out[1].violations[0].code, kix_core::Code::RegistrationDuplicate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_rows<R: RegistrationRows + ?Sized>(
        &mut self,
        rows: &R,
        now: Option<DateTime<Utc>>,
        out: &mut Vec<RegistrationOutcome>,
    ) {
        self.validate_rows_alongside(rows, now, out, &mut ());
    }

    /// [`RegistrationDesk::validate_rows`], with other work of this thread's done while the
    /// other threads start checking, and this thread's share of the checking and the rest run
    /// within `alongside.join` (see [`Alongside`]): a binding reads its next rows meanwhile.
    ///
    /// ```
    /// use kix_core::{Registration, RegistrationDesk};
    /// let hub = kix_core::emap();
    /// let mut desk = RegistrationDesk::new(hub, hub.event("kix-emap-webinar-20").unwrap(), &[])?;
    /// let records = vec![Registration::default(); 5000];
    /// let mut out = Vec::new();
    /// desk.validate_rows_alongside(&(&records[..], &[][..]), None, &mut out, &mut ());
    /// assert_eq!(out.len(), 5000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_rows_alongside<R: RegistrationRows + ?Sized, A: Alongside>(
        &mut self,
        rows: &R,
        now: Option<DateTime<Utc>>,
        out: &mut Vec<RegistrationOutcome>,
        alongside: &mut A,
    ) {
        self.validate_span(rows, 0..rows.len(), now, out, (None, alongside));
    }

    /// [`RegistrationDesk::validate_rows_alongside`] on the rows `span` of `rows`; with a
    /// `source` (whose rows `rows` are) the e-mails are kept as their rows.
    pub(super) fn validate_span<R: RegistrationRows + ?Sized, A: Alongside>(
        &mut self,
        rows: &R,
        span: Range<usize>,
        now: Option<DateTime<Utc>>,
        out: &mut Vec<RegistrationOutcome>,
        (source, alongside): (Option<&dyn KeySource>, &mut A),
    ) {
        let threads = self.threads.min(SHARDS).min(span.len() / MIN_ROWS_PER_THREAD).max(1);
        let RegistrationDesk { rules, tally, scratch, .. } = self;
        let rules = &*rules;
        let (at, first) = (span.start, out.len());
        let job = Job { rules, rows, span, now };
        check_shared(&job, (threads, scratch), out, alongside, |parts, out| {
            tally.settle_parts(rules, parts, (out, first), threads, (source, at));
        });
    }
}

impl Tally {
    /// The in-order part of a batch, once its parts are checked (`parts`, in the order of their
    /// rows, the first at the row `at` of `source`): the first part's outcomes are in `out` from
    /// `first`, the others' are appended to them. Without a refusal for a full event, a
    /// registration keeps its claim on its e-mail unless it breaks a rule of its own, which is
    /// known already: the tables, each in order, are claimed on the threads (a table each in
    /// turn), and only the seats are left.
    fn settle_parts(
        &mut self,
        rules: &Rules<'_>,
        parts: &mut [&mut Scratch],
        (out, first): (&mut Vec<RegistrationOutcome>, usize),
        threads: usize,
        (source, at): (Option<&dyn KeySource>, usize),
    ) {
        let index = self.next_index;
        let duplicates = if threads > 1 && !rules.may_refuse_when_full() {
            let mut tables: Vec<Vec<&mut Keys>> = (0..threads).map(|_| Vec::new()).collect();
            for (shard, keys) in self.emails.iter_mut().enumerate() {
                if let Some(table) = tables.get_mut(shard % threads) {
                    table.push(keys);
                }
            }
            let (checked, mine) =
                (parts.iter().map(|p| &**p).collect::<Vec<_>>(), out.get(first..).unwrap_or_default());
            let claim = |(t, tables)| claim_in_order((t, threads), tables, (&checked, mine), (index, source, at));
            Some(on_threads(tables.into_iter().enumerate().collect(), claim).concat())
        } else {
            None
        };
        let mut duplicates = duplicates.map(|mut found| {
            found.sort_unstable_by_key(|&(row, _)| row);
            found.into_iter().peekable()
        });
        // In order: the first part where it stands in `out`, then each other part, settled in
        // its own vector and moved to the end of `out`.
        for (p, part) in parts.iter_mut().enumerate() {
            let Scratch { keys, claims, outcomes: own, .. } = &mut **part;
            let outcomes = if p == 0 { out.get_mut(first..).unwrap_or_default() } else { &mut own[..] };
            for (outcome, claim) in outcomes.iter_mut().zip(claims.iter()) {
                match &mut duplicates {
                    Some(found) => {
                        let row = self.next_index - index;
                        let first = found.next_if(|&(r, _)| r == row).map(|(_, first)| first);
                        self.decide(rules, outcome, *claim, first);
                    }
                    None => {
                        let row = at + self.next_index - index;
                        self.settle(rules, outcome, *claim, keys, (source, Some(row)));
                    }
                }
            }
            if p > 0 {
                out.append(own);
            }
        }
    }

    /// The part of a validation that depends on the registrations before it, in order:
    /// the duplicate claim (given back if the registration is rejected, so a corrected
    /// resubmission passes), the status and the seats.
    fn settle(
        &mut self,
        rules: &Rules<'_>,
        outcome: &mut RegistrationOutcome,
        claim: Claim,
        keys: &str,
        (source, row): (Option<&dyn KeySource>, Option<usize>),
    ) {
        let key = claim.key.map(|(start, len, hash)| (keys.get(start..start + len).unwrap_or_default(), hash));
        let seen = Seen::batch(self.next_index);
        let first =
            key.and_then(|(key, hash)| self.emails.get_mut(shard_of(hash))?.claim(key, hash, seen, (source, row)));
        let status = self.decide(rules, outcome, claim, first);
        if let (RegistrationStatus::Rejected, Some((key, hash)), None) = (status, key, first)
            && let Some(keys) = self.emails.get_mut(shard_of(hash))
        {
            keys.remove(key, hash, source);
        }
    }

    /// A registration's duplicate (its e-mail `first` seen there), status and seat, in order.
    fn decide(
        &mut self,
        rules: &Rules<'_>,
        outcome: &mut RegistrationOutcome,
        claim: Claim,
        first: Option<Seen>,
    ) -> RegistrationStatus {
        self.next_index += 1;
        let v = &mut outcome.violations;
        if let Some(first) = first {
            v.insert(claim.duplicate_at.min(v.len()), rules.duplicate(first, claim.slot));
        }
        let status = self.status(rules, claim.slot, v);
        if status.holds_seat() {
            self.seats_held += 1;
            if let Some(seats) = claim.slot.and_then(|s| self.slot_seats.get_mut(s)) {
                *seats += 1;
            }
        }
        outcome.status = status;
        status
    }

    /// Rejected on any error; otherwise a seat, the waiting list or, when
    /// full without one, a rejection for the capacity.
    fn status(&self, rules: &Rules<'_>, slot: Option<usize>, v: &mut Vec<Violation>) -> RegistrationStatus {
        if v.iter().any(Violation::is_error) {
            return RegistrationStatus::Rejected;
        }
        let event = rules.event;
        let (held, occurrence) = match (rules.slot(slot), slot.and_then(|s| self.slot_seats.get(s))) {
            (Some(s), Some(&seats)) => (seats, Some(s.id)),
            _ => (self.seats_held, None),
        };
        if let Some(capacity) = event.registration.capacity.filter(|&cap| held >= u64::from(cap)) {
            if event.registration.waiting_list {
                return RegistrationStatus::Waitlisted;
            }
            v.push(full(capacity, occurrence));
            return RegistrationStatus::Rejected;
        }
        if event.registration.approval == Approval::Manual {
            RegistrationStatus::Pending
        } else {
            RegistrationStatus::Confirmed
        }
    }
}

/// `registration.full`: the event's seats (per occurrence: the occurrence's) are taken. The
/// desk and the book word it alike.
pub(crate) fn full(capacity: u32, occurrence: Option<NaiveDateTime>) -> Violation {
    match occurrence {
        None => Violation::new(Code::RegistrationFull, "", format!("all {capacity} seats are taken"))
            .with_param("capacity", capacity),
        Some(o) => Violation::new(
            Code::RegistrationFull,
            "",
            format!("all {capacity} seats of the occurrence at {o} are taken"),
        )
        .with_param("capacity", capacity)
        .with_param("occurrence", o),
    }
}
