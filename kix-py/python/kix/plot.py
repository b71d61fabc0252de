"""Charts for the hub's analysts: who is asked to join at night, when the fairest slot is, who
registered and who came (``pip install kix[plot]``, which pulls matplotlib).

Every number drawn comes from kix (kix-core): local times, day shifts, rest days and offsets from
``Event.local_times`` / ``Event.occurrence_local_times``, comfort scores from ``find_slots``, counts
from ``RegistrationOutcomes.counts`` and ``Attendance.counts``; this module only draws. Every function
takes ``ax=`` (a new figure when omitted) and returns the matplotlib ``Axes``; artists carry a ``gid``
(``"span:KG:Asia/Bishkek"``, ``"rest:YE"``, ``"best"``, ...) so what was drawn can be checked.

Labels come in English, Russian (``locale="ru"``: country names from kix's CLDR names, chart words
translated here) and Arabic (``locale="ar"``). Arabic needs matplotlib 3.11 or later, which shapes and
orders right-to-left text itself (through libraqm): the text is passed in logical order, never
pre-shaped. With an older matplotlib, ``locale="ar"`` raises ``RuntimeError`` rather than draw
disconnected letters.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
import typing as _t

try:
    import matplotlib
    import matplotlib.axes
    import matplotlib.patches
    import matplotlib.ticker
except ImportError as _missing:  # pragma: no cover - exercised without matplotlib
    raise ImportError(
        "kix.plot needs matplotlib, an optional dependency: pip install 'kix[plot]'"
    ) from _missing

import kix

__all__ = ["attendance", "comfort", "local_times", "registrations", "series", "slots"]

_Rect = matplotlib.patches.Rectangle
_TAB10 = [matplotlib.colors.to_hex(c) for c in matplotlib.color_sequences["tab10"]]
BLUE, ORANGE, GREEN, RED, PURPLE, BROWN, PINK, GREY, OLIVE, CYAN = _TAB10
"""matplotlib's tab10 colours; no chart tells two things apart by red against green alone."""

STATUS_COLOURS = {"confirmed": BLUE, "pending": OLIVE, "waitlisted": ORANGE, "rejected": GREY}
ATTENDANCE_COLOURS = {"attended": BLUE, "no_show": GREY, "walk_in": ORANGE}

# The slot finder's comfort bands (docs/time.md): shoulders two hours before and three hours after
# the working day; outside them is night, scored 0. The chart hatches that night.
SHOULDER_BEFORE, SHOULDER_AFTER = 2, 3

