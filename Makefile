# thematica: `make run` runs the pipeline on the demo studies, `make test` runs the tests.
# Both create .venv and install everything on first use.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export MPLBACKEND := agg
export PYTHONHASHSEED := 0

.PHONY: run test install lint demo clean

run: $(STAMP)
	$(BIN)/snakemake --profile workflow/profiles/default --configfile config/config.yaml

test: $(STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

# torch first, from the pinned CPU build: a plain `torch` would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check src tests workflow/scripts
	$(BIN)/snakemake --lint

# Regenerate the committed demo studies from their seed (a test checks they are unchanged).
demo: $(STAMP)
	$(BIN)/python -m thematica.demo data/raw

clean:
	rm -rf data/processed results logs .snakemake
