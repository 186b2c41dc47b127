"""Sources as links: in an article's Sources section, web addresses and DOIs become links.

Runs on the sanitised HTML (rendering.render_article), on text only: never inside a tag,
never inside an existing link. The text is already escaped, so what is matched is safe
to reuse as an attribute value.
"""

from __future__ import annotations

import re

_SECTION = re.compile(r'(<section class="sources"[^>]*>)(.*?)(</section>)', re.DOTALL)
_PARTS = re.compile(r"(<[^>]+>)")
# A DOI after "doi", "doi:" or a doi.org address; trailing punctuation ends a sentence.
_DOI = re.compile(
    r"(?i)\b(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s<>\"]+?)(?=[.,;:)\]]*(?:\s|$))"
)
_URL = re.compile(r"\bhttps?://[^\s<>\"]+?(?=[.,;:)\]]*(?:\s|$))")


def _link_text(text: str) -> str:
    def doi(match: re.Match[str]) -> str:
        return f'<a href="https://doi.org/{match.group(1)}" rel="noopener">{match.group(0)}</a>'

    def url(match: re.Match[str]) -> str:
        return f'<a href="{match.group(0)}" rel="noopener">{match.group(0)}</a>'

    linked = _DOI.sub(doi, text)
    # Addresses outside the DOI links just made.
    parts = _PARTS.split(linked)
    inside = 0
    for i, part in enumerate(parts):
        if part.startswith("<a "):
            inside += 1
        elif part == "</a>":
            inside -= 1
        elif not part.startswith("<") and inside == 0:
            parts[i] = _URL.sub(url, part)
    return "".join(parts)


def link_sources(html: str) -> str:
    """The HTML with each URL or DOI in its Sources section made a link."""

    def section(match: re.Match[str]) -> str:
        parts = _PARTS.split(match.group(2))
        inside = 0
        for i, part in enumerate(parts):
            if part.startswith("<a ") or part == "<a>":
                inside += 1
            elif part == "</a>":
                inside -= 1
            elif not part.startswith("<") and inside == 0 and part.strip():
                parts[i] = _link_text(part)
        return f"{match.group(1)}{''.join(parts)}{match.group(3)}"

    return _SECTION.sub(section, html, count=1)
