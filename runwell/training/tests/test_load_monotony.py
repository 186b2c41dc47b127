"""monotony_high: Foster's monotony of the last 7 days (rest days 0, at least 3 runs) above 2.0."""

import math

import pytest

from runwell.training import events
from runwell.training.report import build_report
from runwell.training.tests.helpers import dates, day, every, history, only, run


def _week(km: list[float]):
    return [run(n, k) for n, k in enumerate(km) if k]


def test_a_monotony_of_exactly_2_is_no_warning():
    h = history(_week([1, 2, 3, 4, 5, 6, 7]), as_of=6)  # mean 4, population SD 2
    assert h.monotony == 2.0
    assert dates(h, "monotony_high") == []


def test_just_over_2_is_a_warning_on_that_day():
    h = history(_week([1.001, 2, 3, 4, 5, 6, 7]), as_of=6)
    assert h.monotony is not None and h.monotony > 2.0
    assert dates(h, "monotony_high") == [day(6)]


def test_rest_days_count_as_zero():
    h = history(_week([10, 10, 10, 10, 10, 10, 0]), as_of=6)  # six equal runs and a rest day
    assert h.monotony == pytest.approx(6 / math.sqrt(6))
    assert dates(h, "monotony_high") == [day(5)]  # day 5: six runs and the day before the log


def test_fewer_than_3_runs_give_no_monotony():
    assert history(_week([10, 0, 0, 10]), as_of=6).monotony is None
    assert history(_week([10, 0, 0, 10, 0, 10]), as_of=6).monotony is not None


def test_three_runs_on_one_day_are_three_runs():
    h = history([run(3, 5), run(3, 5), run(3, 5)], as_of=6)
    assert h.monotony == pytest.approx(1 / math.sqrt(6))


def test_seven_equal_days_are_infinitely_monotonous_and_the_report_shows_null():
    runs = every(range(14), 8)
    h = history(runs, as_of=13)
    assert h.monotony == math.inf
    assert dates(h, "monotony_high") == [day(5)]  # six equal days and a rest day already
    assert build_report(runs, (), (), day(13)).as_json()["monotony"] is None


def test_an_infinite_monotony_is_worded_without_a_number():
    warning = events.monotony_high(day(6), math.inf, 56_000_000, 7)
    assert "the same distance every day, so there was no variation at all" in warning.message


def test_the_message_names_foster_and_says_the_threshold_is_practice():
    warning = only(history(_week([1.001, 2, 3, 4, 5, 6, 7]), as_of=6), "monotony_high")
    assert "7 runs, 28.0 km in all, monotony 2.0" in warning.message
    assert "Foster 1998" in warning.message
    assert "common coaching practice, not Foster's" in warning.message
