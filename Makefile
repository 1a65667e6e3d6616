# shopdesk — `make run` opens the app on demo data, `make test` runs the checks.
# Both bootstrap .venv on first use, so a fresh clone needs nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint format bench translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,team]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/shopdesk --demo

test: $(STAMP)
	$(BIN)/ruff check shopdesk tests benchmarks
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check shopdesk tests benchmarks
	$(BIN)/ruff format --check shopdesk tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format shopdesk tests benchmarks
	$(BIN)/ruff check --fix shopdesk tests benchmarks

translations: $(STAMP)
	$(BIN)/python -m shopdesk.tools.translations

bench: $(STAMP)
	for f in benchmarks/*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
