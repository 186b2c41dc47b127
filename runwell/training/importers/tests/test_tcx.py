"""TCX: real Garmin exports, and hand-made files for multi-activity, laps and damage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runwell.training.importers.tests.helpers import fixture, only_activity, read_bytes, read_path

NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def trackpoint(i: int, *, gps: bool = True, hr: int = 150) -> str:
    position = (
        f"<Position><LatitudeDegrees>{46 + i * 0.00003:.6f}</LatitudeDegrees>"
        "<LongitudeDegrees>14.5</LongitudeDegrees></Position>"
        if gps
        else ""
    )
    return (
        f"<Trackpoint><Time>2024-05-01T07:{i // 60:02d}:{i % 60:02d}Z</Time>{position}"
        f"<DistanceMeters>{i * 3.0}</DistanceMeters>"
        f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm></Trackpoint>"
    )


def activity(
    sport: str, start: int, points: range, *, gps: bool = True, lap_seconds: float = 0
) -> str:
    when = f"2024-05-01T07:{start // 60:02d}:{start % 60:02d}Z"
    track = "".join(trackpoint(i, gps=gps) for i in points)
    return (
        f'<Activity Sport="{sport}"><Id>{when}</Id><Lap StartTime="{when}">'
        f"<TotalTimeSeconds>{lap_seconds or len(points) - 1}</TotalTimeSeconds>"
        f"<DistanceMeters>{(len(points) - 1) * 3.0}</DistanceMeters>"
        "<AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>"
        "<MaximumHeartRateBpm><Value>171</Value></MaximumHeartRateBpm>"
        f"<Track>{track}</Track></Lap></Activity>"
    )


def tcx(*activities: str, lead: str = "") -> bytes:
    return (
        f'{lead}<?xml version="1.0" encoding="UTF-8"?>'
        f'<TrainingCenterDatabase xmlns="{NS}"><Activities>{"".join(activities)}</Activities>'
        "</TrainingCenterDatabase>"
    ).encode()


def test_a_real_garmin_export_takes_its_totals_from_the_laps():
    paddle = only_activity(read_path(fixture("sup_activity_1.tcx")))
    assert paddle.start_time == datetime(2022, 7, 16, 16, 8, 25, tzinfo=UTC)
    assert paddle.distance_m == pytest.approx(1157.51)
    assert paddle.sport == "other"
    assert paddle.points == 111
    assert paddle.max_hr == 108
    assert paddle.source_format == "tcx"


def test_a_real_gzipped_tcx_is_read():
    ski = only_activity(read_path(fixture("cross-country-skiing_activity_1.tcx.gz")))
    assert ski.distance_m == pytest.approx(5692.01)
    assert ski.points == 486
    assert ski.elapsed_s == pytest.approx(2401, abs=2)


def test_a_file_with_several_activities_gives_each_of_them(tmp_path):
    data = tcx(activity("Running", 0, range(120)), activity("Biking", 300, range(300, 400)))
    outcome = read_bytes(tmp_path, "two.tcx", data)
    assert outcome.error is None
    run, ride = outcome.activities
    assert (run.sport, run.points, run.distance_m) == ("running", 120, 357)
    assert (ride.sport, ride.points) == ("cycling", 100)
    assert ride.start_time == datetime(2024, 5, 1, 7, 5, tzinfo=UTC)
    assert len({run.fingerprint, ride.fingerprint}) == 2


def test_an_indoor_run_without_positions_imports(tmp_path):
    run = only_activity(
        read_bytes(tmp_path, "indoor.tcx", tcx(activity("Running", 0, range(60), gps=False)))
    )
    assert run.route == ()
    assert run.distance_m == 177
    assert run.points == 60


def test_lap_time_is_the_moving_time(tmp_path):
    data = tcx(activity("Running", 0, range(600), lap_seconds=500))
    run = only_activity(read_bytes(tmp_path, "paused.tcx", data))
    assert run.elapsed_s == 599
    assert run.moving_s == 500
    assert (run.avg_hr, run.max_hr) == (150, 171)


def test_laps_without_trackpoints_still_make_an_activity(tmp_path):
    data = tcx(activity("Running", 0, range(0), lap_seconds=1800))
    run = only_activity(read_bytes(tmp_path, "manual.tcx", data))
    assert run.elapsed_s == 1800
    assert run.points == 0


def test_leading_blank_space_before_the_xml_declaration_is_tolerated(tmp_path):
    data = tcx(activity("Running", 0, range(30)), lead="\n          ")
    run = only_activity(read_bytes(tmp_path, "strava.tcx", data))
    assert run.points == 30


def test_a_truncated_tcx_keeps_what_was_read(tmp_path):
    data = tcx(activity("Running", 0, range(300)))
    run = only_activity(read_bytes(tmp_path, "cut.tcx", data[: len(data) // 2]))
    assert 100 < run.points < 200
    assert any("cut short or damaged" in w for w in run.warnings)


def test_a_course_is_not_an_activity(tmp_path):
    data = f'<TrainingCenterDatabase xmlns="{NS}"><Courses/></TrainingCenterDatabase>'.encode()
    outcome = read_bytes(tmp_path, "course.tcx", data)
    assert outcome.error is not None and "no activity" in outcome.error
