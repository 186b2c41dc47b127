"""docs/security.md stays true: every test it names exists, every setting it claims is set."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

import runwell

ROOT = Path(runwell.__file__).parent.parent
PAGE = ROOT / "docs" / "security.md"
TEST_ID = re.compile(r"`((?:runwell|tests)/[\w/]+\.py)::(\w+)`")


def _named_tests() -> list[tuple[str, str]]:
    return TEST_ID.findall(PAGE.read_text(encoding="utf-8"))


def _defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_defence_names_a_test():
    text = PAGE.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert len(rows) >= 15
    for row in rows:
        assert TEST_ID.search(row), f"no test proves: {row[:80]}"


def test_every_test_the_page_names_exists():
    missing = [
        f"{path}::{name}"
        for path, name in _named_tests()
        if not (ROOT / path).is_file() or name not in _defined_tests(ROOT / path)
    ]
    assert not missing, f"docs/security.md names tests that do not exist: {missing}"


def _claims(block: str) -> list[tuple[str, Any]]:
    text = PAGE.read_text(encoding="utf-8")
    body = re.search(rf"```{block}\n(.*?)```", text, re.DOTALL)
    assert body, f"no ```{block} block in docs/security.md"
    claims = []
    for line in body.group(1).strip().splitlines():
        target, _, value = line.partition(" = ")
        claims.append((target.strip(), ast.literal_eval(value.strip())))
    return claims


def _resolve(target: str, namespace: Any) -> Any:
    """'A["b"][0]' against settings: a name, then literal subscripts only."""
    node = ast.parse(target, mode="eval").body
    keys = []
    while isinstance(node, ast.Subscript):
        keys.append(ast.literal_eval(node.slice))
        node = node.value
    assert isinstance(node, ast.Name)
    value = getattr(namespace, node.id)
    for key in reversed(keys):
        value = value[key]
    return value


def test_the_settings_this_page_claims_are_set():
    for target, expected in _claims("settings"):
        assert _resolve(target, settings) == expected, target


def test_the_https_settings_this_page_claims_are_set_on_an_https_site(tmp_path):
    claims = _claims("settings-https")
    names = sorted({target.split("[")[0] for target, _ in claims})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env.update(
        RUNWELL_DATA_DIR=str(tmp_path), RUNWELL_SECRET_KEY="k" * 50,
        RUNWELL_SITE_URL="https://runwell.example", DJANGO_SETTINGS_MODULE="runwell.settings",
    )  # fmt: skip
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    values = json.loads(output)
    for target, expected in claims:
        assert values[target] == expected, target


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client: Client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_forms_need_a_csrf_token(runner):
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/accounts/login/", {"username": "rosa", "password": "x"})
    assert answer.status_code == 403
    client.force_login(runner)
    assert client.post("/accounts/delete/", {"password": "x"}).status_code == 403
