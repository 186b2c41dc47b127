"""Training-log benchmark: the dashboard over 10 years of daily running, and `runwell import`.

Prints figures; asserts nothing about speed.
1. The dashboard (/training/) and the report endpoint for a runner with 3,650 runs (one a
   day for 10 years, shoes changed every ~650 km, a pain diary): server time in-process
   through Django's test client (median and best wall time, and CPU time), and the
   number of queries.
2. `runwell import --json` over the importers' synthetic Strava export (bench/fit_export.py:
   activities.csv and N one-hour 1 Hz runs as .fit.gz), run as the command in its own data
   folder: files, MB, seconds, files per second.
Run: python bench/training.py [N_EXPORT_RUNS]   (default 500)
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RUNWELL_DATA_DIR", tempfile.mkdtemp(prefix="rw-bench-training-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")

from runwell.config import prepare_data_dir  # noqa: E402

prepare_data_dir()

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.speedkit.queries import statements  # noqa: E402
from bench.speedkit.scratch import scratch_database  # noqa: E402

SURFACES = ("road", "road", "road", "trail", "track", "treadmill", "")


def ten_years_of_running(user_id: int, as_of: date) -> None:
    from runwell.training.models import Activity, PainEntry, Shoe

    rng = random.Random(3)
    first = as_of - timedelta(days=3649)
    shoes: list[Shoe] = []
    rows = []
    worn = 0.0
    for k in range(3650):
        day = first + timedelta(days=k)
        if not shoes or worn > 650_000:
            shoes.append(Shoe.objects.create(user_id=user_id, name=f"Pair {len(shoes) + 1}",
                                             retired=bool(shoes)))  # fmt: skip
            worn = 0.0
        km = rng.choice((5, 6, 8, 10, 12)) + (12 if day.weekday() == 6 else 0)
        worn += km * 1000
        start = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=7)
        rows.append(Activity(user_id=user_id, sport="running", start_time=start, local_date=day,
                             distance_m=km * 1000.0, elapsed_s=km * 330.0, moving_s=km * 320.0,
                             surface=rng.choice(SURFACES), shoe=shoes[-1], source_format="fit",
                             fingerprint=f"{k:064x}"))  # fmt: skip
    Activity.objects.bulk_create(rows, batch_size=500)
    pain = [
        PainEntry(user_id=user_id, date=first + timedelta(days=d + j), region="lower_back",
                  score=rng.choice((2, 3, 4, 5)), timing="after_run")
        for d in range(30, 3650, 97) for j in range(3)
    ]  # fmt: skip
    PainEntry.objects.bulk_create(pain)


def timed_request(client: object, url: str, repeat: int) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    client.get(url)  # warm: templates compiled, connection open
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, response.status_code
    count = statements(lambda: client.get(url))
    print(
        f"{url:<28} wall median {statistics.median(walls):6.1f} ms, best {min(walls):6.1f} ms; "
        f"CPU median {statistics.median(cpus):6.1f} ms; {count} queries"
    )


def dashboard_bench(repeat: int = 25) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    with scratch_database():
        user = User.objects.create_user("bench")
        ten_years_of_running(user.pk, timezone.localdate())
        client = Client()
        client.force_login(user)
        print(f"database: {connection.vendor}; 3,650 runs over 10 years; median of {repeat}")
        timed_request(client, "/training/", repeat)
        timed_request(client, "/api/v1/training/report", repeat)
        timed_request(client, "/training/log/", repeat)


def strava_export(path: Path, runs: int) -> int:
    """The importers' synthetic Strava export (bench/fit_export.py); its size in bytes."""
    from fit_export import write_export

    write_export(path, runs)
    return path.stat().st_size


def import_bench(runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="rw-bench-import-"))
    export = work / "export_1.zip"
    started = time.perf_counter()
    size = strava_export(export, runs)
    print(f"\ngenerated {export.name}: {runs} runs, {size / 1e6:.1f} MB "
          f"(in {time.perf_counter() - started:.1f} s)")  # fmt: skip
    env = {**os.environ, "RUNWELL_DATA_DIR": str(work / "data")}
    env.pop("DATABASE_URL", None)
    runwell = [sys.executable, "-m", "runwell"]
    subprocess.run([*runwell, "migrate", "-v0"], env=env, check=True)
    make_user = "from django.contrib.auth.models import User; User.objects.create_user('bench')"
    subprocess.run([*runwell, "shell", "-c", make_user], env=env, check=True)
    cpu_before = os.times()
    started = time.perf_counter()
    done = subprocess.run([*runwell, "import", "--user", "bench", "--json", str(export)],
                          env=env, check=True, capture_output=True)  # fmt: skip
    seconds = time.perf_counter() - started
    cpu = os.times()
    child_cpu = (cpu.children_user - cpu_before.children_user) + (
        cpu.children_system - cpu_before.children_system
    )
    lines = done.stdout.decode().splitlines()
    imported = sum('"status": "imported"' in line for line in lines)
    print(
        f"runwell import --json: {len(lines)} lines, {imported} imported in {seconds:.1f} s "
        f"({runs / seconds:.1f} files/s, {size / 1e6 / seconds:.1f} MB/s compressed; "
        f"CPU {child_cpu:.1f} s over both cores)"
    )
    again = time.perf_counter()
    subprocess.run([*runwell, "import", "--user", "bench", "--json", str(export)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    print(f"the same export again (all duplicates): {time.perf_counter() - again:.1f} s")


if __name__ == "__main__":
    dashboard_bench()
    import_bench(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
