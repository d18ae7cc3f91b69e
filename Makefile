# The association portal. `make` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test lint format check clean bench browser-deps test-browser doc-screenshots

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

run: $(STAMP) ## Serve the demo portal on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo --password $${DEMO_PASSWORD:-demo12345}
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP) ## Run checks and the test suite (PostgreSQL when DATABASE_URL is set or one answers locally)
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

browser-deps: ## Install Chromium, CJK fonts, Java and vnu.jar for the browser tests (apt-get, npm)
	scripts/install_browser_deps.sh

test-browser: $(STAMP) ## Run only the browser tests (screenshots in test-artifacts/screenshots/)
	$(PY) -m pytest -m browser

doc-screenshots: $(STAMP) ## Copy a few browser-test screenshots, reduced, to docs/screenshots/
	$(PY) scripts/update_doc_screenshots.py

lint: $(STAMP) ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP) ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP) ## Load-test the portal (gunicorn, PostgreSQL, 100k articles) against a trivial WSGI app
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/run.py

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
