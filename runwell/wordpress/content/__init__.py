"""WordPress post bodies into the HTML a Runwell article keeps.

PURE: nothing here imports Django (an import-linter contract keeps the whole
package so); the import passes in a resolver for images and a gallery lister.
"""

from runwell.wordpress.content.body import (
    KNOWN_SHORTCODES,
    Conversion,
    Resolver,
    autop,
    convert,
    convert_comment,
    is_block_markup,
    is_image_address,
    strip_shortcodes,
)
from runwell.wordpress.content.embeds import Gallery, GalleryImage
from runwell.wordpress.content.uploads import (
    is_safe_relative,
    media_path,
    upload_candidates,
    upload_path,
)

__all__ = [
    "KNOWN_SHORTCODES",
    "Conversion",
    "Gallery",
    "GalleryImage",
    "Resolver",
    "autop",
    "convert",
    "convert_comment",
    "is_block_markup",
    "is_image_address",
    "is_safe_relative",
    "media_path",
    "strip_shortcodes",
    "upload_candidates",
    "upload_path",
]
