"""Pain episodes and the insights that tie them to what changed in the 3 weeks before."""

from runwell.training.insights import episodes, insights, open_episode
from runwell.training.load import Shoe
from runwell.training.report import build_report
from runwell.training.tests.helpers import day, every, history, pain, run


def _episodes(entries, as_of):
    return [(e.start, e.end) for e in episodes(entries, day(as_of))]


# --- episodes -------------------------------------------------------------------


def test_two_days_scored_3_within_7_days_start_an_episode_on_the_first():
    assert _episodes([pain(0, 3), pain(6, 3)], as_of=30) == [(day(0), day(6))]


def test_two_days_7_days_apart_are_not_within_7_days():
    assert _episodes([pain(0, 3), pain(7, 3)], as_of=30) == []


def test_a_score_of_2_is_below_the_threshold():
    assert _episodes([pain(0, 2), pain(1, 9)], as_of=30) == []


def test_two_entries_on_one_day_are_one_day():
    assert _episodes([pain(0, 4), pain(0, 5, "upper_back")], as_of=30) == []


def test_an_episode_goes_on_while_the_next_score_comes_within_7_days():
    assert _episodes([pain(0, 4), pain(3, 4), pain(10, 4)], as_of=30) == [(day(0), day(10))]


def test_seven_days_without_end_it_and_a_new_one_needs_two_days_again():
    entries = [pain(0, 4), pain(3, 4), pain(11, 4)]
    assert _episodes(entries, as_of=30) == [(day(0), day(3))]
    entries += [pain(20, 5), pain(22, 3)]
    assert _episodes(entries, as_of=30) == [(day(0), day(3)), (day(20), day(22))]


def test_an_episode_is_open_until_7_days_have_passed_without_a_score_of_3():
    entries = [pain(0, 4), pain(4, 4), pain(10, 4)]
    (still,) = episodes(entries, day(16))
    assert still.end is None and still.is_open and still.last == day(10)
    (over,) = episodes(entries, day(17))
    assert over.end == day(10) and not over.is_open
    assert open_episode(entries, day(16)) == still
    assert open_episode(entries, day(17)) is None


def test_region_and_peak():
    (lower,) = episodes([pain(0, 3), pain(2, 7), pain(4, 1, "upper_back")], day(30))
    assert (lower.region, lower.peak) == ("lower_back", 7)
    (mixed,) = episodes([pain(0, 3, "upper_back"), pain(2, 5)], day(30))
    assert (mixed.region, mixed.peak) == ("both", 5)


def test_pain_after_as_of_is_ignored():
    assert _episodes([pain(0, 5), pain(3, 5)], as_of=2) == []


# --- the changes before an episode --------------------------------------------------


def test_changes_are_those_of_the_21_days_up_to_and_including_the_start_oldest_first():
    shoes = [Shoe(k, f"Pair {k}") for k in range(1, 5)]
    runs = [run(19, 5, shoe=1), run(20, 5, shoe=2), run(40, 5, shoe=3), run(41, 5, shoe=4)]
    h = history(runs, as_of=60, shoes=shoes)
    (insight,) = insights([pain(40, 4), pain(41, 4)], h)
    assert [(c.id, c.date) for c in insight.changes] == [
        ("new_shoe", day(20)),
        ("new_shoe", day(40)),
    ]


def test_insights_are_newest_first_with_the_contract_shape():
    h = history(every(range(0, 80, 2), 8), as_of=80)
    found = insights([pain(10, 4), pain(11, 4), pain(60, 6), pain(61, 6)], h)
    assert [i.episode.start for i in found] == [day(60), day(10)]
    assert set(found[0].as_json()) == {"episode", "changes"}
    assert "our own" not in found[0].summary  # the thresholds note travels as the source
    assert "Runwell's own choice" in found[0].source.caveat


# --- hand-built histories -----------------------------------------------------------


def test_a_spike_then_pain_names_the_run_and_the_shoes():
    shoes = [Shoe(1, "Pegasus", start_m=566_000)]
    runs = [*every(range(0, 40, 2), 10, shoe=1), run(40, 14, shoe=1)]  # 780 km after day 40
    report = build_report(runs, shoes, [pain(46, 4), pain(47, 5)], day(60))
    (insight,) = report.insights
    assert insight.summary == (
        "Your lower back pain began on 21 February 2025, 6 days after a 14.0 km run, 40% longer "
        "than any in the month before, on shoes with 780 km. Also in the 3 weeks before it: "
        "your shoes (Pegasus) went past their 700 km limit (1 February 2025)."
    )
    assert [c.id for c in insight.changes] == ["shoe_over_limit", "single_run_spike"]
    assert insight.as_json()["episode"] == {
        "start": "2025-02-21",
        "end": "2025-02-22",
        "region": "lower_back",
        "peak": 5,
    }


def test_a_new_pair_then_pain_names_the_pair():
    shoes = [Shoe(1, "Pegasus"), Shoe(2, "Ghost")]
    runs = [*every(range(0, 40, 2), 8, shoe=1), *every(range(40, 52, 2), 8, shoe=2)]
    (insight,) = build_report(runs, shoes, [pain(45, 3), pain(46, 3)], day(60)).insights
    assert insight.summary == (
        "Your lower back pain began on 20 February 2025, 5 days after you started running in "
        "new shoes (Ghost)."
    )


def test_no_change_then_pain_says_nothing_in_the_log_changed():
    shoes = [Shoe(1, "Pegasus")]
    runs = every(range(0, 110, 2), 8, shoe=1, surface="road")
    (insight,) = build_report(runs, shoes, [pain(100, 5), pain(102, 4)], day(110)).insights
    assert insight.changes == ()
    assert insight.summary.startswith(
        "Nothing in your log changed in the 3 weeks before your lower back pain began on "
        "16 April 2025: no run much longer than the month before"
    )


def test_pain_without_runs_in_the_3_weeks_before_says_the_log_cannot_tell():
    runs = every(range(0, 20, 2), 8)
    (insight,) = build_report(
        runs, [], [pain(50, 5, "upper_back"), pain(51, 5, "upper_back")], day(60)
    ).insights
    assert insight.summary == (
        "Your log has no runs in the 3 weeks before your upper back pain began on "
        "25 February 2025, so it cannot show what changed in your running."
    )


def test_the_report_names_the_open_episode():
    report = build_report(every(range(0, 20, 2), 8), [], [pain(10, 4), pain(12, 6)], day(15))
    assert report.open_episode is not None and report.open_episode.start == day(10)
    assert report.as_json()["insights"][0]["episode"]["end"] is None
