"""FIT: real device files, and hand-made files for what devices get wrong."""

from __future__ import annotations

import struct
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runwell.training.importers import FileOutcome
from runwell.training.importers.tests.fitbuilder import (
    FILE_ID,
    RECORD,
    SESSION,
    FitWriter,
    fit_time,
    semicircles,
    simple_run,
)
from runwell.training.importers.tests.helpers import fixture, only_activity, read_bytes, read_path

START = datetime(2024, 5, 1, 7, 0, tzinfo=UTC)
T0 = fit_time(START)


def test_a_garmin_run_takes_its_totals_from_the_session():
    run = only_activity(read_path(fixture("garmin-fenix-5-run.fit")))
    assert run.sport == "running"
    assert run.start_time == datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)
    assert run.distance_m == 157.56
    assert run.elapsed_s == 56.887
    assert run.points == 21
    assert run.source_format == "fit"
    assert run.route[0] == pytest.approx((38.2297873, -122.6337039))
    assert run.warnings == ()


def test_a_garmin_ride_is_cycling():
    ride = only_activity(read_path(fixture("garmin-edge-820-bike.fit")))
    assert ride.sport == "cycling"
    assert ride.distance_m == 457.12


def test_a_treadmill_run_without_gps_imports_with_an_empty_route():
    run = only_activity(read_path(fixture("polar-treadmill-12km.fit")))
    assert run.sport == "running"
    assert run.surface == "treadmill"
    assert run.route == ()
    assert run.distance_m == 12015.7
    assert run.points == 3862
    assert run.avg_hr == 157


def test_a_file_without_session_is_summarised_from_its_points():
    run = only_activity(read_bytes_run(simple_run(START, 600, session=False).to_bytes()))
    assert run.sport is None  # nothing in the file says what it was
    assert run.start_time == START
    assert run.elapsed_s == 600
    assert run.distance_m == pytest.approx(1800, rel=1e-6)  # the device's own distance
    assert run.moving_s == 600
    assert run.points == 601
    assert run.avg_hr == 150


@pytest.mark.parametrize("session", [False, True], ids=["from points", "with a session"])
def test_records_sharing_a_timestamp_are_merged(session):
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(1, RECORD, [(253, "I"), (0, "i"), (1, "i")])
    w.define(2, RECORD, [(253, "I"), (3, "B")])
    for i in range(10):
        w.message(1, T0 + i, semicircles(45 + i / 10_000), semicircles(14))
        w.message(2, T0 + i, 140)  # a second record for the same second: heart rate only
    if session:
        w.define(3, SESSION, [(253, "I"), (2, "I"), (7, "I"), (8, "I"), (9, "I"), (22, "H")])
        w.message(3, T0 + 9, T0, 9000, 9000, 1000, 0)
    run = only_activity(read_bytes_run(w.to_bytes()))
    assert run.points == 10
    assert run.avg_hr == 140
    assert len(run.route) == 10
    assert run.elapsed_s == 9


def test_developer_fields_are_skipped_by_their_size():
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(1, RECORD, [(253, "I"), (3, "B"), (5, "I")], dev_fields=[(0, 2, 0), (1, 4, 0)])
    for i in range(30):
        w.message(1, T0 + i, 120 + i, i * 300, dev=struct.pack("<HI", 0xBEEF, 0xDEADBEEF))
    run = only_activity(read_bytes_run(w.to_bytes()))
    assert run.points == 30
    assert run.max_hr == 149
    assert run.distance_m == pytest.approx(87)


def test_compressed_timestamp_headers_give_each_record_its_time():
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(2, RECORD, [(253, "I"), (3, "B"), (5, "I")]).message(2, T0, 150, 0)  # the reference
    w.define(1, RECORD, [(3, "B"), (5, "I")])
    for i in range(1, 70):  # wraps the 5-bit offset twice
        w.compressed(1, T0 + i, 150, i * 100)
    run = only_activity(read_bytes_run(w.to_bytes()))
    assert run.points == 70
    assert run.start_time == START
    assert run.elapsed_s == 69
    assert run.distance_m == 69


def test_fields_are_found_wherever_the_definition_puts_them():
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(1, RECORD, [(3, "B"), (1, "i"), (253, "I"), (0, "i")])  # heart rate first
    for i in range(30):
        w.message(1, 120 + i, semicircles(14), T0 + i, semicircles(45 + i / 10_000))
    w.define(2, SESSION, [(253, "I"), (2, "I"), (7, "I"), (8, "I"), (9, "I"), (22, "H")])
    w.message(2, T0 + 29, T0, 29_000, 29_000, 3000, 0)
    run = only_activity(read_bytes_run(w.to_bytes()))
    assert (run.start_time, run.points, run.max_hr, run.avg_hr) == (START, 30, 149, 134)
    assert run.route[0] == pytest.approx((45.0, 14.0))


