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

SNAKEMAKE := $(BIN)/snakemake --profile workflow/profiles/default --configfile config/config.yaml
REPRO_DIR ?= $(CURDIR)/build/reproduce

.PHONY: run report test install lint demo reproduce clean

run: $(STAMP)
	$(SNAKEMAKE)
	$(SNAKEMAKE) --report results/report.html

report: $(STAMP)
	$(SNAKEMAKE) --report results/report.html

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

# Rerun everything from scratch in a fresh copy of the tracked files and compare with results/manifest.json.
reproduce: run
	rm -rf $(REPRO_DIR) && mkdir -p $(REPRO_DIR)
	git ls-files -z | xargs -0 cp --parents -t $(REPRO_DIR)
	cd $(REPRO_DIR) && $(CURDIR)/$(BIN)/snakemake --profile workflow/profiles/default --configfile config/config.yaml
	$(BIN)/python -m thematica.manifest verify results/manifest.json --root $(REPRO_DIR)

clean:
	rm -rf data/processed results logs .snakemake
