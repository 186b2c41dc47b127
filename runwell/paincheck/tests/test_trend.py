"""The saved-checks trend: coordinates for a small SVG of pain score over time."""

from datetime import UTC, datetime, timedelta

from runwell.paincheck.trend import pain_trend

DAY0 = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)


def test_fewer_than_two_readings_draw_nothing():
    assert pain_trend([]) is None
    assert pain_trend([(DAY0, 5)]) is None


def test_points_are_placed_by_time_and_score():
    trend = pain_trend([(DAY0, 10), (DAY0 + timedelta(days=1), 5), (DAY0 + timedelta(days=4), 0)])
    assert trend is not None
    xs = [p.x for p in trend.points]
    ys = [p.y for p in trend.points]
    assert xs[0] == trend.left and xs[-1] == trend.right
    assert xs[1] - xs[0] < xs[2] - xs[1]  # one day, then three
    assert ys[0] < ys[1] < ys[2]  # higher pain is higher on the chart
    assert [score for _, score in trend.gridlines] == [0, 5, 10]
    assert trend.polyline.count(",") == 3


def test_checks_saved_at_the_same_moment_are_spread_evenly():
    trend = pain_trend([(DAY0, 3), (DAY0, 4), (DAY0, 5)])
    assert trend is not None
    xs = [p.x for p in trend.points]
    assert xs[1] - xs[0] == xs[2] - xs[1] > 0


def test_the_summary_reads_as_a_sentence():
    trend = pain_trend([(DAY0, 6), (DAY0 + timedelta(days=48), 2)])
    assert trend is not None
    assert trend.summary == (
        "Pain score over 2 saved checks: 6 out of 10 on 3 May 2026, 2 out of 10 on 20 June 2026."
    )
