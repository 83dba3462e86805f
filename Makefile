# ActLocal: `make run` (embedded SQLite demo) and `make test` (PostgreSQL + Redis + Chromium).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/actlocal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
RUN_ENV := DEBUG=true
TEST_ENV := DJANGO_SETTINGS_MODULE=actlocal.settings_test DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL)

.PHONY: install run test lint bench services-check browser-check messages i18n-check clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP) messages
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The compiled catalogs (.mo) are build output, never committed: made from locale/*/LC_MESSAGES/*.po.
I18N_IGNORE := --ignore .venv --ignore var --ignore node_modules
messages: $(STAMP)
	$(RUN_ENV) $(PY) manage.py compilemessages --verbosity 0 $(I18N_IGNORE)

# Catalogs valid (msgfmt --check), complete (no empty or fuzzy entry) and in step with the code
# (makemessages would add or drop no msgid); lists the offending msgids. See docs/i18n.md.
i18n-check: $(STAMP)
	$(RUN_ENV) $(PY) -m actlocal.i18ncheck

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(TEST_ENV) $(VENV)/bin/mypy

services-check: $(STAMP)
	@$(TEST_ENV) $(PY) -m actlocal.servicecheck

# Standard library only, so it runs first, before the virtualenv is built.
browser-check:
	@$(PYTHON) actlocal/browsercheck.py

test: browser-check $(STAMP) services-check lint i18n-check messages
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(VENV)/bin/pytest

# The benchmark uses its own database (<name>_bench) and Redis db, never the test suite's.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/14
bench: $(STAMP) services-check
	DATABASE_URL=$(TEST_DATABASE_URL) BENCH_REDIS_URL=$(BENCH_REDIS_URL) $(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/actlocal.sqlite3 var/outbox var/static
