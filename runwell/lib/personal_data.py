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
class Download:
    """A further file on the account page beside the JSON export (e.g. a CSV)."""

    label: str  # "Your activities (CSV)"
    url_name: str  # a URL name that needs no arguments, e.g. "training:export_csv"


@dataclass(frozen=True)
class PersonalDataSource:
    key: str  # the export's top-level key, e.g. "comments"
    export: Exporter  # JSON-ready data for this account
    erase: Eraser  # remove (or anonymise) it; runs inside the account's deletion
    downloads: tuple[Download, ...] = ()


_sources: dict[str, PersonalDataSource] = {}


def register(
    key: str, *, export: Exporter, erase: Eraser, downloads: tuple[Download, ...] = ()
) -> None:
    """Add an app's part; registering a key again replaces it (apps reload in tests)."""
    _sources[key] = PersonalDataSource(key, export, erase, downloads)


def registered() -> list[PersonalDataSource]:
    return list(_sources.values())


def downloads() -> list[Download]:
    return [d for source in _sources.values() for d in source.downloads]


def export_all(user: User) -> dict[str, Any]:
    return {source.key: source.export(user) for source in _sources.values()}


def erase_all(user: User) -> None:
    for source in _sources.values():
        source.erase(user)
