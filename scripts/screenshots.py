"""Screenshots of the home page, an article and a pain-check result, at 1280 and 390 px.

Starts `runwell serve` on a fresh data folder (the starter content loads on its first
start), drives Debian's Chromium with Playwright through the pain check, and writes PNGs
to docs/screenshots/. Run: .venv/bin/python scripts/screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("RUNWELL_CHROMIUM", "/usr/bin/chromium")
WIDTHS = {1280: 900, 390: 844}
ARTICLE = "/articles/can-running-cause-back-pain/"
MAX_SCREENS = 2.5  # long pages: the top two and a half screens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (our own server)
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the site did not answer at {url}")


def answer_the_pain_check(page: Page, site: str) -> None:
    """Answer each step as a runner with an ordinary ache would: no warning signs."""
    page.goto(f"{site}/pain-check/")
    for _ in range(12):
        if page.locator("[data-triage]").count():
            return
        for group in page.locator("fieldset").all():
            radios = group.locator("input[type=radio]")
            boxes = group.locator("input[type=checkbox]")
            if radios.count():
                calm = group.locator("input[type=radio][value=no], input[type=radio][value=none]")
                (calm.first if calm.count() else radios.first).check()
            elif boxes.count() and not group.locator("input:checked").count():
                boxes.first.check()
        for number in page.locator("input[type=number]").all():
            if not number.input_value():
                number.fill("35" if "age" in (number.get_attribute("name") or "") else "3")
        page.locator("form.pc-form button[name=nav][value=next]").click()
        page.wait_for_load_state()
    raise SystemExit("the pain check did not reach a result")


def shoot(page: Page, path: Path, height: int) -> None:
    full = page.evaluate("() => document.documentElement.scrollHeight")
    clip_height = min(full, int(height * MAX_SCREENS))
    width = page.viewport_size["width"] if page.viewport_size else 1280
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": clip_height}
    )
    print(f"wrote {path.relative_to(ROOT)} ({width}×{clip_height})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="rw-screens-") as data:
        env = {**os.environ, "RUNWELL_DATA_DIR": data, "RUNWELL_SITE_URL": site}
        env.pop("DATABASE_URL", None)
        command = [str(Path(sys.executable).parent / "runwell"), "serve", "--port", str(port),
                   "--workers", "1", "--no-worker"]  # fmt: skip
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, cwd=ROOT)
        try:
            wait_for(f"{site}/healthz")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run"],
                )  # fmt: skip
                for width, height in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(f"{site}/")
                    shoot(page, out / f"home-{width}.png", height)
                    page.goto(f"{site}{ARTICLE}")
                    shoot(page, out / f"article-{width}.png", height)
                    answer_the_pain_check(page, site)
                    shoot(page, out / f"paincheck-result-{width}.png", height)
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
