# The one entry point for checks, identical in CI (.ci/run calls `make test`).
# It installs what it needs itself: a Python venv in .venv for the independent checks (pandas 2),
# and a second one in .venv-pandas3 where the frame tests run again with pandas 3.
SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
# The same pins with pandas 3 (Arrow-backed `str` columns by default): the suite's frame tests run in both.
VENV3 := .venv-pandas3
ICS_DIR := target/webinar
ICS_CORPUS := target/ics-corpus
LIBICAL := /usr/include/libical/ical.h

CORPUS := target/schema-corpus

.PHONY: test lint names-sources rust-test python-test js-test kotlin-test bindings corpus venv wheel quickstart bench bench-python bench-kotlin bench-service service vectors schemas browser-test

test: lint rust-test python-test js-test kotlin-test browser-test

lint:
	$(PYTHON) tools/check_tracked.py
	$(PYTHON) tools/check_layers.py
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	# The slim core (no ICU4X, Fluent, csv or schemars) builds without a warning: no feature gate rots.
	$(CARGO) clippy -p kix-core --no-default-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p kix-core --no-deps --all-features
	# The crate as crates.io would take it: it packages, with its data, under 10 MB.
	$(CARGO) package -p kix-core --no-verify --allow-dirty --quiet
	@size=$$(stat -c %s $(CARGO_OUT)/package/kix-core-*.crate); echo "kix-core package: $$size bytes"; test $$size -lt 10000000

# CLDR's territory names in every locale (npm cldr-localenames-full, pinned), read by the
# country-names test at run time and by tools/names/gen_names.py.
tools/names/node_modules/.package-lock.json: tools/names/package-lock.json
	npm ci --prefix tools/names --no-audit --no-fund
names-sources: tools/names/node_modules/.package-lock.json

rust-test: names-sources
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

$(VENV)/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r tests/python/requirements.txt
	touch $@

$(VENV3)/.installed: tests/python/requirements-pandas3.txt
	$(PYTHON) -m venv $(VENV3)
	$(VENV3)/bin/pip install --quiet -r tests/python/requirements-pandas3.txt
	touch $@

venv: $(VENV)/.installed $(VENV3)/.installed

# The documents the schema validators check: generated, embedded, computed, and from the vectors.
corpus:
	$(CARGO) run --quiet -p xtask -- corpus $(CORPUS)

# The Python package: an abi3 wheel built by maturin (its own target dir, so the workspace
# build is not recompiled with other features) and pip-installed into the venv.
wheel: venv
	rm -rf target/wheels
	cd kix-py && CARGO_TARGET_DIR=../target/maturin ../$(VENV)/bin/maturin build --release --quiet --out ../target/wheels
	$(VENV)/bin/pip install --quiet --force-reinstall --no-deps target/wheels/kix-*.whl
	$(VENV3)/bin/pip install --quiet --force-reinstall --no-deps target/wheels/kix-*.whl

# libical (Evolution's and KDE's calendar library) for the calendar corpus, from Debian (CI runs as root).
$(LIBICAL):
	apt-get update -qq && apt-get install -y -qq libical-dev pkg-config

# Python (with pandas 2, then pandas 3): the package's API and the vectors (pytest), the stub against the module (stubtest),
# the example notebook (nbclient); and the independent checks: the .ics files parsed by
# icalendar (instants from zoneinfo), the calendar corpus read by icalendar with
# recurring-ical-events, ical.js and libical (instants from zoneinfo), the JSON Schemas with
# jsonschema (format checking on).
python-test: wheel corpus tools/js/node_modules/.package-lock.json $(LIBICAL)
	$(VENV)/bin/python -m mypy.stubtest --ignore-disjoint-bases kix
	$(VENV)/bin/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	$(CARGO) run --quiet --example webinar -- $(ICS_DIR) > /dev/null
	$(CARGO) run --quiet -p xtask -- ics-corpus $(ICS_CORPUS) > /dev/null
	KIX_ICS_DIR=$(ICS_DIR) KIX_ICS_CORPUS=$(ICS_CORPUS) KIX_SCHEMA_CORPUS=$(CORPUS) $(VENV)/bin/python -m pytest -q tests/python
	# Again with pandas 3 (the same pins otherwise): every frame test, the notebook and the guides'
	# snippets on both majors. The whole suite, as the frame tests are most of its time: about 40 s
	# more on the 2-core machine.
	$(VENV3)/bin/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	KIX_ICS_DIR=$(ICS_DIR) KIX_ICS_CORPUS=$(ICS_CORPUS) KIX_SCHEMA_CORPUS=$(CORPUS) $(VENV3)/bin/python -m pytest -q tests/python
	cat $(ICS_CORPUS)/checks.txt

# Debian's headless Chromium (and its driver) for the browser tests, from Debian (CI runs as root).
CHROMIUM := /usr/bin/chromium
BROWSER_VENV := .venv-browser
$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium chromium-driver

# Playwright for Python in its own small venv; it drives $(CHROMIUM), so nothing is downloaded.
$(BROWSER_VENV)/.installed: tests/browser/requirements.txt
	$(PYTHON) -m venv $(BROWSER_VENV)
	$(BROWSER_VENV)/bin/pip install --quiet -r tests/browser/requirements.txt
	touch $@

# The registration service's pages in a real browser: people register in Russian, Arabic and
# English, with their zone, errors and the confirmation (tests/browser, screenshots of every
# page in target/screenshots/). The tests start the service binary built here.
browser-test: $(CHROMIUM) $(BROWSER_VENV)/.installed
	$(CARGO) build --quiet -p registration-service
	KIX_SERVICE_BIN=$(CARGO_OUT)/debug/registration-service KIX_CHROMIUM=$(CHROMIUM) \
		$(BROWSER_VENV)/bin/python -m pytest -q tests/browser

