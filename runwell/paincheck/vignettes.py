"""Score the pain check against the runner vignettes and print the figures.

Run: python -m runwell.paincheck.vignettes [--verbose] [PATH]
Pure Python (no Django), so it runs without a database.
"""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runwell.paincheck.engine import RANK, Triage, assess
from runwell.paincheck.knowledge import TRIAGE_LEVELS

DEFAULT_PATH = Path(__file__).resolve().parent / "tests" / "vignettes.toml"
TOP = 3


@dataclass(frozen=True)
class Vignette:
    id: str
    story: str
    answers: dict[str, Any]
    expected: Triage
    acceptable: tuple[Triage, ...]
    contributors: tuple[str, ...]


@dataclass
class Scores:
    total: int = 0
    emergencies: int = 0
    emergencies_caught: int = 0
    exact: int = 0
    acceptable: int = 0
    unsafe_under_triage: int = 0
    with_contributors: int = 0
    top3_hits: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def emergency_sensitivity(self) -> float:
        return self.emergencies_caught / self.emergencies if self.emergencies else 1.0

    def lines(self) -> list[str]:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:.1f}% ({n}/{d})" if d else "n/a"

        return [
            f"vignettes:                  {self.total}",
            f"emergency sensitivity:      {pct(self.emergencies_caught, self.emergencies)}",
            f"unsafe under-triage:        {self.unsafe_under_triage}",
            f"exact triage:               {pct(self.exact, self.total)}",
            f"acceptable triage:          {pct(self.acceptable, self.total)}",
            f"contributor top-3 hit rate: {pct(self.top3_hits, self.with_contributors)}",
        ]


def _triage(value: str) -> Triage:
    for level in TRIAGE_LEVELS:
        if level == value:
            return level
    raise ValueError(f"unknown triage level {value!r} in the vignettes")


def load_vignettes(path: Path = DEFAULT_PATH) -> list[Vignette]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    base: dict[str, Any] = data["base"]
    out = []
    for v in data["vignettes"]:
        answers = {**base, **v.get("answers", {})}
        for qid in v.get("omit", []):
            answers.pop(qid, None)
        out.append(
            Vignette(
                id=v["id"],
                story=v["story"],
                answers=answers,
                expected=_triage(v["expected"]),
                acceptable=tuple(_triage(t) for t in v.get("acceptable", [v["expected"]])),
                contributors=tuple(v.get("contributors", [])),
            )
        )
    return out


def score(vignettes: list[Vignette]) -> Scores:
    s = Scores()
    for v in vignettes:
        result = assess(v.answers)
        got = result["triage"]
        s.total += 1
        if v.expected == "emergency":
            s.emergencies += 1
            s.emergencies_caught += got == "emergency"
        s.exact += got == v.expected
        ok = got == v.expected or got in v.acceptable
        s.acceptable += ok
        if not ok and RANK[got] > RANK[v.expected]:
            s.unsafe_under_triage += 1
        top = [c["id"] for c in result["contributors"][:TOP]]
        if v.contributors:
            s.with_contributors += 1
            hit = any(c in top for c in v.contributors)
            s.top3_hits += hit
            if not hit:
                s.misses.append(f"{v.id}: top-3 {top} has none of {list(v.contributors)}")
        if got != v.expected:
            s.misses.append(f"{v.id}: triage {got}, expected {v.expected}")
    return s


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    scores = score(load_vignettes(args.path))
    for line in scores.lines():
        print(line)  # noqa: T201 - this tool exists to print its figures
    if args.verbose:
        for miss in scores.misses:
            print("  " + miss)  # noqa: T201


if __name__ == "__main__":
    main()
