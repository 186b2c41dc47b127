"""Which status a new comment gets, following WordPress core's rules by default."""

from __future__ import annotations

import re
from dataclasses import dataclass

from runwell.comments.conf import Rules
from runwell.comments.models import CommentStatus
from runwell.comments.rendering import render_comment

_ANCHOR = re.compile(r"<a\s[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
# An address left as text (the renderer does not turn it into a link, but a reader can
# copy it): with a scheme, protocol-relative, or starting with www.
_BARE_ADDRESS = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*:|(?<![\w/:]))//[^\s<]+|\bwww\.[^\s<]+", re.IGNORECASE
)


@dataclass(frozen=True)
class Candidate:
    author_name: str
    author_email: str
    author_url: str
    body: str
    ip_network: str
    user_agent: str = ""


def count_links(body: str) -> int:
    """Every link the rendered comment contains, however it was written.

    Counted on the HTML, so Markdown's spellings all count: inline, reference-style,
    autolinks and protocol-relative ones (`[x](//spam.example)`); then every address
    left as text outside a link, such as a bare www.spam.example.
    """
    html = render_comment(body)
    anchors = len(_ANCHOR.findall(html))
    return anchors + len(_BARE_ADDRESS.findall(_ANCHOR.sub(" ", html)))


def _matches(words: tuple[str, ...], candidate: Candidate) -> bool:
    haystacks = [
        candidate.author_name.lower(),
        candidate.author_email.lower(),
        candidate.author_url.lower(),
        candidate.body.lower(),
        candidate.ip_network.lower(),
        candidate.user_agent.lower(),
    ]
    return any(word in hay for word in words for hay in haystacks)


def decide_status(
    rules: Rules, candidate: Candidate, *, has_approved_before: bool, is_staff: bool = False
) -> str:
    """The status for a new comment. The disallowed list always wins; staff are trusted."""
    if rules.disallowed_words and _matches(rules.disallowed_words, candidate):
        return CommentStatus.SPAM
    if is_staff or rules.moderation == "none":
        return CommentStatus.APPROVED
    if rules.moderation == "all":
        return CommentStatus.PENDING
    if count_links(candidate.body) > rules.max_links:
        return CommentStatus.PENDING
    if rules.moderation_words and _matches(rules.moderation_words, candidate):
        return CommentStatus.PENDING
    if not has_approved_before:
        return CommentStatus.PENDING
    return CommentStatus.APPROVED
