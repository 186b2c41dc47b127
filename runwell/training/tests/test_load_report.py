"""The report: the 12 ISO weeks, the 28 days of warnings and exactly the contract's fields."""

import datetime as dt
import json

import pytest

from runwell.training.load import Activity, Shoe
from runwell.training.report import build_report
from runwell.training.tests.helpers import day, every, pain, run

CONTRACT_KEYS = {
    "as_of",
    "weeks",
    "acute_load",
    "chronic_load",
    "acwr",
    "monotony",
    "warnings",
    "shoes",
    "insights",
}


def test_an_empty_log_gives_12_empty_weeks_and_nulls():
    body = build_report([], [], [], dt.date(2026, 3, 4)).as_json()
    assert set(body) == CONTRACT_KEYS
    assert body["as_of"] == "2026-03-04"
    assert len(body["weeks"]) == 12
    assert body["weeks"][-1] == {"start": "2026-03-02", "distance_m": 0, "elapsed_s": 0, "runs": 0}
    assert (body["acute_load"], body["chronic_load"], body["acwr"], body["monotony"]) == (None,) * 4
    assert body["warnings"] == body["shoes"] == body["insights"] == []


def test_weeks_start_on_monday_and_end_with_the_week_of_as_of():
    as_of = day(86)  # a Wednesday; its week starts on day 84
    runs = [
        run(83 - 77, 10),  # the Sunday before the first week: left out
        run(84 - 77, 5, elapsed_s=1800),  # the first Monday
        run(84 - 77, 3, elapsed_s=900),
        run(86, 8, elapsed_s=2400),  # as_of itself
        run(87, 20),  # after as_of: left out
        run(85, 40, sport="cycling"),  # not running: left out
    ]
    weeks = build_report(runs, [], [], as_of).as_json()["weeks"]
    assert [w["start"] for w in weeks] == [
        (day(7) + dt.timedelta(weeks=k)).isoformat() for k in range(12)
    ]
    assert weeks[0] == {
        "start": day(7).isoformat(),
        "distance_m": 8000,
        "elapsed_s": 2700,
        "runs": 2,
    }
    assert weeks[-1] == {
        "start": day(84).isoformat(),
        "distance_m": 8000,
        "elapsed_s": 2400,
        "runs": 1,
    }
    assert sum(w["runs"] for w in weeks) == 3


def test_a_sunday_as_of_ends_its_own_week():
    weeks = build_report([run(6, 5)], [], [], day(6)).weeks
    assert weeks[-1].start == day(0) and weeks[-1].runs == 1


def test_warnings_are_those_of_the_28_days_to_as_of():
    runs = [run(0, 10), run(10, 20)]  # a spike on day 10, a two-week increase from day 14
    shown = build_report(runs, [], [], day(37)).as_json()["warnings"]  # days 10..37
    assert [(w["id"], w["date"]) for w in shown] == [
        ("single_run_spike", day(10).isoformat()),
        ("two_week_increase", day(14).isoformat()),
    ]
    shown = build_report(runs, [], [], day(38)).as_json()["warnings"]  # days 11..38
    assert [w["id"] for w in shown] == ["two_week_increase"]


def test_changes_that_are_not_warnings_stay_out_of_the_warnings():
    shoes = [Shoe(1, "Pegasus", start_m=699_000)]
    report = build_report([run(0, 5, shoe=1)], shoes, [], day(1))
    assert [w.id for w in report.warnings] == ["shoe_over_limit"]
    assert [e.id for e in report.history.events] == ["shoe_over_limit", "new_shoe"]


def test_the_whole_report_is_json_with_the_contract_fields():
    shoes = [Shoe(7, "Pegasus", start_m=650_000)]
    runs = [*every(range(0, 60, 2), 8, shoe=7, surface="road"), run(61, 15, shoe=7)]
    diary = [pain(63, 4), pain(65, 5, "upper_back")]
    body = json.loads(json.dumps(build_report(runs, shoes, diary, day(72)).as_json()))
    assert set(body) == CONTRACT_KEYS
    assert set(body["weeks"][0]) == {"start", "distance_m", "elapsed_s", "runs"}
    assert body["shoes"] == [
        {
            "id": 7,
            "name": "Pegasus",
            "distance_m": 905000,
            "limit_m": 700000,
            "status": "over_limit",
        }
    ]
    assert {tuple(sorted(w)) for w in body["warnings"]} == {("date", "id", "message")}
    (insight,) = body["insights"]
    assert insight["episode"] == {
        "start": day(63).isoformat(),
        "end": day(65).isoformat(),
        "region": "both",
        "peak": 5,
    }
    assert {tuple(sorted(c)) for c in insight["changes"]} == {("date", "id", "message")}
    assert isinstance(body["acwr"], float) and isinstance(body["acute_load"], float)


def test_activities_and_pain_after_as_of_are_ignored():
    runs = [*every(range(0, 40, 2), 8), run(41, 30)]
    diary = [pain(41, 6), pain(42, 6)]
    before = build_report(runs, [], diary, day(40)).as_json()
    assert before == build_report(runs[:-1], [], [], day(40)).as_json()


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_an_impossible_distance_is_refused_with_the_activity_named(bad):
    activity = Activity(17, day(0), "running", bad, 100.0)
    with pytest.raises(ValueError, match="activity 17 distance"):
        build_report([activity], [], [], day(1))


def test_an_impossible_distance_on_another_sport_does_not_matter():
    ride = Activity(18, day(0), "cycling", float("nan"), 100.0)
    assert build_report([ride], [], [], day(1)).as_json()["weeks"][-1]["runs"] == 0
