"""Properties of the load rules over random logs (hypothesis).

- Recording a rest day never raises a spike: a 0 km entry, or days without running after
  the last run. (Inserting a day *between* runs is not such a property: it moves later
  runs a day further from earlier ones, so an old longest run can leave their 30 days.)
- Scaling every distance leaves the ratios (ACWR, monotony) and the scale-free warnings
  alone. two_week_increase and the shoe rules have absolute distances in them (the 10 km
  floor, the shoe limit), so scaling may rightly change those and they are left out.
- Other sports never change anything; neither does the order the activities come in.
"""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from runwell.training.insights import PainEntry
from runwell.training.load import SURFACES, Activity, LoadHistory, Shoe, analyse
from runwell.training.report import build_report
from runwell.training.tests.helpers import day

SCALE_FREE = {"single_run_spike", "acwr_high", "monotony_high", "surface_change"}
EXACT_UNDER_ANY_FACTOR = {"single_run_spike", "monotony_high", "surface_change"}
LAST_DAY = 150
SHOES = [Shoe(1, "Pegasus", start_m=500_000), Shoe(2, "Ghost", limit_m=480_000)]

runs_strategy = st.lists(
    st.tuples(
        st.integers(0, LAST_DAY),  # day
        st.integers(0, 5_000).map(lambda j: j * 8),  # metres, a multiple of 8 (see scaling)
        st.sampled_from((None, *SURFACES)),
        st.sampled_from((None, 1, 2)),
    ),
    max_size=60,
)
others_strategy = st.lists(
    st.tuples(
        st.integers(0, LAST_DAY),
        st.sampled_from(("cycling", "walking", "hiking", "other")),
        st.floats(0, 300_000, allow_nan=False),
        st.sampled_from((None, *SURFACES)),
        st.sampled_from((None, 1, 2)),
    ),
    min_size=1,
    max_size=20,
)
pain_strategy = st.lists(st.tuples(st.integers(0, LAST_DAY), st.integers(0, 10)), max_size=20).map(
    lambda xs: [PainEntry(day(d), "lower_back", s, "after_run") for d, s in xs]
)


def _activities(runs, scale: float = 1.0, shoes: bool = True) -> list[Activity]:
    return [
        Activity(k, day(d), "running", m * scale, m / 3, surface, shoe if shoes else None)
        for k, (d, m, surface, shoe) in enumerate(runs, start=1)
    ]


def _events(h: LoadHistory, kinds: set[str]) -> list[tuple[str, object]]:
    return [(e.id, e.date) for e in h.events if e.id in kinds]


def _spikes(h: LoadHistory) -> list[tuple[str, object]]:
    return _events(h, {"single_run_spike"})


@settings(max_examples=80, deadline=None)
@given(runs_strategy, st.integers(0, LAST_DAY))
def test_a_zero_km_entry_never_raises_a_spike(runs, rest_day):
    activities = _activities(runs)
    rest = Activity(10_000, day(rest_day), "running", 0.0, 0.0)
    before = analyse(activities, SHOES, day(LAST_DAY))
    after = analyse([*activities, rest], SHOES, day(LAST_DAY))
    assert _spikes(after) == _spikes(before)


@settings(max_examples=60, deadline=None)
@given(runs_strategy, st.integers(1, 60))
def test_rest_days_after_the_last_run_never_raise_a_spike(runs, extra_days):
    activities = _activities(runs)
    before = analyse(activities, SHOES, day(LAST_DAY))
    after = analyse(activities, SHOES, day(LAST_DAY + extra_days))
    assert _spikes(after) == _spikes(before)


@settings(max_examples=80, deadline=None)
@given(runs_strategy, st.integers(-3, 8))
def test_scaling_by_a_power_of_two_leaves_ratios_and_scale_free_warnings_alone(runs, power):
    # Powers of two scale every float exactly, so even the EWMA ratio must not move.
    plain = analyse(_activities(runs, shoes=False), [], day(LAST_DAY))
    scaled = analyse(_activities(runs, 2.0**power, shoes=False), [], day(LAST_DAY))
    assert _events(scaled, SCALE_FREE) == _events(plain, SCALE_FREE)
    assert scaled.acwr == plain.acwr
    _same_ratio(scaled.monotony, plain.monotony)


@settings(max_examples=80, deadline=None)
@given(runs_strategy, st.integers(2, 1000))
def test_scaling_by_any_factor_leaves_ratios_and_exact_warnings_alone(runs, factor):
    plain = analyse(_activities(runs, shoes=False), [], day(LAST_DAY))
    scaled = analyse(_activities(runs, factor, shoes=False), [], day(LAST_DAY))
    assert _events(scaled, EXACT_UNDER_ANY_FACTOR) == _events(plain, EXACT_UNDER_ANY_FACTOR)
    _same_ratio(scaled.acwr, plain.acwr)
    _same_ratio(scaled.monotony, plain.monotony)


def _same_ratio(a: float | None, b: float | None) -> None:
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a == b or math.isclose(a, b, rel_tol=1e-12)


@settings(max_examples=60, deadline=None)
@given(runs_strategy, others_strategy, pain_strategy)
def test_other_sports_never_change_anything(runs, others, pain):
    activities = _activities(runs)
    extra = [
        Activity(20_000 + k, day(d), sport, metres, 600.0, surface, shoe)
        for k, (d, sport, metres, surface, shoe) in enumerate(others)
    ]
    plain = build_report(activities, SHOES, pain, day(LAST_DAY))
    mixed = build_report([*activities, *extra], SHOES, pain, day(LAST_DAY))
    assert mixed.as_json() == plain.as_json()
    assert mixed.history == plain.history


@settings(max_examples=40, deadline=None)
@given(runs_strategy, pain_strategy, st.randoms(use_true_random=False))
def test_the_order_of_the_activities_does_not_matter(runs, pain, rng: random.Random):
    activities = _activities(runs)
    shuffled = activities[:]
    rng.shuffle(shuffled)
    plain = build_report(activities, SHOES, pain, day(LAST_DAY))
    assert build_report(shuffled, SHOES, pain, day(LAST_DAY)).as_json() == plain.as_json()
