"""kix's calendar files read by independent parsers, against Python's zoneinfo.

`cargo run -p xtask -- ics-corpus DIR` writes the corpus (series across every DST
change of the member zones with DST and of Geneva, starts in folds and gaps,
sessions during which the clocks change, the 45- and 30-minute zones, long
Cyrillic and Arabic text, cancelled and moved occurrences, cancelled events,
feeds of 100 events, invitations and cancellations) and a manifest of each
file's *inputs*: the events as kix reads them. The expected instants are
derived here from those inputs with zoneinfo (a wall time in a gap or fold
read as RFC 5545 reads it: with the offset before the change, the first of
the two), never taken from kix.

Three parsers read every file:

- Python `icalendar` 7 with `recurring-ical-events` (series expansion);
- Mozilla's ical.js (`tools/js/ics-read.mjs`, Thunderbird's parser), which
  reads the file's own VTIMEZONE blocks;
- libical (`libical_read.c`, compiled here; Evolution's and KDE's library),
  with its RFC 5546 restriction check for files that carry a METHOD.

Each must give every occurrence's start and end instant as zoneinfo does, the
texts, organiser, attendee, status, sequence and alarms kix meant, and — read
alone, as a client that caches a VTIMEZONE by TZID uses it — every zone block
must give the offsets zoneinfo gives until 2035, years after the events.
"""

import collections
import datetime as dt
import json
import os
import pathlib
import shutil
import subprocess
import urllib.parse
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = pathlib.Path(os.environ.get("KIX_ICS_CORPUS", ROOT / "target" / "ics-corpus"))
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
PARSERS = ("icalendar", "ical.js", "libical")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PROBE_YEARS = range(2024, 2036)
CHECKS = collections.Counter()
UTC = dt.timezone.utc


# ---------------------------------------------------------------- expectations

def instant(wall, zone):
    """A wall time's instant in a zone, as RFC 5545 reads it (zoneinfo, fold=0)."""
    if isinstance(wall, str):
        wall = dt.datetime.fromisoformat(wall)
    return int(wall.replace(tzinfo=ZoneInfo(zone)).timestamp())


def end_of(event, start):
    if event.get("end"):
        return instant(event["end"], event["zone"])
    return start + 60 * event["duration_minutes"]


def rule_starts(event):
    """The wall-clock starts of a series: RFC 5545's RRULE, written again here."""
    rule, first = event["recurrence"], dt.datetime.fromisoformat(event["start"])
    interval, count = rule.get("interval", 1), rule.get("count")
    until = dt.date.fromisoformat(rule["until"]) if rule.get("until") else None
    limit = count or 1000
    out = [first]

    def room(day):
        return len(out) < limit and (until is None or day <= until)

    if rule["frequency"] == "daily":
        k = 1
        while room((first + dt.timedelta(days=k * interval)).date()):
            out.append(first + dt.timedelta(days=k * interval))
            k += 1
        return out
    days = sorted(WEEKDAYS.index(d) for d in rule.get("by_day", [])) or [first.weekday()]
    monday = first - dt.timedelta(days=first.weekday())
    for week in range(0, 10_000):
        for day in days:
            t = monday + dt.timedelta(days=week * 7 * interval + day)
            if t.date() <= first.date():
                continue
            if not room(t.date()):
                return out
            out.append(t)
    return out


def expected_occurrences(event, hub_id, with_moves=True):
    """(uid, start, end) of every occurrence, in unix seconds."""
    uid = f"{event['id']}@{hub_id}.kix"
    start = instant(event["start"], event["zone"])
    length = end_of(event, start) - start
    rule = event.get("recurrence")
    if not rule:
        return [(uid, start, start + length)]
    exceptions = {dt.datetime.fromisoformat(t) for t in rule.get("exceptions", [])}
    moved = {dt.datetime.fromisoformat(m["occurrence"]): m for m in rule.get("moved", [])} if with_moves else {}
    out = []
    for wall in rule_starts(event):
        if wall in exceptions:
            continue
        if wall in moved:
            m = moved[wall]
            s = instant(m["start"], event["zone"])
            if m.get("end"):
                e = instant(m["end"], event["zone"])
            elif m.get("duration_minutes"):
                e = s + 60 * m["duration_minutes"]
            else:
                e = s + length
            out.append((uid, s, e))
        else:
            s = instant(wall, event["zone"])
            out.append((uid, s, s + length))
    return out


def skipped(wall, zone):
    """Whether a DST change skips this wall time (it does not survive a round trip)."""
    aware = wall.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) != wall


