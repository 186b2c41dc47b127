"""Seed a fresh data folder with the benchmark's articles and threads.

Run in a child process whose environment names the data folder (and DATABASE_URL when
PostgreSQL is wanted): `python -m bench.speedkit.seed`. It migrates, loads the starter
library (so an article page has related articles, tags and categories as on a real
site), then adds two articles with the body of a starter article: one with 1000
approved comments and one with 20 (about 30% replies, up to five levels), and an
article with no comments that the POST load writes to. Deterministic (seeded random).
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

BIG = "bench-1000-comments"
SMALL = "bench-20-comments"
WRITE = "bench-write-target"
SOURCE_ARTICLE = "can-running-cause-back-pain"

SENTENCES = (
    "My lower back started aching after I pushed my long run past 25 km.",
    "Have you tried adding hip bridges and dead bugs twice a week?",
    "I had the same problem and a physio found my glutes were barely firing.",
    "Cadence made the biggest difference for me, around 175 steps per minute.",
    "New shoes with a higher drop helped my calves but not my back.",
    "Foam rolling the hip flexors before easy runs is now part of my routine.",
    "Please get it checked if the pain spreads below the knee.",
    "I cut my weekly mileage by a third for two weeks and it settled down.",
    "Downhill running always makes it worse for me, uphill is fine.",
    "Strength work on single-leg squats fixed my niggles last year.",
    "Sleep matters more than most training plans admit.",
    "Thanks for writing this, the section on warning signs was really clear.",
)


def comment_text(rng: random.Random, n: int) -> str:
    text = " ".join(rng.sample(SENTENCES, k=rng.randint(2, 4)))
    if rng.random() < 0.2:
        text += f"\n\nWhat helped me: [my notes](https://example.org/running/back-{n})"
    if rng.random() < 0.2:
        text += "\n\n- stretch\n- strengthen\n- **rest**"
    return text


def seed() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from runwell.articles.models import Article, Status
    from runwell.comments.models import Comment, CommentStatus

    call_command("migrate", interactive=False, verbosity=0)
    call_command("loadcontent", verbosity=0)
    source = Article.objects.get(slug=SOURCE_ARTICLE)
    rng = random.Random(20240110)
    start = timezone.now() - timedelta(days=30)
    for slug, size in ((BIG, 1000), (SMALL, 20), (WRITE, 0)):
        with transaction.atomic():
            article = Article.objects.create(
                title=f"{source.title} ({size} comments)",
                slug=slug,
                summary=source.summary,
                body=source.body,
                author=source.author,
                status=Status.PUBLISHED,
                published_at=start,
            )
            article.categories.set(source.categories.all())
            article.tags.set(source.tags.all())
            made: list[Comment] = []
            for i in range(size):
                parent = rng.choice(made) if made and rng.random() < 0.3 else None
                depth = 0 if parent is None else parent.depth + 1
                if depth > 4:  # past the deepest level a reply joins its parent's level
                    assert parent is not None and parent.parent is not None
                    parent, depth = parent.parent, parent.depth
                who = rng.randrange(150)
                comment = Comment(
                    article=article,
                    parent=parent,
                    depth=depth,
                    author_name=f"Runner {who}",
                    author_email=f"runner{who}@example.org",
                    body=comment_text(rng, i),
                    status=CommentStatus.APPROVED,
                    created=start + timedelta(minutes=i),
                )
                comment.save()
                made.append(comment)
    print(f"seeded {BIG} (1000), {SMALL} (20), {WRITE} (0) in {Path.cwd()}", flush=True)


if __name__ == "__main__":
    seed()
