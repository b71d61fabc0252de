//! Organisers signing in to the pages: the sign-in form takes an organiser token, checks it
//! with the store as the JSON API does, and opens a session (kept in the store: see
//! `store::sessions`). The browser holds only the session's id, in the `kix_session` cookie:
//! `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page sends it),
//! `Path=/organiser` (no other page of the service receives it), `Secure` when the service's
//! public address is https. Every organiser form also carries the session's CSRF token in a
//! hidden field, compared in constant time on every `POST`: a form from another site, from
//! an ended session, or altered, is refused (403) before anything is read or changed.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Query, State as Shared};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use chrono::{Duration, Utc};
use serde::Deserialize;

use super::event::PageQuery;
use super::texts::Texts;
use super::{PageError, html, see_other};
use crate::api::State;
use crate::secrets::{self, Digest32};
use crate::store::sessions::Session;

/// The session cookie's name.
pub(super) const COOKIE: &str = "kix_session";

/// How long a session lasts: a working day, after which the token is asked for again.
pub(super) const LIFETIME: Duration = Duration::hours(8);

/// The `Set-Cookie` value that gives the browser its session.
pub(super) fn session_cookie(id: &str, secure: bool) -> String {
    let max_age = LIFETIME.num_seconds();
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/organiser; Max-Age={max_age}{secure}")
}

/// The `Set-Cookie` value that makes the browser forget its session.
pub(super) fn ended_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/organiser; Max-Age=0{secure}")
}

/// Whether the browser reaches the service over TLS (the cookie must then never travel without it).
fn secure(state: &State) -> bool {
    state.public_url.starts_with("https://")
}

/// The session id a request presents, when it has the shape of one.
fn presented(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .find(|id| secrets::well_formed(id, secrets::SESSION))
}

/// A request's live session, and its id's digest (to end it).
pub(super) struct SignedIn {
    pub(super) session: Session,
    digest: Digest32,
}

/// The live session a request presents: `None` without a cookie, or with one whose session
/// expired, was ended, or whose token was revoked.
pub(super) async fn signed_in(state: &State, headers: &HeaderMap, t: &Texts) -> Result<Option<SignedIn>, PageError> {
    let Some(id) = presented(headers) else { return Ok(None) };
    let digest = secrets::digest(id);
    let store = Arc::clone(&state.store);
    let session = tokio::task::spawn_blocking(move || store.session(&digest, Utc::now()))
        .await
        .map_err(|e| PageError::Internal(t.clone(), e.to_string()))?
        .map_err(|f| PageError::from_failure(t.clone(), f))?;
    Ok(session.map(|session| SignedIn { session, digest }))
}

/// Whether a form's CSRF token is its session's, compared without an early exit.
pub(super) fn csrf_matches(session: &Session, presented: &str) -> bool {
    secrets::same(&secrets::digest(presented), &secrets::digest(&session.csrf))
}

/// The session a posted form belongs to: a live session and its CSRF token, else 403 with
/// nothing changed.
pub(super) async fn form_session(
    state: &State,
    headers: &HeaderMap,
    t: &Texts,
    csrf: &str,
) -> Result<SignedIn, PageError> {
    let signed = signed_in(state, headers, t).await?;
    signed.filter(|s| csrf_matches(&s.session, csrf)).ok_or_else(|| PageError::Forbidden(t.clone()))
}

#[derive(askama::Template)]
#[template(path = "organiser_sign_in.html")]
struct SignInPage<'a> {
    t: &'a Texts,
    /// Why the token was not taken, in the page's language.
    problem: Option<String>,
}

/// `GET /organiser/sign-in?lang=..`: the form.
pub(super) async fn sign_in_form(Query(query): Query<PageQuery>, headers: HeaderMap) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    html(StatusCode::OK, &t, &SignInPage { t: &t, problem: None })
}

/// What the sign-in form posts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SignInForm {
    token: String,
    lang: String,
}

