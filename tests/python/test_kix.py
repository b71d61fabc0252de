"""The Python API of kix: every function, the accepting and the refusing side."""

import datetime as dt
import json
import zoneinfo

import pandas as pd
import pytest
import pytz

import kix

UTC = dt.timezone.utc


@pytest.fixture()
def hub():
    return kix.emap()


@pytest.fixture()
def w20(hub):
    return hub.event("kix-emap-webinar-20")


def good(email="a@example.org", **kw):
    r = {"full_name": "Test Person", "email": email, "country": "Kyrgyz Republic", "audience": "teacher",
         "consent": True, "submitted_at": "2024-07-20T10:00:00+06:00"}
    r.update(kw)
    return r


# ---------------------------------------------------------------- package

def test_version_and_codes():
    assert kix.__version__ == "0.1.0"
    assert "registration.duplicate" in kix.VIOLATION_CODES
    assert kix.tzdata_version().startswith("20")


def test_exception_hierarchy():
    assert issubclass(kix.ValidationError, kix.KixError) and issubclass(kix.ValidationError, ValueError)
    assert issubclass(kix.TimeZoneError, kix.ValidationError)
    assert issubclass(kix.ParseError, ValueError)


# ---------------------------------------------------------------- hub

def test_the_embedded_hub(hub):
    assert len(hub.countries) == 21
    assert hub.name == "KIX EMAP Hub"
    kg = hub.country("Kyrgyzstan")
    assert (kg.code, kg.name, kg.sub_region, kg.time_zones, kg.rest_days) == (
        "KG", "Kyrgyz Republic", "central-asia-mongolia", ["Asia/Bishkek"], ["saturday", "sunday"])
    assert hub.country("PK").subdivision == "PK-SD"
    assert hub.country("np").is_rest_day(dt.date(2024, 8, 3))
    assert hub.country(kg) .code == "KG"
    assert [v.code for v in hub.check()] == ["hub.country_unassigned"] * 5
    assert hub.partner_for("Moldova", dt.date(2022, 3, 1)).id == "fhi360"
    assert hub.partner_for("Viet Nam", "2022-03-01") is None
    assert hub.countries_of("europe") == ["AL", "GE", "MD"]
    assert hub.sub_regions_of("acer") == ["southeast-asia-pacific", "south-asia"]
    assert {o.id for o in hub.organisations} >= {"norrag", "nugse", "acer", "fhi360"}


def test_countries_are_a_table(hub):
    table = hub.countries
    assert "<table>" in table._repr_html_() and "Kyrgyz Republic" in table._repr_html_()
    records = table.to_records()
    assert records[0]["code"] == "KG"
    assert len(table.to_pandas()) == 21
    assert table[-1].code == "YE"
    assert [c.code for c in table][:2] == ["KG", "TJ"]
    with pytest.raises(IndexError):
        table[99]
    assert "21 rows" in repr(table)


def test_hub_round_trips_through_dict_and_json(hub):
    again = kix.Hub.from_dict(hub.to_dict())
    assert again.to_json() == hub.to_json()
    assert kix.Hub.from_json(hub.to_json()).name == hub.name


def test_bad_hub_input_is_a_clear_error():
    with pytest.raises(kix.ParseError, match="line 1"):
        kix.Hub.from_json("{not json")
    d = kix.emap().to_dict()
    d["countries"][3]["code"] = "ZZ"
    with pytest.raises(kix.ParseError, match=r"countries\[3\]\.code"):
        kix.Hub.from_dict(d)
    with pytest.raises(TypeError):
        kix.Hub.from_dict(["not", "a", "dict"])


def test_unknown_countries(hub):
    with pytest.raises(kix.ValidationError) as e:
        hub.country("Narnia")
    assert e.value.errors()[0]["code"] == "country.unknown"
    with pytest.raises(kix.ValidationError) as e:
        hub.country("France")
    assert e.value.code == "hub.unknown_country"
    with pytest.raises(TypeError):
        hub.country(42)


# ---------------------------------------------------------------- timeline

def test_timeline(hub):
    t = hub.timeline
    assert t.month_index(dt.date(2020, 4, 1)) == 1
    assert t.month_index("2023-12-31") == 45
    assert t.project_year("2021-04-01") == 2
    assert t.quarter("2020-07-20") == 2
    assert t.phase_of("2024-07-31") == "extension"
    assert t.position("2021-03-31")["months_remaining"] == 33
    assert [p["id"] for p in t.phases] == ["phase-1", "extension"]
    with pytest.raises(kix.ValidationError) as e:
        t.phase_of("2019-01-01")
    assert e.value.code == "timeline.outside_project"
    with pytest.raises(TypeError, match="datetime"):
        t.month_index(dt.datetime(2021, 1, 1))
    with pytest.raises(ValueError):
        t.month_index("31/12/2023")
    with pytest.raises(TypeError):
        t.month_index(20231231)


