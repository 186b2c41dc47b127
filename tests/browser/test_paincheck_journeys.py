"""Runners take the pain check in a real browser, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page: Page, legend: str, choice: str) -> None:
    """Tick a radio by its question (fieldset legend) and answer label."""
    group = page.get_by_role("group", name=re.compile(re.escape(legend)))
    group.get_by_label(choice, exact=True).check()


def about_you(page: Page, age: str = "34") -> None:
    page.get_by_label("How old are you?").fill(age)
    answer(page, "Sex", "Female")
    page.get_by_role("button", name="Next").click()


def warning_signs(page: Page, *, bladder: str = "No") -> None:
    expect(page.get_by_role("heading", name=re.compile("Warning signs"))).to_be_visible()
    answer(page, "New trouble starting or stopping urine", bladder)
    for legend in (
        "New numbness or altered feeling",
        "Along with the back pain, any chest pain",
        "Have you ever had cancer?",
        "Fever, chills",
        "Weight loss you cannot explain",
        "Do you take immune-suppressing medicine",
        "Have you been told you have osteoporosis",
    ):
        answer(page, legend, "No")
    answer(page, "Did the pain start after a fall or accident?", "No")
    answer(page, "Weakness in a leg or foot", "No")
    answer(page, "Numbness or pins and needles", "No")
    answer(page, "Pain at night?", "No")
    page.get_by_role("button", name="Next").click()


def where_how(page: Page) -> None:
    answer(page, "Where is the pain mainly?", "Lower back")
    answer(page, "Does the pain spread?", "No, it stays in my back")
    page.get_by_label("How many weeks have you had this pain?").fill("2")
    page.get_by_label(re.compile("Average pain over the last week")).fill("4")
    answer(page, "Does hopping on one leg", "No")
    answer(page, "Pain in the groin", "No")
    page.get_by_role("button", name="Next").click()


def running(page: Page) -> None:
    answer(page, "Do you get this pain after every run?", "No")
    answer(page, "Has the pain continued despite", "No")
    page.get_by_label(re.compile("By what percent")).fill("40")
    page.get_by_role("button", name="See my result").click()


def self_care_journey(page: Page, site: str, axe_check) -> None:
    page.goto(f"{site}/pain-check/")
    axe_check(page)
    about_you(page)
    axe_check(page)
    warning_signs(page)
    axe_check(page)
    where_how(page)
    axe_check(page)
    running(page)
    result = page.locator("[data-triage]")
    expect(result).to_have_attribute("data-triage", "self_care")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-care")
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Stay active; avoid bed rest")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("A jump in training load"))).to_be_visible()
    expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()
    axe_check(page)


def emergency_journey(page: Page, site: str, axe_check) -> None:
    page.goto(f"{site}/pain-check/")
    about_you(page, age="52")
    warning_signs(page, bladder="Yes")
    expect(page.locator("[data-triage]")).to_have_attribute("data-triage", "emergency")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Emergency")
    expect(page.get_by_text(re.compile("999.*112.*911")).first).to_be_visible()
    expect(page.get_by_role("heading", name="Possible cauda equina syndrome")).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_have_count(0)
    axe_check(page)


def test_a_runner_walks_from_start_to_a_self_care_plan(
    page: Page, site: str, axe_check, foreign_requests
):
    self_care_journey(page, site, axe_check)
    assert foreign_requests == []


def test_an_emergency_stops_at_the_warning_signs_step(
    page: Page, site: str, axe_check, foreign_requests
):
    emergency_journey(page, site, axe_check)
    assert foreign_requests == []


def test_both_journeys_work_without_javascript(browser: Browser, site: str):
    # axe itself needs JavaScript; the same pages are checked by the journeys above.
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        self_care_journey(page, site, lambda p: None)
        emergency_journey(page, site, lambda p: None)
    finally:
        context.close()


def test_a_missing_warning_sign_answer_is_shown_and_the_other_answers_kept(
    page: Page, site: str, axe_check
):
    page.goto(f"{site}/pain-check/")
    about_you(page)
    answer(page, "New trouble starting or stopping urine", "No")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert").first).to_contain_text("Please answer")
    group = page.get_by_role("group", name=re.compile("New trouble starting or stopping urine"))
    expect(group.get_by_label("No", exact=True)).to_be_checked()
    axe_check(page)


def test_the_print_view_is_a_one_page_summary(page: Page, site: str, axe_check):
    self_care_journey(page, site, lambda p: None)
    page.get_by_role("button", name="Print a summary for your clinician").click()
    expect(page.get_by_role("heading", name="Pain check summary for a clinician")).to_be_visible()
    expect(page.locator("[data-triage]")).to_have_attribute("data-triage", "self_care")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    axe_check(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1


def test_the_how_it_works_page_passes_axe(page: Page, site: str, axe_check):
    page.goto(f"{site}/pain-check/how-it-works/")
    expect(page.get_by_role("heading", name="How the pain check decides")).to_be_visible()
    axe_check(page)


def test_a_runner_saves_a_check_and_finds_it_later(
    page: Page, site: str, axe_check, django_user_model
):
    django_user_model.objects.create_user("rosa", "rosa@example.org", "long-and-Unusual-9")
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill("rosa")
    page.get_by_label(re.compile(r"^Password\W*$")).fill("long-and-Unusual-9")
    page.get_by_role("button", name="Log in").click()
    self_care_journey(page, site, lambda p: None)
    page.get_by_role("button", name="Save to my account").click()
    expect(page.get_by_text("Saved. Only you can see your saved checks.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="All your saved checks").click()
    expect(page.get_by_role("heading", name="Your saved pain checks")).to_be_visible()
    axe_check(page)
