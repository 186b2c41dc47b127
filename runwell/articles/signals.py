"""Keeps the search index current on every save and delete, whatever code path made it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from runwell.articles import search
from runwell.articles.models import Article


@receiver(post_save, sender=Article, dispatch_uid="articles_index_on_save")
def index_on_save(sender: type[Article], instance: Article, **kwargs: Any) -> None:
    search.index_article(instance)


@receiver(post_delete, sender=Article, dispatch_uid="articles_unindex_on_delete")
def unindex_on_delete(sender: type[Article], instance: Article, **kwargs: Any) -> None:
    search.unindex_article(instance.pk)
