"""`runwell import-wordpress FILE`: bring a WordPress blog's export into Runwell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.site.database import migrate_if_needed
from runwell.wordpress.actions import ImportProblem, check_import_wordpress, read_export
from runwell.wordpress.importer import ImportReport


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
            help="a copy of the blog's wp-content/uploads; referenced images are imported",
        )
        parser.add_argument(
            "--author", metavar="USERNAME", help="username every imported article is credited to"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen; write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON report object")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            export = read_export(options["file"])
            migrate_if_needed()
            report = check_import_wordpress(
                export,
                uploads=options["uploads"],
                author=options["author"],
                dry_run=options["dry_run"],
            )
        except ImportProblem as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(readable(report, dry_run=options["dry_run"]))


def readable(report: ImportReport, *, dry_run: bool) -> str:
    lines = [
        "Dry run: nothing was written." if dry_run else "WordPress import finished.",
        f"  posts      {report.posts} (drafts among posts and pages: {report.drafts})",
        f"  pages      {report.pages}",
        f"  comments   {report.comments}",
        f"  redirects  {report.redirects}",
        f"  new objects this run: {report.created}",
    ]
    if report.skipped:
        lines.append("Skipped:")
        lines += [f"  {reason}: {count}" for reason, count in sorted(report.skipped.items())]
    if report.warnings:
        lines.append("Warnings:")
        lines += [f"  - {warning}" for warning in report.warnings]
    return "\n".join(lines)
