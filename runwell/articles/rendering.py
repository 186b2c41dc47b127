"""Turns an article's source (Markdown, or HTML brought from WordPress) into safe HTML.

Called once when an article is saved (see Article.save), never on a read. Everything the
author wrote goes through nh3 first; the structure we add afterwards (heading ids, the
Sources section wrapper, callout boxes, lazy images) is built from fixed strings and
escaped or already-sanitised text only.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from runwell.articles import callouts as callout_boxes
from runwell.articles.source_links import link_sources

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
# No "id" anywhere: an author's id could collide with the page's own (#main, #comments);
# heading ids are added by us after sanitising.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    # Marks a callout (see callouts.py); the box itself is built after sanitising.
    "blockquote": {"data-callout"},
}
# Ids the surrounding page already uses; a heading never takes one of them.
RESERVED_IDS = {"main", "comments", "comments-title", "toc", "toc-title", "site-search"}
SOURCES_TITLES = {"sources", "references", "further reading"}
# A table of contents only helps once an article has this many sections.
TOC_MIN_HEADINGS = 3


def _mark_figures(state: StateCore) -> None:
    """A paragraph holding only a titled image becomes a figure with a caption."""
    tokens = state.tokens
    for i in range(1, len(tokens) - 1):
        inline = tokens[i]
        if inline.type != "inline" or tokens[i - 1].type != "paragraph_open":
            continue
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
        if len(children) == 1 and children[0].type == "image" and children[0].attrGet("title"):
            children[0].meta["figure"] = True
            tokens[i - 1].hidden = True
            tokens[i + 1].hidden = True


def _render_image(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    token = tokens[idx]
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    src = html_lib.escape(str(token.attrGet("src") or ""))
    title = str(token.attrGet("title") or "")
    img = f'<img src="{src}" alt="{html_lib.escape(alt)}">'
    if token.meta.get("figure"):
        return f"<figure>{img}<figcaption>{html_lib.escape(title)}</figcaption></figure>\n"
    if title:
        img = f'<img src="{src}" alt="{html_lib.escape(alt)}" title="{html_lib.escape(title)}">'
    return img


# html=False: raw HTML in an author's Markdown is shown as text, not executed.
_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["table", "strikethrough", "replacements", "smartquotes"]
)
_markdown.core.ruler.push("runwell_figures", _mark_figures)
_markdown.add_render_rule("image", _render_image)
callout_boxes.install(_markdown)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
    )


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass
class Rendered:
    html: str
    headings: list[Heading] = field(default_factory=list)

    @property
    def toc(self) -> list[dict[str, Any]]:
        """The table of contents as plain data (kept on the article as JSON)."""
        if sum(1 for h in self.headings if h.level == 2) < TOC_MIN_HEADINGS:
            return []
        return [{"level": h.level, "id": h.id, "text": h.text} for h in self.headings]


_HEADING = re.compile(r"<h([2-4])>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _add_heading_ids(html: str, taken: set[str] | None = None) -> tuple[str, list[Heading]]:
    used = RESERVED_IDS | (taken or set())
    headings: list[Heading] = []

    def replace(match: re.Match[str]) -> str:
        level, inner = int(match.group(1)), match.group(2)
        text = html_lib.unescape(_TAG.sub("", inner)).strip()
        base = slugify(text, allow_unicode=True) or "section"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        headings.append(Heading(level, anchor, text))
        return f'<h{level} id="{html_lib.escape(anchor)}">{inner}</h{level}>'

    return _HEADING.sub(replace, html), headings


def _wrap_sources(html: str, headings: list[Heading]) -> str:
    """Put a "Sources" heading and what follows it (up to the next h2) in a section."""
    for heading in headings:
        if heading.level == 2 and heading.text.strip().lower() in SOURCES_TITLES:
            start = html.find(f'<h2 id="{heading.id}">')
            end = html.find("<h2 ", start + 1)
            end = len(html) if end == -1 else end
            return (
                f"{html[:start]}"
                f'<section class="sources" aria-labelledby="{heading.id}">'
                f"{html[start:end].rstrip()}</section>\n{html[end:]}"
            )
    return html


_IMG = re.compile(r"<img\b[^>]*>")
_IMG_SRC = re.compile(r'\ssrc="([^"]*)"')
_IMG_ALT = re.compile(r'\salt="([^"]*)"')


def _own_host() -> str:
    from django.conf import settings

    return urlsplit(str(getattr(settings, "SITE_URL", ""))).netloc


def _unlink_foreign_images(html: str) -> str:
    """An image on another host becomes a plain link to it: no page may make a request
    to a third party (privacy), and such images also break when that host moves."""
    own = _own_host()

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _IMG_SRC.search(tag)
        netloc = urlsplit(html_lib.unescape(src.group(1))).netloc if src else ""
        if not src or not netloc or netloc == own:
            return tag
        alt = _IMG_ALT.search(tag)
        # Attribute values from the sanitiser may hold a raw "<": escape before reuse as text.
        text = html_lib.escape(html_lib.unescape(alt.group(1))) if alt and alt.group(1) else "image"
        return f'<a href="{src.group(1)}" rel="noopener">{text} (external image)</a>'

    return _IMG.sub(replace, html)


def render_article(source: str, body_format: str) -> Rendered:
    """Sanitised HTML for an article or page body, with its headings for a contents list."""
    raw = source if body_format == "html" else _markdown.render(source)
    boxed, callout_ids = callout_boxes.build_callouts(_unlink_foreign_images(sanitize(raw)))
    html, headings = _add_heading_ids(boxed, callout_ids)
    return Rendered(link_sources(_wrap_sources(html, headings)), headings)


def article_callouts(source: str) -> list[callout_boxes.Callout]:
    """The callouts of a Markdown source, with their list items and sign tags."""
    return callout_boxes.callouts(_markdown, source)


def render_body(source: str, body_format: str) -> str:
    """Return sanitised HTML for an article or page body."""
    return render_article(source, body_format).html


def reading_minutes(text: str, words_per_minute: int = 230) -> int:
    return max(1, round(len(text.split()) / words_per_minute))
