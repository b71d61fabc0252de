//! The HTTP face: routes, request bodies, credentials and errors. Every
//! decision about a registration is the core's; this finds the event, checks
//! who asks, runs one store operation and turns the answer into a response.
//!
//! Three kinds of caller:
//! - anyone: submit a registration, read an event's free seats, the calendar feed;
//! - a registrant, by the manage token their submission answered
//!   (`Authorization: Bearer kixm_...`): their own registration only ([`me`]);
//! - an organiser, by a token made with `registration-service token create`
//!   (`Authorization: Bearer kixo_...`), for its events and scope (module `organiser`).

pub(crate) mod me;
pub(crate) mod organiser;
pub(crate) mod public;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kix_core::{Code, Event, Hub, Violation};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::limits::RateLimit;
use crate::secrets;
use crate::store::{Failure, Organiser, Scope, Store};

/// The largest request body read; a registration is a few hundred bytes.
pub(crate) const BODY_LIMIT: usize = 16 * 1024;
/// The longest request target accepted.
const URI_LIMIT: usize = 2048;
/// The most header bytes accepted (names and values).
const HEADERS_LIMIT: usize = 8 * 1024;

/// What every request shares.
#[derive(Clone)]
pub(crate) struct State {
    /// The hub whose events are served.
    pub(crate) hub: Arc<Hub>,
    /// The books.
    pub(crate) store: Arc<Store>,
    /// When the hub was read: the calendar feeds' `Last-Modified` and `DTSTAMP`.
    pub(crate) started: chrono::DateTime<chrono::Utc>,
    /// Where registrants' manage links point: the public origin, no trailing slash.
    pub(crate) public_url: Arc<str>,
    /// Submissions per client.
    pub(crate) submissions: Arc<RateLimit>,
    /// How long a request body may take to arrive.
    pub(crate) body_timeout: Duration,
}

/// The service's routes.
pub(crate) fn router(state: State) -> Router {
    Router::new()
        .route("/events/{id}/registrations", post(public::submit).get(organiser::list))
        .route("/events/{id}/ledger", get(public::ledger))
        .route("/events/{id}/registrations.csv", get(organiser::export))
        .route("/events/{id}/capacity", post(organiser::capacity))
        .route("/events/{id}/registrations/{rid}", get(organiser::registration))
        .route("/events/{id}/registrations/{rid}/{action}", post(organiser::act))
        .route("/registrations/me", get(me::show).put(me::update))
        .route("/registrations/me/ics", get(me::calendar))
        .route("/registrations/me/{action}", post(me::act))
        .route("/calendar.ics", get(crate::feeds::calendar_feed))
        .merge(crate::pages::routes())
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "service.method_not_allowed", "method not allowed here")
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(bounded))
        .with_state(state)
}

/// Refuses, as JSON, what hyper would otherwise answer with an empty body or
/// accept: a long target (414), many header bytes (431), and makes every
/// answer say it is not to be cached or framed, and its address not sent to other sites.
async fn bounded(request: Request, next: Next) -> Response {
    if request.uri().to_string().len() > URI_LIMIT {
        return ApiError::new(StatusCode::URI_TOO_LONG, "service.uri_too_long", format!("at most {URI_LIMIT} bytes"))
            .into_response();
    }
    let header_bytes: usize = request.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if header_bytes > HEADERS_LIMIT {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "service.headers_too_large",
            format!("at most {HEADERS_LIMIT} bytes of headers"),
        )
        .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A registrant's page has their manage token in its address: no other site is told it.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
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
    /// A `Retry-After` in seconds (429, 503).
    retry_after: Option<u64>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError { status, code: code.to_owned(), message: message.into(), violations: Vec::new(), retry_after: None }
    }

    /// The one answer for anything not there, or not there for this caller: an
    /// unknown event and an event another organiser's token covers look alike.
    pub(crate) fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "service.not_found", "no such resource")
    }

    /// The one answer for a missing, malformed, unknown or revoked credential.
    pub(crate) fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "service.unauthorized", "a valid bearer token is needed")
    }

    /// The cause is logged; the caller hears only that it was ours.
    pub(crate) fn internal(cause: impl std::fmt::Display) -> Self {
        eprintln!("registration-service: internal error: {cause}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "service.internal", "internal error")
    }

    pub(crate) fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// A refusal with violations: the first error names the answer.
    pub(crate) fn violations(status: StatusCode, message: impl Into<String>, violations: Vec<Violation>) -> Self {
        let first = violations.iter().find(|v| v.is_error()).or(violations.first());
        let code = first.map_or("service.refused", |v| v.code.as_str()).to_owned();
        ApiError { status, code, message: message.into(), violations, retry_after: None }
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
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<Failure> for ApiError {
    fn from(f: Failure) -> Self {
        match f {
            Failure::Database(message) => ApiError::internal(message),
            Failure::Refused(kix_core::Error::Rejected(violations)) => {
                let unknown = violations.first().is_some_and(|v| v.code == Code::RegistrationUnknownId);
                if unknown {
                    return ApiError::not_found();
                }
                // A bad value is the request's; anything else the core refuses on a
                // registration it holds is a conflict with the registration's state.
                let bad_value =
                    |v: &Violation| matches!(v.code, Code::RegistrationTooLong | Code::RegistrationMissingField);
                let status = if violations.iter().any(bad_value) {
                    StatusCode::UNPROCESSABLE_ENTITY
                } else {
                    StatusCode::CONFLICT
                };
                let message = violations.first().map_or_else(String::new, |v| v.message.clone());
                ApiError::violations(status, message, violations)
            }
            Failure::Refused(other) => ApiError::internal(other),
        }
    }
}

/// Reads a request's JSON body: it must say `application/json` (415: a
/// cross-site form can send only `text/plain` and the form types), arrive
/// within the body timeout (408), fit the limit (413), be JSON (400) and a
/// JSON object of the expected shape (422). An empty body is `{}` where
/// `empty_is_object`.
pub(crate) async fn json_body<T: DeserializeOwned>(
    state: &State,
    headers: &HeaderMap,
    body: Body,
    empty_is_object: bool,
) -> Result<T, ApiError> {
    let limited = axum::body::to_bytes(body, BODY_LIMIT);
    let bytes: Bytes = match tokio::time::timeout(state.body_timeout, limited).await {
        Err(_) => {
            return Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "service.body_timeout",
                format!("the body did not arrive within {} s", state.body_timeout.as_secs()),
            ));
        }
        Ok(Err(_)) => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "service.body_too_large",
                format!("the body is over {BODY_LIMIT} bytes"),
            ));
        }
        Ok(Ok(bytes)) => bytes,
    };
    let empty = bytes.iter().all(u8::is_ascii_whitespace);
    let bytes = if empty && empty_is_object { Bytes::from_static(b"{}") } else { bytes };
    if !(is_json(headers) || empty && empty_is_object) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "service.unsupported_media_type",
            "the body must be application/json",
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "service.invalid_json", e.to_string()))?;
    if !value.is_object() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "service.not_an_object",
            "the body must be a JSON object",
        ));
    }
    serde_json::from_value(value)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "service.invalid_body", e.to_string()))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// The bearer token of a request, when it has the shape of one with `prefix`.
