"""An analyst's job with real-format exports: Zoom and Google Forms read in one call, every bad cell
reported on its row, outcomes aligned to the input's index, attendance reconciled.

The sample exports are made by tools/gen_analyst_data.py (invented people, the layouts Zoom and
Google publish); the expectations below are worked out by hand from that script's data.
"""

import datetime as dt
import io
import pathlib
import zoneinfo

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv
import pytest

import kix

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
UTC = dt.timezone.utc
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")
LABELS = {
    "Policy maker": "policy_maker",
    "Academic researcher": "academic_researcher",
    "Government official": "government_official",
    "Education stakeholder": "education_stakeholder",
}
ZOOM_COLUMNS = {"audience": "What best describes you?", "language": "Preferred language"}
FORM_COLUMNS = {"audience": "I am a", "language": "Language you will follow",
                "consent": "I agree to the processing of my registration"}


@pytest.fixture(scope="module")
def w20():
    return kix.emap().event("kix-emap-webinar-20")


@pytest.fixture(scope="module")
def zoom():
    return kix.read_registrations(DATA / "zoom_registration_report.csv", format="zoom", zone="Europe/Zurich",
                                  columns=ZOOM_COLUMNS, answers=LABELS)


@pytest.fixture(scope="module")
def forms():
    return kix.read_registrations(str(DATA / "google_forms_responses.csv"), format="google_forms",
                                  zone="Asia/Bishkek", columns=FORM_COLUMNS, answers=LABELS)


def test_a_zoom_report_is_read_past_its_header_block_in_the_accounts_zone(zoom):
    assert len(zoom) == 11
    first = zoom[0]
    assert (first["row"], first["full_name"], first["email"]) == (0, "Aigerim Bekova", "aigerim.bekova@example.kg")
    # "Jul 15, 2024 09:30:12" in Zurich (CEST, UTC+2) is 07:30:12 UTC.
    assert first["submitted_at"] == dt.datetime(2024, 7, 15, 7, 30, 12, tzinfo=UTC)
    assert (first["country"], first["organisation"], first["audience"]) == ("Kyrgyzstan", "Ministry of Education and Science", "policy_maker")
    assert zoom[1]["audience"] == "Teacher", "kept as given; validation matches codes case-insensitively"


def test_a_forms_csv_with_a_bom_and_us_dates_is_read_in_the_owners_zone(forms):
    assert [r["full_name"] for r in forms][:2] == ["Nilufar Karimova", "Kyaw Min"]
    # "7/19/2024 9:15:02" in Bishkek (UTC+6) is 03:15:02 UTC.
    assert forms[0]["submitted_at"] == dt.datetime(2024, 7, 19, 3, 15, 2, tzinfo=UTC)
    assert forms[0]["consent"] is True
    assert forms[3]["consent"] == "Maybe", "an answer kix cannot read stays visible, for validation to report"


def test_naive_timestamps_without_a_zone_fail_with_how_to_give_it():
    with pytest.raises(ValueError, match=r'zone="Europe/Zurich"'):
        kix.read_registrations(DATA / "zoom_registration_report.csv", format="zoom")


def test_file_objects_dataframes_and_twelve_hour_iso_and_gap_times():
    text = ("Timestamp,Email address,Name\n"
            "2024-07-30 14:05,a@example.org,A\n"
            "07/30/2024 02:05:00 PM,b@example.org,B\n"
            "2024-03-31 02:30:00,c@example.org,C\n")
    from_file = kix.read_registrations(io.BytesIO(text.encode()), format="google_forms", zone="Europe/Zurich")
    from_text = kix.read_registrations(io.StringIO(text), format="google_forms", zone="Europe/Zurich")
    assert from_file.to_records() == from_text.to_records()
    assert from_file[0]["submitted_at"] == from_file[1]["submitted_at"] == dt.datetime(2024, 7, 30, 12, 5, tzinfo=UTC)
    # 02:30 on 31 March 2024 does not exist in Zurich: never guessed, a violation of that row.
    assert from_file[2]["submitted_at"] == "2024-03-31T02:30:00[Europe/Zurich]"
    frame = pd.read_csv(io.StringIO(text), dtype=str).set_axis([10, 20, 30])
    from_frame = kix.read_registrations(frame, format="csv", zone="Europe/Zurich")
    assert [r["row"] for r in from_frame] == [10, 20, 30]
    out = kix.validate_registrations(kix.emap().event("kix-emap-webinar-20"), from_frame)
    assert "time.nonexistent_local_time" in out[2].codes
    assert out.index == [10, 20, 30]


