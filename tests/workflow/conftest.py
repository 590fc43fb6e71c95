"""Run the Snakemake workflow on small configs built from the demo studies."""

from __future__ import annotations

import atexit
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
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


def write_config(workdir: Path, studies: dict[str, Path], *, share_export: bool = True, **overrides) -> Path:
    """The repository's config with these studies and overrides, in ``workdir/config.yaml``; with an onnx
    embedding backend, the work folder also gets the test session's ONNX export (:func:`shared_export`)
    unless ``share_export`` is false."""
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config["studies"] = {name: str(path) for name, path in studies.items()}
    config.update(overrides)
    path = workdir / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    backend = config.get("embed", {}).get("backend", "onnx_int8")
    if share_export and backend != "torch":
        shared_export(workdir, backend)
    return path


_EXPORTS = Path(tempfile.mkdtemp(prefix="thematica-exports-"))
atexit.register(shutil.rmtree, _EXPORTS, ignore_errors=True)


def shared_export(workdir: Path, backend: str = "onnx_int8") -> None:
    """Put the ONNX export of ``backend`` where the workflow's onnx_model rule writes it, exporting it once
    per test session: every work folder would otherwise make the same file again (torch's import and the
    export, about 15 s of CPU). Snakemake takes a file it finds there as made, as it would a kept
    export. tests/workflow/test_embed_backend.py runs the rule itself."""
    from thematica.embed.onnx import export_path

    relative = export_path(backend)
    made = _EXPORTS / relative
    if not made.is_file():
        code = (
            "import sys; from thematica.embed.onnx import export_onnx; "
            "export_onnx(sys.argv[1], quantize=sys.argv[2] == 'onnx_int8')"
        )
        subprocess.run([sys.executable, "-c", code, str(made), backend], check=True, capture_output=True)
    (workdir / relative).parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", ".json"):  # the export and its sidecar
        shutil.copy2(f"{made}{suffix}", f"{workdir / relative}{suffix}")


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
