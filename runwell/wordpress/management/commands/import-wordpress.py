"""`runwell import-wordpress FILE`: bring a WordPress blog's export into Runwell."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.site.database import migrate_if_needed
from runwell.wordpress.actions import (
    ImportProblem,
    check_import_wordpress,
    do_import_wordpress,
    read_export,
)
from runwell.wordpress.ledger import ImportReport


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0–1.2): posts, pages, categories, tags, threaded "
        "comments, and redirects from the old addresses. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, metavar="FILE", help="the WXR file WordPress exported"
        )
        parser.add_argument(
            "--uploads",
            type=Path,
            metavar="DIR",
            help="a copy of the blog's wp-content/uploads; the images posts show are imported",
        )
        parser.add_argument(
            "--author", metavar="USERNAME", help="username every imported article is credited to"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen; write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON report object")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            survey = read_export(path)  # the whole file is read before the database is touched
            migrate_if_needed()
            plan = check_import_wordpress(
                path, survey, uploads=options["uploads"], author=options["author"]
            )
            progress = _Progress() if not options["json"] and sys.stderr.isatty() else None
            report = do_import_wordpress(plan, dry_run=options["dry_run"], progress=progress)
        except ImportProblem as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from None
        if progress is not None:
            progress.finish()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(readable(report, dry_run=options["dry_run"]))


class _Progress:
    """`Importing items: 1,234 of 5,000 (24%)` on the terminal, rewritten in place."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != self.shown:
            self.shown = percent
            sys.stderr.write(f"\rImporting items: {done:,} of {total:,} ({percent}%)")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.shown >= 0:
            sys.stderr.write("\n")


def _counts(title: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return []
    return [f"{title}:"] + [f"  {kind}: {count}" for kind, count in sorted(counts.items())]


def readable(report: ImportReport, *, dry_run: bool) -> str:
    lines = [
        "Dry run: nothing was written." if dry_run else "WordPress import finished.",
        f"  posts      {report.posts} (drafts among posts and pages: {report.drafts})",
        f"  pages      {report.pages}",
        f"  comments   {report.comments}",
        f"  redirects  {report.redirects}",
        f"  new objects this run: {report.created}",
    ]
    lines += _counts("Skipped", dict(report.skipped))
    lines += _counts("Converted", dict(report.converted))
    lines += _counts("Repaired", dict(report.repaired))
    lines += _counts("Images from the uploads folder", dict(report.media))
    if report.warnings:
        lines.append("Warnings:")
        lines += [f"  - {warning}" for warning in report.warnings]
    return "\n".join(lines)
