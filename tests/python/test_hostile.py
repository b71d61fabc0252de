"""Hostile input from Python, and every exported function called with wrong types and
wrong values: the interpreter survives and the right exception comes back."""

import datetime as dt
import inspect
import math

import pandas as pd
import pytest

import kix

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def hub():
    return kix.emap()


@pytest.fixture(scope="module")
def w20(hub):
    return hub.event("kix-emap-webinar-20")


def good(email="a@example.org", **kw):
    r = {"full_name": "Test Person", "email": email, "country": "NP", "audience": "teacher",
         "consent": True, "submitted_at": "2024-07-20T10:00:00Z"}
    r.update(kw)
    return r


def test_a_ten_megabyte_name(w20):
    huge = "x" * (10 * 1024 * 1024)
    o = kix.validate_registration(w20, good(full_name=huge, country=huge))
    assert o.status == "rejected" and "registration.too_long" in o.codes
    assert len(repr(o)) < 500 and all(len(v.message) < 300 for v in o.violations)
    with pytest.raises(kix.ValidationError):
        kix.resolve_country(huge)


def test_deeply_nested_json():
    with pytest.raises(kix.ParseError):
        kix.Hub.from_json("[" * 200_000 + "]" * 200_000)
    with pytest.raises(kix.ParseError):
        kix.Event.from_json('{"a":' * 100_000 + "1" + "}" * 100_000)


def test_control_characters_cannot_inject_calendar_lines(w20):
    evil = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\x00\x07"
    e = kix.Event.from_dict({**w20.to_dict(), "title": evil, "description": evil, "id": evil})
    ics = e.to_ics()
    assert ics.count("\r\nBEGIN:VEVENT\r\n") == 1 and "\r\nSUMMARY:injected" not in ics and "\x00" not in ics


def test_invalid_utf8_bytes_are_a_type_error(w20):
    for call in (lambda: kix.resolve_country(b"\xff\xfe"), lambda: kix.resolve_zone(b"\xff"),
                 lambda: kix.Hub.from_json(b"\xff{"), lambda: kix.parse_listing(b"\xff", "x")):
        with pytest.raises(TypeError):
            call()
    with pytest.raises(TypeError):
        kix.validate_registration(w20, good(full_name=b"\xff\xfe"))
    # A str with lone surrogates (what invalid UTF-8 decodes to with surrogateescape) is refused cleanly.
    with pytest.raises((UnicodeEncodeError, ValueError, TypeError)):
        kix.resolve_country(b"\xff".decode("utf-8", "surrogateescape"))


def test_nan_and_infinite_numbers(hub, w20):
    d = hub.to_dict()
    for bad in (math.nan, math.inf, -math.inf):
        d["training"]["policy"]["nominees_per_country"] = bad
        with pytest.raises(kix.ParseError):
            kix.Hub.from_dict(d)
    with pytest.raises(TypeError):
        kix.validate_registration(w20, good(consent=1.5))
    assert "registration.missing_field" in kix.validate_registration(w20, good(email=math.nan)).codes
    with pytest.raises(TypeError):
        kix.local_wall_seconds([math.inf], "UTC")


def test_dates_in_year_1_and_9999(hub, w20):
    for date in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        with pytest.raises(kix.ValidationError):
            hub.timeline.position(date)
    far = kix.Event.from_dict({**w20.to_dict(), "start": "9999-12-31T22:00:00", "end": "9999-12-31T23:30:00"})
    assert len(far.local_times()) == 24
    # Port Moresby is already in year 10000, which Python's datetime cannot show: a ValueError, not a panic.
    with pytest.raises(ValueError, match="years 1 to 9999"):
        far.local_times().to_records()
    assert far.local_time_in("Europe/Lisbon")["local_date"] == dt.date(9999, 12, 31)
    assert kix.to_local(dt.datetime(1, 1, 2, tzinfo=UTC), "Asia/Kathmandu").year == 1
    assert kix.to_local(dt.datetime(9999, 12, 30, tzinfo=UTC), "Pacific/Apia").year == 9999
    assert kix.validate_registration(w20, good(submitted_at="9999-12-31T23:59:59Z")).codes == ["registration.closed"]


def test_a_million_duplicates_keeps_every_row(w20):
    records = [good("same@example.org")] * 1_000_000
    outcomes = kix.validate_registrations(w20, records)
    assert len(outcomes) == 1_000_000
    assert outcomes.counts() == {"confirmed": 1, "rejected": 999_999}
    assert outcomes[-1].codes == ["registration.duplicate"]


def test_anonymize_keeps_duplicates_and_drops_addresses(w20):
    records = [good("Aigerim@Example.kg", full_name="Aigerim Bekova", extra="kept"), good(" aigerim@example.kg"), good("b@example.org")]
    anon = kix.anonymize(records, "team secret")
    assert anon[0]["email"] == anon[1]["email"] != anon[2]["email"]
    assert anon[0]["extra"] == "kept" and anon[0]["country"] == "NP"
    assert "Aigerim" not in repr(anon) and "example.kg" not in repr(anon)
    assert records[0]["email"] == "Aigerim@Example.kg", "the input is not changed"
    assert kix.anonymize(records, b"team secret") == anon
    assert kix.anonymize(records, "another salt")[0]["email"] != anon[0]["email"]
    assert [o.status for o in kix.validate_registrations(w20, anon)] == ["confirmed", "rejected", "confirmed"]
    frame = kix.anonymize(pd.DataFrame(records), "team secret")
    assert list(frame["email"]) == [a["email"] for a in anon]
    with pytest.raises(ValueError):
        kix.anonymize(records, "")
    assert kix.anonymize((r for r in records), "team secret") == anon, "a generator is read once, entirely"
    with pytest.raises(TypeError):
        kix.anonymize(records, 42)


WRONG = [None, 42, 3.5, object(), b"\xff", [1, 2], {"a": 1}, "", "x" * 10_000, float("nan")]


def exported_callables(hub, w20):
    """Every function of the module and every method of its objects, with their names."""
    targets = []
    for name in kix.__all__:
        obj = getattr(kix, name)
        if inspect.isbuiltin(obj) or inspect.isfunction(obj):
            targets.append((name, obj))
    cycle = hub.training_cycles[0]
    for owner_name, owner in [("Hub", kix.emap()), ("Event", w20), ("Timeline", hub.timeline), ("TrainingCycle", cycle),
                              ("Country", hub.countries[0])]:
        for attr in dir(type(owner)):
            if attr.startswith("_"):
                continue
            member = getattr(owner, attr)
            if callable(member):
                targets.append((f"{owner_name}.{attr}", member))
    return targets


def test_every_exported_function_survives_wrong_types_and_values(hub, w20):
    called = 0
    for name, fn in exported_callables(hub, w20):
        for arity in range(0, 4):
            for wrong in WRONG:
                try:
                    fn(*([wrong] * arity))
                except (TypeError, ValueError, KeyError, kix.KixError, OverflowError, IndexError, UnicodeEncodeError):
                    pass  # the right kinds of error
                except OSError:
                    assert name.startswith("read_"), name  # a path that cannot be read
                called += 1
    assert called > 500
    # The interpreter is still here, and kix still works.
    assert kix.resolve_country("Nepal") == "NP"
