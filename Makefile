# The README's two commands are `make run` and `make test`; both set up what is missing first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

# fonts-liberation2: Liberation Serif, metric-compatible with Times New Roman, embedded in PDFs.
# libharfbuzz-subset0: fast font subsetting for WeasyPrint (without it WeasyPrint warns and is 3x slower).
SYSTEM_PACKAGES := fonts-liberation2 fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# What the tests use to open documents as a real client would (chromium: browser tests
# through Playwright, which drives /usr/bin/chromium and never downloads a browser; firefox-esr:
# driven over Marionette, no geckodriver needed; redis-server: the broker and result store of
# the distributed batch tests and bench, started by them on a loopback port of their own;
# postgresql: the register's tests start a throw-away server of their own; softhsm2 + opensc: a real
# PKCS#11 token for the signing tests; libnss3-tools: certutil, to give poppler's pdfsig the test
# PKI's root).
TEST_PACKAGES   := poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui chromium firefox-esr \
                   redis-server postgresql softhsm2 opensc libnss3-tools

.PHONY: setup run test lint format clean system-packages test-packages load bench fuzz

setup: system-packages $(STAMP)

system-packages:
	@scripts/ensure-debian-packages.sh $(SYSTEM_PACKAGES)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vanban cần Python 3.11 trở lên")'
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || scripts/ensure-debian-packages.sh python3-venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(VENV)/bin/gunicorn --config gunicorn.conf.py wsgi:app

test-packages:
	@scripts/ensure-debian-packages.sh $(TEST_PACKAGES)

test: setup test-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Drive the running service on loopback (wrk, 16 connections, 60 s per format, bounded count).
load: setup
	@scripts/ensure-debian-packages.sh wrk
	$(PY) scripts/load.py

# Speed against the naive way and against LibreOffice, in one run (prints a Markdown table).
bench: setup test-packages
	$(PY) scripts/bench.py

# Hardening run: schemathesis against /openapi.json plus mutations of every fixture (>= 3,000
# requests; fails on any 5xx or error body outside the shape), then the generated-inputs property
# test with 1,000 documents per kind. About 10 minutes on 2 cores.
fuzz: setup
	$(PY) scripts/fuzz.py
	VANBAN_PROPERTY_EXAMPLES=1000 $(PY) -m pytest tests/test_generated_inputs.py -q -s
