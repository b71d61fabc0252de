"""Benchmarks of the Python package (not a test): `make bench-python`.

1. Registrations: `kix.validate_registrations` on 100k records against an equivalent
   pydantic v2 model with the same rules — required fields, e-mail syntax (pydantic's
   EmailStr, via email-validator), the country resolved from the names people type,
   the audience, the language offered, the deadline, and duplicates after
   normalization. Target: kix at least 3x faster.
2. Local times: `kix.local_wall_seconds` on 100k instants against a zoneinfo loop
   (`datetime.fromtimestamp(s, ZoneInfo(zone))`). Target: kix at least 10x faster.

Both sides run on the same data in the same process; the best of 5 runs is reported.
"""

from __future__ import annotations

import array
import datetime as dt
import json
import pathlib
import random
import time
import unicodedata
from typing import Literal, Optional
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, EmailStr, ValidationError, field_validator

import kix

ROOT = pathlib.Path(__file__).resolve().parents[2]
N = 100_000

# ---------------------------------------------------------------- the pydantic side

ISO = json.loads((ROOT / "kix-core" / "data" / "iso3166.json").read_text(encoding="utf-8"))["countries"]


def key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


COUNTRIES = {}
for c in ISO:
    COUNTRIES[c["alpha2"].lower()] = c["alpha2"]
    COUNTRIES[c["alpha3"].lower()] = c["alpha2"]
    for name in [c["name"], *c["aliases"]]:
        COUNTRIES.setdefault(key(name), c["alpha2"])

W20 = kix.emap().event("kix-emap-webinar-20")
CLOSES = W20.start_utc
OFFERED = {W20.language, *W20.interpretation}


class RegistrationModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    full_name: str
    email: EmailStr
    country: str
    organisation: Optional[str] = None
    audience: Literal["policy_maker", "education_stakeholder", "government_official", "teacher", "academic_researcher", "other"]
    language: Optional[str] = None
    consent: Optional[bool] = None
    submitted_at: dt.datetime

    @field_validator("full_name")
    @classmethod
    def name_length(cls, v: str) -> str:
        if not v.strip() or len(v) > 200:
            raise ValueError("empty or too long")
        return v

    @field_validator("country")
    @classmethod
    def known_country(cls, v: str) -> str:
        code = COUNTRIES.get(key(v)) or COUNTRIES.get(v.strip().lower())
        if code is None:
            raise ValueError("unknown country")
        return code

    @field_validator("language")
    @classmethod
    def offered(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and v.lower() not in OFFERED:
            raise ValueError("language not offered")
        return v

    @field_validator("submitted_at")
    @classmethod
    def in_time(cls, v: dt.datetime) -> dt.datetime:
        if v.tzinfo is None:
            raise ValueError("no offset")
        if v >= CLOSES:
            raise ValueError("closed")
        return v


def pydantic_batch(records):
    seen = set()
    statuses = []
    for r in records:
        try:
            m = RegistrationModel.model_validate(r)
        except ValidationError:
            statuses.append("rejected")
            continue
        email = unicodedata.normalize("NFKC", m.email.strip()).lower()
        if email in seen:
            statuses.append("rejected")
        else:
            seen.add(email)
            statuses.append("confirmed")
    return statuses


# ---------------------------------------------------------------- data

def records(n: int):
    rng = random.Random(20240731)
    texts = ["KG", "Kyrgyz Republic", "NP", "Nepal", "Viet Nam", "MD", "Republic of Moldova", "PK", "BT", "Lao PDR", "AF", "TL"]
    audiences = ["policy_maker", "education_stakeholder", "government_official", "teacher", "academic_researcher", "other"]
    out = []
    for i in range(n):
        email = f"person{i}@example.org"
        if i % 100 == 7 and i:
            email = f"Person{i - 1}@Example.org"
        elif i % 100 == 13:
            email = f"person{i}@localhost"
        out.append({
            "full_name": f"Person Number {i}",
            "email": email,
            "country": texts[i % len(texts)],
            "organisation": "Ministry of Education",
            "audience": audiences[i % len(audiences)],
            "language": "ru" if i % 3 == 0 else "en",
            "consent": True,
            "submitted_at": f"2024-07-{rng.randrange(1, 31):02}T10:00:00+05:00",
        })
    return out


def best_of(fn, runs=5):
    best = float("inf")
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main():
    data = records(N)
    t_kix, outcomes = best_of(lambda: kix.validate_registrations(W20, data))
    t_pyd, statuses = best_of(lambda: pydantic_batch(data), runs=3)
    kix_statuses = [o.status for o in outcomes]
    agree = sum(a == b for a, b in zip(kix_statuses, statuses))
    print(f"registrations, {N:,} records: kix {t_kix:.3f} s, pydantic v2 {t_pyd:.3f} s, "
          f"kix is {t_pyd / t_kix:.1f}x faster (target >= 3x); statuses agree on {agree:,} of {N:,}")

    rng = random.Random(7)
    seconds = array.array("q", (rng.randrange(1_577_836_800, 1_893_456_000) for _ in range(N)))
    zone = "Asia/Kathmandu"
    tz = ZoneInfo(zone)
    t_kix, local = best_of(lambda: kix.local_wall_seconds(seconds, zone))
    t_zi, walls = best_of(lambda: [dt.datetime.fromtimestamp(s, tz) for s in seconds])
    same = all(dt.datetime(1970, 1, 1) + dt.timedelta(seconds=l) == w.replace(tzinfo=None) for l, w in zip(local, walls))
    print(f"local times, {N:,} instants in {zone}: kix {t_kix * 1e3:.1f} ms, zoneinfo loop {t_zi * 1e3:.1f} ms, "
          f"kix is {t_zi / t_kix:.1f}x faster (target >= 10x); results identical: {same}")


if __name__ == "__main__":
    main()
