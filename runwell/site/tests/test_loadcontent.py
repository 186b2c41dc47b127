"""`runwell loadcontent` on a fresh data folder migrates first (issue 14, #9)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_loadcontent_on_a_fresh_data_folder_migrates_and_loads(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env["RUNWELL_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "runwell", "loadcontent"],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "articles created" in done.stdout
    assert (tmp_path / "db.sqlite3").exists()
