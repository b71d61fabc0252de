//! The organiser's pages, behind a session (see [`super::session`]): the events the token
//! covers (`/organiser`), and one event's page (`/organiser/events/{id}`): its ledger, a page
//! of its registrations with their status and history, and the forms that approve, deny,
//! cancel, reinstate, approve past capacity and change the capacity, each running the same
//! operation as the JSON API (`api::organiser`), as the token. After a form, the page again
//! by redirect, saying what was done; when the core refuses, the page at once with its
//! messages. A read-only token sees no forms, and its posts are refused.

use axum::Form;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use kix_core::country::country_name;
use kix_core::{BookEntry, BookStatus, Event, HistoryEntry, SeatLedger, Violation};
use serde::Deserialize;
use serde_json::Value;

use super::session::{SignedIn, form_session, signed_in};
use super::texts::Texts;
use super::{PageError, html, see_other};
use crate::api::State;
use crate::api::organiser::{Action, act_on, change_capacity, roster};
use crate::api::public::seats;
use crate::store::{Failure, Organiser, Scope};

/// Registrations on one page of the list.
const PAGE_SIZE: u64 = 50;

/// The query of the organiser's pages.
#[derive(Debug, Default, Deserialize)]
pub(super) struct OrganiserQuery {
    lang: Option<String>,
    #[serde(default)]
    offset: u64,
    /// What was just done (after its redirect), and to which registration.
    done: Option<String>,
    rid: Option<String>,
    /// Set when the change left more seats held than the capacity.
    over: Option<String>,
}

/// Who is signed in, as the page header shows it.
struct Header {
    name: String,
    csrf: String,
}

impl Header {
    fn of(signed: &SignedIn) -> Header {
        Header { name: signed.session.organiser.name.clone(), csrf: signed.session.csrf.clone() }
    }
}

#[derive(askama::Template)]
#[template(path = "organiser_index.html")]
struct IndexPage<'a> {
    t: &'a Texts,
    who: Header,
    /// The events the token covers: (id, title).
    events: Vec<(String, String)>,
}

/// `GET /organiser`: the events the session's token covers, or the sign-in form's address.
pub(super) async fn index(
    Shared(state): Shared<State>,
    Query(query): Query<OrganiserQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let Some(signed) = signed_in(&state, &headers, &t).await? else { return Ok(to_sign_in(&t)) };
    let organiser = &signed.session.organiser;
    let events =
        state.hub.events.iter().filter(|e| organiser.covers(&e.id)).map(|e| (e.id.clone(), e.title.clone())).collect();
    html(StatusCode::OK, &t, &IndexPage { t: &t, who: Header::of(&signed), events })
}

fn to_sign_in(t: &Texts) -> Response {
    see_other(&format!("/organiser/sign-in?lang={}", t.lang))
}

/// One line of the ledger.
struct Count {
    /// Its key: the element's id is `ledger-{key}`.
    key: &'static str,
    label: String,
    value: String,
}

/// One step of a registration's history.
struct Step {
    at: String,
    instant: String,
    action: String,
    actor: String,
    by: Option<String>,
    reason: Option<String>,
    forced: bool,
}

/// One registration of the list, with the forms it allows.
struct Row {
    id: String,
    name: String,
    email: String,
    country: String,
    status: &'static str,
    status_text: String,
    submitted: String,
    submitted_instant: String,
    history: Vec<Step>,
    approve: bool,
    deny: bool,
    cancel: bool,
    reinstate: bool,
}

#[derive(askama::Template)]
#[template(path = "organiser_event.html")]
struct EventPage<'a> {
    t: &'a Texts,
    event: &'a Event,
    who: Header,
    /// Whether the token may act (else no forms are shown).
    manage: bool,
    ledger: Vec<Count>,
    /// Whether every seat is held: approving then needs the confirmed force.
    full: bool,
    /// The capacity as the form shows it (empty: unlimited).
    capacity: String,
    rows: Vec<Row>,
    /// Where the list starts: the forms send it back, so the redirect shows the same page.
    offset: u64,
    previous: Option<String>,
    next: Option<String>,
    done: Option<String>,
    /// The core's messages refusing the last form, in the page's language.
    problems: Vec<String>,
}

/// The event a session may see: one its token covers, else the same 404 as an unknown event.
fn covered<'a>(state: &'a State, organiser: &Organiser, id: &str, t: &Texts) -> Result<&'a Event, PageError> {
    state.hub.event(id).filter(|_| organiser.covers(id)).ok_or_else(|| PageError::NotFound(t.clone()))
}

