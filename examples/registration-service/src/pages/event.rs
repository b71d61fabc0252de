//! The event page: what the event is, when it is where the reader is, the seats left, and the
//! registration form with the event's own fields. A refused form comes back with each of the
//! core's messages beside its field and in a summary at the top, holding what was typed.

use axum::Form;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kix_core::country::{country_name, iso_countries};
use kix_core::{Audience, Eligibility, Event, Registration, Violation};
use serde::Deserialize;

use super::texts::Texts;
use super::time::{ReaderTime, registrant_zone, zone_named};
use super::{PageError, html, see_other};
use crate::api::State;
use crate::api::public::{Registered, register, seats};

/// The page's query: its language and, without JavaScript, a zone to show the time in.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PageQuery {
    pub(super) lang: Option<String>,
    pub(super) zone: Option<String>,
}

/// The form as posted: every field as typed, to hand to the core and to show again.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct FormFields {
    full_name: String,
    email: String,
    country: String,
    organisation: String,
    audience: String,
    language: String,
    /// Present (`true`) when the box is ticked; browsers send nothing otherwise.
    consent: Option<String>,
    /// The browser's zone, put here by the page's script.
    zone: String,
    /// The page's language, so the answer comes in it.
    lang: String,
}

impl FormFields {
    /// The registration the form stands for: an empty field is an absent one, for the core
    /// to report as missing.
    fn registration(&self) -> Registration {
        let given = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
        Registration {
            full_name: given(&self.full_name),
            email: given(&self.email),
            country: given(&self.country),
            organisation: given(&self.organisation),
            audience: given(&self.audience),
            language: given(&self.language),
            consent: self.consent.as_ref().map(|_| true),
            ..Registration::default()
        }
    }
}

/// One form field, ready for the template.
pub(super) struct Field {
    /// The field's name, its input's id and the core's path for it.
    name: &'static str,
    /// `text`, `email`, `select` or `checkbox`.
    kind: &'static str,
    label: String,
    hint: Option<String>,
    required: bool,
    /// `autocomplete`'s value for the browser.
    autocomplete: &'static str,
    /// What was typed or chosen.
    value: String,
    /// A select's first, empty option ("Choose a country").
    placeholder: Option<String>,
    /// A select's choices, in groups (a group without a label is no `<optgroup>`).
    groups: Vec<(Option<String>, Vec<Choice>)>,
    /// The core's messages about this field, in the page's language.
    errors: Vec<String>,
}

impl Field {
    /// The ids of the texts that describe the input: its hint and its errors.
    fn described_by(&self) -> String {
        let hint = self.hint.as_ref().map(|_| format!("{}-hint", self.name));
        let errors = (!self.errors.is_empty()).then(|| format!("{}-error", self.name));
        hint.into_iter().chain(errors).collect::<Vec<_>>().join(" ")
    }
}

/// An option of a select.
pub(super) struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A message of the error summary, with the field it is about when it is one of the form's.
pub(super) struct Problem {
    field: Option<&'static str>,
    message: String,
}

#[derive(askama::Template)]
#[template(path = "event.html")]
pub(super) struct EventPage<'a> {
    t: &'a Texts,
    event: &'a Event,
    /// The organiser's date and the core's listing line.
    date_text: String,
    listing: String,
    /// The time where the reader is, when the zone is known to the server.
    reader: Option<ReaderTime>,
    seats: String,
    waiting_list: bool,
    /// The summary's heading and its messages (empty: no summary).
    errors_title: String,
    problems: Vec<Problem>,
    fields: Vec<Field>,
    /// The zone the form carries (the script fills it in).
    zone: String,
}

/// `GET /events/{id}`: the page and an empty form.
pub(super) async fn show(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let zone = query.zone.unwrap_or_default();
    let fields = FormFields { zone, ..FormFields::default() };
    render(&state, &id, t, &fields, &[]).await
}

