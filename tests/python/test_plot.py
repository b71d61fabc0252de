"""kix.plot draws what kix computes: the tests read the artists back (headless, Agg) and compare them
with kix's numbers and, for times, with Python's zoneinfo. Each chart is written to target/plots/
as a PNG to look at."""

import datetime as dt
import pathlib
import subprocess
import sys
import zoneinfo

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import kix  # noqa: E402
import kix.plot as kp  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLOTS = ROOT / "target" / "plots"
DATA = ROOT / "examples" / "data"
HUB = kix.emap()
W20 = HUB.event("kix-emap-webinar-20")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def save(ax, name):
    PLOTS.mkdir(parents=True, exist_ok=True)
    path = PLOTS / f"{name}.png"
    ax.figure.savefig(path, dpi=100)
    plt.close(ax.figure)
    assert path.stat().st_size > 10_000
    return path


def patches(ax, prefix):
    return {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith(prefix)}


def texts(ax, prefix):
    return {t.get_gid(): t for t in ax.texts if (t.get_gid() or "").startswith(prefix)}


def hours(t):
    return t.hour + t.minute / 60


@pytest.fixture(scope="module")
def outcomes_and_attendance():
    labels = {"Policy maker": "policy_maker", "Academic researcher": "academic_researcher",
              "Government official": "government_official", "Education stakeholder": "education_stakeholder"}
    zoom = kix.read_registrations(DATA / "zoom_registration_report.csv", format="zoom", zone="Europe/Zurich",
                                  answers=labels, columns={"audience": "What best describes you?",
                                                           "language": "Preferred language"})
    forms = kix.read_registrations(DATA / "google_forms_responses.csv", format="google_forms", zone="Asia/Bishkek",
                                   answers=labels, columns={"audience": "I am a", "language": "Language you will follow",
                                                            "consent": "I agree to the processing of my registration"})
    regs = pd.concat([zoom.to_pandas(), forms.to_pandas()], keys=["zoom", "forms"])
    outcomes = kix.validate_registrations(W20, regs)
    joins = kix.read_attendance(DATA / "zoom_attendee_report.csv", zone="Europe/Zurich")
    return outcomes, kix.attendance(W20, regs, outcomes, joins)


def test_without_matplotlib_the_import_error_names_the_extra():
    code = "import sys; sys.modules['matplotlib'] = None; import kix; import kix.plot"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode != 0
    assert "ImportError" in run.stderr and "kix[plot]" in run.stderr


def test_one_band_per_country_asked_in_the_hubs_sub_region_order():
    ax = kp.local_times(W20, ["Nepal", "KG", "Moldova", "PG", "YE"])
    bands = [g.removeprefix("band:") for g in patches(ax, "band:")]
    assert bands == ["KG", "PG", "NP", "MD", "YE"]  # Central Asia, Southeast Asia, South Asia, Europe, none
    assert [t.get_text() for t in ax.get_yticklabels()] == [kix.country_name(c, "en") for c in bands]
    ax = kp.local_times(W20)
    assert len(patches(ax, "band:")) == len(HUB.countries) == 21
    save(ax, "local_times_webinar20")


def test_each_span_starts_at_the_local_time_kix_gives_and_zoneinfo_agrees():
    ax = kp.local_times(W20)
    spans = patches(ax, "span:")
    rows = W20.local_times().rows
    assert len(spans) == len(rows) == 24  # Uzbekistan, Mongolia and Papua New Guinea have two zones
    for row in rows:
        span = spans[f"span:{row['country']}:{row['zone']}"]
        by_zoneinfo = W20.start_utc.astimezone(zoneinfo.ZoneInfo(row["zone"]))
        assert row["local_start"] == by_zoneinfo and row["local_start"].utcoffset() == by_zoneinfo.utcoffset()
        assert span.get_x() == pytest.approx(hours(row["local_start"]))
        assert span.get_x() == pytest.approx(hours(by_zoneinfo))
        assert span.get_x() + span.get_width() == pytest.approx(hours(row["local_end"]))
    assert spans["span:NP:Asia/Kathmandu"].get_x() == pytest.approx(16.75)


