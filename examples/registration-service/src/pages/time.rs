//! The event's time where the reader is: from the zone the browser sends (its
//! `Intl.DateTimeFormat().resolvedOptions().timeZone`), else the zone of the country they
//! chose, else the organiser's. `GET /events/{id}/time?zone=..&lang=..` answers it as JSON for
//! the page's script; the pages render the same fields themselves without JavaScript.

use axum::Json;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono_tz::Tz;
use kix_core::{CountryCode, Event, Hub};
use serde::{Deserialize, Serialize};

use super::texts::Texts;
use crate::api::State;

/// The event's start in one zone, written in the page's language.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ReaderTime {
    /// The IANA zone.
    pub(super) zone: String,
    /// The date there, in the language's long form.
    pub(super) date: String,
    /// The clock time there (`17:00`).
    pub(super) time: String,
    /// The start as an RFC 3339 instant, for `<time datetime>`.
    pub(super) instant: String,
    /// The core's listing line: the organiser's zone and this one.
    pub(super) listing: String,
}

impl ReaderTime {
    /// The event's start in `tz`; `None` for an event whose own times cannot be read.
    pub(super) fn of(event: &Event, tz: Tz, t: &Texts) -> Option<ReaderTime> {
        let start = event.start_utc().ok()?;
        let wall = kix_core::zone::wall_time(start, tz);
        let format = kix_core::format::formatter(t.lang);
        let listing = event.listing(t.lang, &[tz]).ok()?;
        Some(ReaderTime {
            zone: tz.name().to_owned(),
            date: format.date(wall.date()),
            time: format.time(wall.time()),
            instant: start.to_rfc3339(),
            listing: listing.time_text,
        })
    }
}

/// A zone as a browser or a form names it, read by the core; `None` when it names none.
pub(super) fn zone_named(text: &str) -> Option<Tz> {
    kix_core::resolve_zone(text).ok().and_then(|zone| zone.tz().ok())
}

/// The zone to show a registrant their time in: the one their browser sent, else their
/// country's first zone in the hub, else the organiser's.
pub(super) fn registrant_zone(hub: &Hub, event: &Event, sent: &str, country: Option<CountryCode>) -> Option<Tz> {
    let country_zone = || country.and_then(|c| hub.member(c)).and_then(|c| c.primary_zone()).and_then(|z| z.tz().ok());
    zone_named(sent).or_else(country_zone).or_else(|| event.tz().ok())
}

/// The time endpoint's query.
#[derive(Debug, Deserialize)]
pub(super) struct TimeQuery {
    zone: String,
    lang: Option<String>,
}

/// `GET /events/{id}/time?zone=Asia/Bishkek&lang=ru`: the event's start in that zone, as JSON.
pub(super) async fn reader_time(
    Shared(state): Shared<State>,
    Path(id): Path<String>,
    Query(query): Query<TimeQuery>,
    headers: HeaderMap,
) -> Response {
    let t = Texts::negotiate(query.lang.as_deref(), &headers);
    let Some(event) = state.hub.event(&id) else {
        return (StatusCode::NOT_FOUND, Json(serde_json::json!({"code": "service.unknown_event"}))).into_response();
    };
    match kix_core::resolve_zone(&query.zone).and_then(|zone| zone.tz().map_err(|_| unknown_zone(&query.zone))) {
        Ok(tz) => match ReaderTime::of(event, tz, &t) {
            Some(time) => Json(time).into_response(),
            None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        Err(violation) => {
            let body = serde_json::json!({"code": violation.code, "message": violation.message_in(t.lang).text});
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
    }
}

fn unknown_zone(text: &str) -> kix_core::Violation {
    kix_core::Violation::new(kix_core::Code::TimeUnknownZone, "zone", format!("{text:?} is not a time zone"))
        .with_param("label", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webinar_20_starts_at_five_in_bishkek_and_the_country_stands_in_for_a_missing_zone() {
        let hub = kix_core::emap();
        let w20 = hub.event("kix-emap-webinar-20").unwrap();
        let ru = ReaderTime::of(w20, chrono_tz::Asia::Bishkek, &Texts { lang: "ru" }).unwrap();
        assert_eq!((ru.time.as_str(), ru.zone.as_str()), ("17:00", "Asia/Bishkek"));
        assert!(ru.listing.contains("Бишкек"), "{}", ru.listing);
        let kg = CountryCode::new("KG").ok();
        assert_eq!(registrant_zone(hub, w20, "", kg), Some(chrono_tz::Asia::Bishkek));
        assert_eq!(registrant_zone(hub, w20, "Asia/Kathmandu", kg), Some(chrono_tz::Asia::Kathmandu));
        assert_eq!(registrant_zone(hub, w20, "Mars/Olympus", None), Some(chrono_tz::Europe::Zurich));
    }
}
