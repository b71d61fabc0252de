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

Five parsers read every file:

- Python `icalendar` 7 with `recurring-ical-events` (series expansion);
- Mozilla's ical.js (`tools/js/ics-read.mjs`, Thunderbird's parser), which
  reads the file's own VTIMEZONE blocks;
- libical (`libical_read.c`, compiled here; Evolution's and KDE's library),
  with its RFC 5546 restriction check for files that carry a METHOD;
- Python `vobject` (Radicale's and many CalDAV tools' parser), series expanded
  with its `getrruleset` (dateutil) in the file's own VTIMEZONE;
- Python `ics` (ics-py), which expands no rule: a series is read as its first
  occurrence and its overrides (its known quirk, docs/calendar.md).

The expected wall times of monthly rules come from python-dateutil's `rrule`,
an RFC 5545 implementation independent of kix's.

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
import re
import shutil
import subprocess
import urllib.parse
from zoneinfo import ZoneInfo

import icalendar
import ics as ics_py
import pytest
import recurring_ical_events
import vobject
from dateutil import rrule as du

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = pathlib.Path(os.environ.get("KIX_ICS_CORPUS", ROOT / "target" / "ics-corpus"))
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
PARSERS = ("icalendar", "ical.js", "libical", "vobject", "ics-py")
# ics-py 0.7 keeps SEQUENCE, RRULE and RECURRENCE-ID as unparsed lines and does not decode RFC 6868.
TEXT_PARSERS = ("icalendar", "ical.js", "libical", "vobject")
DU_DAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
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


def horizon_end(event):
    """The last wall time a series with no end is taken over: its start's date plus the policy's horizon."""
    rule = event["recurrence"]
    if rule.get("count") or rule.get("until"):
        return None
    days = event.get("registration", {}).get("horizon_days", 365)
    return dt.datetime.combine(dt.date.fromisoformat(event["start"][:10]) + dt.timedelta(days=days), dt.time(23, 59, 59))


def extra_dates(event, starts):
    extra = [dt.datetime.fromisoformat(t) for t in event["recurrence"].get("extra_dates", [])]
    last = horizon_end(event)
    extra = [t for t in extra if last is None or t <= last]
    return sorted(set(starts) | set(extra))


def monthly_starts(event):
    """A monthly rule's wall-clock starts, by python-dateutil (an RFC 5545 implementation of its own)."""
    rule, first = event["recurrence"], dt.datetime.fromisoformat(event["start"])
    weekdays = []
    for d in rule.get("by_day", []):
        if isinstance(d, str):
            weekdays.append(DU_DAYS[WEEKDAYS.index(d)])
        else:
            weekdays.append(DU_DAYS[WEEKDAYS.index(d["day"])](d["ordinal"]))
    until = horizon_end(event)
    if rule.get("until"):
        until = dt.datetime.combine(dt.date.fromisoformat(rule["until"]), dt.time(23, 59, 59))
    days = rule.get("by_month_day") or (None if weekdays else [first.day])
    r = du.rrule(du.MONTHLY, dtstart=first, interval=rule.get("interval", 1), count=rule.get("count"), until=until,
                 byweekday=weekdays or None, bymonthday=days, bysetpos=rule.get("by_set_pos") or None)
    return list(r)


def rule_starts(event):
    """The wall-clock starts of a series: RFC 5545's RRULE, written again here, and its RDATEs."""
    rule, first = event["recurrence"], dt.datetime.fromisoformat(event["start"])
    interval, count = rule.get("interval", 1), rule.get("count")
    until = dt.date.fromisoformat(rule["until"]) if rule.get("until") else None
    if horizon_end(event) is not None:
        until = horizon_end(event).date()
    if rule["frequency"] == "monthly":
        return extra_dates(event, monthly_starts(event))
    limit = count or 100_000
    out = [first]

    def room(day):
        return len(out) < limit and (until is None or day <= until)

    if rule["frequency"] == "daily":
        k = 1
        while room((first + dt.timedelta(days=k * interval)).date()):
            out.append(first + dt.timedelta(days=k * interval))
            k += 1
        return extra_dates(event, out)
    days = sorted(WEEKDAYS.index(d) for d in rule.get("by_day", [])) or [first.weekday()]
    monday = first - dt.timedelta(days=first.weekday())
    for week in range(0, 10_000):
        for day in days:
            t = monday + dt.timedelta(days=week * 7 * interval + day)
            if t.date() <= first.date():
                continue
            if not room(t.date()):
                return extra_dates(event, out)
            out.append(t)
    return extra_dates(event, out)


