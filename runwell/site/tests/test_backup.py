"""Backups that are proven by restoring them (issue 13, point 18).

Each test backs up a running site while comments are being posted, restores the backup
into a fresh data folder (and, on PostgreSQL, a fresh database), and reads the restored
database: every comment that was answered 201 before the backup began is there.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from runwell.site.tests.servers import (
    Server,
    fresh_postgres_database,
    postgres_url,
    runwell,
    serving,
)

pytestmark = pytest.mark.slow  # starts a server and commands
POSTING = {
    "RUNWELL_COMMENT_MODERATION": "none",
    "RUNWELL_COMMENT_FLOOD_SECONDS": "0",
    "RUNWELL_COMMENT_RATE_LIMIT": "0",
}
URL = "/api/v1/articles/can-running-cause-back-pain/comments"


def _back_up_while_posting(server: Server, site: Path, backup: Path, **env: str) -> set[int]:
    """Post from three threads, back up in the middle; the ids answered before it began."""
    answered: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def post(thread: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            payload = {"author_name": f"P{thread}", "author_email": f"p{thread}@example.org",
                       "body": f"comment {n} from {thread}"}  # fmt: skip
            status, body = server.request(URL, payload)
            if status == 201:
                with lock:
                    answered.append(json.loads(body)["id"])

    threads = [threading.Thread(target=post, args=(t,)) for t in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        with lock:
            before = set(answered)
        result = runwell(site, "backup", str(backup), **env)
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert result.returncode == 0, result.stderr
    assert before, "no comment was posted before the backup"
    assert len(answered) > len(before), "posting did not carry on during the backup"
    return before


def _media_and_key(site: Path) -> None:
    (site / "media" / "uploads").mkdir(parents=True, exist_ok=True)
    (site / "media" / "uploads" / "hill.jpg").write_bytes(b"not really a jpeg")
    (site / "training-uploads" / "7" / "3").mkdir(parents=True, exist_ok=True)
    (site / "training-uploads" / "7" / "3" / "run.gpx").write_text("<gpx/>")


def _check_files(site: Path, restored: Path) -> None:
    assert (restored / "media" / "uploads" / "hill.jpg").read_bytes() == b"not really a jpeg"
    assert (restored / "training-uploads" / "7" / "3" / "run.gpx").read_text() == "<gpx/>"
    assert (restored / "secret_key").read_text() == (site / "secret_key").read_text()


def test_sqlite_backup_restores_every_comment_answered_before_it(tmp_path):
    site, backup, restored = tmp_path / "site", tmp_path / "backup", tmp_path / "restored"
    with serving(site, **POSTING) as server:
        _media_and_key(site)
        before = _back_up_while_posting(server, site, backup)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite" and "db.sqlite3" in manifest["files"]
    result = runwell(restored, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(restored / "db.sqlite3") as db:
        stored = {row[0] for row in db.execute("SELECT id FROM comments_comment")}
    assert before <= stored
    _check_files(site, restored)


@pytest.mark.django_db(transaction=True)
def test_postgres_backup_restores_every_comment_answered_before_it(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass")
    import psycopg

    site, backup, restored = tmp_path / "site", tmp_path / "backup", tmp_path / "restored"
    with fresh_postgres_database() as first, fresh_postgres_database() as second:
        with serving(site, DATABASE_URL=postgres_url(first), **POSTING) as server:
            _media_and_key(site)
            before = _back_up_while_posting(server, site, backup, DATABASE_URL=postgres_url(first))
        assert json.loads((backup / "manifest.json").read_text())["engine"] == "postgresql"
        result = runwell(restored, "restore", str(backup), DATABASE_URL=postgres_url(second))
        assert result.returncode == 0, result.stderr
        with psycopg.connect(postgres_url(second)) as db:
            stored = {row[0] for row in db.execute("SELECT id FROM comments_comment")}
    assert before <= stored
    _check_files(site, restored)


def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path):
    site, backup, restored = tmp_path / "site", tmp_path / "backup", tmp_path / "restored"
    assert runwell(site, "migrate").returncode == 0
    assert runwell(site, "backup", str(backup)).returncode == 0
    with (backup / "db.sqlite3").open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\xff\xff")
    result = runwell(restored, "restore", str(backup))
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    assert not (restored / "db.sqlite3").exists() or (restored / "db.sqlite3").stat().st_size == 0


def test_restore_will_not_overwrite_a_site_without_force(tmp_path):
    site, backup = tmp_path / "site", tmp_path / "backup"
    assert runwell(site, "migrate").returncode == 0
    assert runwell(site, "backup", str(backup)).returncode == 0
    result = runwell(site, "restore", str(backup))
    assert result.returncode != 0
    assert "--force" in result.stderr
    assert runwell(site, "restore", str(backup), "--force").returncode == 0


def test_a_backup_never_overwrites_an_earlier_one(tmp_path):
    site, backup = tmp_path / "site", tmp_path / "backup"
    assert runwell(site, "migrate").returncode == 0
    assert runwell(site, "backup", str(backup)).returncode == 0
    result = runwell(site, "backup", str(backup))
    assert result.returncode != 0
    assert "already exists" in result.stderr
