"""The old addresses an import keeps answering, as permanent redirects.

From a WordPress blog: each published item's permalink, `/?p=ID` (and
`/?page_id=ID` for pages), `/category/…/`, `/tag/…/` and `/author/…/`. Drafts
get none: WordPress never showed them at any address, and a redirect would
only lead a reader to a 404 (or tell them a draft's slug).

From a Runwell export: only the redirects it carries (the old WordPress
addresses that site had kept), each pointed at the item's address here.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.urls import reverse

from runwell.articles.actions import do_ensure_author_profile
from runwell.wordpress import wxr
from runwell.wordpress.ledger import ImportReport
from runwell.wordpress.models import Redirect

# Postmeta on an item in Runwell's export: an old address that leads to that item.
CARRIED = "_runwell_redirect"
MAX_PATH = 500


def old_path(link: str) -> str:
    parts = urlsplit(link)
    return unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def nicename(login: str) -> str:
    """WordPress' address name for a login (`sanitize_title`, near enough)."""
    name = re.sub(r"[^\w\s-]", "", login.lower().replace(".", "-"))
    return re.sub(r"[\s_-]+", "-", name).strip("-")


class Redirects:
    """Collects the old addresses of a run; `save` writes them in a few queries at the end.

    The first address wins: one that already leads elsewhere (here, or earlier in the
    same file) is left as it is, and the report says so.
    """

    BATCH = 500

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self._wanted: dict[str, str] = {}  # old path -> new path, first come
        self._clashes: list[tuple[str, str]] = []

    def add(self, old: str, new_path: str) -> None:
        # "/" is the home page here; a blog's front page must not take it over.
        if not old.startswith("/") or old in (new_path, "/") or len(old) > MAX_PATH:
            return
        if old not in self._wanted:
            self._wanted[old] = new_path
        elif self._wanted[old] != new_path:
            self._clashes.append((old, new_path))

    def save(self) -> None:
        olds = list(self._wanted)
        current: dict[str, str] = {}
        for start in range(0, len(olds), self.BATCH):
            chunk = olds[start : start + self.BATCH]
            current.update(
                Redirect.objects.filter(old_path__in=chunk).values_list("old_path", "new_path")
            )
        Redirect.objects.bulk_create(
            [Redirect(old_path=o, new_path=n) for o, n in self._wanted.items() if o not in current],
            batch_size=self.BATCH,
        )
        for old, new_path in self._wanted.items():
            if current.get(old, new_path) == new_path:
                self.report.redirects += 1
            else:
                self._warn(old, current[old], new_path)
        for old, new_path in self._clashes:
            self._warn(old, current.get(old, self._wanted[old]), new_path)

    def _warn(self, old: str, current: str, new_path: str) -> None:
        self.report.warnings.append(
            f"the old address {old} already redirects to {current}; left as it is"
            f" (not to {new_path})"
        )

    def for_item(self, item: wxr.Item, new_path: str, *, from_runwell: bool) -> None:
        paths = list(item.meta_values(CARRIED))
        if not from_runwell:
            if item.link:
                paths.append(old_path(item.link))
            paths.append(f"/?p={item.wp_id}")
            if item.post_type == "page":
                paths.append(f"/?page_id={item.wp_id}")
        for path in dict.fromkeys(paths):
            self.add(path, new_path)

    def for_categories(self, categories: tuple[wxr.Category, ...], slugs: dict[str, str]) -> None:
        """`/category/parent/child/` (and `/category/child/`) to the category's listing."""
        parents = {c.slug: c.parent_slug for c in categories}
        for category in categories:
            slug = slugs.get(category.slug)
            if not category.slug or slug is None:
                continue
            chain, seen = [category.slug], {category.slug}
            while (parent := parents.get(chain[0], "")) and parent not in seen:
                chain.insert(0, parent)
                seen.add(parent)
            target = reverse("articles:category", args=[slug])
            for path in dict.fromkeys([tuple(chain), (category.slug,)]):
                self.add("/category/" + "/".join(unquote(p) for p in path) + "/", target)

    def for_terms(self, kind: str, slugs: dict[str, str]) -> None:
        """`/tag/x/` (or `/category/x/`) to the listing; `slugs` maps WordPress ones to ours."""
        for wp_slug, slug in slugs.items():
            if wp_slug:
                self.add(f"/{kind}/{unquote(wp_slug)}/", reverse(f"articles:{kind}", args=[slug]))

    def for_authors(self, usernames: dict[str, str]) -> None:
        """`/author/x/` to the author's page; `usernames` maps logins to Runwell users."""
        users = get_user_model().objects.in_bulk(list(usernames.values()), field_name="username")
        for login, username in usernames.items():
            name = nicename(login)
            if name and username in users:
                # Author pages live at the profile's address, made from the display name.
                profile = do_ensure_author_profile(users[username])
                self.add(f"/author/{name}/", profile.get_absolute_url())

    def carried(self, redirects: tuple[wxr.Redirect, ...]) -> None:
        for redirect in redirects:
            if redirect.new_path.startswith("/"):
                self.add(redirect.old_path, redirect.new_path)