@pytest.mark.parametrize("reader", ["pyarrow", "polars", "pandas with Arrow dtypes"])
def test_an_export_already_read_into_arrow_gives_what_the_file_gives(forms, reader):
    path = DATA / "google_forms_responses.csv"
    frame = {
        "pyarrow": lambda: pyarrow.csv.read_csv(path),
        "polars": lambda: pl.read_csv(path, infer_schema=False),
        "pandas with Arrow dtypes": lambda: pd.read_csv(path, dtype_backend="pyarrow"),
    }[reader]()
    read = kix.read_registrations(frame, format="google_forms", zone="Asia/Bishkek", columns=FORM_COLUMNS,
                                  answers=LABELS)
    assert read.to_records() == forms.to_records()
    assert read[0]["submitted_at"] == dt.datetime(2024, 7, 19, 3, 15, 2, tzinfo=UTC)


def test_typed_arrow_columns_are_read_as_an_exports_cells():
    walls = [dt.datetime(2024, 7, 30, 14, 5), dt.datetime(2024, 3, 31, 2, 30), None, dt.datetime(2024, 10, 27, 2, 30)]
    kathmandu = zoneinfo.ZoneInfo("Asia/Kathmandu")
    instants = [dt.datetime(2024, 7, 30, 9, 50, tzinfo=kathmandu), None, None, None]
    table = pa.table({
        "Email address": ["a@example.org", "b@example.org", "c@example.org", None],
        "Name": pa.array(["A", "B", "C", "D"]).dictionary_encode(),
        "Timestamp": pa.array(walls, pa.timestamp("us")),
        "Confirmed at": pa.array(instants, pa.timestamp("ns", tz="Asia/Kathmandu")),
        "Consent": pa.array([True, False, None, True]),
        "Seats": pa.array([1, 2, None, 4], pa.int32()),
    })
    read = kix.read_registrations(table, format="csv", zone="Europe/Zurich", columns={"full_name": "Name"})
    # Wall times are read in the zone, as zoneinfo reads them; a gap is never guessed, a fold is
    # kept as the wall time in its zone for validation to report.
    assert read[0]["submitted_at"] == dt.datetime(2024, 7, 30, 14, 5, tzinfo=ZURICH).astimezone(UTC)
    assert read[1]["submitted_at"] == "2024-03-31T02:30:00[Europe/Zurich]"
    assert read[2]["submitted_at"] is None
    assert read[3]["submitted_at"] == "2024-10-27T02:30:00[Europe/Zurich]"
    assert [r["consent"] for r in read] == [True, False, None, True]
    assert [r["full_name"] for r in read] == ["A", "B", "C", "D"]
    assert read[3]["email"] is None
    # An aware timestamp is an instant: mapped to submitted_at, it needs no zone.
    confirmed = kix.read_registrations(table.select(["Email address", "Confirmed at"]), format="csv",
                                       columns={"submitted_at": "Confirmed at"})
    assert confirmed[0]["submitted_at"] == instants[0]
    with pytest.raises(ValueError, match=r'zone="Europe/Zurich"'):
        kix.read_registrations(table, format="csv")
    # A column of another kind is text as Arrow writes it: no field reads it here, and one that
    # does gets a value validation can report on its row.
    nested = table.append_column("Extra", pa.array([{"x": 1}, None, {"x": 3}, {"x": 4}]))
    assert kix.read_registrations(nested, format="csv", zone="Europe/Zurich").to_records() == read.to_records()
    as_name = kix.read_registrations(nested, format="csv", zone="Europe/Zurich", columns={"full_name": "Extra"})
    assert [r["full_name"] for r in as_name] == ["{x: 1}", None, "{x: 3}", "{x: 4}"]


def test_a_polars_frame_with_datetimes_and_a_pandas_arrow_frame_keep_their_rows():
    frame = pl.DataFrame({
        "Email address": ["a@example.org", "b@example.org"],
        "Full name": ["Aziz Nazarov", "Dorji Wangmo"],
        "Timestamp": [dt.datetime(2024, 7, 30, 9, 15, 2, 500000), dt.datetime(2024, 7, 30, 10, 0)],
    })
    read = kix.read_registrations(frame, format="csv", zone="Asia/Thimphu")
    thimphu = zoneinfo.ZoneInfo("Asia/Thimphu")
    assert [r["submitted_at"] for r in read] == [
        dt.datetime(2024, 7, 30, 9, 15, 2, 500000, tzinfo=thimphu).astimezone(UTC),
        dt.datetime(2024, 7, 30, 10, 0, tzinfo=thimphu).astimezone(UTC),
    ]
    labelled = frame.to_pandas(use_pyarrow_extension_array=True).set_axis(["r-7", "r-9"])
    read = kix.read_registrations(labelled, format="csv", zone="Asia/Thimphu")
    assert [r["row"] for r in read] == ["r-7", "r-9"]
    assert [r["full_name"] for r in read] == ["Aziz Nazarov", "Dorji Wangmo"]


