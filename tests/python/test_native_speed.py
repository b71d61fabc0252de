"""The fast paths of the Python face give exactly the answers of the plain ones.

The same records go through dicts, a pandas DataFrame (object and Arrow dtypes), a pyarrow
Table and a polars DataFrame: the outcomes must be identical, bad cells included. Time
columns (pandas, NumPy, Arrow) must agree with pandas' own tz_convert / tz_localize and with
kix one value at a time. Long calls release the GIL, stop on Ctrl-C and report progress.
No timing is asserted here beyond a generous bound on how soon an interrupt is honoured.
"""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zoneinfo

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import kix

UTC = dt.timezone.utc
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture(scope="module")
def w20():
    return kix.emap().event("kix-emap-webinar-20")


def rows():
    """Good rows, duplicates, bad e-mails, unknown countries, missing cells, a late submission."""
    out = []
    for i in range(40):
        out.append({
            "full_name": f"Person {i}" if i % 11 else None,
            "email": [f"p{i}@example.org", f"P{i - 1}@Example.ORG", "bad address", f"p{i}@localhost"][i % 4] if i else "a@example.org",
            "country": ["Nepal", "KG", "Narnia", "Viet Nam", None][i % 5],
            "organisation": "Ministry" if i % 2 else None,
            "audience": ["teacher", "Teacher", "astronaut", None][i % 4],
            "language": ["en", "ru", "fr", None][i % 4],
            "consent": [True, False, None][i % 3],
            "submitted_at": dt.datetime(2024, 7, 20, 9, i % 60, tzinfo=UTC) if i % 7 else dt.datetime(2024, 8, 1, tzinfo=UTC),
        })
    return out


def answers(outcomes):
    return [(o.status, o.codes, [(v.path, v.params) for v in o.violations], o.email, o.country) for o in outcomes]


def test_dicts_pandas_arrow_and_polars_give_the_same_outcomes(w20):
    records = rows()
    expected = answers(kix.validate_registrations(w20, records))
    assert len(expected) == len(records)
    frame = pd.DataFrame(records, index=range(100, 100 + len(records)))
    sources = {
        "pandas": frame,
        "pandas (Arrow dtypes)": frame.convert_dtypes(dtype_backend="pyarrow"),
        "pyarrow": pa.Table.from_pylist(records),
        "pyarrow batch": pa.RecordBatch.from_pylist(records),
        "polars": pl.DataFrame(records),
    }
    for name, source in sources.items():
        out = kix.validate_registrations(w20, source)
        assert len(out) == len(records), name
        assert answers(out) == expected, name
    assert kix.validate_registrations(w20, frame).index == list(frame.index)
    assert kix.validate_registrations(w20, sources["pandas (Arrow dtypes)"]).index == list(frame.index)
    assert kix.validate_registrations(w20, sources["polars"]).index == list(range(len(records)))


TEXT_FIELDS = ["full_name", "email", "country", "organisation", "audience", "language"]


def string_frames(records, index=None):
    """The same records as pandas frames whose text columns are each kind of pandas text column:
    object (pandas 2's default), ``str`` (pandas 3's default: Arrow-backed, NaN for missing),
    ``string[pyarrow]`` (pd.NA), Arrow ``large_string`` and ``string_view``, and categorical."""
    frame = pd.DataFrame(records, index=index)
    kinds = {
        "object": object,
        "str": pd.StringDtype("pyarrow", na_value=np.nan),
        "string[pyarrow]": "string[pyarrow]",
        "large_string": pd.ArrowDtype(pa.large_string()),
        "string_view": pd.ArrowDtype(pa.string_view()),
        "categorical": "category",
    }
    out = {}
    for name, dtype in kinds.items():
        f = frame.copy()
        for column in TEXT_FIELDS:
            f[column] = f[column].astype(dtype)
        out[name] = f
    return out


def with_nan(records):
    """The records with float NaN (pandas' missing marker in object columns) in some text cells."""
    out = []
    for i, r in enumerate(records):
        r = dict(r)
        if i % 6 == 1:
            r["organisation"] = float("nan")
        if i % 9 == 4:
            r["language"] = float("nan")
        out.append(r)
    return out


