//! What the book's rules look up, kept in step with every change so that no
//! operation reads the whole book: registrations by id and by person (e-mail
//! and occurrence), the counts of every status (the seats held) for the book
//! and each occurrence, the waiting lists in their order and the open offers by
//! expiry. Built from the registrations when a book is read, never stored.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

use chrono::{DateTime, NaiveDateTime, Utc};
use foldhash::fast::RandomState;
use hashbrown::HashTable;

use super::types::{BookEntry, BookStatus, SeatLedger};

/// How many registrations of a group (the book, or one occurrence) stand in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counts {
    confirmed: u64,
    pending: u64,
    offered: u64,
    waitlisted: u64,
    denied: u64,
    cancelled: u64,
    /// Confirmed and checked in.
    checked_in: u64,
    /// Every registration of the group.
    total: u64,
}

impl Counts {
    fn slot(&mut self, status: BookStatus) -> &mut u64 {
        match status {
            BookStatus::Confirmed => &mut self.confirmed,
            BookStatus::Pending => &mut self.pending,
            BookStatus::Offered => &mut self.offered,
            BookStatus::Waitlisted => &mut self.waitlisted,
            BookStatus::Denied => &mut self.denied,
            BookStatus::Cancelled => &mut self.cancelled,
        }
    }

    /// Counts `entry` in (`by` 1) or out (`by` -1; never below zero).
    fn add(&mut self, entry: &BookEntry, by: i8) {
        let step = |n: &mut u64| *n = if by > 0 { n.saturating_add(1) } else { n.saturating_sub(1) };
        step(self.slot(entry.status));
        if entry.status == BookStatus::Confirmed && entry.checked_in_at.is_some() {
            step(&mut self.checked_in);
        }
        step(&mut self.total);
    }

    /// Seats held: confirmed, pending and offered.
    pub(super) fn held(&self) -> u64 {
        self.confirmed + self.pending + self.offered
    }

    pub(super) fn waitlisted(&self) -> u64 {
        self.waitlisted
    }

    /// The ledger of these counts with a capacity.
    pub(super) fn ledger(&self, capacity: Option<u32>) -> SeatLedger {
        let capacity = capacity.map(u64::from);
        SeatLedger {
            capacity,
            confirmed: self.confirmed,
            pending: self.pending,
            offered: self.offered,
            waitlisted: self.waitlisted,
            free: capacity.map(|c| c.saturating_sub(self.held())),
            checked_in: self.checked_in,
            denied: self.denied,
            cancelled: self.cancelled,
        }
    }
}

/// A place on a waiting list: submission instant, then id (the order), and the registration's position.
pub(super) type QueuePlace = (DateTime<Utc>, Box<str>, u32);

/// The indexes of one book's registrations (`entries` below is always the book's `registrations`).
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    hasher: RandomState,
    /// Every registration's position, by id.
    ids: HashTable<u32>,
    /// Every registration's position, by its person: e-mail and occurrence (at most one each).
    people: HashTable<u32>,
    /// The counts over the whole book.
    totals: Counts,
    /// The counts of each occurrence some registration names.
    occurrences: BTreeMap<NaiveDateTime, Counts>,
    /// The whole book's waiting list, in order.
    waiting: BTreeSet<QueuePlace>,
    /// Each occurrence's waiting list, in order.
    waiting_at: BTreeMap<NaiveDateTime, BTreeSet<QueuePlace>>,
    /// Open offers by expiry (none: expired already), then position.
    offers: BTreeSet<(Option<DateTime<Utc>>, u32)>,
}

fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn at(entries: &[BookEntry], i: u32) -> Option<&BookEntry> {
    entries.get(i as usize)
}

impl Index {
    /// The indexes of `entries`.
    pub(super) fn build(entries: &[BookEntry]) -> Index {
        let mut index = Index::default();
        index.ids.reserve(entries.len(), |_| 0);
        index.people.reserve(entries.len(), |_| 0);
        for (i, entry) in entries.iter().enumerate() {
            index.add_id(entries, i);
            index.add(entries, i, entry);
        }
        index
    }

    fn id_hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    fn person_hash(&self, email: &str, occurrence: Option<NaiveDateTime>) -> u64 {
        self.hasher.hash_one((email, occurrence))
    }

    /// The position of the registration with this id.
    pub(super) fn find_id(&self, entries: &[BookEntry], id: &str) -> Option<usize> {
        self.ids.find(self.id_hash(id), |&i| at(entries, i).is_some_and(|e| e.id == id)).map(|&i| i as usize)
    }

    /// The position of the registration of this person (normalized e-mail) and occurrence.
    pub(super) fn find_person(
        &self,
        entries: &[BookEntry],
        email: &str,
        occurrence: Option<NaiveDateTime>,
    ) -> Option<usize> {
        let hash = self.person_hash(email, occurrence);
        self.people
            .find(hash, |&i| at(entries, i).is_some_and(|e| e.email == email && e.occurrence == occurrence))
            .map(|&i| i as usize)
    }

