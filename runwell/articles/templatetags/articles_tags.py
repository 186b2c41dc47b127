"""Bylines (who wrote and who reviewed an article, as readers see them) and the contents list."""

from __future__ import annotations

from typing import Any

from django import template

from runwell.articles.models import display_name, profile_of

register = template.Library()


@register.filter
def byline_name(user: Any) -> str:
    return display_name(user)


@register.filter
def byline_credentials(user: Any) -> str:
    profile = profile_of(user)
    return profile.credentials if profile is not None else ""


@register.filter
def author_url(user: Any) -> str:
    profile = profile_of(user)
    return profile.get_absolute_url() if profile is not None else ""


@register.filter
def toc_tree(toc: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Sections (h2) with their subsections (h3) beneath, so both levels number alike
    (1, 1.1, 1.2, 2 …); a subsection before any section stands as a section."""
    tree: list[dict[str, Any]] = []
    for item in toc or []:
        entry = {"id": item["id"], "text": item["text"], "children": []}
        if item["level"] == 2 or not tree:
            tree.append(entry)
        elif item["level"] == 3:
            tree[-1]["children"].append(entry)
    return tree
