"""Runs every conformance case in tests/vectors/ through the Python package.

The expectations are the same files the Rust runner reads; a case passes when the
result has every key `expect` names, with the same value.
"""

import json
import pathlib

import pytest

import kix

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = []
for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
        CASES.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))

W20 = kix.emap().event("kix-emap-webinar-20").to_dict()


def z(dt):
    return dt.astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def codes(violations):
    return [v.code for v in violations]


def error_value(err):
    errors = err.errors()
    return {"error": errors[0]["code"], "errors": [e["code"] for e in errors]}


def event_with(overrides):
    return kix.Event.from_dict({**W20, **overrides})


def hub_with(**fields):
    d = kix.emap().to_dict()
    d.update(fields)
    return kix.Hub.from_dict(d)


def run(op, inp):
    hub = kix.emap()
    if op == "country.resolve":
        try:
            return {"code": kix.resolve_country(inp["text"])}
        except kix.ValidationError as e:
            return {"error": e.code}
    if op == "zone.resolve":
        try:
            return {"zone": kix.resolve_zone(inp["label"])}
        except kix.TimeZoneError as e:
            return {"error": e.code}
    if op == "time.from_local":
        try:
            t = kix.from_local(inp["local"], inp["zone"], inp["disambiguation"])
        except kix.TimeZoneError as e:
            params = e.errors()[0]["params"]
            return {"error": e.code, "earlier": params.get("earlier"), "later": params.get("later")}
        offset = t.utcoffset().total_seconds()
        sign = "-" if offset < 0 else "+"
        offset = abs(int(offset))
        return {"instant": z(t), "offset": f"{sign}{offset // 3600:02}:{offset % 3600 // 60:02}"}
    if op == "timeline.position":
        try:
            return hub.timeline.position(inp["date"])
        except kix.ValidationError as e:
            return {"error": e.code}
    if op == "listing.parse":
        try:
            s = kix.parse_listing(inp["date_text"], inp["time_text"])
        except kix.ValidationError as e:
            return error_value(e)
        return {"zone": s.zone, "start_utc": z(s.start_utc), "end_utc": z(s.end_utc), "warnings": codes(s.warnings)}
    if op == "local_times":
        event = event_with({"start": inp["start"], "end": inp["end"], "zone": inp["zone"]})
        table = event.local_times(hub, working_hours=tuple(inp["working_hours"]))
        rows = {}
        for r in table.to_records():
            rows[r["zone"]] = {
                **r,
                "local_start": r["local_start"].strftime("%Y-%m-%dT%H:%M:%S"),
                "local_end": r["local_end"].strftime("%Y-%m-%dT%H:%M:%S"),
            }
        return {"start_utc": z(event.start_utc), "end_utc": z(event.end_utc), "rows": rows}
    if op == "registration.batch":
        event = event_with(inp["event"])
        outcomes = kix.validate_registrations(event, inp["records"], existing=inp["held"], now=inp.get("now"), hub=hub)
        return {"outcomes": [{"status": o.status, "codes": o.codes} for o in outcomes]}
    if op == "training.workflow":
        cycle = inp["cycle"]
        results = []
        for step in inp["steps"]:
            try:
                if step["op"] == "nominate":
                    n = step["nomination"]
                    hub.nominate(cycle, n["full_name"], n["email"], n["country"], n["nominated_on"])
                else:
                    s = step["step"]
                    if s["step"] == "reject":
                        hub.reject(cycle, step["index"], s["on"], s["reason"])
                    else:
                        getattr(hub, s["step"])(cycle, step["index"], s["on"])
                results.append({"ok": True})
            except kix.ValidationError as e:
                results.append({"codes": [x["code"] for x in e.errors()]})
        ledger = {r["country"]: r for r in hub.training_cycle(cycle).ledger().to_records()}
        return {"results": results, "ledger": ledger}
    if op == "event.check":
        return {"codes": codes(event_with(inp["event"]).check(hub))}
    if op == "slots.find":
        try:
            slots = kix.find_slots(hub, inp.get("countries"), start=inp["from"], end=inp["to"],
                                   duration_minutes=inp["duration_minutes"], top=inp["top"])
        except kix.ValidationError as e:
            return error_value(e)
        best = slots[0] if len(slots) else None
        return {"count": len(slots), "best": best and {"start_utc": z(best.start_utc), "min_score": best.min_score}}
    if op == "catalogue.check":
        h = hub_with(catalogue=inp["products"])
        nominee = inp.get("nominee")
        if nominee:
            i = h.nominate("cycle-1", "Nominee", nominee["email"], "NP", "2020-07-01")
            if nominee["complete"]:
                h.endorse("cycle-1", i, "2020-07-20")
                h.confirm("cycle-1", i, "2020-08-01")
                h.complete("cycle-1", i, "2020-11-30")
        return {"codes": [v.code for v in h.check() if v.path.startswith("catalogue[")]}
    if op in ("grants.check", "grants.totals"):
        policy = {"ceiling": inp["ceiling"]} if "ceiling" in inp else {}
        h = hub_with(grants=inp["grants"], grant_policy=policy)
        if op == "grants.check":
            return {"codes": [v.code for v in h.check() if v.path.startswith("grants[")]}
        return h.grant_totals()
    if op == "book.run":
        return run_book(event_with(inp["event"]), inp["steps"])
    raise AssertionError(f"unknown op {op}")