_WORDS: _t.Dict[str, _t.Dict[str, str]] = {
    "en": {
        "local_title": "{title}: local times in member countries",
        "local_x": "Local time (hours)",
        "working": "working hours",
        "night": "night",
        "event_in": "the event, within working hours",
        "event_out": "the event, outside working hours",
        "rest": "rest day",
        "next_day": "next day",
        "previous_day": "previous day",
        "slots_title": "Comfort of a {minutes}-minute start for the worst-off zone",
        "utc_x": "Start time (UTC)",
        "organiser_x": "Start time, {city} ({offset})",
        "day": "Day (UTC)",
        "comfort": "Comfort (worst zone; 1 core hours, 0.75 working hours, 0.35 shoulders, 0 night or rest day)",
        "best": "best slot: {start} UTC",
        "registrations_title": "Registrations by {by}",
        "attendance_title": "Attendance by {by}",
        "people": "People",
        "registrations_y": "Registrations",
        "series_title": "{title}: start of each occurrence in local time",
        "series_x": "Occurrence (organiser's date)",
        "series_y": "Local start (hours)",
        "dst": "clocks change",
        "organiser": "organiser",
        "unknown": "unknown",
        "sub_region": "sub-region",
        "country": "country",
        "audience": "audience",
        "status": "status",
        "confirmed": "confirmed",
        "pending": "pending",
        "waitlisted": "waitlisted",
        "rejected": "rejected",
        "attended": "attended",
        "no_show": "no-show",
        "walk_in": "walk-in",
    },
    "ru": {
        "local_title": "{title}: местное время в странах-участницах",
        "local_x": "Местное время (часы)",
        "working": "рабочее время",
        "night": "ночь",
        "event_in": "мероприятие в рабочее время",
        "event_out": "мероприятие вне рабочего времени",
        "rest": "выходной",
        "next_day": "следующий день",
        "previous_day": "предыдущий день",
        "slots_title": "Удобство начала ({minutes} мин) для самого неудобного пояса",
        "utc_x": "Время начала (UTC)",
        "organiser_x": "Время начала, {city} ({offset})",
        "day": "День (UTC)",
        "comfort": (
            "Удобство (худший пояс; 1 основные часы, 0,75 рабочие, 0,35 пограничные, 0 ночь или выходной)"
        ),
        "best": "лучшее время: {start} UTC",
        "registrations_title": "Регистрации: {by}",
        "attendance_title": "Посещаемость: {by}",
        "people": "Человек",
        "registrations_y": "Регистраций",
        "series_title": "{title}: начало каждого занятия по местному времени",
        "series_x": "Занятие (дата организатора)",
        "series_y": "Местное время начала (часы)",
        "dst": "перевод часов",
        "organiser": "организатор",
        "unknown": "не указано",
        "sub_region": "по субрегионам",
        "country": "по странам",
        "audience": "по аудитории",
        "status": "по статусу",
        "confirmed": "подтверждено",
        "pending": "на рассмотрении",
        "waitlisted": "в листе ожидания",
        "rejected": "отклонено",
        "attended": "присутствовали",
        "no_show": "не пришли",
        "walk_in": "без регистрации",
    },
    "ar": {
        "local_title": "{title}: التوقيت المحلي في البلدان الأعضاء",
        "local_x": "التوقيت المحلي (بالساعات)",
        "working": "ساعات العمل",
        "night": "الليل",
        "event_in": "الفعالية ضمن ساعات العمل",
        "event_out": "الفعالية خارج ساعات العمل",
        "rest": "يوم عطلة",
        "next_day": "اليوم التالي",
        "previous_day": "اليوم السابق",
        "slots_title": "ملاءمة بدء مدته {minutes} دقيقة للمنطقة الأقل ملاءمة",
        "utc_x": "وقت البدء (UTC)",
        "organiser_x": "وقت البدء، {city} ({offset})",
        "day": "اليوم (UTC)",
        "comfort": "الملاءمة (أسوأ منطقة زمنية)",
        "best": "أفضل موعد: {start} UTC",
        "registrations_title": "التسجيلات حسب {by}",
        "attendance_title": "الحضور حسب {by}",
        "people": "الأشخاص",
        "registrations_y": "التسجيلات",
        "series_title": "{title}: بدء كل جلسة بالتوقيت المحلي",
        "series_x": "الجلسة (تاريخ المنظم)",
        "series_y": "وقت البدء المحلي (بالساعات)",
        "dst": "تغيير الساعة",
        "organiser": "المنظم",
        "unknown": "غير محدد",
        "sub_region": "المنطقة الفرعية",
        "country": "البلد",
        "audience": "الجمهور",
        "status": "الحالة",
        "confirmed": "مؤكد",
        "pending": "قيد المراجعة",
        "waitlisted": "قائمة الانتظار",
        "rejected": "مرفوض",
        "attended": "حضروا",
        "no_show": "لم يحضروا",
        "walk_in": "دون تسجيل",
    },
}

# The hub's sub-regions in the chart languages (the hub names them in English only).
_SUB_REGIONS = {
    "ru": {
        "central-asia-mongolia": "Центральная Азия и Монголия",
        "southeast-asia-pacific": "Юго-Восточная Азия и Тихий океан",
        "south-asia": "Южная Азия",
        "europe": "Европа",
    },
    "ar": {
        "central-asia-mongolia": "آسيا الوسطى ومنغوليا",
        "southeast-asia-pacific": "جنوب شرق آسيا والمحيط الهادئ",
        "south-asia": "جنوب آسيا",
        "europe": "أوروبا",
    },
}

_WEEKDAYS = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "ru": ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
}


