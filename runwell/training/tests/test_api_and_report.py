"""The training API's shapes (PRODUCT.md's contract) and the report behind the dashboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from runwell.accounts.actions import do_create_token
from runwell.testing.factories import make_activity, make_pain, make_shoe

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client: Client, runner):
    _, token = do_create_token(runner, "tests")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def test_posting_and_listing_activities_follows_the_contract(api: Client, runner):
    shoe = api.post("/api/v1/training/shoes", {"name": "Daily"}, content_type="application/json")
    assert shoe.status_code == 201
    assert shoe.json() == {"id": shoe.json()["id"], "name": "Daily", "limit_m": 700000.0,
                           "retired": False, "distance_m": 0.0}  # fmt: skip
    made = api.post(
        "/api/v1/training/activities",
        {"sport": "running", "start_time": "2026-03-02T07:00:00Z", "distance_m": 10000,
         "elapsed_s": 3000, "moving_s": 2950, "surface": "road", "shoe": shoe.json()["id"],
         "name": "Tempo"},
        content_type="application/json",
    )  # fmt: skip
    assert made.status_code == 201 and set(made.json()) == {"id"}
    listed = api.get("/api/v1/training/activities?from=2026-03-01&to=2026-03-31").json()
    assert listed == {"activities": [{
        "id": made.json()["id"], "sport": "running", "start_time": "2026-03-02T07:00:00Z",
        "distance_m": 10000.0, "elapsed_s": 3000.0, "moving_s": 2950.0,
        "shoe": shoe.json()["id"], "surface": "road", "name": "Tempo",
    }]}  # fmt: skip
    assert api.get("/api/v1/training/activities?from=2026-04-01").json() == {"activities": []}
    shoes = api.get("/api/v1/training/shoes").json()["shoes"]
    assert shoes[0]["distance_m"] == 10000.0


def test_bad_activity_input_answers_400_with_field_errors(api: Client):
    missing = api.post(
        "/api/v1/training/activities", {"sport": "running"}, content_type="application/json"
    )
    assert missing.status_code == 400
    assert {"start_time", "distance_m", "elapsed_s"} <= set(missing.json()["errors"])
    bad_surface = api.post(
        "/api/v1/training/activities",
        {"sport": "running", "start_time": "2026-03-02T07:00:00Z", "distance_m": 1,
         "elapsed_s": 1, "surface": "sand"},
        content_type="application/json",
    )  # fmt: skip
    assert bad_surface.status_code == 400 and "surface" in bad_surface.json()["errors"]
    not_json = api.post("/api/v1/training/activities", "{", content_type="application/json")
    assert not_json.status_code == 400
    assert api.get("/api/v1/training/activities?from=March").status_code == 400
    old = api.post(
        "/api/v1/training/activities",
        {"sport": "running", "start_time": "1901-12-13T20:45:00Z", "distance_m": 1, "elapsed_s": 1},
        content_type="application/json",
    )
    assert old.status_code == 400 and "after 1980" in old.json()["detail"]


def test_pain_entries_follow_the_contract(api: Client, runner):
    run = make_activity(runner, date(2026, 3, 2))
    made = api.post(
        "/api/v1/training/pain",
        {"date": "2026-03-03", "region": "upper_back", "score": 3, "timing": "next_morning",
         "activity": run.pk, "note": "tight"},
        content_type="application/json",
    )  # fmt: skip
    assert made.status_code == 201
    assert api.get("/api/v1/training/pain").json() == {"pain": [{
        "id": made.json()["id"], "date": "2026-03-03", "region": "upper_back", "score": 3,
        "timing": "next_morning", "activity": run.pk, "note": "tight",
    }]}  # fmt: skip
    too_much = api.post(
        "/api/v1/training/pain",
        {"date": "2026-03-03", "region": "knee", "score": 11, "timing": "at_rest"},
        content_type="application/json",
    )
    assert too_much.status_code == 400 and {"region", "score"} <= set(too_much.json()["errors"])


def test_a_logged_in_session_reaches_the_api_too(client: Client, runner):
    client.force_login(runner)
    assert client.get("/api/v1/training/report").status_code == 200


def test_the_report_follows_the_contract_on_a_spike_then_pain(api: Client, runner):
    shoe = make_shoe(runner, name="Old pair", start_m=690_000)
    start = date(2026, 1, 5)
    for k in range(0, 42, 2):  # 8 km every other day for six weeks
        make_activity(runner, start + timedelta(days=k), km=8, shoe=shoe, surface="road")
    spike = start + timedelta(days=43)
    make_activity(runner, spike, km=16, shoe=shoe, surface="road")
    make_pain(runner, spike + timedelta(days=5), score=4)
    make_pain(runner, spike + timedelta(days=6), score=5)
    as_of = spike + timedelta(days=8)
    body = api.get(f"/api/v1/training/report?as_of={as_of}").json()
    assert set(body) == {"as_of", "weeks", "acute_load", "chronic_load", "acwr", "monotony",
                         "warnings", "shoes", "insights"}  # fmt: skip
    assert body["as_of"] == as_of.isoformat()
    assert len(body["weeks"]) == 12 and set(body["weeks"][0]) == {
        "start",
        "distance_m",
        "elapsed_s",
        "runs",
    }
    assert sum(w["runs"] for w in body["weeks"]) == 22
    assert body["acwr"] is not None
    ids = {w["id"] for w in body["warnings"]}
    # the pair went past its limit in January, more than 28 days before as_of
    assert ids == {"single_run_spike"}
    assert body["shoes"] == [{"id": shoe.pk, "name": "Old pair", "distance_m": 874000.0,
                              "limit_m": 700000.0, "status": "over_limit"}]  # fmt: skip
    (insight,) = body["insights"]
    assert insight["episode"] == {"start": (spike + timedelta(days=5)).isoformat(), "end": None,
                                  "region": "lower_back", "peak": 5}  # fmt: skip
    assert "single_run_spike" in [c["id"] for c in insight["changes"]]
    assert all(set(c) == {"id", "date", "message"} for c in insight["changes"])


def test_the_report_of_an_empty_log_is_complete_and_calm(api: Client):
    body = api.get("/api/v1/training/report?as_of=2026-03-01").json()
    assert body["acwr"] is None and body["warnings"] == [] and body["insights"] == []
    assert [w["distance_m"] for w in body["weeks"]] == [0] * 12


def test_the_dashboard_tells_the_same_story_with_sources(client: Client, runner, time_machine):
    time_machine.move_to("2026-03-10 12:00Z")
    start = date(2026, 1, 5)
    for k in range(0, 56, 2):
        make_activity(runner, start + timedelta(days=k), km=8, surface="road")
    make_activity(runner, date(2026, 3, 3), km=16)
    make_pain(runner, date(2026, 3, 6), score=4)
    make_pain(runner, date(2026, 3, 7), score=6)
    client.force_login(runner)
    html = client.get("/training/").content.decode()
    assert "Distance, week by week" in html and '<table class="chart-table">' in html
    assert "BJSM 2025" in html and "Lower back pain from 6 March 2026 (still going on)" in html
    assert 'id="episode-2026-03-06"' in html
    assert "Runwell&#x27;s own" in html or "Runwell's own" in html
    assert "style=" not in html and "<script>" not in html.split("</main>")[0]


def test_an_unchanged_log_before_pain_says_so(client: Client, runner, time_machine):
    time_machine.move_to("2026-03-10 12:00Z")
    start = date(2026, 1, 5)
    for k in range(0, 63, 3):
        make_activity(runner, start + timedelta(days=k), km=8)
    make_pain(runner, date(2026, 3, 6), score=4)
    make_pain(runner, date(2026, 3, 7), score=4)
    client.force_login(runner)
    assert "Nothing in your log changed" in client.get("/training/").content.decode()


def test_the_dashboard_costs_the_same_queries_for_any_history(
    client: Client, runner, django_assert_num_queries
):
    shoe = make_shoe(runner)
    for k in range(60):
        make_activity(runner, date(2026, 1, 1) + timedelta(days=k), shoe=shoe)
        make_pain(runner, date(2026, 1, 1) + timedelta(days=k), score=k % 5)
    client.force_login(runner)
    # session, user, time zone, activities, shoes, pain
    with django_assert_num_queries(6):
        assert client.get("/training/").status_code == 200


def test_the_openapi_schema_documents_the_training_api_and_its_token(client: Client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ["/api/v1/training/activities", "/api/v1/training/activities/upload",
                 "/api/v1/training/jobs/{job_id}", "/api/v1/training/shoes",
                 "/api/v1/training/pain", "/api/v1/training/report"]:  # fmt: skip
        assert path in paths, path
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["BearerToken"].items()