def libical_gap_quirk(event, hub_id):
    """libical 3.0's known quirk (docs/calendar.md, "Calendar clients"), for a series occurrence whose wall
    time a DST change skips: libical expands it at RFC 5545's instant but reads its RECURRENCE-ID
    an hour earlier, so the override kix writes for it does not replace it (it comes twice), and
    the rule's next occurrence comes an hour late (the iterator keeps the shifted time one more
    step). Returns the occurrences libical moves, {where zoneinfo puts them: where libical
    does}, and those it gives twice."""
    rule = event.get("recurrence")
    if not rule:
        return {}, []
    zone = ZoneInfo(event["zone"])
    starts = rule_starts(event)
    exceptions = set(rule.get("exceptions", []))
    moved = {m["occurrence"] for m in rule.get("moved", [])}
    uid = f"{event['id']}@{hub_id}.kix"
    first = instant(event["start"], event["zone"])
    length = end_of(event, first) - first
    late, twice = {}, []
    for before, wall in zip(starts, starts[1:]):
        if not skipped(before, event["zone"]) or before.isoformat() in exceptions:
            continue
        if before.isoformat() not in moved:
            s = instant(before, event["zone"])
            twice.append((uid, s, s + length))
        if wall.isoformat() not in exceptions | moved:
            shift = int(before.replace(tzinfo=zone, fold=1).utcoffset().total_seconds()
                        - before.replace(tzinfo=zone, fold=0).utcoffset().total_seconds())
            s = instant(wall, event["zone"])
            late[(uid, s, s + length)] = (uid, s + shift, s + shift + length)
    return late, twice


