"""The differential test across languages, Python's side.

`tests/differential/` holds generated inputs for every operation the faces
export, each with the core's result (written by `kix-core/tests/differential.rs`
from proptest strategies). Every case is run through the Python package and must
give the same canonical JSON; Kotlin does the same (`DifferentialTest.kt`).

The run is profiled: every public function and method of the package must be
called by some case, so a new export without a case fails here.
"""

import datetime as dt
import io
import json
import math
import pathlib
import sys

import pytest

import kix

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "tests" / "differential").glob("*.json"))
DOCS = [json.loads(p.read_text(encoding="utf-8")) for p in FILES]
CASES = [
    pytest.param(doc["op"], case["input"], case["result"], id=f"{doc['op']}[{i}]")
    for doc in DOCS
    if "python" in doc["faces"]
    for i, case in enumerate(doc["cases"])
]
HUB = kix.emap()
W20 = HUB.event("kix-emap-webinar-20").to_dict()
UTC = dt.timezone.utc


def z(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def wall(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def violation(v):
    d = v.to_dict()
    assert (d["code"], d["path"]) == (v.code, v.path)
    return {"code": v.code, "severity": v.severity, "path": v.path, "message": v.message, "params": v.params}


def error(e):
    """An exception as the canonical result: rejections with their codes, else the class."""
    if isinstance(e, kix.ValidationError):
        return {"error": "rejected", "codes": [x["code"] for x in e.errors()]}
    if isinstance(e, KeyError):
        return {"error": "not_found"}
    if isinstance(e, ValueError):
        return {"error": "invalid_input"}
    raise e


def attempt(body):
    try:
        return body()
    except (kix.KixError, KeyError, ValueError) as e:
        return error(e)


def event_with(overrides):
    return kix.Event.from_dict({**W20, **overrides})


def country_record(c):
    assert c.to_dict()["code"] == c.code
    return {
        "code": c.code, "name": c.name, "subdivision": c.subdivision, "sub_region": c.sub_region,
        "time_zones": c.time_zones, "rest_days": c.rest_days, "note": c.note,
    }


def organisation(o):
    d = o.to_dict()
    assert d["id"] == o.id
    return {"id": o.id, "name": o.name, "full_name": o.full_name, "roles": o.roles}


def local_row(r):
    return {
        "country": r["country"], "zone": r["zone"], "local_start": wall(r["local_start"]),
        "local_end": wall(r["local_end"]), "local_date": str(r["local_date"]), "day_shift": r["day_shift"],
        "utc_offset": r["utc_offset"], "abbreviation": r["abbreviation"],
        "within_working_hours": r["within_working_hours"], "rest_day": r["rest_day"],
    }


def hub_document(inp):
    h = kix.Hub.from_json(json.dumps(inp["hub"]))
    again = kix.Hub.from_dict(json.loads(h.to_json()))
    return {
        "id": h.id,
        "name": h.name,
        "countries": [country_record(c) for c in h.countries],
        "organisations": [organisation(o) for o in h.organisations],
        "check": [violation(v) for v in h.check()],
        "round_trip": again.to_dict() == h.to_dict(),
    }


def timeline_position(inp):
    t = HUB.timeline
    p = t.position(inp["date"])
    # The single-figure queries agree with the position wherever the project runs.
    assert t.phase_of(inp["date"]) == p["phase"]
    assert p["phase"] in {ph["id"] for ph in t.phases}
    if p["phase"] == "phase-1":
        assert (t.month_index(inp["date"]), t.project_year(inp["date"]), t.quarter(inp["date"])) == (
            p["month_index"], p["project_year"], p["quarter"])
    return p


def local_times(inp):
    event = event_with(inp["event"])
    table = event.local_times(HUB, working_hours=tuple(inp["working_hours"]))
    rows = [local_row(r) for r in table.to_records()]
    assert len(table) == len(table.rows) == len(table.to_dict()["rows"]) == len(table.to_pandas())
    return {"start_utc": z(event.start_utc), "end_utc": z(event.end_utc), "rows": rows}


def slots(inp):
    found = kix.find_slots(
        HUB, inp["countries"], start=inp["from"], end=inp["to"], duration_minutes=inp["duration_minutes"],
        working_hours=tuple(inp["working_hours"]), granularity_minutes=inp["granularity_minutes"], top=inp["top"],
    )
    out = []
    for s in found:
        d = s.to_dict()
        assert d["start_utc"].startswith(z(s.start_utc)[:16])
        out.append({
            "start_utc": z(s.start_utc), "end_utc": z(s.end_utc), "min_score": s.min_score,
            "mean_score": s.mean_score,
            "zones": [{"country": x["country"], "zone": x["zone"], "local_start": wall(x["local_start"]),
                       "score": x["score"], "rest_day": x["rest_day"]} for x in s.zones],
        })
    return {"slots": out}


def registrations(inp, single):
    event = event_with(inp["event"])
    if single:
        outcomes = [kix.validate_registration(event, inp["records"][0], existing=inp["held"], now=inp["now"], hub=HUB)]
    else:
        outcomes = kix.validate_registrations(event, inp["records"], existing=inp["held"], now=inp["now"], hub=HUB)
        # The tabular views line up with the outcomes.
        columns = outcomes.to_columns()
        assert columns["status"] == [o.status for o in outcomes] == [r["status"] for r in outcomes.to_records()]
        assert list(outcomes.to_pandas()["status"]) == columns["status"]
        assert outcomes.to_arrow().column("status").to_pylist() == columns["status"]
        assert outcomes.to_polars()["status"].to_list() == columns["status"]
        assert len(outcomes.violations_frame()) == sum(len(o.violations) for o in outcomes)
        assert sum(outcomes.counts().values()) == len(outcomes) == len(inp["records"])
        assert int(outcomes.counts(by="status")["registrations"].sum()) == len(outcomes)
    return {"outcomes": [outcome(o) for o in outcomes]}


def messages(inp):
    outcomes = kix.validate_registrations(HUB.event("kix-emap-webinar-20"), inp["records"], hub=HUB)
    out = []
    for o in outcomes:
        for v in o.violations:
            m = v.message_in(inp["locale"], plain=inp["plain"])
            out.append({"code": v.code, "text": m.text, "locale": m.locale, "fell_back": m.fell_back})
    return {"messages": out}


def training(inp):
    hub = kix.emap()
    cycle = inp["cycle"]
    results = []
    for step in inp["steps"]:
        if step["op"] == "nominate":
            n = step["nomination"]
            results.append(attempt(lambda: {"ok": hub.nominate(cycle, n["full_name"], n["email"], n["country"],
                                                                n["nominated_on"])}))
            continue
        s = step["step"]
        if s["step"] == "reject":
            call = lambda: hub.reject(cycle, step["index"], s["on"], s["reason"])  # noqa: E731
        else:
            call = lambda: getattr(hub, s["step"])(cycle, step["index"], s["on"])  # noqa: E731
        results.append(attempt(lambda: {"ok": call()}))
    ledger = attempt(lambda: hub.training_cycle(cycle).ledger().to_records())
    statuses = [attempt(lambda: hub.nominee_status(cycle, e)) for e in inp["emails"]]
    cycles = []
    for c in hub.training_cycles:
        assert c.to_dict()["id"] == c.id
        cycles.append({"id": c.id, "name": c.name, "start": str(c.start),
                       "endorsement_date": c.endorsement_date and str(c.endorsement_date),
                       "nominations": len(c.nominations)})
    return {"results": results, "ledger": ledger, "statuses": statuses, "cycles": cycles}


def products(inp):
    table = HUB.products(country=inp["country"], sub_region=inp["sub_region"], partner=inp["partner"],
                         kind=inp["kind"], language=inp["language"], start=inp["from"], end=inp["to"])
    keys = ("id", "kind", "title", "published_on", "countries", "languages", "link", "event")
    # The records leave out empty lists, as the hub JSON does.
    lists = ("countries", "languages")
    out = [{k: (str(p[k]) if k == "published_on" else p.get(k, [] if k in lists else None)) for k in keys}
           for p in table.to_records()]
    assert len(table.to_pandas()) == len(out) and table.violations == []
    return {"products": out}


def book_run(inp):
    return book_run_with(inp)[1]


def book_run_with(inp):
    """The book's steps run, as the canonical result, and the book they left."""
    event = event_with(inp["event"])
    book = kix.RegistrationBook(event)
    results = []
    for step in inp["steps"]:
        args, now, op = step["args"], step["now"], step["op"]
        rid, reason = args.get("id", ""), args.get("reason")
        if op == "submit":
            def submit():
                s = book.submit(args["record"], now=now)
                return {"id": s["id"], "status": s["status"], "violations": [violation(v) for v in s["violations"]],
                        "duplicate": s["duplicate"]}
            results.append(attempt(submit))
            continue
        calls = {
            "approve": lambda: book.approve(rid, force=args.get("force", False), now=now),
            "deny": lambda: book.deny(rid, reason or "", now=now),
            "cancel": lambda: book.cancel(rid, by=args["actor"], reason=reason, now=now),
            "reinstate": lambda: book.reinstate(rid, reason, now=now),
            "accept_offer": lambda: book.accept_offer(rid, now=now),
            "decline_offer": lambda: book.decline_offer(rid, now=now),
            "set_capacity": lambda: book.set_capacity(args.get("capacity"), reason, now=now),
            "advance": lambda: book.advance(now=now),
            "check_in": lambda: book.check_in(rid, now=now),
            "update": lambda: book.update(rid, args.get("record"), now=now),
        }

        def applied():
            a = calls[op]()
            return {
                "changes": [{"id": c["registration_id"], "from": c["entry"].get("from"), "to": c["entry"]["to"],
                             "action": c["entry"]["action"]}
                            for c in a["changes"]],
                "warnings": [v.code for v in a["warnings"]],
            }
        results.append(attempt(applied))
    entries = []
    for i in range(1, len(book) + 1):
        e = book.get(f"r-{i:06d}")
        assert book.status(e["id"]) == e["status"] and book.event_id == event.id
        entries.append({
            "id": e["id"], "status": e["status"], "email": e["email"],
            "offer_expires_at": e.get("offer_expires_at") and z(e["offer_expires_at"]),
            "history": [{"at": z(h["at"]), "action": h["action"], "to": h["to"], "actor": h["actor"],
                         "reason": h.get("reason")} for h in book.history(e["id"])],
        })
    again = kix.RegistrationBook.from_json(book.to_json(), event)
    return book, {
        "results": results,
        "entries": entries,
        "ledger": book.ledger(),
        "reminders": attempt(lambda: [{
            "registration_id": r["registration_id"], "minutes_before": r["minutes_before"], "send_at": z(r["send_at"]),
            "zone": r["zone"], "event_start_local": r["event_start_local"].isoformat(),
        } for r in book.reminders()]),
        "round_trip": again.to_json() == book.to_json(),
    }


def occurrences(inp):
    """A batch and a book of an event taken per occurrence (or not), with each occurrence's ledger."""
    event = event_with(inp["event"])
    outcomes = attempt(lambda: [outcome(o) for o in kix.validate_registrations(
        event, inp["records"], existing=inp["held"], now=inp["now"], hub=HUB)])
    book, report = book_run_with(inp)
    # Occurrences named by a naive datetime and by ISO text alike.
    report["ledgers"] = attempt(lambda: [
        {"occurrence": wall(o["recurrence_id"]),
         "ledger": book.ledger_of(o["recurrence_id"] if i % 2 else wall(o["recurrence_id"]))}
        for i, o in enumerate(event.occurrences())])
    report["occurrences"] = [book.get(f"r-{i:06d}").get("occurrence") for i in range(1, len(book) + 1)]
    return {"outcomes": outcomes, "book": report}


def without_stamp(ics):
    return "\r\n".join(line for line in ics.split("\r\n") if not line.startswith("DTSTAMP:"))


def occurrence(o):
    # Timestamps, not ==: PEP 495 makes == across zones False for a local time in a fold.
    assert o["start"].timestamp() == o["start_utc"].timestamp() and o["end"].timestamp() == o["end_utc"].timestamp()
    return {"recurrence_id": wall(o["recurrence_id"]), "start_utc": z(o["start_utc"]), "end_utc": z(o["end_utc"]),
            "moved": o["moved"]}


def series(inp):
    e = event_with(inp["event"])
    occurrences = [occurrence(o) for o in e.occurrences()]
    assert e.is_series
    return {"occurrences": occurrences, "calendar_check": [violation(v) for v in e.calendar_check()]}


def series_edit(inp):
    e = event_with(inp["event"])

    def cancel():
        nonlocal e
        e = e.cancel_occurrence(inp["cancel"])
        return {"ok": True}

    def move():
        nonlocal e
        e = e.move_occurrence(*inp["move"])
        return {"ok": True}

    cancelled, moved = attempt(cancel), attempt(move)
    return {
        "cancel": cancelled, "move": moved, "sequence": e.to_dict()["sequence"],
        "occurrences": attempt(lambda: [occurrence(o) for o in e.occurrences()]),
        "tables": attempt(lambda: [{"start_utc": t.to_dict()["start_utc"], "end_utc": t.to_dict()["end_utc"],
                                    "rows": len(t),
                                    "kathmandu": next((local_row(r) for r in t.to_records() if r["zone"] == "Asia/Kathmandu"), None)}
                                   for t in e.occurrence_local_times(HUB)]),
    }


def reschedule(inp):
    before = event_with(inp["event"])
    after = before.reschedule(inp["start"], inp["end"])
    return {"start_utc": z(after.start_utc), "end_utc": z(after.end_utc), "sequence": after.to_dict()["sequence"],
            "check": [v.code for v in after.calendar_check(before)]}


def calendar(inp):
    hub = kix.Hub.from_dict({**HUB.to_dict(), "events": inp["events"]})
    return {"ics": without_stamp(hub.calendar(country=inp["country"], series=inp["series"]))}


def invitations(inp):
    book = kix.RegistrationBook(event_with(inp["event"]))
    now = inp["now"]
    for r in inp["records"]:
        attempt(lambda: book.submit(r, now=now))
    for rid in inp["cancel"]:
        attempt(lambda: book.cancel(rid, now=now))
    return {
        "invitations": attempt(lambda: [{"registration_id": i["registration_id"], "method": i["method"],
                                         "ics": without_stamp(i["ics"])} for i in book.invitations(now=now)]),
        "single": [attempt(lambda: {"ics": without_stamp(book.invitation(f"r-{i:06d}", now=now))})
                   for i in range(1, len(inp["records"]) + 2)],
    }


def outcome(o):
    assert o.to_dict()["status"] == o.status and o.codes == [v.code for v in o.violations]
    assert o.accepted == (o.status in ("confirmed", "pending", "waitlisted"))
    return {"status": o.status, "violations": [violation(v) for v in o.violations], "country": o.country,
            "subdivision": o.subdivision, "email": o.email}


def read_and_validate(inp):
    table = kix.read_registrations(io.BytesIO(inp["text"].encode()), format=inp["format"], zone=inp["zone"],
                                   columns=inp.get("columns"), answers=inp.get("answers"))
    return table, kix.validate_registrations(HUB.event("kix-emap-webinar-20"), table, hub=HUB)


def export(inp):
    table, outcomes = read_and_validate(inp)
    keys = ("row", "full_name", "email", "country", "audience", "language")
    return {"rows": [{k: r[k] for k in keys} for r in table.to_records()], "outcomes": [outcome(o) for o in outcomes]}


def reconcile(inp):
    table, outcomes = read_and_validate(inp)
    joins = kix.read_attendance(io.BytesIO(inp["participants"].encode()), format="zoom", zone=inp["zone"])
    a = kix.attendance(HUB.event("kix-emap-webinar-20"), table, outcomes, joins, hub=HUB)
    assert len(a.to_pandas()) == len(a.rows)
    return {
        "rows": [{**r, "first_join": r["first_join"] and z(r["first_join"]), "last_leave": r["last_leave"] and
                  z(r["last_leave"])} for r in a.rows.to_records()],
        "counts": a.counts.to_records(),
    }


def run(op, inp):
    s = inp.get
    ops = {
        "country.resolve": lambda: {"code": kix.resolve_country(s("text"))},
        "country.name": lambda: {"name": kix.country_name(s("code"), s("locale"))},
        "hub.country": lambda: {"country": country_record(HUB.country(s("text")))},
        "hub.partner_for": lambda: {"partner": (lambda o: o and organisation(o))(HUB.partner_for(s("country"), s("date")))},
        "hub.structure": lambda: {"countries_of": HUB.countries_of(s("sub_region")),
                                  "sub_regions_of": HUB.sub_regions_of(s("partner"))},
        "country.rest_day": lambda: {"rest_day": HUB.country(s("country")).is_rest_day(s("date"))},
        "hub.document": lambda: hub_document(inp),
        "zone.resolve": lambda: {"zone": kix.resolve_zone(s("label"))},
        "time.from_local": lambda: {"instant": z(kix.from_local(s("local"), s("zone"), s("disambiguation")))},
        "time.to_local": lambda: {"local": wall(kix.to_local(s("instant"), s("zone")))},
        "time.wall_seconds": lambda: {"wall": list(kix.local_wall_seconds(s("instants"), s("zone")))},
        "listing.parse": lambda: (lambda sch: {
            "zone": sch.zone, "start_utc": z(sch.start_utc), "end_utc": z(sch.end_utc),
            "warnings": [violation(v) for v in sch.warnings],
        } if sch.to_dict()["zone"] == sch.zone else {})(kix.parse_listing(s("date_text"), s("time_text"))),
        "timeline.position": lambda: timeline_position(inp),
        "events.list": lambda: {"events": [{
            "id": e.id, "title": e.title, "kind": e.kind, "zone": e.zone, "language": e.language,
            "interpretation": e.interpretation, "start_utc": z(e.start_utc), "end_utc": z(e.end_utc),
        } for e in HUB.events if kix.Event.from_json(e.to_json()).to_dict() == e.to_dict()]},
        "event.local_times": lambda: local_times(inp),
        "event.local_time_in": lambda: {"row": local_row(event_with(s("event")).local_time_in(s("zone")))},
        "event.check": lambda: {"violations": [violation(v) for v in event_with(s("event")).check(HUB)]},
        "event.ics": lambda: {"ics": "\r\n".join(
            line for line in event_with(s("event")).to_ics(HUB).split("\r\n") if not line.startswith("DTSTAMP:"))},
        "slots.find": lambda: slots(inp),
        "registration.batch": lambda: registrations(inp, single=False),
        "registration.single": lambda: registrations(inp, single=True),
        "registration.anonymize": lambda: {"records": [
            {k: v for k, v in r.items() if v is not None} for r in kix.anonymize(s("records"), s("salt"))]},
        "messages.render": lambda: messages(inp),
        "training.workflow": lambda: training(inp),
        "catalogue.query": lambda: products(inp),
        "catalogue.counts": lambda: {"counts": HUB.product_counts(s("by")).to_records()},
        "grants.totals": lambda: kix.Hub.from_dict({**HUB.to_dict(), "grants": s("grants")}).grant_totals(),
        "book.run": lambda: book_run(inp),
        "registration.occurrences": lambda: occurrences(inp),
        "event.series": lambda: series(inp),
        "event.series_edit": lambda: series_edit(inp),
        "event.occurrences_between": lambda: {"occurrences": [
            occurrence(o) for o in event_with(s("event")).occurrences_between(s("from"), s("to"))]},
        "event.reschedule": lambda: reschedule(inp),
        "hub.calendar": lambda: calendar(inp),
        "book.invitations": lambda: invitations(inp),
        "listing.write": lambda: event_with(s("event")).listing(s("locale"), s("countries"), hub=HUB, plain=s("plain")),
        "format.local": lambda: {"text": kix.format_local(s("instant"), s("zone"), s("locale"))},
        "local_times.localized": lambda: {"rows": [
            {"zone": r["zone"], "country_name": r["country_name"], "local_start": r["local_start_text"],
             "local_end": r["local_end_text"], "utc_offset": r["utc_offset_text"]}
            for r in event_with(s("event")).local_times(HUB, locale=s("locale")).to_records()]},
        "exports.read": lambda: export(inp),
        "attendance.reconcile": lambda: reconcile(inp),
        "about": lambda: {"tzdata": kix.tzdata_version(), "codes": list(kix.VIOLATION_CODES), "version": kix.__version__},
    }
    return attempt(ops[op])


def same(expected, actual, at=""):
    """The differences between two canonical results (numbers to 1e-12, relative)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return [] if expected is actual else [f"{at}: expected {expected!r}, got {actual!r}"]
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        ok = math.isclose(expected, actual, rel_tol=1e-12, abs_tol=1e-12)
        return [] if ok else [f"{at}: expected {expected!r}, got {actual!r}"]
    if isinstance(expected, dict) and isinstance(actual, dict):
        if expected.keys() != actual.keys():
            return [f"{at}: keys {sorted(expected)} != {sorted(actual)}"]
        return [d for k in expected for d in same(expected[k], actual[k], f"{at}.{k}")]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{at}: {len(expected)} items expected, got {len(actual)}: {actual!r}"[:600]]
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in same(e, a, f"{at}[{i}]")]
    return [] if expected == actual else [f"{at}: expected {expected!r}, got {actual!r}"[:600]]


def canonical(value):
    """Python values as JSON gives them back (tuples as lists, dates as ISO text)."""
    return json.loads(json.dumps(value, default=str))


CALLED = set()


def _profile(frame, event, arg):
    if event == "c_call":
        owner = getattr(arg, "__self__", None)
        module = getattr(arg, "__module__", None) or getattr(type(owner), "__module__", "")
        if owner is None and "." in arg.__qualname__:
            # A static method: its owner is the class its name starts with.
            module = getattr(getattr(kix, arg.__qualname__.split(".")[0], None), "__module__", "")
        if module and module.startswith("kix"):
            CALLED.add(arg.__qualname__)


@pytest.mark.parametrize(("op", "inp", "expected"), CASES)
def test_python_agrees_with_the_core(op, inp, expected):
    sys.setprofile(_profile)
    try:
        actual = canonical(run(op, inp))
    finally:
        sys.setprofile(None)
    problems = same(expected, actual)
    assert not problems, "\n".join(problems[:10])


def public_operations():
    """Every public function and method the package exports (properties are data, not operations)."""
    ops = set()
    for name in kix.__all__:
        value = getattr(kix, name)
        if isinstance(value, type):
            if issubclass(value, BaseException):
                continue
            for attr, member in vars(value).items():
                if not attr.startswith("_") and callable(member) or isinstance(member, (staticmethod, classmethod)):
                    if not attr.startswith("_"):
                        ops.add(f"{value.__name__}.{attr}")
        elif callable(value):
            ops.add(name)
    return ops


def test_every_public_operation_is_exercised_by_a_case():
    # Runs after the cases (pytest keeps file order); alone, it runs them itself.
    if not CALLED:
        for op, inp, _ in (p.values for p in CASES):
            sys.setprofile(_profile)
            try:
                run(op, inp)
            finally:
                sys.setprofile(None)
    ops = public_operations()
    assert len(ops) > 80
    missing = sorted(ops - CALLED)
    assert not missing, f"{len(missing)} exported operations no differential case exercises: {missing}"


def test_every_operation_file_names_its_faces():
    for doc in DOCS:
        assert doc["cases"] and set(doc["faces"]) <= {"python", "kotlin"}, doc["op"]
    assert len(CASES) > 500
