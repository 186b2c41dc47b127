"""With the database unreachable, every answer says "come back soon" (issue 13, point 15).

A real server whose PostgreSQL does not answer: before, the API sent Django's HTML 500
page; now the API answers JSON and everything answers 503 with Retry-After.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow  # starts a server


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


def _get(port: int, path: str, body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json"} if body else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server_without_database(tmp_path):
    port = _closed_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env.update(
        RUNWELL_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"postgres://nobody:secret@127.0.0.1:{_closed_port()}/nowhere",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "runwell.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket", "--log-level", "error"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                _get(port, "/robots.txt")
                break
            except OSError:
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_the_api_answers_503_json_with_retry_after(server_without_database):
    status, headers, body = _get(server_without_database, "/api/v1/articles/x/comments")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert headers["Retry-After"] == "30"
    assert json.loads(body)["detail"].startswith("The site is briefly unavailable")
    payload = json.dumps({"author_name": "a", "author_email": "a@b.org", "body": "x"}).encode()
    status, headers, body = _get(server_without_database, "/api/v1/articles/x/comments", payload)
    assert status == 503 and json.loads(body)["detail"]


def test_pages_and_the_health_check_answer_503(server_without_database):
    status, headers, _ = _get(server_without_database, "/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    status, _, body = _get(server_without_database, "/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "unavailable"
