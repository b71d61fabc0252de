//! The books in SQLite: one row per event holding its book as JSON, and an
//! outbox of the changes each operation made (who to notify of what).
//!
//! Every write is one `BEGIN IMMEDIATE` transaction: it takes the database's
//! write lock before reading the book, so no other writer (another request,
//! another process on the same file) can read the same seats free in
//! between. The writes of this process also queue on one connection, because
//! SQLite admits one writer at a time anyway and its busy handler sleeps
//! instead of queueing fairly. WAL lets reads run beside the writer;
//! `synchronous=FULL` makes a commit durable before it is acknowledged.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use kix_core::{Applied, Change, Event, RegistrationBook, Submission};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// How long a connection waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Idle read connections kept for reuse.
const IDLE_READERS: usize = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS books (
    event_id TEXT PRIMARY KEY,
    book TEXT NOT NULL
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

/// The database.
pub(crate) struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
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
    // back on drop), so the connection is still good.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn load(conn: &Connection, event: &Event) -> Result<Option<RegistrationBook>, Failure> {
    let text: Option<String> =
        conn.query_row("SELECT book FROM books WHERE event_id = ?1", params![event.id], |row| row.get(0)).optional()?;
    text.map(|t| RegistrationBook::from_json(&t).map_err(|e| Failure::Database(format!("book of {}: {e}", event.id))))
        .transpose()
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub(crate) fn open(path: &Path) -> Result<Store, rusqlite::Error> {
        let writer = connect(path)?;
        writer.execute_batch(SCHEMA)?;
        Ok(Store { path: path.to_owned(), writer: Mutex::new(writer), readers: Mutex::new(Vec::new()) })
    }

    /// The event's book as stored (an empty one when nothing was ever stored).
    pub(crate) fn read(&self, event: &Event) -> Result<RegistrationBook, Failure> {
        let idle = lock(&self.readers).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => connect(&self.path)?,
        };
        let book = load(&conn, event);
        let mut readers = lock(&self.readers);
        if readers.len() < IDLE_READERS {
            readers.push(conn);
        }
        Ok(book?.unwrap_or_else(|| RegistrationBook::new(event)))
    }

    /// Applies `operation` to the event's book in one transaction: the book
    /// and the changes are written and committed when it succeeds and changed
    /// something; nothing is written when it fails.
    pub(crate) fn write<T: Changed>(
        &self,
        event: &Event,
        operation: impl FnOnce(&mut RegistrationBook) -> Result<T, kix_core::Error>,
    ) -> Result<(T, RegistrationBook), Failure> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut book = load(&tx, event)?.unwrap_or_else(|| RegistrationBook::new(event));
        let before = book.clone();
        let answer = operation(&mut book).map_err(Failure::Refused)?;
        // An identical resubmission or a rejected one leaves the book as it
        // was: nothing to write, and the transaction rolls back on drop.
        if book != before {
            tx.execute(
                "INSERT INTO books (event_id, book) VALUES (?1, ?2)
                 ON CONFLICT (event_id) DO UPDATE SET book = excluded.book",
                params![event.id, book.to_json()],
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO changes (event_id, registration_id, at, change) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for change in answer.changes() {
                let json = serde_json::to_string(change).map_err(|e| Failure::Database(e.to_string()))?;
                insert.execute(params![event.id, change.registration_id, change.entry.at.to_rfc3339(), json])?;
            }
            drop(insert);
            tx.commit()?;
        }
        Ok((answer, book))
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
            let (s, _) = store.write(event, |book| book.submit(hub, event, &person("pema@example.bt"), now)).unwrap();
            assert_eq!(s.status, Some(BookStatus::Confirmed));
            let refused = store.write(event, |book| book.approve(event, "r-000001", false, now));
            assert!(matches!(refused, Err(Failure::Refused(_))), "confirmed cannot be approved again");
        }
        let store = Store::open(&path).unwrap();
        let book = store.read(event).unwrap();
        assert_eq!(book.registrations.len(), 1);
        assert_eq!(book.registrations[0].history.len(), 1, "the refused approval left no trace");
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
        let (s, _) = store.write(event, |book| book.submit(hub, event, &Registration::default(), now)).unwrap();
        assert!(s.is_rejected());
        let conn = connect(&path).unwrap();
        let books: i64 = conn.query_row("SELECT count(*) FROM books", [], |r| r.get(0)).unwrap();
        assert_eq!(books, 0);
    }
}
