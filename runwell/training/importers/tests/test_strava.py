"""Strava bulk exports: activities.csv names, types and gear; shoes.csv; damaged members."""

from __future__ import annotations

import gzip
import zipfile
from datetime import UTC, datetime

import pytest

from runwell.training.importers import Shoe, discover, read
from runwell.training.importers.strava import read_activities_csv
from runwell.training.importers.tests.fitbuilder import simple_run
from runwell.training.importers.tests.helpers import fixture

HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,"
    "Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,"
    "Elevation Gain\n"
)


SHOES = (
    "Shoe Name,Shoe Brand,Shoe Model,Shoe Default Sport Types\n"
    "Pegasus 40,Nike,Pegasus 40,Run\n"
    ",Hoka,Speedgoat 5,\n"
)


def row(activity_id: str, date: str, name: str, kind: str, gear: str, filename: str,
        elapsed: int = 600, km: float = 1.8, description: str = "") -> str:  # fmt: skip
    return (
        f'{activity_id},"{date}","{name}",{kind},"{description}",{elapsed},{km},,,false,,'
        f'"{gear}",{filename},,,{elapsed}.0,{elapsed - 20}.0,{km * 1000},,,12.0\n'
    )


def run_bytes(day: int) -> bytes:
    return simple_run(datetime(2024, 5, day, 7, tzinfo=UTC), 600, session=True).to_bytes()


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export_12345.zip"
    csv_text = HEADER + (
        row("101", "May 1, 2024, 7:00:00 AM", "Easy, with strides", "Run", "Pegasus 40",
            "activities/101.fit.gz", description="Felt fine")
        + row("102", "May 2, 2024, 7:00:00 AM", "Trail loop", "Trail Run", "Speedgoat",
              "activities/102.fit.gz")
        + row("103", "May 3, 2024, 7:00:00 AM", "Broken upload", "Run", "", "activities/103.fit.gz")
        + row("104", "May 4, 2024, 6:30:00 PM", "Treadmill, typed in", "Run", "Pegasus 40", "",
              elapsed=1800, km=5.0)
        + row("105", "May 5, 2024, 7:00:00 AM", "Lost file", "Run", "", "activities/105.gpx")
        + row("106", "May 6, 2024, 7:00:00 AM", "Paddle", "Kayaking", "", "activities/106.tcx")
    )  # fmt: skip
    broken = bytearray(gzip.compress(run_bytes(3), mtime=0))
    broken[len(broken) // 2 : len(broken) // 2 + 64] = bytes(64)  # a damaged upload
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", csv_text)
        archive.writestr("shoes.csv", SHOES)
        archive.writestr("activities/101.fit.gz", gzip.compress(run_bytes(1), mtime=0))
        archive.writestr("activities/102.fit.gz", gzip.compress(run_bytes(2), mtime=0))
        archive.writestr("activities/103.fit.gz", bytes(broken))
        archive.write(fixture("sup_activity_1.tcx"), "activities/106.tcx")
        archive.writestr("media/photo.jpg", b"\xff\xd8 not an activity")
        archive.writestr("__MACOSX/activities/._101.fit.gz", b"resource fork")
        archive.writestr("profile.csv", "name\nRunner\n")
    return path


def test_the_export_is_discovered_with_its_files_rows_and_shoes(export):
    found = discover([export])
    assert [s.name.split("!")[1] for s in found.sources] == [
        "activities/101.fit.gz",
        "activities/102.fit.gz",
        "activities/103.fit.gz",
        "activities/106.tcx",
        "activities.csv#104",
        "activities/105.gpx",
    ]
    assert found.total == 6
    assert found.shoes == (
        Shoe("Pegasus 40", "Nike", "Pegasus 40"),
        Shoe("Hoka Speedgoat 5", "Hoka", "Speedgoat 5"),
    )


def test_names_types_gear_and_notes_come_from_activities_csv(export):
    outcomes = list(read(discover([export]), workers=1))
    easy = outcomes[0].activities[0]
    assert (easy.name, easy.sport, easy.gear, easy.notes) == (
        "Easy, with strides", "running", "Pegasus 40", "Felt fine"
    )  # fmt: skip
    trail = outcomes[1].activities[0]
    assert (trail.name, trail.surface, trail.gear) == ("Trail loop", "trail", "Speedgoat")
    paddle = outcomes[3].activities[0]
    assert (paddle.name, paddle.sport) == ("Paddle", "other")


def test_one_damaged_member_is_reported_and_the_others_import(export):
    outcomes = list(read(discover([export]), workers=1))
    assert [o.error is None for o in outcomes] == [True, True, False, True, True, False]
    broken = outcomes[2]
    assert broken.file.endswith("export_12345.zip!activities/103.fit.gz")
    assert broken.activities == ()
    assert broken.error


def test_a_row_without_a_file_becomes_an_activity_of_its_own(export):
    typed = list(read(discover([export]), workers=1))[4]
    activity = typed.activities[0]
    assert activity.source_format == "strava-csv"
    assert activity.start_time == datetime(2024, 5, 4, 18, 30, tzinfo=UTC)
    assert (activity.distance_m, activity.elapsed_s, activity.moving_s) == (5000, 1800, 1780)
    assert activity.points == 0 and activity.route == ()
    assert activity.name == "Treadmill, typed in"


def test_a_file_named_in_the_csv_but_missing_is_reported(export):
    missing = list(read(discover([export]), workers=1))[5]
    assert missing.file.endswith("!activities/105.gpx")
    assert missing.error == "activities.csv lists this file, but the export does not contain it."


def test_an_unpacked_export_folder_reads_the_same(export, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(export) as archive:
        archive.extractall(folder)
    from_zip = [(o.error, o.activities) for o in read(discover([export]), workers=1)]
    from_folder = [(o.error, o.activities) for o in read(discover([folder]), workers=1)]
    assert [a for e, a in from_folder if e is None] == [a for e, a in from_zip if e is None]


def test_the_csv_reads_the_metre_column_and_the_date():
    (parsed,) = read_activities_csv(
        (HEADER + row("9", "Jul 7, 2018, 5:04:11 PM", "Run", "Virtual Run", "", "")).splitlines()
    )
    assert parsed.distance_m == 1800
    assert parsed.start_time == datetime(2018, 7, 7, 17, 4, 11, tzinfo=UTC)
    assert (parsed.sport, parsed.surface) == ("running", "treadmill")


def test_a_csv_in_another_language_falls_back_to_positions():
    header = ",".join(f"Spalte {i}" for i in range(15)) + "\n"
    line = '7,"1. Mai 2024",Lauf,Laufen,,600,1.8,,,false,,Schuh,activities/7.gpx,,\n'
    (parsed,) = read_activities_csv((header + line).splitlines())
    assert (parsed.activity_id, parsed.name, parsed.gear, parsed.filename) == (
        "7", "Lauf", "Schuh", "activities/7.gpx"
    )  # fmt: skip
    assert parsed.start_time is None  # an unreadable date only matters for file-less rows
