//! Registrants' invitations and cancellations (METHOD:REQUEST and CANCEL), one per book entry.

use super::*;

/// What one registrant is sent: an invitation or a cancellation.
///
/// ```
/// # use kix_core::{Party, Registration, RegistrationBook};
/// # use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
/// event.organisers[0].email = Some("events@example.org".into());
/// let mut book = RegistrationBook::new(&event);
/// let r = Registration { full_name: Some("Ana Rusu".into()), email: Some("ana@example.md".into()),
///     country: Some("MD".into()), audience: Some("teacher".into()), ..Default::default() };
/// book.submit(hub, &event, &r, "2024-07-20T08:00:00Z".parse()?)?;
/// let sent = kix_core::calendar::invitations(hub, &event, &book, Utc.with_ymd_and_hms(2024, 7, 20, 8, 0, 0).unwrap())?;
/// assert_eq!((sent.len(), sent[0].method.as_str()), (1, "REQUEST"));
/// assert!(sent[0].ics.contains("PARTSTAT=ACCEPTED"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// The registration.
    pub registration_id: String,
    /// `REQUEST` or `CANCEL`.
    pub method: String,
    /// The `.ics` message.
    pub ics: String,
}

/// The iTIP message (RFC 5546) for one registrant of the book: `METHOD:REQUEST` with the
/// registrant as `ATTENDEE` and `PARTSTAT` from their status (confirmed `ACCEPTED`, pending
/// `TENTATIVE`, offered a freed seat `NEEDS-ACTION` with `RSVP=TRUE`), or `METHOD:CANCEL`
/// (`PARTSTAT=DECLINED`) when they cancelled, were denied, or the event was cancelled. Someone on
/// the waiting list has no seat and is sent nothing: that, an unknown registration, or an event
/// without an organiser e-mail (iTIP needs one) is an error.
///
/// ```
/// # use kix_core::{Registration, RegistrationBook};
/// # use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
/// let mut book = RegistrationBook::new(&event);
/// let r = Registration { full_name: Some("Ana \"Rusu\"".into()), email: Some("ana@example.md".into()),
///     country: Some("MD".into()), audience: Some("teacher".into()), ..Default::default() };
/// let id = book.submit(hub, &event, &r, "2024-07-20T08:00:00Z".parse()?)?.id.unwrap();
/// let stamp = Utc.with_ymd_and_hms(2024, 7, 20, 8, 0, 0).unwrap();
/// assert!(kix_core::calendar::invitation(hub, &event, &book, &id, stamp).is_err(), "no organiser e-mail");
/// event.organisers[0].email = Some("events@example.org".into());
/// let ics = kix_core::calendar::invitation(hub, &event, &book, &id, stamp)?;
/// assert!(ics.contains("METHOD:REQUEST\r\n"));
/// assert!(ics.replace("\r\n ", "").contains("PARTSTAT=ACCEPTED;RSVP=FALSE;CN=Ana ^'Rusu^':mailto:ana@example.md\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn invitation(
    hub: &Hub,
    event: &Event,
    book: &RegistrationBook,
    registration_id: &str,
    stamp: DateTime<Utc>,
) -> Result<String, Error> {
    message(hub, event, book, registration_id, stamp).map(|(_, ics)| ics)
}

pub(super) fn message(
    hub: &Hub,
    event: &Event,
    book: &RegistrationBook,
    registration_id: &str,
    stamp: DateTime<Utc>,
) -> Result<(&'static str, String), Error> {
    if book.event_id != event.id {
        return Err(Error::Rejected(vec![
            Violation::new(
                Code::RegistrationUnknownId,
                "event_id",
                format!("the book is of event {:?}, not {:?}", book.event_id, event.id),
            )
            .with_param("book_event_id", &book.event_id)
            .with_param("event_id", &event.id),
        ]));
    }
    let entry = book.get(registration_id).ok_or_else(|| {
        Error::Rejected(vec![
            Violation::new(Code::RegistrationUnknownId, "id", format!("no registration {registration_id:?}"))
                .with_param("id", registration_id),
        ])
    })?;
    if organiser(event).is_none() {
        return Err(Error::InvalidValue {
            what: "organiser e-mail",
            value: event.id.clone(),
            expected: "an organiser with an e-mail: invitations and cancellations need an ORGANIZER",
        });
    }
    let mut file = EventFile::new(event)?;
    let mut cancelled = event.status == EventStatus::Cancelled;
    if let Some(wall) = entry.occurrence.filter(|_| event.recurrence.is_some()) {
        // A registrant of one session is sent that session only, under a UID of its own (every
        // reader tested shows it alone; see docs/calendar.md). A cancelled session cancels it.
        file.session = true;
        match event.occurrence_at(wall) {
            Ok(o) => file.occurrences = vec![o],
            Err(v) if v.params.contains_key("cancelled") => {
                let mut uncancelled = event.clone();
                if let Some(rule) = uncancelled.recurrence.as_mut() {
                    rule.exceptions.retain(|t| *t != wall);
                }
                file.occurrences = vec![uncancelled.occurrence_at(wall).map_err(|v| Error::Rejected(vec![v]))?];
                cancelled = true;
            }
            Err(v) => return Err(Error::Rejected(vec![v])),
        }
    }
    let (method, mode) = match entry.status {
        _ if cancelled => ("CANCEL", Mode::Cancel(Some(entry))),
        BookStatus::Cancelled | BookStatus::Denied => ("CANCEL", Mode::Cancel(Some(entry))),
        BookStatus::Confirmed | BookStatus::Pending | BookStatus::Offered => ("REQUEST", Mode::Request(entry)),
        BookStatus::Waitlisted => {
            return Err(Error::InvalidValue {
                what: "registration status for an invitation",
                value: entry.status.as_str().to_owned(),
                expected: "confirmed, pending, offered (an invitation), cancelled or denied (a cancellation)",
            });
        }
    };
    Ok((method, write_calendar(hub, &[file], stamp, Some(method), None, mode)))
}

/// The messages to send every registrant of the book who holds or held a seat (see
/// [`invitation`]): everyone but those on the waiting list, in the book's order.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// let hub = kix_core::emap();
/// let event = hub.event("kix-emap-webinar-20").unwrap();
/// let book = kix_core::RegistrationBook::new(event);
/// assert!(kix_core::calendar::invitations(hub, event, &book, Utc::now())?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn invitations(
    hub: &Hub,
    event: &Event,
    book: &RegistrationBook,
    stamp: DateTime<Utc>,
) -> Result<Vec<Invitation>, Error> {
    book.registrations()
        .iter()
        .filter(|e| e.status != BookStatus::Waitlisted)
        .map(|e| {
            message(hub, event, book, &e.id, stamp).map(|(method, ics)| Invitation {
                registration_id: e.id.clone(),
                method: method.to_owned(),
                ics,
            })
        })
        .collect()
}
