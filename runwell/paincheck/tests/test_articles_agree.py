"""The starter articles and the engine agree on every warning sign and its urgency.

Each article lists its warning signs in callouts (> [!EMERGENCY], > [!URGENT]);
every item ends with a {sign: ...} tag naming the pain-check answers it stands
for: `q=value`, several joined by `&` for one situation, alternatives separated
by `;`. Each alternative, added to an otherwise unremarkable runner, must fire
a red flag that reads those answers, at exactly the callout's urgency.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from runwell.articles.rendering import article_callouts
from runwell.paincheck.engine import assess, evaluate_flags
from runwell.paincheck.knowledge import load

from .helpers import answers

ARTICLES = sorted((Path(__file__).resolve().parents[3] / "content" / "articles").glob("*.md"))
WARNING_KINDS = ("emergency", "urgent")
K = load()


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("+++", 2)[2]


def parse_sign(sign: str) -> list[dict[str, Any]]:
    """`a=yes & b=both_legs; c=yes` -> [{"a": True, "b": "both_legs"}, {"c": True}]."""
    alternatives = []
    for alternative in sign.split(";"):
        situation: dict[str, Any] = {}
        for part in alternative.split("&"):
            qid, _, raw = (x.strip() for x in part.partition("="))
            question = K.questions_by_id.get(qid)
            assert question is not None, f"{qid!r} is not a question the check asks"
            if question.type == "bool":
                assert raw in ("yes", "no"), f"{qid}={raw}"
                situation[qid] = raw == "yes"
            elif question.type == "int":
                situation[qid] = int(raw)
            else:
                assert raw in question.option_ids, f"{qid} has no option {raw!r}"
                situation[qid] = raw
        alternatives.append(situation)
    return alternatives


def warning_items(path: Path) -> list[tuple[str, str, str]]:
    return [
        (callout.kind, item.text, item.sign)
        for callout in article_callouts(body(path))
        if callout.kind in WARNING_KINDS
        for item in callout.items
    ]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_each_article_puts_its_emergency_signs_in_a_red_callout(path):
    kinds = [c.kind for c in article_callouts(body(path))]
    assert "emergency" in kinds, f"{path.name} lists no emergency signs in a callout"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_warning_sign_an_article_lists_is_asked_by_the_check_at_the_same_urgency(path):
    items = warning_items(path)
    assert items
    for kind, text, sign in items:
        assert sign, f"{path.name}: “{text}” has no {{sign: ...}} tag"
        for situation in parse_sign(sign):
            case = answers(**situation)
            result = assess(case)
            assert result["triage"] == kind, f"{path.name}: “{text}” ({situation})"
            raised = {q for f in evaluate_flags(case) for q in f.because}
            assert set(situation) & raised, f"{path.name}: no red flag reads “{text}”"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_weakness_or_numbness_in_both_legs_is_an_emergency_wherever_an_article_says_so(path):
    both_legs = re.compile(
        r"(weakness|numbness)( or (weakness|numbness))?( \([^)]*\))? in \**both\** legs",
        re.IGNORECASE,
    )
    for kind, text, _ in warning_items(path):
        if both_legs.search(text):
            assert kind == "emergency", f"{path.name}: “{text}”"
    # Nowhere outside a callout may an article call it anything less.
    prose = re.sub(r"(?m)^>.*$", "", body(path))
    for sentence in re.split(r"(?<=[.!?])\s+", prose):
        if both_legs.search(sentence):
            assert re.search(r"emergency|hospital|A&E|999|straight away", sentence), sentence


def test_the_sign_parser_reads_alternatives_and_combinations():
    assert parse_sign("leg_weakness=both_legs; fever_or_unwell=yes & age_years=55") == [
        {"leg_weakness": "both_legs"},
        {"fever_or_unwell": True, "age_years": 55},
    ]
    with pytest.raises(AssertionError):
        parse_sign("sexual_function=yes")
