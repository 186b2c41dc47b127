#!/usr/bin/env bash
# The whole suite, as `make test` runs it:
#   1. every test on SQLite, browser journeys included (skipped, with a note,
#      where Chromium is missing, unless RUNWELL_REQUIRE_BROWSER=1);
#   2. every test again on PostgreSQL (skipped, with a note, where no server
#      answers, unless RUNWELL_REQUIRE_POSTGRES=1);
#   3. the project checks: migrations up to date, deploy check, import contracts.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL="${RUNWELL_TEST_POSTGRES_URL:-postgres://runwell:runwell@127.0.0.1:5432/runwell}"
notes=()
failed=0

data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT
export RUNWELL_DATA_DIR="$data_dir"
unset DATABASE_URL

echo "== Tests on SQLite (browser journeys included)"
"$BIN/pytest" "$@" || failed=1

if "$BIN/python" scripts/pg_available.py "$PG_URL"; then
  echo "== Tests on PostgreSQL"
  DATABASE_URL="$PG_URL" "$BIN/pytest" -m "not browser" "$@" || failed=1
elif [ "${RUNWELL_REQUIRE_POSTGRES:-0}" = 1 ]; then
  echo "PostgreSQL is required (RUNWELL_REQUIRE_POSTGRES=1) but does not answer at $PG_URL"
  failed=1
else
  notes+=("PostgreSQL run skipped: no server answers at $PG_URL (set RUNWELL_TEST_POSTGRES_URL).")
fi

echo "== Project checks"
"$BIN/runwell" makemigrations --check --dry-run >/dev/null \
  && echo "migrations: up to date" || { echo "migrations: missing (run runwell makemigrations)"; failed=1; }
RUNWELL_SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  RUNWELL_SITE_URL=https://runwell.example RUNWELL_PROXY_SSL_HEADER=true \
  "$BIN/runwell" check --deploy --fail-level WARNING || failed=1
"$BIN/lint-imports" --no-cache >/dev/null && echo "import contracts: kept" \
  || { "$BIN/lint-imports" --no-cache; failed=1; }

for note in "${notes[@]}"; do echo "NOTE: $note"; done
exit $failed
