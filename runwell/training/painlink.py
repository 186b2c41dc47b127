"""What the pain check reads from the training log: the one module of this app it imports.

- prefill_for(user): the questionnaire's answers the log can give (prefill.py), keyed by
  question id, each with the sentence saying where it came from. Empty for a visitor and
  for a runner who has logged no running, whose questionnaire stays as it always was.
- open_episode_link(user): where the dashboard explains the pain episode still going on,
  with a sentence saying which one; None when there is none.

The pain check depends on the training log, never the other way round (an import-linter
contract in pyproject.toml), so this module knows nothing of the questionnaire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

from runwell.accounts.timezones import today_for
from runwell.training import insights, load
from runwell.training.prefill import PainCheckPrefill, Prefill, prefill
from runwell.training.reporting import activity_records, pain_records, shoe_records
from runwell.training.wording import day, region

__all__ = ["QUESTIONS", "EpisodeLink", "Prefill", "open_episode_link", "prefill_for"]

# The pain-check questions the log can answer: so the pain check asks only on their step.
QUESTIONS = tuple(f.name for f in fields(PainCheckPrefill))


@dataclass(frozen=True, slots=True)
class EpisodeLink:
    url: str  # the episode's insight on the dashboard
    sentence: str  # which episode, in the runner's words


def _runner(user: AbstractBaseUser | AnonymousUser) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


def prefill_for(user: AbstractBaseUser | AnonymousUser) -> dict[str, Prefill]:
    """Three queries for a runner (time zone, activities, shoes), none for a visitor."""
    runner = _runner(user)
    if runner is None:
        return {}
    as_of = today_for(runner)
    activities = activity_records(runner, as_of)
    if not load.running(activities, as_of):
        return {}
    found = prefill(activities, shoe_records(runner), as_of)
    return {question: getattr(found, question) for question in QUESTIONS}


def episode_anchor(start: dt.date) -> str:
    """The id of an episode's insight on the dashboard (training/dashboard.html)."""
    return f"episode-{start.isoformat()}"


def open_episode_link(user: AbstractBaseUser | AnonymousUser) -> EpisodeLink | None:
    """Two queries for a runner (time zone, pain diary), none for a visitor."""
    runner = _runner(user)
    if runner is None:
        return None
    as_of = today_for(runner)
    episode = insights.open_episode(pain_records(runner, as_of), as_of)
    if episode is None:
        return None
    return EpisodeLink(
        url=f"{reverse('training:dashboard')}#{episode_anchor(episode.start)}",
        sentence=(
            f"Your pain diary shows {region(episode.region)} pain since {day(episode.start)}, "
            f"at worst {episode.peak}/10, and your training overview shows what changed in "
            "your running in the 3 weeks before it began."
        ),
    )