def session_uid(event, hub_id, wall):
    return f"{event['id']}-{dt.datetime.fromisoformat(wall):%Y%m%dT%H%M%S}@{hub_id}.kix"


def expected_uid(entry, event):
    """The UID a file gives an event: a session sent on its own has its own, unless written as an instance."""
    if entry.get("occurrence") and entry.get("alternative") != "recurrence-id":
        return session_uid(event, entry["hub_id"], entry["occurrence"])
    return f"{event['id']}@{entry['hub_id']}.kix"


def expected_for(entry, with_moves):
    """Every occurrence a file holds: one session for an invitation to one session."""
    out = []
    for e in entry["events"]:
        occurrences = expected_occurrences(e, entry["hub_id"], with_moves and not entry.get("occurrence"))
        if entry.get("occurrence"):
            wall = dt.datetime.fromisoformat(entry["occurrence"])
            session = expected_session(e, wall)
            occurrences = [(expected_uid(entry, e), *session)]
        out += occurrences
    return sorted(out)


def expected_session(event, wall):
    """(start, end) of one occurrence, moved or cancelled ones included (a cancellation holds its times)."""
    zone, rule = event["zone"], event["recurrence"]
    start = instant(event["start"], zone)
    length = end_of(event, start) - start
    m = next((m for m in rule.get("moved", []) if dt.datetime.fromisoformat(m["occurrence"]) == wall), None)
    if m is None:
        s = instant(wall, zone)
        return s, s + length
    s = instant(m["start"], zone)
    e = instant(m["end"], zone) if m.get("end") else s + 60 * m["duration_minutes"] if m.get("duration_minutes") else s + length
    return s, e


def open_window(entry):
    """{uid: last start instant} for the series with no end: readers give them to 2099, kix over its horizon."""
    out = {}
    for e in entry["events"]:
        if e.get("recurrence") and horizon_end(e) is not None and not entry.get("occurrence"):
            out[f"{e['id']}@{entry['hub_id']}.kix"] = instant(horizon_end(e), e["zone"])
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


def libical_skipped_exdates(event, hub_id):
    """libical 3.0 does not apply an EXDATE whose wall time the zone skips (as with its RECURRENCE-ID,
    see libical_gap_quirk; here Apia's 30 December 2011, a day Samoa skipped): the cancelled
    occurrence comes at RFC 5545's instant. Returns those occurrences."""
    rule = event.get("recurrence") or {}
    uid = f"{event['id']}@{hub_id}.kix"
    first = instant(event["start"], event["zone"])
    length = end_of(event, first) - first
    out = []
    for wall in rule.get("exceptions", []):
        w = dt.datetime.fromisoformat(wall)
        if skipped(w, event["zone"]):
            s = instant(w, event["zone"])
            out.append((uid, s, s + length))
    return out


# vobject's known quirk (dateutil's tzical): Apia's VTIMEZONE of 2011-12, when Samoa crossed the date
# line (-10:00 to +14:00), is read at +13:00 throughout. {event id: the offset it reads}.
VOBJECT_APIA_2011 = {"ws-30th-2011": dt.timedelta(hours=13)}


def vobject_apia_quirk(entry, expected):
    out = []
    for uid, s, e in expected:
        event = next((x for x in entry["events"] if f"{x['id']}@{entry['hub_id']}.kix" == uid), None)
        offset = VOBJECT_APIA_2011.get(event["id"]) if event else None
        if offset is None:
            out.append((uid, s, e))
            continue
        tz = ZoneInfo(event["zone"])
        wall = dt.datetime.fromtimestamp(s, tz).replace(tzinfo=None)
        shifted = int(wall.replace(tzinfo=dt.timezone(offset)).timestamp())
        CHECKS["vobject known quirk, Apia's 2011 date-line change read at +13:00"] += 1
        out.append((uid, shifted, shifted + e - s))
    return sorted(out)


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


