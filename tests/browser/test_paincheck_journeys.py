"""Runners take the pain check in a real browser: with and without JavaScript, on a phone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from runwell.accounts.timezones import today_for
from runwell.testing.factories import (
    PASSWORD,
    make_activity,
    make_article,
    make_pain,
    make_shoe,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    # A British reader: the emergency button dials 999 (en-US would dial 911).
    return {**browser_context_args, "locale": "en-GB"}


WARNING_NO = (
    "New trouble starting or stopping when you pee",
    "New numbness or changed feeling",
    "Along with the back pain, any chest pain",
    "With the pain, have you had sweating",
    "Does the pain come on with effort",
    "Did the pain come on suddenly and severely",
    "Is the pain sharper when you breathe in",
    "Pain in your side (the loin",
    "Fever, chills",
    "Do you take immune-suppressing medicine",
    "Have you ever had cancer?",
    "Weight loss you cannot explain",
    "Have you been told you have osteoporosis",
)
WARNING_NONE = (
    "Numbness in a leg or foot",
    "Weakness in a leg or foot",
    "Did the pain start after a fall or accident?",
    "Pain at night?",
)


def answer(page: Page, legend: str, choice: str) -> None:
    """Tick a radio by its question (fieldset legend) and answer label."""
    group = page.get_by_role("group", name=re.compile(re.escape(legend)))
    group.get_by_label(choice, exact=True).check()


def about_you(page: Page, age: str = "34", sex: str = "Female") -> None:
    expect(page.get_by_text("5 short steps and 40 questions")).to_be_visible()
    page.get_by_label("How old are you?").fill(age)
    answer(page, "Sex", sex)
    page.get_by_role("button", name="Next").click()


def warning_signs(page: Page, yes: tuple[str, ...] = ()) -> None:
    """Answer each warning sign: yes to those named, no to the rest."""
    expect(page.get_by_role("heading", name=re.compile("Warning signs"))).to_be_visible()
    for legend in WARNING_NO:
        answer(page, legend, "Yes" if legend in yes else "No")
    for legend in WARNING_NONE:
        answer(page, legend, "No")
    page.get_by_role("button", name="Next").click()


def where_how(page: Page, region: str = "Lower back", weeks: str = "2") -> None:
    answer(page, "Where is the pain mainly?", region)
    answer(page, "Does the pain, or pins and needles, spread?", "No, it stays in my back")
    page.get_by_label("How many weeks have you had this pain?").fill(weeks)
    page.get_by_label(re.compile("Average pain over the last week")).fill("4")
    for legend in (
        "Is your back stiff",
        "Does arching backwards",
        "Can you point to the pain",
        "Deep buttock pain",
        "Pain in the groin",
    ):
        answer(page, legend, "No")
    page.get_by_role("button", name="Next").click()


def running(page: Page, mileage: str = "40") -> None:
    for legend in (
        "Do you get this pain after every run?",
        "Has the pain continued despite",
        "In the last year",
    ):
        answer(page, legend, "No")
    page.get_by_label(re.compile("By what percent")).fill(mileage)
    answer(page, "Where do you mostly run?", "Treadmill set on an incline")
    page.get_by_label(re.compile("km are on your current running shoes")).fill("1200")
    answer(page, "Have you been told you have flat feet", "Yes")
    page.get_by_role("button", name="Next").click()


def self_tests(page: Page) -> None:
    expect(page.get_by_text("skip any test that hurts to try")).to_be_visible()
    answer(page, "Hop test", "No, hopping is comfortable")
    answer(page, "Flexibility self-tests", "Both tight")
    page.get_by_label(re.compile("Plank: how long")).fill("10")
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
    axe_check(page)
    self_tests(page)
    expect(page.locator("[data-triage]")).to_have_attribute("data-triage", "self_care")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-care")
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Stay active; avoid bed rest")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("A jump in training load"))).to_be_visible()
    expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()
    expect(page.get_by_role("heading", name="When to get help sooner")).to_be_visible()
    axe_check(page)


def emergency_journey(page: Page, site: str, axe_check) -> None:
    page.goto(f"{site}/pain-check/")
    about_you(page, age="52")
    warning_signs(page, yes=("New trouble starting or stopping when you pee",))
    expect(page.locator("[data-triage]")).to_have_attribute("data-triage", "emergency")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Emergency")
    expect(page.get_by_text(re.compile("999.*112.*911")).first).to_be_visible()
    expect(page.get_by_role("heading", name="Possible cauda equina syndrome")).to_be_visible()
    expect(page.get_by_text("We stopped the questions here")).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_have_count(0)
    axe_check(page)


def heart_journey(page: Page, site: str, axe_check) -> None:
    """A 58-year-old whose ache between the shoulder blades comes with sweating and nausea."""
    page.goto(f"{site}/pain-check/")
    about_you(page, age="58")
    warning_signs(
        page, yes=("With the pain, have you had sweating", "Does the pain come on with effort")
    )
    result = page.locator("article[data-triage]")
    expect(result).to_have_attribute("data-triage", "emergency")
    first_action = result.locator("a, button").first
    expect(first_action).to_have_text("Call 999 now")
    expect(first_action).to_have_attribute("href", "tel:999")
    expect(result.get_by_role("heading", name="While you wait")).to_be_visible()
    expect(result.get_by_role("listitem").filter(has_text="Do not drive yourself")).to_be_visible()
    expect(result.get_by_role("heading", name="Tell the staff this")).to_be_visible()
    expect(
        result.get_by_text("Pain that may come from the heart or the aorta").first
    ).to_be_visible()
    axe_check(page)


def test_a_runner_walks_from_start_to_a_self_care_plan(
    page: Page, site: str, axe_check, foreign_requests
):
    self_care_journey(page, site, axe_check)
    assert foreign_requests == []


def test_a_self_care_result_shows_at_most_five_actions_before_the_fold(page: Page, site: str):
    self_care_journey(page, site, lambda p: None)
    plan = page.locator("section[aria-labelledby='pc-plan']")
    visible = plan.locator(":scope > ol > li")
    assert 1 <= visible.count() <= 5
    for i in range(visible.count()):
        expect(visible.nth(i)).to_be_visible()
    folded = plan.locator("details.pc-more li.pc-action-item")
    assert folded.count() >= 1
    expect(folded.first).to_be_hidden()
    plan.locator("details.pc-more summary").click()
    expect(folded.first).to_be_visible()


def test_the_heart_story_ends_at_emergency_with_the_ambulance_button_first(
    page: Page, site: str, axe_check, foreign_requests
):
    heart_journey(page, site, axe_check)
    assert foreign_requests == []


def test_the_call_button_follows_the_browsers_language(browser: Browser, site: str):
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"{site}/pain-check/")
        about_you(page, age="58")
        warning_signs(page, yes=("With the pain, have you had sweating",))
        call = page.locator("article[data-triage] a").first
        expect(call).to_have_text("Call 911 now")
        expect(call).to_have_attribute("href", "tel:911")
    finally:
        context.close()


def test_an_emergency_stops_at_the_warning_signs_step(
    page: Page, site: str, axe_check, foreign_requests
):
    emergency_journey(page, site, axe_check)
    assert foreign_requests == []


def test_none_of_these_fills_the_no_answers_and_moves_on(page: Page, site: str, axe_check):
    page.goto(f"{site}/pain-check/")
    about_you(page)
    page.get_by_role("button", name="None of these").click()
    expect(page.get_by_role("heading", name=re.compile("Where and how it hurts"))).to_be_visible()
    axe_check(page)


def test_a_step_with_gaps_asks_again_only_what_is_missing(page: Page, site: str, axe_check):
    page.goto(f"{site}/pain-check/")
    about_you(page)
    answer(page, "New trouble starting or stopping when you pee", "No")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert").first).to_contain_text("Please answer")
    expect(page.get_by_role("group", name=re.compile("New trouble starting"))).to_have_count(0)
    expect(page.get_by_text("16 still need an answer")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="None of these").click()
    expect(page.get_by_role("heading", name=re.compile("Where and how it hurts"))).to_be_visible()


def test_the_journeys_work_without_javascript(browser: Browser, site: str):
    # axe itself needs JavaScript; the same pages are checked by the journeys above.
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        self_care_journey(page, site, lambda p: None)
        folded = page.locator("details.pc-more li.pc-action-item").first
        expect(folded).to_be_hidden()
        page.locator("section[aria-labelledby='pc-plan'] details.pc-more summary").click()
        expect(folded).to_be_visible()
        emergency_journey(page, site, lambda p: None)
        heart_journey(page, site, lambda p: None)
    finally:
        context.close()


OVERFLOWING = (
    "() => [...document.querySelectorAll('main *')]"
    ".filter(e => e.getBoundingClientRect().right > 320.5).map(e => e.outerHTML.slice(0, 80))"
)


def test_the_questionnaire_fits_a_320_px_phone(browser: Browser, site: str, axe_check):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, locale="en-GB"
    )
    try:
        page = context.new_page()
        page.goto(f"{site}/pain-check/")
        about_you(page)
        # The longest answers wrap beside their radio; every radio keeps its size.
        sizes = page.locator("input[type=radio]").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [r.width, r.height]; })"
        )
        assert sizes and all(w >= 18 and abs(w - h) < 0.5 for w, h in sizes), sizes
        assert page.evaluate(OVERFLOWING) == []
        axe_check(page)
        warning_signs(page)
        where_how(page)
        running(page)
        self_tests(page)
        expect(page.locator("[data-triage]")).to_have_attribute("data-triage", "self_care")
        assert page.evaluate(OVERFLOWING) == []
        axe_check(page)
    finally:
        context.close()


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


def test_the_how_it_works_pages_pass_axe(page: Page, site: str, axe_check):
    page.goto(f"{site}/pain-check/how-it-works/")
    expect(page.get_by_role("heading", name="How the pain check works")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="every rule as a table").click()
    expect(page.get_by_role("heading", name="Pain check rules for clinicians")).to_be_visible()
    axe_check(page)


def log_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile(r"^Password\W*$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_runner_saves_a_check_and_finds_it_later(page: Page, site: str, axe_check, runner):
    log_in(page, site, runner.username)
    self_care_journey(page, site, lambda p: None)
    page.get_by_role("button", name="Save to my account").click()
    expect(page.get_by_text("Saved. Only you can see your saved checks.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="All your saved checks").click()
    expect(page.get_by_role("heading", name="Your saved pain checks")).to_be_visible()
    axe_check(page)


def test_a_runner_who_signs_up_from_a_result_keeps_it(page: Page, site: str, axe_check):
    self_care_journey(page, site, lambda p: None)
    page.get_by_role("button", name="Create an account and keep this result").click()
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    page.get_by_label("Username").fill("newrunner")
    page.get_by_label("Email").fill("new@example.org")
    page.get_by_label(re.compile(r"^Password\W*$")).fill("a-Long-unusual-pass-7")
    page.get_by_label(re.compile("Password confirmation")).fill("a-Long-unusual-pass-7")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    link = re.search(r"https?://\S+?(/accounts/activate/\S+)", str(mail.outbox[-1].body))
    assert link
    page.goto(f"{site}{link.group(1)}")
    page.get_by_label("Your password").fill("a-Long-unusual-pass-7")
    page.get_by_role("button", name="Activate my account").click()
    expect(page.get_by_role("heading", name="Your saved pain checks")).to_be_visible()
    expect(page.get_by_text("Your pain check result is saved to your account.")).to_be_visible()
    expect(page.locator("table.pc-saved tbody tr")).to_have_count(1)
    expect(page.locator("table.pc-saved")).to_contain_text("Lower back")
    axe_check(page)


def test_saved_checks_show_a_pain_trend(page: Page, site: str, axe_check, runner):
    from datetime import timedelta

    from django.utils import timezone

    from runwell.paincheck.models import SavedCheck
    from runwell.paincheck.tests.helpers import answers

    for days, score in ((21, 7), (14, 5), (0, 2)):
        SavedCheck.objects.create(
            user=runner,
            answers=answers(pain_score=score),
            result={"triage": "self_care", "red_flags": [], "contributors": [], "plan": []},
            created=timezone.now() - timedelta(days=days),
        )
    log_in(page, site, runner.username)
    page.goto(f"{site}/pain-check/saved/")
    chart = page.get_by_role("img", name="Pain score over time")
    expect(chart).to_be_visible()
    assert chart.locator("circle").count() == 3
    axe_check(page)


def test_article_callouts_are_labelled_boxes_that_pass_axe(page: Page, site: str, axe_check, staff):
    make_article(
        title="Warning signs",
        slug="warning-signs",
        author=staff,
        body=(
            "Intro.\n\n> [!EMERGENCY] Go to A&E now\n> - Numbness in both legs."
            " {sign: leg_numbness=both_legs}\n\n> [!URGENT] See a doctor today\n> - A fever.\n\n"
            "> [!NOTE]\n> Most back pain settles.\n"
        ),
    )
    page.goto(f"{site}/articles/warning-signs/")
    emergency = page.get_by_role("note", name=re.compile("Emergency: Go to A&E now"))
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("Numbness in both legs.")
    expect(emergency).not_to_contain_text("sign:")
    expect(page.get_by_role("note", name=re.compile("Urgent: See a doctor today"))).to_be_visible()
    expect(page.get_by_role("note", name="Note")).to_be_visible()
    axe_check(page)


def test_a_runners_log_fills_in_the_running_step_and_the_result_leads_to_the_insight(
    page: Page, site: str, axe_check, runner
):
    today = today_for(runner)
    shoe = make_shoe(runner, "Blue pair", start_m=100_000)
    for back in (55, 48, 41, 34, 27, 20, 13, 6, 0):  # 40 km, then 50 km, on trails
        make_activity(runner, today - timedelta(days=back), km=10, surface="trail", shoe=shoe)
    make_pain(runner, today - timedelta(days=3), score=5)
    make_pain(runner, today - timedelta(days=1), score=4)
    log_in(page, site, runner.username)
    page.goto(f"{site}/pain-check/")
    about_you(page)
    warning_signs(page)
    where_how(page)
    mileage = page.get_by_label(re.compile("By what percent"))
    expect(mileage).to_have_value("25")
    expect(mileage).to_have_accessible_description(re.compile("From your training log: 50.0 km"))
    expect(page.get_by_label(re.compile("km are on your current running shoes"))).to_have_value(
        "190"
    )
    surface = page.get_by_role("group", name=re.compile("Where do you mostly run?"))
    expect(surface.get_by_label("Soft or mixed ground (trails, grass, track)")).to_be_checked()
    expect(surface).to_contain_text("100% of your running in the last 4 weeks was on trails")
    axe_check(page)
    # A suggestion, not a lock: the runner's own figure and "no answer" are what count.
    mileage.fill("60")
    surface.get_by_label("Leave this unanswered").check()
    for legend in (
        "Do you get this pain after every run?",
        "Has the pain continued despite",
        "In the last year",
    ):
        answer(page, legend, "No")
    page.get_by_role("button", name="Next").click()
    self_tests(page)
    expect(page.get_by_text("60 %")).to_be_visible()
    log = page.get_by_role("region", name="In your training log")
    expect(log).to_contain_text("lower back pain since")
    axe_check(page)
    log.get_by_role("link", name="See what changed before your pain began").click()
    start = today - timedelta(days=3)
    expect(page).to_have_url(re.compile(rf"/training/#episode-{start.isoformat()}$"))
    expect(page.locator(f"#episode-{start.isoformat()}")).to_be_visible()
