from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class SavedCheck(models.Model):
    """A pain check a logged-in runner chose to keep. Private to its runner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_checks"
    )
    answers = models.JSONField()
    result = models.JSONField()
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "saved pain check"

    def __str__(self) -> str:
        return f"{self.result.get('triage', '?')} on {self.created:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("paincheck:saved_detail", args=[self.pk])

    @property
    def triage(self) -> Any:
        return self.result.get("triage")
