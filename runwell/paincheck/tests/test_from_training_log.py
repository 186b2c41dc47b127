"""A runner's training log on the pain check: answers filled in with their sources, and the
result's link to the pain episode still going on."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from runwell.accounts.timezones import today_for
from runwell.paincheck.knowledge import load
from runwell.paincheck.knowledge.conditions import question_ids
from runwell.paincheck.models import SavedCheck
from runwell.paincheck.presenters import from_log
from runwell.testing.factories import make_activity, make_pain, make_shoe
from runwell.training import painlink
from runwell.training.painlink import Prefill

from .helpers import answers, form_data, without

pytestmark = pytest.mark.django_db
K = load()
STEPS = [s.id for s in K.steps]
LOG_QUESTIONS = ("mileage_increase_pct", "terrain", "shoe_km")


def day(d: date) -> str:
    """A date as the log's sentences write it: 7 March 2026."""
    return f"{d.day} {d:%B %Y}"


def in_steps(values, steps):
    return {k: v for k, v in values.items() if K.question(k).step in steps}


def until(step_id, values):
    """The answers of every step before this one, as the hidden fields carry them."""
    return in_steps(values, STEPS[: STEPS.index(step_id)])


def reach_running_step(client: Client, values=None) -> str:
    """Post the step before "your running", which shows it."""
    values = answers() if values is None else values
    data = {"step": "where_how", **form_data(until("running", values))}
    response = client.post("/pain-check/", data)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert '<input type="hidden" name="step" value="running">' in html
    return html


def post_running(client: Client, running: dict[str, Any], **extra: str) -> str:
    """Post "your running" as the browser would, optional answers as given."""
    values = answers()
    step = in_steps(without(*LOG_QUESTIONS), ["running"])
    data = {"step": "running", **form_data(until("running", values))}
    data.update(form_data({**step, **running}), **extra)
    return unescape(client.post("/pain-check/", data).content.decode())


def number_in(html: str, name: str) -> str | None:
    found = re.search(rf'<input type="number" name="{name}"(?: value="([^"]*)")?', html)
    assert found is not None, name
    return found.group(1)


def checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="(\w+)"[^>]* checked', html)


def sources_in(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="pc-from-log" id="id_(\w+)_source">([^<]*)</p>', html))


def hidden(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))


def forward_from_where_how(client: Client, page: str) -> str:
    """Post "where and how it hurts" (shown again by Back) with its answers unchanged."""
    data = {**hidden(page), **form_data(in_steps(answers(), ["where_how"])), "nav": "next"}
    assert data["step"] == "where_how"
    return unescape(client.post("/pain-check/", data).content.decode())


def eight_weeks_of_trail_running(user, km: float = 10.0, shoe_name: str = "Blue pair") -> date:
    """40 km in the 4 weeks before the last 4, then 50 km, on trails in one pair."""
    today = today_for(user)
    shoe = make_shoe(user, shoe_name, start_m=100_000)
    for back in (55, 48, 41, 34, 27, 20, 13, 6, 0):
        make_activity(user, today - timedelta(days=back), km=km, surface="trail", shoe=shoe)
    return today


# --- answers filled in from the log -------------------------------------------------------


def test_a_runners_log_fills_in_three_answers_and_says_where_each_came_from(client, runner):
    today = eight_weeks_of_trail_running(runner)
    client.force_login(runner)
    html = reach_running_step(client)
    assert number_in(html, "mileage_increase_pct") == "25"
    assert number_in(html, "shoe_km") == "190"
    assert checked(html, "terrain") == ["soft_or_mixed"]
    assert sources_in(html) == {
        "mileage_increase_pct": (
            f"From your training log: 50.0 km in the 4 weeks to {day(today)} against 40.0 km "
            "in the 4 weeks before (up 25%)."
        ),
        "terrain": (
            "From your training log: 100% of your running in the last 4 weeks was on trails."
        ),
        "shoe_km": (
            f"From your training log: Blue pair, worn on your run of {day(today)}, have 190 km, "
            "including 100 km before you logged them."
        ),
    }
    # Each source is read out with its question.
    described = 'aria-describedby="id_mileage_increase_pct_helptext id_mileage_increase_pct_source"'
    assert described in html
    assert 'aria-describedby="id_shoe_km_source"' in html
    assert re.search(r'<fieldset class="pc-question" aria-describedby="\s*id_terrain_source"', html)


def test_a_filled_in_answer_stays_editable_and_a_choice_can_be_left_unanswered(client, runner):
    eight_weeks_of_trail_running(runner)
    client.force_login(runner)
    html = reach_running_step(client)
    for name in ("mileage_increase_pct", "shoe_km"):
        tag = re.search(rf'<input type="number" name="{name}"[^>]*>', html)
        assert tag is not None and "readonly" not in tag.group() and "disabled" not in tag.group()
    assert re.search(
        r'<input type="radio" name="terrain" value=""[^>]*>\s*<span>Leave this unanswered', html
    )
    # Only the filled-in choice offers it: arm_swing is as it always was.
    assert not re.search(r'<input type="radio" name="arm_swing" value=""', html)
    page = post_running(client, {"mileage_increase_pct": 25, "shoe_km": 190, "terrain": ""})
    assert hidden(page)["step"] == "self_tests"
    assert "terrain" not in hidden(page)
    assert hidden(page)["shoe_km"] == "190"