def test_webinar_20_asks_papua_new_guinea_and_timor_leste_to_join_at_night():
    ax = kp.local_times(W20)
    night = [(p.get_gid().split(":")[1], p.get_x(), p.get_x() + p.get_width()) for p in patches(ax, "night:").values()]
    at_night = {
        gid.split(":")[1]
        for gid, span in patches(ax, "span:").items()
        for code, x0, x1 in night
        if code == gid.split(":")[1] and span.get_x() < x1 and span.get_x() + span.get_width() > x0
    }
    assert at_night == {"PG", "TL"}  # 21:00 Port Moresby, 22:00 Bougainville; Dili 20:00–21:30
    assert not texts(ax, "rest:") and not texts(ax, "dayshift:")  # a Wednesday, the same date everywhere


def test_a_rest_day_is_marked_exactly_where_the_event_falls_on_one():
    friday = W20.reschedule("2024-08-02T13:00")
    ax = kp.local_times(friday)
    marked = {g.removeprefix("rest:") for g in texts(ax, "rest:")}
    expected = set()
    for c in HUB.countries:  # independently: the local weekday by zoneinfo against the country's rest days
        local = friday.start_utc.astimezone(zoneinfo.ZoneInfo(c.time_zones[0]))
        if WEEKDAYS[local.weekday()] in c.rest_days:
            expected.add(c.code)
    assert marked == expected == {"AF", "BD", "MV", "SD", "YE"}
    save(ax, "local_times_friday")


def test_a_date_change_is_marked_and_a_span_across_midnight_wraps():
    late = W20.reschedule("2024-07-31T22:00")
    ax = kp.local_times(late, ["KG", "PG", "NP", "MD"], locale="ru")
    shifted = {g.split(":")[1] for g in texts(ax, "dayshift:")}
    assert shifted == {"KG", "PG", "NP"}  # Chisinau is still on the 31st at 23:00
    assert "следующий день" in texts(ax, "dayshift:KG")["dayshift:KG:Asia/Bishkek"].get_text()
    wrapped = patches(ax, "span:MD")
    assert wrapped["span:MD:Europe/Chisinau"].get_x() == pytest.approx(23)
    assert wrapped["span:MD:Europe/Chisinau:after-midnight"].get_width() == pytest.approx(0.5)
    save(ax, "local_times_late_ru")


def test_russian_labels_come_from_kix():
    ax = kp.local_times(W20, locale="ru")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == kix.country_name("KG", "ru") == "Киргизия"
    assert "Папуа — Новая Гвинея" in labels
    assert ax.get_xlabel() == "Местное время (часы)"
    assert "31 июля 2024" in ax.get_title() and "Женева" in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "выходной"
    save(ax, "local_times_webinar20_ru")


def test_arabic_labels_are_shaped_by_matplotlib_not_drawn_as_loose_letters():
    from matplotlib import _text_helpers, font_manager

    ax = kp.local_times(W20, ["KG", "NP"], locale="ar")
    label = ax.get_yticklabels()[0].get_text()
    assert label == kix.country_name("KG", "ar") == "قيرغيزستان"  # logical order, not pre-shaped
    font = font_manager.get_font(font_manager.findfont(ax.get_yticklabels()[0].get_fontproperties()))
    drawn = [item.glyph_index for item in _text_helpers.layout(label, font)]
    loose = [font.get_char_index(ord(ch)) for ch in label]
    assert 0 not in drawn  # every glyph in the font
    assert drawn != loose and drawn != loose[::-1]  # joined forms, right to left
    save(ax, "local_times_webinar20_ar")


