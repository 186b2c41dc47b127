"""Keeps what is derived from an article current on every save and delete, whatever code
path made it (admin, loaders, importers): its search index entry, its meaning vectors
(made after the commit, by a background task) and its author's public profile."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from runwell.articles import search
from runwell.articles.actions import do_ensure_author_profile
from runwell.articles.models import Article, AuthorProfile


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
