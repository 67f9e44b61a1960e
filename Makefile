# The two commands of the README:
#   make        set up, then build the seed table's graph and report into output/
#   make test   set up (system packages included), then lint and run the whole test suite
# .ci/run calls `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := data/ouhai-2024-key-tasks.txt

.PHONY: all build test lint lab docs bench system-deps clean

all: build

build: $(VENV)/.installed
	$(BIN)/python build_graph.py $(SEED) -o output
	$(BIN)/dutygraph viz output/graph.ttl --view collaboration -o output/collaboration.html

test: $(VENV)/.installed-dev system-deps lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

# JupyterLab on the notebooks (the graph is built first, so the notebooks have it to load).
lab: build $(VENV)/.installed-notebook
	$(BIN)/jupyter lab --notebook-dir=notebooks

# The ontology's documentation pages, regenerated from ontology/*.ttl (a test fails when stale).
docs: $(VENV)/.installed
	$(BIN)/python -m dutygraph.publish.ontodocs

# The corpus benchmark (minutes: 1, 50 and 500 synthetic documents, rdflib and Oxigraph side by
# side); docs/performance.md records a run. Not part of `make test`.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py

# Debian packages the tests use (rapper, Java for HermiT): installed if missing.
system-deps:
	bash scripts/install-system-deps.sh

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.installed-notebook: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[notebook]'
	touch $@

clean:
	rm -rf output $(VENV)
