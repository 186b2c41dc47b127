"""A client that lost the answer to its POST can send it again (issue 13, point 17).

Before, the resend was refused as a duplicate and the client never learnt its comment's id.
"""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from runwell.comments.idempotency import purge_answers
from runwell.comments.models import Comment, IdempotentPost

pytestmark = pytest.mark.django_db
URL = "/api/v1/articles/{}/comments"
PAYLOAD = {"author_name": "Lee", "author_email": "lee@example.org", "body": "Mine"}


def _post(client, article, payload=None, key="k-123"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(URL.format(article.slug), json.dumps(payload or PAYLOAD),
                       content_type="application/json", **headers)  # fmt: skip


def test_a_repeat_gets_the_first_answer(client, article):
    first = _post(client, article)
    again = _post(client, article)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Comment.objects.count() == 1


def test_without_the_header_a_repeat_is_still_a_duplicate(client, article):
    assert _post(client, article, key=None).status_code == 201
    assert _post(client, article, key=None).status_code == 400


def test_a_repeat_costs_no_rate_limit(client, article, settings):
    settings.COMMENT_RATE_LIMIT = "1/m"
    assert _post(client, article).status_code == 201
    assert _post(client, article).status_code == 201
    assert _post(client, article, {**PAYLOAD, "body": "new"}, key="k-2").status_code == 429


def test_the_same_key_with_another_request_is_a_422(client, article):
    _post(client, article)
    answer = _post(client, article, {**PAYLOAD, "body": "Different"})
    assert answer.status_code == 422
    assert Comment.objects.count() == 1


def test_keys_belong_to_their_article(client, article):
    from runwell.testing.factories import make_article

    other = make_article()
    assert _post(client, article).status_code == 201
    assert _post(client, other).status_code == 201
    assert Comment.objects.count() == 2


def test_a_refused_post_keeps_no_answer(client, article):
    article.comments_open = False
    article.save()
    assert _post(client, article).status_code == 403
    assert not IdempotentPost.objects.exists()
    article.comments_open = True
    article.save()
    assert _post(client, article).status_code == 201  # the retry is taken afresh


@pytest.mark.parametrize("key", ["", "x" * 256, "ключ"])
def test_a_malformed_key_is_a_400(client, article, key):
    answer = _post(client, article, key=key)
    assert answer.status_code == 400
    assert not Comment.objects.exists()


def test_answers_are_kept_for_a_day(client, article):
    _post(client, article)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert purge_answers() == 1
        assert _post(client, article).status_code == 400  # now simply a duplicate
