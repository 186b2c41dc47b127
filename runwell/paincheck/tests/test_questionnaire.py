"""The questionnaire at /pain-check/: plain HTML steps, answers carried in hidden fields."""

import re

import pytest

from runwell.articles.models import Tag
from runwell.paincheck.knowledge import load
from runwell.paincheck.models import SavedCheck
from runwell.testing.factories import make_article

from .helpers import answers, form_data

pytestmark = pytest.mark.django_db
K = load()
STEPS = [s.id for s in K.steps]


def step_ids(step_id):
    return {q.id for q in K.questions_for_step(step_id)}


def step_data(step_id, values):
    return {k: v for k, v in form_data(values).items() if k in step_ids(step_id)}


def post_step(client, step_id, values, carried=None, headers=None, **extra):
    data = {"step": step_id, **form_data(carried or {}), **step_data(step_id, values), **extra}
    return client.post("/pain-check/", data, headers=headers or {})


def walk(client, values, headers=None):
    """Post every step in turn, carrying earlier answers as the hidden fields do."""
    carried: dict[str, object] = {}
    response = None
    for step_id in STEPS:
        response = post_step(client, step_id, values, carried, headers=headers)
        if 'name="step"' not in response.content.decode():
            return response
        carried.update({k: v for k, v in values.items() if k in step_ids(step_id)})
    return response


def before(step_id, values):
    """The answers of every step before this one."""
    earlier = {q.id for q in K.questions if STEPS.index(q.step) < STEPS.index(step_id)}
    return {k: v for k, v in values.items() if k in earlier}


def fields_in(html):
    return set(re.findall(r'<input type="(?:radio|number)" name="(\w+)"', html))


# --- the steps --------------------------------------------------------------------


