//! The registrant's own page, reached by the manage link their registration answered
//! (`/manage/{token}`): it is where the form's redirect lands (the confirmation: the status
//! said plainly, the time in their zone, the calendar file) and where they later change their
//! details, cancel, or answer an offered seat. The token in the path is the credential, so
//! another site cannot forge these forms; the core decides every change, as the registrant.
//! Also the answer to an address already registered ("check your e-mail").

use axum::Form;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use kix_core::{Actor, BookEntry, BookStatus, Event, Registration};
use serde::Deserialize;

use super::event::PageQuery;
use super::texts::Texts;
use super::time::{ReaderTime, registrant_zone};
use super::{MessagePage, PageError, html, see_other};
use crate::api::State;
use crate::api::me::own_calendar;
use crate::secrets;
use crate::store::{Failure, Mine};

#[derive(askama::Template)]
#[template(path = "manage.html")]
pub(super) struct ManagePage<'a> {
    t: &'a Texts,
    event: &'a Event,
    /// This page's own path (`/manage/{token}`): the forms post below it.
    link: String,
    /// What the status means for the registrant, in the page's language.
    status_text: String,
    /// The status's name, for the page's style.
    status: &'static str,
    reader: Option<ReaderTime>,
    zone: String,
    /// What was just done, said in the page's language.
    done: Option<String>,
    /// Why the last action was refused (the core's message in the page's language).
    problem: Option<String>,
    /// Whether a seat is offered (accept or decline).
    offered: bool,
    /// Whether the registration can still be changed or cancelled.
    active: bool,
    full_name: String,
    organisation: String,
}

/// The query of the manage page.
#[derive(Debug, Default, Deserialize)]
pub(super) struct ManageQuery {
    lang: Option<String>,
    zone: Option<String>,
    /// The action just done (after its redirect).
    done: Option<String>,
}

/// The registration a manage token was issued for; any malformed or unknown token is the
/// same "no such registration" page.
async fn mine(state: &State, token: &str, t: &Texts) -> Result<Mine, PageError> {
    if !secrets::well_formed(token, secrets::MANAGE) {
        return Err(PageError::NotFound(t.clone()));
    }
    let digest = secrets::digest(token);
    // One indexed row, read in place (see `api::read_now`).
    state
        .store
        .mine(&digest)
        .map_err(|f| PageError::from_failure(t.clone(), f))?
        .ok_or_else(|| PageError::NotFound(t.clone()))
}

fn page<'a>(
    state: &State,
    t: &'a Texts,
    event: &'a Event,
    token: &str,
    entry: &BookEntry,
    zone: &str,
) -> ManagePage<'a> {
    let tz = registrant_zone(&state.hub, event, zone, entry.country);
    let status = entry.status.as_str();
    ManagePage {
        t,
        event,
        link: format!("/manage/{token}"),
        status_text: t.with("page-status", &[("status", status.into())]),
        status,
        reader: tz.and_then(|tz| ReaderTime::of(event, tz, t)),
        zone: tz.map(|z| z.name().to_owned()).unwrap_or_default(),
        done: None,
        problem: None,
        offered: entry.status == BookStatus::Offered,
        active: !matches!(entry.status, BookStatus::Cancelled | BookStatus::Denied),
        full_name: entry.record.full_name.clone().unwrap_or_default(),
        organisation: entry.record.organisation.clone().unwrap_or_default(),
    }
}

/// `GET /manage/{token}?lang=..&zone=..&done=..`.
pub(super) async fn show(
    Shared(state): Shared<State>,
    Path(token): Path<String>,
    Query(query): Query<ManageQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let Mine { event_id, entry } = mine(&state, &token, &t).await?;
    let event = state.hub.event(&event_id).ok_or_else(|| PageError::NotFound(t.clone()))?;
    let mut shown = page(&state, &t, event, &token, &entry, query.zone.as_deref().unwrap_or_default());
    shown.done = query
        .done
        .filter(|d| ["cancel", "accept", "decline", "update"].contains(&d.as_str()))
        .map(|d| t.with("page-done", &[("action", d.into())]));
    html(StatusCode::OK, &t, &shown)
}

/// What the manage page's forms post.
#[derive(Debug, Default, Deserialize)]
pub(super) struct ManageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    zone: String,
    full_name: Option<String>,
    organisation: Option<String>,
}

