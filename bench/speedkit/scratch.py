"""The in-process benchmarks' scratch database (bench/articles.py, pages.py, training.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def scratch_database() -> Iterator[None]:
    """A test database made for the run and dropped after it, as the test suite makes one.

    Static files are served from plain storage: a benchmark's data folder has no
    collectstatic manifest. Call after django.setup().
    """
    from django.test.runner import DiscoverRunner
    from django.test.utils import override_settings, setup_test_environment

    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        yield
    finally:
        runner.teardown_databases(old)
