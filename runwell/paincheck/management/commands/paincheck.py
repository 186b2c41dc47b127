"""`runwell paincheck --answers FILE`: print the assessment for one answer set as JSON."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand

from runwell.paincheck.engine import InvalidAnswers
from runwell.paincheck.jsonio import assess_json

EXIT_INVALID = 2


class Command(BaseCommand):
    help = "Assess one set of pain-check answers (a JSON object) and print the result as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--answers",
            required=True,
            metavar="FILE",
            help="JSON file with the answers object, or - to read standard input",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["answers"]
        try:
            raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        except OSError as exc:
            self._fail([f"cannot read {source}: {exc.strerror or exc}"])
        try:
            output = assess_json(raw)
        except InvalidAnswers as exc:
            self._fail(exc.problems)
        self.stdout.write(output.decode(), ending="")

    def _fail(self, problems: list[str]) -> NoReturn:
        lines = "".join(f"  - {p}\n" for p in problems)
        self.stderr.write(f"runwell paincheck: invalid answers:\n{lines}", ending="")
        raise SystemExit(EXIT_INVALID)
