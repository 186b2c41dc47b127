"""The training log in "download my data", its CSV, and its erasure with the account."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from runwell.accounts.actions import do_create_token, do_set_time_zone
from runwell.accounts.models import ApiToken, RunnerProfile
from runwell.testing.factories import PASSWORD, make_activity, make_pain, make_shoe
from runwell.training import uploads
from runwell.training.models import Activity, ImportJob, ImportResult, PainEntry, Shoe
from runwell.training.tests.files import gpx_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_log(client: Client, runner, other_runner):
    shoe = make_shoe(runner, name="Blue pair")
    run = make_activity(runner, date(2026, 3, 2), km=12, shoe=shoe, name='Hills, with "quotes"')
    make_pain(runner, date(2026, 3, 3), score=5, activity_id=run.pk, note="stiff")
    do_set_time_zone(runner, "Europe/Ljubljana")
    do_create_token(runner, "watch sync")
    client.force_login(runner)
    client.post(
        "/training/import/",
        {"files": [SimpleUploadedFile("kept.gpx", gpx_run(datetime(2026, 3, 5, 7, tzinfo=UTC)))],
         "keep_originals": "on"},
    )  # fmt: skip
    make_activity(other_runner, date(2026, 3, 2), name="Sam's run")
    return run


def test_the_data_export_holds_the_whole_training_log(client: Client, full_log):
    data = client.get("/accounts/export/").json()
    training = data["training"]
    assert [a["name"] for a in training["activities"]] == ['Hills, with "quotes"', "Test run"]
    imported = training["activities"][1]
    assert imported["source_format"] == "gpx" and len(imported["route"]) > 10
    assert training["shoes"][0]["name"] == "Blue pair"
    assert training["pain_diary"][0] == {
        "id": training["pain_diary"][0]["id"], "date": "2026-03-03", "region": "lower_back",
        "score": 5, "timing": "after_run", "activity": full_log.pk, "note": "stiff",
    }  # fmt: skip
    assert training["imports"][0]["files"] == ["kept.gpx"]
    assert data["account_settings"]["time_zone"] == "Europe/Ljubljana"
    assert data["account_settings"]["api_tokens"][0]["name"] == "watch sync"
    assert "digest" not in str(data["account_settings"])
    assert "Sam's run" not in str(data)


def test_the_activities_csv_is_offered_on_the_account_page(client: Client, full_log):
    assert (
        'href="/training/export/activities.csv"'
        in client.get("/accounts/profile/").content.decode()
    )
    response = client.get("/training/export/activities.csv")
    assert response["Content-Type"] == "text/csv"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["name"] for r in rows] == ['Hills, with "quotes"', "Test run"]
    assert rows[0]["distance_m"] == "12000.0" and rows[0]["shoe"] == "Blue pair"
    assert rows[0]["local_date"] == "2026-03-02"


def test_deleting_the_account_erases_the_log_and_its_stored_files(
    client: Client, full_log, runner, django_capture_on_commit_callbacks
):
    job = ImportJob.objects.get(user=runner)
    folder = uploads.job_folder(job)
    assert folder.exists()  # the original was kept
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(username="rosa").exists()
    for model in (Activity, Shoe, PainEntry, ImportJob, ImportResult, ApiToken, RunnerProfile):
        assert not model.objects.exclude(**_others(model)).exists(), model
    assert not uploads.runner_folder(job.user_id).exists()
    assert Activity.objects.filter(name="Sam's run").exists()


def _others(model: type) -> dict[str, str]:
    if model is ImportResult:
        return {"job__user__username": "sam"}
    return {"user__username": "sam"}
