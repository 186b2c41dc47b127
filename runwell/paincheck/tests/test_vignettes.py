"""Score the engine against the runner vignettes; print the figures (pytest -s shows them)."""

from runwell.paincheck.vignettes import load_vignettes, score


def test_there_are_at_least_40_vignettes_covering_every_triage_level():
    vignettes = load_vignettes()
    assert len(vignettes) >= 40
    assert {v.expected for v in vignettes} == {"emergency", "urgent", "see_clinician", "self_care"}
    assert len({v.id for v in vignettes}) == len(vignettes)


def test_the_vignette_figures_meet_the_safety_bar(capsys):
    scores = score(load_vignettes())
    with capsys.disabled():
        print("\npain-check vignettes\n" + "\n".join(scores.lines()))  # noqa: T201
        for miss in scores.misses:
            print("  " + miss)  # noqa: T201
    assert scores.emergency_sensitivity == 1.0
    assert scores.unsafe_under_triage == 0
    assert scores.exact / scores.total >= 0.8
    assert scores.acceptable == scores.total
    assert scores.top3_hits / scores.with_contributors >= 0.8
