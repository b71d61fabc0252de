//! What anyone may do: submit a registration, and read an event's free seats.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use kix_core::{BookAction, Registration};
use serde_json::json;

use super::{ApiError, State, find_event, json_body};
use crate::secrets;

/// What a submission for an address the event already holds answers: the same
/// words whatever that registration is, so the answer tells nobody anything
/// about it. Its owner is sent their own link (`link_resent` in the outbox).
pub(crate) const CHECK_YOUR_EMAIL: &str =
    "if this address can register for the event, a message is on its way to it: check your e-mail";

/// `POST /events/{id}/registrations`: 201 with the registrant's manage token
/// when stored, 202 "check your e-mail" when the address is already registered
/// (nothing changes; its owner is sent their link), 422 with every violation.
pub(crate) async fn submit(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if let Err(wait) = state.submissions.take(peer.ip()) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "service.rate_limited",
            "too many submissions from this address; try again shortly",
        )
        .retry_after(wait));
    }
    find_event(&state.hub, &id)?;
    let record: Registration = json_body(&state, &headers, body, false).await?;
    let (token, digest) = secrets::new_secret(secrets::MANAGE).map_err(ApiError::internal)?;
    let submission = state
        .store
        .write(&id, move |hub, event, book, extra| {
            // `now` is read in the writer, so the waiting list's order is the order of commits.
            let now = Utc::now();
            let s = book.submit(hub, event, &record, now)?;
            if s.is_duplicate() {
                if let Some(existing) = &s.id {
                    extra.outbox.push((existing.clone(), now, json!({"action": "link_resent"})));
                }
            } else if let Some(rid) = s.id.clone().filter(|_| !s.changes.is_empty()) {
                // A registration cancelled and submitted again is taken over by this
                // submission: links given out before stop working.
                if s.changes.iter().any(|c| c.entry.action == BookAction::Resubmit) {
                    extra.revoke_manage_tokens.push(rid.clone());
                }
                extra.manage_tokens.push((digest, rid, now));
            }
            Ok(s)
        })
        .await?;
    if submission.is_duplicate() {
        let body = json!({"code": "service.check_email", "message": CHECK_YOUR_EMAIL});
        return Ok((StatusCode::ACCEPTED, axum::Json(body)).into_response());
    }
    if submission.is_rejected() {
        let n = submission.violations.iter().filter(|v| v.is_error()).count();
        return Err(ApiError::violations(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the registration was refused: {n} error(s)"),
            submission.violations,
        ));
    }
    let manage_url = format!("{}/manage/{token}", state.public_url);
    let body = json!({
        "status": submission.status,
        "warnings": submission.violations,
        "manage_token": token,
        "manage_url": manage_url,
    });
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// `GET /events/{id}/ledger`: the seats and how many are free, nothing about anyone.
/// Offers past their expiry are expired (and written) first, so the count is today's.
pub(crate) async fn ledger(Shared(state): Shared<State>, Path(id): Path<String>) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    let ledger = state
        .store
        .write(&id, |_, event, book, _| {
            let applied = book.advance(event, Utc::now())?;
            Ok((applied, book.ledger()))
        })
        .await?
        .1;
    Ok(axum::Json(json!({"event_id": id, "capacity": ledger.capacity, "free": ledger.free})).into_response())
}
