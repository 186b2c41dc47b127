"""The WordPress export (WXR) reader.

PURE: nothing here imports Django (an import-linter contract keeps the whole
package so); the import and its tests call it with plain files and data.
"""

from runwell.wordpress.wxr.elements import MAX_ID, parse_gmt, to_id, to_int
from runwell.wordpress.wxr.model import (
    NO_DATE,
    RUNWELL_NS,
    Attachment,
    Author,
    Category,
    Comment,
    Export,
    Item,
    Redirect,
    Site,
    Survey,
    Tag,
    TermRef,
    WXRError,
)
from runwell.wordpress.wxr.reader import iter_items, parse, parse_file, scan
from runwell.wordpress.wxr.repair import strip_forbidden

__all__ = [
    "MAX_ID",
    "NO_DATE",
    "RUNWELL_NS",
    "Attachment",
    "Author",
    "Category",
    "Comment",
    "Export",
    "Item",
    "Redirect",
    "Site",
    "Survey",
    "Tag",
    "TermRef",
    "WXRError",
    "iter_items",
    "parse",
    "parse_file",
    "parse_gmt",
    "scan",
    "strip_forbidden",
    "to_id",
    "to_int",
]
