"""What the search index reads from a rendered article: its headings and its body text,
both without the Sources section.

Every starter article cites the same guidelines, so an indexed bibliography made a
search for "sciatica" match all of them; readers search what an article says.
"""

from __future__ import annotations

import re

from runwell.articles.rendering import SOURCES_TITLES, Rendered
from runwell.lib.text import plain_text

_SOURCES_SECTION = re.compile(r'<section class="sources"[^>]*>.*?</section>', re.DOTALL)


def without_sources(html: str) -> str:
    return _SOURCES_SECTION.sub(" ", html)


def searchable_parts(rendered: Rendered) -> tuple[str, str]:
    """(headings, body text) for the index, the Sources section and its heading left out."""
    headings = [
        h.text
        for h in rendered.headings
        if not (h.level == 2 and h.text.strip().lower() in SOURCES_TITLES)
    ]
    return " · ".join(headings), plain_text(without_sources(rendered.html))
