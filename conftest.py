"""Test set-up shared by the whole suite.

Browser tests drive Debian's Chromium (never a downloaded build). Where Chromium
is missing they are skipped, and the run ends with one line saying so, unless
RUNWELL_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["runwell.testing.personas"]

CHROMIUM = os.environ.get("RUNWELL_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
REQUIRE_BROWSER = os.environ.get("RUNWELL_REQUIRE_BROWSER") == "1"
_skipped_browser: list[str] = []


def _browser_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}"
    if not AXE_JS.exists():
        return "axe-core not installed (run `npm ci`)"
    return None


def pytest_configure(config: pytest.Config) -> None:
    """Test-run settings, applied once Django has read the production ones."""
    from django.conf import settings

    # Most tests log in many times from one address; the lockout tests turn it back on.
    settings.AXES_ENABLED = False
    # Mail and other tasks run inside the request, so a test sees their effect at once
    # (the worker process has its own tests).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Static files straight from the source folders, with no collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Sentence vectors take a CPU-second per article; the search tests that need them
    # turn this back on (or embed directly).
    settings.ARTICLES_EMBED_ON_SAVE = False


@pytest.fixture(autouse=True)
def _fresh_process_caches(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Each test's database starts over, so ids and versions come round again: the
    per-process caches keyed by them must start over too.

    The discussion rules are kept per process for a moment (comments.conf.STORED_TTL).
    Within a test they are kept until a save drops them (or the test forgets them): a
    test that counts the queries of a few requests must not see that moment run out
    halfway on a slow machine, which made it count the rules' query once in a while.
    """
    from runwell.comments import conf
    from runwell.lib.versioned import clear_all

    monkeypatch.setattr(conf, "STORED_TTL", float("inf"))
    conf.forget_stored_settings()
    clear_all()
    yield
    clear_all()
    conf.forget_stored_settings()


_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def _uses_the_database(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & _DATABASE_FIXTURES)


def _keep_database_tests_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The second run (on PostgreSQL) repeats only what can differ between databases:
    # a test that never opens the database gives the same answer on both.
    kept = [item for item in items if _uses_the_database(item)]
    dropped = [item for item in items if not _uses_the_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("RUNWELL_TEST_DATABASE_ONLY") == "1":
        _keep_database_tests_only(config, items)
    reason = _browser_missing_reason()
    if reason is None:
        return
    for item in items:
        if "browser" in item.keywords:
            if REQUIRE_BROWSER:
                raise pytest.UsageError(f"browser tests are required but {reason}")
            item.add_marker(pytest.mark.skip(reason=reason))
            _skipped_browser.append(item.nodeid)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skipped_browser:
        terminalreporter.write_line(
            f"NOTE: {len(_skipped_browser)} browser tests skipped: {_browser_missing_reason()}."
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
