"""Import from and export to WordPress: the actions the commands call.

An import runs in three steps, so that a bad file or a bad option writes nothing:
`read_export` checks the file (its size, then one streaming pass over all of it),
`check_import_wordpress` checks the options against the database, and
`do_import_wordpress` streams the items into it in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from runwell.wordpress import wxr
from runwell.wordpress.importer import Importer, Progress
from runwell.wordpress.ledger import ImportReport
from runwell.wordpress.media import UploadsResolver


class ImportProblem(ValueError):
    """The import cannot start (bad file, unknown user, missing folder); nothing was written."""


@dataclass(frozen=True)
class ImportPlan:
    """A checked import: the file, what its scan found, and the checked options."""

    path: Path
    survey: wxr.Survey
    uploads: Path | None = None
    author: AbstractBaseUser | None = None


def read_export(path: Path) -> wxr.Survey:
    """Check the file and read it once, streaming; nothing is written before this succeeds."""
    if not path.is_file():
        raise ImportProblem(f"no file at {path}")
    limit = settings.WORDPRESS_IMPORT_MAX_MB
    size = path.stat().st_size
    if size > limit * 1024 * 1024:
        raise ImportProblem(
            f"{path.name} is {size / 2**20:,.0f} MB, over the {limit} MB this site accepts"
            " (RUNWELL_WORDPRESS_IMPORT_MAX_MB)"
        )
    try:
        with path.open("rb") as source:
            return wxr.scan(source)
    except wxr.WXRError as exc:
        raise ImportProblem(f"{path.name}: {exc}") from None
    except OSError as exc:
        raise ImportProblem(f"{path}: {exc.strerror}") from None


def check_import_wordpress(
    path: Path,
    survey: wxr.Survey,
    *,
    uploads: Path | None = None,
    author: str | None = None,
) -> ImportPlan:
    """Validate the options (the database must be ready: an author is looked up)."""
    if uploads is not None and not uploads.is_dir():
        raise ImportProblem(f"--uploads {uploads} is not a folder")
    user = None
    if author:
        user = get_user_model().objects.filter(username=author).first()
        if user is None:
            raise ImportProblem(f"--author {author}: no such user")
    return ImportPlan(path=path, survey=survey, uploads=uploads, author=user)


def do_import_wordpress(
    plan: ImportPlan, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Stream the items in one transaction (rolled back again for a dry run)."""
    source_site = plan.survey.site.base_site_url if plan.survey.site.runwell_site else ""
    report = ImportReport()
    resolver = UploadsResolver(
        plan.uploads,
        dry_run=dry_run,
        source_site=source_site,
        counts=report.media,
        warn=report.warnings.append,
    )
    try:
        with transaction.atomic(), plan.path.open("rb") as source:
            Importer(plan.survey, resolver, plan.author, report).run(
                wxr.iter_items(source), progress
            )
            if dry_run:
                transaction.set_rollback(True)
    except wxr.WXRError as exc:
        # Read to its end by the scan, the file failed now: it changed in between.
        resolver.discard_copies()
        raise ImportProblem(f"{plan.path.name}: {exc}") from None
    except BaseException:
        resolver.discard_copies()
        raise
    return report
