"""Keeps what is derived from an article current on every save and delete, whatever code
path made it (admin, loaders, importers): its search index entry, its meaning vectors
(made after the commit, by a background task), its author's public profile, and the
content version that every process' cached pages are keyed by."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from runwell.articles import search
from runwell.articles.actions import do_ensure_author_profile
from runwell.articles.models import Article, AuthorProfile, Category, Tag, bump_content_version

# What a login writes, which no page shows.
_UNSHOWN_USER_FIELDS = frozenset({"last_login", "password"})


@receiver(post_save, sender=Article, dispatch_uid="articles_index_on_save")
def index_on_save(sender: type[Article], instance: Article, **kwargs: Any) -> None:
    search.index_article(instance)
    article_id = instance.pk
    transaction.on_commit(lambda: _schedule_embedding(article_id))
    if instance.author_id is not None and not kwargs.get("raw"):
        has_profile = AuthorProfile.objects.filter(user_id=instance.author_id).exists()
        if not has_profile and instance.author is not None:
            do_ensure_author_profile(instance.author)


def _schedule_embedding(article_id: int) -> None:
    # Imported here, not at the top: see tasks.py.
    from runwell.articles.tasks import schedule_embedding

    schedule_embedding(article_id)


@receiver(post_delete, sender=Article, dispatch_uid="articles_unindex_on_delete")
def unindex_on_delete(sender: type[Article], instance: Article, **kwargs: Any) -> None:
    search.unindex_article(instance.pk)


# Deletes, one object or a whole QuerySet, run these inside the deleting transaction.
@receiver(post_delete, sender=Article, dispatch_uid="articles_version_on_delete")
@receiver(post_delete, sender=Category, dispatch_uid="categories_version_on_delete")
@receiver(post_delete, sender=Tag, dispatch_uid="tags_version_on_delete")
@receiver(post_delete, sender=AuthorProfile, dispatch_uid="profiles_version_on_delete")
def version_on_delete(sender: type[Any], **kwargs: Any) -> None:
    bump_content_version()


# Filing an article under categories or tags (the admin, loaders) runs inside the
# related manager's own transaction.
@receiver(m2m_changed, sender=Article.categories.through, dispatch_uid="articles_categories_v")
@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="articles_tags_v")
def version_on_filing(sender: type[Any], action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_content_version()


# Pages name their authors; a log-in (which only stamps last_login) changes no page.
@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="users_version_on_save")
def version_on_user_save(
    sender: type[Any], update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    if update_fields is None or not update_fields <= _UNSHOWN_USER_FIELDS:
        bump_content_version()


@receiver(post_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="users_version_on_delete")
def version_on_user_delete(sender: type[Any], **kwargs: Any) -> None:
    bump_content_version()


# Bylines show the author's and the reviewer's profile (name, credentials, address).
@receiver(post_save, sender=AuthorProfile, dispatch_uid="profiles_version_on_save")
def version_on_profile_save(sender: type[Any], **kwargs: Any) -> None:
    bump_content_version()