def test_every_bad_cell_is_a_violation_of_its_row_and_no_batch_aborts(w20):
    good = {"full_name": "Sabina Rahimova", "email": "sabina@example.tj", "country": "Tajikistan",
            "audience": "Teacher", "consent": True, "submitted_at": "2024-07-20T09:00:00+05:00"}
    records = [
        good,
        {**good, "email": "b@example.tj", "full_name": 42},
        {**good, "email": "c@example.tj", "consent": "Yes"},
        {**good, "email": "d@example.tj", "submitted_at": dt.datetime(2024, 7, 20, 9, 0)},
        {**good, "email": "e@example.tj", "organisation": "Minist\udce8re"},
        "not a record",
    ]
    out = kix.validate_registrations(w20, records)
    assert len(out) == len(records)
    assert out[0].status == "confirmed", "Teacher is the audience code teacher"
    bad = {i: [(v.code, v.path, v.params.get("kind")) for v in out[i].violations] for i in (1, 2, 3, 5)}
    assert bad[1] == [("registration.invalid_value", "full_name", "int")]
    assert bad[2] == [("registration.invalid_value", "consent", "text")]
    assert bad[3] == [("registration.invalid_value", "submitted_at", "naive datetime")]
    assert bad[5][0][:2] == ("registration.invalid_value", "")
    assert out[2].violations[0].params["found"] == "Yes"
    # A lone surrogate cannot abort the batch: it is read as U+FFFD, which the rules may report.
    assert out[4].status in {"confirmed", "rejected"}
    # One record is a programming error: raised, with the field named.
    with pytest.raises(TypeError, match="consent"):
        kix.validate_registration(w20, {**good, "consent": "Yes"})


def test_outcomes_keep_a_filtered_frames_index(w20):
    frame = pd.DataFrame([
        {"full_name": "A", "email": "a@example.np", "country": "Nepal", "audience": "teacher",
         "submitted_at": "2024-07-20T09:00:00Z"},
        {"full_name": "B", "email": "bad address", "country": "Narnia", "audience": "teacher",
         "submitted_at": "2024-07-20T09:00:00Z"},
    ], index=[10, 20])
    out = kix.validate_registrations(w20, frame)
    df = out.to_pandas()
    assert list(df.index) == [10, 20]
    joined = frame[["full_name", "email"]].join(df)
    assert joined.loc[20, "status"] == "rejected" and joined.loc[20, "fields"] == "email;country"
    vf = out.violations_frame()
    assert list(vf.columns) == ["index", "code", "severity", "field", "message", "params"]
    assert vf[["index", "code", "field"]].values.tolist() == [
        [20, "registration.invalid_email", "email"], [20, "registration.unknown_country", "country"]]


