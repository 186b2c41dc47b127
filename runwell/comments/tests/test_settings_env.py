"""The RUNWELL_COMMENT_* variables: read at start-up, and a bad value stops it clearly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.slow  # starts processes


@pytest.mark.parametrize(
    "name,value",
    [
        ("RUNWELL_COMMENT_MODERATION", "sometimes"),
        ("RUNWELL_COMMENT_RATE_LIMIT", "five a minute"),
        ("RUNWELL_COMMENT_FLOOD_SECONDS", "-3"),
        ("RUNWELL_COMMENT_MIN_SECONDS", "soon"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(name, value, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RUNWELL_DATA_DIR": str(tmp_path), name: value}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "runwell", "check"], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert name in done.stderr


def test_good_values_reach_the_rules(settings, db):
    from runwell.comments.conf import load_rules

    settings.COMMENT_MODERATION = "all"
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = "7/h"
    settings.COMMENT_MIN_SECONDS = 1
    rules = load_rules()
    assert (rules.moderation, rules.flood_seconds, rules.rate_limit, rules.min_seconds) == (
        "all",
        0,
        (7, 3600),
        1,
    )
