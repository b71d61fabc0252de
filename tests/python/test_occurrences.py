"""Registrations per occurrence from Python: a record names its occurrence as a naive datetime
or ISO text, in a dict, a pandas DataFrame (object or datetime64 column), a pyarrow Table or a
polars DataFrame, with the same outcomes from every source; an aware datetime or unreadable
text is a cell of the wrong kind. The book keeps each session's seats (``ledger_of``).

The learning cycle: three Tuesdays at 10:00 in Geneva (Europe/Zurich) from 21 October 2025,
across the end of summer time; two seats per session. The instants come from zoneinfo.
"""

import datetime as dt
import zoneinfo

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import kix

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")
S1, S2, S3 = dt.datetime(2025, 10, 21, 10), dt.datetime(2025, 10, 28, 10), dt.datetime(2025, 11, 4, 10)


@pytest.fixture(scope="module")
def cycle():
    w20 = kix.emap().event("kix-emap-webinar-20").to_dict()
    policy = {**w20["registration"], "per_occurrence": True, "capacity": 2, "waiting_list": False}
    return kix.Event.from_dict({
        **w20, "id": "learning-cycle-4", "start": "2025-10-21T10:00:00", "end": "2025-10-21T11:30:00",
        "agenda": [], "recurrence": {"frequency": "weekly", "count": 3}, "registration": policy,
    })


def person(name, occurrence, **more):
    return {"full_name": name, "email": f"{name.lower()}@example.org", "country": "KG", "audience": "teacher",
            "submitted_at": "2025-10-01T09:00:00+06:00", "occurrence": occurrence, **more}


def records():
    return [
        person("Aigerim", S1),
        person("Bakyt", "2025-10-21T10:00:00"),
        person("Chynara", S1),                      # the first session is full
        person("Chynara", "2025-10-28 10:00"),      # the second is not
        person("Aigerim", S2),                      # one person, another session
        person("Aigerim", "2025-10-28T10:00:00"),  # the same session twice
        person("Dastan", None),                     # no session
        person("Erlan", "2025-10-22T10:00:00"),    # a time the rule does not give
    ]


def summary(outcomes):
    return [(o.status, o.codes) for o in outcomes]


EXPECTED = [
    ("confirmed", []),
    ("confirmed", []),
    ("rejected", ["registration.full"]),
    ("confirmed", []),
    ("confirmed", []),
    ("rejected", ["registration.duplicate"]),
    ("rejected", ["registration.missing_field"]),
    ("rejected", ["event.unknown_occurrence"]),
]


def test_the_sessions_change_instant_with_the_clocks(cycle):
    starts = [o["start_utc"] for o in cycle.occurrences()]
    assert starts == [s.replace(tzinfo=ZURICH) for s in (S1, S2, S3)]
    assert [s.astimezone(dt.timezone.utc).hour for s in starts] == [8, 9, 9]


def test_dicts_name_their_session_by_a_naive_datetime_or_iso_text(cycle):
    outcomes = kix.validate_registrations(cycle, records())
    assert summary(outcomes) == EXPECTED
    full = outcomes[2].violations[0]
    assert (full.params["occurrence"], full.params["capacity"]) == ("2025-10-21T10:00:00", 2)
    assert outcomes[5].violations[0].params == {"first_index": 4, "occurrence": "2025-10-28T10:00:00"}
    assert outcomes[6].violations[0].path == "occurrence"


def test_frames_and_arrow_give_the_same_outcomes(cycle):
    rows = records()
    as_text = [{**r, "occurrence": r["occurrence"] if not isinstance(r["occurrence"], dt.datetime)
                else r["occurrence"].isoformat()} for r in rows]
    as_naive = [{**r, "occurrence": kix_wall(r["occurrence"])} for r in rows]
    frames = [
        pd.DataFrame(rows),                                              # an object column
        pd.DataFrame(as_naive).astype({"occurrence": "datetime64[ns]"}),  # a datetime64 column
        pa.Table.from_pylist(as_text),                                   # Arrow text
        pa.Table.from_pylist(as_naive),                                  # an Arrow timestamp without a zone
        pl.DataFrame(as_naive),                                          # polars Datetime
        pd.DataFrame(as_text).astype({"occurrence": "string[pyarrow]", "email": "string[pyarrow]",
                                      "full_name": "string[pyarrow]", "country": "string[pyarrow]",
                                      "audience": "string[pyarrow]", "submitted_at": "string[pyarrow]"}),
    ]
    for frame in frames:
        assert summary(kix.validate_registrations(cycle, frame)) == EXPECTED, type(frame)


