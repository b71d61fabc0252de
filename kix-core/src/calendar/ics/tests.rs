use super::*;
use crate::shared::violation::Code;

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 7, 8, 9, 0, 0).unwrap()
}

fn w20() -> Event {
    crate::emap().event("kix-emap-webinar-20").unwrap().clone()
}

fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn every_line_is_crlf_terminated_and_at_most_75_octets() {
    let ics = to_ics(crate::emap(), &w20(), stamp()).unwrap();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
}

#[test]
fn the_description_has_the_agenda_and_interpretation_languages() {
    let ics = unfold(&to_ics(crate::emap(), &w20(), stamp()).unwrap());
    assert!(ics.contains("with interpretation into Arabic and Russian"));
    assert!(ics.contains("1. Welcome & introductions\\n"));
    assert!(ics.contains("SUMMARY:KIX EMAP Webinar 20: Emerging lessons about what works in scaling\r\n"));
}

#[test]
fn the_vtimezone_gives_genevas_yearly_rules_so_a_cached_block_stays_right() {
    let ics = unfold(&to_ics(crate::emap(), &w20(), stamp()).unwrap());
    // The EU rules, in force since October 1996: last Sunday of March at 02:00, last Sunday
    // of October at 03:00. The block holds for every event since then, and until 2099.
    assert!(ics.contains(
        "BEGIN:DAYLIGHT\r\nDTSTART:19960331T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    ), "{ics}");
    assert!(ics.contains(
        "BEGIN:STANDARD\r\nDTSTART:19961027T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    ));
    assert_eq!(ics.matches("BEGIN:DAYLIGHT").count() + ics.matches("BEGIN:STANDARD").count(), 2, "two rules");
}

#[test]
fn moldovas_rules_change_at_its_own_local_hours() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Europe/Chisinau");
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    // 00:00 UTC, not the EU's 01:00: 02:00 local in spring and 03:00 in autumn, since 1997.
    assert!(ics.contains("DTSTART:19970330T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n"));
    assert!(ics.contains("DTSTART:19971026T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n"));
}

#[test]
fn a_zone_without_changes_since_1986_starts_its_block_then() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Asia/Kathmandu");
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    assert!(
        ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:19860101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0545\r\nTZNAME:NPT\r\n"
        ),
        "{ics}"
    );
}

#[test]
fn a_zone_that_stopped_changing_its_clocks_gets_its_last_offset_only() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Asia/Tbilisi");
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
    assert!(!ics.contains("RRULE:FREQ=YEARLY"));
    assert!(ics.contains("TZOFFSETTO:+0400\r\n"));
}

#[test]
fn a_zone_without_dst_gets_one_standard_block() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Asia/Kathmandu");
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
    assert!(ics.contains("TZOFFSETTO:+0545\r\nTZNAME:NPT\r\n"));
    assert!(!ics.contains("DAYLIGHT"));
}

#[test]
fn line_injection_is_impossible() {
    let mut e = w20();
    e.title = "Evil\r\nATTENDEE:mailto:x@example.org\nEND:VEVENT".into();
    e.id = "id\r\nX".into();
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(!ics.contains("\r\nATTENDEE"));
    assert!(!ics.contains("\r\nEND:VEVENT\r\nEND:VEVENT"));
    assert_eq!(ics.matches("\r\nEND:VEVENT\r\n").count(), 1);
}

#[test]
fn a_url_is_written_as_a_uri_not_as_text() {
    let mut e = w20();
    e.location =
        crate::events::event::Location::Online { platform: None, url: Some("https://x.org/j?a=1,2;b\r\n".into()) };
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(ics.contains("\r\nURL:https://x.org/j?a=1,2;b\r\n"), "{ics}");
}

