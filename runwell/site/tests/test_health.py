"""/healthz tells a dead or stalled mail worker and the queue's age (issue 13, point 14a).

Before, it answered 200 "ok" while the worker had been dead for hours with thousands of
mails unsent. It still answers 200 whenever the database does (load balancers must keep
a node whose pages all work); the body says what is late, and `?check=worker` answers
503 then, for a monitor.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from runwell.site.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _beat(seconds_ago, **fields):
    WorkerHeartbeat.objects.create(
        worker_id=f"w{seconds_ago}", host="app1", pid=1,
        last_seen=timezone.now() - timedelta(seconds=seconds_ago), **fields,
    )  # fmt: skip


def _queue_task(minutes_ago):
    from runwell.comments.notifications import send_comment_mail

    send_comment_mail.enqueue(1, 1, "posted")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))


def test_a_beating_worker_and_an_empty_queue_are_ok(client: Client, database_queue):
    _beat(2)
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["worker"]["state"] == "ok"
    assert body["queue"] == {"waiting": 0, "oldest_waiting_seconds": None, "running": 0}
    assert client.get("/healthz?check=worker").status_code == 200


def test_a_silent_worker_is_reported_but_the_node_stays_in(client: Client, database_queue):
    _beat(300)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"]["state"] == "late"
    assert response.json()["worker"]["last_seen_seconds"] >= 300
    assert client.get("/healthz?check=worker").status_code == 503


def test_no_worker_ever_is_reported(client: Client, database_queue):
    body = client.get("/healthz").json()
    assert body["worker"]["state"] == "missing"
    assert client.get("/healthz?check=worker").status_code == 503


def test_a_queue_waiting_too_long_is_degraded_even_with_a_beating_worker(
    client: Client, database_queue
):
    _beat(1, task_started=timezone.now() - timedelta(minutes=20))  # stuck on one task
    _queue_task(minutes_ago=10)
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["queue"]["waiting"] == 1
    assert body["queue"]["oldest_waiting_seconds"] >= 600
    assert body["worker"]["running_task_seconds"] >= 1200
    assert client.get("/healthz?check=worker").status_code == 503


def test_a_deferred_retry_is_not_counted_before_its_time(client: Client, database_queue):
    from runwell.comments.notifications import send_comment_mail

    _beat(1)
    send_comment_mail.using(run_after=timezone.now() + timedelta(minutes=8)).enqueue(1, 2, "x")
    assert client.get("/healthz").json()["queue"]["waiting"] == 0


def test_without_the_database_queue_there_is_no_worker_to_report(client: Client):
    body = client.get("/healthz").json()  # the test suite runs tasks at once
    assert body["status"] == "ok"
    assert body["worker"]["state"] == "not used"


def test_healthz_costs_three_queries(client: Client, database_queue, django_assert_num_queries):
    _beat(1)
    with django_assert_num_queries(3):  # SELECT 1, the latest heartbeat, the queue
        client.get("/healthz")
