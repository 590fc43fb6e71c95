"""Run the Snakemake workflow on small configs built from the demo studies."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SNAKEMAKE = Path(sys.executable).parent / "snakemake"


def small_study(src: Path, dst: Path, transcripts: list[str]) -> Path:
    """Copy a study folder keeping only ``transcripts`` (their participants.csv rows, the deid allowlist)."""
    (dst / "transcripts").mkdir(parents=True)
    shutil.copy(src / "study.yaml", dst / "study.yaml")
    if (src / "deid_allowlist.txt").is_file():  # the study's known false positives of the deid scan
        shutil.copy(src / "deid_allowlist.txt", dst / "deid_allowlist.txt")
    for path in (src / "transcripts").iterdir():
        if path.stem in transcripts:
            shutil.copy(path, dst / "transcripts" / path.name)
    rows = list(csv.DictReader(io.StringIO((src / "participants.csv").read_text(encoding="utf-8"))))
    with open(dst / "participants.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if r["transcript"] in transcripts)
    return dst


def coded_small_study(src: Path, dst: Path, transcripts: list[str]) -> Path:
    """:func:`small_study` that also keeps the coder exports, codebooks and coders.csv (never ``truth/``)."""
    small_study(src, dst, transcripts)
    for path in src.iterdir():
        if path.name in ("transcripts", "participants.csv", "study.yaml", "truth", "deid_allowlist.txt"):
            continue
        if path.is_dir():
            shutil.copytree(path, dst / path.name)
        else:
            shutil.copy(path, dst / path.name)
    return dst


def write_config(workdir: Path, studies: dict[str, Path], **overrides) -> Path:
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config["studies"] = {name: str(path) for name, path in studies.items()}
    config.update(overrides)
    path = workdir / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def run_snakemake(workdir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the repository's Snakefile in ``workdir`` with its config.yaml (``env``: extra variables)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "MPLBACKEND": "agg", "PYTHONHASHSEED": "0", **(env or {})}
    command = [
        str(SNAKEMAKE),
        "--snakefile",
        str(REPO / "Snakefile"),
        "--directory",
        str(workdir),
        "--configfile",
        str(workdir / "config.yaml"),
        "--cores",
        "2",
        "--nocolor",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=workdir)


@pytest.fixture(scope="session")
def demo_raw() -> Path:
    return REPO / "data" / "raw"
