# The one entry point for checks, identical in CI (.ci/run calls `make test`).
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test lint rust-test quickstart

test: lint rust-test

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps

rust-test:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

quickstart:
	$(CARGO) run --example quickstart
