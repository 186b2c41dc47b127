"""Load-maths benchmark: the whole training report over years of synthetic running.

Prints figures; asserts nothing about speed. Pure Python, no database: it times
runwell.training.report.build_report (load rules, shoes, pain episodes, insights) and the
JSON-ready dict, as the report endpoint and the dashboard call them. On a shared machine
the best wall time and the CPU time (the time the process actually ran) are the steadier
figures.
Run: python bench/load.py [REPEAT]
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from runwell.training.insights import PainEntry
from runwell.training.load import Activity, Shoe
from runwell.training.report import build_report

SURFACES = ("road", "road", "road", "track", "trail", "treadmill", "mixed")
OTHER_SPORTS = ("cycling", "walking", "hiking", "other")


def history(
    years: int, runs: int, seed: int = 12
) -> tuple[list[Activity], list[Shoe], list[PainEntry], dt.date]:
    """`runs` runs spread evenly over `years` years, a new pair every ~650 km, some pain."""
    rng = random.Random(seed)
    as_of = dt.date(2026, 11, 1)
    first = as_of - dt.timedelta(days=365 * years - 1)
    span = (as_of - first).days + 1
    activities: list[Activity] = []
    shoes: list[Shoe] = [Shoe(1, "Pair 1")]
    on_shoe = 0.0
    for k in range(runs):
        date = first + dt.timedelta(days=k * span // runs)
        distance = max(1000.0, rng.gauss(9000, 4000)) * (2.0 if rng.random() < 0.03 else 1.0)
        if on_shoe > 650_000:
            shoes.append(Shoe(len(shoes) + 1, f"Pair {len(shoes) + 1}", limit_m=700_000))
            on_shoe = 0.0
        on_shoe += distance
        activities.append(
            Activity(
                k + 1,
                date,
                "running",
                round(distance, 1),
                distance / 2.9,
                rng.choice(SURFACES),
                shoes[-1].id,
            )
        )
        if rng.random() < 0.2:  # some cycling and walking beside it, which must not count
            activities.append(
                Activity(100_000 + k, date, rng.choice(OTHER_SPORTS), 20_000.0, 3600.0)
            )
    pain = [
        PainEntry(
            first + dt.timedelta(days=d), "lower_back", rng.choice((1, 2, 3, 4, 6)), "after_run"
        )
        for d in sorted(rng.sample(range(span), span // 12))
    ]
    return activities, shoes, pain, as_of


def timed(label: str, years: int, runs: int, repeat: int) -> None:
    activities, shoes, pain, as_of = history(years, runs)
    wall, cpu, encode = [], [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        report = build_report(activities, shoes, pain, as_of)
        middle, middle_cpu = time.perf_counter(), time.process_time()
        json.dumps(report.as_json())
        wall.append((middle - start) * 1000)
        cpu.append((middle_cpu - start_cpu) * 1000)
        encode.append((time.perf_counter() - middle) * 1000)
    print(
        f"{label:<34} wall median {statistics.median(wall):6.1f} ms, best {min(wall):6.1f} ms;"
        f" CPU median {statistics.median(cpu):6.1f} ms; + JSON {statistics.median(encode):4.1f} ms"
        f"  ({len(report.history.events)} events, {len(report.insights)} pain episodes)"
    )


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(f"Training report, pure Python {sys.version.split()[0]}, median of {repeat}:")
    timed("3,650 runs over 10 years (daily)", 10, 3650, repeat)
    timed("3,650 runs over 20 years", 20, 3650, repeat)
    timed("7,300 runs over 20 years (daily)", 20, 7300, repeat)


if __name__ == "__main__":
    main()
