//! The e-mail keys a desk has seen: key numbers with a hash fragment in eight tables, so a batch claims addresses without an allocation per key.

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

/// The e-mail keys a desk has seen, each kept once in one text (no allocation per key),
/// found through a table of key numbers: a batch of a million keeps a million without a
/// million allocations. The table holds 8 bytes a key, the key's number and 32 bits of its
/// hash, so that the memory a lookup touches at random stays small and a key's text is
/// read only when those bits match too (the table's own 7-bit tags match a stranger in
/// about one lookup in eight); where each key lies and where it was seen are kept in order
/// of arrival.
pub(super) struct Keys {
    pub(super) text: String,
    /// Each key's place in `text` and where it was first seen, by key number.
    pub(super) keys: Vec<(usize, usize, Seen)>,
    pub(super) table: hashbrown::HashTable<(u32, u32)>,
    pub(super) hasher: RandomState,
    pub(super) overflow: HashMap<Box<str>, Seen, RandomState>,
    /// How many keys get a number (all that fit in one; fewer in the tests, to reach `overflow`).
    pub(super) numbered: u32,
}

/// The bits of a key's hash kept beside its number: the high half (the table places keys by
/// the low bits and tags them with the top seven).
pub(super) fn fragment(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// How many tables a desk keeps its e-mail keys in: a key's table is chosen by its hash, so
/// that the duplicate check of a batch can run on as many threads as there are tables.
pub(super) const SHARDS: usize = 8;

/// The table of a key with this hash (the low bits of its fragment).
pub(super) fn shard_of(hash: u64) -> usize {
    fragment(hash) as usize % SHARDS
}

impl Keys {
    pub(super) fn new(hasher: RandomState) -> Self {
        Keys {
            text: String::new(),
            keys: Vec::new(),
            table: hashbrown::HashTable::new(),
            hasher,
            overflow: HashMap::default(),
            numbered: u32::MAX,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.table.len() + self.overflow.len()
    }

    fn key<'t>(text: &'t str, keys: &[(usize, usize, Seen)], id: u32) -> Option<&'t str> {
        let &(start, len, _) = keys.get(id as usize)?;
        text.get(start..start + len)
    }

    fn hash_of(text: &str, keys: &[(usize, usize, Seen)], hasher: &RandomState, id: u32) -> u64 {
        Self::key(text, keys, id).map_or(0, |k| hasher.hash_one(k))
    }

    /// Whether a table entry is `key`, whose hash is `hash`.
    fn is(text: &str, keys: &[(usize, usize, Seen)], entry: (u32, u32), key: &str, hash: u64) -> bool {
        entry.1 == fragment(hash) && Self::key(text, keys, entry.0) == Some(key)
    }

    pub(super) fn reserve(&mut self, additional: usize) {
        let (text, keys, hasher) = (&self.text, &self.keys, &self.hasher);
        self.table.reserve(additional, |&(id, _)| Self::hash_of(text, keys, hasher, id));
        self.keys.reserve(additional);
    }

    /// Where the key was first seen, if it was, without recording it.
    pub(super) fn find(&self, key: &str, hash: u64) -> Option<Seen> {
        let (text, keys) = (&self.text, &self.keys);
        match self.table.find(hash, |&entry| Self::is(text, keys, entry, key, hash)) {
            Some(&(id, _)) => keys.get(id as usize).map(|&(_, _, seen)| seen),
            None => self.overflow.get(key).copied(),
        }
    }

    /// Where the key was first seen, or `None` after recording it as seen at `seen`.
    pub(super) fn claim(&mut self, key: &str, hash: u64, seen: Seen) -> Option<Seen> {
        let (text, keys, hasher) = (&self.text, &self.keys, &self.hasher);
        let entry = self.table.entry(
            hash,
            |&entry| Self::is(text, keys, entry, key, hash),
            |&(id, _)| Self::hash_of(text, keys, hasher, id),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(first) => {
                Some(self.keys.get(first.get().0 as usize).map_or(seen, |&(_, _, s)| s))
            }
            hashbrown::hash_table::Entry::Vacant(slot) => match u32::try_from(self.keys.len()) {
                Ok(id) if id < self.numbered => {
                    slot.insert((id, fragment(hash)));
                    self.keys.push((self.text.len(), key.len(), seen));
                    self.text.push_str(key);
                    None
                }
                // Past four billion keys (more records than memory holds at once, but
                // correct all the same) the rest go to a plain map.
                _ => match self.overflow.entry(key.into()) {
                    std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(seen);
                        None
                    }
                },
            },
        }
    }

    /// Forgets a key (its text stays, unreachable: giving keys back is rare).
    pub(super) fn remove(&mut self, key: &str, hash: u64) {
        self.overflow.remove(key);
        let (text, keys) = (&self.text, &self.keys);
        if let Ok(entry) = self.table.find_entry(hash, |&entry| Self::is(text, keys, entry, key, hash)) {
            entry.remove();
        }
    }
}
