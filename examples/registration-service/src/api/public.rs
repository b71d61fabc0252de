//! What anyone may do: submit a registration, and read an event's free seats.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use kix_core::{BookAction, BookStatus, Registration, SeatLedger, Violation};
use serde_json::json;

use super::{ApiError, State, find_event, json_body};
use crate::secrets;
use crate::store::Failure;

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
    match register(&state, &id, record).await? {
        Registered::KnownAddress => {
            let body = json!({"code": "service.check_email", "message": CHECK_YOUR_EMAIL});
            Ok((StatusCode::ACCEPTED, axum::Json(body)).into_response())
        }
        Registered::Refused(violations) => {
            let n = violations.iter().filter(|v| v.is_error()).count();
            Err(ApiError::violations(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the registration was refused: {n} error(s)"),
                violations,
            ))
        }
        Registered::Stored { status, warnings, manage_token } => {
            let manage_url = format!("{}/manage/{manage_token}", state.public_url);
            let body = json!({
                "status": status,
                "warnings": warnings,
                "manage_token": manage_token,
                "manage_url": manage_url,
            });
            Ok((StatusCode::CREATED, axum::Json(body)).into_response())
        }
    }
}

/// What a submission came to, for the JSON API and the pages alike.
pub(crate) enum Registered {
    /// Stored: its status, warnings and the registrant's manage token (shown once).
    Stored { status: Option<BookStatus>, warnings: Vec<Violation>, manage_token: String },
    /// The address already holds a registration: nothing changed, its owner is sent their link.
    KnownAddress,
    /// Refused, with every violation.
    Refused(Vec<Violation>),
}

/// Submits a registration to an event's book: a manage token is issued (its digest stored
/// with the registration) when it is stored; a `link_resent` note goes to the outbox when
/// the address is already registered.
pub(crate) async fn register(state: &State, event_id: &str, record: Registration) -> Result<Registered, Failure> {
    let (token, digest) = secrets::new_secret(secrets::MANAGE).map_err(Failure::Database)?;
    let submission = state
        .store
        .write(event_id, move |hub, event, book, extra| {
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
    Ok(if submission.is_duplicate() {
        Registered::KnownAddress
    } else if submission.is_rejected() {
        Registered::Refused(submission.violations)
    } else {
        Registered::Stored { status: submission.status, warnings: submission.violations, manage_token: token }
    })
}

/// The event's seats as they stand now: offers past their expiry are expired (and written) first.
pub(crate) async fn seats(state: &State, event_id: &str) -> Result<SeatLedger, Failure> {
    let (_, ledger) = state
        .store
        .write(event_id, |_, event, book, _| {
            let applied = book.advance(event, Utc::now())?;
            Ok((applied, book.ledger()))
        })
        .await?;
    Ok(ledger)
}

/// `GET /events/{id}/ledger`: the seats and how many are free, nothing about anyone.
/// Offers past their expiry are expired (and written) first, so the count is today's.
pub(crate) async fn ledger(Shared(state): Shared<State>, Path(id): Path<String>) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    let ledger = seats(&state, &id).await?;
    Ok(axum::Json(json!({"event_id": id, "capacity": ledger.capacity, "free": ledger.free})).into_response())
}