#[test]
fn years_beyond_four_digits_are_refused() {
    let mut e = w20();
    e.start = chrono::NaiveDate::from_ymd_opt(10_000, 3, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
    e.end = Some(e.start + Duration::hours(1));
    assert!(matches!(to_ics(crate::emap(), &e, stamp()), Err(Error::InvalidValue { .. })));
}

#[test]
fn cancellation_and_rescheduling_are_marked() {
    let mut e = w20();
    e.sequence = 2;
    e.status = EventStatus::Cancelled;
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(!ics.contains("METHOD:"), "no organiser e-mail: no iTIP method");
    assert!(!ics.contains("ORGANIZER"), "no organiser e-mail: no ORGANIZER");
    assert!(ics.contains("STATUS:CANCELLED\r\n"));
    assert!(ics.contains("SEQUENCE:2\r\n"));
    assert!(!ics.contains("BEGIN:VALARM"), "no reminders of a cancelled event");
    e.organisers[0].email = Some("events@norrag.example".into());
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    assert!(ics.contains("METHOD:CANCEL\r\n"));
    assert!(ics.contains("ORGANIZER;CN=NORRAG (KIX EMAP Hub):mailto:events@norrag.example\r\n"), "{ics}");
}

#[test]
fn a_120_minute_event_on_chisinaus_spring_forward_night_lasts_120_minutes() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Europe/Chisinau");
    e.start = "2025-03-30T01:00:00".parse().unwrap();
    (e.end, e.duration_minutes) = (None, Some(120));
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    // 01:00 EET is 23:00 UTC; 120 minutes later it is 01:00 UTC, 04:00 EEST (03:00 would be 60 minutes).
    assert!(ics.contains("DTSTART;TZID=Europe/Chisinau:20250330T010000\r\n"));
    assert!(ics.contains("DTEND;TZID=Europe/Chisinau:20250330T040000\r\n"), "{ics}");
    assert_eq!(e.end_utc().unwrap() - e.start_utc().unwrap(), Duration::minutes(120));
}

#[test]
fn parameter_values_are_encoded_per_rfc_6868_and_quoted() {
    let mut e = w20();
    e.organisers[0] = Party {
        name: "\"Pro Didactica\": Chisinau; MD ^n".into(),
        email: Some("info@prodidactica.example".into()),
        ..Party::default()
    };
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    assert!(
        ics.contains("ORGANIZER;CN=\"^'Pro Didactica^': Chisinau; MD ^^n\":mailto:info@prodidactica.example\r\n"),
        "{ics}"
    );
    assert!(ics.contains("METHOD:PUBLISH\r\n"));
}

#[test]
fn the_join_link_is_in_url_and_description_and_reminders_are_alarms() {
    let mut e = w20();
    e.location = crate::events::event::Location::Online {
        platform: Some("Zoom".into()),
        url: Some("https://zoom.example/j/1".into()),
    };
    e.registration.reminder_minutes = vec![24 * 60, 15];
    let ics = unfold(&to_ics(crate::emap(), &e, stamp()).unwrap());
    assert!(ics.contains("\r\nURL:https://zoom.example/j/1\r\n"));
    assert!(ics.contains("Join: https://zoom.example/j/1\\n"), "{ics}");
    assert!(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
    assert!(ics.contains("TRIGGER:-PT24H\r\n") && ics.contains("TRIGGER:-PT15M\r\n"));
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 2);
}

fn geneva_series() -> Event {
    let mut e = w20();
    e.start = "2025-10-14T10:00:00".parse().unwrap();
    e.end = Some("2025-10-14T11:30:00".parse().unwrap());
    e.recurrence = Some(crate::Recurrence { count: Some(6), ..crate::Recurrence::new(Frequency::Weekly) });
    e
}

#[test]
fn a_weekly_series_across_the_end_of_summer_time_is_one_rule() {
    let ics = to_ics(crate::emap(), &geneva_series(), stamp()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "10:00 exists once every week: no override");
    assert!(
        ics.contains("DTSTART;TZID=Europe/Zurich:20251014T100000\r\nDURATION:PT1H30M\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n")
    );
    assert!(!ics.contains("DTEND"));
}

