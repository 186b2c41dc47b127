"""Agreement with the reference readers on real device files.

fitdecode (FIT), gpxpy (GPX) and tcxreader (TCX) are test-only dependencies; the
importers never import them. Distances must agree within 1 %, times within 2 s.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import fitdecode
import gpxpy
import pytest
from tcxreader.tcxreader import TCXReader

from runwell.training.importers.assemble import latest_time
from runwell.training.importers.fit import walk
from runwell.training.importers.fitrecords import PointRecords
from runwell.training.importers.tests.helpers import fixture, only_activity, read_path

FIT_FILES = [
    "garmin-fenix-5-run.fit",
    "garmin-fenix-5-bike.fit",
    "garmin-edge-820-bike.fit",
    "polar-treadmill-12km.fit",
    "polar-outdoor-half-marathon.fit",
]


def fitdecode_messages(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    session: dict[str, Any] = {}
    records = []
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                values = {field.name: field.value for field in frame.fields}
                if frame.name == "session":
                    session = values
                elif frame.name == "record":
                    records.append(values)
    return session, records


def close_in_time(a: datetime, b: datetime) -> bool:
    return abs((a - b).total_seconds()) <= 2


@pytest.mark.parametrize("name", FIT_FILES)
def test_fit_summaries_agree_with_fitdecode(name):
    session, records = fitdecode_messages(fixture(name))
    activity = only_activity(read_path(fixture(name)))
    assert activity.distance_m == pytest.approx(session["total_distance"], rel=0.01)
    assert abs(activity.elapsed_s - session["total_elapsed_time"]) <= 2
    assert close_in_time(activity.start_time, session["start_time"])
    assert activity.points == len({r["timestamp"] for r in records})
    positions = [(r["position_lat"], r["position_long"]) for r in records if r.get("position_lat")]
    if positions:
        assert activity.route[0] == pytest.approx(_degrees(positions[0]), abs=1e-6)
        assert activity.route[-1] == pytest.approx(_degrees(positions[-1]), abs=1e-6)
    else:
        assert activity.route == ()


@pytest.mark.parametrize("name", FIT_FILES)
def test_fit_records_decode_like_fitdecode(name):
    """The record-by-record path (used when a file has no session) against fitdecode's records."""
    _, records = fitdecode_messages(fixture(name))
    points = PointRecords((), 500, latest_time())
    walk(fixture(name).read_bytes(), points)
    (stats,) = points.finish()
    distances = [r["distance"] for r in records if r.get("distance") is not None]
    assert stats.distance_m == pytest.approx(distances[-1] - distances[0], rel=0.01)
    assert stats.first == records[0]["timestamp"].timestamp()
    assert stats.last == records[-1]["timestamp"].timestamp()
    hearts = [r["heart_rate"] for r in records if r.get("heart_rate")]
    assert stats.max_hr == max(hearts)
    assert stats.avg_hr == pytest.approx(sum(hearts) / len(hearts), abs=1)


def _degrees(semicircles: tuple[int, int]) -> tuple[float, float]:
    return (semicircles[0] * 180 / 2**31, semicircles[1] * 180 / 2**31)


@pytest.mark.parametrize("name", ["cerknicko-jezero.gpx", "korita-zbevnica.gpx"])
def test_gpx_agrees_with_gpxpy(name):
    with fixture(name).open() as handle:
        reference = gpxpy.parse(handle)
    timed = [
        segment
        for track in reference.tracks
        for segment in track.segments
        if segment.points and all(p.time for p in segment.points)
    ]
    activity = only_activity(read_path(fixture(name)))
    assert activity.distance_m == pytest.approx(sum(s.length_2d() or 0.0 for s in timed), rel=0.01)
    start, end = reference.get_time_bounds()
    assert start is not None and end is not None
    assert close_in_time(activity.start_time, start)
    assert abs(activity.start_time.timestamp() + activity.elapsed_s - end.timestamp()) <= 2
    assert activity.points == sum(len(s.points) for s in timed)


@pytest.mark.parametrize("name", ["sup_activity_1.tcx", "cross-country-skiing_activity_1.tcx.gz"])
def test_tcx_agrees_with_tcxreader(name, tmp_path):
    path = fixture(name)
    if name.endswith(".gz"):
        unpacked = tmp_path / name.removesuffix(".gz")
        unpacked.write_bytes(gzip.decompress(path.read_bytes()))
        path = unpacked
    reference = TCXReader().read(str(path))
    activity = only_activity(read_path(fixture(name)))
    assert activity.distance_m == pytest.approx(reference.distance, rel=0.01)
    assert close_in_time(activity.start_time, reference.start_time.replace(tzinfo=UTC))
    end = activity.start_time.timestamp() + activity.elapsed_s
    assert abs(end - reference.end_time.replace(tzinfo=UTC).timestamp()) <= 2
    assert activity.points >= len(reference.trackpoints)
