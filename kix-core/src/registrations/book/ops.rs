//! The operations on registrations in the book, after their submission: an organiser's
//! decisions, cancellations, offers answered, capacity, time passing, check-in, and the
//! reminders the book gives.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::types::{Actor, Applied, BookAction, BookStatus, CapacityChange, HistoryEntry, Reminder};
use super::{RegistrationBook, at_occurrence, invalid_transition, over_capacity, seated};
use crate::events::event::{Event, EventStatus};
use crate::hub::Hub;
use crate::shared::error::Error;
use crate::shared::violation::{Code, Violation};

impl RegistrationBook {
    /// Approves a registration: pending, offered or waitlisted becomes confirmed, only
    /// when the seats held stay within the capacity (a waitlisted one needs a free seat; a
    /// pending or offered one holds its seat, but after the capacity was lowered below the
    /// seats held it is past it): else `registration.full`, unless `force` is given
    /// (recorded as forced, with a `registration.over_capacity` warning).
    ///
    /// ```
    /// use kix_core::{Approval, BookStatus, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// event.registration.approval = Approval::Manual;
    /// let mut book = RegistrationBook::new(&event);
    /// let r = Registration { full_name: Some("Lobsang".into()), email: Some("l@example.bt".into()),
    ///     country: Some("BT".into()), audience: Some("teacher".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, &event, &r, now)?.id.unwrap();
    /// book.approve(&event, &id, false, now)?;
    /// assert_eq!(book.get(&id).unwrap().status, BookStatus::Confirmed);
    /// let again = book.approve(&event, &id, false, now).unwrap_err();
    /// assert_eq!(again.violations()[0].code, Code::RegistrationInvalidTransition);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn approve(&mut self, event: &Event, id: &str, force: bool, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            if !matches!(from, BookStatus::Pending | BookStatus::Offered | BookStatus::Waitlisted) {
                return Err(invalid_transition(id, from, "confirmed"));
            }
            let group = book.group(event, index);
            // A waiting registration needs a free seat; a pending or offered one holds its
            // seat, which must be within the capacity (a lowered capacity drops nobody, but
            // confirms nobody past it either).
            let more = u64::from(!from.holds_seat());
            let past = book.check_seats(group, more, force, "; approve with force to go past capacity")?;
            let mut h =
                HistoryEntry::new(now, BookAction::Approve, Actor::Organiser, Some(from), BookStatus::Confirmed);
            let warnings = match past {
                Some((capacity, held)) => {
                    h.forced = true;
                    vec![at_occurrence(over_capacity(capacity, held), group)]
                }
                None => Vec::new(),
            };
            book.record(index, h, journal);
            Ok(Applied { changes: Vec::new(), warnings })
        })
    }

    /// Denies a registration (an organiser's decision, with a reason: a blank one is a
    /// missing field, since the registrant is owed why). A seat it held is offered on; the
    /// e-mail cannot register again until reinstated.
    ///
    /// ```
    /// # use kix_core::{BookStatus, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.af".into()),
    ///     country: Some("AF".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// let blank = book.deny(event, &id, "  ", now).unwrap_err();
    /// assert_eq!(blank.violations()[0].code, Code::RegistrationMissingField);
    /// book.deny(event, &id, "duplicate of an earlier account", now)?;
    /// assert_eq!(book.history(&id).last().unwrap().reason.as_deref(), Some("duplicate of an earlier account"));
    /// assert!(book.submit(hub, event, &r, now)?.is_rejected());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deny(&mut self, event: &Event, id: &str, reason: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        if reason.trim().is_empty() {
            return Err(Error::Rejected(vec![
                Violation::new(Code::RegistrationMissingField, "reason", "a denial needs a reason")
                    .with_param("field", "reason"),
            ]));
        }
        reason_rule(Some(reason))?;
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            if matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "denied"));
            }
            let h = HistoryEntry::new(now, BookAction::Deny, Actor::Organiser, Some(from), BookStatus::Denied)
                .because(Some(reason));
            book.record(index, h, journal);
            Ok(Applied::default())
        })
    }

    /// Cancels a registration. A registrant may cancel until the policy's
    /// deadline (`cancel_hours_before` the start; by default the start); an
    /// organiser at any time. A seat it held is offered on.
    ///
    /// ```
    /// # use kix_core::{Actor, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let mut event = hub.event("kix-emap-webinar-20").unwrap().clone();
    /// event.registration.cancel_hours_before = Some(24);
    /// let mut book = RegistrationBook::new(&event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.ge".into()),
    ///     country: Some("GE".into()), audience: Some("other".into()), ..Default::default() };
    /// let id = book.submit(hub, &event, &r, "2024-07-20T08:00:00Z".parse()?)?.id.unwrap();
    /// let late = "2024-07-30T12:00:00Z".parse()?;
    /// let refused = book.cancel(&event, &id, Actor::Registrant, None, late).unwrap_err();
    /// assert_eq!(refused.violations()[0].code, Code::RegistrationCancelDeadlinePassed);
    /// assert!(book.cancel(&event, &id, Actor::Organiser, Some("speaker request"), late).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(
        &mut self,
        event: &Event,
        id: &str,
        actor: Actor,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        reason_rule(reason)?;
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            if matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "cancelled"));
            }
            // Per occurrence, the deadline is before the entry's occurrence (none once it was cancelled).
            let start = match (actor, book.group(event, index)) {
                (Actor::Registrant, Some(o)) => event.occurrence_at(o).ok().map(|o| o.start_utc),
                (Actor::Registrant, None) => Some(event.start_utc()?),
                _ => None,
            };
            if let Some(start) = start {
                let hours = event.registration.cancel_hours_before.unwrap_or(0);
                let deadline = start.checked_sub_signed(Duration::hours(i64::from(hours))).unwrap_or(start);
                if now > deadline {
                    return Err(Error::Rejected(vec![
                        Violation::new(
                            Code::RegistrationCancelDeadlinePassed,
                            "",
                            format!("registrants could cancel until {deadline}; an organiser still can"),
                        )
                        .with_param("deadline", deadline)
                        .with_param("at", now),
                    ]));
                }
            }
            let h =
                HistoryEntry::new(now, BookAction::Cancel, actor, Some(from), BookStatus::Cancelled).because(reason);
            book.record(index, h, journal);
            Ok(Applied::default())
        })
    }

    /// Reinstates a denied or cancelled registration: it takes a free seat when
    /// nobody is waiting, else joins the waiting list in its original place
    /// (`registration.full` when the event is full and has no waiting list).
    ///
    /// ```
    /// # use kix_core::{BookStatus, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.la".into()),
    ///     country: Some("LA".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// book.deny(event, &id, "mistaken for a bot", now)?;
    /// book.reinstate(event, &id, Some("a real person"), now)?;
    /// assert_eq!(book.get(&id).unwrap().status, BookStatus::Confirmed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reinstate(
        &mut self,
        event: &Event,
        id: &str,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        reason_rule(reason)?;
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            if !matches!(from, BookStatus::Denied | BookStatus::Cancelled) {
                return Err(invalid_transition(id, from, "reinstated"));
            }
            let group = book.group(event, index);
            let seat_free = book.free_seats_in(group).is_none_or(|free| free > 0) && !book.anyone_waiting_in(group);
            let to = if seat_free {
                seated(event)
            } else if event.registration.waiting_list {
                BookStatus::Waitlisted
            } else {
                let capacity = book.capacity.unwrap_or(0);
                return Err(Error::Rejected(vec![at_occurrence(
                    Violation::new(Code::RegistrationFull, "", format!("all {capacity} seats are held"))
                        .with_param("capacity", capacity),
                    group,
                )]));
            };
            let h = HistoryEntry::new(now, BookAction::Reinstate, Actor::Organiser, Some(from), to).because(reason);
            book.record(index, h, journal);
            Ok(Applied::default())
        })
    }

    /// Accepts an offer before it expires: confirmed, or pending when the event
    /// needs approval; `registration.full` when the capacity was lowered below the
    /// seats held since the offer was made.
    ///
    /// ```
    /// # use kix_core::{BookStatus, Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.vn".into()),
    ///     country: Some("VN".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// let id = book.submit(hub, event, &r, now)?.id.unwrap();
    /// let e = book.accept_offer(event, &id, now).unwrap_err();
    /// assert_eq!(e.violations()[0].params["from"], "confirmed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accept_offer(&mut self, event: &Event, id: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        if let Ok((index, BookStatus::Offered)) = self.find(id)
            && let Some(expired) = self.registrations.get(index).and_then(|e| e.offer_expires_at).filter(|&t| t <= now)
        {
            let e = invalid_transition(id, BookStatus::Offered, seated(event).as_str());
            let Error::Rejected(mut v) = e else { return Err(e) };
            if let Some(first) = v.pop() {
                v.push(first.with_param("offer_expired_at", expired));
            }
            return Err(Error::Rejected(v));
        }
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            let to = seated(event);
            if from != BookStatus::Offered {
                return Err(invalid_transition(id, from, to.as_str()));
            }
            // The offer holds its seat; after the capacity was lowered below the seats held it is past it.
            book.check_seats(book.group(event, index), 0, false, "")?;
            book.record(
                index,
                HistoryEntry::new(now, BookAction::AcceptOffer, Actor::Registrant, Some(from), to),
                journal,
            );
            Ok(Applied::default())
        })
    }

    /// Declines an offer: the registration is cancelled and the seat offered on.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// assert!(book.decline_offer(event, "r-000009", "2024-07-20T08:00:00Z".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decline_offer(&mut self, event: &Event, id: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            if from != BookStatus::Offered {
                return Err(invalid_transition(id, from, "cancelled"));
            }
            let h =
                HistoryEntry::new(now, BookAction::DeclineOffer, Actor::Registrant, Some(from), BookStatus::Cancelled);
            book.record(index, h, journal);
            Ok(Applied::default())
        })
    }

    /// Sets the capacity (`None`: unlimited). Raising it offers the new seats
    /// to the people waiting; lowering it below the seats held drops nobody and
    /// warns `registration.over_capacity`.
    ///
    /// ```
    /// # use kix_core::{Code, Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.kh".into()),
    ///     country: Some("KH".into()), audience: Some("other".into()), ..Default::default() };
    /// let now = "2024-07-20T08:00:00Z".parse()?;
    /// book.submit(hub, event, &r, now)?;
    /// let applied = book.set_capacity(event, Some(0), Some("room changed"), now)?;
    /// assert_eq!(applied.warnings[0].code, Code::RegistrationOverCapacity);
    /// assert_eq!(book.seats_held(), 1, "nobody dropped");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_capacity(
        &mut self,
        event: &Event,
        capacity: Option<u32>,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Applied, Error> {
        reason_rule(reason)?;
        self.transact(event, now, |book, journal| {
            book.note_capacity(journal);
            book.capacity_history.push(CapacityChange {
                at: now,
                actor: Actor::Organiser,
                by: book.acting.as_deref().map(str::to_owned),
                from: book.capacity,
                to: capacity,
                reason: reason.map(str::to_owned),
            });
            book.capacity = capacity;
            let Some(c) = capacity else { return Ok(Applied::default()) };
            // Per occurrence, a warning for every occurrence held over the capacity.
            let groups: Vec<(Option<NaiveDateTime>, u64)> = if event.registration.per_occurrence {
                book.index.occurrences().map(|(o, counts)| (Some(o), counts.held())).collect()
            } else {
                vec![(None, book.seats_held_in(None))]
            };
            let warnings = groups
                .into_iter()
                .filter(|&(_, held)| held > u64::from(c))
                .map(|(group, held)| at_occurrence(over_capacity(c, held), group))
                .collect();
            Ok(Applied { changes: Vec::new(), warnings })
        })
    }

    /// Lets time pass to `now`: expires offers due and offers freed seats to
    /// the next people waiting.
    ///
    /// ```
    /// let event = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// let mut book = kix_core::RegistrationBook::new(event);
    /// assert!(book.advance(event, "2024-07-20T08:00:00Z".parse()?)?.changes.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance(&mut self, event: &Event, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |_, _| Ok(Applied::default()))
    }

    /// Checks a confirmed registration in (attended), at `now`.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.pg".into()),
    ///     country: Some("PG".into()), audience: Some("other".into()), ..Default::default() };
    /// let id = book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?.id.unwrap();
    /// book.check_in(event, &id, "2024-07-31T10:55:00Z".parse()?)?;
    /// assert_eq!(book.ledger().checked_in, 1);
    /// assert!(book.check_in(event, &id, "2024-07-31T10:56:00Z".parse()?).is_err(), "once");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_in(&mut self, event: &Event, id: &str, now: DateTime<Utc>) -> Result<Applied, Error> {
        self.transact(event, now, |book, journal| {
            let (index, from) = book.find(id)?;
            let already = book.registrations.get(index).is_some_and(|e| e.checked_in_at.is_some());
            if from != BookStatus::Confirmed || already {
                return Err(invalid_transition(id, from, "checked_in"));
            }
            book.record(
                index,
                HistoryEntry::new(now, BookAction::CheckIn, Actor::Organiser, Some(from), from),
                journal,
            );
            Ok(Applied::default())
        })
    }

    /// The reminders to send: for every confirmed or pending registration and
    /// every lead time of the event's policy, the instant to send and the
    /// event's start in the registrant's zone (their country's primary zone,
    /// else the event's). Computed from the event as it is now, so a moved
    /// event moves them; a lead time already past when the person registered
    /// gives no reminder, and a cancelled event none at all. A series reminds before every
    /// occurrence (its cancelled ones excepted, moved ones at their new time); an event taken per
    /// occurrence reminds each registrant before their own occurrence only. Sorted by instant.
    ///
    /// ```
    /// # use kix_core::{Registration, RegistrationBook};
    /// let hub = kix_core::emap();
    /// let event = hub.event("kix-emap-webinar-20").unwrap();
    /// let mut book = RegistrationBook::new(event);
    /// let r = Registration { full_name: Some("X".into()), email: Some("x@example.np".into()),
    ///     country: Some("Nepal".into()), audience: Some("other".into()), ..Default::default() };
    /// book.submit(hub, event, &r, "2024-07-20T08:00:00Z".parse()?)?;
    /// let reminders = book.reminders(hub, event)?;
    /// assert_eq!(reminders.len(), 3);
    /// assert_eq!(reminders[2].send_at.to_rfc3339(), "2024-07-31T10:00:00+00:00");
    /// assert_eq!(reminders[2].event_start_local.to_rfc3339(), "2024-07-31T16:45:00+05:45");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reminders(&self, hub: &Hub, event: &Event) -> Result<Vec<Reminder>, Error> {
        self.check_event(event)?;
        if event.status == EventStatus::Cancelled {
            return Ok(Vec::new());
        }
        let occurrences = event.occurrences()?;
        let event_tz = event.tz()?;
        let mut out = Vec::new();
        for entry in
            self.registrations.iter().filter(|e| matches!(e.status, BookStatus::Confirmed | BookStatus::Pending))
        {
            let own = entry
                .country
                .and_then(|c| hub.member(c))
                .and_then(|c| c.primary_zone())
                .and_then(|z| z.tz().ok().map(|tz| (z.clone(), tz)));
            let (zone, tz) = own.unwrap_or_else(|| (event.zone.clone(), event_tz));
            // Per occurrence, before the entry's occurrence only (none once it was cancelled).
            let group = if event.registration.per_occurrence { entry.occurrence } else { None };
            let starts = occurrences.iter().filter(|o| group.is_none_or(|g| o.recurrence_id == g)).map(|o| o.start_utc);
            for start in starts {
                let local = start.with_timezone(&tz).fixed_offset();
                for &minutes in &event.registration.reminder_minutes {
                    let Some(send_at) = start.checked_sub_signed(Duration::minutes(i64::from(minutes))) else {
                        continue;
                    };
                    if send_at > entry.submitted_at {
                        out.push(Reminder {
                            registration_id: entry.id.clone(),
                            minutes_before: minutes,
                            send_at,
                            zone: zone.clone(),
                            event_start_local: local,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| (a.send_at, &a.registration_id).cmp(&(b.send_at, &b.registration_id)));
        Ok(out)
    }
}

/// A reason is bounded like every other text a person gives: the history keeps it for good.
fn reason_rule(reason: Option<&str>) -> Result<(), Error> {
    use crate::registrations::registration::MAX_REASON_CHARS;
    let Some(length) = reason.filter(|r| r.len() > MAX_REASON_CHARS).map(|r| r.chars().count()) else {
        return Ok(());
    };
    if length <= MAX_REASON_CHARS {
        return Ok(());
    }
    Err(Error::Rejected(vec![
        Violation::new(
            Code::RegistrationTooLong,
            "reason",
            format!("reason is {length} long; at most {MAX_REASON_CHARS} is accepted"),
        )
        .with_param("field", "reason")
        .with_param("length", length)
        .with_param("max", MAX_REASON_CHARS),
    ]))
}
