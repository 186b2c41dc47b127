"""One lockout for every form that checks a password, which no one can spread or share.

Each test here failed before: the password-change and delete forms checked the password
with no lockout (11 wrong tries, then the right one, were accepted), failures from many
addresses never added up, and behind a proxy every visitor shared the proxy's address.
"""

import ipaddress

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, override_settings

from runwell.testing.factories import PASSWORD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("lockout_on"),
]
NEW = "another-Long-one-3"


@pytest.fixture
def lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def _login(client, password, **meta):
    return client.post("/accounts/login/", {"username": "rosa", "password": password}, **meta)


def test_the_password_change_form_counts_wrong_passwords_and_locks_out(client: Client, runner):
    client.force_login(runner)
    for _ in range(3):
        client.post(
            "/accounts/password/change/",
            {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
        )
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    runner.refresh_from_db()
    assert runner.check_password(PASSWORD)


def test_the_delete_form_counts_wrong_passwords_and_locks_out(client: Client, runner):
    client.force_login(runner)
    for _ in range(3):
        client.post("/accounts/delete/", {"password": "wrong"})
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 429
    assert User.objects.filter(pk=runner.pk).exists()


def test_wrong_passwords_in_the_forms_lock_the_log_in_too(client: Client, runner):
    signed_in = Client()
    signed_in.force_login(runner)
    for _ in range(3):
        signed_in.post("/accounts/delete/", {"password": "wrong"})
    assert _login(client, PASSWORD).status_code == 429


def test_guesses_spread_over_many_addresses_lock_the_account(client: Client, runner):
    # With a limit of 3, the account holds out for 4 x 3 failures from anywhere; 11 guesses
    # spread so that no address reaches its own limit of 3 leave the owner in.
    for n in range(11):
        _login(Client(), "wrong", REMOTE_ADDR=f"198.51.100.{n // 2 + 1}")
    assert _login(Client(), PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 302
    _login(Client(), "wrong", REMOTE_ADDR="198.51.100.99")  # the 12th
    assert _login(Client(), PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429


def test_one_address_guessing_many_accounts_is_locked_out(client: Client):
    for n in range(12):
        User.objects.create_user(f"user{n}", password=PASSWORD)
        Client().post("/accounts/login/", {"username": f"user{n}", "password": "wrong"})
    User.objects.create_user("fresh", password=PASSWORD)
    response = Client().post("/accounts/login/", {"username": "fresh", "password": PASSWORD})
    assert response.status_code == 429


def test_behind_a_proxy_one_visitors_failures_do_not_lock_out_another(settings, runner):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    for _ in range(3):
        _login(Client(), "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _login(Client(), PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert _login(Client(), PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_a_password_reset_by_mail_lifts_the_accounts_lock(client: Client, runner):
    import re

    from django.core import mail

    for n in range(12):
        _login(Client(), "wrong", REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert _login(Client(), PASSWORD).status_code == 429
    client.post("/accounts/password/reset/", {"email": "rosa@example.org"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert _login(Client(), NEW).status_code == 302


@override_settings(AXES_ENABLED=False)
def test_without_lockout_the_forms_still_check_the_password(client: Client, runner):
    client.force_login(runner)
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert b"That password is not right." in response.content
