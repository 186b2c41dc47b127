"""GPX: real recordings, and hand-made tracks for the ways GPX files go wrong."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runwell.training.importers.tests.helpers import fixture, only_activity, read_bytes, read_path

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
)


def gpx(segments: list[list[str]], name: str = "Lunch Run", kind: str = "running") -> bytes:
    body = "".join("<trkseg>" + "".join(points) + "</trkseg>" for points in segments)
    return (HEAD + f"<trk><name>{name}</name><type>{kind}</type>{body}</trk></gpx>").encode()


def point(i: int, *, time: str | None = None, hr: int | None = 150, lat0: float = 46.0) -> str:
    when = time or f"2024-05-01T07:{i // 60:02d}:{i % 60:02d}Z"
    ext = (
        f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
        "</gpxtpx:TrackPointExtension></extensions>"
        if hr
        else ""
    )
    return (
        f'<trkpt lat="{lat0 + i * 0.00003:.6f}" lon="14.5"><ele>{300 + i % 7}</ele>'
        f"<time>{when}</time>{ext}</trkpt>"
    )


def test_a_real_walk_is_read_with_its_name():
    walk = only_activity(read_path(fixture("cerknicko-jezero.gpx")))
    assert walk.start_time == datetime(2010, 8, 5, 14, 23, 59, tzinfo=UTC)
    assert walk.elapsed_s == 7190
    assert walk.points == 296
    assert walk.name == "ACTIVE LOG"
    assert walk.source_format == "gpx"
    assert walk.distance_m == pytest.approx(4575, abs=5)
    assert 0 < len(walk.route) <= 500


def test_points_without_time_are_left_out_with_a_warning():
    trip = only_activity(read_path(fixture("korita-zbevnica.gpx")))
    assert trip.points == 513
    assert "358 track points without a time were left out." in trip.warnings


def test_a_track_dated_1901_is_refused_not_logged():
    outcome = read_path(fixture("Mojstrovka.gpx"))
    assert outcome.activities == ()
    assert outcome.error is not None
    assert "1901-12-13" in outcome.error and "before 1980" in outcome.error


def test_heart_rate_comes_from_the_garmin_extension(tmp_path):
    run = only_activity(
        read_bytes(tmp_path, "run.gpx", gpx([[point(i, hr=140 + i) for i in range(11)]]))
    )
    assert (run.avg_hr, run.max_hr) == (145, 150)
    assert run.sport == "running"
    assert run.name == "Lunch Run"


def test_an_empty_segment_is_harmless(tmp_path):
    run = only_activity(
        read_bytes(tmp_path, "run.gpx", gpx([[], [point(i) for i in range(30)], []]))
    )
    assert run.points == 30
    assert run.elapsed_s == 29


def test_no_distance_is_counted_across_a_gap_between_segments(tmp_path):
    near = [point(i) for i in range(10)]
    far = [point(i, lat0=47.0) for i in range(20, 30)]  # 111 km away, GPS off in between
    run = only_activity(read_bytes(tmp_path, "run.gpx", gpx([near, far])))
    assert run.distance_m == pytest.approx(2 * 9 * 0.00003 * 111_195, rel=0.01)
    assert run.elapsed_s == 29
    assert run.moving_s == 18  # the 11 s between the segments is a pause


def test_points_sharing_a_time_are_merged(tmp_path):
    doubled = [point(i // 2) for i in range(20)]
    run = only_activity(read_bytes(tmp_path, "run.gpx", gpx([doubled])))
    assert run.points == 10


def test_a_track_of_one_instant_is_refused(tmp_path):
    same = [point(i, time="2024-05-01T07:00:00Z") for i in range(40)]
    outcome = read_bytes(tmp_path, "run.gpx", gpx([same]))
    assert outcome.error is not None and "same time" in outcome.error


def test_a_track_in_the_future_is_refused(tmp_path):
    future = [point(i, time=f"2999-01-01T00:00:{i:02d}Z") for i in range(10)]
    outcome = read_bytes(tmp_path, "run.gpx", gpx([future]))
    assert outcome.error is not None


def test_a_route_without_times_is_an_error_with_a_reason(tmp_path):
    data = (
        HEAD + '<rte><rtept lat="46" lon="14"/><rtept lat="46.1" lon="14"/></rte></gpx>'
    ).encode()
    outcome = read_bytes(tmp_path, "plan.gpx", data)
    assert outcome.error is not None and "no track points" in outcome.error


def test_a_track_without_any_time_is_an_error_with_a_reason(tmp_path):
    data = (HEAD + '<trk><trkseg><trkpt lat="46" lon="14"/><trkpt lat="46.1" lon="14"/>'
            "</trkseg></trk></gpx>").encode()  # fmt: skip
    outcome = read_bytes(tmp_path, "old.gpx", data)
    assert outcome.error is not None and "has a time" in outcome.error


def test_a_gzipped_gpx_reads_like_the_plain_file(tmp_path):
    data = gpx([[point(i) for i in range(60)]])
    plain = only_activity(read_bytes(tmp_path, "a.gpx", data))
    packed = only_activity(read_bytes(tmp_path, "b.gpx", data, gz=True))
    assert packed == plain  # fingerprint included: it hashes the unpacked bytes


def test_a_truncated_gpx_keeps_the_points_before_the_cut(tmp_path):
    data = gpx([[point(i) for i in range(100)]])
    outcome = read_bytes(tmp_path, "cut.gpx", data[: len(data) * 2 // 3])
    run = only_activity(outcome)
    assert 50 < run.points < 70
    assert any("cut short or damaged" in w for w in run.warnings)


def test_a_file_that_is_not_xml_is_an_error(tmp_path):
    outcome = read_bytes(tmp_path, "broken.gpx", b"<gpx><trk><oops")
    assert outcome.error is not None and "not a readable GPX file" in outcome.error
