# Two commands do everything: `make demo` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Local commands use the demo key in var/secret_key unless SECRET_KEY is set (ocop/keys.py).
MANAGE := OCOP_DEMO_SECRET_KEY=1 $(PY) backend/manage.py
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test install migrate demo-data serve lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Install, start the embedded PostgreSQL (unless DATABASE_URL is set), migrate, load demo data, serve.
demo: install
	$(MANAGE) demo --port $(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

migrate: install
	$(MANAGE) migrate --noinput

demo-data: install
	$(MANAGE) load_demo_data

lint: install
	$(VENV)/bin/ruff check backend integrations tests benchmarks

bench: install
	$(PY) -m benchmarks.run

clean:
	rm -rf var/media var/static test-artifacts
