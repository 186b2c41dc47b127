"""Bad configuration stops `runwell serve` with one line naming the problem."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from runwell.site.tests.servers import free_port

pytestmark = pytest.mark.slow  # starts processes


def run_serve(env: dict[str, str], *args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    full_env.update({"RUNWELL_DATA_DIR": str(data_dir), **env})
    return subprocess.run(
        [sys.executable, "-m", "runwell", "serve", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_malformed_database_url_names_the_variable(tmp_path):
    result = run_serve({"DATABASE_URL": "not a url"}, data_dir=tmp_path)
    assert "DATABASE_URL" in one_line_error(result)


def test_an_unsupported_database_is_refused(tmp_path):
    result = run_serve({"DATABASE_URL": "mysql://u:p@localhost/db"}, data_dir=tmp_path)
    assert "DATABASE_URL uses an unsupported database" in one_line_error(result)


def test_an_unreachable_database_is_reported_in_one_line(tmp_path):
    url = "postgres://nobody:secret@127.0.0.1:9/nowhere"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    result = run_serve({"DATABASE_URL": url}, "--port", str(free_port), data_dir=tmp_path)
    assert "DATABASE_URL: cannot connect" in one_line_error(result)


def test_a_sqlite_file_in_a_missing_folder_is_reported_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3"
    result = run_serve({"DATABASE_URL": url}, "--port", str(free_port()), data_dir=tmp_path)
    assert "DATABASE_URL: cannot connect" in one_line_error(result)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--port", "eighty", "--port 'eighty' is not a whole number"),
        ("--workers", "0", "--workers must be at least 1"),
        ("--threads", "none", "--threads 'none' is not a whole number"),
    ],
)
def test_a_bad_count_option_is_refused(tmp_path, option, value, message):
    result = run_serve({}, option, value, data_dir=tmp_path)
    assert message in one_line_error(result)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("RUNWELL_PORT", "eighty", "RUNWELL_PORT='eighty' is not a whole number"),
        ("RUNWELL_THREADS", "0", "RUNWELL_THREADS='0' must be at least 1"),
    ],
)
def test_a_bad_count_variable_names_the_variable(tmp_path, variable, value, message):
    result = run_serve({variable: value}, data_dir=tmp_path)
    assert message in one_line_error(result)


def test_an_unwritable_data_folder_names_the_variable(tmp_path):
    if os.geteuid() == 0:
        # Permission bits do not stop root; /proc refuses new folders to everyone.
        unwritable = Path("/proc/runwell-data")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        unwritable = locked / "data"
    result = run_serve({}, data_dir=unwritable)
    assert "RUNWELL_DATA_DIR" in one_line_error(result)
    assert "is not a writable folder" in one_line_error(result)


def test_a_data_folder_that_is_a_file_names_the_variable(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = run_serve({}, data_dir=not_a_folder)
    assert "RUNWELL_DATA_DIR" in one_line_error(result)


def test_a_port_in_use_is_reported_in_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_serve({}, "--port", str(port), data_dir=tmp_path)
    assert f"cannot listen on 127.0.0.1:{port}" in one_line_error(result)


def test_a_bad_boolean_names_the_variable(tmp_path):
    result = run_serve({"RUNWELL_DEBUG": "perhaps"}, data_dir=tmp_path)
    assert "RUNWELL_DEBUG='perhaps' is not a boolean" in one_line_error(result)
