"""The knowledge base matches the contract and every rule names a source."""

import os
import re
from pathlib import Path
from typing import Any

import pytest

from runwell.paincheck import engine
from runwell.paincheck.knowledge import load

from .test_properties import CONTRACT_CONTRIBUTORS, CONTRACT_FLAGS, CONTRACT_PLAN

# The shared research folder sits beside the repository checkout.
FACTS = Path(__file__).resolve().parents[3].parent / "shared" / "research" / "PAINCHECK_FACTS.md"
K = load()


def test_ids_match_the_contract_exactly():
    assert [c.id for c in K.contributors] == CONTRACT_CONTRIBUTORS
    assert {f.id for f in K.red_flags} == CONTRACT_FLAGS
    assert {p.id for p in K.plan_items} == CONTRACT_PLAN
    assert list(K.triage) == ["emergency", "urgent", "see_clinician", "self_care"]
    assert len(K.questions) == 35


def test_every_red_flag_contributor_and_plan_item_names_a_known_source():
    rules: list[Any] = [*K.red_flags, *K.triggers, *K.contributors, *K.plan_items]
    for rule in rules:
        assert rule.sources, f"{rule.id} names no source"
        for source in rule.sources:
            assert source in K.sources, f"{rule.id}: unknown source {source}"


@pytest.mark.skipif(
    not FACTS.exists() and os.environ.get("RUNWELL_REQUIRE_SHARED_DATA") != "1",
    reason="the facts file lives outside the repository",
)
def test_every_source_is_cited_as_in_the_facts_source_list():
    text = FACTS.read_text(encoding="utf-8")
    source_list = text[text.index("## Source list") :]
    for source in K.sources.values():
        assert source.citation in source_list, source.id


def test_every_question_has_text_and_choices_have_labels():
    for q in K.questions:
        assert q.text
        assert all(o.label for o in q.options)


def test_the_self_tests_have_help_text():
    for qid in ("hop_pain", "flexibility_test", "plank_hold_seconds", "pain_arching_back"):
        assert len(K.question(qid).help) > 40


def test_contributor_tags_are_from_the_article_vocabulary():
    vocabulary = {
        "back-pain",
        "lower-back",
        "upper-back",
        "sciatica",
        "nerve-pain",
        "muscle-strain",
        "red-flags",
        "arm-swing",
        "shoulder-blades",
        "hip-flexors",
        "hamstrings",
        "pelvis",
        "sacroiliac-joint",
        "strength",
        "core",
        "exercises",
        "feet",
        "shoes",
        "insoles",
        "surfaces",
        "hills",
        "treadmill",
        "training-load",
        "mileage",
        "return-to-running",
        "stress-fracture",
        "spondylolysis",
        "piriformis",
        "hip-joint",
        "inflammatory-back-pain",
    }
    for c in K.contributors:
        assert c.tags and set(c.tags) <= vocabulary, c.id


def test_the_engine_and_knowledge_import_nothing_from_django():
    for module in (engine, __import__("runwell.paincheck.knowledge", fromlist=["x"])):
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (django|ninja)", source, re.M)
