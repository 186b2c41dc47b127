"""The log by week, an activity with its route, typing one in, shoes and the pain diary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from runwell.accounts.actions import do_set_time_zone
from runwell.testing.factories import make_activity, make_pain, make_shoe
from runwell.training.models import Activity, PainEntry, Shoe

pytestmark = pytest.mark.django_db


def test_the_log_groups_runs_by_week_with_the_weeks_totals(client: Client, runner):
    make_activity(runner, date(2026, 3, 2), km=10, minutes=50)  # Monday
    make_activity(runner, date(2026, 3, 8), km=5, minutes=30)  # Sunday, same week
    make_activity(runner, date(2026, 3, 9), km=8, minutes=40)  # next Monday
    make_activity(runner, date(2026, 3, 4), km=20, minutes=60, sport="cycling")
    client.force_login(runner)
    html = client.get("/training/log/").content.decode()
    assert "Week of 9 March 2026" in html and "Week of 2 March 2026" in html
    assert "<strong>35.0 km</strong> · 2:20:00 · 3 activities" in html
    running = client.get("/training/log/?sport=running").content.decode()
    assert "<strong>15.0 km</strong> · 1:20:00 · 2 activities (running)" in running


def test_a_weeks_totals_count_runs_on_other_pages_too(client: Client, runner):
    for k in range(35):  # 35 runs in one week run over a page of 30
        make_activity(runner, date(2026, 3, 2) + timedelta(days=k % 7), km=1)
    client.force_login(runner)
    first = client.get("/training/log/").content.decode()
    second = client.get("/training/log/?page=2").content.decode()
    assert "35 activities" in first and "35 activities" in second
    assert "Page 1 of 2" in first


def test_the_log_costs_the_same_queries_however_long_it_is(
    client: Client, runner, django_assert_num_queries
):
    shoe = make_shoe(runner)
    for k in range(40):
        make_activity(runner, date(2026, 1, 1) + timedelta(days=k), shoe=shoe)
    client.force_login(runner)
    # session, user, count, the page with its shoes, the weeks' totals
    with django_assert_num_queries(5):
        client.get("/training/log/")


def test_list_pages_use_a_fixed_number_of_queries(
    client: Client, runner, django_assert_num_queries
):
    shoes = [make_shoe(runner, name=f"Pair {k}") for k in range(5)]
    for k in range(20):
        a = make_activity(runner, date(2026, 1, 1) + timedelta(days=k), shoe=shoes[k % 5])
        make_pain(runner, a.local_date, activity_id=a.pk)
    client.force_login(runner)
    with django_assert_num_queries(3):  # session, user, shoes with their distance
        client.get("/training/shoes/")
    # session, user, the runner's zone (today's date), recent runs (form), count, page
    with django_assert_num_queries(6):
        client.get("/training/pain/")


def test_the_empty_log_says_how_to_begin(client: Client, runner):
    client.force_login(runner)
    html = client.get("/training/log/").content.decode()
    assert "Your log is empty." in html and 'enctype="multipart/form-data"' in html


def test_an_activity_shows_its_summary_and_route_as_svg(client: Client, runner):
    from runwell.training import routes

    activity = make_activity(runner, date(2026, 3, 2), km=10, minutes=50, name="River loop")
    activity.route = routes.encode([(46.05, 14.5), (46.06, 14.51), (46.07, 14.5)])
    activity.save()
    client.force_login(runner)
    html = client.get(f"/training/activities/{activity.pk}/").content.decode()
    assert "River loop" in html and "10.00 km" in html and "5:00 /km" in html
    assert "<polyline" in html and 'role="img"' in html
    assert "style=" not in html and "<script>" not in html


def test_typing_in_a_run_logs_it_on_the_runners_day(client: Client, runner):
    do_set_time_zone(runner, "Pacific/Auckland")
    client.force_login(runner)
    response = client.post(
        "/training/activities/new/",
        {"sport": "running", "date": "2026-03-02", "start": "06:15", "distance_km": "12.5",
         "duration": "1:02:30", "surface": "trail"},
    )  # fmt: skip
    activity = Activity.objects.get(user=runner)
    assert response.status_code == 302
    assert activity.local_date == date(2026, 3, 2)
    assert activity.start_time == datetime(2026, 3, 1, 17, 15, tzinfo=UTC)
    assert (activity.distance_m, activity.elapsed_s, activity.surface) == (12500, 3750, "trail")


def test_a_bad_entry_keeps_what_was_typed_and_says_why(client: Client, runner):
    client.force_login(runner)
    response = client.post(
        "/training/activities/new/",
        {"sport": "running", "date": "2026-03-02", "start": "06:15", "distance_km": "12.5",
         "duration": "an hour"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write a time as h:mm:ss" in html and 'value="12.5"' in html
    future = client.post(
        "/training/activities/new/",
        {"sport": "running", "date": "2099-03-02", "start": "06:15", "distance_km": "5",
         "duration": "30:00"},
    )  # fmt: skip
    assert future.status_code == 400 and "not in the future" in future.content.decode()
    assert not Activity.objects.exists()


def test_editing_and_deleting_an_activity(client: Client, runner):
    activity = make_activity(runner, date(2026, 3, 2), km=10)
    client.force_login(runner)
    form = client.get(f"/training/activities/{activity.pk}/edit/").content.decode()
    assert 'value="10.0"' in form
    client.post(
        f"/training/activities/{activity.pk}/edit/",
        {"sport": "running", "date": "2026-03-02", "start": "07:00", "distance_km": "11",
         "duration": "1:00:00", "name": "Longer than I thought"},
    )  # fmt: skip
    activity.refresh_from_db()
    assert (activity.distance_m, activity.name) == (11000, "Longer than I thought")
    client.post(f"/training/activities/{activity.pk}/delete/")
    assert not Activity.objects.exists()


def test_shoes_show_their_distance_against_their_limit_and_retire(client: Client, runner):
    client.force_login(runner)
    client.post(
        "/training/shoes/",
        {"name": "Trail pair", "brand": "Hoka", "start_km": "100", "limit_km": "600"},
    )
    shoe = Shoe.objects.get(user=runner)
    make_activity(runner, date(2026, 3, 2), km=20, shoe=shoe)
    make_activity(runner, date(2026, 3, 3), km=30, shoe=shoe, sport="walking")  # not worn down
    html = client.get("/training/shoes/").content.decode()
    assert "120 km of 600 km" in html and '<meter min="0" max="600000"' in html
    assert "expert advice, not the result of a trial" in html
    client.post(f"/training/shoes/{shoe.pk}/retire/", {"retired": "yes"})
    shoe.refresh_from_db()
    assert shoe.retired
    assert "retired" in client.get("/training/shoes/").content.decode()


def test_a_shoe_limit_outside_480_to_800_km_is_refused(client: Client, runner):
    client.force_login(runner)
    response = client.post("/training/shoes/", {"name": "X", "start_km": "0", "limit_km": "1000"})
    assert response.status_code == 400
    assert not Shoe.objects.exists()


def test_the_pain_diary_takes_a_quick_entry_and_lists_it(client: Client, runner):
    run = make_activity(runner, date(2026, 3, 2))
    client.force_login(runner)
    response = client.post(
        "/training/pain/",
        {"date": "2026-03-03", "region": "lower_back", "score": "4", "timing": "next_morning",
         "activity": str(run.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    entry = PainEntry.objects.get(user=runner)
    assert (entry.score, entry.activity) == (4, run)
    html = client.get("/training/pain/").content.decode()
    assert "Lower back" in html and "4/10" in html and "The next morning" in html
    client.post(
        f"/training/pain/{entry.pk}/edit/",
        {"date": "2026-03-03", "region": "both", "score": "6", "timing": "at_rest"},
    )
    entry.refresh_from_db()
    assert (entry.region, entry.score, entry.activity) == ("both", 6, None)


def test_a_pain_score_over_10_is_refused_with_the_entry_kept(client: Client, runner):
    client.force_login(runner)
    response = client.post(
        "/training/pain/",
        {"date": "2026-03-03", "region": "lower_back", "score": "11", "timing": "at_rest",
         "note": "after hills"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "after hills" in response.content.decode()
    assert not PainEntry.objects.exists()
