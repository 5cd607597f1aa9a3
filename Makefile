# Homeward: `make run` installs everything and starts the app with demo data; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run install test lint clean

$(BIN)/homeward: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/homeward

install: $(BIN)/homeward

run: install
	$(BIN)/homeward migrate --verbosity 0
	$(BIN)/homeward demo
	@echo "Homeward is starting on http://$(HOST)/ - log in as caseofficer / homeward-demo (see README)."
	$(BIN)/homeward runserver $(HOST)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check homeward tests
	$(BIN)/mypy homeward

clean:
	rm -rf $(VENV) var
