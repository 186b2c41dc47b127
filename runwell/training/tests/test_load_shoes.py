"""Shoes: distance, near/over limit from 90/100%, new_shoe and shoe_over_limit, rotation."""

import pytest

from runwell.training.load import Shoe, shoe_statuses
from runwell.training.report import build_report
from runwell.training.tests.helpers import dates, day, every, history, only, run


def _status(start_km: float, run_km: float) -> str:
    shoe = Shoe(1, "Pegasus", start_m=start_km * 1000, limit_m=700_000)
    (status,) = history([run(0, run_km, shoe=1)], as_of=0, shoes=[shoe]).shoes
    return status.status


def test_near_limit_starts_at_90_percent():
    assert _status(620, 9.999) == "ok"
    assert _status(620, 10) == "near_limit"


def test_over_limit_starts_at_100_percent():
    assert _status(690, 9.999) == "near_limit"
    assert _status(690, 10) == "over_limit"


def test_distance_is_the_starting_distance_plus_running_only():
    shoe = Shoe(1, "Pegasus", start_m=120_000)
    walk = run(1, 30, sport="walking", shoe=1)
    h = history([run(0, 10, shoe=1), walk, run(2, 5.5, shoe=1), run(9, 7, shoe=1)], 5, [shoe])
    assert h.shoes[0].distance_m == pytest.approx(135_500)


def test_shoe_over_limit_is_raised_on_the_first_run_at_the_limit_only():
    shoe = Shoe(1, "Pegasus", start_m=690_000, limit_m=700_000)
    runs = [run(0, 5, shoe=1), run(1, 5, shoe=1), run(2, 5, shoe=1)]
    h = history(runs, as_of=5, shoes=[shoe])
    assert dates(h, "shoe_over_limit") == [day(1)]
    warning = only(h, "shoe_over_limit")
    assert "your Pegasus reached 700 km, past the 700 km you set as their limit" in warning.message
    assert "expert advice, not a trial result" in warning.message


def test_a_pair_added_past_its_limit_is_over_on_its_first_run():
    shoe = Shoe(1, "Old faithful", start_m=900_000)
    h = history([run(3, 5, shoe=1)], as_of=5, shoes=[shoe])
    assert dates(h, "shoe_over_limit") == [day(3)]
    assert dates(h, "new_shoe") == [day(3)]


def test_a_pairs_first_run_is_a_new_shoe_change():
    shoes = [Shoe(1, "Pegasus"), Shoe(2, "Ghost", start_m=42_000)]
    runs = [run(0, 5, shoe=1), run(4, 5, shoe=1), run(6, 5, shoe=2), run(8, 5, shoe=2)]
    h = history(runs, as_of=10, shoes=shoes)
    assert dates(h, "new_shoe") == [day(0), day(6)]
    assert (
        h.events[-1].message
        == "On 12 January 2025 you first ran in Ghost, which already had 42 km on them."
    )


def test_a_run_naming_an_unknown_pair_is_left_alone():
    h = history([run(0, 5, shoe=99)], as_of=1, shoes=[Shoe(1, "Pegasus")])
    assert h.shoes[0].distance_m == 0 and h.events == ()


def test_retired_pairs_are_not_in_the_reports_shoes():
    shoes = [Shoe(1, "Pegasus", retired=True), Shoe(2, "Ghost")]
    report = build_report([run(0, 5, shoe=1), run(1, 5, shoe=2)], shoes, (), day(1))
    assert [s["id"] for s in report.as_json()["shoes"]] == [2]
    assert [s.id for s in report.history.shoes] == [1, 2]


def test_the_rotation_share_is_of_the_last_12_weeks_running_with_a_pair():
    shoes = [Shoe(1, "Pegasus"), Shoe(2, "Ghost")]
    runs = [
        *every(range(0, 42, 3), 10, shoe=2),  # before the 12 weeks to day 120 (from day 42)
        *every(range(42, 121, 2), 9, shoe=1),  # 40 runs, 360 km
        *every(range(45, 121, 10), 5, shoe=2),  # 8 runs, 40 km
        run(50, 50),  # no pair recorded
    ]
    rotation = history(runs, as_of=120, shoes=shoes).rotation
    assert rotation is not None
    assert (rotation.shoe_id, rotation.pairs, rotation.share) == (1, 2, 0.9)
    assert "Pegasus carried 90% of your running with shoes recorded in the last 12 weeks" in (
        rotation.message
    )
    assert "Malisoux 2015" in rotation.message


def test_one_pair_only_is_said_so():
    rotation = history([run(0, 5, shoe=1)], as_of=1, shoes=[Shoe(1, "Pegasus")]).rotation
    assert rotation is not None and rotation.share == 1.0
    assert rotation.message.startswith("All your running with shoes recorded in the last 12 weeks")


def test_no_pair_recorded_gives_no_rotation():
    assert history([run(0, 5)], as_of=1, shoes=[Shoe(1, "Pegasus")]).rotation is None


def test_shoe_statuses_alone_match_the_report_and_keep_retired_pairs():
    shoes = [Shoe(1, "Pegasus", start_m=650_000, retired=True), Shoe(2, "Ghost")]
    runs = [run(0, 45, shoe=1), run(1, 5, shoe=2), run(9, 5, shoe=2)]
    statuses = shoe_statuses(runs, shoes, day(5))
    assert statuses == history(runs, as_of=5, shoes=shoes).shoes
    assert [(s.id, s.distance_m, s.status, s.retired) for s in statuses] == [
        (1, 695_000, "near_limit", True),
        (2, 5_000, "ok", False),
    ]


def test_a_limit_of_zero_is_refused():
    with pytest.raises(ValueError, match="shoe 1 limit"):
        history([run(0, 5, shoe=1)], as_of=1, shoes=[Shoe(1, "Pegasus", limit_m=0)])
