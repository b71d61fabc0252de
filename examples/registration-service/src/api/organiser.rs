//! What an organiser's token allows on the events it covers: read the list,
//! one registration, the full ledger and the export (read scope), and approve,
//! deny, cancel, reinstate and change capacity (manage scope). The history
//! names the token as who acted; no request body can say otherwise.
//!
//! The operations themselves ([`act_on`], [`change_capacity`], [`roster`]) are
//! shared with the organiser's pages, which reach them by a session instead of
//! a bearer token.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use kix_core::{Actor, Applied, BookEntry, SeatLedger};
use serde::Deserialize;
use serde_json::json;

use super::public::seats;
use super::{ApiError, State, blocking, json_body, organiser, read_now};
use crate::store::{Failure, Organiser, Scope};

/// The most registrations one page of the list holds.
const PAGE_LIMIT: u64 = 500;

/// Which page of the list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Page {
    #[serde(default)]
    offset: u64,
    limit: Option<u64>,
}

/// `GET /events/{id}/registrations?offset=&limit=`: a page of registrations in
/// the order first submitted (at most 500), with the event's full ledger.
pub(crate) async fn list(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    Query(page): Query<Page>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    organiser(&state, &headers, &id, Scope::Read).await?;
    let limit = page.limit.unwrap_or(100).clamp(1, PAGE_LIMIT);
    let store = Arc::clone(&state.store);
    let event_id = id.clone();
    let entries = blocking(move || store.page(&event_id, page.offset, limit).map_err(ApiError::from)).await?;
    let ledger = seats(&state, &id).await?;
    Ok(axum::Json(json!({"ledger": ledger, "offset": page.offset, "registrations": entries})).into_response())
}

/// `GET /events/{id}/registrations/{rid}`: one row.
pub(crate) async fn registration(
    Shared(state): Shared<State>,
    Path((id, rid)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    organiser(&state, &headers, &id, Scope::Read).await?;
    let entry = read_now(|| state.store.entry(&id, &rid).map_err(ApiError::from))?;
    Ok(axum::Json(entry.ok_or_else(ApiError::not_found)?).into_response())
}

/// `GET /events/{id}/registrations.csv`: every registration, each cell safe to
/// open in a spreadsheet (the core's roster).
pub(crate) async fn export(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    organiser(&state, &headers, &id, Scope::Read).await?;
    Ok(roster(&state, &id).await?)
}

/// The event's roster as a CSV download: every registration, each cell safe to open in
/// a spreadsheet (the core's `roster_csv`).
pub(crate) async fn roster(state: &State, event_id: &str) -> Result<Response, Failure> {
    let store = Arc::clone(&state.store);
    let id = event_id.to_owned();
    let csv = tokio::task::spawn_blocking(move || {
        store.every(&id).map(|entries| kix_core::registrations::roster::roster_csv(&entries))
    })
    .await
    .map_err(|e| Failure::Database(e.to_string()))??;
    let name = format!("attachment; filename=\"{event_id}-registrations.csv\"");
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)], csv)
        .into_response())
}

/// The optional body of an organiser's action.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionBody {
    /// Why (required to deny; at most 500 characters).
    reason: Option<String>,
    /// Approve past capacity.
    #[serde(default)]
    force: bool,
}

/// What an organiser does to one registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Approve,
    Deny,
    Cancel,
    Reinstate,
}

impl Action {
    /// The action a path segment names.
    pub(crate) fn named(name: &str) -> Option<Action> {
        match name {
            "approve" => Some(Action::Approve),
            "deny" => Some(Action::Deny),
            "cancel" => Some(Action::Cancel),
            "reinstate" => Some(Action::Reinstate),
            _ => None,
        }
    }

    /// Its name in paths and page texts.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Deny => "deny",
            Action::Cancel => "cancel",
            Action::Reinstate => "reinstate",
        }
    }
}

/// An organiser's action on one registration, as `who` (the history names the token): the
/// one path from the JSON API and the pages to the core. A blank reason is none (the core
/// refuses a denial without one). Answers the registration as it now is.
pub(crate) async fn act_on(
    state: &State,
    who: &Organiser,
    event_id: &str,
    rid: String,
    action: Action,
    reason: Option<String>,
    force: bool,
) -> Result<(Applied, Option<BookEntry>), Failure> {
    let by = who.name.clone();
    let reason = reason.filter(|r| !r.trim().is_empty());
    state
        .store
        .write(event_id, move |_, event, book, _| {
            let now = Utc::now();
            let reason = reason.as_deref();
            let applied = book.acting_as(&by, |book| match action {
                Action::Approve => book.approve(event, &rid, force, now),
                Action::Deny => book.deny(event, &rid, reason.unwrap_or_default(), now),
                Action::Cancel => book.cancel(event, &rid, Actor::Organiser, reason, now),
                Action::Reinstate => book.reinstate(event, &rid, reason, now),
            })?;
            Ok((applied, book.get(&rid).cloned()))
        })
        .await
}

/// `POST /events/{id}/registrations/{rid}/{approve|deny|cancel|reinstate}`.
pub(crate) async fn act(
    Shared(state): Shared<State>,
    Path((id, rid, action)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (who, _) = organiser(&state, &headers, &id, Scope::Manage).await?;
    let action = Action::named(&action).ok_or_else(ApiError::not_found)?;
    let body: ActionBody = json_body(&state, &headers, body, true).await?;
    let (applied, entry) = act_on(&state, &who, &id, rid, action, body.reason, body.force).await?;
    let entry = entry.ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(json!({"registration": entry, "changes": applied.changes, "warnings": applied.warnings}))
        .into_response())
}

/// The body of a capacity change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CapacityBody {
    /// Seats; `null` for unlimited.
    capacity: Option<u32>,
    /// Why (at most 500 characters).
    reason: Option<String>,
}

/// `POST /events/{id}/capacity` `{capacity, reason?}`: nobody is dropped when it
/// falls below the seats held (a warning says so); a raise offers freed seats.
pub(crate) async fn capacity(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (who, _) = organiser(&state, &headers, &id, Scope::Manage).await?;
    let body: CapacityBody = json_body(&state, &headers, body, false).await?;
    let (applied, ledger) = change_capacity(&state, &who, &id, body.capacity, body.reason).await?;
    Ok(axum::Json(json!({"ledger": ledger, "changes": applied.changes, "warnings": applied.warnings})).into_response())
}

/// A capacity change as `who` (`None`: unlimited), from the JSON API and the pages; answers
/// the ledger after it.
pub(crate) async fn change_capacity(
    state: &State,
    who: &Organiser,
    event_id: &str,
    capacity: Option<u32>,
    reason: Option<String>,
) -> Result<(Applied, SeatLedger), Failure> {
    let by = who.name.clone();
    state
        .store
        .write(event_id, move |_, event, book, _| {
            let reason = reason.as_deref().filter(|r| !r.trim().is_empty());
            let applied = book.acting_as(&by, |book| book.set_capacity(event, capacity, reason, Utc::now()))?;
            Ok((applied, book.ledger()))
        })
        .await
}
