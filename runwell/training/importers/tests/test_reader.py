"""Reading many sources: order, the process pool, isolation of bad files."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from runwell.training.importers import Limits, Source, discover, read
from runwell.training.importers.model import FileOutcome
from runwell.training.importers.reader import pooled, read_source
from runwell.training.importers.tests.fitbuilder import simple_run
from runwell.training.importers.tests.helpers import FIXTURES


def _mixed_folder(tmp_path):
    for day in range(1, 7):
        start = datetime(2024, 5, day, 7, tzinfo=UTC)
        (tmp_path / f"{day:02d}-run.fit").write_bytes(simple_run(start, 300).to_bytes())
    (tmp_path / "03-broken.fit").write_bytes(b"\x0e\x10garbage")
    return tmp_path


@pytest.mark.slow  # starts a fork server and two reader processes
def test_the_pool_gives_the_same_outcomes_in_the_same_order(tmp_path):
    found = discover([_mixed_folder(tmp_path), FIXTURES])
    alone = list(read(found, workers=1))
    pooled_outcomes = list(read(found, workers=2))
    assert pooled_outcomes == alone
    assert len(alone) == found.total


@pytest.mark.slow
def test_one_bad_file_never_stops_the_others(tmp_path):
    outcomes = list(read(discover([_mixed_folder(tmp_path)]), workers=2))
    assert [o.file.rsplit("/", 1)[1] for o in outcomes if not o.ok] == ["03-broken.fit"]
    assert sum(len(o.activities) for o in outcomes) == 6


def crash_on_poison(source: Source, limits: Limits) -> FileOutcome:
    if "poison" in source.name:
        os._exit(3)  # a reader process dying, as an out-of-memory kill would do
    return read_source(source, limits)


@pytest.mark.slow
def test_a_file_that_kills_its_worker_is_reported_and_the_rest_go_on(tmp_path):
    folder = _mixed_folder(tmp_path)
    (folder / "04-poison.fit").write_bytes(b"")
    found = discover([folder])
    outcomes = list(pooled(found.sources, 2, Limits(), crash_on_poison))
    assert [o.file for o in outcomes] == [s.name for s in found.sources]
    poisoned = [o for o in outcomes if "poison" in o.file]
    assert poisoned[0].error is not None and "stopped the process" in poisoned[0].error
    assert sum(len(o.activities) for o in outcomes) == 6


def test_small_jobs_are_read_without_a_pool(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool for two files")

    monkeypatch.setattr("runwell.training.importers.reader.pooled", no_pool)
    found = discover(
        [FIXTURES / "fit" / "garmin-fenix-5-run.fit", FIXTURES / "gpx" / "cerknicko-jezero.gpx"]
    )
    assert all(o.ok for o in read(found))