def _language(locale: str) -> str:
    """The chart language of a BCP 47 locale (``"ru-KG"`` is ``"ru"``); English for one not shipped."""
    language = locale.replace("_", "-").split("-")[0].lower()
    if language == "ar" and matplotlib.__version_info__ < (3, 11):
        raise RuntimeError(
            "Arabic labels need matplotlib 3.11 or later, which shapes and orders right-to-left text; "
            f"this is matplotlib {matplotlib.__version__}: upgrade it or use locale='en' or 'ru'"
        )
    return language if language in _WORDS else "en"


def _words(locale: str) -> _t.Dict[str, str]:
    return _WORDS[_language(locale)]


def _axes(ax: _t.Optional[matplotlib.axes.Axes], size: _t.Tuple[float, float]) -> matplotlib.axes.Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _hours(t: _dt.datetime) -> float:
    """A wall-clock time of day as hours (the datetime is kix's, in its zone)."""
    return t.hour + t.minute / 60 + t.second / 3600


def _hub_dict(hub: kix.Hub) -> _t.Dict[str, _t.Any]:
    return hub.to_dict()


def _sub_region_names(hub: kix.Hub, locale: str) -> _t.Dict[str, str]:
    names = {s["id"]: s["name"] for s in _hub_dict(hub)["sub_regions"]}
    names.update(_SUB_REGIONS.get(_language(locale), {}))
    return names


def _country_order(hub: kix.Hub) -> _t.List[str]:
    """Member codes in the hub's sub-region order, then the members of no sub-region."""
    order: _t.List[str] = []
    for s in _hub_dict(hub)["sub_regions"]:
        order += [c for c in s["countries"] if c not in order]
    return order + [c.code for c in hub.countries if c.code not in order]


def _country_label(code: _t.Optional[str], locale: str) -> str:
    if code is None:
        return _words(locale)["unknown"]
    return kix.country_name(code, locale) or code


def _codes(hub: kix.Hub, countries: _t.Optional[_t.Iterable[_t.Union[str, kix.Country]]]) -> _t.Optional[_t.List[str]]:
    if countries is None:
        return None
    return [hub.country(c).code for c in countries]


