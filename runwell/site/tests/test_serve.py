"""`runwell serve` prepares a fresh data folder and serves the site with gunicorn."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(data_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env["RUNWELL_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "runwell", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until_up(url: str, process: subprocess.Popen[str], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    return output


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_serve_sets_up_a_fresh_data_folder_and_serves_the_site(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(tmp_path, port)
    try:
        wait_until_up(f"{base}/healthz", server)
        status, home = fetch(f"{base}/")
        assert status == 200
        assert b"Runwell" in home
        # The starter library is loaded on the first start.
        assert "Can running cause back pain?" in home.decode()
        status, css = fetch(f"{base}/static/css/site.css")
        assert status == 200 and b"--brand" in css
    finally:
        first_output = stop(server)

    assert (tmp_path / "db.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert "user name: admin" in first_output
    assert "password:" in first_output
    assert "gunicorn" in first_output.lower()

    # A second start keeps the same key and never prints a password again.
    key = (tmp_path / "secret_key").read_text()
    server = start(tmp_path, port)
    try:
        wait_until_up(f"{base}/healthz", server)
    finally:
        second_output = stop(server)
    assert "password:" not in second_output
    assert (tmp_path / "secret_key").read_text() == key