# The Python benchmark (not a test): kix against pydantic v2 and a zoneinfo loop, with pandas 3,
# then with pandas 2 beside it.
bench-python: wheel
	$(VENV3)/bin/python kix-py/bench/bench.py
	$(VENV)/bin/python kix-py/bench/bench.py

# The JSON Schemas with ajv (draft 2020-12, strict mode), installed into tools/js/node_modules.
tools/js/node_modules/.package-lock.json: tools/js/package-lock.json
	npm ci --prefix tools/js --no-audit --no-fund
js-test: tools/js/node_modules/.package-lock.json corpus
	node tools/js/form-example.mjs > /dev/null
	node tools/js/validate-schemas.mjs $(CORPUS)

# Regenerate schemas/ from the Rust types (the test suite fails while they differ).
schemas:
	$(CARGO) run --quiet -p xtask -- schemas

quickstart:
	$(CARGO) run --example quickstart

# Benchmarks (not part of the test suite): criterion, figures in docs/benchmarks.md.
bench:
	$(CARGO) bench -p kix-core

# The example registration service (its tests run in rust-test): started on port 8080 with
# kix.sqlite3 here, and its load figures (an ignored test, in release; figures in docs/benchmarks.md).
service:
	$(CARGO) run -p registration-service -- --port 8080 --db kix.sqlite3
bench-service:
	$(CARGO) test -p registration-service --release --test service -- --ignored --nocapture load_figures

# Regenerate the conformance vectors (expectations from Python's zoneinfo and by hand).
vectors:
	$(PYTHON) tools/gen_vectors.py

# Mobile bindings: kix-ffi's Kotlin, Swift and Python bindings generated from the built
# library by the workspace's uniffi-bindgen (library mode). Cargo's output follows
# CARGO_TARGET_DIR when it is set; what this Makefile writes stays in target/.
CARGO_OUT := $(or $(CARGO_TARGET_DIR),target)
BINDINGS := target/bindings
KOTLIN_HOME := tools/kotlin/node_modules/kotlin-compiler
JNA := /usr/share/java/jna.jar
GSON := /usr/share/java/gson.jar
JUNIT := /usr/share/java/junit-platform-console-standalone.jar
KOTLIN_TESTS := $(wildcard kix-ffi/tests/kotlin/*.kt)
# The Kotlin examples of README.md and docs/*.md, each written as a JUnit test.
KOTLIN_DOCS := target/kotlin/DocsExamplesTest.kt
KOTLIN_CP := target/kotlin/test.jar:$(KOTLIN_HOME)/lib/kotlin-stdlib.jar:$(JNA):$(GSON)

bindings:
	$(CARGO) build --quiet -p kix-ffi -p uniffi-bindgen
	rm -rf $(BINDINGS)
	$(CARGO_OUT)/debug/uniffi-bindgen generate --no-format --library $(CARGO_OUT)/debug/libkix_ffi.so -l kotlin -l swift -l python --out-dir $(BINDINGS)

# JNA, gson and JUnit 5 (its console launcher) from Debian (CI runs as root), kotlinc from npm, into the repo.
$(JNA) $(GSON) $(JUNIT):
	apt-get update -qq && apt-get install -y -qq libjna-java libgoogle-gson-java junit5
$(KOTLIN_HOME)/bin/kotlinc: tools/kotlin/package-lock.json
	npm ci --prefix tools/kotlin --no-audit --no-fund
	touch $@

$(KOTLIN_DOCS): tools/docs_kotlin.py README.md $(wildcard docs/*.md)
	python3 tools/docs_kotlin.py $@

# Kotlin: the generated bindings compiled with the JUnit 5 test classes and run on the JVM
# against the library (every exported function, bad input, every vector, the docs' examples);
# Swift: generated and checked complete (no Swift compiler can be installed here).
target/kotlin/test.jar: bindings $(JNA) $(GSON) $(JUNIT) $(KOTLIN_HOME)/bin/kotlinc $(KOTLIN_TESTS) $(KOTLIN_DOCS)
	mkdir -p target/kotlin
	$(KOTLIN_HOME)/bin/kotlinc -nowarn -cp $(JNA):$(GSON):$(JUNIT) $(BINDINGS)/org/kixemap/kix/kix_ffi.kt $(KOTLIN_TESTS) $(KOTLIN_DOCS) -d target/kotlin/test.jar
# JUnit's own summary, then the plain closing line CI reads ("kotlin: N passed, M failed").
kotlin-test: target/kotlin/test.jar
	python3 tools/check_bindings.py $(BINDINGS)
	python3 tools/check_differential.py
	java -Djna.library.path=$(CARGO_OUT)/debug -Dkix.root=. -jar $(JUNIT) --disable-banner --details=summary \
		--fail-if-no-tests --class-path $(KOTLIN_CP) --scan-class-path target/kotlin/test.jar \
		| tee target/kotlin/junit.txt; status=$${PIPESTATUS[0]}; \
		awk '/tests successful/ {ok = $$2} /tests failed/ {bad = $$2} END {print "kotlin: " ok " passed, " bad " failed"}' \
		target/kotlin/junit.txt; exit $$status

# The FFI benchmark (not a test), against a release build of the library.
bench-kotlin: target/kotlin/test.jar
	$(CARGO) build --quiet --release -p kix-ffi
	java -Djna.library.path=$(CARGO_OUT)/release -cp $(KOTLIN_CP) BenchKt
