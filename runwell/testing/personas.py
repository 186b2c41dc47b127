"""The people and things most tests need (registered by the root conftest.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from runwell.articles.models import Article
from runwell.testing.factories import make_user


@pytest.fixture
def runner(db: Any) -> User:
    """A runner with an account: their data is theirs only."""
    return make_user("rosa")


@pytest.fixture
def other_runner(db: Any) -> User:
    """A second runner, who must get 404 for everything of `runner`'s."""
    return make_user("sam")


@pytest.fixture
def staff(db: Any) -> User:
    """An editor: writes articles, moderates comments, replies with the Author badge."""
    return make_user("editor", is_staff=True, first_name="Ed")


@pytest.fixture
def writer(db: Any) -> User:
    """An author of articles without staff rights (such as one brought from WordPress)."""
    return make_user("ana", first_name="Ana", last_name="Ruiz")


@pytest.fixture
def article(staff: User) -> Article:
    return Article.objects.create(
        title="Can running cause back pain?",
        slug="can-running-cause-back-pain",
        body="Body.",
        author=staff,
        status="published",
        published_at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture(autouse=True)
def _own_training_uploads(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test keeps uploaded activity files in its own folder: ids restart with every
    test database, and one test's kept originals must not turn up in the next one's job."""
    settings.TRAINING_UPLOAD_DIR = tmp_path_factory.mktemp("training-uploads")
