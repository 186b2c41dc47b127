"""Fixtures for journeys through a real Chromium against the live site."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

AxeCheck = Callable[[Page], None]


BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items: mark only the journeys in this folder.
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def site(live_server: Any) -> str:
    return str(live_server.url)


@pytest.fixture
def axe_check() -> AxeCheck:
    """Run axe-core on the page; fail on any serious or critical violation."""

    def check(page: Page) -> None:
        # Evaluated over the DevTools protocol, which the site's strict CSP
        # (rightly) does not apply to; a <script> tag would be blocked.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',"
            " 'wcag21aa', 'wcag22aa', 'best-practice']})"
        )
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in bad
        )
        assert not bad, f"axe found problems on {page.url}:\n{details}"

    return check


@pytest.fixture
def foreign_requests(page: Page, site: str) -> Iterator[list[str]]:
    """Every request the page makes to a host other than the site itself."""
    own = urlsplit(site).netloc
    seen: list[str] = []

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != own:
            seen.append(request.url)

    page.on("request", record)
    yield seen
