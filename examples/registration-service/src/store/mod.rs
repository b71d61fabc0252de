//! The books in SQLite: each event's book as a head row (its capacity and
//! their history) and one row per registration (its entry with its whole
//! history), an outbox of the changes each operation made (who to notify of
//! what), the organisers' tokens, their browser sessions and the registrants'
//! manage tokens (their SHA-256 only). An operation rewrites only the registrations it changed.
//!
//! Writes go to one thread ([`writer`]) that commits whatever operations are
//! waiting in one `BEGIN IMMEDIATE` transaction: it takes the database's write
//! lock before reading a book, so no other writer (another process on the same
//! file) can read the same seats free in between, and one fsync serves the
//! group. That thread keeps the books it wrote in memory and reloads them
//! whenever `PRAGMA data_version` says another connection committed since.
//! WAL lets reads run beside the writer on their own connections; each reads
//! one row, or one page of rows, never a whole event; `synchronous=FULL`
//! makes a commit durable before it is acknowledged.

pub(crate) mod sessions;
pub(crate) mod tokens;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use kix_core::{Applied, BookEntry, Change, Event, Hub, RegistrationBook, Submission};
use rusqlite::{Connection, OptionalExtension, params};

pub(crate) use self::tokens::{Organiser, Scope};
use crate::secrets::Digest32;

/// How long a connection waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Idle read connections kept for reuse.
const IDLE_READERS: usize = 64;

/// Operations queued for the writer before callers wait for room.
const QUEUE: usize = 4096;

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
CREATE TABLE IF NOT EXISTS organiser_tokens (
    name TEXT PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,
    manage INTEGER NOT NULL,
    events TEXT NOT NULL,
    created TEXT NOT NULL,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS organiser_sessions (
    hash BLOB PRIMARY KEY,
    token_name TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS manage_tokens (
    hash BLOB PRIMARY KEY,
    event_id TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    created TEXT NOT NULL
) WITHOUT ROWID;
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

/// What an operation writes besides the book, in the same savepoint.
#[derive(Default)]
pub(crate) struct Extra {
    /// Manage tokens issued: (digest, registration id, when).
    pub(crate) manage_tokens: Vec<(Digest32, String, DateTime<Utc>)>,
    /// Registrations whose earlier manage tokens stop working.
    pub(crate) revoke_manage_tokens: Vec<String>,
    /// Notes for the outbox beyond the book's changes: (registration id, when, what).
    pub(crate) outbox: Vec<(String, DateTime<Utc>, serde_json::Value)>,
}

/// The database.
pub(crate) struct Store {
    path: PathBuf,
    jobs: SyncSender<writer::Job>,
    readers: Mutex<Vec<Connection>>,
}

fn connect(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!("journal_mode is {mode}, not wal")));
    }
    // 16 MiB of page cache (SQLite's default is 2 MiB): the manage tokens' index is keyed by
    // random digests, so every insert lands on another page; past the default cache a book of
    // 100,000 registrations read those pages back from the file at every commit.
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA cache_size=-16384;")?;
    Ok(conn)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a reader leaves no transaction open (it rolls back on drop).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn data_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA data_version", [], |row| row.get(0))
}

/// The book's head: everything but the registrations.
fn head(book: &RegistrationBook) -> Result<String, Failure> {
    serde_json::to_string(&book.head()).map_err(json_failure)
}

fn unreadable(event_id: &str) -> impl Fn(kix_core::Error) -> Failure + '_ {
    move |e| Failure::Database(format!("book of {event_id}: {e}"))
}

/// The event's book and its head row as stored; `None` when never stored.
fn load(conn: &Connection, event: &Event) -> Result<Option<(RegistrationBook, String)>, Failure> {
    let head: Option<String> =
        conn.query_row("SELECT head FROM books WHERE event_id = ?1", params![event.id], |row| row.get(0)).optional()?;
    let Some(head) = head else { return Ok(None) };
    let mut book = RegistrationBook::from_json(&head).map_err(unreadable(&event.id))?;
    let mut rows = conn.prepare_cached("SELECT entry FROM registrations WHERE event_id = ?1 ORDER BY position")?;
    let entries = rows.query_map(params![event.id], |row| row.get::<_, String>(0))?;
    for entry in entries {
        book.insert_loaded(serde_json::from_str::<BookEntry>(&entry?).map_err(json_failure)?);
    }
    Ok(Some((book, head)))
}

fn entry_of(event_id: &str, json: &str) -> Result<BookEntry, Failure> {
    BookEntry::from_json(json).map_err(unreadable(event_id))
}

/// A registrant's own registration, found by their manage token.
pub(crate) struct Mine {
    /// The event.
    pub(crate) event_id: String,
    /// The registration as last written.
    pub(crate) entry: BookEntry,
}

