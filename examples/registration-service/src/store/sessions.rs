//! Organisers' sessions in the browser: signing in with an organiser token opens
//! one; its id is the `kix_session` cookie, kept here only as its SHA-256, with
//! the token's name, the session's CSRF token and when it expires.
//!
//! They live in SQLite beside the tokens, not in the process: a restart does not
//! sign everyone out, two processes serving one database file know the same
//! sessions, and the check that the token is still live is one join. A session
//! has no rights of its own: every request reads the token's row again (scope,
//! events, revoked), so revoking the token ends its sessions at once, and a
//! session never does more than its token does now.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};

use super::tokens::organiser_of;
use super::{Failure, Organiser, Store};
use crate::secrets::{self, Digest32};

/// A live session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// The organiser its token names, as the token's row says now.
    pub(crate) organiser: Organiser,
    /// The token every form of the session carries.
    pub(crate) csrf: String,
}

/// Instants as fixed-width UTC text, so SQLite compares them in time order.
fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Store {
    /// Opens a session for the token named `token_name`, good for `lifetime`, and gives back
    /// its id (the cookie's value, shown once). Sessions already expired are deleted on the
    /// way, so the table holds only live ones.
    pub(crate) fn open_session(
        &self,
        token_name: &str,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<String, Failure> {
        let (id, digest) = secrets::new_secret(secrets::SESSION).map_err(Failure::Database)?;
        let (csrf, _) = secrets::new_secret(secrets::CSRF).map_err(Failure::Database)?;
        let expires = now + lifetime;
        self.read(|conn| {
            conn.execute("DELETE FROM organiser_sessions WHERE expires <= ?1", params![stamp(now)])?;
            conn.execute(
                "INSERT INTO organiser_sessions (hash, token_name, csrf, created, expires) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![digest.as_slice(), token_name, csrf, stamp(now), stamp(expires)],
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    /// The session a presented id opened, while it has not expired and its token is not
    /// revoked. Looked up by the id's digest: a guess must match 256 random bits' SHA-256,
    /// so the lookup's timing tells nothing useful.
    pub(crate) fn session(&self, digest: &Digest32, now: DateTime<Utc>) -> Result<Option<Session>, Failure> {
        let row: Option<(String, String, bool, String)> = self.read(|conn| {
            Ok(conn
                .prepare_cached(
                    // Token names are never reused (the name is the key, and a revoked row
                    // stays), so the name names this one token.
                    "SELECT s.csrf, t.name, t.manage, t.events FROM organiser_sessions s
                     JOIN organiser_tokens t ON t.name = s.token_name AND t.revoked IS NULL
                     WHERE s.hash = ?1 AND s.expires > ?2",
                )?
                .query_row(params![digest.as_slice(), stamp(now)], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()?)
        })?;
        row.map(|(csrf, name, manage, events)| Ok(Session { organiser: organiser_of(name, manage, &events)?, csrf }))
            .transpose()
    }

    /// Ends a session (signing out); ending one that is gone is no error.
    pub(crate) fn end_session(&self, digest: &Digest32) -> Result<(), Failure> {
        self.read(|conn| {
            conn.execute("DELETE FROM organiser_sessions WHERE hash = ?1", params![digest.as_slice()])?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::store::{Scope, tokens};

    /// A database file in a folder of its own, removed (with the WAL beside it) when the test ends.
    fn temp_db(name: &str) -> (crate::temp_dir::TempDir, PathBuf) {
        let dir = crate::temp_dir::TempDir::new(&format!("sessions-{name}"));
        let path = dir.0.join("kix.sqlite3");
        (dir, path)
    }

    fn now() -> DateTime<Utc> {
        "2024-07-20T08:00:00Z".parse().unwrap()
    }

    /// A store with one read token ("hub desk") for webinar 20.
    fn store_with_token(name: &str) -> (Store, PathBuf, crate::temp_dir::TempDir) {
        let (dir, path) = temp_db(name);
        let store = Store::open(&path, Arc::new(kix_core::emap().clone())).unwrap();
        let conn = Store::connect_for_tokens(&path).unwrap();
        tokens::create(&conn, "hub desk", &["kix-emap-webinar-20".into()], false, now()).unwrap();
        (store, path, dir)
    }

    #[test]
    fn a_session_carries_its_tokens_rights_until_it_expires() {
        let (store, _, _dir) = store_with_token("expiry");
        let id = store.open_session("hub desk", now(), Duration::hours(8)).unwrap();
        assert!(secrets::well_formed(&id, secrets::SESSION));
        let digest = secrets::digest(&id);

        let session = store.session(&digest, now() + Duration::hours(7)).unwrap().unwrap();
        assert_eq!((session.organiser.name.as_str(), session.organiser.scope), ("hub desk", Scope::Read));
        assert!(session.organiser.covers("kix-emap-webinar-20") && !session.organiser.covers("kix-emap-webinar-21"));
        assert!(secrets::well_formed(&session.csrf, secrets::CSRF));

        assert!(store.session(&digest, now() + Duration::hours(8)).unwrap().is_none(), "expired on the dot");
        let other = secrets::digest(&secrets::new_secret(secrets::SESSION).unwrap().0);
        assert!(store.session(&other, now()).unwrap().is_none(), "an id never issued opens nothing");
    }

    #[test]
    fn revoking_the_token_ends_its_sessions_and_signing_out_ends_one() {
        let (store, path, _dir) = store_with_token("revoke");
        let kept = store.open_session("hub desk", now(), Duration::hours(8)).unwrap();
        let left = store.open_session("hub desk", now(), Duration::hours(8)).unwrap();
        let (kept, left) = (secrets::digest(&kept), secrets::digest(&left));
        let csrf = |d| store.session(d, now()).unwrap().map(|s| s.csrf);
        assert_ne!(csrf(&kept), csrf(&left), "each session has its own CSRF token");

        store.end_session(&left).unwrap();
        assert!(store.session(&left, now()).unwrap().is_none(), "signed out");
        assert!(store.session(&kept, now()).unwrap().is_some(), "the other session goes on");

        let conn = Store::connect_for_tokens(&path).unwrap();
        assert!(tokens::revoke(&conn, "hub desk", now()).unwrap());
        assert!(store.session(&kept, now()).unwrap().is_none(), "the token is revoked: so is its session");
    }

    #[test]
    fn expired_sessions_are_cleared_when_the_next_one_opens() {
        let (store, path, _dir) = store_with_token("purge");
        store.open_session("hub desk", now(), Duration::hours(8)).unwrap();
        store.open_session("hub desk", now() + Duration::hours(9), Duration::hours(8)).unwrap();
        let conn = Store::connect_for_tokens(&path).unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM organiser_sessions", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1);
    }
}
