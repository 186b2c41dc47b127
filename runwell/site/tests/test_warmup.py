"""A server process does its first requests' one-off work as it starts (runwell.site.warmup)."""

import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
import django
django.setup()
from django.core import validators
from django.utils.functional import empty

lazy = [validators.EmailValidator.user_regex, validators.URLValidator.regex]
before = [p._wrapped is empty for p in lazy] + ["runwell.api" not in sys.modules]
from runwell.site.warmup import warm
warm()
after = [p._wrapped is not empty for p in lazy] + ["runwell.api" in sys.modules]
print(all(before), all(after))
"""


ENTRY = """
import sys
from django.core import validators
from django.utils.functional import empty
import runwell.wsgi
print(validators.URLValidator.regex._wrapped is not empty, "runwell.api" in sys.modules)
"""


def _run(code: str, data_dir: Path) -> list[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "runwell.settings",
           "RUNWELL_SECRET_KEY": "x", "RUNWELL_DATA_DIR": str(data_dir)}  # fmt: skip
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_warming_up_imports_the_views_and_compiles_the_validators(tmp_path: Path) -> None:
    assert _run(CHECK, tmp_path) == ["True", "True"]


def test_a_worker_is_warm_once_it_has_loaded_the_application(tmp_path: Path) -> None:
    assert _run(ENTRY, tmp_path) == ["True", "True"]