def _zone_city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def local_times(
    event: kix.Event,
    countries: _t.Optional[_t.Iterable[_t.Union[str, kix.Country]]] = None,
    *,
    hub: _t.Optional[kix.Hub] = None,
    working_hours: _t.Optional[_t.Tuple[int, int]] = None,
    locale: str = "en",
    ax: _t.Optional[matplotlib.axes.Axes] = None,
) -> matplotlib.axes.Axes:
    """The picture of ``event.local_times()``: one band per country over its local day (0-24 h), in the
    hub's sub-region order, a lane per zone for a country with several. On each: working hours shaded,
    the night hatched (outside the slot finder's shoulders), the event's span (blue within working
    hours, orange outside) with its local times, a rest day (purple band, "rest day") and a local date
    other than the organiser's ("next day") marked. ``countries`` (codes or names) picks members of the
    event; ``locale`` writes country names (kix's CLDR names) and labels in that language."""
    hub = hub if hub is not None else kix.emap()
    words = _words(locale)
    table = event.local_times(hub, working_hours, locale=locale)
    rows = table.rows
    start_h, end_h = working_hours if working_hours is not None else (8, 18)
    wanted = _codes(hub, countries)
    present = [r["country"] for r in rows]
    if wanted is not None:
        missing = [c for c in wanted if c not in present]
        if missing:
            raise ValueError(f"{', '.join(missing)} not among the event's countries ({event.id})")
    order = [c for c in _country_order(hub) if c in present and (wanted is None or c in wanted)]
    order += [c for c in dict.fromkeys(present) if c not in order and (wanted is None or c in wanted)]
    by_country: _t.Dict[str, _t.List[_t.Dict[str, _t.Any]]] = {}
    for r in rows:
        by_country.setdefault(r["country"], []).append(r)
    sub_region = {c.code: c.sub_region for c in hub.countries}
    region_names = _sub_region_names(hub, locale)

    ax = _axes(ax, (11, 0.42 * len(order) + 2.2))
    y, ticks, labels = 0.0, [], []
    previous_region: _t.Optional[str] = "-"
    for code in order:
        region = sub_region.get(code)
        if region != previous_region:
            if previous_region != "-":
                y += 0.5
            # Plain weight and style: DejaVu's bold and oblique faces have no Arabic letters.
            ax.text(0.1, -y + 0.55, region_names.get(region, "") if region else "", fontsize=8,
                    color="dimgray", va="bottom", gid=f"region:{region}")
            previous_region = region
        band_rows = by_country[code]
        top, height = -y + 0.4, 0.8
        rest = any(r["rest_day"] for r in band_rows)
        ax.add_patch(_Rect((0, top - height), 24, height, facecolor=PURPLE if rest else "white",
                               alpha=0.18 if rest else 1.0, edgecolor="lightgray", gid=f"band:{code}"))
        ax.add_patch(_Rect((start_h, top - height), end_h - start_h, height, facecolor=GREEN, alpha=0.15,
                               edgecolor="none", gid=f"working:{code}"))
        for n0, n1 in ((0, start_h - SHOULDER_BEFORE), (end_h + SHOULDER_AFTER, 24)):
            ax.add_patch(_Rect((n0, top - height), n1 - n0, height, facecolor="none", hatch="///",
                                   edgecolor="silver", linewidth=0, gid=f"night:{code}"))
        lane = height / len(band_rows)
        for i, r in enumerate(band_rows):
            lane_top = top - i * lane
            colour = BLUE if r["within_working_hours"] else ORANGE
            s, e = r["local_start"], r["local_end"]
            pieces = [(_hours(s), _hours(e))] if e.date() == s.date() else [(_hours(s), 24.0), (0.0, _hours(e))]
            for j, (x0, x1) in enumerate(pieces):
                ax.add_patch(_Rect((x0, lane_top - lane * 0.85), x1 - x0, lane * 0.7, facecolor=colour,
                                       edgecolor="black", linewidth=0.5,
                                       gid=f"span:{code}:{r['zone']}" + ("" if j == 0 else ":after-midnight")))
            note = f"{s:%H:%M}–{e:%H:%M} UTC{r['utc_offset'] if locale == 'en' else ''}"
            if locale != "en" and r.get("utc_offset_text"):
                note = f"{s:%H:%M}–{e:%H:%M} {r['utc_offset_text']}"
            if len(band_rows) > 1:
                note += f" {_zone_city(r['zone'])}"
            right = pieces[0][1]
            x_text, align = (right + 0.15, "left") if right < 17 else (pieces[0][0] - 0.15, "right")
            ax.text(x_text, lane_top - lane / 2, note, fontsize=7 if len(band_rows) > 1 else 8, va="center",
                    ha=align, gid=f"note:{code}:{r['zone']}")
            if r["day_shift"]:
                shift = words["next_day"] if r["day_shift"] > 0 else words["previous_day"]
                ax.text(23.9, lane_top - lane / 2, f"{r['day_shift']:+d} · {shift}", fontsize=7, ha="right",
                        va="center", gid=f"dayshift:{code}:{r['zone']}")
        if rest:
            ax.text(0.15, top - height / 2, words["rest"], fontsize=8, color=PURPLE,
                    va="center", gid=f"rest:{code}")
        name = band_rows[0].get("country_name") or _country_label(code, locale)
        ticks.append(top - height / 2)
        labels.append(name)
        y += 1.0

    listing = event.listing(_language(locale), [], hub=hub)
    ax.set_xlim(0, 24)
    ax.set_ylim(-y + 0.2, 1.1)
    ax.set_xticks(range(0, 25, 2))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{int(v):02d}:00"))
    ax.set_yticks(ticks, labels)
    ax.set_xlabel(words["local_x"])
    ax.set_title(words["local_title"].format(title=event.title) + f"\n{listing['date_text']} · {listing['time_text']}",
                 fontsize=10)
    handles = [
        _Rect((0, 0), 1, 1, facecolor=GREEN, alpha=0.15, label=words["working"]),
        _Rect((0, 0), 1, 1, facecolor="white", hatch="///", edgecolor="silver", label=words["night"]),
        _Rect((0, 0), 1, 1, facecolor=BLUE, edgecolor="black", label=words["event_in"]),
        _Rect((0, 0), 1, 1, facecolor=ORANGE, edgecolor="black", label=words["event_out"]),
        _Rect((0, 0), 1, 1, facecolor=PURPLE, alpha=0.18, label=words["rest"]),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(len(order), 1) - 0.06),
              ncol=5, fontsize=8, frameon=False)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


