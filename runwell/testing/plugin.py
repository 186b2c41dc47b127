"""Set up the environment for a test run before Django reads the settings.

pytest-django imports the settings before any conftest.py is loaded, so this is a
plugin named in pyproject's addopts (`-p runwell.testing.plugin`): it runs first and
only fills in what the caller has not set (scripts/test.sh and CI set their own).
"""

from __future__ import annotations

import os
import tempfile

from runwell.config import prepare_data_dir

os.environ.setdefault("RUNWELL_DATA_DIR", tempfile.mkdtemp(prefix="runwell-test-"))
# Tests sign cookies and tokens like the site does; the key only has to be stable
# within the run.
os.environ.setdefault("RUNWELL_SECRET_KEY", "test-only-" + "k" * 50)
# The folders `runwell` itself would make on its first start (static, media).
prepare_data_dir()
