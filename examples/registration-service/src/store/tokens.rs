//! Organiser tokens: a name, a scope (read, or read and manage), the events it
//! covers (none listed: all), when it was made and revoked, and the SHA-256
//! of the secret, never the secret.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{Failure, Store, json_failure};
use crate::secrets::{self, Digest32};

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Read registrations, the ledger and the export.
    Read,
    /// Read, and approve, deny, cancel, reinstate and change capacity.
    Manage,
}

/// An organiser, as a presented token names them.
#[derive(Debug, Clone)]
pub(crate) struct Organiser {
    /// The token's name: the history's actor.
    pub(crate) name: String,
    /// What it may do.
    pub(crate) scope: Scope,
    /// The events it covers; empty: every event.
    pub(crate) events: Vec<String>,
}

impl Organiser {
    /// Whether the token covers `event_id`.
    pub(crate) fn covers(&self, event_id: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e == event_id)
    }
}

/// A token as `token list` shows it.
#[derive(Debug)]
pub(crate) struct TokenRow {
    pub(crate) name: String,
    pub(crate) manage: bool,
    pub(crate) events: Vec<String>,
    pub(crate) created: String,
    pub(crate) revoked: Option<String>,
}

/// Creates a token named `name` and gives back its secret (shown once).
pub(crate) fn create(
    conn: &Connection,
    name: &str,
    events: &[String],
    manage: bool,
    now: DateTime<Utc>,
) -> Result<String, String> {
    if name.trim().is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err("a token's name is 1 to 100 characters, none of them control characters".into());
    }
    let (secret, digest) = secrets::new_secret(secrets::ORGANISER)?;
    let events = serde_json::to_string(events).map_err(|e| e.to_string())?;
    let inserted = conn.execute(
        "INSERT INTO organiser_tokens (name, hash, manage, events, created) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (name) DO NOTHING",
        params![name, digest.as_slice(), manage, events, now.to_rfc3339()],
    );
    match inserted {
        Ok(1) => Ok(secret),
        Ok(_) => Err(format!("a token named {name:?} exists (revoke it, or choose another name)")),
        Err(e) => Err(e.to_string()),
    }
}

/// Every token, oldest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<TokenRow>, String> {
    let mut rows = conn
        .prepare("SELECT name, manage, events, created, revoked FROM organiser_tokens ORDER BY created, name")
        .map_err(|e| e.to_string())?;
    let rows = rows
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get::<_, String>(2)?, row.get(3)?, row.get(4)?))
        })
        .map_err(|e| e.to_string())?;
    rows.map(|row| {
        let (name, manage, events, created, revoked) = row.map_err(|e| e.to_string())?;
        let events = serde_json::from_str(&events).map_err(|e| e.to_string())?;
        Ok(TokenRow { name, manage, events, created, revoked })
    })
    .collect()
}

/// Revokes the token named `name`; whether it was live.
pub(crate) fn revoke(conn: &Connection, name: &str, now: DateTime<Utc>) -> Result<bool, String> {
    conn.execute(
        "UPDATE organiser_tokens SET revoked = ?2 WHERE name = ?1 AND revoked IS NULL",
        params![name, now.to_rfc3339()],
    )
    .map(|n| n == 1)
    .map_err(|e| e.to_string())
}

/// An organiser as a token's row holds it (its events as a JSON list).
pub(super) fn organiser_of(name: String, manage: bool, events: &str) -> Result<Organiser, Failure> {
    let events = serde_json::from_str(events).map_err(json_failure)?;
    Ok(Organiser { name, scope: if manage { Scope::Manage } else { Scope::Read }, events })
}

impl Store {
    /// The organiser a presented token names: a live token whose digest equals the
    /// presented one's, compared in constant time against every live token (there
    /// are few), so the time taken says nothing about how close a guess came.
    pub(crate) fn organiser(&self, digest: &Digest32) -> Result<Option<Organiser>, Failure> {
        self.read(|conn| {
            let mut rows =
                conn.prepare_cached("SELECT name, hash, manage, events FROM organiser_tokens WHERE revoked IS NULL")?;
            let rows = rows.query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Vec<u8>>(1)?,
                    row.get::<_, bool>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })?;
            let mut found = None;
            for row in rows {
                let (name, hash, manage, events) = row?;
                let stored: Digest32 = hash.try_into().unwrap_or([0; 32]);
                if secrets::same(&stored, digest) && found.is_none() {
                    found = Some(organiser_of(name, manage, &events)?);
                }
            }
            Ok(found)
        })
    }
}