/// `POST /organiser/sign-in`: a live organiser token opens a session and goes to the
/// organiser's events; anything else is the form again with one message for every kind of
/// wrong token (malformed, unknown, revoked), so it tells nothing about tokens.
pub(super) async fn sign_in(
    Shared(state): Shared<State>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(Some(&form.lang), &headers);
    // No session yet, so no CSRF token: a browser says where the form came from, and a form
    // on another site must not sign this browser in with someone else's token.
    let origin = headers.get(header::ORIGIN).map(HeaderValue::to_str);
    if origin.is_some_and(|o| o.map_or(true, |o| o != &*state.public_url)) {
        return Err(PageError::Forbidden(t));
    }
    let token = form.token.trim();
    let organiser = if secrets::well_formed(token, secrets::ORGANISER) {
        let digest = secrets::digest(token);
        let store = Arc::clone(&state.store);
        tokio::task::spawn_blocking(move || store.organiser(&digest))
            .await
            .map_err(|e| PageError::Internal(t.clone(), e.to_string()))?
            .map_err(|f| PageError::from_failure(t.clone(), f))?
    } else {
        None
    };
    let Some(organiser) = organiser else {
        // 200: a form to correct, like the registration form (a 4xx page is an error in the console).
        let page = SignInPage { t: &t, problem: Some(t.get("page-org-sign-in-refused")) };
        return html(StatusCode::OK, &t, &page);
    };
    let store = Arc::clone(&state.store);
    let opened = tokio::task::spawn_blocking(move || store.open_session(&organiser.name, Utc::now(), LIFETIME))
        .await
        .map_err(|e| PageError::Internal(t.clone(), e.to_string()))?
        .map_err(|f| PageError::from_failure(t.clone(), f))?;
    let mut response = see_other(&format!("/organiser?lang={}", t.lang));
    set_cookie(&mut response, &session_cookie(&opened, secure(&state)), &t)?;
    Ok(response)
}

/// What the sign-out form posts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SignOutForm {
    csrf: String,
    lang: String,
}

/// `POST /organiser/sign-out`: the session ends here and in the browser.
pub(super) async fn sign_out(
    Shared(state): Shared<State>,
    headers: HeaderMap,
    Form(form): Form<SignOutForm>,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(Some(&form.lang), &headers);
    let signed = form_session(&state, &headers, &t, &form.csrf).await?;
    let store = Arc::clone(&state.store);
    tokio::task::spawn_blocking(move || store.end_session(&signed.digest))
        .await
        .map_err(|e| PageError::Internal(t.clone(), e.to_string()))?
        .map_err(|f| PageError::from_failure(t.clone(), f))?;
    let mut response = see_other(&format!("/organiser/sign-in?lang={}", t.lang));
    set_cookie(&mut response, &ended_cookie(secure(&state)), &t)?;
    Ok(response)
}

fn set_cookie(response: &mut Response, cookie: &str, t: &Texts) -> Result<(), PageError> {
    let value = HeaderValue::from_str(cookie).map_err(|e| PageError::Internal(t.clone(), e.to_string()))?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_for_the_organiser_pages_only_out_of_scripts_reach_and_secure_over_tls() {
        let cookie = session_cookie("kixs_abc", true);
        assert_eq!(
            cookie, "kix_session=kixs_abc; HttpOnly; SameSite=Strict; Path=/organiser; Max-Age=28800; Secure",
            "eight hours"
        );
        assert!(!session_cookie("kixs_abc", false).contains("Secure"), "plain http: a Secure cookie would be dropped");
        let ended = ended_cookie(false);
        assert!(ended.starts_with("kix_session=;") && ended.contains("Max-Age=0") && ended.contains("Path=/organiser"));
    }

    #[test]
    fn the_session_id_is_read_from_among_other_cookies_and_only_in_its_shape() {
        let (id, _) = secrets::new_secret(secrets::SESSION).unwrap();
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("theme=dark; kix_session=kixs_short"));
        assert_eq!(presented(&headers), None, "a value not shaped like a session id is not looked up");
        headers.append(header::COOKIE, HeaderValue::from_str(&format!("a=b; {COOKIE}={id}")).unwrap());
        assert_eq!(presented(&headers), Some(id.as_str()));
        let mut other = HeaderMap::new();
        other.insert(header::COOKIE, HeaderValue::from_str(&format!("not_kix_session={id}")).unwrap());
        assert_eq!(presented(&other), None);
    }

    #[test]
    fn only_the_sessions_own_csrf_token_passes() {
        let organiser =
            crate::store::Organiser { name: "hub desk".into(), scope: crate::store::Scope::Manage, events: vec![] };
        let (csrf, _) = secrets::new_secret(secrets::CSRF).unwrap();
        let session = Session { organiser, csrf: csrf.clone() };
        assert!(csrf_matches(&session, &csrf));
        let mut altered = csrf.clone();
        altered.pop();
        altered.push(if csrf.ends_with('0') { '1' } else { '0' });
        for wrong in [altered.as_str(), "", &csrf[..csrf.len() - 1], &secrets::new_secret(secrets::CSRF).unwrap().0] {
            assert!(!csrf_matches(&session, wrong), "{wrong:?}");
        }
    }
}
