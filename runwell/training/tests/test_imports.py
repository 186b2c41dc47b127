"""Importing files: from the log page (in the background), through the API, and with the command."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from runwell.accounts.actions import do_create_token
from runwell.training import uploads
from runwell.training.models import Activity, ImportJob
from runwell.training.tests.files import fit_run, gpx_run, gz, three_runs_zip, zip_of

pytestmark = pytest.mark.django_db
FIRST = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)


def upload(client: Client, *files: tuple[str, bytes], keep: bool = False):
    data: dict[str, object] = {"files": [SimpleUploadedFile(n, d) for n, d in files]}
    if keep:
        data["keep_originals"] = "on"
    return client.post("/training/import/", data)


def test_a_zip_of_several_files_is_imported_and_reported_file_by_file(client: Client, runner):
    client.force_login(runner)
    response = upload(client, ("runs.zip", three_runs_zip(FIRST)))
    job = ImportJob.objects.get(user=runner)
    assert response.status_code == 302
    assert response["Location"] == f"/training/import/{job.pk}/"
    assert (job.state, job.total, job.done, job.imported) == ("done", 3, 3, 3)
    page = client.get(response["Location"]).content.decode()
    assert "runs.zip!monday.gpx" in page and "runs.zip!wednesday.fit" in page
    assert "3</strong> imported" in page
    days = sorted(Activity.objects.filter(user=runner).values_list("local_date", flat=True))
    assert [d.isoformat() for d in days] == ["2026-03-02", "2026-03-03", "2026-03-04"]


def test_uploaded_files_are_deleted_after_the_import(client: Client, runner):
    client.force_login(runner)
    upload(client, ("runs.zip", three_runs_zip(FIRST)))
    job = ImportJob.objects.get(user=runner)
    assert not uploads.job_folder(job).exists()
    assert b"Your original files" not in client.get(f"/training/import/{job.pk}/").content


def test_originals_are_kept_when_asked_and_can_be_downloaded_then_deleted(client: Client, runner):
    client.force_login(runner)
    upload(client, ("a.gpx", gpx_run(FIRST)), keep=True)
    job = ImportJob.objects.get(user=runner)
    assert [p.name for p in uploads.originals(job)] == ["a.gpx"]
    download = client.get(f"/training/import/{job.pk}/originals/0/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert content.startswith(b"<?xml")
    client.post(f"/training/import/{job.pk}/originals/delete/")
    assert not uploads.job_folder(job).exists()
    assert client.get(f"/training/import/{job.pk}/originals/0/").status_code == 404


def test_the_same_files_again_are_duplicates_not_second_runs(client: Client, runner):
    client.force_login(runner)
    upload(client, ("runs.zip", three_runs_zip(FIRST)))
    upload(client, ("monday.gpx", gpx_run(FIRST)))
    second = ImportJob.objects.filter(user=runner).first()
    assert second is not None
    assert (second.imported, second.duplicates) == (0, 1)
    assert Activity.objects.filter(user=runner).count() == 3


def test_the_same_run_in_another_format_is_a_duplicate_by_its_start(client: Client, runner):
    client.force_login(runner)
    upload(client, ("watch.fit", fit_run(FIRST, seconds=1800)))
    # Strava's GPX of the same run starts within a minute of the watch's file.
    upload(client, ("strava.gpx", gpx_run(FIRST + timedelta(seconds=20), minutes=30)))
    assert Activity.objects.filter(user=runner).count() == 1
    assert ImportJob.objects.filter(user=runner).first().duplicates == 1  # type: ignore[union-attr]


def test_one_bad_file_is_reported_and_the_others_still_import(client: Client, runner):
    client.force_login(runner)
    archive = zip_of({"good.gpx": gpx_run(FIRST), "bad.fit": b"not a fit file at all"})
    upload(client, ("mixed.zip", archive))
    job = ImportJob.objects.get(user=runner)
    assert (job.imported, job.errors) == (1, 1)
    records = [r.record for r in job.results.all()]
    bad = next(r for r in records if r["file"] == "mixed.zip!bad.fit")
    assert bad["status"] == "error" and bad["error"]


def test_a_wrong_file_type_gets_a_clear_400_and_nothing_is_stored(client: Client, runner):
    client.force_login(runner)
    response = upload(client, ("notes.pdf", b"%PDF-1.4"))
    assert response.status_code == 400
    assert "“notes.pdf” is not an activity file" in response.content.decode()
    fake_zip = upload(client, ("runs.zip", b"this is not a zip"))
    assert fake_zip.status_code == 400
    assert "“runs.zip” is not a ZIP archive." in fake_zip.content.decode()
    assert not ImportJob.objects.exists()


def test_an_upload_over_the_limit_gets_a_clear_413(client: Client, runner, settings):
    settings.TRAINING_UPLOAD_MAX_BYTES = 1024
    client.force_login(runner)
    response = upload(client, ("big.gpx", gpx_run(FIRST, minutes=60)))
    assert response.status_code == 413
    assert "That is more than the 1 KB one upload may hold (this upload is " in (
        response.content.decode()
    )
    assert not ImportJob.objects.exists()


def test_an_upload_without_files_says_what_is_missing(client: Client, runner):
    client.force_login(runner)
    response = client.post("/training/import/", {})
    assert response.status_code == 400
    assert "Choose one or more activity files, or a ZIP." in response.content.decode()


def test_the_job_page_polls_only_while_the_import_runs(client: Client, runner, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(runner)
    upload(client, ("runs.zip", three_runs_zip(FIRST)))
    job = ImportJob.objects.get(user=runner)
    assert job.state == "queued"  # waiting for the worker
    waiting = client.get(f"/training/import/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "Waiting to start" in waiting
    assert "<html" not in waiting  # htmx gets the fragment only
    from runwell.training.importing import run_job

    run_job(job.pk)
    done = client.get(f"/training/import/{job.pk}/").content.decode()
    assert "hx-trigger" not in done and "Finished: 3 files read." in done


def test_a_job_whose_worker_died_midway_finishes_when_its_task_runs_again(
    client: Client, runner, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(runner)
    upload(client, ("runs.zip", three_runs_zip(FIRST)), keep=True)
    job = ImportJob.objects.get(user=runner)
    from runwell.training.importing import run_job

    run_job(job.pk)
    # As a worker killed after its first batch leaves it: running, its report half written.
    ImportJob.objects.filter(pk=job.pk).update(state="running", finished=None, done=1)
    job.results.filter(position__gt=0).delete()

    run_job(job.pk)  # the queue hands the task back once the dead worker is silent

    job.refresh_from_db()
    assert job.state == "done"
    assert job.results.count() == job.total == 3
    assert (job.imported, job.duplicates, job.errors) == (0, 3, 0)
    assert Activity.objects.filter(user=runner).count() == 3  # nothing logged twice


def test_the_api_upload_answers_202_with_a_job_to_follow(client: Client, runner):
    _, token = do_create_token(runner, "sync")
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    files = [
        SimpleUploadedFile("a.gpx.gz", gz(gpx_run(FIRST))),
        SimpleUploadedFile("b.fit", fit_run(FIRST + timedelta(days=1))),
    ]
    response = client.post("/api/v1/training/activities/upload", {"files": files}, **auth)
    assert response.status_code == 202
    job = response.json()["job"]
    state = client.get(f"/api/v1/training/jobs/{job}", **auth).json()
    assert state["state"] == "done" and state["total"] == 2 and state["done"] == 2
    assert [r["status"] for r in state["results"]] == ["imported", "imported"]
    assert set(state["results"][0]) == {
        "file", "status", "sport", "start_time", "distance_m", "elapsed_s", "moving_s",
        "points", "warnings", "error",
    }  # fmt: skip


def test_the_api_upload_refuses_wrong_types_and_missing_files(client: Client, runner):
    client.force_login(runner)
    empty = client.post("/api/v1/training/activities/upload", {})
    assert empty.status_code == 400
    wrong = client.post(
        "/api/v1/training/activities/upload", {"files": [SimpleUploadedFile("x.txt", b"hi")]}
    )
    assert wrong.status_code == 400 and "not an activity file" in wrong.json()["detail"]


def test_the_command_prints_one_json_line_per_activity(runner, tmp_path, capsys):
    (tmp_path / "a.gpx").write_bytes(gpx_run(FIRST))
    (tmp_path / "b.fit.gz").write_bytes(gz(fit_run(FIRST + timedelta(days=1))))
    (tmp_path / "broken.tcx").write_bytes(b"<TrainingCenterDatabase>")
    call_command("import", "--user", "rosa", "--json", str(tmp_path))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["file"].rsplit("/", 1)[-1], line["status"]) for line in lines] == [
        ("a.gpx", "imported"), ("b.fit.gz", "imported"), ("broken.tcx", "error"),
    ]  # fmt: skip
    assert lines[0]["start_time"] == "2026-03-02T06:30:00Z"
    call_command("import", "--user", "rosa", "--json", str(tmp_path / "a.gpx"))
    again = json.loads(capsys.readouterr().out)
    assert again["status"] == "duplicate"
    assert Activity.objects.filter(user=runner).count() == 2


def test_the_command_fails_only_when_nothing_could_be_read(runner, tmp_path, capsys):
    (tmp_path / "broken.gpx").write_bytes(b"<gpx></gpx>")
    with pytest.raises(CommandError, match="nothing could be read"):
        call_command("import", "--user", "rosa", str(tmp_path))
    with pytest.raises(CommandError, match="no account"):
        call_command("import", "--user", "nobody", str(tmp_path))


def test_the_command_without_json_sums_up(runner, tmp_path, capsys):
    (tmp_path / "runs.zip").write_bytes(three_runs_zip(FIRST))
    call_command("import", "--user", "rosa", str(tmp_path / "runs.zip"))
    assert "3 files: 3 imported, 0 duplicates, 0 errors." in capsys.readouterr().out


def test_a_strava_export_brings_names_and_shoes(runner, tmp_path, capsys):
    csv = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
        "Elapsed Time,Distance,Filename,Activity Gear\n"
        '101,"Mar 2, 2026, 6:30:00 AM",Easy Monday,Run,,1800,5.4,activities/101.gpx.gz,'
        "Blue Pegasus\n"
    )
    shoes = "Shoe Name,Shoe Brand,Shoe Model,Shoe Default Sport Types\n"
    shoes += "Blue Pegasus,Nike,Pegasus 41,Run\n"
    export = zip_of({"activities.csv": csv.encode(), "shoes.csv": shoes.encode(),
                     "activities/101.gpx.gz": gz(gpx_run(FIRST))})  # fmt: skip
    (tmp_path / "export_1.zip").write_bytes(export)
    call_command("import", "--user", "rosa", "--json", str(tmp_path / "export_1.zip"))
    activity = Activity.objects.get(user=runner)
    assert activity.name == "Easy Monday"
    assert activity.shoe is not None and activity.shoe.name == "Blue Pegasus"
    assert activity.shoe.brand == "Nike"


def test_the_token_command_prints_a_working_token_once(client: Client, runner, capsys):
    call_command("token", "--user", "rosa", "--name", "laptop")
    token = capsys.readouterr().out.strip()
    assert token.startswith("rw_")
    ok = client.get("/api/v1/training/activities", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 200
    assert runner.api_tokens.get().name == "laptop"
    assert token not in str(runner.api_tokens.values_list("digest", flat=True))
    with pytest.raises(CommandError):
        call_command("token", "--user", "nobody")


def test_the_upload_form_still_needs_its_csrf_token(runner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    response = upload(client, ("a.gpx", gpx_run(FIRST)))
    assert response.status_code == 403
    assert not ImportJob.objects.exists()
