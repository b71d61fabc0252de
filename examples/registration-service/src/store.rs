//! The books in SQLite: each event's book as a head row (its capacity and
//! their history) and one row per registration (its entry with its whole
//! history), and an outbox of the changes each operation made (who to notify
//! of what). An operation rewrites only the registrations it changed.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction: it takes the database's
//! write lock before reading the book, so no other writer (another request,
//! another process on the same file) can read the same seats free in
//! between. The writes of this process queue on one connection, because
//! SQLite admits one writer at a time anyway and its busy handler sleeps
//! instead of queueing fairly; that connection keeps the books it wrote in
//! memory and reloads them whenever `PRAGMA data_version` says another
//! connection committed since. WAL lets reads run beside the writer;
//! `synchronous=FULL` makes a commit durable before it is acknowledged.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use kix_core::{Applied, BookEntry, Change, Event, RegistrationBook, Submission};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// How long a connection waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Idle read connections kept for reuse.
const IDLE_READERS: usize = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS books (
    event_id TEXT PRIMARY KEY,
    head TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registrations (
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (event_id, position),
    UNIQUE (event_id, id)
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    at TEXT NOT NULL,
    change TEXT NOT NULL
);
";

/// Why a store operation did not happen.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The core refused the operation; nothing was written.
    Refused(kix_core::Error),
    /// The database failed (or holds a book that cannot be read).
    Database(String),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Database(e.to_string())
    }
}

fn json_failure(e: impl std::fmt::Display) -> Failure {
    Failure::Database(e.to_string())
}

/// What an operation's answer tells the store: the changes to put in the outbox.
pub(crate) trait Changed {
    /// The history entries the operation appended.
    fn changes(&self) -> &[Change];
}

impl Changed for Submission {
    fn changes(&self) -> &[Change] {
        &self.changes
    }
}

impl Changed for Applied {
    fn changes(&self) -> &[Change] {
        &self.changes
    }
}

impl<A: Changed, B> Changed for (A, B) {
    fn changes(&self) -> &[Change] {
        self.0.changes()
    }
}

/// The writing connection and the books as it last committed them.
struct Writer {
    conn: Connection,
    /// `PRAGMA data_version` when the cache was last known current.
    version: i64,
    /// Each book with its head row as stored.
    books: HashMap<String, (RegistrationBook, String)>,
}

/// The database.
pub(crate) struct Store {
    path: PathBuf,
    writer: Mutex<Writer>,
    readers: Mutex<Vec<Connection>>,
}

fn connect(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!("journal_mode is {mode}, not wal")));
    }
    conn.execute_batch("PRAGMA synchronous=FULL;")?;
    Ok(conn)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a connection leaves no transaction open (it rolls
    // back on drop), and the writer's cache is dropped below before any
    // operation that could fail half-way.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn data_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA data_version", [], |row| row.get(0))
}

/// The book's head: everything but the registrations.
fn head(book: &RegistrationBook) -> Result<String, Failure> {
    serde_json::to_string(&book.head()).map_err(json_failure)
}

