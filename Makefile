# Two commands for a reader: `make` builds everything, `make test` proves it.
# Everything runs inside .venv, made from the pinned requirements.txt.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPAT_VENV := .venv-mpl310
COMPAT_STAMP := $(COMPAT_VENV)/.installed
JOBS ?=
FORCE ?=
PIP_FLAGS := --quiet --disable-pip-version-check

.DEFAULT_GOAL := all
.PHONY: all build test test-compat lab html slides bench clean venv

all: build ## set up .venv, execute every notebook, export every figure

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11+ is needed; run: make PYTHON=/path/to/python3.11")'
	@echo "==> creating $(VENV) with $(PYTHON) and installing requirements.txt"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip
	$(BIN)/python -m pip install $(PIP_FLAGS) -r requirements.txt
	@# helpers/ importable from any working directory, as an editable install
	$(BIN)/python -m pip install $(PIP_FLAGS) --no-deps -e .
	@touch $(STAMP)

build: $(STAMP) ## write the editions, execute notebooks (skipping unchanged ones), export figures
	@# data/datapackage.json first: it lives in data/, which every notebook's fingerprint covers
	$(BIN)/python -m helpers.publish.datapackage
	$(BIN)/python -m helpers.publish.editions
	$(BIN)/python -m helpers.publish.build $(if $(JOBS),--jobs $(JOBS)) $(if $(FORCE),--force)
	$(BIN)/python -m helpers.publish.readme

test: $(STAMP) ## the whole test suite
	$(BIN)/python -m pytest

$(COMPAT_STAMP): compat/requirements-mpl310.txt
	@echo "==> creating $(COMPAT_VENV) (matplotlib 3.10) for the compatibility tests"
	$(PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/python -m pip install $(PIP_FLAGS) -r compat/requirements-mpl310.txt
	@touch $(COMPAT_STAMP)

test-compat: $(COMPAT_STAMP) ## the Arabic reading tests under matplotlib 3.10 (reshaper path)
	$(COMPAT_VENV)/bin/python -m pytest -p no:cacheprovider -p no:xdist -o addopts="" tests/test_arabic_reading.py

lab: $(STAMP) ## JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks

html: $(STAMP) ## the HTML edition in build/html/
	$(BIN)/python -m helpers.publish.html

slides: $(STAMP) ## slide decks in build/slides/, one per language, from the figures in figures/
	$(BIN)/python -m helpers.publish.slides

bench: $(STAMP) ## benchmarks (numbers for the README, not tests)
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/bench_helpers.py
	$(BIN)/python bench/slides_bench.py
	$(BIN)/python bench/bench_collisions.py

clean: ## remove build products and caches (never data/, notebooks/ or figures/)
	rm -rf build .pytest_cache .hypothesis
	find . -path './.venv*' -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