def clean(text):
    """What a TEXT value keeps: line breaks as LF, no other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or not (ord(c) < 32 or 127 <= ord(c) < 160))


def summary(event):
    if event.get("series") and event.get("number") is not None:
        return clean(f"{event['series']} {event['number']}: {event['title']}")
    return clean(event["title"])


def mailto(email):
    local, domain = email.strip().rsplit("@", 1)
    return "mailto:" + urllib.parse.quote(local, safe="-._~!$'*+=^") + "@" + domain.lower().encode("idna").decode()


def organiser(event):
    return next(((p["name"], mailto(p["email"])) for p in event.get("organisers", []) if p.get("email")), None)


PARTSTAT = {"confirmed": "ACCEPTED", "pending": "TENTATIVE", "offered": "NEEDS-ACTION", "cancelled": "DECLINED", "denied": "DECLINED"}


def method(entry):
    """The method the file must carry: iTIP needs an organiser."""
    events = entry["events"]
    if entry["kind"] == "invitation":
        cancelled = events[0].get("status") == "cancelled" or entry["attendee"]["status"] in ("cancelled", "denied")
        return "CANCEL" if cancelled else "REQUEST"
    if not all(organiser(e) for e in events):
        return None
    if entry["kind"] == "event" and events[0].get("status") == "cancelled":
        return "CANCEL"
    return "PUBLISH"


def cancelled(entry, event):
    return event.get("status") == "cancelled" or method(entry) == "CANCEL"


# ---------------------------------------------------------------- the parsers

def probes():
    """Unambiguous wall times, 2024 to 2035, in every zone of the corpus: noon on the first of
    every month, and on each day the offset changes, the hours around the change."""
    zones = sorted({e["zone"] for m in MANIFEST for e in m["events"]})
    out = {}
    for zone in zones:
        tz, walls = ZoneInfo(zone), []
        for year in PROBE_YEARS:
            walls += [dt.datetime(year, month, 1, 12) for month in range(1, 13)]
            day = dt.datetime(year, 1, 1, 12)
            while day.year == year:
                nxt = day + dt.timedelta(days=1)
                if day.replace(tzinfo=tz).utcoffset() != nxt.replace(tzinfo=tz).utcoffset():
                    walls += [nxt.replace(hour=h, minute=30) for h in (0, 1, 3, 4)]
                day = nxt
        out[zone] = walls
    return out


PROBES = probes()


def python_read(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = []
    for v in cal.walk("VEVENT"):
        org = v.get("ORGANIZER")
        attendees = v.get("ATTENDEE", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        person = lambda p: {"cn": p.params.get("CN"), "uri": str(p), "partstat": p.params.get("PARTSTAT"), "rsvp": p.params.get("RSVP")}
        rid = v.get("RECURRENCE-ID")
        events.append({
            "uid": str(v["UID"]),
            "recurrence_id": int(rid.dt.timestamp()) if rid is not None else None,
            "summary": str(v.get("SUMMARY")),
            "description": str(v.get("DESCRIPTION")),
            "location": str(v.get("LOCATION")),
            "url": str(v["URL"]) if v.get("URL") is not None else None,
            "status": str(v.get("STATUS")),
            "sequence": int(v["SEQUENCE"]) if v.get("SEQUENCE") is not None else None,
            "organizer": person(org) if org is not None else None,
            "attendees": [person(a) for a in attendees],
            "alarms": [int(a.decoded("TRIGGER").total_seconds()) for a in v.walk("VALARM")],
        })
    occurrences = []
    for o in recurring_ical_events.of(cal).between(dt.datetime(1970, 1, 1, tzinfo=UTC), dt.datetime(2099, 1, 1, tzinfo=UTC)):
        start = o.decoded("DTSTART")
        end = o.decoded("DTEND") if o.get("DTEND") is not None else start + o.decoded("DURATION")
        occurrences.append({"uid": str(o["UID"]), "start": int(start.timestamp()), "end": int(end.timestamp())})
    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        tz, zone = vtz.to_tz(), str(vtz["TZID"])
        zones[zone] = [int(w.replace(tzinfo=tz).timestamp()) for w in PROBES.get(zone, [])]
    method = cal.get("METHOD")
    return {"method": str(method) if method is not None else None, "events": events, "occurrences": occurrences, "zones": zones, "errors": []}


@pytest.fixture(scope="session")
def readings(tmp_path_factory):
    """What each parser makes of every file, read once."""
    work = tmp_path_factory.mktemp("ics-readers")
    (work / "probes.json").write_text(json.dumps({z: [w.isoformat() for w in ws] for z, ws in PROBES.items()}))
    (work / "probes.txt").write_text("".join(f"{z} {w:%Y%m%dT%H%M%S}\n" for z, ws in PROBES.items() for w in ws))
    node = subprocess.run(
        ["node", str(ROOT / "tools" / "js" / "ics-read.mjs"), str(CORPUS), str(work / "probes.json")],
        check=True, capture_output=True, text=True,
    )
    cc = shutil.which("cc") or shutil.which("gcc")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libical"], check=True, capture_output=True, text=True).stdout.split()
    reader = work / "libical_read"
    subprocess.run([cc, "-O1", "-Wall", "-Werror", str(pathlib.Path(__file__).with_name("libical_read.c")), *flags, "-o", str(reader)], check=True)
    files = sorted(str(CORPUS / m["file"]) for m in MANIFEST)
    libical = subprocess.run([str(reader), str(work / "probes.txt"), *files], check=True, capture_output=True, text=True)
    return {
        "icalendar": {m["file"]: python_read(CORPUS / m["file"]) for m in MANIFEST},
        "ical.js": json.loads(node.stdout),
        "libical": json.loads(libical.stdout),
    }


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    lines = [f"{parser}: {CHECKS[parser]} checks passed" for parser in PARSERS]
    lines += [f"{name}: {n} occurrences" for name, n in CHECKS.items() if name not in PARSERS]
    (CORPUS / "checks.txt").write_text("\n".join([f"{len(MANIFEST)} calendar files", *lines]) + "\n")


def reading(readings, parser, entry):
    got = readings[parser][entry["file"]]
    assert "error" not in got, got.get("error")
    return got


def by_id(entry):
    return f"{entry['file']}"


CASES = [(p, m) for m in MANIFEST for p in PARSERS]
IDS = [f"{p}:{m['file']}" for p, m in CASES]


# ---------------------------------------------------------------- the checks

def test_the_corpus_has_every_hard_case():
    zones = {e["zone"] for m in MANIFEST for e in m["events"]}
    assert {"Europe/Tirane", "Europe/Chisinau", "Europe/Zurich", "Asia/Kathmandu", "Asia/Kabul", "Asia/Yangon"} <= zones
    series = [e for m in MANIFEST for e in m["events"] if e.get("recurrence")]
    assert any(e["recurrence"].get("exceptions") for e in series) and any(e["recurrence"].get("moved") for e in series)
    assert max(len(m["events"]) for m in MANIFEST if m["kind"] == "feed") >= 100
    assert {m["kind"] for m in MANIFEST} == {"event", "feed", "invitation"}
    # Folds and gaps: wall times that zoneinfo reads two ways.
    def ambiguous(wall, zone):
        w = dt.datetime.fromisoformat(wall) if isinstance(wall, str) else wall
        a, b = w.replace(tzinfo=ZoneInfo(zone), fold=0), w.replace(tzinfo=ZoneInfo(zone), fold=1)
        return a.utcoffset() != b.utcoffset()
    walls = [(w, e["zone"]) for m in MANIFEST for e in m["events"] for w in (rule_starts(e) if e.get("recurrence") else [e["start"]])]
    assert sum(ambiguous(w, z) for w, z in walls) >= 6


@pytest.mark.parametrize("parser,entry", CASES, ids=IDS)
def test_every_occurrence_has_the_instants_zoneinfo_gives(readings, parser, entry):
    got = reading(readings, parser, entry)
    with_moves = method(entry) != "CANCEL"
    expected = sorted(o for e in entry["events"] for o in expected_occurrences(e, entry["hub_id"], with_moves))
    if parser == "libical":
        late, twice = {}, []
        for e in entry["events"]:
            more_late, more_twice = libical_gap_quirk(e, entry["hub_id"])
            late.update(more_late)
            twice += more_twice
        expected = sorted([late.get(o, o) for o in expected] + twice)
        CHECKS["libical known quirk, occurrences after a DST gap an hour late"] += len(late)
        CHECKS["libical known quirk, occurrences in a DST gap given twice"] += len(twice)
    seen = sorted((o["uid"], o["start"], o["end"]) for o in got["occurrences"])
    missing = sorted(set(expected) - set(seen))
    extra = sorted(set(seen) - set(expected))
    fmt = lambda os: [(u, dt.datetime.fromtimestamp(s, UTC).isoformat(), (e - s) // 60) for u, s, e in os[:8]]
    assert seen == expected, f"missing {fmt(missing)}, unexpected {fmt(extra)}"
    CHECKS[parser] += 2 * len(expected)


@pytest.mark.parametrize("parser,entry", CASES, ids=IDS)
def test_texts_people_status_and_alarms_are_what_kix_meant(readings, parser, entry):
    got = reading(readings, parser, entry)
    assert got["method"] == method(entry)
    events = {f"{e['id']}@{entry['hub_id']}.kix": e for e in entry["events"]}
    assert {v["uid"] for v in got["events"]} == set(events)
    checks = 2
    for v in got["events"]:
        e = events[v["uid"]]
        assert v["summary"] == summary(e)
        if e.get("description"):
            assert clean(e["description"].strip()) in v["description"]
        url = (e.get("location") or {}).get("url")
        if url:
            assert v["url"] == url
            assert f"Join: {url}" in v["description"]
        assert v["status"] == ("CANCELLED" if cancelled(entry, e) else "CONFIRMED")
        assert v["sequence"] == e.get("sequence", 0)
        org = organiser(e)
        if org is None:
            assert v["organizer"] is None
        else:
            assert (v["organizer"]["cn"], v["organizer"]["uri"]) == org
        if entry["kind"] == "invitation":
            a = entry["attendee"]
            (attendee,) = v["attendees"]
            assert (attendee["cn"], attendee["uri"]) == (a["name"], mailto(a["email"]))
            assert attendee["partstat"] == PARTSTAT[a["status"]]
            assert attendee["rsvp"] == ("TRUE" if a["status"] == "offered" else "FALSE")
        else:
            assert v["attendees"] == []
        minutes = [] if cancelled(entry, e) else e.get("registration", {}).get("reminder_minutes", [10080, 1440, 60])
        assert sorted(v["alarms"]) == sorted(-60 * m for m in minutes)
        checks += 9
    CHECKS[parser] += checks


@pytest.mark.parametrize("parser,entry", CASES, ids=IDS)
def test_each_vtimezone_read_alone_stays_right_for_years(readings, parser, entry):
    got = reading(readings, parser, entry)
    zones = {e["zone"] for e in entry["events"]}
    assert set(got["zones"]) == zones, "one VTIMEZONE per zone, once"
    for zone, instants in got["zones"].items():
        expected = [instant(w, zone) for w in PROBES[zone]]
        wrong = [(w.isoformat(), (i - x) // 60) for w, i, x in zip(PROBES[zone], instants, expected) if i != x]
        assert not wrong and len(instants) == len(expected), f"{zone}: {len(wrong)} of {len(expected)} off (minutes): {wrong[:6]}"
        CHECKS[parser] += len(expected)


@pytest.mark.parametrize("entry", MANIFEST, ids=by_id)
def test_libical_finds_no_error_and_the_rfc_5546_restrictions_hold(readings, entry):
    got = reading(readings, "libical", entry)
    assert got["errors"] == []
    CHECKS["libical"] += 1
