"""Concurrent posting through two real server processes sharing one database.

Each process keeps its own rendering cache, so these tests also show that a
comment written through one process shows at once through the other.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from runwell.comments.models import Comment

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = f"{quote(db['USER'])}:{quote(str(db['PASSWORD']))}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def two_servers(**env_extra: str) -> Iterator[list[int]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": _database_url(),
        "RUNWELL_DATA_DIR": str(settings.DATA_DIR),
        "RUNWELL_DEBUG": "true",  # serve static files without collectstatic
        "RUNWELL_TASKS": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **env_extra,
    }
    procs: list[subprocess.Popen[bytes]] = []
    ports: list[int] = []
    with tempfile.TemporaryFile() as log:
        try:
            while len(ports) < 2:
                port, proc = _start_server(env, log)
                procs.append(proc)
                ports.append(port)
            yield ports
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=15)


def _start_server(env: dict[str, str], log: IO[bytes]) -> tuple[int, subprocess.Popen[bytes]]:
    """Start one gunicorn on a free port; try another port if that one was taken meanwhile."""
    for _attempt in range(3):
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "runwell.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
             "--log-level", "warning", "--no-control-socket"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if _request(port, "GET", "/healthz")[0] == 200:
                    return port, proc
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        proc.terminate()
        proc.wait(timeout=15)
    log.seek(0)
    raise RuntimeError("server did not start:\n" + log.read().decode()[-3000:])


def _request(
    port: int, method: str, path: str, payload: object = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        body = json.dumps(payload) if payload is not None else None
        headers = {**({"Content-Type": "application/json"} if body else {}), **(headers or {})}
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def test_concurrent_posts_through_two_processes_lose_and_cross_wire_nothing(article):
    url = f"/api/v1/articles/{article.slug}/comments"
    with two_servers(
        RUNWELL_COMMENT_MODERATION="none",
        RUNWELL_COMMENT_FLOOD_SECONDS="0",
        RUNWELL_COMMENT_RATE_LIMIT="0",
    ) as ports:
        # Warm both processes' caches with the empty thread.
        assert [json.loads(_request(p, "GET", url)[1])["count"] for p in ports] == [0, 0]

        def one(i: int) -> tuple[int, int, str]:
            text = f"comment number {i} from client {i % 8}"
            status, raw = _request(
                ports[i % 2], "POST", url,
                {"author_name": f"c{i % 8}", "author_email": f"c{i % 8}@example.org", "body": text},
            )  # fmt: skip
            return status, json.loads(raw).get("id", 0) if status == 201 else 0, text

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(one, range(160)))
        created = [r for r in results if r[0] == 201]
        assert len(created) == 160
        stored = dict(Comment.objects.filter(article=article).values_list("id", "body"))
        assert len(stored) == 160
        for _status, comment_id, text in created:
            assert stored[comment_id] == text  # each answer names its own comment
        # Both processes show every comment at once, whichever one took it.
        for port in ports:
            assert json.loads(_request(port, "GET", url)[1])["count"] == 160
            html = _request(port, "GET", article.get_absolute_url())[1].decode()
            assert "160 thoughts on" in html


def test_flood_control_holds_when_posts_arrive_at_the_same_instant(article):
    url = f"/api/v1/articles/{article.slug}/comments"
    with two_servers(
        RUNWELL_COMMENT_MODERATION="none",
        RUNWELL_COMMENT_FLOOD_SECONDS="60",
        RUNWELL_COMMENT_RATE_LIMIT="0",
    ) as ports:

        def one(i: int) -> int:
            payload = {"author_name": "a", "author_email": f"a{i}@example.org", "body": f"t{i}"}
            return _request(ports[i % 2], "POST", url, payload)[0]

        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = list(pool.map(one, range(8)))
    assert sorted(codes) == [201] + [429] * 7
    assert Comment.objects.filter(article=article).count() == 1


def test_the_rate_limit_is_shared_by_processes(article):
    url = f"/api/v1/articles/{article.slug}/comments"
    with two_servers(
        RUNWELL_COMMENT_MODERATION="none",
        RUNWELL_COMMENT_FLOOD_SECONDS="0",
        RUNWELL_COMMENT_RATE_LIMIT="5/h",
    ) as ports:

        def one(i: int) -> int:
            payload = {"author_name": "a", "author_email": f"a{i}@example.org", "body": f"t{i}"}
            return _request(ports[i % 2], "POST", url, payload)[0]

        with ThreadPoolExecutor(max_workers=6) as pool:
            codes = list(pool.map(one, range(12)))
    assert codes.count(201) == 5
    assert codes.count(429) == 7


def test_simultaneous_repeats_with_one_idempotency_key_all_get_the_first_answer(article):
    # A client that timed out and retried from several connections at once: one comment,
    # and every answer names it (issue 13, point 17).
    url = f"/api/v1/articles/{article.slug}/comments"
    payload = {"author_name": "a", "author_email": "a@example.org", "body": "once"}
    with two_servers(
        RUNWELL_COMMENT_MODERATION="none",
        RUNWELL_COMMENT_FLOOD_SECONDS="60",
        RUNWELL_COMMENT_RATE_LIMIT="0",
    ) as ports:

        def one(i: int) -> tuple[int, bytes]:
            return _request(ports[i % 2], "POST", url, payload, {"Idempotency-Key": "retry-1"})

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(one, range(8)))
    assert [status for status, _ in answers] == [201] * 8
    ids = {json.loads(raw)["id"] for _, raw in answers}
    assert ids == set(Comment.objects.filter(article=article).values_list("id", flat=True))
    assert len(ids) == 1
