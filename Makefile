# The two commands a new user needs: `make demo` and `make test`.
# Both create the virtual environment on first use; nothing else needs installing beforehand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: demo test fuzz lint setup clean

# `make demo` installs what running Pactum needs (Pango for the PDFs, and pactum itself);
# `make setup` and `make test` add the development tools, Java for Spark and Debian's Chromium
# for the browser tests.
$(RUN_STAMP): pyproject.toml scripts/ensure-pango.sh scripts/apt-install.sh
	sh scripts/ensure-pango.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP) scripts/ensure-java.sh scripts/ensure-chromium.sh
	sh scripts/ensure-java.sh
	sh scripts/ensure-chromium.sh
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(RUN_STAMP)
	$(BIN)/pactum demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# The bad-input suite's long profile: FUZZ_EXAMPLES cases per command, from a seed that is
# printed first; `make fuzz SEED=N` replays a run (a failure also prints @reproduce_failure).
FUZZ_EXAMPLES ?= 300
ifndef SEED
SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif

fuzz: $(STAMP)
	@echo "make fuzz: $(FUZZ_EXAMPLES) cases per command, --hypothesis-seed=$(SEED) (replay: make fuzz SEED=$(SEED))"
	PACTUM_FUZZ=long PACTUM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_fuzz_inputs.py -k fuzz --hypothesis-seed=$(SEED)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info out