/// The event's book and its head row as stored; `None` when never stored.
fn load(conn: &Connection, event: &Event) -> Result<Option<(RegistrationBook, String)>, Failure> {
    let head: Option<String> =
        conn.query_row("SELECT head FROM books WHERE event_id = ?1", params![event.id], |row| row.get(0)).optional()?;
    let Some(head) = head else { return Ok(None) };
    let unreadable = |e: kix_core::Error| Failure::Database(format!("book of {}: {e}", event.id));
    let mut book = RegistrationBook::from_json(&head).map_err(unreadable)?;
    let mut rows = conn.prepare_cached("SELECT entry FROM registrations WHERE event_id = ?1 ORDER BY position")?;
    let entries = rows.query_map(params![event.id], |row| row.get::<_, String>(0))?;
    for entry in entries {
        book.insert_loaded(serde_json::from_str::<BookEntry>(&entry?).map_err(json_failure)?);
    }
    Ok(Some((book, head)))
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub(crate) fn open(path: &Path) -> Result<Store, rusqlite::Error> {
        let conn = connect(path)?;
        conn.execute_batch(SCHEMA)?;
        let version = data_version(&conn)?;
        Ok(Store {
            path: path.to_owned(),
            writer: Mutex::new(Writer { conn, version, books: HashMap::new() }),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// The event's book as stored (an empty one when nothing was ever stored).
    pub(crate) fn read(&self, event: &Event) -> Result<RegistrationBook, Failure> {
        let idle = lock(&self.readers).pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => connect(&self.path)?,
        };
        // One read transaction: the head and the rows of the same commit.
        let book = conn.transaction().map_err(Failure::from).and_then(|tx| load(&tx, event));
        let mut readers = lock(&self.readers);
        if readers.len() < IDLE_READERS {
            readers.push(conn);
        }
        Ok(book?.map_or_else(|| RegistrationBook::new(event), |(book, _)| book))
    }

    /// One registration of the event's book, as last written, with the book's head (a book
    /// holding that registration alone): one row read by its id, whatever the book's size.
    /// `None` when the book holds no such registration.
    pub(crate) fn read_one(&self, event: &Event, id: &str) -> Result<Option<RegistrationBook>, Failure> {
        let idle = lock(&self.readers).pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => connect(&self.path)?,
        };
        let one = conn.transaction().map_err(Failure::from).and_then(|tx| {
            let head: Option<String> = tx
                .query_row("SELECT head FROM books WHERE event_id = ?1", params![event.id], |row| row.get(0))
                .optional()?;
            let entry: Option<String> = tx
                .query_row(
                    "SELECT entry FROM registrations WHERE event_id = ?1 AND id = ?2",
                    params![event.id, id],
                    |row| row.get(0),
                )
                .optional()?;
            let (Some(head), Some(entry)) = (head, entry) else { return Ok(None) };
            let unreadable = |e: kix_core::Error| Failure::Database(format!("book of {}: {e}", event.id));
            let head = RegistrationBook::from_json(&head).map_err(unreadable)?;
            let entry = BookEntry::from_json(&entry).map_err(unreadable)?;
            Ok(Some(RegistrationBook::from_entries(head, [entry])))
        });
        let mut readers = lock(&self.readers);
        if readers.len() < IDLE_READERS {
            readers.push(conn);
        }
        one
    }

    /// Applies `operation` to the event's book in one transaction: the
    /// registrations it changed, the book's head and the changes are written
    /// and committed when it succeeds and changed something; nothing is
    /// written when it fails.
    pub(crate) fn write<T: Changed>(
        &self,
        event: &Event,
        operation: impl FnOnce(&mut RegistrationBook) -> Result<T, kix_core::Error>,
    ) -> Result<T, Failure> {
        let mut guard = lock(&self.writer);
        let writer = &mut *guard;
        let tx = writer.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Holding the write lock, nobody can commit until we do: a version
        // unchanged since our last look means the cached books are the
        // stored ones.
        let version = data_version(&tx)?;
        if version != writer.version {
            writer.books.clear();
            writer.version = version;
        }
        // Taken out of the cache while it is worked on, and put back only
        // once committed: a failure anywhere leaves no stale book behind.
        let (mut book, stored_head) = match writer.books.remove(&event.id) {
            Some(cached) => cached,
            None => match load(&tx, event)? {
                Some(stored) => stored,
                None => {
                    let book = RegistrationBook::new(event);
                    let head = head(&book)?;
                    (book, head)
                }
            },
        };
        let answer = operation(&mut book).map_err(Failure::Refused)?;
        let new_head = head(&book)?;
        // A duplicate submission or a rejected one changes nothing: no
        // write, and the transaction rolls back on drop.
        if !answer.changes().is_empty() || new_head != stored_head {
            tx.execute(
                "INSERT INTO books (event_id, head) VALUES (?1, ?2)
                 ON CONFLICT (event_id) DO UPDATE SET head = excluded.head",
                params![event.id, new_head],
            )?;
            let changed: BTreeSet<&str> = answer.changes().iter().map(|c| c.registration_id.as_str()).collect();
            let mut upsert = tx.prepare_cached(
                "INSERT INTO registrations (event_id, position, id, entry) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (event_id, position) DO UPDATE SET entry = excluded.entry",
            )?;
            // Only the rows changed, found by id: the write costs the same whatever the book's size.
            let rows = changed.iter().filter_map(|id| book.position(id).map(|p| (p, book.registrations().get(p))));
            for (position, entry) in rows.filter_map(|(p, e)| e.map(|e| (p, e))) {
                let json = serde_json::to_string(entry).map_err(json_failure)?;
                upsert.execute(params![event.id, i64::try_from(position).map_err(json_failure)?, entry.id, json])?;
            }
            let mut outbox = tx.prepare_cached(
                "INSERT INTO changes (event_id, registration_id, at, change) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for change in answer.changes() {
                let json = serde_json::to_string(change).map_err(json_failure)?;
                outbox.execute(params![event.id, change.registration_id, change.entry.at.to_rfc3339(), json])?;
            }
            drop((upsert, outbox));
            tx.commit()?;
        }
        writer.books.insert(event.id.clone(), (book, new_head));
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kix_core::{BookStatus, Registration};

    fn temp_db(name: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("kix-store-{name}-{}.sqlite3", std::process::id()));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        path
    }

    fn person(email: &str) -> Registration {
        Registration {
            full_name: Some("Pema".into()),
            email: Some(email.into()),
            country: Some("BT".into()),
            audience: Some("teacher".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_committed_book_survives_reopening_and_a_refusal_writes_nothing() {
        let hub = kix_core::emap();
        let event = hub.event("kix-emap-webinar-20").unwrap();
        let now = "2024-07-20T08:00:00Z".parse().unwrap();
        let path = temp_db("reopen");
        {
            let store = Store::open(&path).unwrap();
            let s = store.write(event, |book| book.submit(hub, event, &person("pema@example.bt"), now)).unwrap();
            assert_eq!(s.status, Some(BookStatus::Confirmed));
            let refused = store.write(event, |book| book.approve(event, "r-000001", false, now));
            assert!(matches!(refused, Err(Failure::Refused(_))), "confirmed cannot be approved again");
        }
        let store = Store::open(&path).unwrap();
        let book = store.read(event).unwrap();
        assert_eq!(book.registrations().len(), 1);
        assert_eq!(book.registrations()[0].history.len(), 1, "the refused approval left no trace");
        let conn = connect(&path).unwrap();
        let outbox: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0)).unwrap();
        assert_eq!(outbox, 1);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "FULL");
    }

    #[test]
    fn a_rejected_submission_stores_no_book() {
        let hub = kix_core::emap();
        let event = hub.event("kix-emap-webinar-20").unwrap();
        let path = temp_db("rejected");
        let store = Store::open(&path).unwrap();
        let now = "2024-07-20T08:00:00Z".parse().unwrap();
        let s = store.write(event, |book| book.submit(hub, event, &Registration::default(), now)).unwrap();
        assert!(s.is_rejected());
        let conn = connect(&path).unwrap();
        let books: i64 = conn.query_row("SELECT count(*) FROM books", [], |r| r.get(0)).unwrap();
        assert_eq!(books, 0);
    }

    #[test]
    fn two_processes_on_one_file_see_each_others_registrations() {
        let hub = kix_core::emap();
        let event = hub.event("kix-emap-webinar-20").unwrap();
        let now = "2024-07-20T08:00:00Z".parse().unwrap();
        let path = temp_db("two");
        let (a, b) = (Store::open(&path).unwrap(), Store::open(&path).unwrap());
        let submit = |store: &Store, email: &str| {
            store.write(event, |book| book.submit(hub, event, &person(email), now)).unwrap().id.unwrap()
        };
        let ids = [submit(&a, "a@example.bt"), submit(&b, "b@example.bt"), submit(&a, "c@example.bt")];
        assert_eq!(ids, ["r-000001", "r-000002", "r-000003"], "a saw b's registration before giving the next id");
        let emails: Vec<String> = b.read(event).unwrap().registrations().iter().map(|e| e.email.clone()).collect();
        assert_eq!(emails, ["a@example.bt", "b@example.bt", "c@example.bt"]);
    }
}