def _slot_minutes(found: _t.Sequence[kix.Slot]) -> _t.Tuple[int, int]:
    """The granularity (the smallest step between starts) and duration of the slots, in minutes."""
    starts = sorted({s.start_utc for s in found})
    steps = [int((b - a).total_seconds() // 60) for a, b in zip(starts, starts[1:])]
    step = min([s for s in steps if s > 0], default=15)
    duration = int((found[0].end_utc - found[0].start_utc).total_seconds() // 60)
    return step, duration


def _clock(hours: float) -> str:
    """Hours as a time of day, ``HH:MM`` (25.5 is 01:30)."""
    minutes = int(round(hours * 60))
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _offset_text(offset: _t.Optional[_dt.timedelta]) -> str:
    minutes = int((offset or _dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def slots(
    found: _t.Sequence[kix.Slot],
    *,
    zone: _t.Optional[str] = None,
    locale: str = "en",
    ax: _t.Optional[matplotlib.axes.Axes] = None,
) -> matplotlib.axes.Axes:
    """A heatmap of the slot finder's comfort score (the worst zone's, the ranking key) by UTC day and
    start time, the organiser's zone (``zone``, default the embedded hub's home zone) on the top axis,
    the first slot of ``found`` (the best, as ``find_slots`` ranks them) outlined over its duration.
    Cells of starts ``found`` does not hold stay blank: pass ``top`` large enough for every start
    (``comfort`` does)."""
    if not found:
        raise ValueError("no slots to draw")
    import numpy as np

    words = _words(locale)
    zone = zone if zone is not None else str(kix.emap().to_dict()["home_zone"])
    step, duration = _slot_minutes(found)
    days = sorted({s.start_utc.date() for s in found})
    row_of = {d: i for i, d in enumerate(days)}
    per_day = 24 * 60 // step
    grid = np.full((len(days), per_day), np.nan)
    for s in found:
        t = s.start_utc
        grid[row_of[t.date()], (t.hour * 60 + t.minute) // step] = s.min_score

    ax = _axes(ax, (12, 0.45 * len(days) + 2.6))
    mesh = ax.pcolormesh(np.linspace(0, 24, per_day + 1), np.arange(len(days) + 1), grid, cmap="viridis",
                         vmin=0, vmax=1, shading="flat")
    mesh.set_gid("comfort")
    ax.figure.colorbar(mesh, ax=ax, label=words["comfort"], pad=0.08, fraction=0.04)
    best = found[0].start_utc
    x0, row = _hours(best), row_of[best.date()]
    ax.add_patch(_Rect((x0, row), duration / 60, 1, facecolor="none", edgecolor=ORANGE, linewidth=2.5,
                           gid="best"))
    ax.plot([x0 + step / 120], [row + 0.5], marker="*", color=ORANGE, markersize=14, markeredgecolor="black",
            linestyle="none", label=words["best"].format(start=f"{best:%Y-%m-%d %H:%M}"), gid="best-start")
    ax.set_xlim(0, 24)
    ax.set_ylim(len(days), 0)
    ax.set_xticks(range(0, 25, 2))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{int(v) % 24:02d}:00"))
    weekdays = _WEEKDAYS.get(_language(locale), _WEEKDAYS["en"])
    ax.set_yticks([i + 0.5 for i in range(len(days))], [f"{weekdays[d.weekday()]} {d.isoformat()}" for d in days])
    ax.set_xlabel(words["utc_x"])
    ax.set_ylabel(words["day"])
    # The organiser's offset from kix at noon UTC of each day: the first day's on the top axis, a day on
    # another offset labelled on the right.
    offsets = [kix.to_local(_dt.datetime.combine(d, _dt.time(12), _dt.timezone.utc), zone).utcoffset() for d in days]
    first = offsets[0] or _dt.timedelta()
    hours = first.total_seconds() / 3600
    def to_organiser(x: _t.Any) -> _t.Any:
        return x + hours

    def to_utc(x: _t.Any) -> _t.Any:
        return x - hours

    top = ax.secondary_xaxis("top", functions=(to_organiser, to_utc))
    top.set_xticks([h + hours for h in range(0, 25, 2)])
    top.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _clock(v)))
    top.set_xlabel(words["organiser_x"].format(city=zone, offset=_offset_text(first)))
    for i, off in enumerate(offsets):
        if off != first:
            ax.text(24.1, i + 0.5, _offset_text(off), fontsize=7, va="center",
                    gid=f"offset:{days[i].isoformat()}", clip_on=False)
    ax.set_title(words["slots_title"].format(minutes=duration))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14 - 0.3 / max(len(days), 1)), frameon=False, fontsize=8)
    return ax


def comfort(
    hub: kix.Hub,
    countries: _t.Optional[_t.Iterable[_t.Union[str, kix.Country]]],
    start: _t.Union[_dt.date, str],
    end: _t.Union[_dt.date, str],
    *,
    duration_minutes: int = 90,
    granularity_minutes: int = 15,
    working_hours: _t.Optional[_t.Tuple[int, int]] = None,
    locale: str = "en",
    ax: _t.Optional[matplotlib.axes.Axes] = None,
) -> matplotlib.axes.Axes:
    """``slots`` of every start ``find_slots`` scores from ``start`` to ``end`` (days in the hub's home
    zone) for the countries' zones (every member when None), the organiser's zone the hub's home zone."""
    first = _dt.date.fromisoformat(start) if isinstance(start, str) else start
    last = _dt.date.fromisoformat(end) if isinstance(end, str) else end
    every = ((last - first).days + 2) * (24 * 60 // granularity_minutes)
    found = kix.find_slots(hub, countries, start=first, end=last, duration_minutes=duration_minutes,
                           working_hours=working_hours, granularity_minutes=granularity_minutes, top=every)
    return slots(list(found), zone=str(_hub_dict(hub)["home_zone"]), locale=locale, ax=ax)


def _stacked(
    ax: matplotlib.axes.Axes,
    groups: _t.List[_t.Optional[str]],
    parts: _t.List[str],
    heights: _t.Dict[str, _t.List[int]],
    colours: _t.Dict[str, str],
    labels: _t.List[str],
    words: _t.Dict[str, str],
) -> None:
    bottom = [0] * len(groups)
    xs = list(range(len(groups)))
    for part in parts:
        values = heights[part]
        bars = ax.bar(xs, values, bottom=bottom, color=colours[part], label=words.get(part, part),
                      edgecolor="white", gid=f"bars:{part}")
        for bar, v in zip(bars, values):
            bar.set_gid(f"bar:{part}")
            if v:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + v / 2, str(v), ha="center", va="center",
                        fontsize=8, color="white" if part != "no_show" and part != "rejected" else "black")
        bottom = [b + v for b, v in zip(bottom, values)]
    many = len(groups) > 6
    ax.set_xticks(xs, [textwrap.fill(label, 14) for label in labels], rotation=30 if many else 0,
                  ha="right" if many else "center", fontsize=8 if many else 9)
    ax.set_ylim(0, max(bottom + [1]) * 1.15)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _group_label(by: str, key: _t.Optional[str], hub: kix.Hub, locale: str) -> str:
    words = _words(locale)
    if key is None:
        return words["unknown"]
    if by == "country":
        return _country_label(key, locale)
    if by == "sub_region":
        return _sub_region_names(hub, locale).get(key, key)
    if by == "status":
        return words.get(key, key)
    return key.replace("_", " ")


def _ordered(by: str, groups: _t.Iterable[_t.Optional[str]], hub: kix.Hub) -> _t.List[_t.Optional[str]]:
    """Groups in the hub's order (sub-regions, countries), the others as kix gave them, unknown last."""
    given = list(dict.fromkeys(groups))
    if by == "country":
        order: _t.List[_t.Optional[str]] = list(_country_order(hub))
    elif by == "sub_region":
        order = [s["id"] for s in _hub_dict(hub)["sub_regions"]]
    elif by == "status":
        order = list(STATUS_COLOURS)
    else:
        order = []
    known = [g for g in order if g in given]
    return known + [g for g in given if g not in known and g is not None] + ([None] if None in given else [])


def _none(value: _t.Any) -> _t.Optional[str]:
    return None if value is None or value != value else str(value)  # NaN from pandas is missing


def registrations(
    outcomes: kix.RegistrationOutcomes,
    by: str = "sub_region",
    *,
    hub: _t.Optional[kix.Hub] = None,
    locale: str = "en",
    ax: _t.Optional[matplotlib.axes.Axes] = None,
) -> matplotlib.axes.Axes:
    """Stacked bars of registrations per ``by`` group (``"sub_region"``, ``"country"``, ``"audience"``,
    ``"status"``, or another key ``counts`` takes), split into confirmed, pending (when any),
    waitlisted and rejected, with the counts of ``outcomes.counts(by=(by, "status"))``."""
    hub = hub if hub is not None else kix.emap()
    words = _words(locale)
    heights: _t.Dict[str, _t.Dict[_t.Optional[str], int]] = {s: {} for s in STATUS_COLOURS}
    if by == "status":
        for status, n in outcomes.counts().items():
            heights.setdefault(status, {})[status] = int(n)
        groups = _ordered(by, [s for s, n in outcomes.counts().items()], hub)
    else:
        frame = outcomes.counts(by=(by, "status"))
        keys = [_none(k) for k in frame[by]]
        for key, status, n in zip(keys, frame["status"], frame["registrations"]):
            heights.setdefault(str(status), {})[key] = int(n)
        groups = _ordered(by, keys, hub)
    parts = [s for s in heights if s != "pending" or heights[s]]
    ax = _axes(ax, (max(6.0, 0.7 * len(groups) + 3), 4.5))
    _stacked(ax, groups, parts, {p: [heights[p].get(g, 0) for g in groups] for p in parts},
             {**STATUS_COLOURS, **{p: GREY for p in parts if p not in STATUS_COLOURS}},
             [_group_label(by, g, hub, locale) for g in groups], words)
    ax.set_title(words["registrations_title"].format(by=words.get(by, by)))
    ax.set_ylabel(words["registrations_y"])
    return ax


def attendance(
    attended: kix.Attendance,
    by: str = "sub_region",
    *,
    hub: _t.Optional[kix.Hub] = None,
    locale: str = "en",
    ax: _t.Optional[matplotlib.axes.Axes] = None,
) -> matplotlib.axes.Axes:
    """Stacked bars of people who attended, did not show or walked in, per ``by`` (``"sub_region"``,
    ``"country"`` or ``"status"``), from ``attended.counts`` (kix's counts per country with its
    sub-region, summed per sub-region here). Attendance is not kept per audience."""
    if by not in ("sub_region", "country", "status"):
        raise ValueError(f"attendance is counted by 'sub_region', 'country' or 'status', not {by!r}")
    hub = hub if hub is not None else kix.emap()
    words = _words(locale)
    parts = list(ATTENDANCE_COLOURS)
    heights: _t.Dict[str, _t.Dict[_t.Optional[str], int]] = {p: {} for p in parts}
    for row in attended.counts.to_records():
        for p in parts:
            key = p if by == "status" else _none(row[by])
            heights[p][key] = heights[p].get(key, 0) + int(row[p])
    if by == "status":
        groups: _t.List[_t.Optional[str]] = list(parts)
        heights = {p: {p: heights[p].get(p, 0)} for p in parts}
    else:
        groups = _ordered(by, [g for p in parts for g in heights[p]], hub)
    labels = [words.get(g, g) if by == "status" and g else _group_label(by, g, hub, locale) for g in groups]
    ax = _axes(ax, (max(6.0, 0.7 * len(groups) + 3), 4.5))
    _stacked(ax, groups, parts, {p: [heights[p].get(g, 0) for g in groups] for p in parts}, ATTENDANCE_COLOURS,
             labels, words)
    ax.set_title(words["attendance_title"].format(by=words.get(by, by)))
    ax.set_ylabel(words["people"])
    return ax


def series(
    event: kix.Event,
    countries: _t.Optional[_t.Iterable[_t.Union[str, kix.Country]]] = None,
    *,
    hub: _t.Optional[kix.Hub] = None,
    locale: str = "en",
    ax: _t.Optional[matplotlib.axes.Axes] = None,
) -> matplotlib.axes.Axes:
    """A series' occurrences on a timeline: the local start of each occurrence in the organiser's zone
    (black) and in each country's first zone (one line each, from ``event.occurrence_local_times``),
    over working hours (shaded) and night (hatched); a dotted line between two occurrences where a
    zone's UTC offset changes (a DST change that moves the local time), naming the zones; moved
    occurrences drawn hollow. ``countries`` defaults to every country of the event."""
    hub = hub if hub is not None else kix.emap()
    words = _words(locale)
    occurrences = event.occurrences()
    tables = event.occurrence_local_times(hub, locale=locale)
    wanted = _codes(hub, countries)
    present = [r["country"] for r in tables[0].rows]
    order = [c for c in _country_order(hub) if c in present and (wanted is None or c in wanted)]
    first_rows: _t.List[_t.Dict[str, _t.Dict[str, _t.Any]]] = []
    for table in tables:
        rows: _t.Dict[str, _t.Dict[str, _t.Any]] = {}
        for r in table.rows:
            rows.setdefault(r["country"], r)
        first_rows.append(rows)
    xs = list(range(len(occurrences)))

    ax = _axes(ax, (max(7.0, 0.8 * len(xs) + 4), 6))
    ax.axhspan(8, 18, color=GREEN, alpha=0.12, label=words["working"])
    for lo, hi in ((0, 8 - SHOULDER_BEFORE), (18 + SHOULDER_AFTER, 24)):
        ax.axhspan(lo, hi, facecolor="none", hatch="///", edgecolor="silver", linewidth=0)
    ax.axhspan(0, 0, facecolor="none", hatch="///", edgecolor="silver", label=words["night"])
    organiser = [_hours(o["start"]) for o in occurrences]
    ax.plot(xs, organiser, color="black", linewidth=2.5, marker="o",
            label=f"{words['organiser']}: {event.zone}", gid=f"line:organiser:{event.zone}")
    colours = [c for c in _TAB10 if c not in (GREEN, GREY, PURPLE)]
    for i, code in enumerate(order):
        ys = [_hours(rows[code]["local_start"]) for rows in first_rows]
        name = first_rows[0][code].get("country_name") or _country_label(code, locale)
        ax.plot(xs, ys, color=colours[i % len(colours)], marker="o", markersize=4, linewidth=1.2,
                linestyle=("-", "--", ":")[(i // len(colours)) % 3], label=name, gid=f"line:{code}")
    for x, o in zip(xs, occurrences):
        if o.get("moved"):
            ax.plot([x], [organiser[x]], marker="o", markersize=12, markerfacecolor="none", color=RED,
                    linestyle="none", gid=f"moved:{x}")
    # Offsets from kix: the organiser's (its aware start) and every shown zone's (utc_offset).
    for x in xs[1:]:
        changed = []
        if occurrences[x]["start"].utcoffset() != occurrences[x - 1]["start"].utcoffset():
            changed.append(_zone_city(event.zone))
        for code in order:
            before, after = first_rows[x - 1][code], first_rows[x][code]
            if before["utc_offset"] != after["utc_offset"]:
                changed.append(_zone_city(after["zone"]))
        if changed:
            ax.axvline(x - 0.5, color=PURPLE, linestyle=":", linewidth=2, gid=f"dst:{x}")
            ax.text(x - 0.45, 23.5, f"{words['dst']}: {', '.join(changed)}", color=PURPLE, fontsize=8, va="top",
                    gid=f"dst-note:{x}")
    ax.set_xticks(xs, [f"{o['start']:%Y-%m-%d}" for o in occurrences], rotation=30, ha="right")
    ax.set_ylim(0, 24)
    ax.set_yticks(range(0, 25, 3))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{int(v):02d}:00"))
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_xlabel(words["series_x"])
    ax.set_ylabel(words["series_y"])
    ax.set_title(words["series_title"].format(title=event.title), fontsize=10)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return ax
