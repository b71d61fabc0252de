//! The registration pages people use in a browser: the event page with its form
//! (`GET`/`POST /events/{id}`), the reader's time (`GET /events/{id}/time`), the registrant's
//! own page behind their manage link (`/manage/{token}`: the confirmation, changes, cancelling,
//! an offered seat), the "check your e-mail" answer, the organiser's pages (`/organiser/...`:
//! signing in with an organiser token, the event's ledger and list, the actions and the
//! export), and the stylesheet and script.
//!
//! Every decision is the core's: the registration rules and their messages, the listing, the
//! country names, the zones and the page texts (Fluent, `page-` ids in `kix-core/locales/`).
//! The pages only choose a language, convert form fields to a `Registration` and the core's
//! answers to HTML, through askama templates (`templates/`) that escape by default. They work
//! without JavaScript (forms post, then redirect); the script only adds the browser's zone.

mod event;
mod manage;
mod organiser;
mod session;
mod texts;
mod time;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::api::State;
use crate::store::Failure;
use texts::Texts;

/// The pages' routes, merged into the service's router.
pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/events/{id}", get(event::show).post(event::submit))
        .route("/events/{id}/time", get(time::reader_time))
        .route("/manage/{token}", get(manage::show))
        .route("/manage/{token}/ics", get(manage::calendar))
        .route("/manage/{token}/{action}", post(manage::act))
        .route("/events/{id}/check-email", get(manage::check_email))
        .route("/organiser", get(organiser::index))
        .route("/organiser/sign-in", get(session::sign_in_form).post(session::sign_in))
        .route("/organiser/sign-out", post(session::sign_out))
        .route("/organiser/events/{id}", get(organiser::show))
        .route("/organiser/events/{id}/registrations.csv", get(organiser::export))
        .route("/organiser/events/{id}/capacity", post(organiser::capacity))
        .route("/organiser/events/{id}/registrations/{rid}/{action}", post(organiser::act))
        .route("/static/site.css", get(|| async { asset("text/css; charset=utf-8", STYLESHEET) }))
        .route("/static/zone.js", get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }))
}

/// The one stylesheet, compiled into the binary so the service stays one file to run.
const STYLESHEET: &str = include_str!("../../static/site.css");
/// The script that puts the browser's zone into the form and shows the time in it.
const SCRIPT: &str = include_str!("../../static/zone.js");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

/// A page that could not be shown: an unknown event or registration, or a failure of ours.
pub(super) enum PageError {
    /// No such event or registration (one answer for both, so ids cannot be probed).
    NotFound(Texts),
    /// Too many submissions from this client: try again shortly.
    Busy(Texts),
    /// An organiser's form without its session's CSRF token (stale, altered or from
    /// elsewhere), or an action the session's token may not take: nothing was changed.
    Forbidden(Texts),
    /// The database or a template failed; the reason is logged, not shown.
    Internal(Texts, String),
}

impl PageError {
    fn from_failure(t: Texts, failure: Failure) -> Self {
        match failure {
            Failure::Database(reason) => PageError::Internal(t, reason),
            Failure::Refused(e) => PageError::Internal(t, e.to_string()),
        }
    }
}

/// A short page with one message (an error, or "check your e-mail").
#[derive(askama::Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    t: &'a Texts,
    title: String,
    message: String,
    back: Option<String>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, t, id) = match self {
            PageError::NotFound(t) => (StatusCode::NOT_FOUND, t, "page-not-found"),
            PageError::Busy(t) => (StatusCode::TOO_MANY_REQUESTS, t, "page-too-many"),
            PageError::Forbidden(t) => (StatusCode::FORBIDDEN, t, "page-org-forbidden"),
            PageError::Internal(t, reason) => {
                eprintln!("registration-service: page: {reason}");
                (StatusCode::INTERNAL_SERVER_ERROR, t, "page-internal-error")
            }
        };
        let page = MessagePage { t: &t, title: t.get(id), message: t.get(id), back: None };
        match askama::Template::render(&page) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        }
    }
}

/// A template rendered as a page with its status; a template that fails is our failure.
fn html(status: StatusCode, t: &Texts, page: &impl askama::Template) -> Result<Response, PageError> {
    let body = page.render().map_err(|e| PageError::Internal(t.clone(), e.to_string()))?;
    Ok((status, Html(body)).into_response())
}

/// After a form post: the page to load next, by `GET` (a reload never posts twice).
fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}