def test_the_heatmaps_best_cell_is_the_slot_find_slots_ranks_first():
    ax = kp.comfort(HUB, None, "2025-03-24", "2025-04-02")
    first = kix.find_slots(HUB, start="2025-03-24", end="2025-04-02")[0]
    best = patches(ax, "best")["best"]
    days = [t.get_text().split()[-1] for t in ax.get_yticklabels()]
    row = int(best.get_y())
    at = dt.datetime.fromisoformat(days[row]).replace(tzinfo=dt.timezone.utc) + dt.timedelta(hours=best.get_x())
    assert at == first.start_utc == dt.datetime(2025, 3, 31, 6, tzinfo=dt.timezone.utc)
    assert best.get_width() == pytest.approx(1.5)
    mesh = next(c for c in ax.collections if c.get_gid() == "comfort")
    grid = mesh.get_array().reshape(len(days), -1)
    assert grid[row, int(best.get_x() * 4)] == first.min_score == grid.max() == 0.35
    assert grid[days.index("2025-03-28")].max() == 0  # a Friday: a rest day somewhere all day
    # The top axis is Geneva's (Europe/Zurich) clock; the days after the switch to summer time are labelled.
    assert ax.child_axes[0].get_xlabel() == "Start time, Europe/Zurich (UTC+1)"
    assert {t.get_text() for t in texts(ax, "offset:").values()} == {"UTC+2"}
    save(ax, "comfort_march_2025")


def test_slots_draws_only_the_slots_given():
    found = kix.find_slots(HUB, ["KG", "NP"], start="2025-03-04", end="2025-03-04", top=5)
    ax = kp.slots(found)
    grid = next(c for c in ax.collections if c.get_gid() == "comfort").get_array()
    assert grid.count() == 5  # the others are masked (blank)
    plt.close(ax.figure)


@pytest.mark.parametrize("by", ["sub_region", "country", "audience", "status"])
def test_registration_bars_are_the_counts(outcomes_and_attendance, by):
    outcomes, _ = outcomes_and_attendance
    ax = kp.registrations(outcomes, by)
    drawn = {}
    bars = [p for p in ax.patches if (p.get_gid() or "").startswith("bar:")]
    groups = len(ax.get_xticks())
    for i, p in enumerate(bars):
        status = p.get_gid().removeprefix("bar:")
        drawn[(i % groups, status)] = p.get_height()
    names = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    if by == "status":
        expected = {(names.index(s), s): n for s, n in outcomes.counts().items()}
        totals = outcomes.counts()
    else:
        frame = outcomes.counts(by=(by, "status"))
        # A missing key: None in pandas 2's object column, NaN in pandas 3's str column.
        keys = [k if pd.notna(k) else None for k in frame[by]]
        label = {None: "unknown"}
        for key in keys:
            if key is not None:
                label[key] = {"country": lambda k: kix.country_name(k, "en"),
                              "sub_region": lambda k: {s["id"]: s["name"] for s in HUB.to_dict()["sub_regions"]}[k],
                              "audience": lambda k: k.replace("_", " ")}[by](key)
        expected = {(names.index(label[k]), s): n for k, s, n in zip(keys, frame["status"], frame["registrations"])}
        per_group = outcomes.counts(by=by)
        totals = {k if pd.notna(k) else None: n for k, n in zip(per_group[by], per_group["registrations"])}
        sums = {}
        for k, n in zip(keys, frame["registrations"]):
            sums[k] = sums.get(k, 0) + n
        assert sums == totals  # the split adds up to counts(by=by)
    assert {k: v for k, v in drawn.items() if v} == expected
    assert {s for _, s in drawn} >= {"confirmed", "waitlisted", "rejected"}
    save(ax, f"registrations_by_{by}")


