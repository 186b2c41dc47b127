"""Turns an article's source (Markdown, or HTML brought from WordPress) into safe HTML.

Called once when an article is saved (see Article.save), never on a read.
"""

from __future__ import annotations


def render_body(source: str, body_format: str) -> str:
    """Return sanitised HTML for an article or page body."""
    raise NotImplementedError  # implemented by the articles feature