def run_book(event, steps):
    """Plays a book's operations through kix.RegistrationBook, reporting as the Rust runner does."""
    book = kix.RegistrationBook(event)
    results, warnings = [], []
    for step in steps:
        args, now, op = step["args"], step["now"], step["op"]
        if op == "submit":
            s = book.submit(args["record"], now=now)
            errors = [v.code for v in s["violations"] if v.severity == "error"]
            results.append("registration.duplicate" if s["duplicate"] else s["status"] or (errors[0] if errors else "rejected"))
            continue
        rid, reason = args.get("id", ""), args.get("reason")
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
        try:
            applied = calls[op]()
        except kix.KixError as e:
            errors = e.errors() if isinstance(e, kix.ValidationError) else []
            results.append(errors[0]["code"] if errors else str(e))
            continue
        warnings.extend(v.code for v in applied["warnings"])
        results.append("ok")
    entries = [book.get(f"r-{i:06d}") for i in range(1, len(book) + 1)]
    return {
        "results": results,
        "warnings": warnings,
        "statuses": {e["id"]: e["status"] for e in entries},
        "offers": {e["id"]: e["offer_expires_at"] for e in entries if e.get("offer_expires_at")},
        "languages": {e["id"]: e["record"]["language"] for e in entries if e["record"].get("language")},
        "registrations": len(book),
        "ledger": book.ledger(),
        "reminders": [
            {
                "registration_id": r["registration_id"],
                "minutes_before": r["minutes_before"],
                "send_at": z(r["send_at"]),
                "zone": r["zone"],
                "event_start_local": r["event_start_local"].isoformat(),
            }
            for r in book.reminders()
        ],
    }


def diff(expect, actual, at=""):
    if isinstance(expect, dict):
        if not isinstance(actual, dict):
            return [f"{at}: expected an object, got {actual!r}"]
        out = []
        for k, v in expect.items():
            if k not in actual:
                out.append(f"{at}.{k}: missing")
            else:
                out += diff(v, actual[k], f"{at}.{k}")
        return out
    if isinstance(expect, list):
        if not isinstance(actual, list) or len(actual) != len(expect):
            return [f"{at}: expected {expect!r}, got {actual!r}"]
        return [d for i, (e, a) in enumerate(zip(expect, actual)) for d in diff(e, a, f"{at}[{i}]")]
    return [] if expect == actual else [f"{at}: expected {expect!r}, got {actual!r}"]


def test_there_are_at_least_200_vectors():
    assert len(CASES) >= 200


@pytest.mark.parametrize("case", CASES)
def test_vector(case):
    actual = run(case["op"], case["input"])
    problems = diff(case["expect"], actual)
    assert not problems, "\n".join(problems)
