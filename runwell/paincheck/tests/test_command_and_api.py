"""`runwell paincheck` and POST /api/v1/paincheck speak the same JSON, byte for byte."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from .helpers import answers, required_only, without
from .test_validation import REQUIRED

ROOT = Path(__file__).resolve().parents[3]


def run_command(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("paincheck", "--answers", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, data):
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_the_command_prints_one_json_object(tmp_path):
    out, err = run_command(write(tmp_path, answers(hop_pain=True)))
    assert err == ""
    assert out.count("\n") == 1
    result = json.loads(out)
    assert result["triage"] == "see_clinician"
    assert result["red_flags"] == ["bone_stress_suspected"]


V2_CASES = [
    answers(),
    required_only(),
    answers(saddle_numbness=True),
    answers(leg_weakness="both_legs"),
    answers(sweating_nausea_or_faint=True, pain_region="upper_back", age_years=58),
    answers(sudden_severe_onset=True, age_years=71),
    answers(urinary_or_loin_symptoms=True, pain_score=9),
    answers(pain_on_breathing_in=True),
    answers(fever_or_unwell=True, leg_weakness="one_leg_stable"),
    answers(osteoporosis_or_steroids=True, duration_weeks=20),
    answers(hop_pain=True, low_energy_or_amenorrhoea=True),
    without("terrain", "shoe_km", mileage_increase_pct=60),
    answers(cancer_history=True, age_years=71),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", V2_CASES)
def test_the_command_and_the_api_give_the_same_bytes(tmp_path, client, case):
    out, _ = run_command(write(tmp_path, case))
    response = client.post(
        "/api/v1/paincheck", data=json.dumps(case), content_type="application/json"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == out.encode()
    result = json.loads(out)
    assert list(result) == ["triage", "red_flags", "contributors", "plan"]


def test_the_command_speaks_v2(tmp_path):
    out, _ = run_command(write(tmp_path, answers(sweating_nausea_or_faint=True)))
    result = json.loads(out)
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cardiac_or_vascular_symptoms"]
    assert result["plan"] == ["call_ambulance"]


@pytest.mark.django_db
@pytest.mark.parametrize("question", REQUIRED)
def test_both_ways_in_name_a_missing_required_answer(tmp_path, client, question):
    case = without(question)
    response = client.post(
        "/api/v1/paincheck", data=json.dumps(case), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"problems": [f"{question}: a required answer is missing"]}
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command(
            "paincheck", "--answers", str(write(tmp_path, case)), stdout=io.StringIO(), stderr=err
        )
    assert exited.value.code == 2
    assert f"{question}: a required answer is missing" in err.getvalue()


def test_invalid_answers_exit_2_with_the_problems_on_stderr(tmp_path, capsys):
    path = write(tmp_path, without("saddle_numbness", age_years=True))
    with pytest.raises(SystemExit) as exited:
        run_command(path)
    assert exited.value.code == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"age_years": ', "not valid JSON"),
        ("[1, 2]", "answers must be a JSON object"),
        ('{"age_years": NaN}', "not valid JSON"),
    ],
)
def test_malformed_json_is_a_clear_error_not_a_traceback(tmp_path, content, expected):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command(
            "paincheck",
            "--answers",
            str(write(tmp_path, content)),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert exited.value.code == 2
    assert expected in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command(
            "paincheck", "--answers", str(tmp_path / "nope.json"), stdout=io.StringIO(), stderr=err
        )
    assert exited.value.code == 2
    assert "cannot read" in err.getvalue()


def _runwell(*args, stdin=b""):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "runwell.settings"}
    return subprocess.run(
        [sys.executable, "-m", "runwell", "paincheck", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


@pytest.mark.slow  # starts a process
def test_the_real_command_reads_stdin_and_exits_0():
    done = _runwell("--answers", "-", stdin=json.dumps(answers()).encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["triage"] == "self_care"


@pytest.mark.slow  # starts a process
def test_the_real_command_exits_2_with_every_problem_listed():
    done = _runwell("--answers", "-", stdin=json.dumps({"age_years": 500, "sex": "x"}).encode())
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode()
    assert "age_years: must be between 10 and 100, got 500" in err
    assert "saddle_numbness: a required answer is missing" in err
    assert "Traceback" not in err


@pytest.mark.django_db
def test_the_api_answers_400_with_every_problem(client):
    response = client.post(
        "/api/v1/paincheck", data=json.dumps({"sex": "x"}), content_type="application/json"
    )
    assert response.status_code == 400
    problems = response.json()["problems"]
    assert "sex: unknown option 'x'; expected one of female, male, other" in problems
    assert len(problems) == 32


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"{not json", b"", b'"just a string"', b"\xff\xfe"])
def test_the_api_answers_400_for_bad_json(client, body):
    response = client.post("/api/v1/paincheck", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"]


@pytest.mark.django_db
def test_the_api_only_accepts_post(client):
    assert client.get("/api/v1/paincheck").status_code == 405


@pytest.mark.django_db
def test_the_api_needs_no_login_or_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/api/v1/paincheck", data=json.dumps(answers()), content_type="application/json"
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/paincheck"]
