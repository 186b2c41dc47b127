"""Activity files made in the tests: GPX, TCX and FIT (through the importers' FIT writer)."""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import UTC, datetime, timedelta

from runwell.training.importers.tests.fitbuilder import simple_run


def gpx_run(
    start: datetime, minutes: int = 30, speed_mps: float = 3.0, sport: str = "running"
) -> bytes:
    """A GPX track going east from (46.05, 14.5), a point every 10 seconds."""
    points = []
    for i in range(minutes * 6 + 1):
        moment = start + timedelta(seconds=10 * i)
        lon = 14.5 + i * 10 * speed_mps / 77_000
        stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(
            f'<trkpt lat="46.05" lon="{lon:.6f}"><ele>300</ele><time>{stamp}</time></trkpt>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="runwell-tests" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Test run</name><type>{sport}</type>"
        f"<trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def fit_run(start: datetime, seconds: int = 600, gps: bool = True) -> bytes:
    return simple_run(start, seconds, gps=gps).to_bytes()


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def three_runs_zip(first: datetime) -> bytes:
    """A ZIP of three runs on three days: GPX, gzipped GPX and FIT."""
    return zip_of(
        {
            "monday.gpx": gpx_run(first),
            "tuesday.gpx.gz": gz(gpx_run(first + timedelta(days=1), minutes=40)),
            "wednesday.fit": fit_run(first + timedelta(days=2), seconds=1800),
        }
    )
