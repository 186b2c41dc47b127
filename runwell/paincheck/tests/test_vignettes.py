"""Score the engine against the runner vignettes; print the figures (pytest -s shows them)."""

import pytest

from runwell.paincheck.engine import RANK, assess
from runwell.paincheck.vignettes import load_vignettes, score

VIGNETTES = load_vignettes()
# The stories a clinical safety review found v1 under-triaged, retold in our own words.
V1_STORIES = {
    "v01": "heart attack felt between the shoulder blades",
    "v02": "possible aortic aneurysm: sudden severe pain and faintness at 71",
    "v03": "kidney stone",
    "v04": "pleuritic pain with clot risk",
    "v05": "numbness in both legs",
    "v06": "weakness in both legs",
    "v07": "fever with a new foot drop",
    "v08": "past prostate cancer with a numb, weak leg",
    "v09": "two years of prednisolone with sudden pain",
    "v10": "kidney transplant, nine weeks of pain",
    "v11": "22-year-old with six weeks of pain on arching back",
    "v12": "amenorrhoeic runner whose hop test is negative",
    "v13": "an ordinary strain sent by an API caller without the optional answers",
}


def test_there_are_at_least_60_vignettes_covering_every_triage_level():
    assert len(VIGNETTES) >= 60
    assert {v.expected for v in VIGNETTES} == {"emergency", "urgent", "see_clinician", "self_care"}
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)


@pytest.mark.parametrize("vignette_id", sorted(V1_STORIES))
def test_each_story_v1_under_triaged_now_gets_the_triage_it_needs(vignette_id):
    vignette = next(v for v in VIGNETTES if v.id == vignette_id)
    assert assess(vignette.answers)["triage"] == vignette.expected, V1_STORIES[vignette_id]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_no_vignette_is_ever_less_urgent_than_it_needs(vignette):
    got = assess(vignette.answers)["triage"]
    assert RANK[got] <= RANK[vignette.expected] or got in vignette.acceptable


def test_the_vignette_figures_meet_the_safety_bar(capsys):
    scores = score(VIGNETTES)
    with capsys.disabled():
        print("\npain-check vignettes\n" + "\n".join(scores.lines()))  # noqa: T201
        for miss in scores.misses:
            print("  " + miss)  # noqa: T201
    assert scores.emergency_sensitivity == 1.0
    assert scores.unsafe_under_triage == 0
    assert scores.exact / scores.total >= 0.9
    assert scores.acceptable == scores.total
    assert scores.top3_hits / scores.with_contributors >= 0.8
