# Two commands for a reader: `make` builds everything, `make test` proves it.
# Everything runs inside .venv, installed from requirements.lock: every package,
# direct or not, pinned to one version and checked against its sha256 hashes.
# requirements.txt lists what the project asks for; `make lock` turns it into the lock.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
COMPAT_VENV := .venv-mpl310
COMPAT_STAMP := $(COMPAT_VENV)/.installed
COMPAT_LOCK := compat/requirements-mpl310.lock
LOCK_VENV := .venv-lock
PIP_TOOLS := pip-tools==7.6.2
JOBS ?=
FORCE ?=
TIMEOUT ?=
PIP_FLAGS := --quiet --disable-pip-version-check
PIP_COMPILE_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

.DEFAULT_GOAL := all
.PHONY: all build test test-compat lab html slides bench clean venv lock

all: build ## set up .venv, execute every notebook, export every figure

venv: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11+ is needed; run: make PYTHON=/path/to/python3.11")'
	@echo "==> creating $(VENV) with $(PYTHON) and installing $(LOCK) (hash-checked)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --require-hashes -r $(LOCK)
	@# helpers/ importable from any working directory: a .pth file puts this folder on
	@# the venv's sys.path, which is all an editable install would do here, without a
	@# package build (nothing to download, no setuptools notices on every install).
	$(BIN)/python -c 'import pathlib, sys, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "qwen_red_envelope_collection.pth").write_text(sys.argv[1] + "\n")' "$(CURDIR)"
	@touch $(STAMP)

lock: ## regenerate requirements.lock (and the compat lock) from requirements.txt; needs the index
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install $(PIP_FLAGS) $(PIP_TOOLS)
	$(LOCK_VENV)/bin/pip-compile $(PIP_COMPILE_FLAGS) --output-file $(LOCK) requirements.txt
	$(LOCK_VENV)/bin/pip-compile $(PIP_COMPILE_FLAGS) --output-file $(COMPAT_LOCK) compat/requirements-mpl310.txt

build: $(STAMP) ## write the editions, execute notebooks (skipping unchanged ones), export figures
	@# data/datapackage.json first: it lives in data/, which every notebook's fingerprint covers
	$(BIN)/python -m helpers.publish.datapackage
	$(BIN)/python -m helpers.publish.editions
	$(BIN)/python -m helpers.publish.build $(if $(JOBS),--jobs $(JOBS)) $(if $(FORCE),--force) $(if $(TIMEOUT),--timeout $(TIMEOUT))
	$(BIN)/python -m helpers.publish.readme

test: $(STAMP) ## the whole test suite
	$(BIN)/python -m pytest

$(COMPAT_STAMP): $(COMPAT_LOCK)
	@echo "==> creating $(COMPAT_VENV) (matplotlib 3.10) for the compatibility tests"
	$(PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/python -m pip install $(PIP_FLAGS) --require-hashes -r $(COMPAT_LOCK)
	@touch $(COMPAT_STAMP)

test-compat: $(COMPAT_STAMP) ## the Arabic reading tests under matplotlib 3.10 (reshaper path)
	$(COMPAT_VENV)/bin/python -m pytest -p no:cacheprovider -p no:xdist -o addopts="" tests/test_arabic_reading.py

lab: $(STAMP) ## JupyterLab on notebooks/ with the project's kernel
	$(BIN)/python -m helpers.publish.lab

html: $(STAMP) ## the HTML edition in build/html/
	$(BIN)/python -m helpers.publish.html

slides: $(STAMP) ## slide decks in build/slides/, one per language, from the figures in figures/
	$(BIN)/python -m helpers.publish.slides

bench: $(STAMP) ## benchmarks (numbers for the README, not tests)
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/bench_helpers.py
	$(BIN)/python bench/slides_bench.py
	$(BIN)/python bench/bench_collisions.py
	$(BIN)/python bench/pdf_text_bench.py

clean: ## remove build products and caches (never data/, notebooks/ or figures/)
	rm -rf build .pytest_cache .hypothesis
	find . -path './.venv*' -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
