//! The e-mail keys a desk has seen: in eight tables of 8-byte entries, each a key's number (its text kept once in one text) or, for a source the desk reads to its end, the row the key was read from; no allocation per key.

use super::*;

/// Where an e-mail was first seen: the index of a held registration (the top bit set)
/// or of a record of the batch, in one word (a batch of a million keeps a million).
#[derive(Clone, Copy)]
pub(super) struct Seen(u64);

impl Seen {
    const HELD: u64 = 1 << 63;

    pub(super) fn held(i: usize) -> Self {
        Seen(i as u64 | Self::HELD)
    }

    pub(super) fn batch(i: usize) -> Self {
        Seen(i as u64)
    }

    /// Whether it was a held registration, and the index.
    pub(super) fn get(self) -> (bool, usize) {
        (self.0 & Self::HELD != 0, (self.0 & !Self::HELD) as usize)
    }
}

/// Rows whose keys a desk may read again: the source a [`SourceValidation`] reads to its
/// end. A key claimed from such a row is kept as the row's number alone, and its text is
/// made again from the row when another key's hash matches it, which is rare (a duplicate,
/// or one lookup in four billion).
pub(super) trait KeySource: Sync {
    /// The duplicate key of the source's row `row`, as the rules made it when they checked it.
    fn key_of(&self, row: usize) -> Option<String>;
    /// The desk's index of the source's first row.
    fn base(&self) -> usize;
    /// How many rows it has: a key from a row past them is kept by its text.
    fn len(&self) -> usize;
}

/// The e-mail keys a desk has seen, found through a table of 8-byte entries: 32 bits of the
/// key's hash, and the key's number (its text kept once in one text, where it lies and
/// where it was seen kept in order of arrival) or, tagged [`ROW`], the row of the source
/// it came from (nothing else is kept: a million addresses read from a frame cost the table
/// alone, about 17 bytes each). The table places entries by those 32 bits alone, so that it
/// grows without reading a key again. A key's text is compared only when the 32 bits match too.
pub(super) struct Keys {
    pub(super) text: String,
    /// Each numbered key's place in `text` and where it was first seen, by key number.
    pub(super) keys: Vec<(usize, usize, Seen)>,
    pub(super) table: Table,
    pub(super) overflow: HashMap<Box<str>, Seen, RandomState>,
    /// How many keys get a number (all that fit below [`ROW`]; fewer in the tests, to reach `overflow`).
    pub(super) numbered: u32,
    /// The rows kept as rows (those below [`ROW`] but its last, whose entry would read as an empty
    /// slot; fewer in the tests, to reach the numbered keys).
    pub(super) rows: usize,
}

/// The tag of an entry that is a row of the source, not a key's number.
pub(super) const ROW: u32 = 1 << 31;

