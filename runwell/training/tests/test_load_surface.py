"""surface_change: rare surfaces (<20% of the 60 days before the window) reach 30% of 14 days."""

from runwell.training.load import Activity
from runwell.training.tests.helpers import dates, day, history, only, run

# Evaluated on day 95: the window is days 82..95, the baseline days 22..81.


def _history(
    baseline: list[Activity], road_km: float, trail_km: float, extra: tuple[Activity, ...] = ()
):
    window = [run(90, road_km, surface="road"), run(95, trail_km, surface="trail")]
    return history([*baseline, *window, *extra], as_of=100)


def test_exactly_30_percent_of_the_window_is_a_change():
    h = _history([run(30, 40, surface="road")], road_km=7, trail_km=3)
    assert dates(h, "surface_change") == [day(95)]


def test_just_under_30_percent_is_not():
    h = _history([run(30, 40, surface="road")], road_km=7, trail_km=2.999)
    assert dates(h, "surface_change") == []


def test_a_surface_with_exactly_20_percent_before_is_not_rare():
    baseline = [run(30, 8, surface="road"), run(30, 2, surface="trail")]
    assert dates(_history(baseline, road_km=5, trail_km=10), "surface_change") == []


def test_a_surface_just_under_20_percent_before_is_rare():
    baseline = [run(30, 8, surface="road"), run(30, 1.999, surface="trail")]
    assert dates(_history(baseline, road_km=5, trail_km=10), "surface_change") == [day(95)]


def test_the_baseline_is_the_60_days_before_the_window():
    assert dates(_history([run(22, 40, surface="road")], 7, 3), "surface_change") == [day(95)]
    assert dates(_history([run(21, 40, surface="road")], 7, 3), "surface_change") == []


def test_runs_without_a_surface_count_on_neither_side():
    untagged = (run(92, 100), run(40, 100))
    h = _history([run(30, 40, surface="road")], road_km=7, trail_km=3, extra=untagged)
    assert dates(h, "surface_change") == [day(95)]


def test_without_earlier_running_there_is_nothing_to_change_from():
    assert dates(_history([], road_km=1, trail_km=30), "surface_change") == []


def test_the_message_gives_the_shares_and_says_the_evidence_is_weak():
    change = only(_history([run(30, 40, surface="road")], 7, 3), "surface_change")
    assert change.message.startswith(
        "In the 14 days to 11 April 2025, 30% of your running (3.0 km of 10.0 km) was on "
        "trails, against 0% in the 60 days before."
    )
    assert "evidence linking running surfaces to injury is weak" in change.message
