# The one entry point for checks, identical in CI (.ci/run calls `make test`).
# It installs what it needs itself: a Python venv in .venv for the independent checks.
SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
ICS_DIR := target/webinar

CORPUS := target/schema-corpus

.PHONY: test lint rust-test python-test js-test corpus venv quickstart bench vectors schemas

test: lint rust-test python-test js-test

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps

rust-test:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

$(VENV)/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r tests/python/requirements.txt
	touch $@

venv: $(VENV)/.installed

# The documents the schema validators check: generated, embedded, computed, and from the vectors.
corpus:
	$(CARGO) run --quiet --example schema_corpus -- $(CORPUS)

# Independent checks in Python: the .ics files parsed by icalendar (instants from zoneinfo),
# and the JSON Schemas with jsonschema (format checking on).
python-test: venv corpus
	$(CARGO) run --quiet --example webinar -- $(ICS_DIR) > /dev/null
	KIX_ICS_DIR=$(ICS_DIR) KIX_SCHEMA_CORPUS=$(CORPUS) $(VENV)/bin/python -m pytest -q tests/python

# The JSON Schemas with ajv (draft 2020-12, strict mode), installed into tools/js/node_modules.
tools/js/node_modules/.package-lock.json: tools/js/package-lock.json
	npm ci --prefix tools/js --no-audit --no-fund
js-test: tools/js/node_modules/.package-lock.json corpus
	node tools/js/form-example.mjs > /dev/null
	node tools/js/validate-schemas.mjs $(CORPUS)

# Regenerate schemas/ from the Rust types (the test suite fails while they differ).
schemas:
	$(CARGO) run --quiet --example schemas

quickstart:
	$(CARGO) run --example quickstart

# Benchmarks (not part of the test suite): criterion, figures in README.md.
bench:
	$(CARGO) bench -p kix-core

# Regenerate the conformance vectors (expectations from Python's zoneinfo and by hand).
vectors:
	$(PYTHON) tools/gen_vectors.py
