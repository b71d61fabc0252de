"""Independent check of kix's .ics files with Python's icalendar and zoneinfo.

`cargo run --example webinar DIR` writes the files and a manifest of each event's
wall-clock start, end and IANA zone (the inputs, not kix's instants). Here the
instants are derived again with zoneinfo and compared with what icalendar reads
from the files, both through its own zone lookup and through the VTIMEZONE block
kix wrote.
"""

import datetime as dt
import json
import os
import pathlib
from zoneinfo import ZoneInfo

import icalendar
import pytest

DIR = pathlib.Path(os.environ.get("KIX_ICS_DIR", pathlib.Path(__file__).resolve().parents[2] / "target" / "webinar"))
MANIFEST = json.loads((DIR / "manifest.json").read_text(encoding="utf-8"))


def expected_utc(wall, zone):
    return dt.datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).astimezone(dt.timezone.utc)


@pytest.fixture(params=MANIFEST, ids=[m["file"] for m in MANIFEST])
def entry(request):
    raw = (DIR / request.param["file"]).read_bytes()
    return request.param, raw, icalendar.Calendar.from_ical(raw)


def test_the_manifest_covers_the_seed_webinar_and_hard_zones():
    files = {m["file"] for m in MANIFEST}
    assert "kix-emap-webinar-20.ics" in files
    assert {m["zone"] for m in MANIFEST} >= {"Europe/Zurich", "Asia/Kathmandu", "Europe/Chisinau", "Pacific/Apia"}


def test_webinar_20_is_11_to_12_30_utc():
    m = next(m for m in MANIFEST if m["file"] == "kix-emap-webinar-20.ics")
    cal = icalendar.Calendar.from_ical((DIR / m["file"]).read_bytes())
    event = next(iter(cal.walk("VEVENT")))
    assert event.decoded("DTSTART").astimezone(dt.timezone.utc) == dt.datetime(2024, 7, 31, 11, 0, tzinfo=dt.timezone.utc)
    assert event.decoded("DTEND").astimezone(dt.timezone.utc) == dt.datetime(2024, 7, 31, 12, 30, tzinfo=dt.timezone.utc)
    description = str(event["DESCRIPTION"])
    assert "Arabic and Russian" in description
    assert "Welcome & introductions" in description


def test_lines_are_crlf_and_folded_at_75_octets(entry):
    _, raw, _ = entry
    assert raw.endswith(b"\r\n")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        assert b"\n" not in line and b"\r" not in line


def test_instants_agree_with_zoneinfo(entry):
    m, _, cal = entry
    event = next(iter(cal.walk("VEVENT")))
    assert event.decoded("DTSTART").astimezone(dt.timezone.utc) == expected_utc(m["start"], m["zone"])
    assert event.decoded("DTEND").astimezone(dt.timezone.utc) == expected_utc(m["end"], m["zone"])
    assert event["DTSTART"].params["TZID"] == m["zone"]


def test_the_vtimezone_block_alone_gives_the_same_instants(entry):
    m, _, cal = entry
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == m["zone"]
    tz = vtz.to_tz()
    for key in ("start", "end"):
        wall = dt.datetime.fromisoformat(m[key])
        assert wall.replace(tzinfo=tz).astimezone(dt.timezone.utc) == expected_utc(m[key], m["zone"]), key


def test_text_round_trips_and_method_follows_status(entry):
    m, _, cal = entry
    event = next(iter(cal.walk("VEVENT")))
    assert str(event["SUMMARY"]).endswith(m["title"].replace("\r\n", "\n"))
    assert int(event["SEQUENCE"]) == m["sequence"]
    # iTIP methods need an ORGANIZER, which kix writes only from a known organiser e-mail.
    if m["organiser_email"] is None:
        assert cal.get("METHOD") is None and event.get("ORGANIZER") is None
    else:
        assert str(cal["METHOD"]) == ("CANCEL" if m["cancelled"] else "PUBLISH")
        assert str(event["ORGANIZER"]) == f"mailto:{m['organiser_email']}"
    assert str(event["STATUS"]) == ("CANCELLED" if m["cancelled"] else "CONFIRMED")
    assert len(list(cal.walk("VEVENT"))) == 1, "no injected component"
