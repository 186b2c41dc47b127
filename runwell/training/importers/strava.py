"""A Strava bulk export's activities.csv and shoes.csv, read into plain rows.

Strava names its columns in the account's language and repeats some of them:
"Distance" comes first in km (for people) and again later in metres; "Elapsed
Time" and "Max Heart Rate" also appear twice. English headers are read by name
(a repeated name by its later, base-unit column); other languages fall back to
the positions Strava has used for years (id, date, name, type, description,
…, gear at 11, file at 12). Dates are written like "May 6, 2024, 4:02:34 AM"
in UTC; a date in another language cannot be read, which only matters for
activities without a file.

PURE: no Django.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from runwell.training.importers.model import Shoe, StravaRow

# Strava activity type -> (sport, surface hint)
TYPES: dict[str, tuple[str, str | None]] = {
    "run": ("running", None),
    "trail run": ("running", "trail"),
    "virtual run": ("running", "treadmill"),
    "treadmill": ("running", "treadmill"),
    "ride": ("cycling", None),
    "virtual ride": ("cycling", None),
    "e-bike ride": ("cycling", None),
    "ebikeride": ("cycling", None),
    "mountain bike ride": ("cycling", None),
    "e-mountain bike ride": ("cycling", None),
    "gravel ride": ("cycling", None),
    "velomobile": ("cycling", None),
    "handcycle": ("cycling", None),
    "walk": ("walking", None),
    "hike": ("hiking", None),
}
POSITIONS = {"id": 0, "date": 1, "name": 2, "type": 3, "description": 4, "gear": 11, "file": 12}
HEADERS = {
    "id": "Activity ID",
    "date": "Activity Date",
    "name": "Activity Name",
    "type": "Activity Type",
    "description": "Activity Description",
    "gear": "Activity Gear",
    "file": "Filename",
    "elapsed": "Elapsed Time",
    "moving": "Moving Time",
    "distance": "Distance",
    "gain": "Elevation Gain",
    "avg_hr": "Average Heart Rate",
    "max_hr": "Max Heart Rate",
}
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M:%S %p", "%Y-%m-%d %H:%M:%S")


def map_type(strava_type: str | None) -> tuple[str | None, str | None]:
    if not strava_type or not strava_type.strip():
        return None, None
    return TYPES.get(strava_type.strip().lower(), ("other", None))


def parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _number(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        return None


def _columns(header: list[str]) -> dict[str, int]:
    """Column index per key: English names (the last of repeated ones), else positions."""
    index: dict[str, int] = {}
    for i, title in enumerate(header):
        for key, wanted in HEADERS.items():
            if title.strip() == wanted:
                index[key] = i
    first_distance = next((i for i, t in enumerate(header) if t.strip() == "Distance"), None)
    if first_distance is not None and first_distance != index.get("distance"):
        index["distance_m"] = index.pop("distance")  # the later one is in metres
        index["distance_km"] = first_distance
    elif first_distance is not None:
        index["distance_km"] = index.pop("distance")
    if "file" not in index and len(header) > POSITIONS["file"]:
        index = {**POSITIONS, **{k: v for k, v in index.items() if k not in POSITIONS}}
    return index


def read_activities_csv(lines: Iterable[str]) -> list[StravaRow]:
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header:
        return []
    col = _columns(header)
    if "id" not in col:
        return []
    rows = []
    for cells in reader:
        if not cells or not any(cell.strip() for cell in cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str | None:
            i = col.get(key)
            value = cells[i].strip() if i is not None and i < len(cells) else ""
            return value or None

        strava_type = cell("type")
        sport, surface = map_type(strava_type)
        distance = _number(cell("distance_m"))
        if distance is None and (km := _number(cell("distance_km"))) is not None:
            distance = km * 1000
        rows.append(
            StravaRow(
                activity_id=cell("id") or _row_key(cells),
                name=cell("name"),
                strava_type=strava_type,
                sport=sport,
                surface=surface,
                gear=cell("gear"),
                description=cell("description"),
                filename=cell("file"),
                start_time=parse_date(cell("date")),
                distance_m=distance,
                elapsed_s=_number(cell("elapsed")),
                moving_s=_number(cell("moving")),
                elevation_gain_m=_number(cell("gain")),
                avg_hr=_whole(cell("avg_hr")),
                max_hr=_whole(cell("max_hr")),
            )
        )
    return rows


def _whole(text: str | None) -> int | None:
    value = _number(text)
    return round(value) if value else None


def _row_key(cells: list[str]) -> str:
    return hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:16]


def read_shoes_csv(lines: Iterable[str]) -> list[Shoe]:
    """Shoes as Strava lists them; a shoe without a nickname is called by brand and model."""
    reader = csv.reader(lines)
    header = [title.strip() for title in next(reader, [])]
    if not header:
        return []

    def at(cells: list[str], title: str, fallback: int) -> str | None:
        i = header.index(title) if title in header else fallback
        value = cells[i].strip() if i < len(cells) else ""
        return value or None

    shoes = []
    for cells in reader:
        name, brand, model = (
            at(cells, "Shoe Name", 0),
            at(cells, "Shoe Brand", 1),
            at(cells, "Shoe Model", 2),
        )
        display = name or " ".join(part for part in (brand, model) if part)
        if display:
            shoes.append(Shoe(display, brand, model))
    return shoes


def fingerprint(row: StravaRow) -> str:
    return hashlib.sha256(f"strava-activity:{row.activity_id}".encode()).hexdigest()
