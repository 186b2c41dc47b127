"""Sign up, log in and out, reset and change a password, delete an account."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from runwell.articles.models import Article
from runwell.comments.models import Comment
from runwell.paincheck.models import SavedCheck
from runwell.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def signup(client: Client, **overrides: str):
    data = {
        "username": "lee",
        "email": "lee@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def finish_signup(client: Client, password: str = PASSWORD):
    """Follow the link in the last mail and enter the password, as the new runner does."""
    link = re.search(r"https?://[^/]+(/accounts/activate/\S+/)", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    return client.post(link.group(1), {"password": password})


def test_signing_up_mails_a_link_that_activates_the_account_and_logs_in(
    client: Client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(username="lee")
    assert not user.is_active and not user.is_staff
    assert client.get("/accounts/profile/").status_code == 302  # not logged in yet
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    response = finish_signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    assert User.objects.get(username="lee").is_active
    assert client.get("/accounts/profile/").status_code == 200


def test_passwords_are_hashed_with_argon2(client: Client):
    signup(client)
    assert User.objects.get(username="lee").password.startswith("argon2$")


def test_signing_up_with_mismatched_passwords_is_refused(client: Client):
    response = signup(client, password2="something-else-7")
    assert response.status_code == 400
    assert not User.objects.filter(username="lee").exists()


def test_a_logged_in_runner_is_sent_from_signup_to_their_profile(client: Client, runner):
    client.force_login(runner)
    assert client.get("/accounts/signup/")["Location"] == "/accounts/profile/"


def test_logging_in_and_out(client: Client, runner):
    response = client.post("/accounts/login/", {"username": "rosa", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/profile/").status_code == 302


def test_logout_only_allows_post(client: Client, runner):
    client.force_login(runner)
    assert client.get("/accounts/logout/").status_code == 405


def test_the_profile_needs_a_login(client: Client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client: Client, runner):
    response = client.post("/accounts/password/reset/", {"email": "rosa@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link
    response = client.get(link.group(1), follow=True)
    assert b"Choose a new password" in response.content
    form_url = response.redirect_chain[-1][0]
    new = "another-Long-one-3"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password(new)


def test_a_reset_for_an_unknown_email_reveals_nothing(client: Client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_changing_the_password(client: Client, runner):
    client.force_login(runner)
    new = "another-Long-one-3"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password(new)


def test_deleting_the_account_needs_the_password(client: Client, runner):
    client.force_login(runner)
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert b"That password is not right." in response.content
    assert User.objects.filter(pk=runner.pk).exists()


def test_deleting_the_account_removes_it_and_logs_out(client: Client, runner):
    client.force_login(runner)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=runner.pk).exists()
    assert client.get("/accounts/profile/").status_code == 302


def test_deleting_an_account_needs_a_login(client: Client):
    assert client.post("/accounts/delete/", {"password": "x"}).status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failed_logins_lock_the_account_out(client: Client, runner):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "rosa", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "rosa", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    assert client.get("/accounts/profile/").status_code == 302


def test_a_runner_downloads_their_own_data_and_nobody_elses(client: Client, runner):
    other = User.objects.create_user("other", "other@example.org", PASSWORD)
    SavedCheck.objects.create(
        user=runner, answers={"age_years": 30}, result={"triage": "self_care"}
    )
    SavedCheck.objects.create(user=other, answers={"age_years": 60}, result={"triage": "urgent"})
    client.force_login(runner)
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["username"] == "rosa"
    assert data["account"]["email"] == "rosa@example.org"
    assert "other@example.org" not in response.content.decode()
    assert [c["result"]["triage"] for c in data["pain_checks"]] == ["self_care"]


def test_deleting_the_account_deletes_the_saved_pain_checks(client: Client, runner):
    SavedCheck.objects.create(user=runner, answers={}, result={"triage": "self_care"})
    client.force_login(runner)
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert not SavedCheck.objects.exists()


def test_the_data_export_needs_a_login_and_only_allows_get(client: Client, runner):
    assert client.get("/accounts/export/").status_code == 302
    client.force_login(runner)
    assert client.post("/accounts/export/").status_code == 405


def test_the_data_export_never_includes_anonymous_comments_under_the_same_email(
    client: Client, runner
):
    # Anyone can sign up with an address they do not own; the comments an anonymous
    # visitor posted under it are not theirs to download.
    article = Article.objects.create(
        title="A", slug="a", body="x", status="published", published_at=timezone.now()
    )
    Comment.objects.create(
        article=article, author_name="Victim", author_email="rosa@example.org", body="Private"
    )
    Comment.objects.create(
        article=article, author_name="Rosa", user=runner, author_email="rosa@example.org",
        body="Mine",
    )  # fmt: skip
    client.force_login(runner)
    data = client.get("/accounts/export/").json()
    assert [c["body"] for c in data["comments"]] == ["Mine"]
