# One-liners that the README and CI call.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: setup run test test-postgres browser-deps lint fmt index validate report eval

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

run: setup          ## set up and serve the app on http://127.0.0.1:5000/
	$(VENV)/bin/finder db upgrade
	$(VENV)/bin/finder serve

test: setup lint browser-deps   ## set up and run the whole test suite (SQLite, then PostgreSQL)
	$(PY) -m pytest -m "not postgres" -n auto
	$(MAKE) test-postgres

# Debian's Chromium for the Playwright tests, and axe-core from the npm registry.
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  { echo "Install Debian's chromium (apt-get install chromium) for the browser tests" >&2; exit 1; }
	@test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --silent

# The storage and authorization tests again, on a throwaway PostgreSQL on loopback.
PG_TESTS := tests/store tests/web/test_auth.py tests/web/test_teams.py tests/web/test_authorization.py tests/web/test_audits.py tests/web/test_publishing.py
test-postgres: setup
	@set -e; read dir port <<< "$$(scripts/pg-start.sh)"; \
	trap 'scripts/pg-stop.sh "$$dir"' EXIT; \
	FINDER_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$$port/finder_test" \
	$(PY) -m pytest $(or $(PG_ONLY),$(PG_TESTS) tests/test_scale_out.py)

lint: setup
	$(VENV)/bin/ruff check finder tests bench
	$(VENV)/bin/ruff format --check finder tests bench

fmt: setup
	$(VENV)/bin/ruff format finder tests bench
	$(VENV)/bin/ruff check --fix finder tests bench

index: setup
	$(VENV)/bin/finder index

validate: setup
	$(VENV)/bin/finder validate

report: setup
	$(VENV)/bin/finder report

eval: setup
	$(VENV)/bin/finder eval