def kix_wall(value):
    """A session as a naive datetime, whatever form the record gave it in."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def test_an_aware_datetime_or_unreadable_text_is_a_cell_of_the_wrong_kind(cycle):
    aware = person("Aigerim", S1.replace(tzinfo=ZURICH))
    text = person("Bakyt", "next Tuesday")
    number = person("Chynara", 20251021)
    outcomes = kix.validate_registrations(cycle, [aware, text, number])
    assert [o.codes for o in outcomes] == [["registration.invalid_value"]] * 3
    assert [o.violations[0].params["kind"] for o in outcomes] == ["aware datetime", "text", "int"]
    arrow = pa.table({**{k: [v] * 1 for k, v in person("Aigerim", None).items() if k != "occurrence"},
                      "occurrence": pa.array([dt.datetime(2025, 10, 21, 8)], pa.timestamp("us", tz="UTC"))})
    assert kix.validate_registrations(cycle, arrow)[0].violations[0].params["kind"] == "aware datetime"
    # One record: a value that is no wall time raises ValueError, a value of another type TypeError.
    with pytest.raises(ValueError):
        kix.validate_registration(cycle, aware)
    with pytest.raises(ValueError):
        kix.validate_registration(cycle, text)
    with pytest.raises(TypeError):
        kix.validate_registration(cycle, number)


def test_held_registrations_count_for_their_own_session(cycle):
    held = [{"email": "aigerim@example.org", "status": "confirmed", "occurrence": S1},
            {"email": "bakyt@example.org", "status": "pending", "occurrence": "2025-10-21T10:00:00"}]
    one = kix.validate_registration(cycle, person("Chynara", S1), existing=held)
    assert one.codes == ["registration.full"]
    assert kix.validate_registration(cycle, person("Aigerim", S2), existing=held).status == "confirmed"
    again = kix.validate_registration(cycle, person("Aigerim", S1), existing=held)
    assert again.codes[0] == "registration.duplicate"


def test_an_event_taken_per_series_warns_and_ignores_the_session():
    w20 = kix.emap().event("kix-emap-webinar-20")
    o = kix.validate_registration(w20, person("Aigerim", "2024-07-31T13:00:00", submitted_at="2024-07-20T09:00:00Z"))
    assert (o.status, o.codes) == ("confirmed", ["registration.occurrence_ignored"])
    assert o.violations[0].severity == "warning"


def test_the_book_keeps_each_sessions_seats(cycle):
    book = kix.RegistrationBook(cycle)
    now = "2025-10-01T08:00:00Z"
    ids = [book.submit(r, now=now)["id"] for r in records()]
    # The same person, data and session a second time is the same registration.
    assert ids[5] == ids[4] and [i is None for i in ids] == [False, False, True, False, False, False, True, True]
    assert book.get(ids[4])["occurrence"] == "2025-10-28T10:00:00"
    first, second = book.ledger_of(S1), book.ledger_of("2025-10-28T10:00:00")
    assert (first["confirmed"], first["free"]) == (2, 0)
    assert (second["confirmed"], second["free"]) == (2, 0)
    assert book.ledger_of(S3)["free"] == 2
    assert book.ledger()["confirmed"] == 4
    with pytest.raises(ValueError):
        book.ledger_of(S1.replace(tzinfo=ZURICH))
    # Reminders only before each registrant's own session: an hour before 09:00 UTC on 28 October.
    reminders = [r for r in book.reminders() if r["registration_id"] == ids[4]]
    assert [r["send_at"].astimezone(dt.timezone.utc) for r in reminders][-1] == dt.datetime(
        2025, 10, 28, 8, tzinfo=dt.timezone.utc)
    assert all(r["event_start_local"].astimezone(ZURICH).replace(tzinfo=None) == S2 for r in reminders)
    # A record naming its session by something that is no wall time is refused, and nothing stored.
    with pytest.raises(kix.ValidationError):
        book.submit(person("Farida", "soon"), now=now)
    assert len(book) == 4
