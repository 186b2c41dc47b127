"""Plain text from HTML, for search indexes, snippets and summaries."""

from __future__ import annotations

import html as html_lib
import re

_TAG = re.compile(r"<[^>]+>")
_HEADING_END = re.compile(r"([^.!?:;\s])\s*</h[2-6]>")


def plain_text(html: str) -> str:
    """The words of rendered HTML, for the search index and snippets."""
    # A heading ends a sentence, so a snippet never runs it into the next paragraph.
    text = _HEADING_END.sub(r"\1. ", html)
    text = _TAG.sub(" ", text)
    return re.sub(r"\s+", " ", html_lib.unescape(text)).strip()