@pytest.mark.parametrize("consent", ["object", "bool"])
def test_every_kind_of_pandas_text_column_gives_the_outcomes_of_dicts(w20, consent):
    # consent with None is an object column (read as Python objects beside the Arrow text
    # columns); as booleans the whole frame is read through Arrow.
    records = with_nan(large_rows(3000))
    if consent == "bool":
        records = [{**r, "consent": bool(r["consent"])} for r in records]
    expected = answers(kix.validate_registrations(w20, records))
    by_audience = kix.validate_registrations(w20, records).counts(by="audience")
    index = list(range(5, 5 + len(records)))
    for name, frame in string_frames(records, index).items():
        out = kix.validate_registrations(w20, frame)
        assert answers(out) == expected, name
        assert out.index == index, name
        assert out.counts(by="audience").equals(by_audience), name


def test_a_frame_of_columns_pyarrow_cannot_type_is_read_as_python_objects(w20):
    records = rows()
    frame = pd.DataFrame(records)
    # A categorical of texts and numbers: no Arrow type holds it, the cells are read one by one.
    frame["full_name"] = pd.Categorical([r["full_name"] if i % 2 else 7 for i, r in enumerate(records)])
    frame["consent"] = [bool(c) for c in frame["consent"]]
    expected = answers(kix.validate_registrations(w20, frame.astype({"full_name": object}).to_dict("records")))
    assert answers(kix.validate_registrations(w20, frame)) == expected


def large_rows(n=6000):
    """The rows above over and over, with addresses that come back thousands of rows later."""
    base = rows()
    out = []
    for i in range(n):
        r = dict(base[i % len(base)])
        if i % 4 == 0:
            r["email"] = f"p{i % 4400}@example.org"
        out.append(r)
    return out


def object_rows():
    """20,000 of the rows above, with e-mail cells that are not text (an int, NaN, None), a str with a
    lone surrogate, and an address in other case and spaces."""
    records = large_rows(20_000)
    records[9000]["email"] = 42
    records[9001]["email"] = float("nan")
    records[9002]["email"] = None
    records[9003]["email"] = "p\udc80@example.org"
    records[15000]["email"] = " P7@EXAMPLE.org "
    return records


