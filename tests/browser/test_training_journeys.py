"""A runner's training log through a real Chromium: import, watch, log, shoes, pain, insight."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from runwell.testing.factories import PASSWORD, make_user
from runwell.training.importing import run_job
from runwell.training.models import Activity, ImportJob
from runwell.training.tests.files import gpx_run, three_runs_zip, zip_of

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(page: Page, site: str, axe_check) -> None:
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label(re.compile(r"^Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    link = re.search(r"https?://\S+?(/accounts/activate/\S+)", str(mail.outbox[-1].body))
    assert link
    page.goto(f"{site}{link.group(1)}")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Activate my account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    axe_check(page)


def log_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile(r"^Password\W*$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("You are logged in as")).to_be_visible()


def recent_monday() -> datetime:
    today = timezone.now().date()
    monday = today - timedelta(days=today.weekday() + 14)
    return datetime.combine(monday, time(6, 30), tzinfo=UTC)


def test_a_runner_imports_a_zip_watches_it_and_keeps_a_log(
    page: Page, site: str, axe_check, foreign_requests, settings
):
    sign_up(page, site, axe_check)  # its mail goes out at once (the tests' immediate queue)
    # The real queue from here: the upload waits for the worker, so the page shows it coming.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page.get_by_role("link", name="Training").click()
    expect(page.get_by_role("heading", name="Your training")).to_be_visible()
    axe_check(page)
    page.get_by_role("navigation", name="Training log").get_by_role("link", name="Import").click()
    axe_check(page)
    first = recent_monday()
    page.get_by_label("Activity files or a ZIP").set_input_files(
        files=[{"name": "runs.zip", "mimeType": "application/zip", "buffer": three_runs_zip(first)}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name=re.compile("^Import of"))).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    axe_check(page)

    run_job(ImportJob.objects.get().pk)  # what the worker does
    # htmx polls the page: it changes without a reload.
    expect(page.get_by_role("status")).to_contain_text("Finished: 3 files read.", timeout=10_000)
    expect(page.get_by_role("cell", name="runs.zip!wednesday.fit")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Go to your log").click()
    expect(page.get_by_role("heading", name=f"Week of {first.day} {first:%B %Y}")).to_be_visible()
    expect(page.locator(".log-table tbody tr")).to_have_count(3)
    axe_check(page)

    page.get_by_role("navigation", name="Training log").get_by_role("link", name="Shoes").click()
    page.get_by_label("Name").fill("Blue pair")
    page.get_by_label("Distance already on them (km)").fill("650")
    page.get_by_role("button", name="Add shoes").click()
    expect(page.get_by_text("“Blue pair” is added.")).to_be_visible()
    expect(page.get_by_text("650 km of 700 km")).to_be_visible()
    axe_check(page)

    page.get_by_role("navigation", name="Training log").get_by_role(
        "link", name="Pain diary"
    ).click()
    page.get_by_label("Upper back").check()
    page.get_by_label("How bad (0–10)").fill("4")
    page.get_by_label("The next morning").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Noted in your pain diary.")).to_be_visible()
    expect(page.get_by_role("cell", name="4/10")).to_be_visible()
    axe_check(page)
    assert foreign_requests == []


def test_the_upload_works_with_javascript_off(browser: Browser, site: str):
    make_user("lee")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, site, "lee")
    page.goto(f"{site}/training/log/")
    expect(page.get_by_text("Your log is empty.")).to_be_visible()
    page.get_by_label("Activity files or a ZIP").set_input_files(
        files=[
            {
                "name": "runs.zip",
                "mimeType": "application/zip",
                "buffer": three_runs_zip(recent_monday()),
            }
        ]
    )
    page.get_by_label("Keep my original files after the import").check()
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Finished: 3 files read.")).to_be_visible()
    expect(page.get_by_role("link", name="runs.zip")).to_be_visible()  # the kept original
    page.get_by_role("link", name="Go to your log").click()
    expect(page.locator(".log-table tbody tr")).to_have_count(3)
    context.close()


def test_from_import_to_dashboard_to_insight(page: Page, site: str, axe_check):
    make_user("kim")
    today = timezone.now().date()
    spike_day = today - timedelta(days=8)
    runs = {}
    for k in range(44, 9, -2):  # 8 km every other day for six weeks
        day = today - timedelta(days=k)
        runs[f"easy-{day}.gpx"] = gpx_run(datetime.combine(day, time(7), tzinfo=UTC), minutes=44)
    runs["long.gpx"] = gpx_run(datetime.combine(spike_day, time(7), tzinfo=UTC), minutes=88)
    log_in(page, site, "kim")
    page.goto(f"{site}/training/import/")
    page.get_by_label("Activity files or a ZIP").set_input_files(
        files=[{"name": "watch.zip", "mimeType": "application/zip", "buffer": zip_of(runs)}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status")).to_contain_text(f"Finished: {len(runs)} files read.")
    assert Activity.objects.count() == len(runs)

    for back in (3, 2):
        page.goto(f"{site}/training/pain/")
        page.get_by_label("Date").fill(str(today - timedelta(days=back)))
        page.get_by_label("How bad (0–10)").fill("5")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Noted in your pain diary.")).to_be_visible()

    page.get_by_role("navigation", name="Training log").get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Distance, week by week")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("Running distance in each of the last 12 weeks"))
    ).to_be_visible()
    insight = page.locator(f"#episode-{today - timedelta(days=3)}")
    expect(insight).to_contain_text("Lower back pain from")
    expect(insight.locator(".insight-summary")).to_contain_text("longer than")
    expect(page.get_by_text("Warnings of the last 4 weeks")).to_be_visible()
    axe_check(page)
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    expect(page.locator(".chart-table").first).to_be_visible()
    axe_check(page)
