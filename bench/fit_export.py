"""A synthetic Strava bulk export: N one-hour runs recorded at 1 Hz, as .fit.gz in a ZIP.

Each run is a valid FIT activity file (file_id, device_info, timer events,
3,601 records with time, position, distance, altitude, speed, heart rate,
cadence and temperature, a lap, a session, an activity message and a correct
CRC), gzipped and stored under activities/ beside an activities.csv, as Strava
exports them. Runs differ by seed: start time, place, pace and heart rate.

Used by bench/imports.py; running this file alone writes nothing.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import random
import struct
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from runwell.training.importers.tests.fitbuilder import (
    ACTIVITY,
    EVENT,
    FILE_ID,
    LAP,
    RECORD,
    SESSION,
    FitWriter,
    fit_time,
    semicircles,
)

SECONDS = 3600
DEVICE_INFO = 23
RECORD_FIELDS = [
    (253, "I"),  # timestamp
    (0, "i"),  # position_lat
    (1, "i"),  # position_long
    (5, "I"),  # distance, cm
    (78, "I"),  # enhanced_altitude, (m + 500) * 5
    (73, "I"),  # enhanced_speed, mm/s
    (3, "B"),  # heart_rate
    (4, "B"),  # cadence
    (53, "B"),  # fractional_cadence
    (13, "b"),  # temperature
]
CSV_HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
]


def make_run(seed: int) -> tuple[bytes, dict[str, object]]:
    """One run's FIT bytes and what its CSV row says."""
    rng = random.Random(seed)
    start = datetime(2019, 1, 1, 6, tzinfo=UTC) + timedelta(days=seed, minutes=rng.randrange(600))
    t0 = fit_time(start)
    lat0, lon0 = 45.0 + rng.uniform(-1, 1), 14.0 + rng.uniform(-1, 1)
    pace = rng.uniform(2.6, 3.6)  # m/s
    hr0 = rng.randrange(135, 155)
    radius = pace * SECONDS / (2 * math.pi)  # one lap of a circle in an hour
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B"), (1, "H"), (2, "H"), (3, "I"), (4, "I")])
    w.message(0, 4, 1, 3113, 3_900_000_000 + seed, t0)
    w.define(1, DEVICE_INFO, [(253, "I"), (2, "H"), (4, "H"), (5, "H")])
    w.message(1, t0, 1, 3113, 1200)
    w.define(2, EVENT, [(253, "I"), (0, "B"), (1, "B")])
    w.message(2, t0, 0, 0)
    w.define(3, RECORD, RECORD_FIELDS)
    pack = struct.Struct("<B" + "".join(fmt for _, fmt in RECORD_FIELDS)).pack
    chunks = []
    distance = 0.0
    hr_max = 0
    for i in range(SECONDS + 1):
        angle = i / SECONDS * 2 * math.pi
        lat = lat0 + radius * math.sin(angle) / 111_195
        lon = lon0 + radius * (1 - math.cos(angle)) / (111_195 * math.cos(math.radians(lat0)))
        hr = min(200, hr0 + i // 180 + (i * 7919) % 5)
        hr_max = max(hr_max, hr)
        altitude = 300 + 20 * math.sin(angle * 3)
        chunks.append(
            pack(
                3,
                t0 + i,
                semicircles(lat),
                semicircles(lon),
                round(distance * 100),
                round((altitude + 500) * 5),
                round(pace * 1000),
                hr,
                85,
                0,
                18,
            )
        )
        distance += pace
    distance -= pace
    w.raw(b"".join(chunks))
    w.message(2, t0 + SECONDS, 0, 4)
    totals = (SECONDS * 1000, SECONDS * 1000, round(distance * 100))
    w.define(4, LAP, [(253, "I"), (2, "I"), (7, "I"), (8, "I"), (9, "I"), (15, "B"), (16, "B")])
    w.message(4, t0 + SECONDS, t0, *totals, hr0 + 12, hr_max)
    w.define(5, SESSION, [(253, "I"), (2, "I"), (5, "B"), (6, "B"), (7, "I"), (8, "I"),
                          (9, "I"), (16, "B"), (17, "B"), (22, "H")])  # fmt: skip
    w.message(5, t0 + SECONDS, t0, 1, 0, *totals, hr0 + 12, hr_max, 120)
    w.define(6, ACTIVITY, [(253, "I"), (0, "I"), (1, "H"), (2, "B")])
    w.message(6, t0 + SECONDS, SECONDS * 1000, 1, 0)
    row = {
        "id": str(1_000_000_000 + seed),
        "date": start.strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " "),
        "name": f"Morning Run {seed}",
        "elapsed": SECONDS,
        "distance": distance,
    }
    return w.to_bytes(), row


def write_export(path: Path, files: int) -> Path:
    rows = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for seed in range(files):
            data, row = make_run(seed)
            member = f"activities/{row['id']}.fit.gz"
            archive.writestr(member, gzip.compress(data, compresslevel=6, mtime=0))
            rows.append([
                row["id"], row["date"], row["name"], "Run", "", row["elapsed"],
                f"{float(row['distance']) / 1000:.2f}", "", "", "false", "", "Pegasus 40",
                member, "", "", f"{row['elapsed']}.0", f"{row['elapsed']}.0",
                f"{float(row['distance']):.1f}",
            ])  # fmt: skip
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)
        archive.writestr("activities.csv", text.getvalue())
        archive.writestr("shoes.csv", "Shoe Name,Shoe Brand,Shoe Model,Shoe Default Sport Types\n"
                         "Pegasus 40,Nike,Pegasus 40,Run\n")  # fmt: skip
    return path


def cached_export(files: int) -> Path:
    """The export for `files` runs, generated once into the temp folder and reused."""
    folder = Path(tempfile.gettempdir()) / "runwell-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"strava-export-{files}-v1.zip"
    if not path.exists():
        partial = path.with_suffix(".part")
        write_export(partial, files)
        partial.rename(path)
    return path
