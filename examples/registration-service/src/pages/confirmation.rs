//! After the form: the confirmation (the registration's status said plainly, the time in the
//! registrant's zone, the calendar file) and the answer to an address already registered.

use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kix_core::Event;

use super::event::PageQuery;
use super::texts::Texts;
use super::time::{ReaderTime, registrant_zone};
use super::{MessagePage, PageError, blocking, html};
use crate::api::State;

#[derive(askama::Template)]
#[template(path = "confirmation.html")]
pub(super) struct ConfirmationPage<'a> {
    t: &'a Texts,
    event: &'a Event,
    /// What the status means for the registrant, in the page's language.
    status_text: String,
    /// The status's name, for the page's style (`confirmed`, `pending`, `waitlisted`, ...).
    status: &'static str,
    reader: Option<ReaderTime>,
    /// The invitation (`.ics`) to download.
    ics: String,
}

/// `GET /events/{id}/registered/{rid}?lang=..&zone=..`: where the form's redirect lands.
pub(super) async fn registered(
    Shared(state): Shared<State>,
    Path((id, rid)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let event = state.hub.event(&id).ok_or_else(|| PageError::NotFound(t.clone()))?;
    let (shared, read, wanted) = (state.clone(), event.clone(), rid.clone());
    let entry = blocking(move || super::registration(&shared, &read, &wanted))
        .await
        .map_err(|f| PageError::from_failure(t.clone(), f))?
        .ok_or_else(|| PageError::NotFound(t.clone()))?;
    let zone = registrant_zone(&state.hub, event, query.zone.as_deref().unwrap_or_default(), entry.country);
    let status = entry.status.as_str();
    let page = ConfirmationPage {
        t: &t,
        event,
        status_text: t.with("page-status", &[("status", status.into())]),
        status,
        reader: zone.and_then(|tz| ReaderTime::of(event, tz, &t)),
        ics: format!("/events/{}/registrations/{rid}/ics", event.id),
    };
    html(StatusCode::OK, &t, &page)
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
    use kix_core::BookStatus;

    use super::*;

    #[test]
    fn every_status_is_said_plainly_in_each_language() {
        let event = kix_core::emap().event("kix-emap-webinar-20").unwrap();
        for lang in ["en", "ru", "ar"] {
            let t = Texts { lang };
            let mut said = Vec::new();
            for status in [BookStatus::Confirmed, BookStatus::Pending, BookStatus::Waitlisted, BookStatus::Offered] {
                let status_text = t.with("page-status", &[("status", status.as_str().into())]);
                let page = ConfirmationPage {
                    t: &t,
                    event,
                    status_text: status_text.clone(),
                    status: status.as_str(),
                    reader: ReaderTime::of(event, chrono_tz::Asia::Bishkek, &t),
                    ics: "/x.ics".into(),
                };
                let html = page.render().unwrap();
                // As askama escapes it (the English pending text has an apostrophe).
                let shown = status_text.replace('\'', "&#39;");
                assert!(!html.contains("page-") && html.contains(&shown), "{lang}: {html}");
                assert!(html.contains(">17:00</time>"), "{lang}");
                said.push(status_text);
            }
            said.dedup();
            assert_eq!(said.len(), 4, "{lang}: each status has its own words");
        }
    }
}
