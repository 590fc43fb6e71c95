"""Light rules stay light: no workflow script imports torch, BERTopic, sentence-transformers, UMAP or
HDBSCAN when it starts, and the thematica modules a light rule loads never import them, not even inside a
function. Heavy rules import them inside functions, when they run."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from thematica.evaluation.perf import HEAVY_MODULES, heavy_imports_in_source, import_profile, profile_scripts

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "workflow" / "scripts"
# Rules that need a heavy library when they run: candidate themes, the codes' keywords (BERTopic's c-TF-IDF),
# the ONNX export (torch), embed (torch, unless an onnx backend is configured) and the compilation of the
# topic fits (UMAP), the codebook-guided themes (BERTopic's zero-shot fit).
HEAVY_RULE_SCRIPTS = {
    "topics",
    "topic_refits",
    "code_keywords",
    "export_onnx",
    "embed",
    "jit_cache",
    "guided_topics",
}
# Light rules that load a module with a heavy import in a function they never call.
NOT_CALLED = {
    # topic_code_overlap only; code_keywords (BERTopic's c-TF-IDF for the human codes) is not called
    "crosswalk": {"thematica.topics.crosswalk"},
    # guided_recovery scores the guided themes' table; the zero-shot fit it imports is not called
    "guided_recovery": {"thematica.topics.guided_fit"},
}


@pytest.fixture(scope="module")
def profiles():
    """One fresh interpreter a script, two at a time: about 40 probes of ~2.5 s each."""
    import pandas as pd

    with ThreadPoolExecutor(2) as pool:
        rows = pool.map(
            lambda path: profile_scripts([path], list_prefix="thematica"), sorted(SCRIPTS.glob("*.py"))
        )
        return pd.concat(list(rows), ignore_index=True)


def test_no_workflow_script_imports_a_heavy_library_at_start(profiles):
    offenders = profiles.loc[profiles["heavy"] != "", ["script", "heavy"]].values.tolist()
    assert not offenders, f"scripts importing one of {HEAVY_MODULES} at start: {offenders}"


def test_light_rules_reach_no_module_that_imports_a_heavy_library(profiles):
    offenders = {}
    for row in profiles.itertuples(index=False):
        if row.script in HEAVY_RULE_SCRIPTS:
            continue
        reached = {
            m: heavy_imports_in_source(m)
            for m in row.listed.split(",")
            if m and m not in NOT_CALLED.get(row.script, set())
        }
        bad = {m: h for m, h in reached.items() if h}
        if bad:
            offenders[row.script] = bad
    assert not offenders, f"light rules whose modules import heavy libraries: {offenders}"


def test_the_probe_sees_heavy_modules():
    found = import_profile(["import hdbscan"], list_prefix="hdbscan")
    assert "hdbscan" in found["heavy"] and "hdbscan" in found["listed"]
    assert found["import_s"] > 0 and found["modules"] > 50


def test_parsing_the_workflow_imports_neither_pandas_nor_scipy(tmp_path):
    """The workflow is parsed in every Snakemake process (and in every job of a cluster run): the study
    folders, code files and params are read without pandas, pyarrow or SciPy (about half a second).
    (NumPy is Snakemake's own: its YAML templating imports it; Snakemake also imports pandas later, to
    fingerprint params, which this dry run of the rule list does not reach.)"""
    import subprocess
    import sys

    import yaml

    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    config["studies"] = {name: str(REPO / "data" / "raw" / name) for name in config["studies"]}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    snakefile, work, configfile = str(REPO / "Snakefile"), str(tmp_path), str(tmp_path / "config.yaml")
    command = ["-m", "snakemake", "--snakefile", snakefile, "--directory", work, "--configfile", configfile]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command, "--dry-run", "--quiet", "rules"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "thematica.ingest.folder" in imported and "snakemake.dag" in imported  # the probe sees the parse
    assert not imported & {"pandas", "scipy", "pyarrow"}, sorted(imported & {"pandas", "scipy", "pyarrow"})
