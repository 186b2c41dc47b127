"""`runwell serve` under faults: a killed worker, two servers starting at once, a proxy.

Issue 13: before, a worker that died stayed dead (and /healthz said "ok"); two servers
starting at once on a fresh database crashed one of them creating the first admin; and
the access log named the proxy instead of the visitor.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from django.db import connection

from runwell.site.tests.servers import (
    Server,
    free_port,
    fresh_postgres_database,
    postgres_url,
    serving,
)

pytestmark = pytest.mark.slow  # starts processes


def test_a_killed_worker_is_started_again_and_the_mail_still_goes_out(tmp_path):
    env = {"RUNWELL_MODERATOR_EMAILS": "mods@example.org", "RUNWELL_COMMENT_FLOOD_SECONDS": "0"}
    with serving(tmp_path, **env) as server:
        first = int(server.wait_for(r"worker started \(pid (\d+)\)").group(1))
        os.kill(first, signal.SIGKILL)
        server.wait_for(r"the worker stopped \(exit code -9\)")
        second = int(server.wait_for(rf"worker started \(pid (?!{first}\b)(\d+)\)").group(1))
        assert second != first
        payload = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Hello"}
        status, _ = server.request("/api/v1/articles/can-running-cause-back-pain/comments", payload)
        assert status == 201
        # The console mail backend prints the mail in the worker's output.
        server.wait_for(r"Please.moderate", seconds=60)
        health = json.loads(server.request("/healthz")[1])
        assert health["worker"]["state"] == "ok"


def test_the_access_log_names_the_visitor_behind_a_trusted_proxy(tmp_path):
    with serving(tmp_path, RUNWELL_TRUSTED_PROXIES="127.0.0.1") as server:
        server.request("/robots.txt", **{"X-Forwarded-For": "203.0.113.50, 198.51.100.23"})
        server.wait_for(r'198\.51\.100\.23 - - \[.*\] "GET /robots\.txt')
    assert "203.0.113.50 -" not in server.output


def test_two_servers_starting_at_once_on_a_fresh_data_folder_both_come_up(tmp_path):
    servers = [Server(tmp_path, free_port()), Server(tmp_path, free_port())]
    try:
        for server in servers:
            server.wait_until_up()
    finally:
        for server in servers:
            server.stop()
    outputs = [server.output for server in servers]
    assert sum(out.count("password:") for out in outputs) == 1, outputs
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM auth_user WHERE is_superuser").fetchone() == (1,)


def _waiting_for_flock(path: Path, seconds: float = 60) -> bool:
    """Whether some process is queued for the flock on `path` (/proc/locks marks it "->")."""
    inode = f":{path.stat().st_ino} "
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        locks = Path("/proc/locks").read_text().splitlines()
        if any("->" in line and inode in line for line in locks):
            return True
        time.sleep(0.1)
    return False


def test_a_server_starting_beside_another_opens_a_fresh_database_only_in_its_turn(tmp_path):
    # Two processes opening a brand-new SQLite file both switch it to WAL, and SQLite
    # refuses one at once. So the second start must not connect before the first is done.
    lock = tmp_path / "db.start-lock"
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a first server migrating would
        server = Server(tmp_path, free_port())
        try:
            assert _waiting_for_flock(lock), server.output
            assert not (tmp_path / "db.sqlite3").exists()
            fcntl.flock(held, fcntl.LOCK_UN)
            server.wait_until_up()
        finally:
            server.stop()


@pytest.mark.django_db(transaction=True)
def test_two_servers_starting_at_once_on_a_fresh_postgres_database_both_come_up(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass")
    with fresh_postgres_database() as name:
        url = postgres_url(name)
        servers = [
            Server(tmp_path / "a", free_port(), DATABASE_URL=url),
            Server(tmp_path / "b", free_port(), DATABASE_URL=url),
        ]
        try:
            for server in servers:
                server.wait_until_up()
        finally:
            for server in servers:
                server.stop()
        outputs = [server.output for server in servers]
        assert sum(out.count("password:") for out in outputs) == 1, outputs
