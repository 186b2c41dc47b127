"""Copies images referenced by imported posts from a `wp-content/uploads` folder."""

from __future__ import annotations

from pathlib import Path, PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image

from runwell.articles.images import shrink_image
from runwell.wordpress.content import upload_candidates, upload_path

MEDIA_FOLDER = "wordpress"


class UploadsResolver:
    """Maps an image address to a local copy in Runwell's media (or None).

    Addresses already in Runwell's media stay as they are, so importing
    Runwell's own export gives back the same bodies.
    """

    def __init__(self, uploads_dir: Path | None, *, dry_run: bool = False) -> None:
        self.uploads_dir = uploads_dir.resolve() if uploads_dir else None
        self.dry_run = dry_run
        self.saved: list[str] = []
        self.missing: list[str] = []
        self._seen: dict[str, str | None] = {}

    def __call__(self, url: str) -> str | None:
        if url.startswith(settings.MEDIA_URL) and not url.startswith("//"):
            return url
        if url not in self._seen:
            self._seen[url] = self._copy(url)
        return self._seen[url]

    def _copy(self, url: str) -> str | None:
        relative = upload_path(url)
        if self.uploads_dir is None or relative is None:
            return None
        for candidate in upload_candidates(relative):
            source = (self.uploads_dir / candidate).resolve()
            # A crafted "../../etc/passwd" address must not reach outside the folder.
            if not source.is_relative_to(self.uploads_dir) or not source.is_file():
                continue
            name = f"{MEDIA_FOLDER}/{candidate}"
            if self.dry_run:
                return default_storage.url(name)
            if not default_storage.exists(name):
                with source.open("rb") as handle:
                    name = default_storage.save(name, File(handle))
                self.saved.append(name)
            return default_storage.url(name)
        self.missing.append(relative)
        return None

    def shrunk_copy(self, url: str) -> tuple[str, bytes] | None:
        """An uploaded image resized for an article's hero image: (file name, bytes).

        None when the file is not in the uploads folder (or in a dry run, which copies
        nothing) or is not a readable image.
        """
        local = self(url)
        if local is None or self.dry_run:
            return None
        name = local.removeprefix(settings.MEDIA_URL)
        try:
            with default_storage.open(name, "rb") as handle:
                data, ext = shrink_image(handle.read())
        except (OSError, ValueError, Image.DecompressionBombError):
            return None
        return PurePath(name).with_suffix(ext).name, data

    def discard_copies(self) -> None:
        """Undo the copies of a failed import (the database rolled back too)."""
        for name in self.saved:
            default_storage.delete(name)
        self.saved.clear()