# ---------------------------------------------------------------- time

def test_country_and_zone_resolution():
    for text, code in [("Kyrgyz Republic", "KG"), ("Lao PDR", "LA"), ("Viet Nam", "VN"), ("Burma", "MM"), ("East Timor", "TL"), ("moldova, republic of", "MD")]:
        assert kix.resolve_country(text) == code
    with pytest.raises(kix.ValidationError) as e:
        kix.resolve_country("Atlantis")
    assert e.value.errors() == [{"code": "country.unknown", "path": "", "severity": "error",
                                 "message": '"Atlantis" is not a country code or name that ISO 3166-1 knows', "params": {"text": "Atlantis"}}]
    with pytest.raises(TypeError):
        kix.resolve_country(None)
    assert kix.resolve_zone("CET / Geneva") == "Europe/Zurich"
    assert kix.resolve_zone("Asia/Katmandu") == "Asia/Kathmandu"
    assert kix.to_local("2024-07-31T11:00:00Z", "Geneva time").hour == 13, "labels are zones too, as in Kotlin"
    assert kix.emap().timeline.month_index(" 2023-12-31 ") == 45, "dates are trimmed, as in Kotlin"
    with pytest.raises(kix.TimeZoneError) as e:
        kix.resolve_zone("Mars")
    assert e.value.code == "time.unknown_zone"


