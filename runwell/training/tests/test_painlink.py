"""What the pain check reads from a runner's log: their answers, and their open pain episode."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from runwell.accounts.timezones import today_for
from runwell.testing.factories import make_activity, make_pain, make_shoe
from runwell.training.painlink import QUESTIONS, episode_anchor, open_episode_link, prefill_for
from runwell.training.wording import day

pytestmark = pytest.mark.django_db


def eight_weeks_of_running(user, today: date, km: float = 10.0) -> None:
    """40 km in the 4 weeks before the last 4, then 50 km, all on trails in one pair."""
    shoe = make_shoe(user, "Blue pair", start_m=100_000)
    for back in (55, 48, 41, 34, 27, 20, 13, 6, 0):
        make_activity(user, today - timedelta(days=back), km=km, surface="trail", shoe=shoe)


def test_the_log_answers_the_three_questions_with_their_sources(runner):
    today = today_for(runner)
    eight_weeks_of_running(runner, today)
    found = prefill_for(runner)
    assert tuple(found) == QUESTIONS
    assert found["mileage_increase_pct"].value == 25
    assert found["mileage_increase_pct"].source == (
        f"From your training log: 50.0 km in the 4 weeks to {day(today)} against 40.0 km in "
        "the 4 weeks before (up 25%)."
    )
    assert found["shoe_km"].value == 190
    assert found["shoe_km"].source.startswith("From your training log: Blue pair, worn on")
    assert found["terrain"].value == "soft_or_mixed"
    assert "100% of your running in the last 4 weeks was on trails" in found["terrain"].source


def test_a_short_log_says_why_a_question_is_left_to_the_runner(runner):
    make_activity(runner, today_for(runner) - timedelta(days=3), km=8)
    found = prefill_for(runner)
    assert found["mileage_increase_pct"].value is None
    assert "does not reach back 8 weeks" in found["mileage_increase_pct"].source
    assert found["shoe_km"].value is None and found["terrain"].value is None


def test_a_visitor_or_a_runner_with_no_running_gets_nothing(runner, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prefill_for(AnonymousUser()) == {}
    make_shoe(runner, "Unworn")
    make_activity(runner, today_for(runner) - timedelta(days=3), km=30, sport="cycling")
    assert prefill_for(runner) == {}


def test_another_runners_log_is_never_read(runner, other_runner):
    today = today_for(runner)
    eight_weeks_of_running(other_runner, today, km=20)
    assert prefill_for(runner) == {}
    eight_weeks_of_running(runner, today)
    assert prefill_for(runner)["shoe_km"].value == 190  # 100 + 9 x 10, not 9 x 20


def test_the_answers_cost_three_queries_however_long_the_log(runner, django_assert_num_queries):
    today = today_for(runner)
    shoe = make_shoe(runner)
    for back in range(120):
        make_activity(runner, today - timedelta(days=back), km=5, shoe=shoe, surface="road")
    with django_assert_num_queries(3):  # the runner's zone, the runs, the shoes
        prefill_for(runner)


def test_an_open_episode_links_to_its_insight_with_a_sentence(runner, django_assert_num_queries):
    today = today_for(runner)
    make_pain(runner, today - timedelta(days=4), score=5)
    make_pain(runner, today - timedelta(days=1), score=6)
    with django_assert_num_queries(2):  # the runner's zone, the diary
        link = open_episode_link(runner)
    assert link is not None
    start = today - timedelta(days=4)
    assert link.url == f"/training/#episode-{start.isoformat()}"
    assert link.sentence == (
        f"Your pain diary shows lower back pain since {day(start)}, at worst 6/10, and your "
        "training overview shows what changed in your running in the 3 weeks before it began."
    )


def test_no_link_for_a_closed_episode_a_visitor_or_another_runners_pain(runner, other_runner):
    today = today_for(runner)
    make_pain(runner, today - timedelta(days=30), score=5)
    make_pain(runner, today - timedelta(days=28), score=5)
    make_pain(other_runner, today - timedelta(days=2), score=5)
    make_pain(other_runner, today - timedelta(days=1), score=5)
    assert open_episode_link(runner) is None  # over: 7 days without such a score
    assert open_episode_link(AnonymousUser()) is None
    assert open_episode_link(other_runner) is not None


def test_the_link_points_at_an_insight_the_dashboard_shows(client: Client, runner):
    today = today_for(runner)
    make_activity(runner, today - timedelta(days=10), km=8)
    make_pain(runner, today - timedelta(days=2), score=4, region="upper_back")
    make_pain(runner, today, score=3, region="upper_back")
    link = open_episode_link(runner)
    assert link is not None and "upper back pain" in link.sentence
    client.force_login(runner)
    html = client.get(link.url.split("#")[0]).content.decode()
    assert f'id="{episode_anchor(today - timedelta(days=2))}"' in html
    assert link.url.endswith(f"#{episode_anchor(today - timedelta(days=2))}")
