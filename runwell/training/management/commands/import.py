"""`runwell import --user USERNAME [--json] PATH...`: import activity files into a runner's log.

With --json, one JSON object per activity, one per line (PRODUCT.md); otherwise a
progress bar on a terminal and a summary. Exit 0 unless nothing at all could be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from runwell.training import importers
from runwell.training.actions import SavedOutcome
from runwell.training.importing import run_import


class Command(BaseCommand):
    help = "Import activity files (FIT, GPX, TCX, .gz, folders, ZIPs, Strava exports)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the runner's user name")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no account with the user name {options['user']!r}")
        paths = [Path(p) for p in options["paths"]]
        as_json: bool = options["json"]
        bar: tqdm[Any] | None = None
        errors: list[str] = []

        def start(found: importers.Discovery) -> None:
            nonlocal bar
            if not as_json:
                bar = tqdm(total=found.total, unit="file", disable=not sys.stderr.isatty())

        def read(outcome: importers.FileOutcome) -> None:
            if bar is not None:
                bar.update(1)

        def saved(item: SavedOutcome) -> None:
            if as_json:
                for record in item.records:
                    self.stdout.write(json.dumps(record, ensure_ascii=False))
                self.stdout.flush()
            elif item.outcome.error:
                errors.append(f"{item.outcome.file}: {item.outcome.error}")

        tally = run_import(user, paths, on_start=start, on_read=read, on_saved=saved)
        if bar is not None:
            bar.close()
        if not as_json:
            for line in errors:
                self.stderr.write(f"error: {line}")
            self.stdout.write(
                f"{tally.files} files: {tally.imported} imported, "
                f"{tally.duplicates} duplicates, {tally.errors} errors."
            )
        if not tally.read_anything:
            raise CommandError("nothing could be read from " + ", ".join(map(str, paths)))
