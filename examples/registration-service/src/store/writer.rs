//! Group commit: one thread owns the writing connection and the books it last
//! committed. Operations queue to it; it takes every operation waiting (up to
//! [`MAX_GROUP`]), runs them in one `BEGIN IMMEDIATE` transaction, each inside
//! its own savepoint, and commits once: one fsync for the group. Each caller
//! hears back only after that commit. An operation the core refuses, or whose
//! rows fail to write, is rolled back to its savepoint alone; the others in
//! its group still commit.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use kix_core::{Event, Hub, RegistrationBook};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{Changed, Extra, Failure, data_version, head, json_failure, load};

/// The most operations committed together. A group waits for nothing: it is
/// whatever queued while the last commit ran, so under light load it is one.
pub(super) const MAX_GROUP: usize = 512;

/// One queued operation: it runs on the writer's transaction (`None` when no
/// transaction could begin) and gives back how to answer its caller once the
/// group's fate is known.
pub(super) type Job = Box<dyn FnOnce(Option<&mut Unit<'_>>) -> Reply + Send>;

/// Answers a caller: `None` once the group committed, else why it did not.
pub(super) type Reply = Box<dyn FnOnce(Option<Failure>) + Send>;

/// What an operation works with: the open transaction and the books.
pub(super) struct Unit<'a> {
    tx: &'a Transaction<'a>,
    books: &'a mut HashMap<String, (RegistrationBook, String)>,
    hub: &'a Hub,
}

impl Unit<'_> {
    /// Applies `operation` to the event's book inside a savepoint and writes what
    /// it changed: the head, the changed registrations, the outbox and `extra`.
    /// On any failure the savepoint is rolled back and the book dropped from the
    /// cache (it is read again, as stored, by the next operation on it).
    pub(super) fn apply<T: Changed>(
        &mut self,
        event_id: &str,
        operation: impl FnOnce(&Hub, &Event, &mut RegistrationBook, &mut Extra) -> Result<T, kix_core::Error>,
    ) -> Result<T, Failure> {
        let hub = self.hub;
        let event = hub.event(event_id).ok_or_else(|| Failure::Database(format!("no event {event_id}")))?;
        self.tx.execute_batch("SAVEPOINT op")?;
        let (mut book, stored_head) = match self.books.remove(event_id) {
            Some(cached) => cached,
            None => match load(self.tx, event) {
                Ok(Some(stored)) => stored,
                Ok(None) => {
                    let book = RegistrationBook::new(event);
                    let head = head(&book)?;
                    (book, head)
                }
                Err(e) => return Err(self.undo(e)),
            },
        };
        let mut extra = Extra::default();
        // The core's operations are all-or-nothing: a refusal leaves the book as it was.
        let answer = match operation(hub, event, &mut book, &mut extra) {
            Ok(answer) => answer,
            Err(refused) => {
                self.books.insert(event_id.to_owned(), (book, stored_head));
                self.tx.execute_batch("RELEASE op")?;
                return Err(Failure::Refused(refused));
            }
        };
        match write_rows(self.tx, event_id, &book, &stored_head, &answer, &extra) {
            Ok(new_head) => {
                self.tx.execute_batch("RELEASE op")?;
                self.books.insert(event_id.to_owned(), (book, new_head));
                Ok(answer)
            }
            // The book in hand holds a change the database does not: it is dropped.
            Err(e) => Err(self.undo(e)),
        }
    }

    fn undo(&mut self, failure: Failure) -> Failure {
        let rolled = self.tx.execute_batch("ROLLBACK TO op; RELEASE op");
        match rolled {
            Ok(()) => failure,
            Err(e) => Failure::Database(format!("{failure:?}; then the rollback failed: {e}")),
        }
    }
}

