"""single_run_spike: longer than 110% of the longest run of the 30 days before its day."""

import re

from runwell.training.tests.helpers import dates, day, history, only, run


def test_a_run_of_exactly_110_percent_is_no_spike():
    h = history([run(0, 10), run(10, 11)], as_of=20)
    assert dates(h, "single_run_spike") == []


def test_a_run_of_110_point_1_percent_is_a_spike_on_its_day():
    h = history([run(0, 10), run(10, 11.01)], as_of=20)
    assert dates(h, "single_run_spike") == [day(10)]


def test_a_millimetre_over_110_percent_is_a_spike():
    h = history([run(0, 10), run(10, 11.000001)], as_of=20)
    assert dates(h, "single_run_spike") == [day(10)]


def test_the_first_run_ever_is_no_spike():
    assert dates(history([run(0, 42.2)], as_of=0), "single_run_spike") == []


def test_the_30_days_before_are_the_window_and_day_31_is_outside_it():
    inside = history([run(0, 10), run(30, 20)], as_of=30)
    outside = history([run(0, 10), run(31, 20)], as_of=31)
    assert dates(inside, "single_run_spike") == [day(30)]
    assert dates(outside, "single_run_spike") == []


def test_runs_on_the_same_day_are_not_compared_with_each_other():
    h = history([run(5, 5), run(5, 20)], as_of=5)
    assert dates(h, "single_run_spike") == []


def test_the_longest_run_of_the_window_counts_not_the_latest():
    runs = [run(0, 20), run(5, 5)]
    assert dates(history([*runs, run(10, 21.9)], as_of=10), "single_run_spike") == []
    assert dates(history([*runs, run(10, 22.1)], as_of=10), "single_run_spike") == [day(10)]


def test_a_spike_is_raised_once_a_day_for_the_longest_run_of_the_day():
    spike = only(history([run(0, 10), run(3, 12), run(3, 15)], as_of=3), "single_run_spike")
    assert "15.0 km" in spike.message


def test_a_zero_km_entry_is_nothing_to_compare_against():
    h = history([run(0, 0), run(3, 5)], as_of=3)
    assert dates(h, "single_run_spike") == []


def test_other_sports_are_neither_spikes_nor_the_longest_run():
    ride = run(2, 80, sport="cycling")
    walk = run(4, 30, sport="walking")
    h = history([run(0, 10), ride, walk, run(6, 10.5)], as_of=6)
    assert dates(h, "single_run_spike") == []


def test_the_message_gives_the_absolute_figures_and_the_source():
    spike = only(history([run(0, 11), run(20, 16.2)], as_of=20), "single_run_spike")
    assert spike.message.startswith("On 26 January 2025 you ran 16.2 km, 47% longer than your")
    assert "(11.0 km on 6 January 2025)" in spike.message
    assert "BJSM 2025" in spike.message
    assert not re.search(r"(?<![\d.])10 ?%", spike.message)  # never "the 10% rule"
    assert spike.source.url == "https://doi.org/10.1136/bjsports-2024-109380"


def test_runs_after_as_of_are_ignored():
    h = history([run(0, 10), run(10, 20)], as_of=9)
    assert h.events == ()