#[test]
fn cancelled_and_moved_sessions_are_exdates_and_overrides() {
    let mut e = geneva_series();
    e.cancel_occurrence("2025-10-21T10:00:00".parse().unwrap()).unwrap();
    e.move_occurrence("2025-10-28T10:00:00".parse().unwrap(), "2025-10-29T15:00:00".parse().unwrap(), None).unwrap();
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(ics.contains("EXDATE;TZID=Europe/Zurich:20251021T100000\r\n"));
    assert!(ics.contains(
        "RECURRENCE-ID;TZID=Europe/Zurich:20251028T100000\r\nDTSTART;TZID=Europe/Zurich:20251029T150000\r\nDTEND;TZID=Europe/Zurich:20251029T163000\r\n"
    ));
    assert!(ics.contains("SEQUENCE:2\r\n"), "two changes raised the sequence twice");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
}

#[test]
fn occurrences_clients_could_misread_get_their_own_times() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Europe/Chisinau");
    // Sundays at 02:30: skipped on 30 March 2025, repeated on 26 October 2025.
    e.start = "2025-03-23T02:30:00".parse().unwrap();
    e.end = Some("2025-03-23T03:00:00".parse().unwrap());
    e.recurrence =
        Some(crate::Recurrence { until: "2025-10-26".parse().ok(), ..crate::Recurrence::new(Frequency::Weekly) });
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    // The skipped 02:30 is 03:30 EEST (00:30 UTC), as RFC 5545 reads it, in UTC for every client.
    assert!(ics.contains("RECURRENCE-ID;TZID=Europe/Chisinau:20250330T023000\r\nDTSTART:20250330T003000Z\r\nDTEND:20250330T010000Z\r\n"), "{ics}");
    // The repeated one is the first 02:30 (EEST, 23:30 UTC the day before).
    assert!(ics.contains("RECURRENCE-ID;TZID=Europe/Chisinau:20251026T023000\r\nDTSTART:20251025T233000Z\r\n"));
    assert!(ics.contains(";UNTIL=20251026T215959Z\r\n"), "the end of 26 October, Chisinau time");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    let warnings = check(&e, None);
    assert_eq!(warnings.iter().map(|v| v.code).collect::<Vec<_>>(), [Code::CalendarFoldStart]);
    assert_eq!(warnings[0].params["local"], "2025-10-26T02:30:00");
}

#[test]
fn a_single_start_in_a_fold_is_written_in_utc_and_warned_of() {
    let mut e = w20();
    e.start = "2025-10-26T02:15:00".parse().unwrap();
    e.end = Some("2025-10-26T03:30:00".parse().unwrap());
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(ics.contains("DTSTART:20251026T001500Z\r\nDTEND:20251026T023000Z\r\n"), "{ics}");
    let v = check(&e, None);
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].code, v[0].severity), (Code::CalendarFoldStart, crate::Severity::Warning));
    assert_eq!(v[0].params["later"], "2025-10-26T01:15:00Z");
}

#[test]
fn a_feed_holds_each_zone_once_over_all_its_events() {
    let mut hub = crate::emap().clone();
    let base = w20();
    for (i, zone) in ["Asia/Kathmandu", "Europe/Zurich", "Asia/Kathmandu", "Europe/Tirane"].iter().enumerate() {
        let mut e = base.clone();
        e.id = format!("e{i}");
        e.number = Some(100 + u32::try_from(i).unwrap());
        e.zone = crate::ZoneId::from(*zone);
        e.start += Duration::days(400 * i64::try_from(i).unwrap());
        e.end = e.end.map(|t| t + Duration::days(400 * i64::try_from(i).unwrap()));
        hub.events.push(e);
    }
    let ics = feed(&hub, &CalendarFilter::All, stamp()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);
    assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 3);
    assert_eq!(ics.matches("TZID:Asia/Kathmandu\r\n").count(), 1);
    let nepal = feed(&hub, &CalendarFilter::Country("NP".parse().unwrap()), stamp()).unwrap();
    assert_eq!(nepal.matches("BEGIN:VEVENT").count(), 5, "every event is for every member");
    assert!(
        feed(&hub, &CalendarFilter::Series("nothing".into()), stamp()).unwrap().matches("BEGIN:VEVENT").count() == 0
    );
}