def rfc6868(value):
    """RFC 6868's decoding of a parameter value: ^' a double quote, ^n a line break, ^^ a caret."""
    return re.sub(r"\^(['n^])", lambda m: {"'": '"', "n": "\n", "^": "^"}[m.group(1)], value)


PARTSTAT = {"confirmed": "ACCEPTED", "pending": "TENTATIVE", "offered": "NEEDS-ACTION", "cancelled": "DECLINED", "denied": "DECLINED"}


def method(entry):
    """The method the file must carry: iTIP needs an organiser."""
    events = entry["events"]
    if entry["kind"] == "invitation":
        cancelled = (events[0].get("status") == "cancelled" or entry["attendee"]["status"] in ("cancelled", "denied")
                     or session_cancelled(entry, events[0]))
        return "CANCEL" if cancelled else "REQUEST"
    if not all(organiser(e) for e in events):
        return None
    if entry["kind"] == "event" and events[0].get("status") == "cancelled":
        return "CANCEL"
    return "PUBLISH"


def cancelled(entry, event):
    return event.get("status") == "cancelled" or method(entry) == "CANCEL"


def session_cancelled(entry, event):
    """Whether an invitation to one session is for a session the organiser cancelled."""
    return entry.get("occurrence") in event.get("recurrence", {}).get("exceptions", [])


# ---------------------------------------------------------------- the parsers

def unique(wall, tz):
    a, b = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    return a.utcoffset() == b.utcoffset() and a.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall


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
                    # Lord Howe's half-hour change makes 01:30 a fold: only walls that exist once.
                    walls += [w for w in (nxt.replace(hour=h, minute=30) for h in (0, 1, 3, 4)) if unique(w, tz)]
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


def vobject_read(path):
    cal = vobject.readOne(path.read_text(encoding="utf-8"))
    vevents = cal.contents.get("vevent", [])
    value = lambda v, name: v.contents[name][0].value if name in v.contents else None
    occurrences, overridden = [], set()
    for v in vevents:
        if "recurrence-id" in v.contents:
            overridden.add((value(v, "uid"), int(value(v, "recurrence-id").timestamp())))
    events = []
    for v in vevents:
        uid = value(v, "uid")
        org = v.contents.get("organizer", [None])[0]
        person = lambda p: {"cn": (p.params.get("CN") or [None])[0], "uri": p.value,
                            "partstat": (p.params.get("PARTSTAT") or [None])[0], "rsvp": (p.params.get("RSVP") or [None])[0]}
        rid = value(v, "recurrence-id")
        events.append({
            "uid": uid,
            "recurrence_id": int(rid.timestamp()) if rid is not None else None,
            "summary": value(v, "summary"),
            "description": value(v, "description"),
            "location": value(v, "location"),
            "url": value(v, "url"),
            "status": value(v, "status"),
            "sequence": int(value(v, "sequence")) if value(v, "sequence") is not None else None,
            "organizer": person(org) if org is not None else None,
            "attendees": [person(a) for a in v.contents.get("attendee", [])],
            "alarms": [int(a.trigger.value.total_seconds()) for a in v.contents.get("valarm", [])],
        })
        start = value(v, "dtstart")
        length = value(v, "duration") if "duration" in v.contents else value(v, "dtend") - start
        if rid is None and ("rrule" in v.contents or "rdate" in v.contents):
            for s in v.getrruleset(addRDate=True).between(dt.datetime(1970, 1, 1, tzinfo=UTC), dt.datetime(2099, 1, 1, tzinfo=UTC), inc=True):
                if (uid, int(s.timestamp())) not in overridden:
                    occurrences.append({"uid": uid, "start": int(s.timestamp()), "end": int((s + length).timestamp())})
        else:
            end = value(v, "dtend") if "dtend" in v.contents else start + length
            occurrences.append({"uid": uid, "start": int(start.timestamp()), "end": int(end.timestamp())})
    zones = {}
    for vtz in cal.contents.get("vtimezone", []):
        tz, zone = vtz.gettzinfo(), vtz.contents["tzid"][0].value
        zones[zone] = [int(w.replace(tzinfo=tz).timestamp()) for w in PROBES.get(zone, [])]
    method = cal.contents["method"][0].value if "method" in cal.contents else None
    return {"method": method, "events": events, "occurrences": occurrences, "zones": zones, "errors": []}


