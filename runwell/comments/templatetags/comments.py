from typing import Any

from django import template

from runwell.articles.models import Article

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context: dict[str, Any], article: Article) -> dict[str, Any]:
    """The whole discussion under an article: heading, thread and reply form."""
    return {"article": article, "request": context.get("request")}
