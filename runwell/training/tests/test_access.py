"""Everything in a training log is its runner's only: 404 for anyone else, login first."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from runwell.accounts.actions import do_create_token
from runwell.testing.factories import make_activity, make_pain, make_shoe
from runwell.training.actions import do_create_import
from runwell.training.tests.files import gpx_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(runner):
    shoe = make_shoe(runner)
    activity = make_activity(runner, date(2026, 3, 2), shoe=shoe)
    entry = make_pain(runner, date(2026, 3, 3), activity_id=activity.pk)
    upload = SimpleUploadedFile("run.gpx", gpx_run(activity.start_time))
    job = do_create_import(runner, [upload], keep_originals=True)
    return {"activity": activity, "shoe": shoe, "pain": entry, "job": job}


def page_urls(o):
    a, s, p, j = o["activity"].pk, o["shoe"].pk, o["pain"].pk, o["job"].pk
    return {
        "get": [
            f"/training/activities/{a}/",
            f"/training/activities/{a}/edit/",
            f"/training/activities/{a}/delete/",
            f"/training/shoes/{s}/edit/",
            f"/training/shoes/{s}/delete/",
            f"/training/pain/{p}/edit/",
            f"/training/pain/{p}/delete/",
            f"/training/import/{j}/",
            f"/training/import/{j}/originals/0/",
        ],
        "post": [
            f"/training/activities/{a}/edit/",
            f"/training/activities/{a}/delete/",
            f"/training/shoes/{s}/edit/",
            f"/training/shoes/{s}/retire/",
            f"/training/shoes/{s}/delete/",
            f"/training/pain/{p}/edit/",
            f"/training/pain/{p}/delete/",
            f"/training/import/{j}/originals/delete/",
        ],
    }


OWN_PAGES = [
    "/training/",
    "/training/log/",
    "/training/activities/new/",
    "/training/shoes/",
    "/training/pain/",
    "/training/import/",
    "/training/export/activities.csv",
]


def api_urls(o):
    a, s, p, j = o["activity"].pk, o["shoe"].pk, o["pain"].pk, o["job"].pk
    return [
        ("get", f"/api/v1/training/activities/{a}"),
        ("delete", f"/api/v1/training/activities/{a}"),
        ("get", f"/api/v1/training/shoes/{s}"),
        ("delete", f"/api/v1/training/shoes/{s}"),
        ("get", f"/api/v1/training/pain/{p}"),
        ("delete", f"/api/v1/training/pain/{p}"),
        ("get", f"/api/v1/training/jobs/{j}"),
    ]


PRIVATE_API = [
    ("get", "/api/v1/training/activities"),
    ("post", "/api/v1/training/activities"),
    ("post", "/api/v1/training/activities/upload"),
    ("get", "/api/v1/training/shoes"),
    ("post", "/api/v1/training/shoes"),
    ("get", "/api/v1/training/pain"),
    ("post", "/api/v1/training/pain"),
    ("get", "/api/v1/training/report"),
]


def test_another_runner_gets_404_on_every_page_of_anothers_log(client: Client, owned, other_runner):
    client.force_login(other_runner)
    urls = page_urls(owned)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"retired": "yes"}).status_code == 404, url
    # and nothing changed
    assert owned["activity"].__class__.objects.filter(pk=owned["activity"].pk).exists()
    owned["shoe"].refresh_from_db()
    assert not owned["shoe"].retired


def test_the_owner_reaches_every_page(client: Client, owned, runner):
    client.force_login(runner)
    for url in page_urls(owned)["get"] + OWN_PAGES:
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in(client: Client, owned):
    for url in page_urls(owned)["get"] + OWN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_pages_refuse_methods_they_do_not_take(client: Client, owned, runner):
    client.force_login(runner)
    a, s, j = owned["activity"].pk, owned["shoe"].pk, owned["job"].pk
    for url in [*OWN_PAGES, f"/training/activities/{a}/", f"/training/import/{j}/"]:
        assert client.put(url).status_code == 405, url
        assert client.delete(url).status_code == 405, url
    for url in [
        "/training/",
        "/training/log/",
        f"/training/activities/{a}/",
        f"/training/import/{j}/",
    ]:
        assert client.post(url).status_code == 405, url
    for url in [f"/training/shoes/{s}/retire/", f"/training/import/{j}/originals/delete/"]:
        assert client.get(url).status_code == 405, url


def test_another_runner_gets_404_from_the_api_for_anothers_ids(client: Client, owned, other_runner):
    _, token = do_create_token(other_runner, "script")
    for method, url in api_urls(owned):
        response = getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 404, (method, url)
    assert owned["activity"].__class__.objects.filter(pk=owned["activity"].pk).exists()


def test_the_api_answers_401_without_a_token_or_session(client: Client, owned):
    for method, url in [*api_urls(owned), *PRIVATE_API]:
        assert getattr(client, method)(url).status_code == 401, (method, url)


def test_a_wrong_or_revoked_token_gets_401(client: Client, runner):
    record, token = do_create_token(runner, "script")
    ok = client.get("/api/v1/training/activities", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 200
    bad = client.get("/api/v1/training/activities", HTTP_AUTHORIZATION=f"Bearer {token}x")
    assert bad.status_code == 401
    record.delete()
    gone = client.get("/api/v1/training/activities", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert gone.status_code == 401


def test_a_deactivated_runners_token_stops_working(client: Client, runner):
    _, token = do_create_token(runner, "script")
    runner.is_active = False
    runner.save()
    response = client.get("/api/v1/training/shoes", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_a_shoe_or_run_of_another_runner_cannot_be_attached(client: Client, owned, other_runner):
    client.force_login(other_runner)
    activity = client.post(
        "/api/v1/training/activities",
        {"sport": "running", "start_time": "2026-03-05T07:00:00Z", "distance_m": 5000,
         "elapsed_s": 1800, "shoe": owned["shoe"].pk},
        content_type="application/json",
    )  # fmt: skip
    assert activity.status_code == 404
    pain = client.post(
        "/api/v1/training/pain",
        {"date": "2026-03-05", "region": "lower_back", "score": 3, "timing": "at_rest",
         "activity": owned["activity"].pk},
        content_type="application/json",
    )  # fmt: skip
    assert pain.status_code == 404


def test_lists_never_show_another_runners_data(client: Client, owned, other_runner):
    make_activity(other_runner, date(2026, 3, 2), km=3, name="Sam's jog")
    client.force_login(other_runner)
    listed = client.get("/api/v1/training/activities").json()["activities"]
    assert [a["name"] for a in listed] == ["Sam's jog"]
    assert client.get("/api/v1/training/shoes").json() == {"shoes": []}
    assert client.get("/api/v1/training/pain").json() == {"pain": []}
    assert b"Road pair" not in client.get("/training/shoes/").content
    log = client.get("/training/log/").content.decode()
    assert "Sam" in log and "2 March" in log
    assert client.get("/api/v1/training/report?as_of=2026-03-10").json()["shoes"] == []
