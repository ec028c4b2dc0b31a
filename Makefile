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

.PHONY: run test install install-dev setup messages translations demo admin demo-accounts worker beat services lint bench clean

$(PY):
	@echo "==> Creating the virtualenv in $(VENV)/"
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools wheel

# The first install downloads and unpacks about 2 GB (PyTorch is most of it): 7-8 minutes on
# a good connection. pip prints each package as it goes, so the wait is never silent.
$(VENV)/.installed: pyproject.toml | $(PY)
	@echo "==> Installing PyTorch (CPU) and the dependencies: about 2 GB, 7-8 minutes the first time"
	$(PIP) install --progress-bar on "torch==2.13.0" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	@echo "==> Installing the remaining dependencies"
	$(PIP) install --progress-bar on -e .
	@echo "==> Dependencies installed"
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
	$(PY) manage.py build_downloads

run: setup
	@echo ""
	@echo "  Accountable is starting on http://$(HOST):$(PORT)/"
	@echo "  Staff admin: http://$(HOST):$(PORT)/admin/  (create an account with: make admin)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Non-interactive with DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_PASSWORD (and _EMAIL) set.
admin: install
	$(PY) manage.py createsuperuser $(if $(DJANGO_SUPERUSER_USERNAME),--noinput)

# One account per role with printed passwords; refused when DEBUG=0.
demo-accounts: install
	$(PY) manage.py demo_accounts

test: install-dev translations
	$(PY) -m pytest $(PYTEST_ARGS)

messages: install
	$(PY) manage.py makemessages --locale es --ignore ".venv/*" --ignore "node_modules/*" --ignore "bench/*" --ignore "tests/*"
	$(PY) manage.py makemessages --locale es --domain djangojs --ignore ".venv/*" --ignore "node_modules/*" --ignore "staticfiles/*"

worker: install
	$(VENV)/bin/celery -A config worker -Q default,scrape,ml,images --loglevel INFO

beat: install
	$(VENV)/bin/celery -A config beat --loglevel INFO

# Worker and beat together in one terminal (needs REDIS_URL); Ctrl-C stops both.
services: install
	@test -n "$(REDIS_URL)" || grep -qs '^REDIS_URL=.' .env || { echo "make services needs REDIS_URL (without it tasks run eagerly and no worker is needed)"; exit 2; }
	trap 'kill $$(jobs -p) 2>/dev/null' INT TERM EXIT; \
	$(VENV)/bin/celery -A config worker -Q default,scrape,ml,images --loglevel INFO & \
	$(VENV)/bin/celery -A config beat --loglevel INFO & \
	wait

# `make bench SCALE=national` runs find-an-officer on 3,000,000 officers (docs/benchmarks.md).
SCALE ?= city
bench: install-dev
	$(PY) -m bench --scale $(SCALE)

clean:
	rm -rf $(VENV) db.sqlite3 test-db.sqlite3 staticfiles test-artefacts
