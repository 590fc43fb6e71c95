"""The onnx_int8 embedding backend in the DAG: the export is made once, the study's embeddings and the
per-transcript cache record the backend, a rerun does nothing, another backend re-embeds, and a new
interview embeds and segments only itself (the others are read back from the caches)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.workflow.conftest import run_snakemake, small_study, write_config

STUDY = "alliance3"
PICK = ["interview_01", "interview_02", "interview_03"]


TARGET = f"data/processed/{STUDY}/embeddings.json"


def _planned(result) -> dict[str, int]:
    """Jobs per rule from a dry run's job-stats table."""
    counts, table = {}, False
    for line in result.stdout.splitlines():
        parts = line.split()
        if parts[:2] == ["job", "count"]:
            table = True
            continue
        if table and len(parts) == 2 and parts[1].isdigit() and parts[0] != "total":
            counts[parts[0]] = int(parts[1])
    return counts


def _set_backend(work: Path, backend: str) -> None:
    path = work / "config.yaml"
    config = yaml.safe_load(path.read_text())
    config["embed"]["backend"] = backend
    path.write_text(yaml.safe_dump(config))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("embed_backend")
    study = small_study(demo_raw / "demo_alliance", work / "raw" / STUDY, PICK)
    # the rule makes the export here (no shared one)
    write_config(work, {STUDY: study}, share_export=False, embed={"batch_size": 64, "backend": "onnx_int8"})
    result = run_snakemake(work, TARGET)
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def test_export_made_once_and_recorded(workdir):
    exports = sorted((workdir / "data" / "processed" / "embedding_model").glob("*.onnx"))
    assert len(exports) == 1 and exports[0].name.endswith("-int8.onnx")
    meta = json.loads(Path(f"{exports[0]}.json").read_text())
    assert meta["precision"] == "int8"
    processed = workdir / "data" / "processed" / STUDY
    sidecars = [processed / "embeddings.json"]
    sidecars += [processed / "embeddings" / f"{t}.json" for t in PICK]
    for path in sidecars:
        sidecar = json.loads(path.read_text())
        assert sidecar["backend"] == "onnx_int8" and sidecar["onnx_recipe"] == meta["recipe"]
        assert sidecar["sha256"] == meta["sha256"] and sidecar["runtime"].startswith("onnxruntime ")


def test_rerun_does_nothing(workdir):
    result = run_snakemake(workdir, "--dry-run", TARGET)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Nothing to be done" in result.stdout + result.stderr


def test_another_backend_reembeds(workdir):
    _set_backend(workdir, "torch")
    try:
        result = run_snakemake(workdir, "--dry-run", TARGET)
    finally:
        _set_backend(workdir, "onnx_int8")
    assert result.returncode == 0, result.stderr[-2000:]
    planned = _planned(result)
    assert planned.get("embed") == 1 and "onnx_model" not in planned, planned


def test_a_new_interview_embeds_only_itself(workdir, demo_raw, tmp_path):
    """Runs last: adds interview_05 to the study folder in place."""
    extra = "interview_05"
    fresh = small_study(demo_raw / "demo_alliance", tmp_path / STUDY, [*PICK, extra])
    study = workdir / "raw" / STUDY
    for path in (fresh / "transcripts").glob(f"{extra}.*"):
        shutil.copy2(path, study / "transcripts" / path.name)
    shutil.copy2(fresh / "participants.csv", study / "participants.csv")
    cache = workdir / "data" / "processed" / STUDY / "embeddings"
    segment_cache = workdir / "data" / "processed" / STUDY / "segments"
    before = {t: (cache / f"{t}.npy").stat().st_mtime_ns for t in PICK}
    segmented = {t: (segment_cache / f"{t}.parquet").stat().st_mtime_ns for t in PICK}
    dry = run_snakemake(workdir, "--dry-run", TARGET)
    assert dry.returncode == 0, dry.stderr[-2000:]
    planned = _planned(dry)
    assert planned.get("embed") == 1 and "onnx_model" not in planned, planned
    assert planned.get("segment") == 1 and planned.get("deid_scan") == 1, planned
    result = run_snakemake(workdir, TARGET)
    assert result.returncode == 0, result.stderr[-4000:]
    assert {t: (cache / f"{t}.npy").stat().st_mtime_ns for t in PICK} == before
    assert (cache / f"{extra}.npy").is_file()
    log = (workdir / "logs" / STUDY / "embed.log").read_text()
    assert "embedded 1 transcript(s) in 1 process(es), read 3 unchanged one(s)" in log
    assert {t: (segment_cache / f"{t}.parquet").stat().st_mtime_ns for t in PICK} == segmented
    log = (workdir / "logs" / STUDY / "segment.log").read_text()
    assert "segmented 1 transcript(s) in 1 process(es), read 3 unchanged one(s)" in log
    sidecar = json.loads((workdir / TARGET).read_text())
    segments = pd.read_parquet(workdir / "data" / "processed" / STUDY / "segments.parquet")
    assert sidecar["segment_ids"] == segments["segment_id"].tolist()
    assert set(segments["transcript"]) == {*PICK, extra}
