"""The questionnaire at /pain-check/: plain HTML steps, answers carried in hidden fields."""

import re

import pytest

from runwell.paincheck.knowledge import load
from runwell.paincheck.models import SavedCheck

from .helpers import answers, form_data

pytestmark = pytest.mark.django_db
K = load()
STEPS = [s.id for s in K.steps]


def step_data(step_id, values):
    qids = {q.id for q in K.questions_for_step(step_id)}
    return {k: v for k, v in form_data(values).items() if k in qids}


def post_step(client, step_id, values, carried=None, **extra):
    data = {"step": step_id, **form_data(carried or {}), **step_data(step_id, values), **extra}
    return client.post("/pain-check/", data)


def walk(client, values):
    """Post every step in turn, carrying earlier answers as the hidden fields do."""
    carried: dict[str, object] = {}
    response = None
    for step_id in STEPS:
        response = post_step(client, step_id, values, carried)
        if 'name="step"' not in response.content.decode():
            return response
        carried.update(
            {k: v for k, v in values.items() if k in {q.id for q in K.questions_for_step(step_id)}}
        )
    return response


def test_the_first_step_asks_about_you_with_question_ids_as_names(client):
    response = client.get("/pain-check/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="age_years"' in html
    assert 'name="sex"' in html and 'value="female"' in html
    assert 'value="about_you"' in html
    assert "not a diagnosis" in html


def test_the_warning_signs_step_asks_every_red_flag_question_as_yes_no(client):
    response = post_step(client, "about_you", answers())
    html = response.content.decode()
    for qid in (
        "bladder_bowel_change",
        "saddle_numbness",
        "chest_pain_or_breathless",
        "fever_or_unwell",
        "cancer_history",
    ):
        assert f'name="{qid}" value="yes"' in html
        assert f'name="{qid}" value="no"' in html
    # Earlier answers travel on as hidden fields.
    assert '<input type="hidden" name="age_years" value="34">' in html


def test_a_missing_red_flag_answer_reshows_the_step_with_a_message_and_keeps_answers(client):
    values = answers()
    data = step_data("warning_signs", values)
    del data["saddle_numbness"]
    response = client.post(
        "/pain-check/",
        {"step": "warning_signs", **form_data({"age_years": 34, "sex": "female"}), **data},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please answer this question." in html
    assert (
        'name="bladder_bowel_change" value="no" required id="id_bladder_bowel_change_1" checked'
        in html
        or re.search(
            r'value="no"[^>]*name="bladder_bowel_change"[^>]*checked'
            r'|name="bladder_bowel_change" value="no"[^>]*checked',
            html,
        )
    )
    assert '<input type="hidden" name="age_years" value="34">' in html


def test_an_emergency_sign_stops_the_questionnaire_at_the_warning_signs_step(client):
    response = walk(client, answers(bladder_bowel_change=True))
    html = response.content.decode()
    assert 'data-triage="emergency"' in html
    assert "999" in html and "112" in html and "911" in html
    assert 'name="step"' not in html
    assert "Possible cauda equina syndrome" in html


def test_a_benign_case_walks_through_to_a_self_care_plan(client):
    response = walk(client, answers())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-triage="self_care"' in html
    assert "Your plan" in html
    assert "Stay active; avoid bed rest" in html
    assert "not a diagnosis" in html
    assert SavedCheck.objects.count() == 0  # nothing stored for anonymous visitors


def test_contributors_quote_the_answers_that_raised_them(client):
    response = walk(client, answers(mileage_increase_pct=45))
    html = response.content.decode()
    assert "A jump in training load" in html
    assert (
        "By what percent has your weekly running distance gone up compared with a month ago?"
        " <strong>45 %</strong>" in html
    )
    assert "moderate evidence" in html


def test_back_keeps_the_answers_of_both_steps(client):
    values = answers()
    carried = {"age_years": 34, "sex": "female"}
    response = post_step(client, "warning_signs", values, carried, nav="back")
    html = response.content.decode()
    assert 'value="about_you"' in html
    assert 'value="34"' in html
    assert '<input type="hidden" name="saddle_numbness" value="no">' in html


def test_tampered_hidden_answers_send_the_runner_back_to_that_step(client):
    response = post_step(client, "where_how", answers(), {"age_years": 34, "sex": "female"})
    html = response.content.decode()
    assert 'value="warning_signs"' in html


def test_articles_tagged_for_a_contributor_are_linked(client, django_user_model):
    from django.utils import timezone

    from runwell.articles.models import Article, Tag

    author = django_user_model.objects.create_user("ed", "ed@example.org", "x-Long-pass-1")
    tag = Tag.objects.create(name="training load", slug="training-load")
    article = Article.objects.create(
        title="Build mileage slowly",
        slug="build-mileage",
        summary="s",
        body="b",
        author=author,
        status="published",
        published_at=timezone.now(),
    )
    article.tags.add(tag)
    html = walk(client, answers(mileage_increase_pct=45)).content.decode()
    assert 'href="/articles/build-mileage/"' in html


def test_the_start_page_allows_only_get_and_post(client):
    assert client.put("/pain-check/").status_code == 405
    assert client.delete("/pain-check/").status_code == 405


def test_the_how_it_works_page_lists_every_rule_with_sources(client):
    html = client.get("/pain-check/how-it-works/").content.decode()
    for flag in K.red_flags:
        assert flag.title in html
    for contributor in K.contributors:
        assert contributor.name in html
    assert "NICE NG59" in html
    assert client.post("/pain-check/how-it-works/").status_code == 405


def test_the_print_view_is_a_summary_of_the_posted_answers(client):
    response = client.post("/pain-check/print/", form_data(answers(hop_pain=True)))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-triage="see_clinician"' in html
    assert "Pain check summary for a clinician" in html
    assert "Possible bone stress injury" in html
    assert client.get("/pain-check/print/").status_code == 405


def test_the_print_view_rejects_incomplete_answers(client):
    assert client.post("/pain-check/print/", {"age_years": "34"}).status_code == 400
    assert client.post("/pain-check/print/", {"age_years": "old"}).status_code == 400


def test_worsening_weakness_with_pain_in_both_legs_stops_at_the_step_that_reveals_it(client):
    values = answers(leg_weakness="worsening", pain_spread="both_legs")
    carried = {
        k: v
        for k, v in values.items()
        if k in {q.id for q in K.questions if q.step in ("about_you", "warning_signs")}
    }
    html = post_step(client, "where_how", values, carried).content.decode()
    assert 'data-triage="emergency"' in html
    assert "Leg weakness that is getting worse" in html


def test_the_result_page_finds_articles_in_a_fixed_number_of_queries(
    client, django_user_model, django_assert_num_queries
):
    from django.utils import timezone

    from runwell.articles.models import Article, Tag

    author = django_user_model.objects.create_user("ed", "ed@example.org", "x-Long-pass-1")
    tags = [
        Tag.objects.create(name=n, slug=n.replace(" ", "-"))
        for n in ("training load", "muscle strain", "core")
    ]
    for n in range(6):
        article = Article.objects.create(
            title=f"Article {n}",
            slug=f"a{n}",
            summary="s",
            body="b",
            author=author,
            status="published",
            published_at=timezone.now(),
        )
        article.tags.add(*tags)
    values = answers(mileage_increase_pct=45, plank_hold_seconds=10)
    carried = {
        k: v for k, v in values.items() if k in {q.id for q in K.questions if q.step != "running"}
    }
    # The articles and their tags: two queries however many contributors and articles.
    with django_assert_num_queries(2):
        html = post_step(client, "running", values, carried).content.decode()
    assert html.count('href="/articles/a') >= 6


def test_a_bad_value_in_this_step_is_refused_with_the_field_named(client):
    response = post_step(client, "about_you", {"age_years": 500, "sex": "female"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_age_years"' in html
    assert 'class="errorlist"' in html
    assert 'value="female"' in html and "checked" in html


def test_an_unknown_step_starts_the_questionnaire_again(client):
    response = client.post("/pain-check/", {"step": "no_such_step"})
    assert response.status_code == 400
    assert 'value="about_you"' in response.content.decode()
