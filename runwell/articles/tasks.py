"""Background work for articles (run by `runwell db_worker`, or at once where configured)."""

from __future__ import annotations

from django_tasks import task

from runwell.articles.models import Article
from runwell.articles.semantic import embed_article


@task()
def embed_article_task(article_id: int) -> bool:
    """Make (or refresh) the article's meaning vectors after it was saved."""
    article = Article.objects.filter(pk=article_id).first()
    return embed_article(article) if article is not None else False