def test_big_endian_definitions_are_read():
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")], big_endian=True).message(0, 4)
    w.define(1, RECORD, [(253, "I"), (5, "I"), (3, "B")], big_endian=True)
    for i in range(20):
        w.message(1, T0 + i, i * 250, 133)
    run = only_activity(read_bytes_run(w.to_bytes()))
    assert run.start_time == START
    assert run.distance_m == pytest.approx(47.5)
    assert run.avg_hr == 133


def test_a_truncated_file_keeps_what_was_read_and_says_so():
    whole = simple_run(START, 1200).to_bytes()
    cut = whole[: len(whole) // 2 + 7]  # mid-record, before the session
    run = only_activity(read_bytes_run(cut))
    assert any("cut short" in w for w in run.warnings)
    assert 500 < run.points < 700
    assert run.start_time == START
    assert run.distance_m is not None and run.distance_m > 1000


def test_a_wrong_checksum_is_a_warning_not_a_loss():
    run = only_activity(read_bytes_run(simple_run(START, 60).to_bytes(good_crc=False)))
    assert any("checksum" in w for w in run.warnings)
    assert run.points == 61


def test_a_file_damaged_inside_keeps_what_came_before():
    data = bytearray(simple_run(START, 300).to_bytes())
    data[14 + 200 * 21] = 0x4F  # a record header becomes a definition of nonsense
    run = only_activity(read_bytes_run(bytes(data)))
    assert any("damaged" in w or "cut short" in w or "checksum" in w for w in run.warnings)
    assert run.points >= 150


def test_a_file_that_is_not_fit_is_an_error_with_a_reason(tmp_path):
    outcome = read_bytes(tmp_path, "notes.fit", b"this is a shopping list, not a run")
    assert outcome.error is not None and "not a FIT file" in outcome.error


def test_a_settings_file_is_not_an_activity(tmp_path):
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 2)
    outcome = read_bytes(tmp_path, "Settings.fit", w.to_bytes())
    assert outcome.error == "This FIT file holds settings data, not an activity."


def test_records_without_any_time_are_an_error_with_a_reason():
    outcome = read_path(fixture("DeveloperData.fit"))
    assert outcome.error == (
        "None of the file's 3 records carries a time, so the activity cannot be placed in the log."
    )


@pytest.mark.parametrize("session", [False, True], ids=["records only", "with a session"])
def test_a_watch_without_a_clock_is_refused(session):
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(1, RECORD, [(253, "I"), (3, "B")])
    for i in range(10):
        w.message(1, 1000 + i, 140)  # seconds since power-on
    if session:
        w.define(2, SESSION, [(253, "I"), (2, "I"), (7, "I"), (8, "I"), (9, "I")])
        w.message(2, 1009, 1000, 9000, 9000, 3000)
    outcome = read_bytes_run_outcome(w.to_bytes())
    assert outcome.error is not None and "clock was not set" in outcome.error


def test_a_run_in_the_future_is_refused():
    outcome = read_bytes_run_outcome(simple_run(datetime(2099, 1, 1, tzinfo=UTC), 60).to_bytes())
    assert outcome.error is not None and "in the future" in outcome.error


def test_all_records_at_one_instant_is_refused_without_totals():
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(1, RECORD, [(253, "I"), (3, "B")])
    for _ in range(50):
        w.message(1, T0, 140)
    outcome = read_bytes_run_outcome(w.to_bytes())
    assert outcome.error is not None and "no duration" in outcome.error


def test_a_multisport_file_gives_one_activity_per_session():
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B")]).message(0, 4)
    w.define(1, RECORD, [(253, "I"), (5, "I")])
    for i in range(200):
        w.message(1, T0 + i, i * 500)
    w.define(2, SESSION, [(253, "I"), (2, "I"), (5, "B"), (7, "I"), (8, "I"), (9, "I")])
    w.message(2, T0 + 99, T0, 2, 99_000, 99_000, 49_500)  # ride first
    w.message(2, T0 + 199, T0 + 100, 1, 99_000, 99_000, 15_000)  # then a run
    outcome = read_bytes_run_outcome(w.to_bytes())
    assert outcome.error is None
    ride, run = outcome.activities
    assert (ride.sport, ride.points, ride.distance_m) == ("cycling", 100, 495)
    assert (run.sport, run.points, run.distance_m) == ("running", 100, 150)
    assert ride.fingerprint != run.fingerprint


def test_chained_fit_files_are_read_as_one():
    first = simple_run(START, 30, session=False).to_bytes()
    w = FitWriter()
    w.define(1, RECORD, [(253, "I"), (5, "I"), (2, "H"), (3, "B")])
    for i in range(31, 61):
        w.message(1, T0 + i, i * 300, 2550, 150)
    run = only_activity(read_bytes_run(first + w.to_bytes()))
    assert run.points == 61  # 0…30 s from the first file, 31…60 s from the second
    assert run.elapsed_s == 60
    assert run.distance_m == 180


def read_bytes_run_outcome(data: bytes) -> FileOutcome:
    with tempfile.TemporaryDirectory() as folder:
        return read_bytes(Path(folder), "run.fit", data)


def read_bytes_run(data: bytes) -> FileOutcome:
    return read_bytes_run_outcome(data)