/// `GET /organiser/events/{id}?lang=..&offset=..`: the ledger and a page of the list.
pub(super) async fn show(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    Query(query): Query<OrganiserQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let Some(signed) = signed_in(&state, &headers, &t).await? else { return Ok(to_sign_in(&t)) };
    let event = covered(&state, &signed.session.organiser, &id, &t)?;
    let done = query.done.as_deref().filter(|d| ["approve", "deny", "cancel", "reinstate", "capacity"].contains(d));
    let done = done.map(|action| {
        // The id goes back into the page only in its own shape.
        let rid = query.rid.as_deref().filter(|r| r.len() < 20 && r.starts_with("r-")).unwrap_or_default();
        let said = t.with("page-org-done", &[("action", action.into()), ("id", rid.into())]);
        if query.over.is_some() { format!("{said} {}", t.get("page-org-over-capacity")) } else { said }
    });
    render(&state, &t, event, &signed, query.offset, done, Vec::new()).await
}

/// The event's page with `done` said and the core's `problems` shown.
async fn render(
    state: &State,
    t: &Texts,
    event: &Event,
    signed: &SignedIn,
    offset: u64,
    done: Option<String>,
    problems: Vec<String>,
) -> Result<Response, PageError> {
    let failed = |f: Failure| PageError::from_failure(t.clone(), f);
    let ledger = seats(state, &event.id).await.map_err(failed)?;
    let store = std::sync::Arc::clone(&state.store);
    let event_id = event.id.clone();
    let entries = tokio::task::spawn_blocking(move || store.page(&event_id, offset, PAGE_SIZE))
        .await
        .map_err(|e| PageError::Internal(t.clone(), e.to_string()))?
        .map_err(failed)?;
    let full = ledger.capacity.is_some() && ledger.free == Some(0);
    let here = |offset: u64| format!("/organiser/events/{}?lang={}&offset={offset}", event.id, t.lang);
    let page = EventPage {
        t,
        event,
        who: Header::of(signed),
        manage: signed.session.organiser.scope == Scope::Manage,
        ledger: counts(t, &ledger),
        full,
        capacity: ledger.capacity.map(|c| c.to_string()).unwrap_or_default(),
        previous: (offset > 0).then(|| here(offset.saturating_sub(PAGE_SIZE))),
        next: (entries.len() as u64 == PAGE_SIZE).then(|| here(offset + PAGE_SIZE)),
        rows: entries.iter().map(|entry| row(t, entry)).collect(),
        offset,
        done,
        problems,
    };
    html(StatusCode::OK, t, &page)
}

/// The ledger's lines, in the page's language.
fn counts(t: &Texts, ledger: &SeatLedger) -> Vec<Count> {
    let unlimited = || t.get("page-org-unlimited");
    let number = |n: u64| n.to_string();
    [
        ("capacity", ledger.capacity.map_or_else(unlimited, number)),
        ("confirmed", number(ledger.confirmed)),
        ("pending", number(ledger.pending)),
        ("offered", number(ledger.offered)),
        ("waitlisted", number(ledger.waitlisted)),
        ("free", ledger.free.map_or_else(unlimited, number)),
        ("cancelled", number(ledger.cancelled)),
        ("denied", number(ledger.denied)),
    ]
    .into_iter()
    .map(|(key, value)| Count { key, label: t.with("page-org-count", &[("what", key.into())]), value })
    .collect()
}

/// An instant as organisers in several zones read it alike: in UTC, said so.
fn utc(at: DateTime<Utc>) -> (String, String) {
    (at.format("%Y-%m-%d %H:%M UTC").to_string(), at.to_rfc3339())
}

/// A serde name (`accept_offer`, `organiser`), for the texts that choose by it.
fn name_of(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn row(t: &Texts, entry: &BookEntry) -> Row {
    let status = entry.status;
    let (submitted, submitted_instant) = utc(entry.submitted_at);
    let step = |h: &HistoryEntry| {
        let (at, instant) = utc(h.at);
        Step {
            at,
            instant,
            action: t.with("page-org-action", &[("action", name_of(h.action))]),
            actor: t.with("page-org-actor", &[("actor", name_of(h.actor))]),
            by: h.by.clone(),
            reason: h.reason.clone(),
            forced: h.forced,
        }
    };
    let country = entry.country.map(|c| country_name(c.as_str(), t.lang).unwrap_or(c.as_str()).to_owned());
    Row {
        id: entry.id.clone(),
        name: entry.record.full_name.clone().unwrap_or_default(),
        email: entry.email.clone(),
        country: country.unwrap_or_default(),
        status: status.as_str(),
        status_text: t.with("page-org-status", &[("status", status.as_str().into())]),
        submitted,
        submitted_instant,
        history: entry.history.iter().map(step).collect(),
        // Which forms the status allows; the core still decides each.
        approve: matches!(status, BookStatus::Pending | BookStatus::Waitlisted | BookStatus::Offered),
        deny: !matches!(status, BookStatus::Denied | BookStatus::Cancelled),
        cancel: !matches!(status, BookStatus::Denied | BookStatus::Cancelled),
        reinstate: matches!(status, BookStatus::Denied | BookStatus::Cancelled),
    }
}

/// What the organiser's forms post (each form sends the fields it has).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActionForm {
    csrf: String,
    lang: String,
    reason: String,
    /// The ticked box confirming an approval past capacity.
    force: Option<String>,
    /// Seats (empty: unlimited), on the capacity form.
    capacity: String,
    /// Which page of the list the form was on, to go back to it.
    offset: u64,
}

