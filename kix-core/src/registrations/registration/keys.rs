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
/// alone, about 19 bytes each). The table places and tags entries by those 32 bits alone,
/// so that it grows without reading a key again. A key's text is compared only when the
/// 32 bits match too.
pub(super) struct Keys {
    pub(super) text: String,
    /// Each numbered key's place in `text` and where it was first seen, by key number.
    pub(super) keys: Vec<(usize, usize, Seen)>,
    pub(super) table: hashbrown::HashTable<(u32, u32)>,
    pub(super) overflow: HashMap<Box<str>, Seen, RandomState>,
    /// How many keys get a number (all that fit below [`ROW`]; fewer in the tests, to reach `overflow`).
    pub(super) numbered: u32,
    /// The rows kept as rows (those below [`ROW`]; fewer in the tests, to reach the numbered keys).
    pub(super) rows: usize,
}

/// The tag of an entry that is a row of the source, not a key's number.
pub(super) const ROW: u32 = 1 << 31;

/// The bits of a key's hash kept in its entry: the high half (the low bits choose its table).
pub(super) fn fragment(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// The hash the table places and tags an entry by, made from its fragment alone: the
/// multiplication spreads the fragment's bits to the top seven, which are the tag.
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
            table: hashbrown::HashTable::new(),
            overflow: HashMap::default(),
            numbered: ROW,
            rows: ROW as usize,
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
        self.table.reserve(additional, |&(_, fragment)| placed(fragment));
    }

    /// Where the key was first seen, if it was, without recording it.
    pub(super) fn find(&self, key: &str, hash: u64, source: Option<&dyn KeySource>) -> Option<Seen> {
        let (text, keys) = (&self.text, &self.keys);
        match self.table.find(placed(fragment(hash)), |&entry| Self::is(text, keys, source, entry, key, hash)) {
            Some(&entry) => Self::seen(keys, source, entry),
            None => self.overflow.get(key).copied(),
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
        let (text, keys) = (&self.text, &self.keys);
        let entry = self.table.entry(
            placed(fragment(hash)),
            |&entry| Self::is(text, keys, source, entry, key, hash),
            |&(_, fragment)| placed(fragment),
        );
        let slot = match entry {
            hashbrown::hash_table::Entry::Occupied(first) => {
                return Self::seen(keys, source, *first.get()).or(Some(seen));
            }
            hashbrown::hash_table::Entry::Vacant(slot) => slot,
        };
        // A key past the numbered ones is in the plain map (only where keys ran out, or in the tests).
        if let Some(&first) = self.overflow.get(key) {
            return Some(first);
        }
        if let (Some(source), Some(row)) = (source, row.filter(|&r| r < self.rows))
            && row < source.len()
            && let Ok(row) = u32::try_from(row)
        {
            slot.insert((row | ROW, fragment(hash)));
            return None;
        }
        match u32::try_from(self.keys.len()) {
            Ok(id) if id < self.numbered => {
                slot.insert((id, fragment(hash)));
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
        let found =
            self.table.find_entry(placed(fragment(hash)), |&entry| Self::is(text, keys, source, entry, key, hash));
        if let Ok(entry) = found {
            entry.remove();
        }
    }
}