def ics_py_read(path):
    cal = ics_py.Calendar(path.read_text(encoding="utf-8"))
    occurrences = [{"uid": e.uid, "start": int(e.begin.timestamp()), "end": int(e.end.timestamp())} for e in cal.events]
    events = [{"uid": e.uid, "summary": e.name, "status": e.status} for e in cal.events]
    # ics-py keeps the VTIMEZONE blocks it read as dateutil zones (a private attribute in 0.7).
    zones = {zone: [int(w.replace(tzinfo=tz).timestamp()) for w in PROBES.get(zone, [])] for zone, tz in cal._timezones.items()}
    return {"method": cal.method, "events": events, "occurrences": occurrences, "zones": zones, "errors": []}


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
        "vobject": {m["file"]: vobject_read(CORPUS / m["file"]) for m in MANIFEST},
        "ics-py": {m["file"]: ics_py_read(CORPUS / m["file"]) for m in MANIFEST},
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
TEXT_CASES = [(p, m) for m in MANIFEST for p in TEXT_PARSERS]
TEXT_IDS = [f"{p}:{m['file']}" for p, m in TEXT_CASES]


# ---------------------------------------------------------------- the checks

def test_the_corpus_has_every_hard_case():
    zones = {e["zone"] for m in MANIFEST for e in m["events"]}
    assert {"Europe/Tirane", "Europe/Chisinau", "Europe/Zurich", "Asia/Kathmandu", "Asia/Kabul", "Asia/Yangon",
            "Asia/Almaty", "Australia/Lord_Howe", "Pacific/Apia"} <= zones
    series = [e for m in MANIFEST for e in m["events"] if e.get("recurrence")]
    assert any(e["recurrence"].get("exceptions") for e in series) and any(e["recurrence"].get("moved") for e in series)
    assert max(len(m["events"]) for m in MANIFEST if m["kind"] == "feed") >= 100
    assert {m["kind"] for m in MANIFEST} == {"event", "feed", "invitation"}
    rules = [e["recurrence"] for e in series]
    assert any(r["frequency"] == "monthly" and any(isinstance(d, dict) and d["ordinal"] < 0 for d in r.get("by_day", [])) for r in rules)
    assert any(r.get("by_set_pos") for r in rules) and any(r.get("by_month_day") for r in rules)
    assert any(r.get("extra_dates") for r in rules)
    assert any(not r.get("count") and not r.get("until") for r in rules), "a series with no end"
    assert any(m["kind"] == "feed" and any(e.get("recurrence") and horizon_end(e) for e in m["events"]) for m in MANIFEST)
    sessions = [m for m in MANIFEST if m.get("occurrence")]
    assert {m.get("alternative") for m in sessions} == {None, "recurrence-id"}
    assert any(method(m) == "CANCEL" for m in sessions) and any(method(m) == "REQUEST" for m in sessions)
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
    if parser == "ical.js" and entry.get("alternative") == "recurrence-id":
        # The evidence for kix's choice of a UID of its own per session (docs/calendar.md): sent as
        # an instance of the series (its UID and a RECURRENCE-ID) without the series' master,
        # ical.js's event API gives no occurrence at all (an instance only replaces one of a
        # master's). The own-UID file of the same session is read right by every parser.
        assert got["occurrences"] == []
        CHECKS["ical.js, a session sent as an instance without its master shows nothing"] += 1
        return
    with_moves = method(entry) != "CANCEL"
    expected = expected_for(entry, with_moves)
    if parser == "libical":
        late, twice = {}, []
        for e in entry["events"]:
            more_late, more_twice = libical_gap_quirk(e, entry["hub_id"])
            late.update(more_late)
            twice += more_twice
        skipped_days = [o for e in entry["events"] for o in libical_skipped_exdates(e, entry["hub_id"])]
        expected = sorted([late.get(o, o) for o in expected] + twice + skipped_days)
        CHECKS["libical known quirk, an EXDATE on a day the zone skipped is not applied"] += len(skipped_days)
        CHECKS["libical known quirk, occurrences after a DST gap an hour late"] += len(late)
        CHECKS["libical known quirk, occurrences in a DST gap given twice"] += len(twice)
    if parser == "vobject":
        expected = vobject_apia_quirk(entry, expected)
    window = open_window(entry)
    seen = sorted((o["uid"], o["start"], o["end"]) for o in got["occurrences"] if o["start"] <= window.get(o["uid"], o["start"]))
    if window:
        CHECKS["occurrences of series with no end, within their horizon"] += sum(1 for o in expected if o[0] in window)
    if parser == "ics-py":
        # ics-py's known quirk: no rule is expanded. Each VEVENT is read alone: a series' first
        # occurrence and its overrides, each of which must have zoneinfo's instants.
        assert set(seen) <= set(expected), f"unexpected {sorted(set(seen) - set(expected))[:6]}"
        firsts = {(e["uid"], e["start"]) for e in got["occurrences"]}
        for e in entry["events"]:
            if e.get("recurrence") and not entry.get("occurrence"):
                assert (expected_uid(entry, e), instant(e["start"], e["zone"])) in firsts
                CHECKS["ics-py known quirk, series read as their first occurrence and overrides"] += 1
        CHECKS[parser] += 2 * len(seen)
        return
    missing = sorted(set(expected) - set(seen))
    extra = sorted(set(seen) - set(expected))
    fmt = lambda os: [(u, dt.datetime.fromtimestamp(s, UTC).isoformat(), (e - s) // 60) for u, s, e in os[:8]]
    assert seen == expected, f"missing {fmt(missing)}, unexpected {fmt(extra)}"
    CHECKS[parser] += 2 * len(expected)


@pytest.mark.parametrize("entry", MANIFEST, ids=by_id)
def test_ics_py_reads_the_method_uids_and_summaries(readings, entry):
    got = reading(readings, "ics-py", entry)
    assert got["method"] == method(entry)
    events = {expected_uid(entry, e): e for e in entry["events"]}
    assert {v["uid"] for v in got["events"]} == set(events)
    for v in got["events"]:
        assert v["summary"] == summary(events[v["uid"]])
    CHECKS["ics-py"] += 2 + len(got["events"])


@pytest.mark.parametrize("parser,entry", TEXT_CASES, ids=TEXT_IDS)
def test_texts_people_status_and_alarms_are_what_kix_meant(readings, parser, entry):
    got = reading(readings, parser, entry)
    assert got["method"] == method(entry)
    events = {expected_uid(entry, e): e for e in entry["events"]}
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
        if parser == "vobject":
            # vobject's known quirk: parameter values stay RFC 6868-encoded; an application decodes them.
            for p in [v["organizer"], *v["attendees"]]:
                if p is not None and p["cn"] and p["cn"] != rfc6868(p["cn"]):
                    p["cn"] = rfc6868(p["cn"])
                    CHECKS["vobject known quirk, RFC 6868 left encoded"] += 1
        org = organiser(e)
        if org is None:
            assert v["organizer"] is None
        else:
            assert (v["organizer"]["cn"], v["organizer"]["uri"]) == org
        if entry["kind"] == "invitation":
            a = entry["attendee"]
            (attendee,) = v["attendees"]
            assert (attendee["cn"], attendee["uri"]) == (a["name"], mailto(a["email"]))
            # A cancellation (theirs, or the organiser's of the event or of their session) declines.
            assert attendee["partstat"] == ("DECLINED" if method(entry) == "CANCEL" else PARTSTAT[a["status"]])
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


@pytest.mark.parametrize("entry", [m for m in MANIFEST if m["kind"] == "event"], ids=by_id)
def test_kix_expands_each_series_to_the_instants_the_readers_give(entry):
    """kix's own occurrences (through the Python face) are the instants zoneinfo and dateutil give, which
    every parser above reads from the file: the rule written is the rule kix expands."""
    kix = pytest.importorskip("kix")
    (event,) = entry["events"]
    mine = sorted((f"{event['id']}@{entry['hub_id']}.kix", int(o["start_utc"].timestamp()), int(o["end_utc"].timestamp()))
                  for o in kix.Event.from_dict(event).occurrences())
    assert mine == expected_occurrences(event, entry["hub_id"])
    CHECKS["kix's own occurrences"] += len(mine)
