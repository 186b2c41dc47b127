"""The deploy guide cannot drift from the code: every variable read is documented there,
and every variable documented there is read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import runwell

PACKAGE = Path(runwell.__file__).parent
DEPLOY_GUIDE = PACKAGE.parent / "docs" / "deploy.md"
READERS = {"env", "envbool", "envint", "envlist", "envnetworks", "envsecret", "getenv", "get"}
# Read by the test suite or by Django itself, not by the running site.
NOT_SITE_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def variables_read(root: Path) -> set[str]:
    """Names passed as the first argument to env()/envint()/os.environ.get() and friends."""
    names: set[str] = set()
    for path in root.rglob("*.py"):
        if {"tests", "testing", "migrations"} & set(path.relative_to(root).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names.update(_name_read(node))
    return {n for n in names if re.fullmatch(r"[A-Z][A-Z0-9_]+", n)} - NOT_SITE_SETTINGS


def _name_read(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Call) and _reader_name(node.func) in READERS and node.args:
        return _constant(node.args[0])
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return _constant(node.slice)
    return set()


def _constant(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    return set()


def _reader_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in {"get", "getenv"}:
        return func.attr if _is_environ(func.value) or func.attr == "getenv" else ""
    return ""


def _is_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def documented() -> set[str]:
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DEPLOY_GUIDE.read_text(encoding="utf-8")))


def test_every_variable_the_site_reads_is_in_the_deploy_guide():
    missing = variables_read(PACKAGE) - documented()
    assert not missing, f"add these to docs/deploy.md: {sorted(missing)}"


def test_every_runwell_variable_in_the_deploy_guide_is_read_by_the_site():
    read = variables_read(PACKAGE)
    claimed = {name for name in documented() if name.startswith("RUNWELL_")}
    # A `_FILE` variant is read through envsecret() with the variable's own name.
    stale = {n for n in claimed - read if not (n.endswith("_FILE") and n[:-5] in read)}
    assert not stale, f"docs/deploy.md documents variables nothing reads: {sorted(stale)}"


def test_the_scanner_finds_each_way_of_reading(tmp_path):
    (tmp_path / "mod.py").write_text(
        "import os\nA = env('ONE')\nB = envint('TWO', 1)\nC = os.environ.get('THREE')\n"
        "D = os.environ['FOUR']\nE = os.getenv('FIVE')\n",
        encoding="utf-8",
    )
    assert variables_read(tmp_path) == {"ONE", "TWO", "THREE", "FOUR", "FIVE"}
