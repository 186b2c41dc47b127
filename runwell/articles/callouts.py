"""Callouts in article Markdown: red emergency, amber urgent and neutral note boxes.

An author writes a blockquote whose first line is a marker, optionally followed by
a title:

    > [!EMERGENCY] Go to A&E now if your back pain comes with any one of these
    > - New trouble starting or stopping when you pee. {sign: bladder_bowel_change=yes}

Markers are `[!EMERGENCY]`, `[!URGENT]` and `[!NOTE]` (any case). A list item in a
callout may end with a `{sign: ...}` tag naming the pain-check answers it stands
for; readers never see it, and the pain check's tests use it to check that every
warning sign an article lists is one the check asks about, at the same urgency.

Parsing marks the blockquote (`data-callout`, which the sanitiser lets through on
blockquotes only); after sanitising, `build_callouts` turns each marked blockquote
into the box, from fixed strings and the already-sanitised title and body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

LABELS = {"emergency": "Emergency", "urgent": "Urgent", "note": "Note"}
_MARKER = re.compile(r"^\[!(emergency|urgent|note)\][ \t]*", re.IGNORECASE)
_SIGN = re.compile(r"\s*\{sign:\s*([^{}]*)\}\s*$")
# Inline icons (no icon font, no request): a warning triangle, a clock, an "i".
_ICONS = {
    "emergency": (
        '<path d="M12 2 1 21h22L12 2z" fill="currentColor"/>'
        '<path d="M11 9h2v6h-2zm0 8h2v2h-2z" fill="#fff"/>'
    ),
    "urgent": (
        '<circle cx="12" cy="12" r="10" fill="currentColor"/>'
        '<path d="M11 6h2v6.4l4 2.4-1 1.7-5-3V6z" fill="#fff"/>'
    ),
    "note": (
        '<circle cx="12" cy="12" r="10" fill="currentColor"/>'
        '<path d="M11 10h2v7h-2zm0-4h2v2h-2z" fill="#fff"/>'
    ),
}


@dataclass(frozen=True)
class CalloutItem:
    text: str
    sign: str  # the raw tag after "sign:", "" when there is none


@dataclass(frozen=True)
class Callout:
    kind: str
    title: str
    items: tuple[CalloutItem, ...]


def _closing_index(tokens: list[Token], start: int) -> int:
    """The index of the blockquote_close that matches the blockquote_open at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == "blockquote_open":
            depth += 1
        elif tokens[index].type == "blockquote_close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def _paragraph(template: Token, content: str) -> list[Token]:
    opening = Token("paragraph_open", "p", 1, level=template.level, block=True)
    inline = Token("inline", "", 0, level=template.level + 1, content=content, block=True)
    inline.children = []
    closing = Token("paragraph_close", "p", -1, level=template.level, block=True)
    return [opening, inline, closing]


def _strip_signs(tokens: list[Token], start: int, end: int) -> None:
    """Move each list item's {sign: ...} tag out of its text into the item's meta."""
    for index in range(start, end):
        if tokens[index].type != "list_item_open":
            continue
        inline = next((t for t in tokens[index + 1 : end] if t.type == "inline"), None)
        if inline is None:
            continue
        found = _SIGN.search(inline.content)
        if found:
            tokens[index].meta["sign"] = found.group(1).strip()
            inline.content = inline.content[: found.start()]


def mark_callouts(state: StateCore) -> None:
    """Core rule (after block parsing, before inline): find and mark callout blockquotes."""
    tokens = state.tokens
    index = 0
    while index < len(tokens) - 2:
        opening, paragraph, inline = tokens[index], tokens[index + 1], tokens[index + 2]
        marker = _MARKER.match(inline.content) if inline.type == "inline" else None
        if opening.type != "blockquote_open" or paragraph.type != "paragraph_open" or not marker:
            index += 1
            continue
        kind = marker.group(1).lower()
        opening.attrSet("data-callout", kind)
        opening.meta["callout"] = kind
        title, _, rest = inline.content[marker.end() :].partition("\n")
        inline.content = title.strip()
        if rest.strip():
            # "> [!NOTE]" then more lines in the same paragraph: the rest is the body.
            tokens[index + 4 : index + 4] = _paragraph(paragraph, rest.strip())
        _strip_signs(tokens, index, _closing_index(tokens, index))
        index += 3


def install(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "runwell_callouts", mark_callouts)


def callouts(md: MarkdownIt, source: str) -> list[Callout]:
    """Every callout in a Markdown source, with its list items and their sign tags."""
    tokens = md.parse(source)
    found: list[Callout] = []
    for index, token in enumerate(tokens):
        kind = token.meta.get("callout") if token.type == "blockquote_open" else None
        if not kind:
            continue
        end = _closing_index(tokens, index)
        items = []
        for position in range(index, end):
            if tokens[position].type == "list_item_open":
                inline = next(t for t in tokens[position + 1 : end] if t.type == "inline")
                items.append(CalloutItem(inline.content, tokens[position].meta.get("sign", "")))
        found.append(Callout(kind, tokens[index + 2].content, tuple(items)))
    return found


_BLOCKQUOTE = re.compile(r'<blockquote(?: data-callout="([a-z]*)")?>|</blockquote>')
_TITLE = re.compile(r"\s*<p>(.*?)</p>", re.DOTALL)


def _open_box(kind: str, title_html: str, anchor: str) -> str:
    label = LABELS[kind]
    icon = (
        f'<svg class="callout-icon" viewBox="0 0 24 24" width="22" height="22"'
        f' aria-hidden="true" focusable="false">{_ICONS[kind]}</svg>'
    )
    title = f'<span class="callout-label">{label}</span>'
    if title_html.strip():
        title += f": {title_html.strip()}"
    # One text span beside the icon, so the box's accessible name reads "Emergency: ...".
    return (
        f'<aside class="callout callout-{kind}" role="note" aria-labelledby="{anchor}">'
        f'<p class="callout-title" id="{anchor}">{icon}'
        f'<span class="callout-text">{title}</span></p>'
        '<div class="callout-body">'
    )


def build_callouts(html: str) -> tuple[str, set[str]]:
    """Sanitised HTML with each marked blockquote built into a box; also the ids it used."""
    out: list[str] = []
    stack: list[bool] = []  # for each open blockquote: is it a callout?
    ids: set[str] = set()
    position = 0
    for match in _BLOCKQUOTE.finditer(html):
        if match.start() < position:
            continue  # inside a title we already consumed
        out.append(html[position : match.start()])
        position = match.end()
        if match.group(0) == "</blockquote>":
            out.append("</div></aside>" if stack and stack.pop() else "</blockquote>")
            continue
        kind = match.group(1)
        if kind not in LABELS:
            stack.append(False)
            out.append("<blockquote>")
            continue
        stack.append(True)
        title = _TITLE.match(html, position)
        title_html = ""
        if title:
            title_html, position = title.group(1), title.end()
        anchor = f"callout-{len(ids) + 1}"
        ids.add(anchor)
        out.append(_open_box(kind, title_html, anchor))
    out.append(html[position:])
    return "".join(out), ids
