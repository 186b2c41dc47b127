"""A runner signs up, logs out and logs back in, through a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_runner_signs_up_logs_out_and_logs_in(page: Page, site: str, axe_check, foreign_requests):
    page.goto(f"{site}/")
    axe_check(page)
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    axe_check(page)
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label(re.compile(r"^Password\W*$")).fill("long-and-Unusual-9")
    page.get_by_label("Password confirmation").fill("long-and-Unusual-9")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    axe_check(page)

    link = re.search(r"https?://\S+(/accounts/activate/\S+/)", str(mail.outbox[-1].body))
    assert link
    page.goto(f"{site}{link.group(1)}")
    axe_check(page)
    page.get_by_label("Your password").fill("long-and-Unusual-9")
    page.get_by_role("button", name="Activate my account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    axe_check(page)
    page.get_by_label("Username").fill("rosa")
    page.get_by_label(re.compile(r"^Password\W*$")).fill("long-and-Unusual-9")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    expect(page.get_by_text("You are logged in as")).to_be_visible()
    assert foreign_requests == []


def test_a_wrong_password_shows_a_clear_error(page: Page, site: str, axe_check, django_user_model):
    django_user_model.objects.create_user("sam", "sam@example.org", "right-Password-1")
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label(re.compile(r"^Password\W*$")).fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    axe_check(page)
