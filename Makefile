# kubenotes: `make build` builds the site, `make serve` previews it, `make test` runs every check.
# Each target creates .venv on first use and installs the pinned dependencies; re-running is a no-op.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help build serve test test-fast lint format lock bench clean system-packages fuzz

help:
	@echo "make build   set up .venv and build the site strictly into site/"
	@echo "make serve   set up .venv and start the live preview on http://127.0.0.1:8000"
	@echo "            (make serve CONFIG=mkdocs.scale.yml ADDR=127.0.0.1:8811 for another one)"
	@echo "make test    set up .venv with test tools and run lint + the whole test suite"
	@echo "             (installs chromium and fonts-wqy-microhei with apt when root, else says how)"
	@echo "make test-fast  lint + the unit tests only (no site build, no browser)"
	@echo "make lock    re-pin every dependency with hashes after editing pyproject.toml"
	@echo "make bench   run the on-demand benchmarks in bench/"
	@echo "make fuzz    hostile-input properties at length, then atheris (FUZZ_EXAMPLES, FUZZ_SECONDS)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11+ is required (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Every dependency (the site's and the test tools') comes from the hashed lock; the project
# itself is installed editable without dependencies (an editable install has no hash).
$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --clean

# Live preview (tools/preview.py): not strict, so pages with findings are served with their
# finding boxes; a saved page is re-rendered alone. CONFIG= and ADDR= pick another config/port.
CONFIG ?= mkdocs.yml
ADDR   ?= 127.0.0.1:8000

serve: $(VENV)/.installed
	$(BIN)/python tools/preview.py -f $(CONFIG) -a $(ADDR)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check hooks tests bench tools
	$(BIN)/ruff format --check hooks tests bench tools

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix hooks tests bench tools
	$(BIN)/ruff format hooks tests bench tools

# The browser tests need Debian's chromium and a CJK font: installed here when root with apt,
# otherwise `make test` stops at once with the command to run.
SYSTEM_PACKAGES := chromium fonts-wqy-microhei

system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing="$$missing fonts-wqy-microhei"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing$$missing (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
	else \
	  echo "error: the browser tests need$$missing. Install them, then run make test again:" >&2; \
	  echo "  sudo apt-get install -y$$missing" >&2; \
	  echo "(or run the tests without a browser: make test-fast)" >&2; \
	  exit 1; \
	fi

test: system-packages lint
	$(BIN)/python -m pytest

# Unit tests only: no site build, no browser (tests marked `site` or `browser` are left out).
test-fast: lint
	$(BIN)/python -m pytest -q -m "not site and not browser"

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

# Hostile input (issue 11): the hypothesis properties of `make test` with many more examples,
# then the coverage-guided atheris harness on the same targets; crashes go to fuzz/crashes/.
FUZZ_EXAMPLES ?= 20000
FUZZ_SECONDS  ?= 300
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'atheris>=2.3'  # not in the lock: fuzzing only
	KUBENOTES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz_properties.py \
	  -q -p no:cacheprovider --hypothesis-show-statistics
	mkdir -p fuzz/crashes fuzz/work-corpus
	$(BIN)/python fuzz/atheris_fuzz.py -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -artifact_prefix=fuzz/crashes/ fuzz/work-corpus fuzz/corpus

# Re-pin every dependency (base + test extras) with hashes after editing pyproject.toml (needs
# the package registry). Versions already in the lock are kept unless pyproject needs others;
# `rm $(LOCK)` first to take the newest of everything.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'uv>=0.9'
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --quiet \
	  --python $(BIN)/python --custom-compile-command "make lock" -o $(LOCK)

clean:
	rm -rf site .pytest_cache tests/artifacts