def test_to_local_accepts_any_tzinfo_and_iso_strings():
    expected = dt.datetime(2024, 7, 31, 16, 45, tzinfo=zoneinfo.ZoneInfo("Asia/Kathmandu"))
    for instant in [
        dt.datetime(2024, 7, 31, 11, 0, tzinfo=UTC),
        dt.datetime(2024, 7, 31, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich")),
        pytz.timezone("Europe/Zurich").localize(dt.datetime(2024, 7, 31, 13, 0)),
        dt.datetime(2024, 7, 31, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "2024-07-31T11:00:00Z",
        "2024-07-31T13:00:00+02:00",
    ]:
        local = kix.to_local(instant, "Asia/Kathmandu")
        assert local == expected and local.utcoffset() == dt.timedelta(hours=5, minutes=45), instant
        assert isinstance(local.tzinfo, zoneinfo.ZoneInfo) and str(local.tzinfo) == "Asia/Kathmandu"
    assert kix.to_local("2024-07-31T11:00:00Z", zoneinfo.ZoneInfo("Asia/Yangon")).hour == 17


def test_naive_instants_are_refused_clearly():
    with pytest.raises(ValueError, match="naive datetime"):
        kix.to_local(dt.datetime(2024, 7, 31, 11, 0), "UTC")
    with pytest.raises(ValueError, match="RFC 3339"):
        kix.to_local("2024-07-31T11:00:00", "UTC")
    with pytest.raises(TypeError):
        kix.to_local(1722423600, "UTC")
    with pytest.raises(kix.TimeZoneError):
        kix.to_local("2024-07-31T11:00:00Z", "Mars/Olympus")
    with pytest.raises(TypeError):
        kix.to_local("2024-07-31T11:00:00Z", 5)


def test_from_local_with_every_disambiguation():
    gap = dt.datetime(2024, 3, 31, 2, 30)
    assert kix.from_local(gap, "Europe/Zurich").astimezone(UTC) == dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert kix.from_local(gap, "Europe/Zurich", "later").astimezone(UTC) == dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert kix.from_local(gap, "Europe/Zurich", "earlier").astimezone(UTC) == dt.datetime(2024, 3, 31, 0, 30, tzinfo=UTC)
    with pytest.raises(kix.TimeZoneError) as e:
        kix.from_local(gap, "Europe/Zurich", "reject")
    assert e.value.code == "time.nonexistent_local_time"
    params = e.value.errors()[0]["params"]
    assert (params["earlier"], params["later"]) == ("2024-03-31T00:30:00Z", "2024-03-31T01:30:00Z")
    fold = "2024-10-27T02:30:00"
    earlier = kix.from_local(fold, "Europe/Chisinau")
    later = kix.from_local(fold, "Europe/Chisinau", "later")
    assert later - earlier == dt.timedelta(0)  # same wall time...
    assert later.astimezone(UTC) - earlier.astimezone(UTC) == dt.timedelta(hours=1)  # ...an hour apart
    assert (earlier.fold, later.fold) == (0, 1)
    with pytest.raises(kix.TimeZoneError) as e:
        kix.from_local(fold, "Europe/Chisinau", "reject")
    assert e.value.code == "time.ambiguous_local_time"
    with pytest.raises(ValueError, match="compatible, earlier, later or reject"):
        kix.from_local(gap, "Europe/Zurich", "nearest")
    with pytest.raises(ValueError, match="naive"):
        kix.from_local(dt.datetime(2024, 1, 1, tzinfo=UTC), "Europe/Zurich")


def test_parse_listing():
    s = kix.parse_listing("31 July 2024", "1:00 – 2:30 PM (CET / Geneva)")
    assert s.start == dt.datetime(2024, 7, 31, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich"))
    assert s.start_utc == dt.datetime(2024, 7, 31, 11, 0, tzinfo=UTC)
    assert s.end_utc == dt.datetime(2024, 7, 31, 12, 30, tzinfo=UTC)
    assert s.zone == "Europe/Zurich"
    (w,) = s.warnings
    assert (w.code, w.severity, w.params["true_abbreviation"]) == ("time.label_season_mismatch", "warning", "CEST")
    assert s.to_dict()["zone"] == "Europe/Zurich"
    with pytest.raises(kix.ValidationError) as e:
        kix.parse_listing("31 Jully 2024", "soon")
    assert [x["code"] for x in e.value.errors()] == ["time.unparseable", "time.unparseable"]
    with pytest.raises(TypeError):
        kix.parse_listing(None, "10:00-11:00 CET")


# ---------------------------------------------------------------- events

def test_event_times_are_aware(w20):
    assert w20.start == dt.datetime(2024, 7, 31, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich"))
    assert w20.start_utc.tzinfo is not None and w20.start_utc.utcoffset() == dt.timedelta(0)
    assert w20.end_utc - w20.start_utc == dt.timedelta(minutes=90)
    assert (w20.kind, w20.language, w20.interpretation, w20.zone) == ("webinar", "en", ["ar", "ru"], "Europe/Zurich")
    assert w20.check() == []


def test_event_dicts_and_checks(w20):
    d = w20.to_dict()
    d["end"] = d["start"]
    e = kix.Event.from_dict(d)
    assert [v.code for v in e.check()] == ["event.end_not_after_start"]
    assert kix.Event.from_json(w20.to_json()).to_dict() == w20.to_dict()
    with pytest.raises(kix.ParseError, match="colour"):
        kix.Event.from_dict({**w20.to_dict(), "colour": "blue"})
    with pytest.raises(TypeError):
        kix.Event.from_dict("not a dict")
    with pytest.raises(KeyError):
        kix.emap().event("webinar-99")


def test_local_times_table(w20, hub):
    table = w20.local_times()
    assert len(table) == 24
    rows = {r["zone"]: r for r in table.to_records()}
    np_row = rows["Asia/Kathmandu"]
    assert np_row["local_start"] == dt.datetime(2024, 7, 31, 16, 45, tzinfo=zoneinfo.ZoneInfo("Asia/Kathmandu"))
    assert (np_row["utc_offset"], np_row["abbreviation"], np_row["within_working_hours"]) == ("+05:45", "NPT", False)
    assert rows["Asia/Kabul"]["utc_offset"] == "+04:30"
    assert rows["Asia/Yangon"]["abbreviation"] == "MMT"
    assert "Asia/Kathmandu" in table._repr_html_()
    assert len(table.to_pandas()) == 24
    narrow = w20.local_times(hub, working_hours=(9, 17))
    assert not {r["zone"]: r for r in narrow.to_records()}["Asia/Karachi"]["within_working_hours"]
    with pytest.raises(TypeError):
        w20.local_times(working_hours="9-17")
    with pytest.raises(ValueError):
        w20.local_times(working_hours=(18, 8))
    phone = w20.local_time_in("Pacific/Apia")
    assert (phone["local_date"], phone["day_shift"]) == (dt.date(2024, 8, 1), 1)
    # Aware, like local_times: 11:00 UTC is 00:00 the next day in Apia (UTC+13).
    assert phone["local_start"] == dt.datetime(2024, 7, 31, 11, 0, tzinfo=UTC)
    assert phone["local_start"].utcoffset() == dt.timedelta(hours=13)


def test_ics(w20):
    ics = w20.to_ics()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;TZID=Europe/Zurich:20240731T130000" in ics


def test_find_slots(hub):
    slots = kix.find_slots(hub, ["NP", "Bhutan"], start="2025-03-04", end=dt.date(2025, 3, 4), duration_minutes=60)
    assert len(slots) == 5
    best = slots[0]
    assert best.start_utc == dt.datetime(2025, 3, 4, 3, 15, tzinfo=UTC)
    assert best.min_score == 1.0 and len(best.zones) == 2
    assert "min score" in slots._repr_html_()
    assert slots.to_records()[0]["min_score"] == 1.0
    with pytest.raises(kix.ValidationError) as e:
        kix.find_slots(hub, ["France"], start="2025-03-04", end="2025-03-04")
    assert e.value.code == "hub.unknown_country"
    with pytest.raises(ValueError):
        kix.find_slots(hub, start="2025-03-05", end="2025-03-04")
    with pytest.raises(TypeError):
        kix.find_slots("hub", start="2025-03-05", end="2025-03-04")


def test_find_slots_with_an_empty_country_list_pleases_every_member_as_kotlin_does(hub):
    every = kix.find_slots(hub, start="2025-03-04", end="2025-03-04").to_records()
    empty = kix.find_slots(hub, [], start="2025-03-04", end="2025-03-04").to_records()
    assert empty == every and len(empty) == 5
    member_zones = {(c.code, z) for c in hub.countries for z in c.time_zones}
    assert {(z["country"], z["zone"]) for z in empty[0]["zones"]} == member_zones


# ---------------------------------------------------------------- registrations

def test_validate_one_registration(w20):
    o = kix.validate_registration(w20, good())
    assert (o.status, o.codes, o.country, o.accepted) == ("confirmed", [], "KG", True)
    late = kix.validate_registration(w20, good(submitted_at=dt.datetime(2024, 7, 31, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich"))))
    assert late.codes == ["registration.closed"]
    dup = kix.validate_registration(w20, good(), existing=[{"email": "A@Example.org", "status": "confirmed"}])
    assert dup.codes == ["registration.duplicate"] and dup.violations[0].params == {"held_index": 0}
    no_time = kix.validate_registration(w20, good(submitted_at=None), now=dt.datetime(2024, 7, 1, tzinfo=UTC))
    assert no_time.status == "confirmed"
    assert kix.validate_registration(w20, {}).codes == ["registration.missing_field"] * 5


def test_registration_wrong_types(w20):
    with pytest.raises(TypeError, match="mapping"):
        kix.validate_registration(w20, ["a@example.org"])
    with pytest.raises(TypeError, match="consent"):
        kix.validate_registration(w20, good(consent="yes"))
    with pytest.raises(TypeError, match="full_name"):
        kix.validate_registration(w20, good(full_name=42))
    with pytest.raises(ValueError, match="naive"):
        kix.validate_registration(w20, good(submitted_at=dt.datetime(2024, 7, 20)))
    with pytest.raises(TypeError):
        kix.validate_registration("w20", good())
    with pytest.raises(kix.ParseError):
        kix.validate_registration(w20, good(), existing=[{"email": "x@example.org", "status": "maybe"}])


def test_a_batch_from_dicts_and_from_a_dataframe_agree(w20):
    records = [good(f"p{i}@example.org") for i in range(5)] + [good("P0@example.org"), good("bad"), good(country="Narnia")]
    outcomes = kix.validate_registrations(w20, records)
    assert len(outcomes) == len(records)
    assert [o.status for o in outcomes] == ["confirmed"] * 5 + ["rejected"] * 3
    assert outcomes[5].violations[0].params == {"first_index": 0}
    assert outcomes.counts() == {"confirmed": 5, "rejected": 3}
    frame = pd.DataFrame(records)
    frame["extra_column"] = "ignored"
    from_frame = kix.validate_registrations(w20, frame)
    assert from_frame.to_records() == outcomes.to_records()
    cols = outcomes.to_columns()
    assert cols["codes"][6] == "registration.invalid_email"
    df = outcomes.to_pandas()
    assert list(df.columns) == ["status", "country", "codes", "fields"] and len(df) == 8
    assert "confirmed" in outcomes._repr_html_()
    # Missing values in a DataFrame (NaN) count as missing fields.
    holes = pd.DataFrame([good(), {"full_name": "X", "email": "x@example.org"}])
    assert "registration.missing_field" in kix.validate_registrations(w20, holes)[1].codes
    with pytest.raises(TypeError):
        kix.validate_registrations(w20, "not records")
    with pytest.raises(TypeError):
        kix.validate_registrations(w20, 42)


def test_a_generator_of_records_works(w20):
    out = kix.validate_registrations(w20, (good(f"g{i}@example.org") for i in range(3)))
    assert [o.status for o in out] == ["confirmed"] * 3


# ---------------------------------------------------------------- training

def test_training_workflow_and_ledger(hub):
    (c1, c2) = hub.training_cycles
    assert (c1.id, c1.start, c1.endorsement_date) == ("cycle-1", dt.date(2020, 9, 7), dt.date(2020, 7, 20))
    for who in "abc":
        hub.nominate("cycle-1", who, f"{who}@example.np", "Nepal", "2020-07-01")
    with pytest.raises(kix.ValidationError) as e:
        hub.nominate("cycle-1", "d", "d@example.np", "NP", "2020-07-01")
    assert e.value.code == "training.quota_exceeded"
    hub.withdraw("cycle-1", 1, "2020-07-10")
    i = hub.nominate("cycle-1", "d", "d@example.np", "NP", "2020-07-01")
    hub.endorse("cycle-1", i, "2020-07-20")
    hub.confirm("cycle-1", i, dt.date(2020, 8, 1))
    hub.complete("cycle-1", i, "2020-11-30")
    hub.reject("cycle-1", 0, "2020-07-21", "not eligible")
    with pytest.raises(kix.ValidationError) as e:
        hub.endorse("cycle-1", 2, "2020-09-08")
    assert e.value.code == "training.endorsed_after_start"
    ledger = {r["country"]: r for r in hub.training_cycle("cycle-1").ledger().to_records()}
    assert ledger["NP"] == {"country": "NP", "quota": 3, "confirmed": 1, "pending": 1, "free": 1}
    assert kix.emap().training_cycle("cycle-1").nominations == [], "the embedded hub is untouched"
    assert hub.nominee_status("cycle-1", " D@example.np") == "completed"
    assert hub.nominee_status("cycle-1", "z@example.np") is None
    with pytest.raises(KeyError):
        hub.nominate("cycle-9", "x", "x@example.org", "NP", "2020-07-01")


# ---------------------------------------------------------------- manners

def test_every_object_has_a_useful_repr(hub, w20):
    things = [hub, hub.countries[0], hub.organisations[0], hub.timeline, hub.training_cycles[0], w20,
              w20.local_times(), kix.parse_listing("3 March 2025", "15.30-17.00 (CET-Geneva)"), hub.check()[0],
              kix.validate_registration(w20, good()), kix.validate_registrations(w20, [good()])]
    for thing in things:
        text = repr(thing)
        assert text.startswith("<") and "object at 0x" not in text, text


def test_violations_compare_and_convert(hub):
    a, b = hub.check()[0], kix.emap().check()[0]
    assert a == b and a.to_dict()["code"] == "hub.country_unassigned"
    assert json.dumps(a.to_dict())


def test_catalogue_and_grants(hub):
    assert hub.products(kind="webinar_recording")[0]["event"] == "kix-emap-webinar-20"
    assert len(hub.products(country="NP")) == 0
    assert "webinar_recording" in hub.products()._repr_html_()
    assert hub.product_counts(by="month").to_records()[0]["period"] == 11
    assert hub.product_counts(by="phase")[0]["count"] == 1
    with pytest.raises(ValueError, match="case_study, .* or webinar_recording"):
        hub.products(kind="video")
    with pytest.raises(ValueError, match="month, project_year or phase"):
        hub.product_counts(by="week")
    assert hub.grant_totals() == {"by_country": [], "by_sub_region": [], "by_phase": []}


def test_local_wall_seconds_agrees_with_zoneinfo():
    import array
    import random

    rng = random.Random(7)
    seconds = [rng.randrange(0, 2_000_000_000) for _ in range(2000)]
    for zone in ["Asia/Kathmandu", "Europe/Chisinau", "Pacific/Apia", "Europe/Zurich"]:
        tz = zoneinfo.ZoneInfo(zone)
        local = kix.local_wall_seconds(array.array("q", seconds), zone)
        assert isinstance(local, array.array) and local.typecode == "q"
        for s, l in zip(seconds, local):
            wall = dt.datetime.fromtimestamp(s, tz).replace(tzinfo=None)
            assert dt.datetime(1970, 1, 1) + dt.timedelta(seconds=l) == wall, (zone, s)
    with pytest.raises(TypeError):
        kix.local_wall_seconds("123", "UTC")
    with pytest.raises(TypeError):
        kix.local_wall_seconds([1.5], "UTC")