def test_a_question_the_log_cannot_answer_is_left_empty_and_says_why(client, runner):
    make_activity(runner, today_for(runner) - timedelta(days=2), km=8, surface="treadmill")
    client.force_login(runner)
    html = reach_running_step(client)
    assert number_in(html, "mileage_increase_pct") is None
    assert number_in(html, "shoe_km") is None
    assert checked(html, "terrain") == []
    sources = sources_in(html)
    assert sources["mileage_increase_pct"] == (
        "Not filled in: your training log does not reach back 8 weeks yet."
    )
    assert sources["shoe_km"] == "Not filled in: none of your logged runs names a pair of shoes."
    assert sources["terrain"].startswith("Not filled in: 100% of your running in the last 4")


def test_a_visitor_sees_the_questionnaire_as_before_and_costs_no_query(
    client, runner, django_assert_num_queries
):
    eight_weeks_of_trail_running(runner)
    with django_assert_num_queries(0):
        html = reach_running_step(client)
    assert "pc-from-log" not in html and "training log" not in html
    assert number_in(html, "mileage_increase_pct") is None
    assert number_in(html, "shoe_km") is None
    assert checked(html, "terrain") == []


def test_a_runner_with_no_log_sees_the_questionnaire_as_a_visitor_does(
    client, runner, other_runner
):
    eight_weeks_of_trail_running(runner)
    visitor = reach_running_step(Client())
    client.force_login(other_runner)
    html = reach_running_step(client)
    assert "pc-from-log" not in html and "Blue pair" not in html

    def form(page: str) -> str:
        found = re.search(r'<form method="post" action="/pain-check/".*?</form>', page, re.S)
        assert found is not None
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", found.group())

    assert form(html) == form(visitor)


def test_each_runner_sees_only_their_own_log(client, runner, other_runner):
    eight_weeks_of_trail_running(runner)
    eight_weeks_of_trail_running(other_runner, km=20, shoe_name="Red pair")
    client.force_login(other_runner)
    html = reach_running_step(client)
    assert number_in(html, "shoe_km") == "280"  # 100 + 9 x 20
    assert "Red pair" in html and "Blue pair" not in html


def test_the_running_step_costs_the_same_few_queries_however_long_the_log(
    client, runner, django_assert_num_queries
):
    today = today_for(runner)
    shoe = make_shoe(runner)
    make_activity(runner, today - timedelta(days=60), km=5, shoe=shoe)
    client.force_login(runner)
    # session, user, then the log: the runner's zone, the runs, the shoes
    with django_assert_num_queries(5):
        reach_running_step(client)
    for back in range(1, 200):
        make_activity(runner, today - timedelta(days=back), km=5, shoe=shoe, surface="road")
    with django_assert_num_queries(5):
        html = reach_running_step(client)
    assert number_in(html, "shoe_km") == "1000"


def test_other_steps_never_read_the_log(client, runner, django_assert_num_queries):
    eight_weeks_of_trail_running(runner)
    client.force_login(runner)
    values = answers()
    with django_assert_num_queries(2):  # session, user
        client.get("/pain-check/")
    with django_assert_num_queries(2):
        client.post(
            "/pain-check/", {"step": "about_you", **form_data(until("warning_signs", values))}
        )


def test_a_changed_value_wins_and_loses_its_source(client, runner):
    eight_weeks_of_trail_running(runner)
    client.force_login(runner)
    html = post_running(client, {"mileage_increase_pct": 5, "terrain": "hard_hilly"}, nav="next")
    carried = hidden(html)
    assert carried["step"] == "self_tests"
    assert carried["mileage_increase_pct"] == "5" and carried["terrain"] == "hard_hilly"
    assert "shoe_km" not in carried  # the runner cleared it
    # Back from the self-tests: the answers as the runner left them, no source beside them.
    again = unescape(client.post("/pain-check/", {**carried, "nav": "back"}).content.decode())
    assert hidden(again)["step"] == "running"
    assert number_in(again, "mileage_increase_pct") == "5"
    assert checked(again, "terrain") == ["hard_hilly"]
    assert number_in(again, "shoe_km") is None
    assert sources_in(again) == {}


def test_a_kept_value_keeps_its_source_when_the_runner_comes_back(client, runner):
    eight_weeks_of_trail_running(runner)
    client.force_login(runner)
    back = post_running(client, {"mileage_increase_pct": 25, "shoe_km": 190}, nav="back")
    again = forward_from_where_how(client, back)
    assert hidden(again)["step"] == "running"
    assert number_in(again, "mileage_increase_pct") == "25"
    assert checked(again, "terrain") == []
    assert set(sources_in(again)) == {"mileage_increase_pct", "shoe_km"}  # terrain cleared


