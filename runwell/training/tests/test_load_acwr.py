"""acwr_high and the loads: EWMA, lambda = 2/(N+1), N = 7 and 28, from 0 on the first run."""

from collections.abc import Sequence

import pytest

from runwell.training.tests.helpers import dates, day, every, history, only, run


def reference(daily_km: Sequence[float]) -> list[tuple[float, float]]:
    """The Williams 2017 formula written out plainly: EWMA = load * l + (1 - l) * EWMA before."""
    acute = chronic = 0.0
    out = []
    for load in daily_km:
        acute = load * (2 / 8) + (1 - 2 / 8) * acute
        chronic = load * (2 / 29) + (1 - 2 / 29) * chronic
        out.append((acute, chronic))
    return out


def test_the_loads_start_from_zero_on_the_first_running_day():
    h = history([run(0, 10)], as_of=0)
    assert h.acute_load == pytest.approx(2.5)
    assert h.chronic_load == pytest.approx(20 / 29)
    h = history([run(0, 10)], as_of=1)
    assert h.acute_load == pytest.approx(2.5 * 0.75)
    assert h.chronic_load == pytest.approx(20 / 29 * 27 / 29)


def test_the_loads_match_the_formula_day_by_day():
    km = [5, 0, 8, 0, 0, 12, 3, 0, 21, 0, 6, 6, 0, 0, 10] * 3
    runs = [run(n, k) for n, k in enumerate(km) if k]
    h = history(runs, as_of=len(km) - 1)
    acute, chronic = reference(km)[-1]
    assert h.acute_load == pytest.approx(acute, rel=1e-12)
    assert h.chronic_load == pytest.approx(chronic, rel=1e-12)
    assert h.acwr == pytest.approx(acute / chronic, rel=1e-12)
    chart = {d.date: d for d in h.days}
    for n, (a, c) in enumerate(reference(km)):
        assert chart[day(n)].acute_load == pytest.approx(a, rel=1e-12)
        assert chart[day(n)].chronic_load == pytest.approx(c, rel=1e-12)


def test_the_ratio_is_null_until_28_days_of_history():
    runs = every(range(0, 40, 2), 8)
    assert history(runs, as_of=26).acwr is None
    assert history(runs, as_of=27).acwr is not None
    assert history(runs, as_of=26).acute_load is not None  # the loads themselves are shown


def test_non_running_days_before_the_first_run_are_not_history():
    ride = run(0, 50, sport="cycling")
    h = history([ride, run(10, 5)], as_of=36)
    assert h.first_day == day(10)
    assert h.acwr is None


def _steady_then(km_on_day_40: float):
    return [*every(range(40), 5), run(40, km_on_day_40)]


def _ratio_after(km_on_day_40: float) -> float:
    acute, chronic = reference([5] * 40 + [km_on_day_40])[-1]
    return acute / chronic


def _threshold_km() -> float:
    """The largest whole metre on day 40 that keeps the ratio at or below 1.5."""
    lo, hi = 5000, 60000
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if _ratio_after(mid / 1000) <= 1.5 else (lo, mid)
    return lo / 1000


def test_a_ratio_at_or_just_under_1_5_is_no_warning_and_just_over_is():
    km = _threshold_km()
    assert _ratio_after(km) <= 1.5 < _ratio_after(km + 0.001)
    below, above = history(_steady_then(km), as_of=41), history(_steady_then(km + 0.001), as_of=41)
    assert dates(below, "acwr_high") == []
    assert dates(above, "acwr_high") == [day(40)]


def test_a_jump_before_28_days_is_raised_on_the_first_day_the_ratio_is_shown():
    h = history([run(0, 5), run(24, 40)], as_of=40)
    acute, chronic = reference([5] + [0] * 23 + [40, 0, 0, 0])[-1]  # the end of day 27
    assert acute / chronic > 1.5
    assert dates(h, "acwr_high") == [day(27)]


def test_one_warning_for_a_stretch_above_1_5():
    km = [5.0] * 40 + [15.0] * 6 + [0.0] * 10
    ratios = [a / c for a, c in reference(km)]
    above = [n for n, r in enumerate(ratios) if n >= 27 and r > 1.5]
    assert len(above) > 1 and above == list(range(above[0], above[-1] + 1))  # one stretch
    h = history([run(n, k) for n, k in enumerate(km) if k], as_of=len(km) - 1)
    assert dates(h, "acwr_high") == [day(above[0])]


def test_the_message_describes_change_with_weekly_km_and_never_risk():
    warning = only(history(_steady_then(30), as_of=41), "acwr_high")
    assert "In the 7 days to 15 February 2025 you ran 60.0 km, against 35.0 km a week" in (
        warning.message
    )
    assert "not a risk of injury" in warning.message
    for source in ("Williams 2017", "Gabbett 2016", "Impellizzeri 2020", "Lolli 2019"):
        assert source in warning.message
    assert "probab" not in warning.message.lower()