def test_the_whole_job_and_attendance_as_worked_out_by_hand(w20, zoom, forms):
    regs = pd.concat([zoom.to_pandas(), forms.to_pandas()], keys=["zoom", "forms"])
    out = kix.validate_registrations(w20, regs)
    assert len(out) == 16
    rejected = {label: codes for label, codes in zip(out.index, (o.codes for o in out)) if codes}
    assert rejected == {
        ("zoom", 7): ["registration.unknown_audience"],   # "Astronaut"
        ("zoom", 8): ["registration.unknown_country"],    # "Atlantis"
        ("zoom", 9): ["registration.closed"],             # 13:10 Geneva, during the webinar
        ("forms", 2): ["registration.duplicate"],         # Aigerim again, in capitals
        ("forms", 3): ["registration.invalid_value"],     # consent "Maybe"
    }
    # No sub-region is a missing key: None in pandas 2's object column, NaN in pandas 3's str column.
    by_region = {k if pd.notna(k) else None: n for k, n in out.counts(by="sub_region").values.tolist()}
    # KG KG(dup) MN TJ UZ TJ | AL MD GE | BT NP | KH MM TL PG | Atlantis
    assert by_region == {"central-asia-mongolia": 6, "europe": 3, "south-asia": 2, "southeast-asia-pacific": 4, None: 1}
    assert dict(out.counts(by="status").values.tolist()) == {"confirmed": 11, "rejected": 5}

    joins = kix.read_attendance(DATA / "zoom_attendee_report.csv", zone="Europe/Zurich")
    assert len(joins) == 11, "attendees only: no host, no panelist, no 'Attended: No' rows"
    assert joins[0]["join"] == dt.datetime(2024, 7, 31, 13, 0, tzinfo=ZURICH)
    a = kix.attendance(w20, regs, out, joins)
    got = {(r["name"], r["status"], round(r["minutes"], 2), r["joins"]) for r in a.rows}
    assert got == {
        ("Aigerim Bekova", "attended", 85.0, 2),    # 13:00-13:20 and 13:25-14:30 (a re-join)
        ("Tenzin Dorji", "attended", 65.0, 2),      # 13:05-14:00 and 13:30-14:10 overlap: 13:05-14:10
        ("Ana Popescu", "attended", 87.83, 1),      # 13:02:10-14:30
        ("Bold Erdene", "attended", 45.0, 1),
        ("Sokha Chan", "attended", 89.0, 1),        # 13:00:30-14:29:30
        ("Nilufar Karimova", "attended", 75.0, 1),
        ("Kyaw Min", "attended", 70.0, 1),          # no e-mail in Zoom: matched on the name
        ("Aziz Nazarov", "walk_in", 78.0, 1),       # registered during the webinar: refused, came anyway
        ("Guest Viewer", "walk_in", 10.0, 1),       # never registered
        ("Sita Rai", "no_show", 0.0, 0),
        ("Ermira Hoxha", "no_show", 0.0, 0),
        ("Maria Soares", "no_show", 0.0, 0),
        ("Rustam Saidov", "no_show", 0.0, 0),
    }
    aziz = next(r for r in a.rows if r["name"] == "Aziz Nazarov")
    assert (aziz["registration"], aziz["registration_status"]) == (("zoom", 9), "rejected")
    counts = {r["country"]: (r["sub_region"], r["attended"], r["no_show"], r["walk_in"]) for r in a.counts}
    assert counts["TJ"] == ("central-asia-mongolia", 0, 1, 1)
    assert counts[None] == (None, 0, 0, 1)
    assert sum(c[1] for c in counts.values()) == 7


def test_attendance_rows_that_cannot_be_read_are_reported_not_fatal():
    report = ("Attendee Details\nAttended,User Name (Original Name),Email,Join Time,Leave Time\n"
              "Yes,A,a@example.org,07/31/2024 01:00:00 PM,07/31/2024 01:30:00 PM\n"
              "Yes,B,b@example.org,sometime,07/31/2024 01:30:00 PM\n")
    joins = kix.read_attendance(io.StringIO(report), zone="Europe/Zurich")
    assert len(joins) == 1
    assert [(v.code, v.path) for v in joins.violations] == [("attendance.unreadable_row", "rows[1]")]


def test_times_accept_what_people_type_and_series(w20):
    assert kix.from_local("2024-07-31 13:00", "Europe/Zurich") == dt.datetime(2024, 7, 31, 11, tzinfo=UTC)
    assert kix.to_local("2024-07-31 11:00Z", "Asia/Kathmandu") == dt.datetime(2024, 7, 31, 11, tzinfo=UTC)
    with pytest.raises(kix.TimeZoneError):
        kix.from_local("2024-03-31T02:30", "Europe/Zurich", "reject")
    s = pd.Series(["2024-07-31 13:00", None], index=[5, 6], name="start")
    local = kix.from_local(s, "Europe/Zurich")
    assert list(local.index) == [5, 6] and local.name == "start"
    assert local[5] == pd.Timestamp("2024-07-31T11:00Z") and pd.isna(local[6])
    utc = pd.Series(pd.to_datetime(["2024-07-31T11:00Z"]))
    assert kix.to_local(utc, "Asia/Kathmandu")[0].utcoffset() == dt.timedelta(hours=5, minutes=45)
    slot = kix.find_slots(kix.emap(), ["NP"], start="2025-03-04", end="2025-03-04", duration_minutes=60)[0]
    zone = slot.zones[0]
    assert zone["local_start"] == slot.start_utc and zone["local_start"].utcoffset() == dt.timedelta(hours=5, minutes=45)


def test_hub_country_records_have_sub_region_and_todays_partner():
    records = {r["code"]: r for r in kix.emap().countries.to_records()}
    assert records["KG"]["sub_region"] == "central-asia-mongolia"
    assert records["VN"]["sub_region"] is None
    assert all("partner" in r for r in records.values())
