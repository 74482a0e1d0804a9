# Two commands on a fresh machine:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := examples/carers-short-breaks

.PHONY: demo test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps so repeated runs do not reinstall; they are redone when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/tendereval validate --quiet $(DEMO)
	$(BIN)/tendereval score $(DEMO)
	$(BIN)/tendereval summaries $(DEMO)
	@echo ""
	@echo "Done. Open the evaluation report and the bidders' assessment summaries in $(DEMO)/reports/"

# Over every core (pytest-xdist): the suite takes half the time on two. Each test makes its own
# files, so none depends on another's; `.venv/bin/pytest tests/x.py` still runs one file alone.
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto
	$(BIN)/ruff check src tests benchmarks examples

# CP-SAT (ortools) is only a reference for the allocation benchmark, never a dependency:
# installed here when it can be, and the benchmark goes without it when not.
bench: $(VENV)/.installed-dev
	-$(BIN)/python -m pip install --quiet ortools || echo "ortools did not install: no CP-SAT reference"
	$(BIN)/python benchmarks/run.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
