"""The `runwell import --json` objects, exactly as the contract in PRODUCT.md names them."""

from __future__ import annotations

import json

import pytest

from runwell.training.importers import FileOutcome, outcome_records
from runwell.training.importers.tests.helpers import fixture, read_path

KEYS = ["file", "status", "sport", "start_time", "distance_m", "elapsed_s", "moving_s", "points",
        "warnings", "error"]  # fmt: skip


def test_an_imported_activity_reports_every_contract_field():
    (record,) = outcome_records(read_path(fixture("garmin-fenix-5-run.fit")))
    assert list(record) == KEYS
    assert record["status"] == "imported"
    assert record["start_time"] == "2017-06-11T14:34:09Z"
    assert record["sport"] == "running" and record["points"] == 21 and record["error"] is None
    json.dumps(record)


def test_statuses_come_from_the_caller():
    outcome = read_path(fixture("garmin-fenix-5-run.fit"))
    assert outcome_records(outcome, ["duplicate"])[0]["status"] == "duplicate"
    with pytest.raises(ValueError, match="one status per activity"):
        outcome_records(outcome, [])


def test_a_failed_file_is_one_error_object():
    (record,) = outcome_records(FileOutcome("a.zip!b.fit", error="This is not a FIT file."))
    assert list(record) == KEYS
    assert record == {**dict.fromkeys(KEYS), "file": "a.zip!b.fit", "status": "error",
                      "points": 0, "warnings": [], "error": "This is not a FIT file."}  # fmt: skip