fn bearer<'h>(headers: &'h HeaderMap, prefix: &str) -> Option<&'h str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && secrets::well_formed(token, prefix)).then_some(token)
}

/// The organiser a request's token names, allowed `scope` on `event_id`: 401
/// without a live organiser token, 404 for an event it does not cover (as for
/// an unknown one), 403 for a manage action with a read token.
pub(crate) async fn organiser(
    state: &State,
    headers: &HeaderMap,
    event_id: &str,
    scope: Scope,
) -> Result<(Organiser, Event), ApiError> {
    let token = bearer(headers, secrets::ORGANISER).ok_or_else(ApiError::unauthorized)?;
    let digest = secrets::digest(token);
    let found = read_now(|| Ok(state.store.organiser(&digest)?))?;
    let organiser = found.ok_or_else(ApiError::unauthorized)?;
    let event = state.hub.event(event_id).filter(|_| organiser.covers(event_id)).ok_or_else(ApiError::not_found)?;
    if scope == Scope::Manage && organiser.scope != Scope::Manage {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "service.forbidden", "this token may only read"));
    }
    Ok((organiser, event.clone()))
}

pub(crate) fn find_event<'a>(hub: &'a Hub, id: &str) -> Result<&'a Event, ApiError> {
    hub.event(id).ok_or_else(ApiError::not_found)
}

/// Runs a store read in place: one indexed row (a registration, a token) is tens of
/// microseconds of SQLite, less than a hop to the blocking pool and back costs, and within
/// what a task may hold a worker between awaits. Readers never wait for the writer (WAL).
/// Reads of many rows (a page, the export) go to the blocking pool ([`blocking`]).
pub(crate) fn read_now<T>(work: impl FnOnce() -> Result<T, ApiError>) -> Result<T, ApiError> {
    work()
}

/// Runs a longer store read on the blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(ApiError::internal)?
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, HeaderMap, serde_json::Value) {
        let response = error.into_response();
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
        (parts.status, parts.headers, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    #[tokio::test]
    async fn an_internal_error_says_only_that_it_was_ours() {
        let (status, _, body) = body_of(ApiError::internal("database is locked at /srv/kix.sqlite3")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body, serde_json::json!({"code": "service.internal", "message": "internal error"}));
    }

    #[tokio::test]
    async fn a_refused_credential_asks_for_a_bearer_token_and_a_limit_says_when_to_come_back() {
        let (status, headers, body) = body_of(ApiError::unauthorized()).await;
        assert_eq!(
            (status, headers.get(header::WWW_AUTHENTICATE)),
            (StatusCode::UNAUTHORIZED, Some(&HeaderValue::from_static("Bearer")))
        );
        assert_eq!(body["code"], "service.unauthorized");
        let limited = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "service.rate_limited", "slow down").retry_after(7);
        let (_, headers, _) = body_of(limited).await;
        assert_eq!(headers.get(header::RETRY_AFTER), Some(&HeaderValue::from(7u64)));
    }
}