def on_three_threads(script):
    """What `script` prints as JSON, run in a fresh process with KIX_MAX_THREADS=3 (so that the core's
    threads are used on any machine) and this folder on its path."""
    env = {**os.environ, "KIX_MAX_THREADS": "3"}
    done = subprocess.run([sys.executable, "-c", script, os.path.dirname(__file__)], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_large_arrow_batch_read_on_threads_gives_the_outcomes_of_dicts(w20):
    # From Arrow, 6,000 rows are read 512 at a time on the core's threads, each thread its part
    # (KIX_MAX_THREADS=3, in a fresh process, so that threads are used on any machine); dicts go
    # 512 at a time on one. Null cells are in every block, duplicates cross the parts.
    records = large_rows()
    expected = answers(kix.validate_registrations(w20, records))
    assert sum(1 for a in expected if "registration.duplicate" in a[1]) > 1000
    script = """
import json, sys
import pyarrow as pa, polars as pl
sys.path.insert(0, sys.argv[1])
import kix
from test_native_speed import answers, large_rows
w20 = kix.emap().event("kix-emap-webinar-20")
table = pa.Table.from_pylist(large_rows())
# The same rows in batches of 1,777: blocks and parts cross the batches, and an address is read
# again from another batch than the one it repeats.
batches = pa.Table.from_batches(table.to_batches(max_chunksize=1777))
assert batches.column("email").num_chunks == 4
sources = [table, pl.from_arrow(table), batches]
print(json.dumps([answers(kix.validate_registrations(w20, source)) for source in sources]))
"""
    as_json = json.loads(json.dumps(expected))
    got_all = on_three_threads(script)
    assert len(got_all) == 3
    for name, got in zip(["pyarrow", "polars", "pyarrow in 4 batches"], got_all):
        assert got == as_json, name


def test_a_large_object_frame_read_in_chunks_gives_the_outcomes_of_dicts(w20):
    # 20,000 rows as object columns are read 8,192 at a time under the GIL; their addresses are
    # copied once into Arrow, where the desk reads them again, on three threads, for the
    # duplicates of rows in earlier chunks. Cells that are not text (an int, NaN, None) and a
    # str with a lone surrogate are read as the dicts read them.
    records = object_rows()
    expected = answers(kix.validate_registrations(w20, records))
    assert sum(1 for a in expected if "registration.duplicate" in a[1]) > 5000
    assert expected[15000][3] == "P7@example.org", "the outcome's address, made again from the copy"
    assert [a[3] for a in expected[9000:9003]] == [None] * 3 and "registration.undecodable_text" in expected[9003][1]
    script = """
import json, sys
import pandas as pd
sys.path.insert(0, sys.argv[1])
import kix
from test_native_speed import answers, object_rows
w20 = kix.emap().event("kix-emap-webinar-20")
frame = pd.DataFrame(object_rows()).astype({"email": object, "full_name": object, "country": object})
assert frame["email"].dtype == object
print(json.dumps(answers(kix.validate_registrations(w20, frame))))
"""
    assert on_three_threads(script) == json.loads(json.dumps(expected))


def test_cells_of_the_wrong_kind_are_the_same_violations_from_every_source(w20):
    naive = dt.datetime(2024, 7, 20, 9, 0)
    records = [{"full_name": 42 + i, "email": f"x{i}@example.org", "country": "Nepal", "audience": "teacher",
                "consent": ["Yes", None][i % 2], "submitted_at": naive} for i in range(4)]
    expected = answers(kix.validate_registrations(w20, records))
    assert expected[0][1] == ["registration.invalid_value"] * 3
    assert [p["kind"] for _, p in expected[0][2]] == ["int", "text", "naive datetime"]
    for source in [pd.DataFrame(records), pa.Table.from_pylist(records), pl.DataFrame(records)]:
        assert answers(kix.validate_registrations(w20, source)) == expected, type(source)


def test_outcomes_go_out_to_arrow_and_polars_as_to_pandas_shows_them(w20):
    frame = pd.DataFrame(rows(), index=range(7, 47))
    out = kix.validate_registrations(w20, frame)
    df = out.to_pandas()
    table = out.to_arrow()
    assert isinstance(table, pa.Table) and table.column_names == ["index", "status", "country", "codes", "fields"]
    assert table.column("index").to_pylist() == list(frame.index)
    assert table.drop_columns(["index"]).to_pandas().equals(df.reset_index(drop=True))
    polars = out.to_polars()
    assert isinstance(polars, pl.DataFrame) and polars.columns == table.column_names
    assert polars["status"].to_list() == list(df["status"])


def test_progress_goes_to_a_callable_and_to_tqdm(w20, capsys):
    records = [{"full_name": "A", "email": f"p{i}@example.org", "country": "NP", "audience": "teacher",
                "submitted_at": "2024-07-20T09:00:00Z"} for i in range(10_000)]
    seen = []
    kix.validate_registrations(w20, records, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (10_000, 10_000) and len(seen) >= 2 and seen == sorted(seen)
    kix.validate_registrations(w20, iter(records), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (10_000, None), "a generator has no length"
    kix.validate_registrations(w20, records, progress=True)
    assert "10000" in capsys.readouterr().err
    with pytest.raises(TypeError):
        kix.validate_registrations(w20, records, progress="yes")


BIG = 3_000_000  # several seconds of work: an interrupt must cut it short


def big_batch():
    one = {"full_name": "A", "email": "p@example.org", "country": "NP", "audience": "teacher",
           "submitted_at": "2024-07-20T09:00:00Z"}
    return [one] * BIG


def test_ctrl_c_stops_a_batch_with_keyboard_interrupt(w20):
    records = big_batch()
    main = threading.main_thread().ident
    timer = threading.Timer(0.3, lambda: signal.pthread_kill(main, signal.SIGINT))
    timer.start()
    started = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            kix.validate_registrations(w20, records)
    finally:
        timer.cancel()
    # A generous bound: the batch alone takes several seconds; the interrupt lands within a chunk.
    assert time.perf_counter() - started < 3.0


def test_ctrl_c_stops_a_column_conversion():
    walls = pd.Series(pd.date_range("2000-01-01", periods=20_000_000, freq="min"))
    main = threading.main_thread().ident
    timer = threading.Timer(0.2, lambda: signal.pthread_kill(main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            kix.from_local(walls, "Europe/Zurich")
    finally:
        timer.cancel()


def test_another_thread_runs_while_a_batch_is_validated(w20):
    records = big_batch()[:1_000_000]
    ticks = [0]
    running = threading.Event()
    stop = threading.Event()

    def count():
        running.set()
        while not stop.is_set():
            ticks[0] += 1

    thread = threading.Thread(target=count)
    thread.start()
    running.wait()
    before = ticks[0]
    kix.validate_registrations(w20, records)
    during = ticks[0] - before
    stop.set()
    thread.join()
    assert during > 1000, f"the other thread counted {during} during the batch"


def test_counts_by_audience_and_language_are_the_texts_given_from_every_source(w20):
    # The answers are counted from the texts kept per batch: many distinct ones, some alike in
    # length and first and last letter (the face finds recent texts by that fingerprint), and
    # the same text in several forms that name one code.
    codes = ["teacher", "policy_maker", "other"]
    given = ["teacher", " Teacher", "TEACHER", "policy_maker", "Other", None]
    given += [f"t{c * 5}r" for c in "abcdefgh"]  # seven letters, t…r, as "teacher" is
    given += [f"role {i}" for i in range(90)]
    languages = ["ru", "RU", "en", "ky", None, "uz"]
    records = [{"full_name": f"P {i}", "email": f"p{i}@example.org", "country": "NP",
                "audience": given[i % len(given)], "language": languages[i % len(languages)],
                "submitted_at": "2024-07-20T09:00:00Z"} for i in range(3000)]

    def expected(field, key):
        counts = {}
        for r in records:
            text = r[field]
            if text is not None:
                counts[key(text)] = counts.get(key(text), 0) + 1
        return counts

    audience = expected("audience", lambda t: t.strip().lower() if t.strip().lower() in codes else t)
    language = expected("language", str.lower)
    table = pa.Table.from_pylist(records)
    for source in (records, table, pl.from_arrow(table)):
        out = kix.validate_registrations(w20, source)
        # No answer is a missing key: None in pandas 2's object column, NaN in pandas 3's str column.
        got = lambda by: {k: v for k, v in out.counts(by=by).values.tolist() if pd.notna(k)}  # noqa: E731
        assert got("audience") == audience
        assert got("language") == language


def test_counts_by_answers_of_an_arrow_table_read_after_the_table_is_gone_and_without_the_columns(w20):
    # Arrow data's answers are read from its columns when counted, not during the batch: the
    # outcomes keep those columns, so the counts hold once the caller's table is dropped; a
    # table without them counts every record as unanswered, as the dicts do.
    records = [{"full_name": f"P {i}", "email": f"p{i}@example.org", "country": "KG",
                "audience": ["teacher", "Other"][i % 2], "language": "ru"} for i in range(1500)]
    table = pa.Table.from_pylist(records)
    out = kix.validate_registrations(w20, table)
    del table
    assert out.counts(by="audience").values.tolist() == [["other", 750], ["teacher", 750]]
    assert out.counts(by="language").values.tolist() == [["ru", 1500]]
    bare = [{k: r[k] for k in ("full_name", "email", "country")} for r in records]
    from_table = kix.validate_registrations(w20, pa.Table.from_pylist(bare)).counts(by="audience")
    assert from_table.values.tolist() == [[None, 1500]]
    assert from_table.equals(kix.validate_registrations(w20, bare).counts(by="audience"))


def test_counts_by_key_and_status_over_many_blocks(w20):
    # counts(by=(key, "status")) reads the columnar outcomes a block of 4,096 at a time: over
    # three blocks and a part, each group's counts by status are those of the outcomes one by one,
    # and they add up to counts(by=key).
    countries = ["KG", "Nepal", "MD", "Atlantis", None]
    records = [{"full_name": f"P {i}", "email": f"p{i // 3}@example.org" if i % 7 else "nobody",
                "country": countries[i % len(countries)], "organisation": "Ministry", "audience": "teacher",
                "language": "ru", "consent": True, "submitted_at": "2024-07-10T10:00:00+05:00"}
               for i in range(13_000)]
    for source in (records, pa.Table.from_pylist(records)):
        out = kix.validate_registrations(w20, source)
        expected = {}
        for o in out:
            expected[(o.country, o.status)] = expected.get((o.country, o.status), 0) + 1
        frame = out.counts(by=("country", "status"))
        # A missing key: None in pandas 2's object column, NaN in pandas 3's str column.
        keys = [k if pd.notna(k) else None for k in frame["country"]]
        assert dict(zip(zip(keys, frame["status"]), frame["registrations"].tolist())) == expected
        assert len(set(frame["status"])) >= 2
        totals = out.counts(by="country")
        sums = {}
        for k, n in zip(keys, frame["registrations"].tolist()):
            sums[k] = sums.get(k, 0) + n
        assert sums == {k if pd.notna(k) else None: n for k, n in totals.values.tolist()}
        # The groups in counts(by=key)'s order (a missing key last), each group's statuses sorted.
        groups = list(dict.fromkeys(keys))
        assert groups == [k if pd.notna(k) else None for k in totals["country"]]
        rows = list(zip(keys, frame["status"]))
        assert rows == sorted(rows, key=lambda r: (groups.index(r[0]), r[1]))


def test_kix_first_used_on_a_thread_that_ends_then_on_new_threads():
    # The face allocates through mimalloc; its v3 (the crate's default) crashes when the thread
    # that first used it has exited and a new thread takes over its identity (mimalloc issue
    # 1287), which is what a notebook's or a web server's worker pool does. Run in a fresh
    # process, so that kix's first allocation really happens on the worker.
    script = """
import threading
def use():
    import kix
    w20 = kix.emap().event("kix-emap-webinar-20")
    one = {"full_name": "A", "email": "p@example.org", "country": "NP", "audience": "teacher",
           "submitted_at": "2024-07-20T09:00:00Z"}
    out = kix.validate_registrations(w20, [one] * 1000)
    assert out.to_columns()["status"].count("confirmed") == 1
for _ in range(20):
    t = threading.Thread(target=use)
    t.start()
    t.join()
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# ---------------------------------------------------------------- time columns

def same_instants(a, b):
    """The same instants shown at the same wall times (pandas' tz objects may differ: ZoneInfo, pytz)."""
    return (a.dt.tz_convert("UTC").equals(b.dt.tz_convert("UTC")) and a.dt.tz_localize(None).equals(b.dt.tz_localize(None))
            and str(a.dt.tz) == str(b.dt.tz))


def instants(n=5000):
    rng = np.random.default_rng(7)
    seconds = rng.integers(1_577_836_800, 1_893_456_000, n)
    return pd.Series(pd.to_datetime(seconds, unit="s", utc=True), index=range(3, 3 + n), name="at")


def test_to_local_on_a_series_equals_tz_convert_and_one_by_one():
    s = instants()
    local = kix.to_local(s, "CET / Geneva")
    assert same_instants(local, s.dt.tz_convert("Europe/Zurich"))
    assert isinstance(local.dt.tz, zoneinfo.ZoneInfo)
    assert list(local.index) == list(s.index) and local.name == "at"
    for t, l in zip(s.iloc[:200], local.iloc[:200]):
        one = kix.to_local(t.to_pydatetime(), "Europe/Zurich")
        assert l.to_pydatetime() == one and l.utcoffset() == one.utcoffset()
    with pytest.raises(ValueError, match="wall times"):
        kix.to_local(s.dt.tz_localize(None), "Europe/Zurich")


def test_from_local_on_a_series_equals_tz_localize_and_one_by_one():
    walls = instants().dt.tz_localize(None).dt.floor("15min")
    ambiguous = np.ones(len(walls), dtype=bool)  # a fold's first instant, as "compatible"
    expected = walls.dt.tz_localize("Europe/Zurich", ambiguous=ambiguous, nonexistent=pd.Timedelta("1h"))
    got = kix.from_local(walls, "Europe/Zurich")
    assert same_instants(got, expected)
    later = kix.from_local(walls, "Europe/Zurich", "later")
    for w, a, b in zip(walls.iloc[:300], got.iloc[:300], later.iloc[:300]):
        assert a == kix.from_local(w.to_pydatetime(), "Europe/Zurich")
        assert b == kix.from_local(w.to_pydatetime(), "Europe/Zurich", "later")


def test_a_column_reports_every_gap_and_fold_by_its_label_under_reject():
    walls = pd.Series(pd.to_datetime(["2024-03-31 02:30", "2024-07-31 12:00", None, "2024-10-27 02:30"]),
                      index=["a", "b", "c", "d"])
    with pytest.raises(kix.TimeZoneError) as e:
        kix.from_local(walls, "Europe/Zurich", "reject")
    assert [(x["code"], x["path"]) for x in e.value.errors()] == [
        ("time.nonexistent_local_time", "[a]"), ("time.ambiguous_local_time", "[d]")]
    ok = kix.from_local(walls, "Europe/Zurich")
    assert pd.isna(ok["c"]) and ok["b"] == pd.Timestamp("2024-07-31T10:00Z")


def test_text_and_object_columns_are_read_value_by_value():
    s = pd.Series(["2024-07-31 13:00", None, "2024-03-31T02:30"], index=[5, 6, 7])
    out = kix.from_local(s, "Europe/Zurich")
    assert out[5] == pd.Timestamp("2024-07-31T11:00Z") and pd.isna(out[6])
    assert out[7] == pd.Timestamp("2024-03-31T01:30Z"), "a gap shifts forward, as compatible says"
    texts = pd.Series(["2024-07-31T11:00:00Z", None])
    assert kix.to_local(texts, "Asia/Kathmandu")[0].utcoffset() == dt.timedelta(hours=5, minutes=45)


def test_numpy_datetimes_in_numpy_datetimes_out():
    utc = np.array(["2024-07-31T11:00", "2024-01-15T11:00", "NaT"], dtype="datetime64[s]")
    local = kix.to_local(utc, "Europe/Zurich")
    assert local.dtype == np.dtype("datetime64[ns]")
    assert list(local[:2].astype(str)) == ["2024-07-31T13:00:00.000000000", "2024-01-15T12:00:00.000000000"]
    assert np.isnat(local[2])
    back = kix.from_local(local, "Europe/Zurich")
    assert (back[:2] == utc[:2].astype("datetime64[ns]")).all() and np.isnat(back[2])


def test_arrow_and_polars_columns_come_back_as_their_own_kind():
    s = instants(500)
    arrow = pa.array(s)
    local = kix.to_local(arrow, "Europe/Zurich")
    # The unit kept (pandas 2 makes these nanoseconds, pandas 3 microseconds).
    assert isinstance(local, pa.Array) and local.type == pa.timestamp(arrow.type.unit, tz="Europe/Zurich")
    assert local.to_pandas().equals(s.dt.tz_convert("Europe/Zurich").reset_index(drop=True).rename(None))
    walls = pa.array(s.dt.tz_localize(None))
    resolved = kix.from_local(walls, "Asia/Kathmandu")
    assert resolved.type == pa.timestamp("ns", tz="Asia/Kathmandu")
    assert resolved.cast(pa.timestamp("ns", tz="UTC")).to_pylist() == pa.array(
        s.dt.tz_localize(None).dt.tz_localize("Asia/Kathmandu")).cast(pa.timestamp("ns", tz="UTC")).to_pylist()
    chunked = kix.from_local(pa.chunked_array([walls, walls]), "Asia/Kathmandu")
    assert isinstance(chunked, pa.ChunkedArray) and len(chunked) == 1000
    series = kix.from_local(pl.Series("w", s.dt.tz_localize(None)), "Asia/Kathmandu")
    assert isinstance(series, pl.Series) and series.dtype == pl.Datetime("ns", "Asia/Kathmandu")


def test_one_datetime_at_a_time_still_takes_every_kind_of_zone_and_instant():
    t = dt.datetime(2024, 7, 31, 11, 0, tzinfo=UTC)
    for zone in ["Asia/Kathmandu", "asia/katmandu", zoneinfo.ZoneInfo("Asia/Kathmandu"), "Kathmandu"]:
        local = kix.to_local(t, zone)
        assert (local.hour, local.minute, str(local.tzinfo)) == (16, 45, "Asia/Kathmandu"), zone
        assert isinstance(local.tzinfo, zoneinfo.ZoneInfo)
    fold = kix.to_local(dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC), "Europe/Zurich")
    assert (fold.hour, fold.fold, fold.utcoffset()) == (2, 1, dt.timedelta(hours=1))
    with pytest.raises(ValueError, match="naive"):
        kix.to_local(dt.datetime(2024, 7, 31, 11, 0), "UTC")