/// `POST /manage/{token}/{cancel|accept|decline|update}`: the core's operation as the
/// registrant; then the page again by redirect, saying what was done, or at once with the
/// core's reason for refusing.
pub(super) async fn act(
    Shared(state): Shared<State>,
    Path((token, action)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<ManageForm>,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(Some(&form.lang), &headers);
    if !["cancel", "accept", "decline", "update"].contains(&action.as_str()) {
        return Err(PageError::NotFound(t));
    }
    let Mine { event_id, entry } = mine(&state, &token, &t).await?;
    let rid = entry.id.clone();
    let mut record: Registration = (*entry.record).clone();
    if action == "update" {
        record.full_name = form.full_name.clone().map(|n| n.trim().to_owned());
        record.organisation = form.organisation.clone().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
    }
    let verb = action.clone();
    let outcome = state
        .store
        .write(&event_id, move |hub, event, book, _| {
            let now = Utc::now();
            match verb.as_str() {
                "cancel" => book.cancel(event, &rid, Actor::Registrant, None, now),
                "accept" => book.accept_offer(event, &rid, now),
                "decline" => book.decline_offer(event, &rid, now),
                _ => book.update(hub, event, &rid, &record, now),
            }
        })
        .await;
    let event = state.hub.event(&event_id).ok_or_else(|| PageError::NotFound(t.clone()))?;
    match outcome {
        Ok(_) => {
            // The zone goes back into the address only when the core knows it by that name.
            let zone =
                if kix_core::resolve_zone(&form.zone).is_ok() { format!("&zone={}", form.zone) } else { String::new() };
            Ok(see_other(&format!("/manage/{token}?lang={}{zone}&done={action}", t.lang)))
        }
        Err(Failure::Refused(refused)) => {
            let mut shown = page(&state, &t, event, &token, &entry, &form.zone);
            let messages: Vec<String> = refused.violations().iter().map(|v| v.message_in(t.lang).text).collect();
            shown.problem = Some(messages.join(" "));
            // 200: a page to read and correct (the JSON API answers 409/422).
            html(StatusCode::OK, &t, &shown)
        }
        Err(failure) => Err(PageError::from_failure(t, failure)),
    }
}

/// `GET /manage/{token}/ics`: the registrant's own invitation (or cancellation), else the
/// event's calendar file.
pub(super) async fn calendar(
    Shared(state): Shared<State>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(None, &headers);
    let Mine { event_id, entry } = mine(&state, &token, &t).await?;
    let event = state.hub.event(&event_id).ok_or_else(|| PageError::NotFound(t.clone()))?;
    own_calendar(&state.hub, event, entry).map_err(|e| PageError::Internal(t, e.to_string()))
}

/// `GET /events/{id}/check-email`: the same words whoever submitted the address.
pub(super) async fn check_email(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let event = state.hub.event(&id).ok_or_else(|| PageError::NotFound(t.clone()))?;
    let page = MessagePage {
        t: &t,
        title: t.get("page-check-email-title"),
        message: t.get("page-check-email"),
        back: Some(format!("/events/{}?lang={}", event.id, t.lang)),
    };
    html(StatusCode::OK, &t, &page)
}

#[cfg(test)]
mod tests {
    use askama::Template;

    use super::*;

    #[test]
    fn every_status_is_said_plainly_in_each_language_with_what_the_registrant_may_do() {
        let event = kix_core::emap().event("kix-emap-webinar-20").unwrap();
        for lang in ["en", "ru", "ar"] {
            let t = Texts { lang };
            let mut said = Vec::new();
            for status in [BookStatus::Confirmed, BookStatus::Pending, BookStatus::Waitlisted, BookStatus::Offered] {
                let status_text = t.with("page-status", &[("status", status.as_str().into())]);
                let page = ManagePage {
                    t: &t,
                    event,
                    link: "/manage/kixm_x".into(),
                    status_text: status_text.clone(),
                    status: status.as_str(),
                    reader: ReaderTime::of(event, chrono_tz::Asia::Bishkek, &t),
                    zone: "Asia/Bishkek".into(),
                    done: None,
                    problem: None,
                    offered: status == BookStatus::Offered,
                    active: true,
                    full_name: "Айгерим <b>".into(),
                    organisation: String::new(),
                };
                let html = page.render().unwrap();
                // As askama escapes it (the English pending text has an apostrophe).
                let shown = status_text.replace('\'', "&#39;");
                assert!(!html.contains("page-") && html.contains(&shown), "{lang}: {html}");
                assert!(html.contains(">17:00</time>"), "{lang}");
                assert!(!html.contains("Айгерим <b>"), "the name is escaped: {html}");
                assert_eq!(html.contains("id=\"accept\""), status == BookStatus::Offered);
                said.push(status_text);
            }
            said.dedup();
            assert_eq!(said.len(), 4, "{lang}: each status has its own words");
        }
    }
}
