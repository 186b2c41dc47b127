"""The simplified route: never over the cap, first and last point kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from runwell.training.importers.route import RouteSampler, simplify

coordinates = st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False))


@given(st.lists(coordinates, min_size=1, max_size=3000), st.integers(2, 600))
def test_simplify_never_exceeds_the_cap_and_keeps_both_ends(points, cap):
    route = simplify(points, cap)
    assert 0 < len(route) <= cap
    assert route[0] == points[0]
    assert route[-1] == points[-1]


@settings(max_examples=60)
@given(
    st.lists(st.integers(1, 5000), min_size=1, max_size=8),
    st.integers(2, 300),
    st.booleans(),
)
def test_the_streaming_sampler_stays_bounded_and_keeps_both_ends(blocks, cap, one_by_one):
    sampler = RouteSampler(cap)
    n = 0
    for size in blocks:
        if one_by_one:
            for i in range(n, n + size):
                sampler.add(float(i), 0.0)
        else:
            first, step = sampler.plan(size)
            sampler.feed([(float(i), 0.0) for i in range(n + first, n + size, step)], size,
                         (float(n + size - 1), 0.0))  # fmt: skip
        n += size
        assert len(sampler.kept) <= cap
    route = sampler.route(cap)
    assert len(route) <= cap
    assert route[0] == (0.0, 0.0) and route[-1] == (float(n - 1), 0.0)
    assert [lat for lat, _ in route] == sorted(lat for lat, _ in route)


def test_samples_are_evenly_spaced():
    sampler = RouteSampler(10)
    for i in range(1000):
        sampler.add(float(i), 0.0)
    gaps = {b[0] - a[0] for a, b in zip(sampler.route(10), sampler.route(10)[1:], strict=False)}
    assert max(gaps) - min(gaps) <= 64
