"""Print one line per test run from pytest's JUnit XML files: 'name: N passed, N failed'."""

import sys
from pathlib import Path
from xml.etree import ElementTree

NAMES = {"sqlite": "SQLite", "browser": "browser", "postgres": "PostgreSQL"}

for path in map(Path, sys.argv[1:]):
    if not path.exists():
        continue
    suite = ElementTree.parse(path).getroot()  # noqa: S314 -- our own pytest's output
    if suite.tag == "testsuites":
        suite = suite[0]
    total, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    passed = total - skipped - failed
    print(f"{NAMES.get(path.stem, path.stem)}: {passed} passed, {failed} failed, {skipped} skipped")