impl Store {
    /// Opens (or creates) the database at `path` and starts its writer thread,
    /// which serves the events of `hub`.
    pub(crate) fn open(path: &Path, hub: Arc<Hub>) -> Result<Store, rusqlite::Error> {
        let conn = connect(path)?;
        conn.execute_batch(SCHEMA)?;
        let (jobs, queue) = sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("kix-writer".into())
            .spawn(move || writer::run(conn, hub, queue))
            .map_err(|e| rusqlite::Error::InvalidParameterName(format!("writer thread: {e}")))?;
        Ok(Store { path: path.to_owned(), jobs, readers: Mutex::new(Vec::new()) })
    }

    /// Opens the database for the command line's token commands: no writer thread.
    pub(crate) fn connect_for_tokens(path: &Path) -> Result<Connection, rusqlite::Error> {
        let conn = connect(path)?;
        conn.execute_batch(SCHEMA)?;
        Ok(conn)
    }

    /// Applies `operation` to the event's book in the writer's next group: the
    /// registrations it changed, the book's head, the changes and `Extra` are
    /// committed when it succeeds; nothing is written when it fails. Answers
    /// once the group is committed (durably) or failed.
    pub(crate) async fn write<T: Changed + Send + 'static>(
        &self,
        event_id: &str,
        operation: impl FnOnce(&Hub, &Event, &mut RegistrationBook, &mut Extra) -> Result<T, kix_core::Error>
        + Send
        + 'static,
    ) -> Result<T, Failure> {
        let (answer, heard) = tokio::sync::oneshot::channel();
        let event_id = event_id.to_owned();
        let job: writer::Job = Box::new(move |unit| {
            let outcome = match unit {
                Some(unit) => unit.apply(&event_id, operation),
                None => Err(Failure::Database("no transaction".into())),
            };
            Box::new(move |group_failed| {
                let result = match (outcome, group_failed) {
                    (Ok(_), Some(failure)) => Err(failure),
                    (outcome, _) => outcome,
                };
                // The caller may have gone (its client hung up): nothing to tell.
                let _ = answer.send(result);
            })
        });
        let stopped = || Failure::Database("the writer has stopped".into());
        match self.jobs.try_send(job) {
            Ok(()) => {}
            // The queue is bounded: a full one makes callers wait for room, on a blocking thread.
            Err(TrySendError::Full(job)) => {
                let jobs = self.jobs.clone();
                tokio::task::spawn_blocking(move || jobs.send(job))
                    .await
                    .map_err(|e| Failure::Database(e.to_string()))?
                    .map_err(|_| stopped())?;
            }
            Err(TrySendError::Disconnected(_)) => return Err(stopped()),
        }
        heard.await.map_err(|_| Failure::Database("the writer dropped the operation".into()))?
    }

    /// Runs `read` on an idle read connection (a new one when none is idle).
    /// Blocking: call it from a blocking thread.
    pub(crate) fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T, Failure>) -> Result<T, Failure> {
        let idle = lock(&self.readers).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => connect(&self.path)?,
        };
        let answer = read(&conn);
        let mut readers = lock(&self.readers);
        if readers.len() < IDLE_READERS {
            readers.push(conn);
        }
        answer
    }

    /// One registration of an event, as last written: one row read by its id.
    pub(crate) fn entry(&self, event_id: &str, id: &str) -> Result<Option<BookEntry>, Failure> {
        self.read(|conn| {
            let json: Option<String> = conn
                .prepare_cached("SELECT entry FROM registrations WHERE event_id = ?1 AND id = ?2")?
                .query_row(params![event_id, id], |row| row.get(0))
                .optional()?;
            json.map(|json| entry_of(event_id, &json)).transpose()
        })
    }

    /// The registration a manage token was issued for: one row read by its digest.
    pub(crate) fn mine(&self, digest: &Digest32) -> Result<Option<Mine>, Failure> {
        self.read(|conn| {
            let row: Option<(String, String)> = conn
                .prepare_cached(
                    "SELECT r.event_id, r.entry FROM manage_tokens t
                     JOIN registrations r ON r.event_id = t.event_id AND r.id = t.registration_id
                     WHERE t.hash = ?1",
                )?
                .query_row(params![digest.as_slice()], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            row.map(|(event_id, json)| Ok(Mine { entry: entry_of(&event_id, &json)?, event_id })).transpose()
        })
    }

    /// A page of an event's registrations in the order first submitted: at most
    /// `limit` rows from `offset`.
    pub(crate) fn page(&self, event_id: &str, offset: u64, limit: u64) -> Result<Vec<BookEntry>, Failure> {
        self.read(|conn| {
            let mut rows = conn.prepare_cached(
                // Positions run 0, 1, 2, ... (a registration's row is written when it is
                // made), so a page starts at its position through the key, not by skipping rows.
                "SELECT entry FROM registrations WHERE event_id = ?1 AND position >= ?3 ORDER BY position LIMIT ?2",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let offset = i64::try_from(offset).unwrap_or(i64::MAX);
            let entries = rows.query_map(params![event_id, limit, offset], |row| row.get::<_, String>(0))?;
            entries.map(|json| entry_of(event_id, &json?)).collect()
        })
    }

    /// Every registration of an event, for an export (the one read that takes them all).
    pub(crate) fn every(&self, event_id: &str) -> Result<Vec<BookEntry>, Failure> {
        self.page(event_id, 0, u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kix_core::{BookStatus, Registration};

    /// A database file in a folder of its own, removed (with the WAL beside it) when the test ends.
    fn temp_db(name: &str) -> (crate::temp_dir::TempDir, PathBuf) {
        let dir = crate::temp_dir::TempDir::new(&format!("store-{name}"));
        let path = dir.0.join("kix.sqlite3");
        (dir, path)
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

    const W20: &str = "kix-emap-webinar-20";

    fn hub() -> Arc<Hub> {
        Arc::new(kix_core::emap().clone())
    }

    fn now() -> DateTime<Utc> {
        "2024-07-20T08:00:00Z".parse().unwrap()
    }

    async fn submit(store: &Store, email: &str) -> Submission {
        let record = person(email);
        store.write(W20, move |hub, event, book, _| book.submit(hub, event, &record, now())).await.unwrap()
    }

    #[tokio::test]
    async fn a_committed_book_survives_reopening_and_a_refusal_writes_nothing() {
        let (_dir, path) = temp_db("reopen");
        {
            let store = Store::open(&path, hub()).unwrap();
            let s = submit(&store, "pema@example.bt").await;
            assert_eq!(s.status, Some(BookStatus::Confirmed));
            let refused = store.write(W20, |_, event, book, _| book.approve(event, "r-000001", false, now())).await;
            assert!(matches!(refused, Err(Failure::Refused(_))), "confirmed cannot be approved again");
        }
        let store = Store::open(&path, hub()).unwrap();
        let entry = store.entry(W20, "r-000001").unwrap().unwrap();
        assert_eq!(entry.history.len(), 1, "the refused approval left no trace");
        let conn = connect(&path).unwrap();
        let outbox: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0)).unwrap();
        assert_eq!(outbox, 1);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "FULL");
    }

    #[tokio::test]
    async fn a_rejected_submission_stores_no_book() {
        let (_dir, path) = temp_db("rejected");
        let store = Store::open(&path, hub()).unwrap();
        let s = store
            .write(W20, |hub, event, book, _| book.submit(hub, event, &Registration::default(), now()))
            .await
            .unwrap();
        assert!(s.is_rejected());
        let conn = connect(&path).unwrap();
        let books: i64 = conn.query_row("SELECT count(*) FROM books", [], |r| r.get(0)).unwrap();
        assert_eq!(books, 0);
    }

    #[tokio::test]
    async fn two_processes_on_one_file_see_each_others_registrations() {
        let (_dir, path) = temp_db("two");
        let (a, b) = (Store::open(&path, hub()).unwrap(), Store::open(&path, hub()).unwrap());
        let ids = [
            submit(&a, "a@example.bt").await.id.unwrap(),
            submit(&b, "b@example.bt").await.id.unwrap(),
            submit(&a, "c@example.bt").await.id.unwrap(),
        ];
        assert_eq!(ids, ["r-000001", "r-000002", "r-000003"], "a saw b's registration before giving the next id");
        let emails: Vec<String> = b.every(W20).unwrap().iter().map(|e| e.email.clone()).collect();
        assert_eq!(emails, ["a@example.bt", "b@example.bt", "c@example.bt"]);
    }

    #[tokio::test]
    async fn operations_committed_together_fail_alone_and_are_answered_after_their_commit() {
        let (_dir, path) = temp_db("group");
        let store = Arc::new(Store::open(&path, hub()).unwrap());
        // Sixty submissions at once, every third a duplicate of an earlier one, and
        // one with no e-mail: each answered for itself.
        let mut calls = Vec::new();
        for i in 0..60 {
            let store = Arc::clone(&store);
            calls.push(tokio::spawn(async move {
                let email = if i % 3 == 2 { format!("p{}@example.bt", i - 1) } else { format!("p{i}@example.bt") };
                let mut record = person(&email);
                if i == 30 {
                    record.email = None;
                }
                let rid = format!("r-{i}");
                store
                    .write(W20, move |hub, event, book, extra| {
                        let s = book.submit(hub, event, &record, now())?;
                        extra.outbox.push((rid, now(), serde_json::json!({"action": "note"})));
                        Ok(s)
                    })
                    .await
            }));
        }
        let mut created = 0;
        for call in calls {
            let s = call.await.unwrap().unwrap();
            created += usize::from(s.id.is_some() && !s.is_duplicate());
        }
        assert_eq!(created, 39, "40 distinct addresses, one of them refused");
        let conn = connect(&path).unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM registrations", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 39, "every acknowledged registration, and only those, is stored");
    }
}
