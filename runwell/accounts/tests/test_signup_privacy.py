"""Sign-up never tells anyone which email addresses have accounts (issue 13, point 7).

Before: a taken address answered 400 "An account with this email already exists."
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from runwell.accounts.actions import purge_pending_signups
from runwell.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup(django_capture_on_commit_callbacks):
    """Post the sign-up form; the mail it queues goes out when its transaction commits."""

    def post(client: Client, **overrides: str):
        data = {
            "username": "lee",
            "email": "lee@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/signup/", data, follow=True)

    return post


def _without_tokens(html: bytes) -> bytes:
    # Each visitor has their own CSRF token; everything else must match byte for byte.
    return re.sub(rb'(csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', b"", html)


def _activation_path(message) -> str:
    found = re.search(r"https?://[^/]+(/accounts/activate/\S+/)", str(message.body))
    assert found, message.body
    return found.group(1)


def test_a_taken_email_gets_the_same_answer_as_a_new_one(runner, signup):
    new = signup(Client(), username="newbie", email="newbie@example.org")
    taken = signup(Client(), username="other", email="ROSA@example.org")
    assert new.status_code == taken.status_code == 200
    assert new.redirect_chain == taken.redirect_chain == [("/accounts/signup/sent/", 302)]
    assert _without_tokens(new.content) == _without_tokens(taken.content)
    assert not User.objects.filter(username="other").exists()


def test_the_owner_of_a_taken_email_is_told_by_mail_instead(runner, signup):
    signup(Client(), username="other", email="rosa@example.org")
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    body = mail.outbox[0].body
    assert "already has one" in body
    assert "Your user name: rosa" in body
    assert "/accounts/password/reset/" in body
    assert "/accounts/activate/" not in body


def test_the_link_alone_activates_nothing(client: Client, signup):
    signup(client)
    path = _activation_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200
    assert b"Activate my account" in page.content
    assert not User.objects.get(username="lee").is_active


def test_activation_needs_the_password_chosen_at_sign_up(client: Client, signup):
    signup(client)
    path = _activation_path(mail.outbox[0])
    response = client.post(path, {"password": "someone-elses-9"})
    assert response.status_code == 400
    assert b"That password is not right." in response.content
    assert not User.objects.get(username="lee").is_active


def test_an_activation_link_works_once(client: Client, signup):
    signup(client)
    path = _activation_path(mail.outbox[0])
    assert client.post(path, {"password": PASSWORD}).status_code == 302
    again = Client().get(path)
    assert again.status_code == 400
    assert b"expired or has already been used" in again.content


@pytest.mark.parametrize("path", ["/accounts/activate/xx/yy/", "/accounts/activate/MQ/bad-token/"])
def test_a_forged_activation_link_is_refused(client: Client, path):
    assert client.get(path).status_code == 400


def test_an_unfinished_sign_up_cannot_log_in(client: Client, signup):
    signup(client)
    response = client.post("/accounts/login/", {"username": "lee", "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert client.get("/accounts/profile/").status_code == 302


def test_an_unfinished_sign_up_does_not_keep_the_address_from_its_owner(signup):
    signup(Client(), username="squatter", email="lee@example.org", password1="squatters-Pw-1",
           password2="squatters-Pw-1")  # fmt: skip
    owner = Client()
    signup(owner, username="lee", email="lee@example.org")
    assert not User.objects.filter(username="squatter").exists()
    assert owner.post(_activation_path(mail.outbox[-1]), {"password": PASSWORD}).status_code == 302
    assert User.objects.get(email="lee@example.org").username == "lee"


def test_unfinished_sign_ups_are_forgotten_after_a_week(client: Client, runner, signup):
    signup(client)
    User.objects.filter(username="lee").update(date_joined=timezone.now() - timedelta(days=8))
    assert purge_pending_signups() == 1
    assert list(User.objects.values_list("username", flat=True)) == ["rosa"]


def test_the_sign_up_pages_allow_only_their_methods(client: Client):
    assert client.put("/accounts/signup/").status_code == 405
    assert client.post("/accounts/signup/sent/").status_code == 405
    assert client.delete("/accounts/activate/MQ/x/").status_code == 405
