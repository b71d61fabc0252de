"""Write tests/schema/malformed.json: documents that the Rust deserializer, Python
jsonschema and ajv must all refuse. Each starts from a valid document (the embedded
hub, Webinar 20, or a corpus document written by `cargo run -p xtask -- corpus target/schema-corpus`)
and breaks one thing.

Run by hand after `cargo run -p xtask -- corpus target/schema-corpus`: `python3 tools/gen_malformed.py`.
"""
import copy
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
hub = json.loads((root / "kix-core" / "data" / "emap.json").read_text(encoding="utf-8"))
w20 = hub["events"][0]
corpus = root / "target" / "schema-corpus" / "valid"


def first(schema):
    return json.loads(sorted((corpus / schema).glob("*.json"))[0].read_text(encoding="utf-8"))


registration = {"full_name": "Test Person", "email": "a@example.org", "country": "NP", "audience": "teacher",
                "consent": True, "submitted_at": "2024-07-20T10:00:00+05:45"}
nomination = {"full_name": "A", "email": "a@example.org", "country": "NP", "status": "nominated", "nominated_on": "2020-07-01"}
grant = {"id": "g-1", "recipient": {"name": "X"}, "country": "NP", "purpose": "pilot_project",
         "amount": {"amount": "5000.00", "currency": "USD"}, "start": "2021-02-01", "end": "2021-08-31", "status": "awarded"}
product = {"id": "p-1", "kind": "case_study", "title": "A case study", "published_on": "2021-03-15"}
violation = {"code": "training.quota_exceeded", "severity": "error", "path": "x", "message": "m"}
base = {
    "hub": hub, "event": w20, "registration": registration, "held_registration": {"email": "a@example.org", "status": "confirmed"},
    "nomination": nomination, "grant": grant, "knowledge_product": product, "violation": violation,
    "slot_query": first("slot_query"), "local_times": first("local_times"), "schedule": first("schedule"),
    "registration_outcome": first("registration_outcome"), "timeline_position": first("timeline_position"),
    "quota_ledger": first("quota_ledger"), "training_cycle": first("training_cycle"), "country": first("country"),
    "organisation": first("organisation"), "slot": first("slot"), "grant_totals": first("grant_totals"),
}

cases = []


def bad(schema, name, change):
    doc = copy.deepcopy(base[schema])
    result = change(doc)
    cases.append({"name": name, "schema": schema, "document": doc if result is None else result})


def setp(path, value):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def delp(path):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


