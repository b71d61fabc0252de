"""Print the benchmark ratios from criterion's estimates (run `make bench` first)."""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def mean(group, name):
    path = root / group / name / "new" / "estimates.json"
    return json.loads(path.read_text())["mean"]["point_estimate"] / 1e9


ser = mean("registrations", "serde_json_deserialize_1m")
val = mean("registrations", "validate_batch_1m")
print(f"registrations: deserialize 1M {ser:.3f} s, validate 1M {val:.3f} s, ratio {val / ser:.2f} (target <= 1)")
bare = mean("local_times", "bare_chrono_tz_100k_events")
kix = mean("local_times", "kix_local_times_100k_events")
print(f"local times: bare chrono-tz {bare:.3f} s, kix table {kix:.3f} s, ratio {kix / bare:.2f} (target <= 1.2)")
times = {d: mean("slots", f"all_members/{d}") for d in (7, 14, 28)}
for d, t in times.items():
    print(f"slots: {d:>2} days {t * 1e3:8.2f} ms, {t / d * 1e3:.3f} ms per day")
