"""What a WordPress export holds, as plain frozen data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

NO_DATE = "0000-00-00 00:00:00"
# Runwell writes its own facts (which site wrote the file, its redirects) in this
# namespace; WordPress' importer ignores elements it does not know.
RUNWELL_NS = "urn:runwell:export:1"


class WXRError(ValueError):
    """The file is not a readable WordPress export; the message says where and why."""


@dataclass(frozen=True)
class Site:
    title: str
    link: str
    description: str
    language: str
    wxr_version: str
    base_site_url: str
    base_blog_url: str
    # Set only in Runwell's own exports: a fingerprint of the site that wrote the file.
    runwell_site: str = ""


@dataclass(frozen=True)
class Author:
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    wp_id: int | None


@dataclass(frozen=True)
class Category:
    term_id: int | None
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass(frozen=True)
class Tag:
    term_id: int | None
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class TermRef:
    """A category or tag named on an item (`<category domain=… nicename=…>`)."""

    domain: str  # "category" or "post_tag"
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    wp_id: int | None  # None: missing, or too big to be an id
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date_gmt: datetime | None
    date_local: str
    content: str
    approved: str
    comment_type: str
    parent_id: int
    user_id: int
    meta: tuple[tuple[str, str], ...] = ()

    def meta_value(self, key: str) -> str:
        return next((value for k, value in self.meta if k == key), "")


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    pub_date: datetime | None
    creator: str
    guid: str
    description: str
    content: str
    excerpt: str
    wp_id: int | None  # None: missing, or too big to be an id
    date_gmt: datetime | None
    date_local: str
    comment_status: str
    ping_status: str
    slug: str
    status: str
    parent_id: int
    menu_order: int
    post_type: str
    password: str
    is_sticky: bool
    terms: tuple[TermRef, ...] = ()
    postmeta: tuple[tuple[str, str], ...] = ()
    comments: tuple[Comment, ...] = ()
    attachment_url: str = ""  # only for post_type "attachment": the uploaded file
    raw_id: str = ""  # the wp:post_id text as written, for messages about a bad one

    def meta(self, key: str) -> str:
        """The first value of a postmeta key ('' when absent)."""
        return next((value for k, value in self.postmeta if k == key), "")

    def meta_values(self, key: str) -> list[str]:
        return [value for k, value in self.postmeta if k == key]


@dataclass(frozen=True)
class Attachment:
    """An uploaded file's item, kept small: what galleries and featured images need."""

    wp_id: int
    url: str
    parent_id: int
    title: str
    alt: str
    caption: str


@dataclass(frozen=True)
class Redirect:
    """An old address a Runwell export carries (`runwell:redirect` on the channel)."""

    old_path: str
    new_path: str


@dataclass
class Survey:
    """Everything in an export except the items' bodies, read in one streaming pass."""

    site: Site
    authors: tuple[Author, ...] = ()
    categories: tuple[Category, ...] = ()
    tags: tuple[Tag, ...] = ()
    attachments: dict[int, Attachment] = field(default_factory=dict)
    redirects: tuple[Redirect, ...] = ()
    items: Counter[str] = field(default_factory=Counter)  # by post type
    comments: int = 0
    # Guids that posts or pages with different ids share (WordPress lets a copied post
    # keep its original's): such an item is known by guid and id together.
    shared_guids: set[str] = field(default_factory=set)
    # What had to be mended for the file to be read (see repair.py), by kind.
    repairs: Counter[str] = field(default_factory=Counter)

    @property
    def total_items(self) -> int:
        return sum(self.items.values())


@dataclass(frozen=True)
class Export:
    """A whole export in memory (small files and tests; imports stream instead)."""

    site: Site
    authors: tuple[Author, ...] = ()
    categories: tuple[Category, ...] = ()
    tags: tuple[Tag, ...] = ()
    items: tuple[Item, ...] = ()
    redirects: tuple[Redirect, ...] = ()
    repairs: dict[str, int] = field(default_factory=dict)
