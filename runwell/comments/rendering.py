"""Comment bodies: a safe Markdown subset, rendered once at write time."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}}
LINK_REL = "nofollow ugc noopener"

# Only the subset readers expect in a comment: no headings, images or raw HTML.
_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False})
    .disable(["heading", "lheading", "image", "html_block", "html_inline", "hr", "table"],
             ignoreInvalid=True)
)  # fmt: skip


def sanitize_comment_html(html: str) -> str:
    """Sanitise HTML that arrives as HTML (imported comments) with the same allowlist."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )


# One line that no Markdown rule and no sanitiser step changes: it starts with a letter
# (no list, quote, heading or indented code can start), ends with no space (a paragraph
# drops trailing spaces), and holds none of the characters that start inline syntax or
# need escaping (* _ ` [ ] < > ! & \ ~ and the rest). Most comments are such text, and
# for them the answer is known without running the renderer (about 50 us of a post).
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ,.;:?'\"()/%]*[A-Za-z0-9,.;:?'\"()/%])?")


def render_comment(source: str) -> str:
    """Markdown subset -> sanitised HTML (links get rel="nofollow ugc noopener")."""
    if _PLAIN.fullmatch(source):
        return f"<p>{source}</p>\n"
    return sanitize_comment_html(_markdown.render(source))
