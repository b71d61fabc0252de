"""kix against Python's zoneinfo, an implementation independent of kix and chrono-tz:
for every zone of every member country plus Europe/Zurich, every transition from 2020
to 2030 (the instants on both sides, and the gap or fold wall times under each
disambiguation), and 100k+ random instants from 1970 to 2100. Zero disagreements."""

import array
import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

import kix

UTC = dt.timezone.utc
ZONES = sorted({z for c in kix.emap().countries for z in c.time_zones} | {"Europe/Zurich"})


def transitions(zone, start=2020, end=2030):
    tz = ZoneInfo(zone)
    t = dt.datetime(start, 1, 1, tzinfo=UTC)
    stop = dt.datetime(end + 1, 1, 1, tzinfo=UTC)
    prev = t.astimezone(tz).utcoffset()
    while t < stop:
        n = t + dt.timedelta(hours=6)
        off = n.astimezone(tz).utcoffset()
        if off != prev:
            lo, hi = t, n
            while hi - lo > dt.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(tz).utcoffset() == prev:
                    lo = mid
                else:
                    hi = mid
            yield hi, prev, off
            prev = off
        t = n


def oracle(wall, zone, disambiguation):
    """What Temporal's disambiguation means, computed with zoneinfo's fold."""
    tz = ZoneInfo(zone)
    a, b = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    ua, ub = a.astimezone(UTC), b.astimezone(UTC)
    if ua == ub:
        return ua
    earlier, later = min(ua, ub), max(ua, ub)
    gap = a.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall
    if disambiguation == "reject":
        return "time.nonexistent_local_time" if gap else "time.ambiguous_local_time"
    if disambiguation == "earlier":
        return earlier
    if disambiguation == "later":
        return later
    return later if gap else earlier  # compatible


def kix_result(wall, zone, disambiguation):
    try:
        return kix.from_local(wall, zone, disambiguation).astimezone(UTC)
    except kix.TimeZoneError as e:
        return e.code


@pytest.mark.parametrize("zone", ZONES)
def test_every_transition_2020_to_2030(zone):
    tz = ZoneInfo(zone)
    checked = 0
    for at, before, after in transitions(zone):
        # The instants on both sides of the transition.
        for instant in (at - dt.timedelta(seconds=1), at, at + dt.timedelta(hours=1)):
            expected = instant.astimezone(tz)
            got = kix.to_local(instant, zone)
            assert got == expected and got.utcoffset() == expected.utcoffset(), (zone, instant)
        # The wall times in the gap or fold, and at its edges, under each disambiguation.
        edge = (at + min(before, after)).replace(tzinfo=None)
        width = abs(after - before)
        for wall in (edge - dt.timedelta(minutes=1), edge, edge + width / 2, edge + width - dt.timedelta(seconds=1), edge + width):
            for d in ("compatible", "earlier", "later", "reject"):
                assert kix_result(wall, zone, d) == oracle(wall, zone, d), (zone, wall, d)
                checked += 1
    assert checked == 0 or checked >= 20


def test_zones_with_transitions_are_covered():
    with_dst = [z for z in ZONES if any(True for _ in transitions(z))]
    assert {"Europe/Zurich", "Europe/Chisinau", "Europe/Tirane"} <= set(with_dst)


def test_random_instants_agree_in_every_zone():
    rng = random.Random(2024)
    n_per_zone = 100_000 // len(ZONES) + 1
    total = 0
    for zone in ZONES:
        tz = ZoneInfo(zone)
        # 1970 to 2100: the tz database vouches for times since 1970 only, and builds differ
        # before it (Asia/Aden's local mean time of 1912, say, in chrono-tz and in Debian's data).
        seconds = [rng.randrange(0, 4_102_444_800) for _ in range(n_per_zone)]
        local = kix.local_wall_seconds(array.array("q", seconds), zone)
        for s, l in zip(seconds, local):
            wall = dt.datetime.fromtimestamp(s, tz).replace(tzinfo=None)
            assert dt.datetime(1970, 1, 1) + dt.timedelta(seconds=l) == wall, (zone, s)
        # One by one through to_local too, for a sample.
        for s in seconds[:200]:
            instant = dt.datetime.fromtimestamp(s, UTC)
            assert kix.to_local(instant, zone) == instant.astimezone(tz), (zone, s)
        total += len(seconds)
    assert total >= 100_000