def test_the_first_step_asks_about_you_and_says_how_many_questions_there_are(client):
    response = client.get("/pain-check/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="age_years"' in html
    assert 'name="sex"' in html and 'value="female"' in html
    assert 'value="about_you"' in html
    assert "not a diagnosis" in html
    assert "5 short steps and 40 questions (32 need an answer)" in html
    assert "2 questions on this step" in html


def test_the_warning_signs_step_asks_every_red_flag_question(client):
    response = post_step(client, "about_you", answers())
    html = response.content.decode()
    assert "17 questions on this step" in html
    for qid in (
        "bladder_bowel_change",
        "saddle_numbness",
        "chest_pain_or_breathless",
        "sweating_nausea_or_faint",
        "sudden_severe_onset",
        "pain_with_effort_eases_at_rest",
        "pain_on_breathing_in",
        "urinary_or_loin_symptoms",
        "fever_or_unwell",
        "cancer_history",
        "immunosuppressed_or_iv_drugs",
        "osteoporosis_or_steroids",
    ):
        assert f'name="{qid}" value="yes"' in html
        assert f'name="{qid}" value="no"' in html
    assert 'name="leg_weakness" value="both_legs"' in html
    # Earlier answers travel on as hidden fields.
    assert '<input type="hidden" name="age_years" value="34">' in html
    assert 'name="nav" value="none"' in html


def test_none_of_these_answers_no_to_every_warning_sign_left_unanswered(client):
    carried = before("warning_signs", answers())
    response = client.post(
        "/pain-check/", {"step": "warning_signs", **form_data(carried), "nav": "none"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="where_how"' in html
    assert '<input type="hidden" name="chest_pain_or_breathless" value="no">' in html
    assert '<input type="hidden" name="leg_weakness" value="none">' in html
    assert '<input type="hidden" name="night_pain" value="none">' in html


def test_none_of_these_keeps_a_yes_the_runner_chose(client):
    carried = before("warning_signs", answers())
    response = client.post(
        "/pain-check/",
        {"step": "warning_signs", **form_data(carried), "saddle_numbness": "yes", "nav": "none"},
    )
    html = response.content.decode()
    assert 'data-triage="emergency"' in html
    assert "Possible cauda equina syndrome" in html


def test_none_of_these_is_offered_only_on_the_warning_signs_step(client):
    html = post_step(client, "warning_signs", answers(), before("warning_signs", answers()))
    assert 'name="nav" value="none"' not in html.content.decode()


def test_a_step_with_gaps_asks_again_only_what_was_not_answered(client):
    values = answers()
    data = step_data("warning_signs", values)
    for qid in ("saddle_numbness", "night_pain"):
        del data[qid]
    response = client.post(
        "/pain-check/",
        {"step": "warning_signs", **form_data(before("warning_signs", values)), **data},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert fields_in(html) == {"saddle_numbness", "night_pain"}
    assert "2 still need an answer" in html
    assert "Please answer this question." in html
    assert '<input type="hidden" name="bladder_bowel_change" value="no">' in html
    assert '<input type="hidden" name="age_years" value="34">' in html
    # Answering the two goes on to the next step with everything kept.
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    hidden.pop("csrfmiddlewaretoken", None)
    follow = client.post(
        "/pain-check/", {**hidden, "saddle_numbness": "no", "night_pain": "none"}
    ).content.decode()
    assert 'value="where_how"' in follow
    assert '<input type="hidden" name="bladder_bowel_change" value="no">' in follow


def test_a_bad_value_in_this_step_is_refused_with_the_field_named(client):
    response = post_step(client, "about_you", {"age_years": 500, "sex": "female"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_age_years"' in html
    assert 'class="errorlist"' in html
    assert fields_in(html) == {"age_years"}
    assert '<input type="hidden" name="sex" value="female">' in html


def test_the_self_tests_come_last_and_skipping_the_hop_test_counts_as_painful(client):
    values = answers()
    response = post_step(client, "running", values, before("running", values))
    html = response.content.decode()
    assert 'value="self_tests"' in html
    assert "skip any test that hurts to try" in html
    assert 'name="hop_pain" value="skip"' in html
    carried = before("self_tests", values)
    result = client.post(
        "/pain-check/", {"step": "self_tests", **form_data(carried), "hop_pain": "skip"}
    ).content.decode()
    assert 'data-triage="see_clinician"' in result
    assert "Possible bone stress injury" in result
    assert "Stop running until you have been assessed" in result
    assert "3 out of 10" not in result


def test_back_keeps_the_answers_of_both_steps(client):
    values = answers()
    response = post_step(
        client, "warning_signs", values, before("warning_signs", values), nav="back"
    )
    html = response.content.decode()
    assert 'value="about_you"' in html
    assert 'value="34"' in html
    assert '<input type="hidden" name="saddle_numbness" value="no">' in html


def test_tampered_hidden_answers_send_the_runner_back_to_that_step(client):
    response = post_step(client, "where_how", answers(), {"age_years": 34, "sex": "female"})
    assert 'value="warning_signs"' in response.content.decode()


def test_an_unknown_step_starts_the_questionnaire_again(client):
    response = client.post("/pain-check/", {"step": "no_such_step"})
    assert response.status_code == 400
    assert 'value="about_you"' in response.content.decode()


def test_the_start_page_allows_only_get_and_post(client):
    assert client.put("/pain-check/").status_code == 405
    assert client.delete("/pain-check/").status_code == 405


# --- emergencies -------------------------------------------------------------------


def test_an_emergency_sign_stops_the_questionnaire_at_the_warning_signs_step(client):
    response = walk(client, answers(bladder_bowel_change=True))
    html = response.content.decode()
    assert 'data-triage="emergency"' in html
    assert "999" in html and "112" in html and "911" in html
    assert 'name="step"' not in html
    assert "Possible cauda equina syndrome" in html
    assert "We stopped the questions here" in html
    assert "Go to an emergency department (A&amp;E) now" in html


def test_every_emergency_clause_is_decided_by_the_warning_signs_step_or_the_next():
    from runwell.paincheck.knowledge.conditions import question_ids

    early = {q.id for q in K.questions if q.step in ("about_you", "warning_signs")}
    late = []
    for flag in K.red_flags:
        for clause in flag.clauses:
            if clause.level == "emergency" and not set(question_ids(clause.when)) <= early:
                late.append((flag.id, set(question_ids(clause.when)) - early))
    assert late == [
        ("neuro_deficit_with_infection_or_cancer", {"pain_spread"}),
        ("bilateral_leg_symptoms", {"pain_spread"}),
    ]
    assert K.question("pain_spread").step == "where_how"


HEART = answers(
    age_years=58,
    pain_region="upper_back",
    pain_with_effort_eases_at_rest=True,
    sweating_nausea_or_faint=True,
)


def test_the_heart_story_puts_the_ambulance_call_first(client):
    html = walk(client, HEART, headers={"Accept-Language": "en-GB,en;q=0.9"}).content.decode()
    article = html[html.index("<article") :]
    assert 'data-triage="emergency"' in article
    first_link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', article)
    assert first_link is not None
    assert first_link.groups() == ("tel:999", "Call 999 now")
    assert 'href="tel:112"' in article and 'href="tel:911"' in article
    assert "While you wait" in article
    for step in ("Do not drive yourself", "Unlock the front door", "medicines list"):
        assert step in article
    assert "Tell the staff this" in article
    tell = article[article.index("Tell the staff this") :]
    assert "Age: <strong>58 years</strong>" in tell
    assert "With the pain, have you had sweating" in tell


@pytest.mark.parametrize(
    ("language", "number"),
    [
        ("en-GB,en;q=0.9", "999"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "112"),
        ("de", "112"),
        ("en-US,en;q=0.9", "911"),
        ("fr-CA", "911"),
        ("en", "999"),
        ("", "999"),
    ],
)
def test_the_call_button_dials_the_number_for_the_readers_language(client, language, number):
    response = walk(client, HEART, headers={"Accept-Language": language})
    assert (
        f'<a class="pc-call" href="tel:{number}">Call {number} now</a>' in response.content.decode()
    )
    assert "Accept-Language" in response["Vary"]


def test_an_emergency_found_after_the_warning_signs_says_so_but_a_complete_one_does_not(client):
    values = answers(cancer_history=True, pain_spread="below_knee_one_leg")
    html = post_step(client, "where_how", values, before("where_how", values)).content.decode()
    assert 'data-triage="emergency"' in html
    assert "We stopped the questions here" in html


def test_a_complete_emergency_result_never_says_the_questions_stopped(client, runner):
    client.force_login(runner)
    client.post("/pain-check/save/", form_data(HEART))
    check = SavedCheck.objects.get()
    html = client.get(check.get_absolute_url()).content.decode()
    assert 'data-triage="emergency"' in html
    assert "We stopped the questions here" not in html
    assert "Call 999 now" in html


# --- results that read like advice ----------------------------------------------------


def test_a_benign_case_walks_through_to_a_self_care_plan(client):
    response = walk(client, answers())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-triage="self_care"' in html
    assert "Your plan" in html
    assert "Stay active; avoid bed rest" in html
    assert "not a diagnosis" in html
    assert SavedCheck.objects.count() == 0  # nothing stored for anonymous visitors


def test_a_self_care_result_leads_with_at_most_five_actions_and_folds_the_rest(client):
    values = answers(
        terrain="incline_treadmill",
        flexibility_test="both_tight",
        flat_feet_or_overpronation=True,
        shoe_km=1200,
        plank_hold_seconds=10,
        mileage_increase_pct=45,
    )
    html = walk(client, values).content.decode()
    plan = html[html.index('id="pc-plan"') :]
    visible, _, folded = plan.partition("<details")
    assert visible.count('class="card pc-action-item"') == 5
    assert folded.count('class="card pc-action-item"') >= 3
    assert "more things that may help</summary>" in folded
    # What to do comes before why it may be happening.
    assert html.index('id="pc-plan"') < html.index('id="pc-contributors"')


def test_the_safety_net_names_what_means_999_or_a_and_e(client):
    html = walk(client, answers()).content.decode()
    net = html[html.index('id="pc-safety-net"') :]
    assert "Call 999" in net and "Go to A&amp;E now" in net
    for sign in ("chest pain", "numbness or weakness in both legs", "new trouble peeing"):
        assert sign in net
    assert "Get reviewed if not clearly better in 2 to 6 weeks" in net


def test_contributors_are_described_in_words_never_percentages(client):
    html = walk(client, answers(mileage_increase_pct=45)).content.decode()
    assert "A jump in training load" in html
    assert re.search(r"\d+\s*%</span>", html) is None
    assert not re.search(r"fit \d", html)
    assert '<span class="pc-match pc-match-strong-match">strong match</span>' in html
    assert (
        "By what percent has your weekly running distance gone up compared with a month ago?"
        " <strong>45 %</strong>" in html
    )


def test_durations_read_as_english(client):
    html = walk(client, answers(duration_weeks=1)).content.decode()
    assert "1 weeks" not in html
    assert "<strong>1 week</strong>" in html


def test_an_urgent_result_keeps_reassuring_explanations_until_after_the_plan(client):
    html = walk(client, answers(cancer_history=True)).content.decode()
    assert 'data-triage="urgent"' in html
    assert html.index('id="pc-plan"') < html.index("Muscle strain or non-specific low back pain")
    assert 'id="pc-contributors"' not in html
    assert "Other explanations your answers fit less well" in html


def test_a_self_care_result_keeps_a_possible_stress_fracture_until_after_the_plan(client):
    html = walk(
        client, answers(age_years=16, pain_arching_back=True, duration_weeks=1)
    ).content.decode()
    assert 'data-triage="self_care"' in html
    assert html.index('id="pc-other"') < html.index("Pars stress fracture (spondylolysis)")
    assert html.index('id="pc-plan"') < html.index('id="pc-other"')


def test_painkiller_advice_comes_with_its_cautions(client):
    html = walk(client, answers()).content.decode()
    assert "Cautions with anti-inflammatories" in html
    assert "Not around long runs or races" in html


def test_contributors_quote_the_answers_that_raised_them(client):
    html = walk(client, answers(mileage_increase_pct=45)).content.decode()
    assert "weak evidence" in html
    assert "Because you said:" in html


def test_articles_tagged_for_a_contributor_are_linked(client, staff):
    tag = Tag.objects.create(name="training load", slug="training-load")
    make_article(title="Build mileage slowly", slug="build-mileage", author=staff, tags=[tag])
    html = walk(client, answers(mileage_increase_pct=45)).content.decode()
    assert 'href="/articles/build-mileage/"' in html


def test_the_result_page_finds_articles_in_a_fixed_number_of_queries(
    client, staff, django_assert_num_queries
):
    tags = [
        Tag.objects.create(name=n, slug=n.replace(" ", "-"))
        for n in ("training load", "muscle strain", "core")
    ]
    for n in range(6):
        make_article(slug=f"a{n}", author=staff, tags=tags)
    values = answers(mileage_increase_pct=45, plank_hold_seconds=10)
    # The articles and their tags: two queries however many contributors and articles.
    with django_assert_num_queries(2):
        html = post_step(
            client, "self_tests", values, before("self_tests", values)
        ).content.decode()
    assert html.count('href="/articles/a') >= 6


# --- print and how it works ---------------------------------------------------------------


def test_the_print_view_is_a_summary_of_the_posted_answers(client):
    response = client.post("/pain-check/print/", form_data(answers(hop_pain=True)))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-triage="see_clinician"' in html
    assert "Pain check summary for a clinician" in html
    assert "Possible bone stress injury" in html
    assert "%" not in html.split("<h2>Answers</h2>")[0].split("Possible contributors")[-1]
    assert client.get("/pain-check/print/").status_code == 405


def test_the_print_view_rejects_incomplete_answers(client):
    assert client.post("/pain-check/print/", {"age_years": "34"}).status_code == 400
    assert client.post("/pain-check/print/", {"age_years": "old"}).status_code == 400


def test_how_it_works_tells_a_runner_what_is_asked_why_and_what_each_level_means(client):
    html = client.get("/pain-check/how-it-works/").content.decode()
    for step in K.steps:
        assert step.title in html and step.why in html
    for level in K.triage.values():
        assert level.title in html
    for flag in K.red_flags:
        assert flag.title in html
    for contributor in K.contributors:
        assert contributor.name in html
    assert "NICE NG59" in html
    assert 'href="/pain-check/how-it-works/rules/"' in html
    assert client.post("/pain-check/how-it-works/").status_code == 405


def test_the_rules_page_gives_clinicians_every_rule_as_a_table(client):
    html = client.get("/pain-check/how-it-works/rules/").content.decode()
    for flag in K.red_flags:
        assert f"<code>{flag.id}</code>" in html
    for trigger in K.triggers:
        assert f"<code>{trigger.id}</code>" in html
    for item in K.plan_items:
        assert f"<code>{item.id}</code>" in html
    for source in K.sources.values():
        assert source.says.replace("'", "&#x27;").replace('"', "&quot;")[:30] in html
    assert "sudden_severe_onset = yes AND age_years ≥ 50" in html
    assert client.post("/pain-check/how-it-works/rules/").status_code == 405
