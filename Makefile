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

.PHONY: run test setup env migrate demo reset-demo lock lint format typecheck messages bench \
  bench-tests clean \
  browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The lock (docs/development.md, "Dependencies"): every package, transitive ones included, at
# one version with its hashes. `make setup` installs requirements/dev.txt, then the project
# itself without dependencies, built with the locked setuptools. It reinstalls whenever the
# lock or pyproject.toml changes. pip stays quiet unless something fails.
LOCK := requirements/dev.txt
PIP_INSTALL := $(BIN)/python -m pip install --quiet --quiet --no-input --disable-pip-version-check

$(STAMP): pyproject.toml requirements/base.txt $(LOCK) | $(BIN)/python
	@echo "Installing the locked dependencies into $(VENV) (about two minutes the first time)..."
	$(PIP_INSTALL) --require-hashes -r $(LOCK)
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP) .env

# Re-resolve the lock files after a change to the dependencies in pyproject.toml or
# requirements/dev.in; versions already locked stay unless they must move.
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest release,
# `make lock LOCK_ARGS="--upgrade-package urllib3"` one indirect package (docs/development.md).
PIP_TOOLS_VENV := .venv-pip-tools
PIP_TOOLS_VERSION := 7.7.0
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(PIP_TOOLS_VENV)/bin/pip-compile --quiet \
  --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

$(PIP_TOOLS_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(PIP_TOOLS_VENV)
	$(PIP_TOOLS_VENV)/bin/python -m pip install --quiet --quiet pip==26.3 pip-tools==$(PIP_TOOLS_VERSION)

lock: | $(PIP_TOOLS_VENV)/bin/pip-compile
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements/base.txt pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --extra dev -c requirements/base.txt -o $(LOCK) \
	  pyproject.toml requirements/dev.in

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

# Issue #16's bench on PostgreSQL (docs/performance.md, "make bench"): every report and page
# beside its SQL floor at 5,000 and 50,000 registrations and on the national set, 16 clients
# against gunicorn, the 100,000-row import; writes bench/results.json. A subset:
# `make bench BENCH_SIZES=5000`. The older pytest benchmarks: `make bench-tests`.
bench: setup
	$(BIN)/python -m bench.run

bench-tests: setup
	$(BIN)/python -m pytest bench -p no:cacheprovider -q

# Forget the demo: the SQLite database and uploaded documents go; the next `make run` migrates
# and seeds a fresh demo. A database named by DATABASE_URL is never touched.
reset-demo:
	@if [ -n "$$DATABASE_URL" ] || grep -qs '^DATABASE_URL=' .env; then \
	  echo "DATABASE_URL is set: reset-demo only removes the local db.sqlite3; drop that database yourself." >&2; \
	  exit 1; \
	fi
	rm -rf db.sqlite3 db.sqlite3-wal db.sqlite3-shm db.sqlite3-journal media
	@echo "Demo reset: 'make run' seeds it again."

clean:
	rm -rf $(VENV) $(PIP_TOOLS_VENV) .pytest_cache .ruff_cache .mypy_cache staticfiles
