"""Background work for articles (run by `runwell db_worker`, or at once where configured).

Imported only when work is queued, never while the apps load: defining a task picks the
task backend, and the settings may still change then (the test suite's do).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django_tasks import task

from runwell.articles.models import Article
from runwell.articles.semantic import embed_article, model_folder

logger = logging.getLogger(__name__)


@task()
def embed_article_task(article_id: int) -> bool:
    """Make (or refresh) the article's meaning vectors after it was saved."""
    article = Article.objects.filter(pk=article_id).first()
    return embed_article(article) if article is not None else False


def schedule_embedding(article_id: int) -> None:
    if not settings.ARTICLES_EMBED_ON_SAVE or model_folder() is None:
        return
    try:
        embed_article_task.enqueue(article_id)
    except Exception:
        # Search still works on keywords; `runwell searchmodel embed` catches up later.
        logger.exception("could not queue the search vectors of article %s", article_id)
