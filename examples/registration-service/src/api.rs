//! The HTTP face: routes, request bodies and errors. Every decision about a
//! registration is the core's; this only finds the event, runs one store
//! operation on a blocking thread and turns the answer into a response.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use kix_core::{Actor, BookAction, Code, Event, Hub, Registration, RegistrationBook, Violation};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::store::{Failure, Store};

/// The largest request body read; a registration is a few hundred bytes.
const BODY_LIMIT: usize = 1024 * 1024;

/// What every request shares.
#[derive(Clone)]
pub(crate) struct State {
    /// The hub whose events are served.
    pub(crate) hub: Arc<Hub>,
    /// The books.
    pub(crate) store: Arc<Store>,
    /// When the hub was read: the calendar feeds' `Last-Modified` and `DTSTAMP`.
    pub(crate) started: chrono::DateTime<Utc>,
}

/// The service's routes.
pub(crate) fn router(state: State) -> Router {
    Router::new()
        .route("/events/{id}/registrations", post(submit))
        .route("/events/{id}/registrations/{rid}", get(registration))
        .route("/events/{id}/registrations/{rid}/ics", get(calendar))
        .route("/events/{id}/registrations/{rid}/{action}", post(act))
        .route("/events/{id}/ledger", get(ledger))
        .route("/calendar.ics", get(crate::feeds::calendar_feed))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "service.not_found", "no such resource") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "service.method_not_allowed", "method not allowed here")
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// An error answer: `{code, message, violations?}`. Codes of the service
/// itself start with `service.`; refusals by the core carry the code of
/// their first violation and all of them.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
    violations: Vec<Violation>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError { status, code: code.to_owned(), message: message.into(), violations: Vec::new() }
    }

    fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        eprintln!("registration-service: {message}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "service.internal", message)
    }

    /// A refusal with violations: the first error names the answer.
    fn violations(status: StatusCode, message: impl Into<String>, violations: Vec<Violation>) -> Self {
        let first = violations.iter().find(|v| v.is_error()).or(violations.first());
        let code = first.map_or("service.refused", |v| v.code.as_str()).to_owned();
        ApiError { status, code, message: message.into(), violations }
    }
}

/// The JSON of an error answer.
#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[Violation]>::is_empty")]
    violations: &'a [Violation],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { code: &self.code, message: &self.message, violations: &self.violations };
        (self.status, axum::Json(body)).into_response()
    }
}

impl From<Failure> for ApiError {
    fn from(f: Failure) -> Self {
        match f {
            Failure::Database(message) => ApiError::internal(message),
            Failure::Refused(kix_core::Error::Rejected(violations)) => {
                let unknown = violations.first().is_some_and(|v| v.code == Code::RegistrationUnknownId);
                // Anything else the core refuses on a registration it holds
                // is a conflict with the registration's state.
                let status = if unknown { StatusCode::NOT_FOUND } else { StatusCode::CONFLICT };
                let message = violations.first().map_or_else(String::new, |v| v.message.clone());
                ApiError::violations(status, message, violations)
            }
            Failure::Refused(other) => ApiError::internal(other.to_string()),
        }
    }
}

/// Reads a JSON body: malformed JSON is 400, well-formed JSON of the wrong
/// shape is 422, a body over the limit 413.
fn parse<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let bytes = body.map_err(|r| {
        let code =
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE { "service.body_too_large" } else { "service.bad_body" };
        ApiError::new(r.status(), code, format!("{} (the limit is {BODY_LIMIT} bytes)", r.body_text()))
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "service.invalid_body", e.to_string()),
            Category::Syntax | Category::Eof | Category::Io => {
                ApiError::new(StatusCode::BAD_REQUEST, "service.invalid_json", e.to_string())
            }
        }
    })
}

fn find_event<'a>(hub: &'a Hub, id: &str) -> Result<&'a Event, ApiError> {
    hub.event(id)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "service.unknown_event", format!("no event {id:?}")))
}

/// Runs store work on the blocking pool (SQLite calls block).
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| ApiError::internal(e.to_string()))?
}

/// The event's book as it stands now: offers due are expired and freed seats
/// offered in this view (the store writes that on the event's next operation).
fn current_book(state: &State, event: &Event) -> Result<RegistrationBook, ApiError> {
    let mut book = state.store.read(event)?;
    book.advance(event, Utc::now()).map_err(Failure::Refused)?;
    Ok(book)
}

fn unknown_registration(rid: &str) -> ApiError {
    let v = Violation::new(Code::RegistrationUnknownId, "id", format!("no registration {rid:?} in this book"))
        .with_param("id", rid);
    ApiError::violations(StatusCode::NOT_FOUND, format!("no registration {rid:?}"), vec![v])
}

