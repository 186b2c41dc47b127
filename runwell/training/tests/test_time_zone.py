"""A runner's time zone decides which day a run belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import Client

from runwell.accounts.actions import do_set_time_zone
from runwell.testing.factories import make_activity
from runwell.training.actions import ActivityInput, check_create_activity

pytestmark = pytest.mark.django_db


def late_run(user):
    # 23:30 in Ljubljana on 2 March is 22:30 UTC; in Auckland it is already 3 March.
    start = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    return check_create_activity(user, ActivityInput("running", start, 5000, 1800))


def test_the_sites_zone_applies_until_the_runner_picks_one(runner, settings):
    assert late_run(runner).local_date == date(2026, 3, 2)  # the site runs on UTC


def test_changing_the_zone_moves_runs_to_the_runners_day(client: Client, runner):
    run = late_run(runner)
    client.force_login(runner)
    response = client.post("/accounts/time-zone/", {"time_zone": "Pacific/Auckland"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.local_date == date(2026, 3, 3)
    client.post("/accounts/time-zone/", {"time_zone": ""})
    run.refresh_from_db()
    assert run.local_date == date(2026, 3, 2)


def test_an_unknown_zone_is_refused_with_a_message(client: Client, runner):
    client.force_login(runner)
    response = client.post("/accounts/time-zone/", {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_time_zone_form_only_takes_posts(client: Client, runner):
    client.force_login(runner)
    assert client.get("/accounts/time-zone/").status_code == 405
    client.logout()
    assert client.post("/accounts/time-zone/", {"time_zone": "UTC"}).status_code == 302


def test_the_account_page_shows_the_zone(client: Client, runner):
    do_set_time_zone(runner, "America/Denver")
    make_activity(runner)
    client.force_login(runner)
    html = client.get("/accounts/profile/").content.decode()
    assert "now in <strong>America/Denver</strong>" in html
    assert '<option value="America/Denver" selected>' in html
