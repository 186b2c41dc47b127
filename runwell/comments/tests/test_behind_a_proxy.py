"""Behind the recommended reverse proxy, each visitor keeps their own flood and rate limits.

Before RUNWELL_TRUSTED_PROXIES every request had the proxy's address, so one visitor's
flood blocked every commenter on the site.
"""

import ipaddress
import json

import pytest
from django.utils import timezone

from runwell.comments.models import Comment

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/{}/comments"


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)


def _post(client, article, visitor, n, **extra):
    payload = {"author_name": "A", "author_email": f"a{n}@example.org", "body": f"words {n}"}
    return client.post(
        URL.format(article.slug), json.dumps(payload), content_type="application/json",
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=visitor, **extra,
    )  # fmt: skip


def test_one_visitors_flood_does_not_block_another(client, article, settings, behind_nginx):
    settings.COMMENT_FLOOD_SECONDS = 60
    assert _post(client, article, "198.51.100.7", 1).status_code == 201
    assert _post(client, article, "198.51.100.7", 2).status_code == 429
    assert _post(client, article, "203.0.113.9", 3).status_code == 201


def test_the_rate_limit_counts_each_visitor(client, article, settings, behind_nginx, time_machine):
    settings.COMMENT_RATE_LIMIT = "1/m"
    # Inside one minute's window: the three posts must not straddle its end.
    time_machine.move_to(timezone.now().replace(second=5), tick=False)
    assert _post(client, article, "198.51.100.7", 1).status_code == 201
    assert _post(client, article, "198.51.100.7", 2).status_code == 429
    assert _post(client, article, "203.0.113.9", 3).status_code == 201


def test_a_comment_keeps_the_visitors_network_not_the_proxys(client, article, behind_nginx):
    answer = _post(client, article, "198.51.100.7", 1)
    assert Comment.objects.get(pk=answer.json()["id"]).ip_network == "198.51.100.0/24"


def test_a_visitor_cannot_escape_flood_control_by_forging_the_header(
    client, article, settings, behind_nginx
):
    # nginx appends the real peer to what the visitor sent; only that last hop counts.
    settings.COMMENT_FLOOD_SECONDS = 60
    assert _post(client, article, "1.1.1.1, 198.51.100.7", 1).status_code == 201
    assert _post(client, article, "2.2.2.2, 198.51.100.7", 2).status_code == 429


def test_without_trusted_proxies_a_forged_header_changes_nothing(client, article, settings):
    settings.COMMENT_FLOOD_SECONDS = 60
    assert _post(client, article, "198.51.100.7", 1).status_code == 201
    assert _post(client, article, "203.0.113.9", 2).status_code == 429
