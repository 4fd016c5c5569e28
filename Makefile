# The two commands a new user needs: `make demo` and `make test`.
# Both create the virtual environment on first use; nothing else needs installing beforehand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup clean

$(STAMP): pyproject.toml scripts/ensure-java.sh scripts/ensure-chromium.sh scripts/ensure-pango.sh
	sh scripts/ensure-java.sh
	sh scripts/ensure-chromium.sh
	sh scripts/ensure-pango.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/pactum demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info out