/// The bits of a key's hash kept in its entry: the high half (the low bits choose its table).
pub(super) fn fragment(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// The hash the table places an entry by, made from its fragment alone: the multiplication
/// spreads the fragment's bits to the top ones, which choose the entry's first slot.
fn placed(fragment: u32) -> u64 {
    u64::from(fragment).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// How many tables a desk keeps its e-mail keys in: a key's table is chosen by its hash, so
/// that the duplicate check of a batch can run on as many threads as there are tables.
pub(super) const SHARDS: usize = 8;

/// The table of a key with this hash (its low bits).
pub(super) fn shard_of(hash: u64) -> usize {
    (hash as usize) % SHARDS
}

impl Keys {
    pub(super) fn new() -> Self {
        Keys {
            text: String::new(),
            keys: Vec::new(),
            table: Table::default(),
            overflow: HashMap::default(),
            numbered: ROW,
            rows: ROW as usize - 1,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.table.len() + self.overflow.len()
    }

    /// The text of numbered key `id`.
    fn key<'t>(text: &'t str, keys: &[(usize, usize, Seen)], id: u32) -> Option<&'t str> {
        let &(start, len, _) = keys.get(id as usize)?;
        text.get(start..start + len)
    }

    /// Whether a table entry is `key`, whose hash is `hash`.
    fn is(
        text: &str,
        keys: &[(usize, usize, Seen)],
        source: Option<&dyn KeySource>,
        entry: (u32, u32),
        key: &str,
        hash: u64,
    ) -> bool {
        if entry.1 != fragment(hash) {
            return false;
        }
        match entry.0 {
            id if id < ROW => Self::key(text, keys, id) == Some(key),
            row => source.and_then(|s| s.key_of((row - ROW) as usize)).as_deref() == Some(key),
        }
    }

    /// Where the key of a table entry was first seen.
    fn seen(keys: &[(usize, usize, Seen)], source: Option<&dyn KeySource>, entry: (u32, u32)) -> Option<Seen> {
        match entry.0 {
            id if id < ROW => keys.get(id as usize).map(|&(_, _, seen)| seen),
            row => source.map(|s| Seen::batch(s.base() + (row - ROW) as usize)),
        }
    }

    pub(super) fn reserve(&mut self, additional: usize) {
        self.table.reserve(additional);
    }

    /// Reads the slot where a key with this hash would be, so that the memory is on its way
    /// while other keys are claimed (the claims of a batch read a table far larger than the
    /// caches, one slot each, and the reads of several keys then overlap).
    pub(super) fn touch(&self, hash: u64) {
        self.table.touch(fragment(hash));
    }

    /// Where the key was first seen, if it was, without recording it.
    pub(super) fn find(&self, key: &str, hash: u64, source: Option<&dyn KeySource>) -> Option<Seen> {
        let (text, keys) = (&self.text, &self.keys);
        match self.table.find(fragment(hash), |id| Self::is(text, keys, source, (id, fragment(hash)), key, hash)) {
            Ok(id) => Self::seen(keys, source, (id, fragment(hash))),
            Err(_) => self.overflow.get(key).copied(),
        }
    }

    /// Where the key was first seen, or `None` after recording it as seen at `seen`: as row
    /// `row` of `source` when both are given (`seen` is then that row's index), else by its text.
    pub(super) fn claim(
        &mut self,
        key: &str,
        hash: u64,
        seen: Seen,
        (source, row): (Option<&dyn KeySource>, Option<usize>),
    ) -> Option<Seen> {
        self.table.reserve(1);
        let (text, keys) = (&self.text, &self.keys);
        let slot =
            match self.table.find(fragment(hash), |id| Self::is(text, keys, source, (id, fragment(hash)), key, hash)) {
                Ok(id) => return Self::seen(keys, source, (id, fragment(hash))).or(Some(seen)),
                Err(slot) => slot,
            };
        // A key past the numbered ones is in the plain map (only where keys ran out, or in the tests).
        if let Some(&first) = self.overflow.get(key) {
            return Some(first);
        }
        if let (Some(source), Some(row)) = (source, row.filter(|&r| r < self.rows))
            && row < source.len()
            && let Ok(row) = u32::try_from(row)
        {
            self.table.insert(slot, row | ROW, fragment(hash));
            return None;
        }
        match u32::try_from(self.keys.len()) {
            Ok(id) if id < self.numbered => {
                self.table.insert(slot, id, fragment(hash));
                self.keys.push((self.text.len(), key.len(), seen));
                self.text.push_str(key);
                None
            }
            // Past two billion keys (more records than memory holds at once, but correct
            // all the same) the rest go to a plain map.
            _ => match self.overflow.entry(key.into()) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(seen);
                    None
                }
            },
        }
    }

    /// Forgets a key (a numbered key's text stays, unreachable: giving keys back is rare).
    pub(super) fn remove(&mut self, key: &str, hash: u64, source: Option<&dyn KeySource>) {
        self.overflow.remove(key);
        let (text, keys) = (&self.text, &self.keys);
        self.table.remove(fragment(hash), |id| Self::is(text, keys, source, (id, fragment(hash)), key, hash));
    }
}

