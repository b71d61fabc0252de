# The one entry point for checks, identical in CI (.ci/run calls `make test`).
# It installs what it needs itself: a Python venv in .venv for the independent checks.
SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
ICS_DIR := target/webinar

.PHONY: test lint rust-test python-test venv quickstart bench vectors

test: lint rust-test python-test

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

# Independent checks in Python: the .ics files parsed by icalendar, instants from zoneinfo.
python-test: venv
	$(CARGO) run --quiet --example webinar -- $(ICS_DIR) > /dev/null
	KIX_ICS_DIR=$(ICS_DIR) $(VENV)/bin/python -m pytest -q tests/python

quickstart:
	$(CARGO) run --example quickstart

# Benchmarks (not part of the test suite): criterion, figures in README.md.
bench:
	$(CARGO) bench -p kix-core

# Regenerate the conformance vectors (expectations from Python's zoneinfo and by hand).
vectors:
	$(PYTHON) tools/gen_vectors.py