/// Writes what an operation changed; the book's head as now stored.
fn write_rows(
    tx: &Transaction<'_>,
    event_id: &str,
    book: &RegistrationBook,
    stored_head: &str,
    answer: &impl Changed,
    extra: &Extra,
) -> Result<String, Failure> {
    let new_head = head(book)?;
    if new_head != stored_head || !answer.changes().is_empty() {
        let mut put_head = tx.prepare_cached(
            "INSERT INTO books (event_id, head) VALUES (?1, ?2)
             ON CONFLICT (event_id) DO UPDATE SET head = excluded.head",
        )?;
        put_head.execute(params![event_id, new_head])?;
    }
    let changed: BTreeSet<&str> = answer.changes().iter().map(|c| c.registration_id.as_str()).collect();
    let mut upsert = tx.prepare_cached(
        "INSERT INTO registrations (event_id, position, id, entry) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (event_id, position) DO UPDATE SET entry = excluded.entry",
    )?;
    // Only the rows changed, found by id: the write costs the same whatever the book's size.
    for id in changed {
        let Some(position) = book.position(id) else { continue };
        let Some(entry) = book.registrations().get(position) else { continue };
        let json = serde_json::to_string(entry).map_err(json_failure)?;
        upsert.execute(params![event_id, i64::try_from(position).map_err(json_failure)?, entry.id, json])?;
    }
    let mut outbox =
        tx.prepare_cached("INSERT INTO changes (event_id, registration_id, at, change) VALUES (?1, ?2, ?3, ?4)")?;
    for change in answer.changes() {
        let json = serde_json::to_string(change).map_err(json_failure)?;
        outbox.execute(params![event_id, change.registration_id, change.entry.at.to_rfc3339(), json])?;
    }
    for (registration_id, at, note) in &extra.outbox {
        outbox.execute(params![event_id, registration_id, at.to_rfc3339(), note.to_string()])?;
    }
    for registration_id in &extra.revoke_manage_tokens {
        tx.prepare_cached("DELETE FROM manage_tokens WHERE event_id = ?1 AND registration_id = ?2")?
            .execute(params![event_id, registration_id])?;
    }
    if !extra.manage_tokens.is_empty() {
        let mut token = tx.prepare_cached(
            "INSERT INTO manage_tokens (hash, event_id, registration_id, created) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (hash, registration_id, at) in &extra.manage_tokens {
            token.execute(params![hash.as_slice(), event_id, registration_id, at.to_rfc3339()])?;
        }
    }
    Ok(new_head)
}

/// The writer thread's loop: until every sender is gone.
pub(super) fn run(mut conn: Connection, hub: Arc<Hub>, jobs: Receiver<Job>) {
    let mut books = HashMap::new();
    let mut version = data_version(&conn).unwrap_or(-1);
    let mut group: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    while let Ok(first) = jobs.recv() {
        group.push(first);
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        let failure = commit_group(&mut conn, &hub, &mut books, &mut version, &mut group);
        if failure.is_some() {
            // What the cache holds may not be what is stored.
            books.clear();
        }
    }
}

/// Runs a group in one transaction and answers every caller in it.
fn commit_group(
    conn: &mut Connection,
    hub: &Hub,
    books: &mut HashMap<String, (RegistrationBook, String)>,
    version: &mut i64,
    group: &mut Vec<Job>,
) -> Option<String> {
    let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            let message = e.to_string();
            for job in group.drain(..) {
                // Never run: its caller hears why.
                job(None)(Some(Failure::Database(message.clone())));
            }
            return Some(message);
        }
    };
    // Holding the write lock, nobody can commit until we do: a version unchanged
    // since our last commit means the cached books are the stored ones.
    match data_version(&tx) {
        Ok(now) if now == *version => {}
        Ok(now) => {
            books.clear();
            *version = now;
        }
        Err(_) => books.clear(),
    }
    let mut replies: Vec<Reply> = Vec::with_capacity(group.len());
    for job in group.drain(..) {
        replies.push(job(Some(&mut Unit { tx: &tx, books, hub })));
    }
    match tx.commit() {
        // `data_version` does not move for this connection's own commits.
        Ok(()) => {
            replies.into_iter().for_each(|reply| reply(None));
            None
        }
        Err(e) => {
            let message = e.to_string();
            for reply in replies {
                reply(Some(Failure::Database(message.clone())));
            }
            Some(message)
        }
    }
}
