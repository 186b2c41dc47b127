"""Meaning-based search, measured: the 30 runner questions in search_questions.toml.

Needs the search model (installed with the test tools by `make test`; CI requires it).
bench/search.py prints the same figures with the time each search takes.
"""

import json
import os
from pathlib import Path

import numpy as np
import pytest

from runwell.articles import semantic

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

REFERENCE = Path(__file__).parent / "data" / "reference_embeddings.json"


@pytest.fixture
def model():
    encoder = semantic.encoder()
    if encoder is None:
        if os.environ.get("RUNWELL_REQUIRE_SEARCH_MODEL") == "1":
            pytest.fail("the search model is required here but not installed")
        pytest.skip("search model not installed (runwell searchmodel install)")
    return encoder


def test_the_numpy_model_gives_the_reference_tokens_and_vectors(model):
    cases = json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]
    for case in cases:
        assert model.tokenizer.encode(case["text"], 256) == case["ids"], case["text"]
    vectors = model.encode([c["text"] for c in cases])
    reference = np.array([c["vector"] for c in cases], dtype=np.float32)
    assert np.abs(vectors - reference).max() < 1e-4
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_meaning_finds_articles_keywords_miss_on_the_runner_questions(model):
    from runwell.testing import search_eval

    search_eval.load_starter_library_with_vectors()
    semantic.forget_vectors()
    keywords = search_eval.hit_rate(use_meaning=False)
    merged = search_eval.hit_rate(use_meaning=True)
    assert merged >= 0.85, search_eval.misses(use_meaning=True)
    assert merged > keywords
    assert "pain-between-the-shoulder-blades" in search_eval.top_slugs(
        "upper back aches after an hour of running", use_meaning=True
    )
