# kubenotes: `make build` builds the site, `make serve` previews it, `make test` runs every check.
# Each target creates .venv on first use and installs the pinned dependencies; re-running is a no-op.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help build serve test lint format lock bench clean fuzz

help:
	@echo "make build   set up .venv and build the site strictly into site/"
	@echo "make serve   set up .venv and start the live preview on http://127.0.0.1:8000"
	@echo "make test    set up .venv with test tools and run lint + the whole test suite"
	@echo "make bench   run the on-demand benchmarks in bench/"
	@echo "make fuzz    hostile-input properties at length, then atheris (FUZZ_EXAMPLES, FUZZ_SECONDS)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11+ is required (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --clean

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

lint: $(VENV)/.installed-test
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix hooks tests bench
	$(BIN)/ruff format hooks tests bench

test: lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

# Hostile input (issue 11): the hypothesis properties of `make test` with many more examples,
# then the coverage-guided atheris harness on the same targets; crashes go to fuzz/crashes/.
FUZZ_EXAMPLES ?= 20000
FUZZ_SECONDS  ?= 300
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[fuzz]'
	KUBENOTES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz_properties.py \
	  -q -p no:cacheprovider --hypothesis-show-statistics
	mkdir -p fuzz/crashes fuzz/work-corpus
	$(BIN)/python fuzz/atheris_fuzz.py -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -artifact_prefix=fuzz/crashes/ fuzz/work-corpus fuzz/corpus

# Re-pin every dependency after editing pyproject.toml (needs the package registry).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^kubenotes' > $(LOCK)

clean:
	rm -rf site .pytest_cache tests/artifacts