async fn submit(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    let record: Registration = parse(body)?;
    blocking(move || {
        let event = find_event(&state.hub, &id)?;
        let hub = &state.hub;
        // `now` is read under the write lock, so the waiting list's order is
        // the order in which the transactions commit.
        let submission = state.store.write(event, |book| book.submit(hub, event, &record, Utc::now()))?;
        // An address already registered: the requester learns nothing of that registration (its
        // id is the key to it); a real service would send its person their own link again.
        if submission.is_duplicate() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                Code::RegistrationDuplicate.as_str(),
                "this address is already registered for the event; nothing was changed",
            ));
        }
        if submission.is_rejected() {
            let n = submission.violations.iter().filter(|v| v.is_error()).count();
            return Err(ApiError::violations(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the registration was refused: {n} error(s)"),
                submission.violations,
            ));
        }
        let created = submission.changes.iter().any(|c| {
            Some(&c.registration_id) == submission.id.as_ref()
                && matches!(c.entry.action, BookAction::Submit | BookAction::Resubmit)
        });
        let status = if created { StatusCode::CREATED } else { StatusCode::OK };
        Ok((status, axum::Json(submission)).into_response())
    })
    .await
}

/// The optional body of an action.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionBody {
    /// Why (required to deny).
    reason: Option<String>,
    /// Who cancels: `registrant` (the default) or `organiser`.
    actor: Option<Actor>,
    /// Approve past capacity.
    #[serde(default)]
    force: bool,
}

const ACTIONS: [&str; 6] = ["approve", "deny", "cancel", "reinstate", "accept", "decline"];

async fn act(
    Shared(state): Shared<State>,
    Path((id, rid, action)): Path<(String, String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    if !ACTIONS.contains(&action.as_str()) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "service.unknown_action",
            format!("no action {action:?}; one of {}", ACTIONS.join(", ")),
        ));
    }
    let body: ActionBody = match body {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => ActionBody::default(),
        other => parse(other)?,
    };
    let reason = body.reason.as_deref().filter(|r| !r.trim().is_empty()).map(str::to_owned);
    if action == "deny" && reason.is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "service.missing_reason",
            "a denial needs a reason",
        ));
    }
    let actor = body.actor.unwrap_or(Actor::Registrant);
    if action == "cancel" && actor == Actor::System {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "service.invalid_body",
            "a cancellation is by the registrant or an organiser",
        ));
    }
    blocking(move || {
        let event = find_event(&state.hub, &id)?;
        let reason = reason.as_deref();
        let (applied, entry) = state.store.write(event, |book| {
            let now = Utc::now();
            let applied = match action.as_str() {
                "approve" => book.approve(event, &rid, body.force, now),
                "deny" => book.deny(event, &rid, reason.unwrap_or_default(), now),
                "cancel" => book.cancel(event, &rid, actor, reason, now),
                "reinstate" => book.reinstate(event, &rid, reason, now),
                "accept" => book.accept_offer(event, &rid, now),
                _ => book.decline_offer(event, &rid, now),
            }?;
            Ok((applied, book.get(&rid).cloned()))
        })?;
        let entry = entry.ok_or_else(|| unknown_registration(&rid))?;
        Ok(axum::Json(json!({"registration": entry, "changes": applied.changes, "warnings": applied.warnings}))
            .into_response())
    })
    .await
}

async fn registration(
    Shared(state): Shared<State>,
    Path((id, rid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    blocking(move || {
        let event = find_event(&state.hub, &id)?;
        // One row: the registration as last written (an offer past its expiry is recorded
        // expired by the event's next operation).
        let book = state.store.read_one(event, &rid)?.ok_or_else(|| unknown_registration(&rid))?;
        let entry = book.get(&rid).ok_or_else(|| unknown_registration(&rid))?;
        Ok(axum::Json(entry).into_response())
    })
    .await
}

async fn calendar(Shared(state): Shared<State>, Path((id, rid)): Path<(String, String)>) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    blocking(move || {
        let event = find_event(&state.hub, &id)?;
        let book = state.store.read_one(event, &rid)?.ok_or_else(|| unknown_registration(&rid))?;
        // The registrant's own iTIP message (REQUEST with their PARTSTAT, or CANCEL) when the
        // organiser has an e-mail; else (or on the waiting list) the event's calendar file.
        let now = Utc::now();
        let ics = match kix_core::calendar::invitation(&state.hub, event, &book, &rid, now) {
            Ok(ics) => ics,
            Err(kix_core::Error::InvalidValue { .. }) => {
                kix_core::calendar::to_ics(&state.hub, event, now).map_err(Failure::Refused)?
            }
            Err(e) => return Err(Failure::Refused(e).into()),
        };
        let name = format!("attachment; filename=\"{}.ics\"", event.id);
        Ok((
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)],
            ics,
        )
            .into_response())
    })
    .await
}

async fn ledger(Shared(state): Shared<State>, Path(id): Path<String>) -> Result<Response, ApiError> {
    find_event(&state.hub, &id)?;
    blocking(move || {
        let event = find_event(&state.hub, &id)?;
        Ok(axum::Json(current_book(&state, event)?.ledger()).into_response())
    })
    .await
}
