# Herzen: `make demo` runs the demo, `make test` runs every check CI runs. Both set themselves up.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
# uv must use the machine's Python, never download one.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3
PG_URL ?= postgres://postgres@127.0.0.1:5432/herzen

.PHONY: demo test test-sqlite test-postgres check lint format bootstrap translations clean bench bench-quick loadtest

$(UV):
	python3 -m venv .uv
	.uv/bin/pip install --quiet uv==$(UV_VERSION)

# The spark extra (pyspark, ~300 MB) is installed too: CI runs the Spark linkage test on local[2]
# (docs/adr/0096). A deployment that links on DuckDB only can `uv sync --frozen` without it.
$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --extra spark
	touch $@

bootstrap: $(VENV)/.synced
	$(PY) manage.py compiletranslations

# `make demo PORT=8001` serves on another port; `make demo ARGS=--reset-logins` makes new demo logins.
PORT ?= 8000
demo: bootstrap
	$(VENV)/bin/herzen demo --port $(PORT) $(ARGS)

check: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy herzen/domain
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check

test-sqlite: bootstrap
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-axe.sh
	$(VENV)/bin/pytest -q -p no:cacheprovider

test-postgres: bootstrap
	bash scripts/ensure-postgres.sh "$(PG_URL)"
	bash scripts/ensure-axe.sh
	DATABASE_URL="$(PG_URL)" $(VENV)/bin/pytest -q -p no:cacheprovider

test: check test-sqlite test-postgres

# Benchmarks (bench/README.md): 1M persons by default, loaded once and reused; SCALE=100k for a quick run.
SCALE ?= 1m
bench: bootstrap
	bash scripts/ensure-postgres.sh postgres://postgres@127.0.0.1:5432/postgres
	$(PY) -m bench.run --scale $(SCALE)

bench-quick:
	$(MAKE) bench SCALE=100k

# The bounded load test: 200 simulated caseworkers and applicants for 5 minutes against a copy of the 10k set.
loadtest: bootstrap
	bash scripts/ensure-postgres.sh postgres://postgres@127.0.0.1:5432/postgres
	$(PY) -m bench.run --only load_test

format: $(VENV)/.synced
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf .uv $(VENV) var
