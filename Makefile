# kubenotes: `make build` builds the site, `make serve` previews it, `make test` runs every check.
# Each target creates .venv on first use and installs the pinned dependencies; re-running is a no-op.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help build serve test lint format lock bench clean

help:
	@echo "make build   set up .venv and build the site strictly into site/"
	@echo "make serve   set up .venv and start the live preview on http://127.0.0.1:8000"
	@echo "            (make serve CONFIG=mkdocs.scale.yml ADDR=127.0.0.1:8811 for another one)"
	@echo "make test    set up .venv with test tools and run lint + the whole test suite"
	@echo "make bench   run the on-demand benchmarks in bench/"

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

test: lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

# Re-pin every dependency after editing pyproject.toml (needs the package registry).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^kubenotes' > $(LOCK)

clean:
	rm -rf site .pytest_cache tests/artifacts
