"""Routes kept as polylines and drawn as SVG; what counts as the same run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from runwell.training import routes
from runwell.training.dedupe import SeenRuns

points = st.lists(
    st.tuples(st.floats(-89.9, 89.9), st.floats(-179.9, 179.9)), min_size=0, max_size=50
)


@given(points)
def test_a_route_survives_encoding_to_about_a_metre(route):
    back = routes.decode(routes.encode(route))
    assert len(back) == len(route)
    for (lat, lon), (lat2, lon2) in zip(route, back, strict=True):
        assert abs(lat - lat2) <= 6e-6 and abs(lon - lon2) <= 6e-6


def test_the_encoding_matches_the_published_example():
    # The polyline algorithm's own worked example.
    route = [(38.5, -120.2), (40.7, -120.95), (43.252, -126.453)]
    assert routes.encode(route) == "_p~iF~ps|U_ulLnnqC_mqNvxq`@"


def test_a_drawing_fits_the_view_box_north_up():
    drawing = routes.draw([(46.0, 14.0), (46.01, 14.0), (46.01, 14.02)])
    assert drawing is not None
    xs_ys = [tuple(map(float, p.split(","))) for p in drawing.points.split()]
    assert all(0 <= x <= routes.VIEW and 0 <= y <= routes.VIEW for x, y in xs_ys)
    assert drawing.start[1] > drawing.finish[1]  # going north is going up
    assert routes.draw([(46.0, 14.0)]) is None


def test_the_same_start_within_a_minute_and_sport_is_the_same_run():
    seen = SeenRuns()
    start = datetime(2026, 3, 2, 7, tzinfo=UTC)
    seen.add("a" * 64, "running", start)
    assert seen.holds("a" * 64, "cycling", start + timedelta(days=3))  # same file
    assert seen.holds("b" * 64, "running", start + timedelta(seconds=60))
    assert seen.holds("b" * 64, "running", start - timedelta(seconds=60))
    assert not seen.holds("b" * 64, "running", start + timedelta(seconds=61))
    assert not seen.holds("b" * 64, "cycling", start)  # a ride at the same time is not a run
