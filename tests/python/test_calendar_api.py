"""Series, feeds and invitations through the Python face (every rule is kix-core's;
expected instants come from zoneinfo and the files are read back with icalendar)."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

import kix

GENEVA = ZoneInfo("Europe/Zurich")


def learning_cycle(**rule):
    """Six Tuesday sessions, 10:00 to 11:30 in Geneva, from 14 October 2025 (across the end of summer time)."""
    d = kix.emap().event("kix-emap-webinar-20").to_dict()
    d.update(id="learning-cycle", start="2025-10-14T10:00:00", end="2025-10-14T11:30:00")
    d["recurrence"] = {"frequency": "weekly", "count": 6, **rule}
    return kix.Event.from_dict(d)


def test_a_geneva_series_stays_at_ten_oclock_geneva_time():
    cycle = learning_cycle()
    assert cycle.is_series and cycle.check() == []
    occurrences = cycle.occurrences()
    walls = [dt.datetime(2025, 10, 14, 10) + dt.timedelta(weeks=k) for k in range(6)]
    assert [o["start_utc"] for o in occurrences] == [w.replace(tzinfo=GENEVA).astimezone(dt.timezone.utc) for w in walls]
    assert all(o["start"].hour == 10 and o["end"] - o["start"] == dt.timedelta(minutes=90) for o in occurrences)
    assert [o["recurrence_id"] for o in occurrences] == walls


def test_local_times_per_occurrence_follow_the_change_of_the_clocks():
    tables = learning_cycle().occurrence_local_times()
    kathmandu = [next(r for r in t.rows if r["zone"] == "Asia/Kathmandu")["local_start"] for t in tables]
    expected = [(dt.datetime(2025, 10, 14, 10) + dt.timedelta(weeks=k)).replace(tzinfo=GENEVA).astimezone(ZoneInfo("Asia/Kathmandu")) for k in range(6)]
    assert kathmandu == expected
    assert {k.hour for k in kathmandu} == {13, 14}


def test_cancelled_and_moved_sessions_and_the_sequence():
    cycle = learning_cycle()
    changed = cycle.cancel_occurrence("2025-10-21T10:00").move_occurrence("2025-10-28T10:00", "2025-10-29T15:00")
    assert len(changed.occurrences()) == 5
    moved = [o for o in changed.occurrences() if o["moved"]]
    assert moved[0]["start"] == dt.datetime(2025, 10, 29, 15, tzinfo=GENEVA)
    assert changed.to_dict()["sequence"] == cycle.to_dict()["sequence"] + 2
    assert changed.calendar_check(cycle) == []
    # The same change made by hand, without raising the sequence, is warned of.
    d = changed.to_dict()
    d["sequence"] = cycle.to_dict()["sequence"]
    (warning,) = kix.Event.from_dict(d).calendar_check(cycle)
    assert (warning.code, warning.severity) == ("calendar.sequence_not_raised", "warning")
    with pytest.raises(kix.ValidationError) as e:
        cycle.cancel_occurrence("2025-10-22T10:00")
    assert e.value.errors()[0]["code"] == "event.unknown_occurrence"


def test_rescheduling_moves_the_event_and_raises_the_sequence():
    w20 = kix.emap().event("kix-emap-webinar-20")
    later = w20.reschedule(dt.datetime(2024, 8, 7, 13, 0))
    assert later.start_utc == dt.datetime(2024, 8, 7, 11, 0, tzinfo=dt.timezone.utc)
    assert later.end - later.start == w20.end - w20.start
    assert later.calendar_check(w20) == []


def test_a_start_in_a_fold_is_warned_of():
    d = kix.emap().event("kix-emap-webinar-20").to_dict()
    d.update(start="2025-10-26T02:15:00", end="2025-10-26T03:30:00")
    (warning,) = kix.Event.from_dict(d).calendar_check()
    assert warning.code == "calendar.fold_start"


def test_the_hubs_feeds_parse_and_filter():
    hub = kix.emap()
    for feed in (hub.calendar(), hub.calendar(country="Moldova"), hub.calendar(series="KIX EMAP Webinar")):
        cal = icalendar.Calendar.from_ical(feed)
        assert [str(e["UID"]) for e in cal.walk("VEVENT")] == ["kix-emap-webinar-20@kix-emap.kix"]
        assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert "BEGIN:VEVENT" not in hub.calendar(series="No such series")
    with pytest.raises(ValueError):
        hub.calendar(country="MD", series="KIX EMAP Webinar")
    with pytest.raises(kix.ValidationError):
        hub.calendar(country="France")


def test_registrants_get_an_invitation_with_their_status_and_a_cancellation():
    d = kix.emap().event("kix-emap-webinar-20").to_dict()
    d["organisers"][0]["email"] = "events@norrag.example"
    d["registration"].update(capacity=1, waiting_list=True)
    event = kix.Event.from_dict(d)
    book = kix.RegistrationBook(event)
    now = "2024-07-20T08:00:00Z"
    first = book.submit({"full_name": "Ana \"Rusu\"", "email": "ana@example.md", "country": "MD", "audience": "teacher"}, now)
    second = book.submit({"full_name": "Ion", "email": "ion@example.md", "country": "MD", "audience": "teacher"}, now)
    request = icalendar.Calendar.from_ical(book.invitation(first["id"], now=now))
    assert str(request["METHOD"]) == "REQUEST"
    attendee = next(iter(request.walk("VEVENT")))["ATTENDEE"]
    assert (str(attendee), attendee.params["CN"], attendee.params["PARTSTAT"]) == ("mailto:ana@example.md", 'Ana "Rusu"', "ACCEPTED")
    with pytest.raises(ValueError):
        book.invitation(second["id"], now=now)  # on the waiting list: no seat, no invitation
    book.cancel(first["id"], now="2024-07-21T08:00:00Z")
    sent = {i["registration_id"]: i["method"] for i in book.invitations(now="2024-07-21T08:00:00Z")}
    assert sent == {first["id"]: "CANCEL", second["id"]: "REQUEST"}


def test_monthly_rules_from_plain_dicts_skip_the_months_without_the_day():
    # The last Thursday (an ordinal weekday), with no planned end: taken over the policy's horizon.
    call = learning_cycle(count=None, frequency="monthly", by_day=[{"day": "thursday", "ordinal": -1}])
    d = call.to_dict()
    d.update(start="2025-01-30T18:00:00", end="2025-01-30T19:00:00")
    d["registration"]["horizon_days"] = 200
    d["recurrence"].pop("count", None)
    call = kix.Event.from_dict(d)
    assert call.check() == []
    assert call.to_dict()["recurrence"]["by_day"] == [{"day": "thursday", "ordinal": -1}]
    starts = [o["start"] for o in call.occurrences()]
    walls = [dt.datetime(2025, m, d, 18) for m, d in ((1, 30), (2, 27), (3, 27), (4, 24), (5, 29), (6, 26), (7, 31))]
    assert starts == [w.replace(tzinfo=GENEVA) for w in walls]
    # The 31st: February, April and June are skipped, never moved.
    d["recurrence"] = {"frequency": "monthly", "count": 4}
    d["start"], d["end"] = "2025-01-31T18:00:00", "2025-01-31T19:00:00"
    days = [o["start"].date().isoformat() for o in kix.Event.from_dict(d).occurrences()]
    assert days == ["2025-01-31", "2025-03-31", "2025-05-31", "2025-07-31"]
    ics = kix.Event.from_dict(d).to_ics()
    assert "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4\r\n" in ics


def test_a_registrant_of_one_session_is_invited_to_that_session_only():
    d = learning_cycle().to_dict()
    d["organisers"][0]["email"] = "events@norrag.example"
    d["registration"]["per_occurrence"] = True
    event = kix.Event.from_dict(d)
    book = kix.RegistrationBook(event)
    now = "2025-10-01T08:00:00Z"
    ana = book.submit({"full_name": "Ana", "email": "ana@example.md", "country": "MD", "audience": "teacher",
                       "occurrence": "2025-10-28T10:00:00"}, now)
    cal = icalendar.Calendar.from_ical(book.invitation(ana["id"], now=now))
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["UID"]) == "learning-cycle-20251028T100000@kix-emap.kix"
    assert vevent.decoded("DTSTART") == dt.datetime(2025, 10, 28, 10, tzinfo=GENEVA)
    assert "RRULE" not in vevent
