"""Copies the images imported posts show from a blog's uploads folder into Runwell's media.

Only images come across, and never as they were: each file must open as an
image in Pillow (its content decides, not its name), and it is re-encoded
(resized like a hero image, metadata dropped) under an image extension. A
`.html` or `.svg` file named in a post therefore never reaches /media/, where
a browser could run what it holds (issue 13, #5).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from runwell.articles.images import shrink_image
from runwell.wordpress.content import is_safe_relative, media_path, upload_candidates, upload_path

MEDIA_FOLDER = "wordpress"
# Larger files are not read at all: no photo in a blog post needs more.
MAX_IMAGE_BYTES = 40 * 1024 * 1024
_SAME_SUFFIX = {".jpeg": ".jpg", ".jpe": ".jpg"}


def reencode(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded, and its extension; ValueError when `data` is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # reads the whole structure: a damaged or disguised file fails
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "GIF" and getattr(image, "n_frames", 1) > 1:
                out = io.BytesIO()
                image.save(out, "GIF", save_all=True, optimize=True)  # keeps the animation
                return out.getvalue(), ".gif"
        return shrink_image(data)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        # Pillow raises UnidentifiedImageError (an OSError) for what is not an image.
        raise ValueError(str(exc) or type(exc).__name__) from None


class UploadsResolver:
    """Maps an image address to a local copy in Runwell's media (or None).

    Addresses already in this site's media stay as they are (made relative), so
    importing Runwell's own export gives back the same bodies; a Runwell export
    from another site finds its media under the same names in `uploads_dir`.
    """

    def __init__(
        self,
        uploads_dir: Path | None,
        *,
        dry_run: bool = False,
        source_site: str = "",
        counts: Counter[str] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.uploads_dir = uploads_dir.resolve() if uploads_dir else None
        self.dry_run = dry_run
        self.source_site = source_site
        self.counts: Counter[str] = counts if counts is not None else Counter()
        self.warn = warn or (lambda message: None)
        self.saved: list[str] = []
        self._seen: dict[str, str | None] = {}
        self._names: dict[str, str] = {}  # address -> file name in media, once resolved

    def __call__(self, url: str) -> str | None:
        if url not in self._seen:
            name = self._local(url)
            if name is not None:
                self._names[url] = name
            self._seen[url] = default_storage.url(name) if name is not None else None
        return self._seen[url]

    def _local(self, url: str) -> str | None:
        """The name in media of a local copy of the image at `url`, or None."""
        if url.startswith(settings.MEDIA_URL) and not url.startswith("//"):
            name = unquote(url.removeprefix(settings.MEDIA_URL).split("?")[0])
            return name if is_safe_relative(name) else None
        own = media_path(url, settings.SITE_URL)
        if own is not None and is_safe_relative(own) and default_storage.exists(own):
            return own
        from_runwell = media_path(url, self.source_site) if self.source_site else None
        if from_runwell is not None:
            return self._copy(url, from_runwell, [from_runwell], "")
        relative = upload_path(url)
        if relative is None:
            return None
        return self._copy(url, relative, upload_candidates(relative), f"{MEDIA_FOLDER}/")

    def _copy(self, url: str, relative: str, candidates: list[str], prefix: str) -> str | None:
        if not is_safe_relative(relative):
            self.counts["refused"] += 1
            self.warn(
                f"the image address {url} climbs out of the uploads folder (“..”): not copied"
            )
            return None
        if self.uploads_dir is None:
            return None
        for candidate in candidates:
            source = (self.uploads_dir / candidate).resolve()
            # A link (or a crafted name) must not reach outside the folder.
            if source.is_relative_to(self.uploads_dir) and source.is_file():
                return self._store(url, source, prefix + candidate)
        self.counts["missing"] += 1
        return None

    def _store(self, url: str, source: Path, name: str) -> str | None:
        if default_storage.exists(name) and PurePosixPath(name).suffix in (".jpg", ".png", ".gif"):
            return name  # copied by an earlier run
        if source.stat().st_size > MAX_IMAGE_BYTES:
            self.counts["refused"] += 1
            self.warn(f"{url}: the file is over {MAX_IMAGE_BYTES // 2**20} MB; not copied")
            return None
        try:
            data, ext = reencode(source.read_bytes())
        except ValueError:
            self.counts["refused"] += 1
            self.warn(f"{url}: the file is not an image Runwell can read; not copied")
            return None
        suffix = PurePosixPath(name).suffix.lower()
        if _SAME_SUFFIX.get(suffix, suffix) != ext:
            name += ext  # "photo.bmp" kept as "photo.bmp.png": the content decides the type
        self.counts["copied"] += 1
        if not self.dry_run and not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(data))
            self.saved.append(name)
        return name

    def stored_name(self, url: str) -> str | None:
        """The file name in media of the image at `url` (copied first if need be)."""
        self(url)
        return self._names.get(url)

    def discard_copies(self) -> None:
        """Undo the copies of a failed import (the database rolled back too)."""
        for name in self.saved:
            default_storage.delete(name)
        self.saved.clear()