/// The table of [`Keys`]: 8-byte slots, each empty or an entry (a key's number or tagged row, and
/// its hash's 32-bit fragment), found by linear probing from the slot the fragment names. A
/// lookup reads one run of neighbouring slots, where a table with a separate control array reads
/// two places; and the first slot of a key can be read ahead ([`Table::touch`]).
#[derive(Default)]
pub(super) struct Table {
    slots: Vec<u64>,
    len: usize,
}

/// An empty slot: the entry of row `ROW - 1` with the fragment `u32::MAX`, which is never kept
/// (see [`Keys::rows`]).
const EMPTY: u64 = u64::MAX;

impl Table {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Where probing for a fragment starts: the top bits of its spread hash.
    fn home(&self, fragment: u32) -> usize {
        match self.slots.len().trailing_zeros() {
            0 | 64 => 0,
            bits => (placed(fragment) >> (64 - bits)) as usize,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len().wrapping_sub(1)
    }

    /// Room for `additional` more entries with the table at most three quarters full.
    pub(super) fn reserve(&mut self, additional: usize) {
        let needed = self.len.saturating_add(additional);
        if needed.saturating_mul(4) <= self.slots.len().saturating_mul(3) {
            return;
        }
        let size = needed.saturating_mul(4).div_ceil(3).max(16).next_power_of_two();
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.len = 0;
        for entry in old.into_iter().filter(|&e| e != EMPTY) {
            if let Err(slot) = self.find(entry as u32, |_| false) {
                self.insert(slot, (entry >> 32) as u32, entry as u32);
            }
        }
    }

    /// The entry with this fragment whose id `is` accepts, or the empty slot where it would go.
    pub(super) fn find(&self, fragment: u32, is: impl FnMut(u32) -> bool) -> Result<u32, usize> {
        self.locate(fragment, is).map(|(_, id)| id)
    }

    /// [`Table::find`] with the slot of the entry found.
    fn locate(&self, fragment: u32, mut is: impl FnMut(u32) -> bool) -> Result<(usize, u32), usize> {
        let mask = self.mask();
        let mut at = self.home(fragment);
        // A table three quarters full at most has an empty slot within its length.
        for _ in 0..self.slots.len() {
            match self.slots.get(at) {
                Some(&EMPTY) | None => return Err(at),
                Some(&entry) if entry as u32 == fragment && is((entry >> 32) as u32) => {
                    return Ok((at, (entry >> 32) as u32));
                }
                Some(_) => at = (at + 1) & mask,
            }
        }
        Err(at)
    }

    /// Puts an entry in the empty slot `find` gave (the table reserved first).
    pub(super) fn insert(&mut self, slot: usize, id: u32, fragment: u32) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = u64::from(id) << 32 | u64::from(fragment);
            self.len += 1;
        }
    }

    /// Removes the entry with this fragment whose id `is` accepts, moving the entries after it
    /// back so that no probe stops short of them.
    pub(super) fn remove(&mut self, fragment: u32, is: impl FnMut(u32) -> bool) {
        let Ok((mut hole, _)) = self.locate(fragment, is) else { return };
        let mask = self.mask();
        let mut at = hole;
        loop {
            at = (at + 1) & mask;
            let Some(&next) = self.slots.get(at) else { break };
            if next == EMPTY {
                break;
            }
            // An entry may fill the hole when the hole lies between its home and where it is.
            let home = self.home(next as u32);
            if at.wrapping_sub(home) & mask >= at.wrapping_sub(hole) & mask {
                if let Some(h) = self.slots.get_mut(hole) {
                    *h = next;
                }
                hole = at;
            }
        }
        if let Some(h) = self.slots.get_mut(hole) {
            *h = EMPTY;
            self.len -= 1;
        }
    }

    /// Reads the first slot of a fragment (see [`Keys::touch`]).
    pub(super) fn touch(&self, fragment: u32) {
        std::hint::black_box(self.slots.get(self.home(fragment)).copied());
    }
}