/// `POST /events/{id}`: the core's submission; the confirmation (by redirect) when stored, or
/// the page again with the core's messages.
pub(super) async fn submit(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(fields): Form<FormFields>,
) -> Result<Response, PageError> {
    let t = Texts::negotiate(Some(&fields.lang), &headers);
    let event = state.hub.event(&id).ok_or_else(|| PageError::NotFound(t.clone()))?.clone();
    // The form is limited like the JSON API: one client cannot fill an event.
    if state.submissions.take(peer.ip()).is_err() {
        return Err(PageError::Busy(t));
    }
    let record = fields.registration();
    let registered = register(&state, &event.id, record).await.map_err(|f| PageError::from_failure(t.clone(), f))?;
    let token = match registered {
        // An address already registered: the page says what it says to anyone, and shows
        // nothing of that registration; its owner is sent their own link.
        Registered::KnownAddress => {
            return Ok(see_other(&format!("/events/{}/check-email?lang={}", event.id, t.lang)));
        }
        Registered::Refused(violations) => {
            let errors: Vec<Violation> = violations.into_iter().filter(Violation::is_error).collect();
            // 200, not 422: the page is an answer to read and correct (as GOV.UK's forms do), and
            // browsers log a 4xx page as an error in the console; the JSON API keeps 422.
            return render(&state, &id, t, &fields, &errors).await;
        }
        Registered::Stored { manage_token, .. } => manage_token,
    };
    let country = kix_core::resolve_country(&fields.country).ok();
    let zone = registrant_zone(&state.hub, &event, &fields.zone, country);
    // Zone names are the tz database's (letters, digits, `/`, `_`, `+`, `-`): safe in a query.
    let zone = zone.map(|z| format!("&zone={}", z.name())).unwrap_or_default();
    // The registrant's own page: the confirmation now, and their link to it later.
    Ok(see_other(&format!("/manage/{token}?lang={}{zone}", t.lang)))
}

/// The event page with the form as `fields` holds it and the core's `errors` shown.
async fn render(
    state: &State,
    id: &str,
    t: Texts,
    fields: &FormFields,
    errors: &[Violation],
) -> Result<Response, PageError> {
    let event = state.hub.event(id).ok_or_else(|| PageError::NotFound(t.clone()))?;
    let ledger = seats(state, &event.id).await.map_err(|f| PageError::from_failure(t.clone(), f))?;
    let seats = match ledger.free {
        Some(free) => t.with("page-seats-left", &[("count", free.into())]),
        None => t.get("page-seats-unlimited"),
    };
    let reader_zone = zone_named(&fields.zone);
    let listing =
        event.listing(t.lang, reader_zone.as_slice()).map_err(|e| PageError::Internal(t.clone(), e.to_string()))?;
    let problems = errors
        .iter()
        .map(|v| Problem { field: form_field(&v.path), message: v.message_in(t.lang).text })
        .collect::<Vec<_>>();
    let page = EventPage {
        t: &t,
        event,
        date_text: listing.date_text,
        listing: listing.time_text,
        reader: reader_zone.and_then(|tz| ReaderTime::of(event, tz, &t)),
        seats,
        waiting_list: event.registration.waiting_list,
        errors_title: t.with("page-errors-title", &[("count", problems.len().into())]),
        fields: form(state, event, &t, fields, &problems),
        problems,
        zone: fields.zone.clone(),
    };
    html(StatusCode::OK, &t, &page)
}

/// The form's fields, in order; a violation's path names its field.
const FIELDS: [&str; 7] = ["full_name", "email", "country", "organisation", "audience", "language", "consent"];

fn form_field(path: &str) -> Option<&'static str> {
    FIELDS.iter().copied().find(|&f| f == path)
}

/// The event's own fields: consent only when the event asks for it, the audiences and languages
/// it offers.
fn form(state: &State, event: &Event, t: &Texts, typed: &FormFields, problems: &[Problem]) -> Vec<Field> {
    let errors = |name: &str| problems.iter().filter(|p| p.field == Some(name)).map(|p| p.message.clone()).collect();
    let field = |name: &'static str, kind: &'static str, required: bool, hint: Option<&str>, value: &str| Field {
        name,
        kind,
        label: t.get(&format!("page-{}-label", name.replace("full_", ""))),
        hint: hint.map(|id| t.get(id)),
        required,
        autocomplete: match name {
            "full_name" => "name",
            "email" => "email",
            "country" => "country",
            "organisation" => "organization",
            _ => "off",
        },
        value: value.to_owned(),
        placeholder: None,
        groups: Vec::new(),
        errors: errors(name),
    };
    let mut fields = vec![
        field("full_name", "text", true, Some("page-name-hint"), &typed.full_name),
        field("email", "email", true, Some("page-email-hint"), &typed.email),
        Field {
            groups: countries(state, event, t, &typed.country),
            placeholder: Some(t.get("page-country-choose")),
            ..field("country", "select", true, Some("page-country-hint"), &typed.country)
        },
        field("organisation", "text", false, Some("page-organisation-hint"), &typed.organisation),
        Field {
            groups: audiences(event, t, &typed.audience),
            placeholder: Some(t.get("page-audience-choose")),
            ..field("audience", "select", true, None, &typed.audience)
        },
    ];
    let offered: Vec<&String> = std::iter::once(&event.language).chain(&event.interpretation).collect();
    if offered.len() > 1 {
        // A first visit proposes the page's language when the event offers it.
        let chosen =
            if typed.language.is_empty() && offered.iter().any(|l| *l == t.lang) { t.lang } else { &typed.language };
        let choices = offered
            .iter()
            .map(|code| choice(code, t.with("page-language-name", &[("code", code.as_str().into())]), chosen))
            .collect();
        fields.push(Field {
            groups: vec![(None, choices)],
            ..field("language", "select", false, Some("page-language-hint"), chosen)
        });
    }
    if event.registration.consent_required {
        let ticked = if typed.consent.is_some() { "true" } else { "" };
        fields.push(field("consent", "checkbox", true, None, ticked));
    }
    fields
}

