"""Personal API tokens on the account page: made (shown once), listed, revoked."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from runwell.accounts.actions import do_create_token
from runwell.accounts.models import ApiToken
from runwell.accounts.tokens import digest

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_kept_only_as_a_hash(client: Client, runner):
    client.force_login(runner)
    response = client.post("/accounts/tokens/", {"name": "my script"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = re.search(r'value="(rw_[^"]+)"', response.content.decode()).group(1)  # type: ignore[union-attr]
    record = ApiToken.objects.get(user=runner)
    assert record.digest == digest(token) and token not in record.digest
    profile = client.get("/accounts/profile/").content.decode()
    assert "my script" in profile and token not in profile and token[:10] in profile
    api = client.get("/api/v1/training/activities", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200


def test_revoking_a_token_stops_it(client: Client, runner):
    record, token = do_create_token(runner, "old")
    client.force_login(runner)
    assert client.post(f"/accounts/tokens/{record.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.exists()
    client.logout()
    api = client.get("/api/v1/training/activities", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 401


def test_another_runner_cannot_revoke_a_token(client: Client, runner, other_runner):
    record, _ = do_create_token(runner, "mine")
    client.force_login(other_runner)
    assert client.post(f"/accounts/tokens/{record.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=record.pk).exists()


def test_token_pages_take_only_posts_and_a_login(client: Client, runner):
    record, _ = do_create_token(runner, "mine")
    assert client.post("/accounts/tokens/", {"name": "x"}).status_code == 302
    client.force_login(runner)
    assert client.get("/accounts/tokens/").status_code == 405
    assert client.get(f"/accounts/tokens/{record.pk}/revoke/").status_code == 405


def test_a_token_needs_a_name(client: Client, runner):
    client.force_login(runner)
    response = client.post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
