# Accountable: `make run` serves the site with real public data and demo data; `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# CPU-only PyTorch. This workplace keeps the wheel on disk; elsewhere set
# TORCH_INDEX=https://download.pytorch.org/whl/cpu to avoid several GB of CUDA packages.
TORCH_INDEX ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev setup messages translations demo admin worker beat lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet "torch==2.13.0" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

translations: install
	$(PY) manage.py compiletranslations

setup: install translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_public_data
	$(PY) manage.py load_demo

run: setup
	@echo ""
	@echo "  Accountable is starting on http://$(HOST):$(PORT)/"
	@echo "  Staff admin: http://$(HOST):$(PORT)/admin/  (create an account with: make admin)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

admin: install
	$(PY) manage.py createsuperuser

test: install-dev translations
	$(PY) -m pytest $(PYTEST_ARGS)

messages: install
	$(PY) manage.py makemessages --locale es --ignore ".venv/*" --ignore "node_modules/*" --ignore "bench/*" --ignore "tests/*"
	$(PY) manage.py makemessages --locale es --domain djangojs --ignore ".venv/*" --ignore "node_modules/*" --ignore "staticfiles/*"

worker: install
	$(VENV)/bin/celery -A config worker -Q default,scrape,ml,images --loglevel INFO

beat: install
	$(VENV)/bin/celery -A config beat --loglevel INFO

bench: install-dev
	$(PY) -m bench

clean:
	rm -rf $(VENV) db.sqlite3 test-db.sqlite3 staticfiles test-artefacts
