"""Saved checks belong to their runner only, and a result follows its runner into a new account."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from runwell.paincheck.export import erase_user_data, export_user_data
from runwell.paincheck.models import SavedCheck
from runwell.testing.factories import PASSWORD

from .helpers import answers, form_data

pytestmark = pytest.mark.django_db


def save_as(client, user, values):
    client.force_login(user)
    return client.post("/pain-check/save/", form_data(values))


def test_a_runner_saves_a_result_recomputed_on_the_server(client, runner):
    response = save_as(client, runner, answers(hop_pain=True))
    check = SavedCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/pain-check/saved/{check.pk}/"
    assert check.user == runner
    assert check.result["triage"] == "see_clinician"
    assert check.answers["hop_pain"] is True
    html = client.get(response["Location"]).content.decode()
    assert 'data-triage="see_clinician"' in html


def test_saving_ignores_a_posted_result_and_rejects_incomplete_answers(client, runner):
    client.force_login(runner)
    response = client.post("/pain-check/save/", {"age_years": "30", "triage": "self_care"})
    assert response.status_code == 400
    assert SavedCheck.objects.count() == 0


def test_anonymous_visitors_cannot_save(client):
    response = client.post("/pain-check/save/", form_data(answers()))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert SavedCheck.objects.count() == 0


def test_saving_allows_only_post(client, runner):
    client.force_login(runner)
    assert client.get("/pain-check/save/").status_code == 405


def test_one_runner_never_sees_another_runners_saved_check(client, runner, other_runner):
    save_as(client, runner, answers())
    check = SavedCheck.objects.get()
    client.force_login(other_runner)
    assert client.get(f"/pain-check/saved/{check.pk}/").status_code == 404
    assert client.post(f"/pain-check/saved/{check.pk}/delete/").status_code == 404
    assert "saved/" + str(check.pk) not in client.get("/pain-check/saved/").content.decode()
    assert SavedCheck.objects.count() == 1


def test_saved_pages_need_a_login(client, runner):
    save_as(client, runner, answers())
    check = SavedCheck.objects.get()
    client.logout()
    for url in ("/pain-check/saved/", f"/pain-check/saved/{check.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_saved_pages_allow_only_their_methods(client, runner):
    save_as(client, runner, answers())
    check = SavedCheck.objects.get()
    assert client.post("/pain-check/saved/").status_code == 405
    assert client.post(f"/pain-check/saved/{check.pk}/").status_code == 405
    assert client.get(f"/pain-check/saved/{check.pk}/delete/").status_code == 405


def test_a_runner_deletes_their_own_saved_check(client, runner):
    save_as(client, runner, answers())
    check = SavedCheck.objects.get()
    response = client.post(f"/pain-check/saved/{check.pk}/delete/")
    assert response.status_code == 302
    assert SavedCheck.objects.count() == 0


def test_the_saved_list_uses_a_fixed_number_of_queries(client, runner, django_assert_num_queries):
    for n in range(5):
        save_as(client, runner, answers(pain_score=n))
    # session, user, then the checks: however many there are.
    with django_assert_num_queries(3):
        html = client.get("/pain-check/saved/").content.decode()
    assert html.count("/pain-check/saved/") >= 5


def test_the_saved_list_shows_date_triage_region_pain_score_and_a_trend(client, runner):
    start = timezone.now() - timedelta(days=30)
    for day, score, region in ((0, 7, "lower_back"), (10, 5, "both"), (30, 2, "upper_back")):
        SavedCheck.objects.create(
            user=runner,
            answers=answers(pain_score=score, pain_region=region),
            result={"triage": "self_care", "red_flags": [], "contributors": [], "plan": []},
            created=start + timedelta(days=day),
        )
    client.force_login(runner)
    html = client.get("/pain-check/saved/").content.decode()
    rows = re.findall(r"<tr>\s*<td><a .*?</tr>", html, re.S)
    assert len(rows) == 3
    newest = rows[0]
    assert "Self-care: manage at home with the plan" in newest
    assert "Upper back (between or around the shoulder blades)" in newest
    assert "2 out of 10" in newest
    start = html.index('<svg viewBox="0 0')  # the chart, not the header's icons
    svg = html[start : html.index("</svg>", start)]
    assert 'role="img"' in svg and "<title" in svg
    assert "style=" not in svg and "<script" not in svg
    points = re.search(r'<polyline class="pc-trend-line" fill="none" points="([^"]+)"', svg)
    assert points is not None
    ys = [float(p.split(",")[1]) for p in points.group(1).split()]
    assert ys[0] > ys[1] > ys[2] or ys[0] < ys[1] < ys[2]
    # Oldest first, and pain 7 sits higher on the chart (smaller y) than pain 2.
    assert ys[0] < ys[2]
    assert "7 out of 10" in svg and "2 out of 10" in svg


def test_a_single_saved_check_has_no_trend_to_draw(client, runner):
    save_as(client, runner, answers())
    html = client.get("/pain-check/saved/").content.decode()
    assert "pc-trend-chart" not in html
    assert "4 out of 10" in html


def _finish_signup(client, password):
    """Follow the link the sign-up mailed and enter the password (accounts' activation)."""
    link = re.search(r"https?://[^/]+(/accounts/activate/\S+)", str(mail.outbox[-1].body))
    assert link
    return client.post(link.group(1), {"password": password})


def test_a_runner_who_signs_up_from_a_result_keeps_it_as_a_saved_check(
    client, django_capture_on_commit_callbacks
):
    response = client.post(
        "/pain-check/keep/", {**form_data(answers(hop_pain=True)), "then": "signup"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/?next=%2Fpain-check%2Fsaved%2F"
    assert SavedCheck.objects.count() == 0  # nothing stored before there is an account
    signup = client.get(response["Location"]).content.decode()
    assert 'name="next" value="/pain-check/saved/"' in signup
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "username": "newrunner",
                "email": "new@example.org",
                "password1": "a-Long-unusual-pass-7",
                "password2": "a-Long-unusual-pass-7",
                "next": "/pain-check/saved/",
            },
        )
    done = _finish_signup(client, "a-Long-unusual-pass-7")
    assert done.status_code == 302
    assert done["Location"] == "/pain-check/saved/"
    check = SavedCheck.objects.get()
    assert check.user.username == "newrunner"
    assert check.result["triage"] == "see_clinician"
    html = client.get("/pain-check/saved/").content.decode()
    assert "Your pain check result is saved to your account." in html
    assert check.get_absolute_url() in html


def test_a_runner_who_logs_in_from_a_result_keeps_it_as_a_saved_check(client, runner):
    response = client.post("/pain-check/keep/", {**form_data(answers()), "then": "login"})
    assert response["Location"] == "/accounts/login/?next=%2Fpain-check%2Fsaved%2F"
    done = client.post(
        "/accounts/login/",
        {"username": runner.username, "password": PASSWORD, "next": "/pain-check/saved/"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/pain-check/saved/"
    assert SavedCheck.objects.get().user == runner
    # Kept once: logging in again later saves nothing more.
    client.logout()
    client.post("/accounts/login/", {"username": runner.username, "password": PASSWORD})
    assert SavedCheck.objects.count() == 1


def test_keeping_a_result_refuses_incomplete_answers_and_keeps_nothing(client, runner):
    response = client.post("/pain-check/keep/", {"age_years": "30", "then": "signup"})
    assert response.status_code == 400
    client.post("/accounts/login/", {"username": runner.username, "password": PASSWORD})
    assert SavedCheck.objects.count() == 0


def test_a_logged_in_runner_who_keeps_a_result_saves_it_at_once(client, runner):
    client.force_login(runner)
    response = client.post("/pain-check/keep/", {**form_data(answers()), "then": "signup"})
    check = SavedCheck.objects.get()
    assert response["Location"] == check.get_absolute_url()


def test_keeping_allows_only_post(client):
    assert client.get("/pain-check/keep/").status_code == 405


def test_signing_up_never_follows_a_next_address_on_another_site(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "username": "newrunner",
                "email": "new@example.org",
                "password1": "a-Long-unusual-pass-7",
                "password2": "a-Long-unusual-pass-7",
                "next": "https://evil.example/",
            },
        )
    assert "evil.example" not in str(mail.outbox[-1].body)
    done = _finish_signup(client, "a-Long-unusual-pass-7")
    assert done["Location"] == "/accounts/profile/"


def test_saved_checks_go_when_the_account_goes(client, runner):
    save_as(client, runner, answers())
    runner.delete()
    assert SavedCheck.objects.count() == 0


def test_erasing_a_runners_data_removes_only_their_checks(client, runner, other_runner):
    save_as(client, runner, answers())
    save_as(client, other_runner, answers())
    erase_user_data(runner)
    assert list(SavedCheck.objects.values_list("user__username", flat=True)) == ["sam"]


def test_the_export_lists_only_this_runners_checks(client, runner, other_runner):
    save_as(client, runner, answers())
    save_as(client, other_runner, answers(hop_pain=True))
    exported = export_user_data(runner)
    assert len(exported) == 1
    assert set(exported[0]) == {"created", "answers", "result"}
    assert exported[0]["result"]["triage"] == "self_care"


def test_an_old_saved_check_with_ids_no_longer_known_still_shows(client, runner):
    check = SavedCheck.objects.create(
        user=runner,
        answers=answers(),
        result={
            "triage": "self_care",
            "red_flags": ["retired_flag"],
            "contributors": [{"id": "old", "score": 0.5, "reasons": []}],
            "plan": ["old_item", "stay_active_avoid_bed_rest"],
        },
    )
    client.force_login(runner)
    html = client.get(f"/pain-check/saved/{check.pk}/").content.decode()
    assert 'data-triage="self_care"' in html
    assert "Stay active; avoid bed rest" in html


def test_a_runner_with_no_saved_checks_is_told_so(client, runner):
    client.force_login(runner)
    html = client.get("/pain-check/saved/").content.decode()
    assert "You have no saved checks yet." in html