fn choice(value: &str, label: String, chosen: &str) -> Choice {
    Choice { value: value.to_owned(), label, selected: value == chosen }
}

/// The countries, named in the page's language: the event's own first, then (when anyone may
/// register) every other country.
fn countries(state: &State, event: &Event, t: &Texts, chosen: &str) -> Vec<(Option<String>, Vec<Choice>)> {
    let named = |code: &str| choice(code, country_name(code, t.lang).unwrap_or(code).to_owned(), chosen);
    let sorted = |mut choices: Vec<Choice>| {
        choices.sort_by(|a, b| a.label.cmp(&b.label));
        choices
    };
    let own = event.target_countries(state.hub.as_ref());
    let mut groups =
        vec![(Some(t.get("page-country-group-hub")), sorted(own.iter().map(|c| named(c.as_str())).collect()))];
    if event.eligibility != Eligibility::ParticipatingCountries {
        let others = iso_countries().iter().filter(|c| !own.iter().any(|o| o.as_str() == c.alpha2));
        groups.push((Some(t.get("page-country-group-other")), sorted(others.map(|c| named(&c.alpha2)).collect())));
    }
    groups
}

/// The audiences the event is for (every audience when it names none).
fn audiences(event: &Event, t: &Texts, chosen: &str) -> Vec<(Option<String>, Vec<Choice>)> {
    let offered = if event.audiences.is_empty() { Audience::ALL.to_vec() } else { event.audiences.clone() };
    let name = |a: Audience| t.with("page-audience", &[("audience", a.as_str().into())]);
    vec![(None, offered.into_iter().map(|a| choice(a.as_str(), name(a), chosen)).collect())]
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use kix_core::Code;

    use super::*;
    use crate::store::Store;

    /// A service state over the embedded hub, webinar 20 asking for consent, in a fresh database
    /// in a folder removed when the test ends.
    fn state(name: &str) -> (State, crate::temp_dir::TempDir) {
        let temp = crate::temp_dir::TempDir::new(&format!("pages-{name}"));
        let dir = temp.0.clone();
        let mut hub = kix_core::emap().clone();
        hub.events.iter_mut().find(|e| e.id == "kix-emap-webinar-20").unwrap().registration.consent_required = true;
        let hub = Arc::new(hub);
        let store = Store::open(&dir.join("kix.sqlite3"), Arc::clone(&hub)).unwrap();
        let state = State {
            hub,
            store: Arc::new(store),
            started: chrono::Utc::now(),
            public_url: "http://127.0.0.1".into(),
            submissions: Arc::new(crate::limits::RateLimit::new(0)),
            body_timeout: std::time::Duration::from_secs(10),
        };
        (state, temp)
    }

    async fn page(state: &State, lang: &'static str, fields: &FormFields, errors: &[Violation]) -> String {
        let response = render(state, "kix-emap-webinar-20", Texts { lang }, fields, errors).await.ok().unwrap();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        String::from_utf8(body.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn every_label_of_a_refused_form_is_written_in_each_language_and_the_typing_is_kept() {
        let (state, _dir) = state("refused");
        let typed = FormFields {
            full_name: "Dilnoza <Karimova>".into(),
            email: "dilnoza@".into(),
            zone: "Asia/Bishkek".into(),
            consent: Some("true".into()),
            ..FormFields::default()
        };
        let refused = [
            Violation::new(Code::RegistrationInvalidEmail, "email", "x").with_param("reason", "no domain"),
            Violation::new(Code::RegistrationMissingField, "country", "x").with_param("field", "country"),
        ];
        for lang in ["en", "ru", "ar"] {
            let html = page(&state, lang, &typed, &refused).await;
            // A text id on the page is a text no file has.
            assert!(!html.contains("page-"), "{lang}: {html}");
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
            assert!(html.contains("value=\"Dilnoza &#60;Karimova&#62;\""), "{lang}: the name is kept, escaped");
            assert!(html.contains("aria-describedby=\"email-hint email-error\""), "{lang}");
            assert!(html.contains(&refused[0].message_in(lang).text), "{lang}: the core's message");
            assert!(html.contains("<time id=\"reader-clock\" dir=\"ltr\""), "{lang}");
            assert!(html.contains("id=\"consent\" name=\"consent\" value=\"true\" checked"), "{lang}");
        }
    }
}