/// The session a form belongs to, on an event it covers, with the right to act: 403 for a
/// missing or wrong CSRF token (first: a forged form learns nothing), 404 for an event the
/// token does not cover, 403 for a read-only token.
async fn acting(
    state: &State,
    headers: &HeaderMap,
    t: &Texts,
    id: &str,
    form: &ActionForm,
) -> Result<SignedIn, PageError> {
    let signed = form_session(state, headers, t, &form.csrf).await?;
    covered(state, &signed.session.organiser, id, t)?;
    if signed.session.organiser.scope != Scope::Manage {
        return Err(PageError::Forbidden(t.clone()));
    }
    Ok(signed)
}

/// Where a form's outcome is shown: the event's page by redirect, or at once with the
/// core's reasons for refusing.
async fn answer<T>(
    state: &State,
    t: &Texts,
    id: &str,
    signed: &SignedIn,
    form: &ActionForm,
    outcome: Result<T, Failure>,
    done: impl FnOnce(&T) -> String,
) -> Result<Response, PageError> {
    match outcome {
        Ok(applied) => {
            let page = format!("/organiser/events/{id}?lang={}&offset={}&{}", t.lang, form.offset, done(&applied));
            Ok(see_other(&page))
        }
        Err(Failure::Refused(refused)) => {
            let event = covered(state, &signed.session.organiser, id, t)?;
            let problems = refused.violations().iter().map(|v| v.message_in(t.lang).text).collect();
            render(state, t, event, signed, form.offset, None, problems).await
        }
        Err(failure) => Err(PageError::from_failure(t.clone(), failure)),
    }
}

/// The query that says a change left more seats held than the capacity.
fn over(warnings: &[Violation]) -> &'static str {
    if warnings.iter().any(|w| w.code == kix_core::Code::RegistrationOverCapacity) { "&over=1" } else { "" }
}

/// `POST /organiser/events/{id}/registrations/{rid}/{approve|deny|cancel|reinstate}`.
pub(super) async fn act(
    Shared(state): Shared<State>,
    Path((id, rid, action)): Path<(String, String, String)>,
    headers: HeaderMap,
    Form(form): Form<ActionForm>,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(Some(&form.lang), &headers);
    let signed = acting(&state, &headers, &t, &id, &form).await?;
    let action = Action::named(&action).ok_or_else(|| PageError::NotFound(t.clone()))?;
    let reason = Some(form.reason.clone());
    let who = &signed.session.organiser;
    let outcome = act_on(&state, who, &id, rid.clone(), action, reason, form.force.is_some()).await;
    answer(&state, &t, &id, &signed, &form, outcome, |(applied, _)| {
        format!("done={}&rid={rid}{}", action.name(), over(&applied.warnings))
    })
    .await
}

/// `POST /organiser/events/{id}/capacity`: seats, or empty for unlimited.
pub(super) async fn capacity(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<ActionForm>,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(Some(&form.lang), &headers);
    let signed = acting(&state, &headers, &t, &id, &form).await?;
    let seats = form.capacity.trim();
    let capacity = if seats.is_empty() { Ok(None) } else { seats.parse::<u32>().map(Some) };
    let Ok(capacity) = capacity else {
        // Not a number of seats: the form's own field, before any rule of the core.
        let event = covered(&state, &signed.session.organiser, &id, &t)?;
        let problem = t.get("page-org-capacity-invalid");
        return render(&state, &t, event, &signed, form.offset, None, vec![problem]).await;
    };
    let who = &signed.session.organiser;
    let outcome = change_capacity(&state, who, &id, capacity, Some(form.reason.clone())).await;
    answer(&state, &t, &id, &signed, &form, outcome, |(applied, _)| format!("done=capacity{}", over(&applied.warnings)))
        .await
}

/// `GET /organiser/events/{id}/registrations.csv`: the core's roster, for a session whose
/// token covers the event.
pub(super) async fn export(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    Query(query): Query<OrganiserQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let Some(signed) = signed_in(&state, &headers, &t).await? else { return Ok(to_sign_in(&t)) };
    let event = covered(&state, &signed.session.organiser, &id, &t)?;
    roster(&state, &event.id).await.map_err(|f| PageError::from_failure(t, f))
}