def test_a_changed_value_is_the_one_the_result_uses(client, runner):
    eight_weeks_of_trail_running(runner)  # the log says 25%, 190 km
    client.force_login(runner)
    values = answers(mileage_increase_pct=60, shoe_km=900)
    data = {"step": "self_tests", **form_data(until("self_tests", values))}
    data.update(form_data(in_steps(values, ["self_tests"])))
    result = unescape(client.post("/pain-check/", data).content.decode())
    assert 'data-triage="self_care"' in result
    assert hidden(result)["mileage_increase_pct"] == "60"
    assert hidden(result)["shoe_km"] == "900"
    assert "<strong>60 %</strong>" in result and "<strong>900 km</strong>" in result


# --- what the log may never touch -----------------------------------------------------------


def test_the_log_answers_only_optional_questions_that_no_red_flag_or_trigger_reads():
    read = {q for flag in K.red_flags for c in flag.clauses for q in question_ids(c.when)}
    read |= {q for trigger in K.triggers for q in question_ids(trigger.when)}
    assert set(painlink.QUESTIONS) == set(LOG_QUESTIONS)
    for qid in painlink.QUESTIONS:
        assert not K.question(qid).required
        assert qid not in read


def test_a_required_question_is_never_filled_from_the_log(runner, monkeypatch):
    offered = {
        "pain_after_every_run": Prefill(True, "From your training log: every run."),
        "shoe_km": Prefill(300, "From your training log: 300 km."),
    }
    monkeypatch.setattr(painlink, "QUESTIONS", (*painlink.QUESTIONS, "pain_after_every_run"))
    monkeypatch.setattr(painlink, "prefill_for", lambda user: offered)
    found = from_log.step_prefill(runner, K.questions_for_step("running"), {})
    assert found.answers == {"shoe_km": 300}
    assert set(found.sources) == {"shoe_km"}


def test_a_value_outside_the_questions_range_is_not_offered(runner, monkeypatch):
    offered = {"shoe_km": Prefill(9000, "From your training log: 9000 km.")}
    monkeypatch.setattr(painlink, "prefill_for", lambda user: offered)
    found = from_log.step_prefill(runner, K.questions_for_step("running"), {})
    assert found.answers == {} and found.sources == {}


def test_a_visitor_is_offered_nothing(monkeypatch):
    found = from_log.step_prefill(AnonymousUser(), K.questions_for_step("running"), {})
    assert found.answers == {} and found.sources == {}


# --- the result links to the open pain episode ---------------------------------------------


def finish(client: Client, values=None) -> str:
    values = answers() if values is None else values
    data = {"step": "self_tests", **form_data(until("self_tests", values))}
    data.update(form_data(in_steps(values, ["self_tests"])))
    return unescape(client.post("/pain-check/", data).content.decode())


def open_episode(user) -> date:
    today = today_for(user)
    make_pain(user, today - timedelta(days=5), score=5)
    make_pain(user, today - timedelta(days=2), score=4)
    return today - timedelta(days=5)


def test_the_result_links_to_the_open_episodes_insight(client, runner):
    start = open_episode(runner)
    client.force_login(runner)
    html = finish(client)
    anchor = f"/training/#episode-{start.isoformat()}"
    link = f'<a href="{anchor}">See what changed before your pain began</a>'
    assert link in html
    assert (
        f"Your pain diary shows lower back pain since {day(start)}, at worst 5/10, and your "
        "training overview shows what changed in your running in the 3 weeks before it began."
    ) in html
    dashboard = client.get("/training/").content.decode()
    assert f'id="episode-{start.isoformat()}"' in dashboard


def test_no_link_without_an_open_episode(client, runner, other_runner):
    today = today_for(runner)
    make_pain(runner, today - timedelta(days=40), score=6)
    make_pain(runner, today - timedelta(days=38), score=6)  # over long ago
    make_pain(runner, today - timedelta(days=1), score=2)  # too mild to count
    open_episode(other_runner)
    client.force_login(runner)
    assert "/training/#episode-" not in finish(client)
    assert "/training/#episode-" not in finish(Client())  # a visitor


def test_an_emergency_result_does_not_point_to_the_training_log(client, runner):
    open_episode(runner)
    client.force_login(runner)
    html = finish(client, answers(saddle_numbness=True))
    assert 'data-triage="emergency"' in html
    assert "/training/#episode-" not in html


def test_a_saved_check_does_not_link_to_todays_episode(client, runner):
    open_episode(runner)
    client.force_login(runner)
    client.post("/pain-check/save/", form_data(answers()))
    check = SavedCheck.objects.get(user=runner)
    assert "/training/#episode-" not in client.get(check.get_absolute_url()).content.decode()


def test_the_result_with_the_link_costs_a_fixed_number_of_queries(
    client, runner, django_assert_num_queries
):
    start = open_episode(runner)
    for back in range(6, 120, 3):
        make_pain(runner, start - timedelta(days=back), score=1)
    client.force_login(runner)
    # session, user, the articles (none, so no tags), the runner's zone, the diary
    with django_assert_num_queries(5):
        html = finish(client)
    assert "/training/#episode-" in html
