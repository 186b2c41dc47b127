"""Turns an article's source (Markdown, or HTML brought from WordPress) into safe HTML.

Called once when an article is saved (see Article.save), never on a read.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}

# html=False: raw HTML in an author's Markdown is shown as text, not executed.
_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["table", "strikethrough", "replacements", "smartquotes"]
)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def render_body(source: str, body_format: str) -> str:
    """Return sanitised HTML for an article or page body."""
    html = source if body_format == "html" else _markdown.render(source)
    return sanitize(html)


def reading_minutes(text: str, words_per_minute: int = 230) -> int:
    return max(1, round(len(text.split()) / words_per_minute))
