"""What a reader typed into the search box, read the way web search engines read it.

Words must all match; `"two words"` is a phrase; `OR` between two items lets either
match; `-word` leaves out articles with that word. The same reading serves SQLite (an
FTS5 expression built from quoted words only, so nothing typed is FTS5 syntax) and the
highlighting: operators are never words to look for or to mark in a snippet.
PostgreSQL reads the same syntax itself (websearch_to_tsquery).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TERMS = 12
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")

# Left out when no article holds every word and any of them will do: on their own these
# words match nearly everything.
STOP_WORDS = frozenset(
    """
    a about after am an and any are as at be been before being but by can could did do
    does doing for from get got had has have having he her how i if in into is it its
    i'm just me more most my no not now of off on once only or other our out over should
    so some such than that the their them then there these they this those to too up
    very was we were what when where which while who why will with would you your
    """.split()  # noqa: SIM905  (a word list reads better as text)
)

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    groups: list[list[Phrase]] = field(default_factory=list)  # all groups; any phrase of one
    excluded: list[Phrase] = field(default_factory=list)
    prefix_last: bool = False  # the last word may still be being typed

    @property
    def words(self) -> list[str]:
        """The words looked for (not excluded ones, not operators), in order, once each."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for phrase in group:
                for word in phrase:
                    seen.setdefault(word.lower(), None)
        return list(seen)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def parse(query: str) -> ParsedQuery:
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    join_next = False
    count = 0
    last_quoted = False
    for match in _TOKEN.finditer(query):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() == "or":
            join_next = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        phrase = tuple(_WORD.findall(quoted if quoted is not None else bare or ""))
        if not phrase or count >= MAX_TERMS:
            continue
        count += len(phrase)
        if negated:
            excluded.append(phrase)
        elif join_next and groups:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        join_next = False
        last_quoted = quoted is not None
    last = groups[-1][-1] if groups else ()
    prefix = bool(groups) and not last_quoted and len(last) == 1 and len(last[0]) >= 3
    return ParsedQuery(groups, excluded, prefix)


def _fts5_phrase(phrase: Phrase, prefix: bool = False) -> str:
    # Words are \w+ runs, so a double quote can never appear inside one.
    return f'"{" ".join(phrase)}"' + ("*" if prefix else "")


def _is_stop_word(group: list[Phrase]) -> bool:
    return len(group) == 1 and len(group[0]) == 1 and group[0][0].lower() in STOP_WORDS


def fts5_expression(parsed: ParsedQuery) -> str:
    """Every group must match (any of its phrases); excluded phrases must not.

    Lone stop words ("my", "on") are left out unless nothing else is left, as
    PostgreSQL's English configuration leaves them out.
    """
    groups = [g for g in parsed.groups if not _is_stop_word(g)] or parsed.groups
    parts = []
    for i, group in enumerate(groups):
        last_group = i == len(groups) - 1 and group is parsed.groups[-1]
        alternatives = [
            _fts5_phrase(p, parsed.prefix_last and last_group and j == len(group) - 1)
            for j, p in enumerate(group)
        ]
        parts.append(
            alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
        )
    expression = " AND ".join(parts)
    for phrase in parsed.excluded:
        expression = f"{expression} NOT {_fts5_phrase(phrase)}"
    return expression


def relaxed_words(parsed: ParsedQuery) -> list[str]:
    """For a second try when no article holds every word: any meaningful word will do."""
    return [w for w in parsed.words if w not in STOP_WORDS and len(w) > 1]


def fts5_any(words: list[str]) -> str:
    return " OR ".join(_fts5_phrase((w,)) for w in words)
