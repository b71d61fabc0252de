//! What a registrant may do with the manage token their submission answered:
//! see, change and cancel their own registration, answer an offered seat and
//! take its calendar invitation. Every cause of refusal of the token (none,
//! malformed, unknown, taken over) is the same 401, so the answers say nothing
//! about which registrations exist.

use axum::body::Body;
use axum::extract::{Path, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use kix_core::{Actor, BookEntry, Event, Hub, Registration};
use serde::Deserialize;
use serde_json::json;

use super::{ApiError, State, bearer, json_body, read_now};
use crate::secrets;
use crate::store::{Failure, Mine};

/// The registration a request's manage token was issued for.
async fn mine(state: &State, headers: &HeaderMap) -> Result<Mine, ApiError> {
    let token = bearer(headers, secrets::MANAGE).ok_or_else(ApiError::unauthorized)?;
    let digest = secrets::digest(token);
    read_now(|| state.store.mine(&digest).map_err(ApiError::from))?.ok_or_else(ApiError::unauthorized)
}

/// What a registrant sees of their registration: its state and their current
/// record; not its history (which holds records a registration cancelled and
/// taken over by a new submission had before) nor its id.
fn own_view(event_id: &str, e: &BookEntry) -> serde_json::Value {
    json!({
        "event_id": event_id,
        "status": e.status,
        "record": e.record,
        "occurrence": e.occurrence,
        "submitted_at": e.submitted_at,
        "offer_expires_at": e.offer_expires_at,
        "checked_in_at": e.checked_in_at,
    })
}

/// `GET /registrations/me`: one row, read by the token's digest.
pub(crate) async fn show(Shared(state): Shared<State>, headers: HeaderMap) -> Result<Response, ApiError> {
    let Mine { event_id, entry } = mine(&state, &headers).await?;
    Ok(axum::Json(own_view(&event_id, &entry)).into_response())
}

/// `PUT /registrations/me`: a new record, checked by the core's rules (`update`).
pub(crate) async fn update(Shared(state): Shared<State>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let Mine { event_id, entry } = mine(&state, &headers).await?;
    let record: Registration = json_body(&state, &headers, body, false).await?;
    let rid = entry.id;
    let (applied, entry) = state
        .store
        .write(&event_id, move |hub, event, book, _| {
            let applied = book.update(hub, event, &rid, &record, Utc::now())?;
            Ok((applied, book.get(&rid).cloned()))
        })
        .await
        .map_err(refused)?;
    let entry = entry.ok_or_else(ApiError::unauthorized)?;
    Ok(axum::Json(json!({"registration": own_view(&event_id, &entry), "warnings": applied.warnings})).into_response())
}

/// The optional body of a registrant's action.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Why {
    /// Why (on cancellations; at most 500 characters).
    reason: Option<String>,
}

/// `POST /registrations/me/{cancel|accept|decline}`: as the registrant (a
/// cancellation keeps to the event's deadline).
pub(crate) async fn act(
    Shared(state): Shared<State>,
    Path(action): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if !["cancel", "accept", "decline"].contains(&action.as_str()) {
        return Err(ApiError::not_found());
    }
    let Mine { event_id, entry } = mine(&state, &headers).await?;
    let why: Why = json_body(&state, &headers, body, true).await?;
    let rid = entry.id;
    let (applied, entry) = state
        .store
        .write(&event_id, move |_, event, book, _| {
            let now = Utc::now();
            let reason = why.reason.as_deref().filter(|r| !r.trim().is_empty());
            let applied = match action.as_str() {
                "cancel" => book.cancel(event, &rid, Actor::Registrant, reason, now),
                "accept" => book.accept_offer(event, &rid, now),
                _ => book.decline_offer(event, &rid, now),
            }?;
            Ok((applied, book.get(&rid).cloned()))
        })
        .await
        .map_err(refused)?;
    let entry = entry.ok_or_else(ApiError::unauthorized)?;
    Ok(axum::Json(json!({"registration": own_view(&event_id, &entry), "warnings": applied.warnings})).into_response())
}

/// A refusal of the core names the registration's id in its violations: the
/// registrant hears the code and message, without the id.
fn refused(failure: Failure) -> ApiError {
    let mut error = ApiError::from(failure);
    for v in &mut error.violations {
        v.params.remove("id");
    }
    error
}

/// `GET /registrations/me/ics`: the registrant's own invitation (or cancellation)
/// when the organiser has an e-mail, else the event's calendar file.
pub(crate) async fn calendar(Shared(state): Shared<State>, headers: HeaderMap) -> Result<Response, ApiError> {
    let Mine { event_id, entry } = mine(&state, &headers).await?;
    let event = state.hub.event(&event_id).ok_or_else(ApiError::not_found)?;
    Ok(own_calendar(&state.hub, event, entry).map_err(Failure::Refused)?)
}

/// A registrant's own calendar file, for this API and their page alike: their iTIP message
/// (REQUEST with their PARTSTAT, or CANCEL) when the organiser has an e-mail; else (or on the
/// waiting list) the event's calendar file.
pub(crate) fn own_calendar(hub: &Hub, event: &Event, entry: BookEntry) -> Result<Response, kix_core::Error> {
    let now = Utc::now();
    let rid = entry.id.clone();
    let book = kix_core::RegistrationBook::from_entries(kix_core::RegistrationBook::new(event).head(), [entry]);
    let ics = match kix_core::calendar::invitation(hub, event, &book, &rid, now) {
        Ok(ics) => ics,
        Err(kix_core::Error::InvalidValue { .. }) => kix_core::calendar::to_ics(hub, event, now)?,
        Err(e) => return Err(e),
    };
    let name = format!("attachment; filename=\"{}.ics\"", event.id);
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)],
        ics,
    )
        .into_response())
}