#[test]
fn a_moved_event_without_a_new_sequence_is_warned_of() {
    let before = w20();
    let mut after = before.clone();
    after.duration_minutes = Some(120);
    after.end = None;
    let v = check(&after, Some(&before));
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].code, Code::CalendarSequenceNotRaised);
    assert_eq!((v[0].params["previous_sequence"].clone(), v[0].params["sequence"].clone()), (0.into(), 0.into()));
    let mut title_only = before.clone();
    title_only.title = "Another title".into();
    assert!(check(&title_only, Some(&before)).is_empty(), "a new title needs no new sequence");
    let mut moved = before.clone();
    moved.reschedule("2024-08-01T13:00:00".parse().unwrap(), None).unwrap();
    assert!(check(&moved, Some(&before)).is_empty());
}

fn booked(statuses: &[&str]) -> (Event, crate::RegistrationBook, Vec<String>) {
    let hub = crate::emap();
    let mut e = w20();
    e.organisers[0].email = Some("events@norrag.example".into());
    e.registration.capacity = Some(1);
    e.registration.waiting_list = true;
    let mut book = crate::RegistrationBook::new(&e);
    let mut ids = Vec::new();
    for (i, _) in statuses.iter().enumerate() {
        let r = crate::Registration {
            full_name: Some(format!("Айгерим, {i}")),
            email: Some(format!("p{i}@example.kg")),
            country: Some("KG".into()),
            audience: Some("teacher".into()),
            ..Default::default()
        };
        let at = Utc.with_ymd_and_hms(2024, 7, 20, 8, u32::try_from(i).unwrap(), 0).unwrap();
        ids.push(book.submit(hub, &e, &r, at).unwrap().id.unwrap());
    }
    (e, book, ids)
}

#[test]
fn registrants_get_requests_with_their_partstat_and_the_waiting_list_gets_nothing() {
    let hub = crate::emap();
    let (e, book, ids) = booked(&["confirmed", "waitlisted"]);
    let sent = invitations(hub, &e, &book, stamp()).unwrap();
    assert_eq!(sent.len(), 1, "the second person is on the waiting list");
    let ics = unfold(&sent[0].ics);
    assert!(ics.contains("METHOD:REQUEST\r\n"));
    assert!(ics.contains(
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN=\"Айгерим, 0\":mailto:p0@example.kg\r\n"
    ), "{ics}");
    assert!(matches!(invitation(hub, &e, &book, &ids[1], stamp()), Err(Error::InvalidValue { .. })));
    assert!(matches!(invitation(hub, &e, &book, "r-999999", stamp()), Err(Error::Rejected(_))));
}

#[test]
fn a_cancelled_registration_gets_a_cancel_and_the_next_one_an_offer() {
    let hub = crate::emap();
    let (e, mut book, ids) = booked(&["confirmed", "waitlisted"]);
    let at = Utc.with_ymd_and_hms(2024, 7, 21, 8, 0, 0).unwrap();
    book.cancel(&e, &ids[0], crate::Actor::Registrant, None, at).unwrap();
    let sent = invitations(hub, &e, &book, at).unwrap();
    let methods: Vec<&str> = sent.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(methods, ["CANCEL", "REQUEST"]);
    assert!(unfold(&sent[0].ics).contains("STATUS:CANCELLED\r\n"));
    assert!(unfold(&sent[0].ics).contains("PARTSTAT=DECLINED"));
    assert!(!sent[0].ics.contains("BEGIN:VALARM"));
    assert!(unfold(&sent[1].ics).contains("PARTSTAT=NEEDS-ACTION;RSVP=TRUE"), "offered the freed seat");
}

