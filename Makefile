# thematica: `make run` runs the pipeline on the demo studies, `make test` runs the tests.
# Both create .venv and install everything on first use.
# `make run CONFIG=my_study.yaml` runs exactly the studies of that config (README, Your own study).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The SLURM executor plugin (and what only it needs), kept off Snakemake's path unless a cluster run adds it:
# PYTHONPATH=.venv/cluster snakemake --profile workflow/profiles/slurm ...
CLUSTER := $(VENV)/cluster
# Real REFI-QDA exports shipped in the PyPI package qualitative-coding (AGPL-3.0), read by the tests as data
# only, from this folder outside the environment (tests/real_exports.py).
FIXTURES := $(VENV)/fixtures
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export MPLBACKEND := agg
export PYTHONHASHSEED := 0

# The run's config: its `studies` are the studies run; every other key defaults to config/config.yaml. Its
# report and manifest: results/ for config/config.yaml, results/<config name>/ for another config file.
CONFIG ?= config/config.yaml
RUN_NAME := $(basename $(notdir $(CONFIG)))
RUN_DIR := $(if $(filter config,$(RUN_NAME)),results,results/$(RUN_NAME))
SNAKEMAKE := $(BIN)/snakemake --profile workflow/profiles/default --configfile $(CONFIG)
REPRO_DIR ?= $(CURDIR)/build/reproduce

.PHONY: run check report test test-fast install lint demo reproduce from-release bench clean

# Stages and "N of M steps", the error once at the end, a summary of warnings and outputs, then the report;
# Snakemake's own output goes to logs/run/<config name>.log (VERBOSE=1 also shows it).
run: $(STAMP)
	$(BIN)/thematica run $(CONFIG) $(if $(VERBOSE),--verbose)

# Every problem of the config's study folders at once, without running anything.
check: $(STAMP)
	$(BIN)/thematica check $(CONFIG)

report: $(STAMP)
	$(SNAKEMAKE) --report $(RUN_DIR)/report.html

# The whole suite (what .ci/run calls); `make test-fast` leaves out the workflow, notebook and slow tiers
# and runs the rest in two processes (pytest-xdist), about 2 minutes on 2 cores (docs/testing.md).
test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not workflow and not notebook and not slow" -n 2

install: $(STAMP)

# torch first, from the pinned CPU build: a plain `torch` would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	rm -rf $(CLUSTER)
	$(BIN)/python -m pip install --quiet --no-deps -c requirements.lock --target $(CLUSTER) \
		snakemake-executor-plugin-slurm snakemake-executor-plugin-slurm-jobstep
	rm -rf $(FIXTURES)
	$(BIN)/python -m pip install --quiet --no-deps --target $(FIXTURES) qualitative-coding==1.7.8
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check src tests workflow/scripts
	$(BIN)/snakemake --lint

# Regenerate the committed demo studies from their seed (a test checks they are unchanged).
demo: $(STAMP)
	$(BIN)/python -m thematica.demo data/raw

# Rerun the demo studies from scratch in a fresh copy of the tracked files and compare with
# results/manifest.json (the default config's manifest; a user's study folder is not tracked).
reproduce: CONFIG := config/config.yaml
reproduce: run
	rm -rf $(REPRO_DIR) && mkdir -p $(REPRO_DIR)
	git ls-files -z | xargs -0 cp --parents -t $(REPRO_DIR)
	cd $(REPRO_DIR) && $(CURDIR)/$(BIN)/snakemake --profile workflow/profiles/default --configfile config/config.yaml
	$(BIN)/python -m thematica.support.manifest verify results/manifest.json --root $(REPRO_DIR)

# Rebuild every figure and statistic from the text-free release bundles alone (no transcripts needed): copies
# results/<study>/release/ into a fresh $(REBUILD_DIR) and runs there with release.rebuild_from set;
# results/<study>/qa/release_check.csv there compares every rebuilt output with the bundle's SHA-256 record.
REBUILD_DIR ?= $(CURDIR)/build/from-release
from-release: $(STAMP)
	rm -rf $(REBUILD_DIR) && mkdir -p $(REBUILD_DIR)
	cp -r --parents results/*/release $(REBUILD_DIR)
	$(BIN)/snakemake --profile workflow/profiles/default --snakefile $(CURDIR)/Snakefile \
		--directory $(REBUILD_DIR) --configfile $(CURDIR)/config/config.yaml \
		--config 'release={rebuild_from: "results/{study}/release"}'

# Measure speed, fidelity and scale (docs/performance.md): runs the pipeline in a temporary copy of the demo
# studies (tens of minutes on 2 cores) and writes results/bench/*.json and results/bench/summary.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_perf.py --out results/bench

clean:
	rm -rf data/processed results logs .snakemake
