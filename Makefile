# Samsyn: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# The suite runs on this many pytest-xdist workers (each with its own test database);
# `make test PYTEST_WORKERS=0` runs it in one process.
PYTEST_WORKERS ?= 2

.PHONY: run test setup env migrate demo lint format typecheck messages bench clean browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) .env

.env:
	$(PYTHON) scripts/write_dev_env.py .env

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	@echo "Samsyn: http://127.0.0.1:$(PORT)/  (demoinloggningar finns i README.md)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests; installed when missing and we are allowed to.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); \
	  else \
	    echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install -y chromium'." >&2; exit 1; \
	  fi; \
	fi

test: setup browser-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy samsyn bench
	$(BIN)/python manage.py makemigrations --check --dry-run

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: setup
	$(BIN)/mypy samsyn bench
	$(BIN)/python manage.py makemigrations --check --dry-run

# Extract translatable strings to the English catalogue and compile it.
messages: setup
	$(BIN)/python manage.py makemessages --locale en --no-obsolete --no-location \
	  --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'samsyn/static/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages --locale en --ignore '.venv/*'

bench: setup
	$(BIN)/python -m pytest bench -p no:cacheprovider -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache staticfiles