def test_russian_bar_labels(outcomes_and_attendance):
    outcomes, attended = outcomes_and_attendance
    ax = kp.registrations(outcomes, "country", locale="ru")
    assert kix.country_name("KG", "ru") in [t.get_text() for t in ax.get_xticklabels()]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["подтверждено", "в листе ожидания", "отклонено"]
    save(ax, "registrations_by_country_ru")
    ax = kp.attendance(attended, "sub_region", locale="ru")
    assert "Центральная Азия и Монголия" in [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    save(ax, "attendance_by_sub_region_ru")


@pytest.mark.parametrize("by", ["sub_region", "country", "status"])
def test_attendance_bars_are_the_counts(outcomes_and_attendance, by):
    _, attended = outcomes_and_attendance
    ax = kp.attendance(attended, by)
    groups = len(ax.get_xticks())
    bars = [p for p in ax.patches if (p.get_gid() or "").startswith("bar:")]
    drawn = {}
    for p in bars:
        part = p.get_gid().removeprefix("bar:")
        drawn[part] = drawn.get(part, 0) + p.get_height()
    rows = attended.counts.to_records()
    assert drawn == {p: sum(r[p] for r in rows) for p in ("attended", "no_show", "walk_in")}
    assert drawn == {"attended": 7, "no_show": 4, "walk_in": 2}
    if by == "country":
        names = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
        for r in rows:
            i = names.index(kix.country_name(r["country"], "en") if r["country"] else "unknown")
            for part in ("attended", "no_show", "walk_in"):
                assert bars[[p.get_gid() for p in bars].index(f"bar:{part}") + i].get_height() == r[part]
        assert groups == len(rows)
    save(ax, f"attendance_by_{by}")


def test_attendance_by_audience_is_refused(outcomes_and_attendance):
    with pytest.raises(ValueError, match="sub_region"):
        kp.attendance(outcomes_and_attendance[1], "audience")


def test_series_shows_the_dst_change_that_moves_members():
    d = W20.to_dict()
    cycle = kix.Event.from_dict({**d, "id": "learning-cycle", "start": "2025-10-14T10:00:00",
                                 "end": "2025-10-14T11:30:00", "agenda": [],
                                 "recurrence": {"frequency": "weekly", "count": 4}})
    ax = kp.series(cycle, ["KG", "NP", "MD", "PG"])
    lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    starts = [o["start_utc"] for o in cycle.occurrences()]
    for code, zone in [("KG", "Asia/Bishkek"), ("NP", "Asia/Kathmandu"), ("MD", "Europe/Chisinau")]:
        by_zoneinfo = [hours(s.astimezone(zoneinfo.ZoneInfo(zone))) for s in starts]
        assert list(lines[f"line:{code}"].get_ydata()) == pytest.approx(by_zoneinfo)
    assert list(lines["line:KG"].get_ydata()) == [14, 14, 15, 15]
    assert list(lines["line:organiser:Europe/Zurich"].get_ydata()) == [10, 10, 10, 10]
    assert [line.get_gid() for line in ax.lines if (line.get_gid() or "").startswith("dst:")] == ["dst:2"]
    assert "Zurich" in texts(ax, "dst-note:")["dst-note:2"].get_text()
    save(ax, "series_learning_cycle")


def test_every_function_draws_on_the_axes_it_is_given(outcomes_and_attendance):
    outcomes, attended = outcomes_and_attendance
    fig, axes = plt.subplots(2, 2)
    assert kp.registrations(outcomes, ax=axes[0, 0]) is axes[0, 0]
    assert kp.attendance(attended, ax=axes[0, 1]) is axes[0, 1]
    assert kp.local_times(W20, ["KG"], ax=axes[1, 0]) is axes[1, 0]
    assert kp.comfort(HUB, ["KG"], "2025-03-04", "2025-03-04", ax=axes[1, 1]) is axes[1, 1]
    plt.close(fig)


def test_counts_split_by_status_takes_a_key_and_status(outcomes_and_attendance):
    outcomes, _ = outcomes_and_attendance
    frame = outcomes.counts(by=["audience", "status"])
    assert list(frame.columns) == ["audience", "status", "registrations"]
    assert frame["registrations"].sum() == len(outcomes)
    with pytest.raises(ValueError, match="pair"):
        outcomes.counts(by=("status", "status"))
    with pytest.raises(ValueError, match="invalid count key"):
        outcomes.counts(by=("colour", "status"))
    with pytest.raises(TypeError):
        outcomes.counts(by=3)
