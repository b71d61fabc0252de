//! What an organiser's token allows on the events it covers: read the list,
//! one registration, the full ledger and the export (read scope), and approve,
//! deny, cancel, reinstate and change capacity (manage scope). The history
//! names the token as who acted; no request body can say otherwise.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use kix_core::Actor;
use serde::Deserialize;
use serde_json::json;

use super::{ApiError, State, blocking, json_body, organiser, read_now};
use crate::store::Scope;

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
    let ledger = state
        .store
        .write(&id, |_, event, book, _| {
            let applied = book.advance(event, Utc::now())?;
            Ok((applied, book.ledger()))
        })
        .await?
        .1;
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
    let store = Arc::clone(&state.store);
    let event_id = id.clone();
    let csv = blocking(move || {
        let entries = store.every(&event_id).map_err(ApiError::from)?;
        Ok(kix_core::registrations::roster::roster_csv(&entries))
    })
    .await?;
    let name = format!("attachment; filename=\"{id}-registrations.csv\"");
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

const ACTIONS: [&str; 4] = ["approve", "deny", "cancel", "reinstate"];

/// `POST /events/{id}/registrations/{rid}/{approve|deny|cancel|reinstate}`.
pub(crate) async fn act(
    Shared(state): Shared<State>,
    Path((id, rid, action)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (who, _) = organiser(&state, &headers, &id, Scope::Manage).await?;
    if !ACTIONS.contains(&action.as_str()) {
        return Err(ApiError::not_found());
    }
    let body: ActionBody = json_body(&state, &headers, body, true).await?;
    let reason = body.reason.filter(|r| !r.trim().is_empty());
    if action == "deny" && reason.is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "service.missing_reason",
            "a denial needs a reason",
        ));
    }
    let (applied, entry) = state
        .store
        .write(&id, move |_, event, book, _| {
            let now = Utc::now();
            let reason = reason.as_deref();
            let applied = book.acting_as(&who.name, |book| match action.as_str() {
                "approve" => book.approve(event, &rid, body.force, now),
                "deny" => book.deny(event, &rid, reason.unwrap_or_default(), now),
                "cancel" => book.cancel(event, &rid, Actor::Organiser, reason, now),
                _ => book.reinstate(event, &rid, reason, now),
            })?;
            Ok((applied, book.get(&rid).cloned()))
        })
        .await?;
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
    let (applied, ledger) = state
        .store
        .write(&id, move |_, event, book, _| {
            let reason = body.reason.as_deref().filter(|r| !r.trim().is_empty());
            let applied =
                book.acting_as(&who.name, |book| book.set_capacity(event, body.capacity, reason, Utc::now()))?;
            Ok((applied, book.ledger()))
        })
        .await?;
    Ok(axum::Json(json!({"ledger": ledger, "changes": applied.changes, "warnings": applied.warnings})).into_response())
}
