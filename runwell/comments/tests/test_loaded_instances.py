"""The instances the comment API builds with `lib.rawsql.loaded` are what `Model.from_db` makes."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import ImageField, signals

from runwell.articles.models import Article
from runwell.comments import api
from runwell.comments.actions import posting
from runwell.comments.models import Comment
from runwell.lib.rawsql import loaded
from runwell.testing.factories import make_article

pytestmark = pytest.mark.django_db

# What the comment API builds with `loaded`: (model, the fields it loads).
LOADED = [
    (Article, api._POSTING_FIELDS),
    (get_user_model(), ["id", "email"]),
    (Comment, posting._PARENT_FIELDS),
]


@pytest.mark.parametrize(("model", "names"), LOADED, ids=["article", "author", "parent"])
def test_the_instances_built_without_init_miss_no_init_signal_that_would_do_anything(model, names):
    assert not signals.pre_init.has_listeners(model)
    receivers, asynchronous = signals.post_init._live_receivers(model)
    assert not asynchronous
    for receiver in receivers:
        # An image field's own receiver: it fills the image's width and height fields,
        # and does nothing when the image itself is not loaded.
        field = getattr(receiver, "__self__", None)
        assert isinstance(field, ImageField), receiver
        assert field.attname not in names, field


def test_a_loaded_instance_has_what_from_db_gives_and_reads_the_rest_when_asked():
    article = make_article()
    names = ["id", "title", "comments_open"]
    values = [article.pk, article.title, article.comments_open]
    ours = loaded(Article, names, values, connection.alias)
    theirs = Article.from_db(connection.alias, names, values)  # in the model's field order
    assert (ours.pk, ours.title, ours.comments_open) == (theirs.pk, theirs.title, True)
    assert ours == theirs  # same model, same primary key
    assert not ours._state.adding and ours._state.db == connection.alias
    assert ours.get_deferred_fields() == theirs.get_deferred_fields()
    assert "slug" in ours.get_deferred_fields()
    assert ours.slug == article.slug  # deferred: read on first use