# hub
bad("hub", "id is a number", setp(["id"], 42))
bad("hub", "an unknown top-level field", setp(["colour"], "blue"))
bad("hub", "no timeline", delp(["timeline"]))
bad("hub", "an unassigned country code", setp(["countries", 0, "code"], "ZZ"))
bad("hub", "a lower-case country code", setp(["countries", 0, "code"], "np"))
bad("hub", "an alpha-3 code where alpha-2 belongs", setp(["countries", 0, "code"], "NPL"))
bad("hub", "a rest day that is no weekday", setp(["countries", 0, "rest_days"], ["caturday"]))
bad("hub", "a month 13", setp(["timeline", "phases", 0, "start"], "2020-13-01"))
bad("hub", "a slash date", setp(["timeline", "phases", 0, "start"], "01/04/2020"))
bad("hub", "an unknown partner role", setp(["assignments", 0, "role"], "boss"))
bad("hub", "a period without a start", delp(["assignments", 0, "period", "from"]))
bad("hub", "countries is not a list", setp(["countries"], {"NP": "Nepal"}))
bad("hub", "a negative quota", setp(["training", "policy", "nominees_per_country"], -1))
bad("hub", "a fractional quota", setp(["training", "policy", "nominees_per_country"], 3.5))
bad("hub", "an organisation role that does not exist", setp(["organisations", 0, "roles"], ["sponsor"]))
bad("hub", "a cycle without a start", delp(["training", "cycles", 0, "start"]))
bad("hub", "an event kind that does not exist", setp(["events", 0, "kind"], "party"))
bad("hub", "a home zone that is a number", setp(["home_zone"], 42))
bad("hub", "a product kind that does not exist", setp(["catalogue", 0, "kind"], "video"))
bad("hub", "an unknown field in a country", setp(["countries", 0, "capital"], "Bishkek"))
bad("hub", "a grant amount as a float", setp(["grants"], [dict(grant, amount={"amount": 5000.5, "currency": "USD"})]))
# event
bad("event", "no title", delp(["title"]))
bad("event", "an unknown field", setp(["colour"], "blue"))
bad("event", "a null zone", setp(["zone"], None))
bad("event", "a number in words", setp(["number"], "twenty"))
bad("event", "interpretation is not a list", setp(["interpretation"], "ar"))
bad("event", "an opening date without a time", setp(["registration", "opens_at"], "2024-07-10"))
bad("event", "an opening time without an offset", setp(["registration", "opens_at"], "2024-07-10T00:00:00"))
bad("event", "an eligibility that does not exist", setp(["eligibility"], "everyone"))
bad("event", "a status that does not exist", setp(["status"], "postponed"))
bad("event", "a negative sequence", setp(["sequence"], -1))
bad("event", "an agenda item without a title", setp(["agenda"], [{"presenter": "X"}]))
bad("event", "a duration in words", setp(["agenda"], [{"title": "x", "duration_minutes": "ten"}]))
bad("event", "an unassigned country", setp(["countries"], ["XX"]))
bad("event", "hour 25", setp(["start"], "2024-07-31T25:00:00"))
bad("event", "a location on the moon", setp(["location"], {"type": "moon"}))
bad("event", "an audience that does not exist", setp(["audiences"], ["everyone"]))
bad("event", "a negative capacity", setp(["registration", "capacity"], -5))
# registration and held registrations
bad("registration", "a name that is a number", setp(["full_name"], 42))
bad("registration", "consent in words", setp(["consent"], "yes"))
bad("registration", "an unknown field", setp(["e-mail"], "a@example.org"))
bad("registration", "a list instead of an object", lambda d: [d])
bad("registration", "a country list", setp(["country"], ["NP"]))
bad("held_registration", "a status that does not exist", setp(["status"], "maybe"))
bad("held_registration", "no e-mail", delp(["email"]))
# nominations
bad("nomination", "a country name where a code belongs", setp(["country"], "Nepal"))
bad("nomination", "a date with a time", setp(["nominated_on"], "2020-07-01T10:00:00"))
bad("nomination", "no status", delp(["status"]))
# grants
bad("grant", "an amount as a JSON number", setp(["amount", "amount"], 5000))
bad("grant", "an amount with a thousands separator", setp(["amount", "amount"], "5,000.00"))
bad("grant", "an amount in exponent form", setp(["amount", "amount"], "5e3"))
bad("grant", "a currency that does not exist", setp(["amount", "currency"], "XYZ"))
bad("grant", "a purpose that does not exist", setp(["purpose"], "fun"))
bad("grant", "no recipient", delp(["recipient"]))
# knowledge products
bad("knowledge_product", "a kind that does not exist", setp(["kind"], "video"))
bad("knowledge_product", "a month for a date", setp(["published_on"], "July 2024"))
bad("knowledge_product", "countries as a string", setp(["countries"], "NP"))
# violations and outcomes
bad("violation", "a code kix does not define", setp(["code"], "made.up"))
bad("violation", "a severity that does not exist", setp(["severity"], "fatal"))
bad("violation", "params as a list", setp(["params"], ["a"]))
bad("registration_outcome", "a status that does not exist", setp(["status"], "accepted"))
# computed documents
bad("slot_query", "a negative duration", setp(["duration_minutes"], -30))
bad("slot_query", "working hours in words", setp(["working_hours", "start"], "8am"))
bad("local_times", "a zone that does not exist", setp(["rows", 0, "zone"], "Mars/Olympus"))
bad("local_times", "an offset without a sign", setp(["rows", 0, "utc_offset"], "5:45"))
bad("schedule", "a start without an offset", setp(["start"], "2024-07-31T13:00:00"))
bad("timeline_position", "a negative month", setp(["month_index"], -1))
bad("quota_ledger", "a row without a country", lambda d: (d["rows"][0].pop("country"), d)[1])
bad("training_cycle", "a nominations object", setp(["nominations"], {}))
bad("country", "time zones as a string", setp(["time_zones"], "Asia/Bishkek"))
bad("organisation", "no roles", delp(["roles"]))
bad("slot", "a score in words", setp(["min_score"], "high"))
bad("grant_totals", "a total as a float", setp(["by_country"], [{"key": "NP", "currency": "USD", "total": 0.3, "count": 1}]))

out = root / "tests" / "schema" / "malformed.json"
out.write_text(json.dumps({"description": "Documents that the Rust deserializer, Python jsonschema and ajv must all refuse.",
                           "cases": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {len(cases)} malformed documents to {out}")
