"""Benchmarks of the Python package (not a test): `make bench-python`.

Each job is timed against the fastest code a skilled user writes for it without kix:

1. Registrations: `kix.validate_registrations` on 100k dicts, and on the same records as an
   Arrow table (against pydantic on the dicts already built, after `to_pylist()`, and on
   the JSON lines polars writes), against a pydantic v2 model whose constraints all run inside pydantic-core
   (`Literal` enumerations for the country texts, audience and language, a `pattern=` e-mail
   constraint, `AwareDatetime` with `lt=` for the deadline, lengths as `StringConstraints`),
   validated record by record through the model's core validator, duplicates in a Python set.
2. One instant to local time: `kix.to_local(dt, zone)` against `dt.astimezone(ZoneInfo(zone))`.
3. A column of 100k instants: `kix.to_local(series, zone)` against pandas `tz_convert`, and
   `kix.from_local(series, zone)` on naive wall times against pandas `tz_localize`.
4. 1M registrations from a DataFrame: pandas' default frame (Arrow-backed `str` columns with pandas 3,
   object columns with pandas 2), the same as `object` columns, and a polars DataFrame: time and the
   peak memory above the process holding the frame (each in a fresh process).

`bench.py compare OTHER.so [object|default|dicts]` times two builds against each other in one process (see
`compare_builds`): the way to see whether a change to the batch path is worth a few per cent;
`bench.py compare-fresh OTHER.so [object|default|dicts]` does it on first calls, in fresh processes.

Run it with pandas 3 (`.venv-pandas3`) and with pandas 2 (`.venv`) to see both majors.

Both sides run on the same data, their answers are compared, and they run alternately in one
process: the figure reported for each job is the median of the per-round ratios.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import time
from typing import Annotated, Literal, Optional
from zoneinfo import ZoneInfo

import kix

ROOT = pathlib.Path(__file__).resolve().parents[2]
N = 100_000
ROUNDS = int(os.environ.get("KIX_BENCH_ROUNDS", "7"))
UTC = dt.timezone.utc

COUNTRY_TEXTS = ["KG", "Kyrgyz Republic", "NP", "Nepal", "Viet Nam", "MD", "Republic of Moldova", "PK", "BT",
                 "Lao PDR", "AF", "TL"]
AUDIENCES = ("policy_maker", "education_stakeholder", "government_official", "teacher", "academic_researcher", "other")


def records(n: int):
    """Synthetic registrations: 1% repeat an earlier address in other case, 1% have no TLD."""
    rng = random.Random(20240731)
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
            "country": COUNTRY_TEXTS[i % len(COUNTRY_TEXTS)],
            "organisation": "Ministry of Education",
            "audience": AUDIENCES[i % len(AUDIENCES)],
            "language": "ru" if i % 3 == 0 else "en",
            "consent": True,
            "submitted_at": f"2024-07-{rng.randrange(1, 31):02}T10:00:00+05:00",
        })
    return out


def alternate(name: str, kix_fn, anchor_fn, same, rounds: int = ROUNDS):
    """Runs kix and the anchor alternately; prints and returns the median times and ratio.

    CPU time (all the process's threads) is reported beside the time: kix checks large batches on
    several threads (KIX_MAX_THREADS), the anchors run on one.
    """
    kix_times, anchor_times, ratios, kix_cpu, anchor_cpu = [], [], [], [], []
    agree = None
    for r in range(rounds):
        order = [("kix", kix_fn), ("anchor", anchor_fn)] if r % 2 == 0 else [("anchor", anchor_fn), ("kix", kix_fn)]
        results = {}
        times = {}
        cpu = {}
        for who, fn in order:
            c, t = time.process_time(), time.perf_counter()
            results[who] = fn()
            times[who], cpu[who] = time.perf_counter() - t, time.process_time() - c
        if agree is None:
            agree = same(results["kix"], results["anchor"])
        kix_times.append(times["kix"])
        anchor_times.append(times["anchor"])
        kix_cpu.append(cpu["kix"])
        anchor_cpu.append(cpu["anchor"])
        ratios.append(times["kix"] / times["anchor"])
    k, a, q = statistics.median(kix_times), statistics.median(anchor_times), statistics.median(ratios)
    kc, ac = statistics.median(kix_cpu), statistics.median(anchor_cpu)
    print(f"{name}: kix {fmt(k)} ({fmt(kc)} of CPU), anchor {fmt(a)} ({fmt(ac)} of CPU), median ratio kix/anchor "
          f"{q:.3f} ({1 / q:.2f}x faster); answers agree: {agree}", flush=True)
    return {"job": name, "kix_s": k, "anchor_s": a, "kix_cpu_s": kc, "anchor_cpu_s": ac, "ratio": q, "agree": agree}


def fmt(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.3f} s"


# ---------------------------------------------------------------- registrations: the pydantic side

def pydantic_side(w20):
    from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

    iso = json.loads((ROOT / "kix-core" / "data" / "iso3166.json").read_text(encoding="utf-8"))["countries"]
    texts = set()
    for c in iso:
        texts.update([c["alpha2"], c["alpha3"], c["name"], *c["aliases"]])
    Country = Literal[tuple(sorted(texts))]  # type: ignore[valid-type]
    Audience = Literal[AUDIENCES]  # type: ignore[valid-type]
    Language = Literal[tuple(sorted({w20.language, *w20.interpretation}))]  # type: ignore[valid-type]
    # email-validator's syntax in one pattern: dot-atom local part, labels of letters, digits and hyphens, a TLD.
    email_pattern = (r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                     r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")

    class Registration(BaseModel):
        model_config = ConfigDict(extra="forbid")
        full_name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
        email: Annotated[str, StringConstraints(max_length=254, pattern=email_pattern)]
        country: Country
        organisation: Optional[Annotated[str, StringConstraints(max_length=300)]] = None
        audience: Audience
        language: Optional[Language] = None
        consent: Optional[bool] = None
        submitted_at: Annotated[AwareDatetime, Field(lt=w20.start_utc)]

    def batcher(validate):
        def batch(rows):
            seen = set()
            statuses = []
            append = statuses.append
            for r in rows:
                try:
                    m = validate(r)
                except ValidationError:
                    append("rejected")
                    continue
                key = m.email.lower()
                if key in seen:
                    append("rejected")
                else:
                    seen.add(key)
                    append("confirmed")
            return statuses
        return batch

    # The same model on Python objects, and on JSON text (pydantic-core parses it itself).
    validator = Registration.__pydantic_validator__
    return batcher(validator.validate_python), batcher(validator.validate_json)


def registrations(w20):
    data = records(N)
    batch, batch_json = pydantic_side(w20)
    # kix's side is the call that returns the outcomes (statuses, codes, e-mails, countries); the
    # statuses compared are read from them afterwards, outside the timing.
    statuses = lambda outcomes: outcomes.to_columns()["status"]  # noqa: E731
    same = lambda outcomes, theirs: statuses(outcomes) == theirs  # noqa: E731
    out = [alternate(f"registrations, {N:,} dicts", lambda: kix.validate_registrations(w20, data),
                     lambda: batch(data), same)]
    try:
        import pyarrow as pa
    except ImportError:
        return out
    table = pa.Table.from_pylist(data)
    out.append(alternate(f"registrations, {N:,} rows of an Arrow table (anchor: pydantic on the dicts)",
                         lambda: kix.validate_registrations(w20, table), lambda: batch(data), same))
    out.append(alternate(f"registrations, {N:,} rows of an Arrow table (anchor: to_pylist() then pydantic)",
                         lambda: kix.validate_registrations(w20, table), lambda: batch(table.to_pylist()), same))
    try:
        import polars as pl
    except ImportError:
        return out
    # The fastest way from the table to pydantic measured here: polars writes each row as a JSON
    # line (in Rust) and pydantic-core validates the line, never building the dict in Python.
    out.append(alternate(f"registrations, {N:,} rows of an Arrow table (anchor: polars JSON lines then pydantic)",
                         lambda: kix.validate_registrations(w20, table),
                         lambda: batch_json(pl.from_arrow(table).write_ndjson().splitlines()), same))
    return out


# ---------------------------------------------------------------- time

def same_instants(a, b):
    """The same instants at the same wall times (pandas' tz objects may differ: ZoneInfo, pytz)."""
    return bool(a.dt.tz_convert("UTC").equals(b.dt.tz_convert("UTC"))
                and a.dt.tz_localize(None).equals(b.dt.tz_localize(None)) and str(a.dt.tz) == str(b.dt.tz))


def time_jobs():
    import numpy as np
    import pandas as pd

    rng = random.Random(7)
    zone = "Europe/Zurich"
    seconds = [rng.randrange(1_577_836_800, 1_893_456_000) for _ in range(N)]
    instants = [dt.datetime.fromtimestamp(s, UTC) for s in seconds]
    out = [alternate(f"to_local, {N:,} datetimes one by one", lambda: [kix.to_local(t, zone) for t in instants],
                     lambda: [t.astimezone(ZoneInfo(zone)) for t in instants],
                     lambda a, b: all(x == y and x.utcoffset() == y.utcoffset() and str(x.tzinfo) == str(y.tzinfo)
                                      for x, y in zip(a, b)))]
    series = pd.Series(pd.to_datetime(np.array(seconds, dtype="int64"), unit="s", utc=True))
    out.append(alternate(f"to_local, a column of {N:,} instants (pandas Series)", lambda: kix.to_local(series, zone),
                         lambda: series.dt.tz_convert(zone), same_instants))
    # Wall times on the hour, half hour and quarter: gaps and folds included.
    walls = pd.Series(pd.to_datetime(np.array([s - s % 900 for s in seconds], dtype="int64"), unit="s"))
    ambiguous = np.ones(N, dtype=bool)  # a fold's earlier instant (DST), as kix's "compatible"
    out.append(alternate(f"from_local, a column of {N:,} wall times (pandas Series)",
                         lambda: kix.from_local(walls, zone),
                         lambda: walls.dt.tz_localize(zone, ambiguous=ambiguous, nonexistent=pd.Timedelta("1h")),
                         same_instants))
    return out


# ---------------------------------------------------------------- 1M rows from a DataFrame, in a fresh process

FRAME_JOB = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
kind = sys.argv[2]
import pandas as pd
import kix
from bench import records
w20 = kix.emap().event("kix-emap-webinar-20")
if kind == "polars":
    import polars as pl
    frame = pl.DataFrame(records(1_000_000))
    frame_bytes = int(frame.estimated_size())
else:
    frame = pd.DataFrame(records(1_000_000))
    if kind == "object":
        frame = frame.astype({c: object for c in frame.columns if c != "consent"})
    frame_bytes = int(frame.memory_usage(deep=True).sum())
def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
import gc; gc.collect()
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # resets the peak (VmHWM) to the current RSS: building the frame does not count
before = status("VmRSS")
t, cpu = time.perf_counter(), time.process_time()
out = kix.validate_registrations(w20, frame)
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
peak = status("VmHWM")
print(json.dumps({"seconds": seconds, "cpu": cpu, "frame_bytes": frame_bytes, "rss_before": before,
                  "extra_peak": max(0, peak - before), "peak": peak, "n": len(out),
                  "dtype": str(frame.dtypes.iloc[0]) if kind != "polars" else "polars"}))
"""

# The frames of the 1M-row job: pandas' default (object columns with pandas 2, Arrow-backed `str`
# with pandas 3), the same text columns as `object`, and a polars DataFrame.
FRAME_KINDS = ["default", "object", "polars"]


def million_rows(kinds=FRAME_KINDS, runs_each: int = 3):
    import pandas as pd
    out = []
    for kind in kinds:
        runs = []
        for _ in range(runs_each):
            res = subprocess.run([sys.executable, "-c", FRAME_JOB, str(pathlib.Path(__file__).parent), kind],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(res.stdout))
        seconds = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        frame = runs[0]["frame_bytes"]
        extra = statistics.median(r["extra_peak"] for r in runs)
        print(f"1M registrations from a {kind} frame (pandas {pd.__version__}, text columns {runs[0]['dtype']}): "
              f"{seconds:.2f} s, {cpu:.2f} s of CPU (medians of {runs_each} processes); frame {frame / 2**20:.0f} MiB, "
              f"peak above the process with the frame {extra / 2**20:.0f} MiB = {extra / frame:.2f}x the frame",
              flush=True)
        out.append({"job": f"1M from a {kind} frame", "seconds": seconds, "cpu": cpu, "frame_bytes": frame,
                    "extra_peak": extra})
    return out


def other_build(path: str, name: str = "kix_other"):
    """The `_kix.abi3.so` at `path` (a wheel's, unzipped) loaded as a module of its own, beside this venv's kix."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"{name}._kix", path)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


def compare_input(kind: str):
    """What `compare` validates: the 1M-row frame (`object` or pandas' `default` columns), or 100k `dicts`."""
    if kind == "dicts":
        return records(N)
    import pandas as pd
    frame = pd.DataFrame(records(1_000_000))
    if kind == "object":
        frame = frame.astype({c: object for c in frame.columns if c != "consent"})
    return frame


def compare_builds(other: str, kind: str = "object", rounds: int = ROUNDS):
    """Two builds of kix on the same input in one process: this venv's and the `_kix.abi3.so` at `other`, loaded
    under another name. After a first call each (which pays for fresh memory), they run alternately, `rounds`
    each; their counts must agree. Between processes this machine's speed moves by ±30%, within one it does
    not: a change of a few per cent shows here and nowhere else."""
    import resource

    build = other_build(other)
    frame = compare_input(kind)

    def timed(module):
        event = module.emap().event("kix-emap-webinar-20")
        before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        out = module.validate_registrations(event, frame)
        seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
        return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, out.counts()

    first = timed(kix), timed(build)
    if first[0][2] != first[1][2]:
        raise AssertionError(f"the builds disagree: {first[0][2]} against {first[1][2]}")
    this, that = [], []
    for i in range(rounds):
        pair = [(kix, this), (build, that)]
        for module, out in pair if i % 2 == 0 else pair[::-1]:
            out.append(timed(module)[:2])
    median = statistics.median
    what = "100k dicts" if kind == "dicts" else f"1M rows, {kind} frame"
    print(f"{what}, {rounds} rounds: this build {median(t for t, _ in this):.3f} s "
          f"({median(c for _, c in this):.3f} s CPU), the other {median(t for t, _ in that):.3f} s "
          f"({median(c for _, c in that):.3f} s CPU); other / this, median of the rounds: "
          f"{median(b[0] / a[0] for a, b in zip(this, that)):.3f} (first calls {first[0][0]:.3f} and {first[1][0]:.3f} s)",
          flush=True)


# One first call in a fresh process, of this venv's kix or of the build at argv[3] (see `compare_fresh`).
FRESH_JOB = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from bench import compare_input, other_build
import kix
module = other_build(sys.argv[3]) if len(sys.argv) > 3 else kix
data = compare_input(sys.argv[2])
import gc; gc.collect()
event = module.emap().event("kix-emap-webinar-20")
before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
out = module.validate_registrations(event, data)
seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "system": after.ru_stime - before.ru_stime, "counts": out.counts(),
                  "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}))
"""


def compare_fresh(other: str, kind: str = "object", rounds: int = 6):
    """`compare_builds` on first calls: each build in a fresh process, alternating, `rounds` processes each. The
    first call pays for the memory it faults in, which this machine makes cost more at some hours than at
    others: the ratio of each pair says more than either build's figures alone."""
    this, that = [], []
    for i in range(rounds):
        pair = [([], this), ([other], that)]
        for extra, out in pair if i % 2 == 0 else pair[::-1]:
            res = subprocess.run([sys.executable, "-c", FRESH_JOB, str(pathlib.Path(__file__).parent), kind, *extra],
                                 capture_output=True, text=True, check=True)
            out.append(json.loads(res.stdout))
    if any(a["counts"] != b["counts"] for a, b in zip(this, that)):
        raise AssertionError(f"the builds disagree: {this[0]['counts']} against {that[0]['counts']}")
    median = statistics.median
    def line(runs):
        return (f"{median(r['seconds'] for r in runs):.3f} s ({min(r['seconds'] for r in runs):.2f}-"
                f"{max(r['seconds'] for r in runs):.2f}; {median(r['cpu'] for r in runs):.2f} s CPU, "
                f"{median(r['system'] for r in runs):.2f} s system)")
    print(f"{kind}, first calls in {rounds} fresh processes each: this build {line(this)}, the other {line(that)}; "
          f"other / this, median of the pairs: {median(b['seconds'] / a['seconds'] for a, b in zip(this, that)):.3f}",
          flush=True)


def book_submissions(n: int = 100_000):
    """Issue 27: n submissions through RegistrationBook.submit into one book (target: under 3 s in all, the last
    1,000 at most 1.5x the first 1,000), and the book's size in memory against its JSON (target: at most 2x)."""
    def rss():
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))

    w20 = kix.emap().event("kix-emap-webinar-20").to_dict()
    event = kix.Event.from_dict({**w20, "registration": {"required": True, "capacity": n // 2, "waiting_list": True}})
    now = dt.datetime(2024, 7, 20, 8, tzinfo=dt.timezone.utc)
    people = [{"full_name": f"Person {i}", "email": f"person{i}@example.org", "country": ["NP", "MD", "KG"][i % 3],
               "audience": "teacher"} for i in range(n)]
    book = kix.RegistrationBook(event)
    times = []
    started = time.perf_counter()
    for p in people:
        t = time.perf_counter()
        book.submit(p, now=now)
        times.append(time.perf_counter() - t)
    total = time.perf_counter() - started
    first, last = sum(times[:1000]), sum(times[-1000:])
    text = book.to_json()
    before = rss()
    copy = kix.RegistrationBook.from_json(text, event)
    held = rss() - before
    print(f"book: {n} submissions in {total:.2f} s; first 1,000 {first * 1e3:.1f} ms, last 1,000 {last * 1e3:.1f} ms "
          f"(last / first = {last / first:.2f}); JSON {len(text) / 1e6:.1f} MB, a book read from it ~{held / 1e6:.1f} MB "
          f"more resident ({held / len(text):.2f}x)", flush=True)
    del copy
    return {"job": "book submissions", "seconds": total, "first_1000": first, "last_1000": last,
            "json_bytes": len(text)}


def main():
    w20 = kix.emap().event("kix-emap-webinar-20")
    jobs = sys.argv[1:] or ["registrations", "time", "frame"]
    if jobs[0] == "compare":
        compare_builds(*jobs[1:3])
        return
    if jobs[0] == "compare-fresh":
        compare_fresh(*jobs[1:3])
        return
    if "registrations" in jobs:
        registrations(w20)
    if "time" in jobs:
        time_jobs()
    if "frame" in jobs:
        million_rows()
    for kind in FRAME_KINDS:
        if f"frame:{kind}" in jobs:
            million_rows([kind])
    if "book" in jobs:
        book_submissions()


if __name__ == "__main__":
    main()
