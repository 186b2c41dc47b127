#!/usr/bin/env bash
# The whole suite, as `make test` runs it:
#   1. every test on SQLite;
#   2. the browser journeys (skipped, with a note, where Chromium is missing,
#      unless RUNWELL_REQUIRE_BROWSER=1);
#   3. every test that opens the database again on PostgreSQL (skipped, with a
#      note, where no server answers, unless RUNWELL_REQUIRE_POSTGRES=1);
#   4. the project checks: migrations up to date, deploy check, import contracts.
# Each run spreads over every core (pytest-xdist). Extra arguments go to every run.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL="${RUNWELL_TEST_POSTGRES_URL:-postgres://runwell:runwell@127.0.0.1:5432/runwell}"
CHROMIUM="${RUNWELL_CHROMIUM:-/usr/bin/chromium}"
notes=()
failed=0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RUNWELL_DATA_DIR="$work/data"
unset DATABASE_URL
WORKERS="${RUNWELL_TEST_WORKERS:-auto}"
started=$SECONDS

echo "== Tests on SQLite"
"$BIN/pytest" -m "not browser" -n "$WORKERS" --junitxml="$work/sqlite.xml" "$@" || failed=1

if [ -x "$CHROMIUM" ] || [ "${RUNWELL_REQUIRE_BROWSER:-0}" = 1 ]; then
  echo "== Browser journeys (Chromium, axe-core)"
  "$BIN/pytest" -m browser tests/browser -n "$WORKERS" --junitxml="$work/browser.xml" "$@" \
    || failed=1
else
  notes+=("Browser journeys skipped: no Chromium at $CHROMIUM (apt-get install chromium).")
fi

if "$BIN/python" scripts/pg_available.py "$PG_URL"; then
  echo "== Tests on PostgreSQL"
  DATABASE_URL="$PG_URL" RUNWELL_TEST_DATABASE_ONLY=1 "$BIN/pytest" -m "not browser" \
    -n "$WORKERS" --junitxml="$work/postgres.xml" "$@" || failed=1
elif [ "${RUNWELL_REQUIRE_POSTGRES:-0}" = 1 ]; then
  echo "PostgreSQL is required (RUNWELL_REQUIRE_POSTGRES=1) but does not answer at $PG_URL"
  failed=1
else
  notes+=("PostgreSQL run skipped: no server answers at $PG_URL (set RUNWELL_TEST_POSTGRES_URL).")
fi

echo "== Project checks"
if "$BIN/runwell" makemigrations --check --dry-run >/dev/null; then
  echo "migrations: up to date"
else
  echo "migrations: missing (run runwell makemigrations)"
  failed=1
fi
RUNWELL_SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  RUNWELL_SITE_URL=https://runwell.example RUNWELL_PROXY_SSL_HEADER=true \
  "$BIN/runwell" check --deploy --fail-level WARNING || failed=1
"$BIN/lint-imports" --no-cache || failed=1

echo "== Summary"
"$BIN/python" scripts/junit_summary.py "$work/sqlite.xml" "$work/browser.xml" "$work/postgres.xml"
for note in "${notes[@]}"; do echo "NOTE: $note"; done
echo "wall time: $((SECONDS - started)) s"
exit $failed