#[test]
fn monthly_rules_extra_dates_and_open_ended_series_are_written_as_given() {
    use crate::{ByDay, Recurrence, Weekday};
    let mut e = w20();
    e.start = "2025-01-30T15:00:00".parse().unwrap();
    e.end = Some("2025-01-30T16:00:00".parse().unwrap());
    e.recurrence = Some(Recurrence {
        by_day: vec![ByDay::nth(-1, Weekday::Thursday)],
        interval: 2,
        extra_dates: vec!["2025-02-12T15:00:00".parse().unwrap()],
        ..Recurrence::new(Frequency::Monthly)
    });
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(ics.contains("RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TH\r\n"), "no end: no COUNT, no UNTIL\n{ics}");
    assert!(ics.contains("RDATE:20250212T140000Z\r\n"), "an instant: libical reads an RDATE's TZID as UTC");
    e.recurrence = Some(Recurrence {
        by_day: [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday]
            .map(ByDay::from)
            .to_vec(),
        by_set_pos: vec![-1],
        count: Some(12),
        ..Recurrence::new(Frequency::Monthly)
    });
    e.start = "2025-01-31T15:00:00".parse().unwrap();
    e.end = Some("2025-01-31T16:00:00".parse().unwrap());
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(ics.contains("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12\r\n"), "{ics}");
    e.recurrence = Some(Recurrence { count: Some(3), ..Recurrence::new(Frequency::Monthly) });
    let ics = to_ics(crate::emap(), &e, stamp()).unwrap();
    assert!(ics.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3\r\n"), "the start's day, written out");
}

#[test]
fn a_registrant_of_one_session_is_sent_that_session_only() {
    let hub = crate::emap();
    let mut e = geneva_series();
    e.organisers[0].email = Some("events@norrag.example".into());
    e.registration.per_occurrence = true;
    let mut book = crate::RegistrationBook::new(&e);
    let third: NaiveDateTime = "2025-10-28T10:00:00".parse().unwrap();
    let r = crate::Registration {
        full_name: Some("Ana Rusu".into()),
        email: Some("ana@example.md".into()),
        country: Some("MD".into()),
        audience: Some("teacher".into()),
        occurrence: Some(third),
        ..Default::default()
    };
    let id = book.submit(hub, &e, &r, Utc.with_ymd_and_hms(2025, 10, 1, 8, 0, 0).unwrap()).unwrap().id.unwrap();
    let ics = unfold(&invitation(hub, &e, &book, &id, stamp()).unwrap());
    assert!(ics.contains("METHOD:REQUEST\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("UID:kix-emap-webinar-20-20251028T100000@kix-emap.kix\r\n"), "{ics}");
    assert!(ics.contains("DTSTART;TZID=Europe/Zurich:20251028T100000\r\nDTEND;TZID=Europe/Zurich:20251028T113000\r\n"));
    assert!(!ics.contains("RRULE:FREQ=WEEKLY") && !ics.contains("RECURRENCE-ID"));
    // The session is cancelled: the registrant is sent its cancellation, under the same UID.
    e.cancel_occurrence(third).unwrap();
    let ics = unfold(&invitation(hub, &e, &book, &id, stamp()).unwrap());
    assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
    assert!(ics.contains("UID:kix-emap-webinar-20-20251028T100000@kix-emap.kix\r\n"));
}

#[test]
fn a_feed_is_the_same_bytes_for_the_same_data_and_holds_no_registrant() {
    use crate::{ByDay, Recurrence, Weekday};
    let mut hub = crate::emap().clone();
    let mut call = w20();
    call.id = "community-call".into();
    call.start = "2025-01-30T15:00:00".parse().unwrap();
    call.end = Some("2025-01-30T16:00:00".parse().unwrap());
    call.recurrence =
        Some(Recurrence { by_day: vec![ByDay::nth(-1, Weekday::Thursday)], ..Recurrence::new(Frequency::Monthly) });
    hub.events.push(call);
    let first = feed(&hub, &CalendarFilter::All, stamp()).unwrap();
    let again = feed(&hub.clone(), &CalendarFilter::All, stamp()).unwrap();
    assert_eq!(first, again, "an ETag can be a hash of the text");
    assert!(first.contains("RRULE:FREQ=MONTHLY;BYDAY=-1TH\r\n"), "no end");
    assert!(!first.contains("ATTENDEE"));
}