    /// Indexes the id of the registration at `i` (once, when it is added to the book). A
    /// second registration with an id already taken (a book read from elsewhere) is found by
    /// neither: the first keeps it.
    pub(super) fn add_id(&mut self, entries: &[BookEntry], i: usize) {
        let Some(entry) = entries.get(i) else { return };
        if self.find_id(entries, &entry.id).is_some() {
            return;
        }
        let Index { hasher, ids, .. } = self;
        let rehash = |&j: &u32| at(entries, j).map_or(0, |e| hasher.hash_one(e.id.as_str()));
        ids.insert_unique(hasher.hash_one(entry.id.as_str()), position(i), rehash);
    }

    /// Forgets the id of the registration at `i` (when the book takes its addition back).
    pub(super) fn remove_id(&mut self, entries: &[BookEntry], i: usize) {
        let Some(entry) = entries.get(i) else { return };
        if let Ok(found) = self.ids.find_entry(self.id_hash(&entry.id), |&j| j as usize == i) {
            found.remove();
        }
    }

    /// Indexes everything about the registration at `i` but its id; `entry` is how it stands.
    pub(super) fn add(&mut self, entries: &[BookEntry], i: usize, entry: &BookEntry) {
        let p = position(i);
        if self.find_person(entries, &entry.email, entry.occurrence).is_none() {
            let Index { hasher, people, .. } = self;
            let rehash = |&j: &u32| at(entries, j).map_or(0, |e| hasher.hash_one((e.email.as_str(), e.occurrence)));
            people.insert_unique(hasher.hash_one((entry.email.as_str(), entry.occurrence)), p, rehash);
        }
        self.totals.add(entry, 1);
        if let Some(o) = entry.occurrence {
            self.occurrences.entry(o).or_default().add(entry, 1);
        }
        match entry.status {
            BookStatus::Waitlisted => {
                let place = (entry.submitted_at, Box::from(entry.id.as_str()), p);
                if let Some(o) = entry.occurrence {
                    self.waiting_at.entry(o).or_default().insert(place.clone());
                }
                self.waiting.insert(place);
            }
            BookStatus::Offered => {
                self.offers.insert((entry.offer_expires_at, p));
            }
            _ => {}
        }
    }

    /// Takes out what [`Index::add`] put in for the registration at `i`, standing as `entry`.
    pub(super) fn remove(&mut self, i: usize, entry: &BookEntry) {
        let p = position(i);
        let hash = self.person_hash(&entry.email, entry.occurrence);
        if let Ok(found) = self.people.find_entry(hash, |&j| j == p) {
            found.remove();
        }
        self.totals.add(entry, -1);
        if let Some(o) = entry.occurrence
            && let Some(counts) = self.occurrences.get_mut(&o)
        {
            counts.add(entry, -1);
            if counts.total == 0 {
                self.occurrences.remove(&o);
            }
        }
        match entry.status {
            BookStatus::Waitlisted => {
                let place = (entry.submitted_at, Box::from(entry.id.as_str()), p);
                if let Some(o) = entry.occurrence
                    && let Some(waiting) = self.waiting_at.get_mut(&o)
                {
                    waiting.remove(&place);
                    if waiting.is_empty() {
                        self.waiting_at.remove(&o);
                    }
                }
                self.waiting.remove(&place);
            }
            BookStatus::Offered => {
                self.offers.remove(&(entry.offer_expires_at, p));
            }
            _ => {}
        }
    }

    /// The counts of a group: one occurrence's, or (`None`) the whole book's.
    pub(super) fn counts(&self, group: Option<NaiveDateTime>) -> Counts {
        match group {
            None => self.totals,
            Some(o) => self.occurrences.get(&o).copied().unwrap_or_default(),
        }
    }

    /// Every occurrence some registration names, in order, with its counts.
    pub(super) fn occurrences(&self) -> impl Iterator<Item = (NaiveDateTime, &Counts)> {
        self.occurrences.iter().map(|(&o, c)| (o, c))
    }

    /// A group's waiting list, in order.
    pub(super) fn waiting(&self, group: Option<NaiveDateTime>) -> impl Iterator<Item = &QueuePlace> {
        let list = match group {
            None => Some(&self.waiting),
            Some(o) => self.waiting_at.get(&o),
        };
        list.into_iter().flatten()
    }

    /// The positions of the offers open at `now` that are due (they expire at or before
    /// `now`, or have no expiry), in the book's order.
    pub(super) fn offers_due(&self, now: DateTime<Utc>) -> Vec<usize> {
        let mut due: Vec<usize> = self.offers.range(..=(Some(now), u32::MAX)).map(|&(_, i)| i as usize).collect();
        due.sort_unstable();
        due
    }
}
