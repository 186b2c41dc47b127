"""Trigram similarity as PostgreSQL's pg_trgm computes it, for SQLite and for tests.

A word is lower-cased, padded with two blanks in front and one behind, and cut into
every run of three characters; two words are as similar as the share of trigrams they
have in common (shared / all distinct). pg_trgm's default threshold for `%` is 0.3.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

THRESHOLD = 0.3


def trigrams(word: str) -> frozenset[str]:
    padded = f"  {word.lower()} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@dataclass
class TrigramIndex:
    """Words and how many articles use each, looked up by trigram like a GIN index."""

    documents: dict[str, int]
    _by_trigram: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        by_trigram: dict[str, set[str]] = defaultdict(set)
        for word in self.documents:
            for gram in trigrams(word):
                by_trigram[gram].add(word)
        self._by_trigram = dict(by_trigram)

    def closest(self, word: str, threshold: float = THRESHOLD) -> str | None:
        """The most similar known word (ties go to the more widely used), or None."""
        candidates: set[str] = set()
        for gram in trigrams(word):
            candidates |= self._by_trigram.get(gram, set())
        best = max(
            ((similarity(word, c), self.documents[c], c) for c in candidates),
            default=None,
        )
        if best is None or best[0] < threshold:
            return None
        return best[2]


def words_of(texts: Iterable[str], pattern: str = r"[^\W\d_]{3,40}") -> dict[str, int]:
    """Each word (letters only, 3–40 long, lower-cased) and how many of the texts hold it."""
    found: dict[str, int] = defaultdict(int)
    compiled = re.compile(pattern)
    for text in texts:
        for word in {w.lower() for w in compiled.findall(text)}:
            found[word] += 1
    return dict(found)
