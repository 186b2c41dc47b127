"""The knowledge base matches the contract, every rule names a source, the core stays pure."""

import os
import re
from pathlib import Path
from typing import Any

import pytest

from runwell.paincheck.knowledge import load

from .test_properties import CONTRACT_CONTRIBUTORS, CONTRACT_FLAGS, CONTRACT_PLAN

PACKAGE = Path(__file__).resolve().parents[1]
# The shared research folder sits beside the repository checkout.
FACTS = Path(__file__).resolve().parents[3].parent / "shared" / "research" / "PAINCHECK_FACTS.md"
K = load()
PURE_MODULES = [
    PACKAGE / "engine.py",
    PACKAGE / "trend.py",
    *sorted((PACKAGE / "knowledge").glob("*.py")),
]


def test_ids_match_the_contract_exactly():
    assert [c.id for c in K.contributors] == CONTRACT_CONTRIBUTORS
    assert {f.id for f in K.red_flags} == CONTRACT_FLAGS
    assert {p.id for p in K.plan_items} == CONTRACT_PLAN
    assert list(K.triage) == ["emergency", "urgent", "see_clinician", "self_care"]
    assert len(K.questions) == 40
    assert K.version == "2"
    assert K.plan_items[0].id == "call_ambulance"


def test_each_flags_least_urgent_level_is_the_contracts_min_triage_or_a_documented_step_down():
    for flag in K.red_flags:
        levels = {c.level for c in flag.clauses}
        assert flag.min_triage in levels, flag.id
        if len(levels) > 1:
            # A flag with two levels says so in its rule.
            assert "emergency" in flag.rule.lower() or "see a clinician" in flag.rule.lower()


def test_every_red_flag_trigger_contributor_and_plan_item_names_a_known_source():
    rules: list[Any] = [*K.red_flags, *K.triggers, *K.contributors, *K.plan_items]
    for rule in rules:
        assert rule.sources, f"{rule.id} names no source"
        for source in rule.sources:
            assert source in K.sources, f"{rule.id}: unknown source {source}"


def test_every_source_says_what_we_rely_on_and_no_source_goes_unused():
    rules: list[Any] = [*K.red_flags, *K.triggers, *K.contributors, *K.plan_items]
    used = {s for rule in rules for s in rule.sources}
    used |= {"semigran_2015", "hill_mja_2020", "schmieding_2022", "ostelo_2008"}  # how-it-works
    for source in K.sources.values():
        assert len(source.says) > 40, source.id
    assert set(K.sources) == used


def test_the_new_v2_rules_cite_the_guidelines_the_facts_name():
    by_id = {f.id: f for f in K.red_flags}
    assert "nice_cg95" in by_id["cardiac_or_vascular_symptoms"].sources
    assert "nice_ng156" in by_id["cardiac_or_vascular_symptoms"].sources
    assert "nice_ng158" in by_id["pleuritic_pain"].sources
    assert "nice_cks_renal_colic" in by_id["kidney_or_urinary_symptoms"].sources
    assert "nice_cg95" in by_id["possible_angina"].sources
    assert "nice_ng234" in by_id["neuro_deficit_with_infection_or_cancer"].sources


def test_the_unverified_interscapular_citation_is_gone():
    assert "haydar_2008" not in K.sources
    assert not any("337:a688" in s.citation for s in K.sources.values())


@pytest.mark.skipif(
    not FACTS.exists() and os.environ.get("RUNWELL_REQUIRE_SHARED_DATA") != "1",
    reason="the facts file lives outside the repository",
)
def test_every_source_is_cited_as_in_the_facts_source_list_or_linked_precisely():
    text = FACTS.read_text(encoding="utf-8")
    source_list = text[text.index("## Source list") :]
    for source in K.sources.values():
        if source.outside_facts:
            assert source.url.startswith("https://"), source.id
        else:
            assert source.citation in source_list, source.id


def test_every_question_has_text_and_choices_have_labels():
    for q in K.questions:
        assert q.text
        assert all(o.label for o in q.options)


def test_the_self_tests_have_help_text_and_sit_on_the_self_test_step():
    for qid in ("hop_pain", "flexibility_test", "plank_hold_seconds"):
        assert len(K.question(qid).help) > 40
        assert K.question(qid).step == "self_tests"


def test_skipping_the_hop_test_counts_as_painful():
    hop = K.question("hop_pain")
    assert hop.required
    assert hop.skip_label and hop.skip_means is True


def test_durations_and_counts_read_as_english():
    weeks = K.question("duration_weeks")
    assert weeks.label_for(1) == "1 week"
    assert weeks.label_for(3) == "3 weeks"
    assert weeks.label_for(0) == "less than a week"
    assert K.question("age_years").label_for(1) == "1 year"
    assert K.question("plank_hold_seconds").label_for(1) == "1 second"
    assert K.question("mileage_increase_pct").label_for(1) == "1 %"


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


def test_the_training_load_contributor_is_weak_evidence_as_the_2025_cohort_found():
    spike = next(c for c in K.contributors if c.id == "training_load_spike")
    assert spike.evidence == "weak"
    assert "single" in spike.description and "week-to-week" in spike.description
    assert spike.sources[0] == "bjsm_2025"


def test_masci_is_cited_only_for_what_it_studied():
    for c in K.contributors:
        if "masci_2006" in c.sources:
            assert c.id == "spondylolysis"
            assert "hyperextension" in c.evidence_note


GP = re.compile(r"\b(GP|doctor|physiotherapist|clinician)\b")
WHEN = re.compile(r"\b(within|weeks?|days?|today|sooner|now|next|first)\b")


def test_no_self_care_plan_item_says_see_your_gp_without_saying_when():
    for item in K.plan_items:
        if "self_care" in (*item.always_for, *item.triages):
            text = " ".join((item.what, *item.steps))
            if GP.search(text):
                assert WHEN.search(text), item.id


def test_painkiller_advice_carries_its_cautions():
    item = next(p for p in K.plan_items if p.id == "heat_and_short_nsaid_course")
    cautions = " ".join(item.steps).lower()
    for words in (
        "long runs or races",
        "over 65",
        "blood thinner",
        "kidney",
        "stomach ulcer",
        "asthma",
        "pregnant",
    ):
        assert words in cautions


def test_the_pure_core_imports_nothing_from_django():
    for path in PURE_MODULES:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (django|ninja)", source, re.M), path.name
