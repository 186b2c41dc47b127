"""Who holds what about a runner: each app registers how to export and erase its part.

The accounts app owns "download my data" and "delete my account" but knows no other
app's models: it asks every registered source. An app registers its source in its
AppConfig.ready(), so a new app (the training log, say) joins both by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]


@dataclass(frozen=True)
class PersonalDataSource:
    key: str  # the export's top-level key, e.g. "comments"
    export: Exporter  # JSON-ready data for this account
    erase: Eraser  # remove (or anonymise) it; runs inside the account's deletion


_sources: dict[str, PersonalDataSource] = {}


def register(key: str, *, export: Exporter, erase: Eraser) -> None:
    """Add an app's part; registering a key again replaces it (apps reload in tests)."""
    _sources[key] = PersonalDataSource(key, export, erase)


def registered() -> list[PersonalDataSource]:
    return list(_sources.values())


def export_all(user: User) -> dict[str, Any]:
    return {source.key: source.export(user) for source in _sources.values()}


def erase_all(user: User) -> None:
    for source in _sources.values():
        source.erase(user)
