"""The background worker survives what the web survives (issue 13, point 14).

Before, a short database outage killed `db_worker` for good; a task whose worker died
mid-run stayed "running" for ever; and running such a task again resent its mail.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from runwell.comments.notifications import send_comment_mail
from runwell.site import queue
from runwell.site.models import WorkerHeartbeat
from runwell.site.worker import RunwellWorker
from runwell.testing.factories import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MANAGERS = [("Mods", "mods@example.org")]  # a held comment tells them


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr("runwell.site.worker.time.sleep", lambda seconds: None)


def worker(**options):
    defaults = {
        "queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default",
        "startup_delay": False, "max_tasks": None, "worker_id": "w-test",
        "excluded_queue_names": [],
    }  # fmt: skip
    return RunwellWorker(**{**defaults, **options})


def test_the_worker_waits_out_a_database_outage_then_sends_the_mail(
    article, database_queue, no_waiting, monkeypatch
):
    post_comment(article)  # held: the moderators are to be told
    real = RunwellWorker.run_once
    outage = iter([True, True, True])

    def flaky(self):
        if next(outage, False):
            raise OperationalError("server closed the connection unexpectedly")
        return real(self)

    monkeypatch.setattr(RunwellWorker, "run_once", flaky)
    worker().run()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mail.outbox] == [["mods@example.org"]]


def test_the_worker_beats_while_it_runs_and_forgets_its_heartbeat_when_it_stops(
    article, database_queue, tmp_path, monkeypatch
):
    beats = []
    original = RunwellWorker.beat

    def recording(self, task_started=None):
        original(self, task_started)
        beats.append(WorkerHeartbeat.objects.get(worker_id="w-test").last_seen)

    monkeypatch.setattr(RunwellWorker, "beat", recording)
    post_comment(article)
    beat_file = tmp_path / "beat"
    worker(heartbeat_file=beat_file).run()
    assert beats and beat_file.exists()
    assert not WorkerHeartbeat.objects.exists()


def test_a_task_shorter_than_a_heartbeat_costs_no_heartbeat_write(
    article, database_queue, monkeypatch
):
    beats = []
    original = RunwellWorker.beat

    def counting(self, task_started=None):
        original(self, task_started)
        beats.append(task_started)

    monkeypatch.setattr(RunwellWorker, "beat", counting)
    for n in range(3):
        post_comment(article, body=f"Held comment number {n}.", ip=f"198.51.{n}.7",
                     author_email=f"reader{n}@example.org")  # fmt: skip
    assert DBTaskResult.objects.count() == 3
    worker().run()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 3
    assert len(beats) == 1  # the loop's own, not one more per task


def _running_task(comment_id, *, minutes_ago, worker_ids):
    send_comment_mail.enqueue(comment_id, 1, "posted")
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=worker_ids,
    )
    return DBTaskResult.objects.get()


def test_a_task_whose_worker_died_is_put_back_after_the_timeout(article, database_queue):
    comment = post_comment(article)
    DBTaskResult.objects.all().delete()
    task = _running_task(comment.pk, minutes_ago=11, worker_ids=["dead"])
    assert queue.reclaim_stale_tasks() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None


def test_a_long_task_of_a_live_worker_is_left_alone(article, database_queue):
    comment = post_comment(article)
    DBTaskResult.objects.all().delete()
    WorkerHeartbeat.objects.create(worker_id="alive", host="h", pid=1)
    task = _running_task(comment.pk, minutes_ago=30, worker_ids=["alive"])
    assert queue.reclaim_stale_tasks() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_recent_task_is_left_alone(article, database_queue):
    comment = post_comment(article)
    DBTaskResult.objects.all().delete()
    _running_task(comment.pk, minutes_ago=2, worker_ids=["dead"])
    assert queue.reclaim_stale_tasks() == 0


def test_a_task_that_killed_three_workers_is_given_up(article, database_queue):
    comment = post_comment(article)
    DBTaskResult.objects.all().delete()
    task = _running_task(comment.pk, minutes_ago=11, worker_ids=["a", "b", "c"])
    queue.reclaim_stale_tasks()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert "3 workers died" in task.traceback


def test_a_reclaimed_mail_task_never_mails_twice(article, database_queue, no_waiting):
    comment = post_comment(article)
    DBTaskResult.objects.all().delete()
    # Worker "dead" sent the mail, then died before it could mark the task done.
    send_comment_mail.call(comment.pk, 1, "posted")
    assert len(mail.outbox) == 1
    _running_task(comment.pk, minutes_ago=11, worker_ids=["dead"])
    worker().run()  # reclaims it (its first chore), then runs it again
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


def test_housekeeping_forgets_old_heartbeats_and_finished_tasks(article, database_queue):
    old = timezone.now() - timedelta(days=30)
    WorkerHeartbeat.objects.create(worker_id="gone", host="h", pid=1, last_seen=old)
    comment = post_comment(article)
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL, finished_at=old)
    assert queue.prune_heartbeats() == 1
    assert queue.prune_finished_tasks() == 1
    assert not DBTaskResult.objects.exists()
    assert comment.pk
