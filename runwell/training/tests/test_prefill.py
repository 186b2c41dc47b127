"""The pain check's answers the training log can give, each with where it came from."""

from runwell.training.load import Shoe
from runwell.training.prefill import mileage_increase_pct, prefill, shoe_km, terrain
from runwell.training.tests.helpers import day, every, run

AS_OF = 100  # the last 4 weeks are days 73..100, the 4 before days 45..72


def test_mileage_compares_the_last_4_weeks_with_the_4_before():
    runs = [run(45, 10), *every(range(46, 73, 3), 10), *every(range(73, 101, 2), 8.5)]
    result = mileage_increase_pct(runs, day(AS_OF))
    # 10 runs of 10 km before, 14 runs of 8.5 km (119 km) since: up 19%.
    assert result.value == 19
    assert result.source == (
        "From your training log: 119.0 km in the 4 weeks to 16 April 2025 against 100.0 km in "
        "the 4 weeks before (up 19%)."
    )


def test_a_decrease_is_0_and_says_so():
    result = mileage_increase_pct([run(45, 40), run(80, 30)], day(AS_OF))
    assert result.value == 0
    assert "(down 25%, so 0)" in result.source


def test_the_increase_is_capped_at_the_questions_500():
    result = mileage_increase_pct([run(45, 1), run(80, 30)], day(AS_OF))
    assert result.value == 500
    assert "up more than 500%" in result.source


def test_a_log_that_starts_inside_the_8_weeks_is_not_used():
    assert mileage_increase_pct([run(45, 10), run(80, 10)], day(AS_OF)).value == 0
    result = mileage_increase_pct([run(46, 10), run(80, 10)], day(AS_OF))
    assert result.value is None
    assert "does not reach back 8 weeks" in result.source


def test_no_running_in_the_earlier_4_weeks_leaves_it_empty():
    result = mileage_increase_pct([run(10, 10), run(80, 10)], day(AS_OF))
    assert result.value is None
    assert "no running in the 4 weeks before the last 4" in result.source


def test_other_sports_do_not_count_towards_mileage():
    runs = [run(45, 10), run(80, 10), run(81, 100, sport="cycling")]
    assert mileage_increase_pct(runs, day(AS_OF)).value == 0


def test_shoe_km_is_the_pair_of_the_latest_run_that_names_one():
    shoes = [Shoe(1, "Pegasus", start_m=150_000), Shoe(2, "Ghost")]
    runs = [run(10, 300, shoe=2), *every(range(50, 90, 2), 10, shoe=1), run(95, 12)]
    result = shoe_km(runs, shoes, day(AS_OF))
    assert result.value == 350
    assert result.source == (
        "From your training log: Pegasus, worn on your run of 4 April 2025, have 350 km, "
        "including 150 km before you logged them."
    )


def test_shoe_km_is_capped_and_missing_pairs_leave_it_empty():
    assert shoe_km([run(1, 10, shoe=1)], [Shoe(1, "Old", start_m=6_000_000)], day(5)).value == 5000
    result = shoe_km([run(1, 10)], [Shoe(1, "Old")], day(5))
    assert result.value is None and "names a pair of shoes" in result.source


def test_terrain_maps_the_main_surface_of_the_last_4_weeks():
    runs = [
        *every(range(0, 70, 2), 10, surface="trail"),
        *every(range(80, 100, 2), 5, surface="road"),
        run(90, 20, surface="trail"),
    ]
    result = terrain(runs, day(AS_OF))
    assert result.value == "hard_flat"
    assert result.source == (
        "From your training log: 71% of your running in the last 4 weeks was on road. "
        "The log records no hills: if your roads are hilly, choose that instead."
    )
    assert terrain([run(99, 5, surface="trail")], day(AS_OF)).value == "soft_or_mixed"
    assert terrain([run(99, 5, surface="mixed")], day(AS_OF)).value == "soft_or_mixed"
    # The pain check's own option reads "Soft or mixed ground (trails, grass, track)".
    assert terrain([run(99, 5, surface="track")], day(AS_OF)).value == "soft_or_mixed"


def test_a_treadmill_is_left_to_the_runner_because_its_incline_is_unknown():
    result = terrain([run(99, 5, surface="treadmill")], day(AS_OF))
    assert result.value is None
    assert "does not record its incline" in result.source


def test_no_surface_recorded_leaves_terrain_empty():
    result = terrain([run(99, 5), run(10, 5, surface="road")], day(AS_OF))
    assert result.value is None and "records its surface" in result.source


def test_prefill_gives_the_answers_it_could_fill():
    runs = [run(45, 10, surface="road"), run(99, 12, surface="road", shoe=1)]
    result = prefill(runs, [Shoe(1, "Pegasus")], day(AS_OF))
    assert result.answers() == {"mileage_increase_pct": 20, "shoe_km": 12, "terrain": "hard_flat"}
    assert prefill([], [], day(AS_OF)).answers() == {}
