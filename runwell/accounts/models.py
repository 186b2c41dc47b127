"""What an account keeps beside Django's user: the runner's time zone and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RunnerProfile(models.Model):
    """Per-account preferences; made on first change, so most accounts have none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runner_profile"
    )
    # An IANA zone name ("Europe/Ljubljana"); empty means the site's zone. It decides
    # which day a run belongs to (a 23:30 run in Auckland is not the next day's run).
    time_zone = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"profile of {self.user_id}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is kept: the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    # The first characters, so a runner can tell their tokens apart on the account page.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
