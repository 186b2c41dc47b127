"""two_week_increase: days d-13..d above 130% of d-27..d-14, the earlier fortnight >= 10 km."""

import re

from runwell.training.tests.helpers import dates, day, history, only, run


def _fortnights(earlier_km: float, recent_km: float):
    # The earlier run on day 0 is in the earlier fortnight of days 14..27; the recent run on
    # day 20 is in the recent fortnight of days 20..33, so the rule can hold on days 20..27.
    return [run(0, earlier_km), run(20, recent_km)]


def test_exactly_130_percent_is_no_warning():
    assert dates(history(_fortnights(10, 13), as_of=60), "two_week_increase") == []


def test_just_over_130_percent_is_raised_on_the_first_day_of_the_stretch():
    assert dates(history(_fortnights(10, 13.001), as_of=60), "two_week_increase") == [day(20)]


def test_the_earlier_fortnight_must_hold_10_km():
    assert dates(history(_fortnights(9.999, 30), as_of=60), "two_week_increase") == []
    assert dates(history(_fortnights(10, 30), as_of=60), "two_week_increase") == [day(20)]


def test_the_fortnights_are_days_d_minus_13_to_d_and_d_minus_27_to_d_minus_14():
    # On day 27 the earlier fortnight is days 0..13 and holds day 0; on day 28 it does not.
    runs = [run(0, 10), run(27, 14)]
    assert dates(history(runs, as_of=40), "two_week_increase") == [day(27)]
    runs = [run(0, 10), run(28, 14)]
    assert dates(history(runs, as_of=40), "two_week_increase") == []


def test_each_new_stretch_raises_again():
    runs = [run(0, 10), run(20, 14), run(60, 10), run(80, 14)]
    assert dates(history(runs, as_of=100), "two_week_increase") == [day(20), day(80)]


def test_the_message_gives_both_fortnights_and_the_source():
    warning = only(history(_fortnights(10, 14.5), as_of=30), "two_week_increase")
    assert "you ran 14.5 km, 45% more than in the 2 weeks before (10.0 km)" in warning.message
    assert "Nielsen 2014" in warning.message
    assert "not statistically certain" in warning.message
    assert not re.search(r"(?<![\d.])10 ?%", warning.message)
