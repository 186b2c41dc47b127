"""Import from and export to WordPress: the actions the commands call."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from runwell.wordpress import wxr
from runwell.wordpress.importer import Importer, ImportReport
from runwell.wordpress.media import UploadsResolver


class ImportProblem(ValueError):
    """The import cannot start (bad file, unknown user, missing folder); nothing was written."""


def read_export(path: Path) -> wxr.Export:
    """Read and check the whole file; nothing is written before this succeeds."""
    if not path.is_file():
        raise ImportProblem(f"no file at {path}")
    try:
        return wxr.parse_file(path)
    except wxr.WXRError as exc:
        raise ImportProblem(f"{path.name}: {exc}") from None
    except OSError as exc:
        raise ImportProblem(f"{path}: {exc.strerror}") from None


def check_import_wordpress(
    export: wxr.Export,
    *,
    uploads: Path | None = None,
    author: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Validate the options, then import the export read by read_export."""
    if uploads is not None and not uploads.is_dir():
        raise ImportProblem(f"--uploads {uploads} is not a folder")
    user = None
    if author:
        user = get_user_model().objects.filter(username=author).first()
        if user is None:
            raise ImportProblem(f"--author {author}: no such user")
    return do_import_wordpress(export, uploads=uploads, author=user, dry_run=dry_run)


def do_import_wordpress(
    export: wxr.Export,
    *,
    uploads: Path | None = None,
    author: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Write a parsed export in one transaction (rolled back again for a dry run)."""
    resolver = UploadsResolver(uploads, dry_run=dry_run)
    try:
        with transaction.atomic():
            report = Importer(export, resolver, author).run()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        resolver.discard_copies()
        raise
    return report
