"""Comment bodies: a safe Markdown subset, rendered once at write time."""

from __future__ import annotations


def render_comment(source: str) -> str:
    """Markdown subset -> sanitised HTML (links get rel="nofollow ugc noopener")."""
    raise NotImplementedError  # implemented by the comments feature


def sanitize_comment_html(html: str) -> str:
    """Sanitise HTML that arrives as HTML (imported comments) with the same allowlist."""
    raise NotImplementedError  # implemented by the comments feature
