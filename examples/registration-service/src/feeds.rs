//! The calendar feeds people subscribe to: `GET /calendar.ics` (every event of the hub),
//! `?country=KG` (the events open to a country) and `?series=NAME` (one series), written by
//! the core's feed writer. A feed names no registrant. The hub is read once at start, so a
//! feed changes only when the service restarts with another hub: its `Last-Modified` is when
//! the hub was read, its `ETag` a hash of its text (written with that same instant as
//! `DTSTAMP`, so equal hubs give equal tags), and a client that already has it gets 304.

use axum::extract::{Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use kix_core::calendar::{CalendarFilter, feed};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::api::{ApiError, State};

/// The feed's filters, from the query string.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FeedQuery {
    /// An ISO 3166-1 code or a country's name.
    country: Option<String>,
    /// A series' name, as the events write it.
    series: Option<String>,
}

/// How long a client may use its copy without asking again.
const MAX_AGE_SECONDS: u32 = 300;

/// `Sun, 06 Dec 2026 10:00:00 GMT` (RFC 9110's IMF-fixdate).
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Whether the client's copy is current: `If-None-Match` decides when it is sent (RFC 9110,
/// 13.2.2), else `If-Modified-Since` at a one-second resolution.
fn not_modified(headers: &HeaderMap, etag: &str, modified: DateTime<Utc>) -> bool {
    if let Some(tags) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return tags.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == etag);
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|since| modified.timestamp() <= since.timestamp())
}

pub(crate) async fn calendar_feed(
    Shared(state): Shared<State>,
    query: Result<Query<FeedQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|r| ApiError::new(StatusCode::BAD_REQUEST, "service.bad_query", r.body_text()))?;
    let filter = match (query.country, query.series) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(StatusCode::BAD_REQUEST, "service.bad_query", "ask for a country or a series"));
        }
        (Some(country), None) => CalendarFilter::Country(
            kix_core::resolve_country(&country)
                .map_err(|v| ApiError::new(StatusCode::NOT_FOUND, "service.unknown_country", v.message.clone()))?,
        ),
        (None, Some(series)) => CalendarFilter::Series(series),
        (None, None) => CalendarFilter::All,
    };
    let modified = state.started;
    let text = feed(&state.hub, &filter, modified)
        .map_err(|e| ApiError::new(StatusCode::NOT_FOUND, "service.no_such_feed", e.to_string()))?;
    let digest = Sha256::digest(text.as_bytes());
    let etag = format!("\"{}\"", digest.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>());
    let cache = [
        (header::ETAG, etag.clone()),
        (header::LAST_MODIFIED, http_date(modified)),
        (header::CACHE_CONTROL, format!("public, max-age={MAX_AGE_SECONDS}")),
    ];
    if not_modified(&headers, &etag, modified) {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((cache, [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], text).into_response())
}
