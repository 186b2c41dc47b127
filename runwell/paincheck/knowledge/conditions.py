"""Conditions over answers: a leaf compares one answer with a value; groups combine them.

Written in the knowledge files as inline tables, e.g.
    { q = "leg_weakness", op = "eq", value = "both_legs" }
    { all = [ ... ] }   { any = [ ... ] }   { at_least = 2, of = [ ... ] }
Evaluation is two-valued: every question a condition reads must have an answer
(the loader makes every question a red flag or trigger reads required, and
contributors only read answers that are present). Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

OPS = ("eq", "in", "gt", "gte", "lt", "lte")
# Values computed from answers; each maps to the questions it comes from.
DERIVED = {"onset_age_years": ("age_years", "duration_weeks")}

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda x, y: x > y,
    "gte": lambda x, y: x >= y,
    "lt": lambda x, y: x < y,
    "lte": lambda x, y: x <= y,
}


@dataclass(frozen=True)
class Condition:
    """A leaf: one answer (or derived value) compared with a value."""

    q: str
    op: str
    value: Any

    @property
    def question_ids(self) -> tuple[str, ...]:
        return DERIVED.get(self.q, (self.q,))


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class AtLeast:
    n: int
    parts: tuple[Cond, ...]


Cond = Condition | AllOf | AnyOf | AtLeast


def parse(raw: Mapping[str, Any]) -> Cond:
    """One condition from its TOML form (raises ValueError on a malformed one)."""
    if "q" in raw:
        return Condition(q=raw["q"], op=raw["op"], value=raw["value"])
    if "all" in raw:
        return AllOf(tuple(parse(p) for p in raw["all"]))
    if "any" in raw:
        return AnyOf(tuple(parse(p) for p in raw["any"]))
    if "at_least" in raw:
        return AtLeast(int(raw["at_least"]), tuple(parse(p) for p in raw["of"]))
    raise ValueError(f"not a condition: {dict(raw)}")


def leaves(cond: Cond) -> Iterator[Condition]:
    if isinstance(cond, Condition):
        yield cond
        return
    for part in cond.parts:
        yield from leaves(part)


def question_ids(cond: Cond) -> tuple[str, ...]:
    """Every question the condition reads, in order, without repeats."""
    seen: dict[str, None] = {}
    for leaf in leaves(cond):
        seen.update(dict.fromkeys(leaf.question_ids))
    return tuple(seen)


def value_of(answers: Mapping[str, Any], q: str) -> Any:
    """An answer, or a derived value; raises KeyError when an answer it needs is missing."""
    if q == "onset_age_years":
        return answers["age_years"] - answers["duration_weeks"] / 52
    return answers[q]


def leaf_holds(leaf: Condition, answers: Mapping[str, Any]) -> bool:
    v = value_of(answers, leaf.q)
    if leaf.op == "eq":
        return bool(v == leaf.value and type(v) is type(leaf.value))
    if leaf.op == "in":
        return v in leaf.value
    return _COMPARE[leaf.op](v, leaf.value)


def holds(cond: Cond, answers: Mapping[str, Any]) -> bool:
    if isinstance(cond, Condition):
        return leaf_holds(cond, answers)
    results = [holds(part, answers) for part in cond.parts]
    if isinstance(cond, AllOf):
        return all(results)
    if isinstance(cond, AnyOf):
        return any(results)
    return sum(results) >= cond.n


def answerable(cond: Cond, answers: Mapping[str, Any]) -> bool:
    """True when every answer the condition reads is present."""
    return all(q in answers for q in question_ids(cond))


def supporting_leaves(cond: Cond, answers: Mapping[str, Any]) -> list[Condition]:
    """The leaves that make a holding condition hold (the answers that "raised" it)."""
    if isinstance(cond, Condition):
        return [cond] if leaf_holds(cond, answers) else []
    out: list[Condition] = []
    for part in cond.parts:
        if holds(part, answers):
            out += supporting_leaves(part, answers)
    return out
