"""Real `runwell serve` processes and fresh databases for the tests that need them."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection


def site_env(data_dir: Path, **env: str) -> dict[str, str]:
    """The environment of a site of its own: this machine's, less Runwell's settings."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    full.update(RUNWELL_DATA_DIR=str(data_dir), **env)
    return full


def runwell(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a `runwell` command against that site."""
    return subprocess.run(
        [sys.executable, "-m", "runwell", *args], env=site_env(data_dir, **env),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


class Server:
    """A `runwell serve` process whose output is collected as it comes."""

    def __init__(self, data_dir: Path, port: int, **env: str) -> None:
        full_env = site_env(data_dir, **env)
        self.port = port
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "runwell", "serve", "--port", str(port), "--workers", "1"],
            env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, seconds: float = 90) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = list(re.finditer(pattern, self.output))
            if found:
                return found[-1]
            assert self.process.poll() is None, self.output
            time.sleep(0.3)
        raise AssertionError(f"{pattern!r} not seen in:\n{self.output[-3000:]}")

    def request(self, path: str, body: object = None, **headers: str) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data, headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def wait_until_up(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output
            try:
                if self.request("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"not up within {seconds} s:\n{self.output[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=40)
        self._reader.join(timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(data_dir: Path, **env: str) -> Iterator[Server]:
    server = Server(data_dir, free_port(), **env)
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


def postgres_url(name: str) -> str:
    db = connection.settings_dict
    auth = f"{quote(db['USER'])}:{quote(str(db['PASSWORD']))}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    name = f"runwell_fresh_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
