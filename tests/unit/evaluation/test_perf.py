"""Measuring helpers: Snakemake benchmark files and job records, import probes."""

from __future__ import annotations

import base64
import json

import pytest

from thematica.evaluation.perf import (
    import_profile,
    read_job_times,
    read_rule_benchmarks,
    script_imports,
    summarise_job_times,
    summarise_rule_benchmarks,
)

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"


def _tsv(path, seconds, rss, cpu):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + f"{seconds}\t0:00:01\t{rss}\t900\t{rss - 10}\t{rss - 5}\t0\t0\t80\t{cpu}\n")


def test_benchmark_files_become_steps_per_transcript_and_per_study(tmp_path):
    _tsv(tmp_path / "s1" / "deid" / "scan_t1.tsv", 2.0, 300, 1.5)
    _tsv(tmp_path / "s1" / "deid" / "scan_t2.tsv", 3.0, 320, 2.5)
    _tsv(tmp_path / "s1" / "embed" / "t1.tsv", 4.0, 700, 3.5)
    _tsv(tmp_path / "s1" / "codes" / "align.tsv", 1.0, 200, 0.9)
    _tsv(tmp_path / "embedding_model" / "onnx_model.tsv", 9.0, 1500, 8.0)
    (tmp_path / "s1" / "empty.tsv").write_text(HEADER)
    jobs = read_rule_benchmarks(tmp_path, {"s1": ["t1", "t2"]})
    steps = dict(zip(jobs["path"], jobs["step"], strict=True))
    assert steps == {
        "embedding_model/onnx_model.tsv": "embedding_model/onnx_model",
        "s1/codes/align.tsv": "codes/align",
        "s1/deid/scan_t1.tsv": "deid/scan",
        "s1/deid/scan_t2.tsv": "deid/scan",
        "s1/embed/t1.tsv": "embed",
    }
    summary = summarise_rule_benchmarks(jobs).set_index("step")
    assert summary.loc["deid/scan", "jobs"] == 2
    assert summary.loc["deid/scan", "total_s"] == pytest.approx(5.0)
    assert summary.loc["deid/scan", "cpu_s"] == pytest.approx(4.0)
    assert summary.loc["deid/scan", "max_rss_mb"] == 320
    assert summary.index[0] == "embedding_model/onnx_model"  # longest first


def test_job_records_are_merged_per_job(tmp_path):
    folder = tmp_path / ".snakemake" / "metadata"
    folder.mkdir(parents=True)
    records = [
        ("a.npy", {"rule": "embed", "job_hash": 1, "starttime": 10.0, "endtime": 14.0}),
        ("a.json", {"rule": "embed", "job_hash": 1, "starttime": 10.0, "endtime": 14.0001}),
        ("b.npy", {"rule": "embed", "job_hash": 2, "starttime": 20.0, "endtime": 21.0}),
        ("c.csv", {"rule": "topics", "job_hash": 3, "starttime": 30.0, "endtime": 40.0}),
        ("d.csv", {"rule": "topics", "job_hash": 4, "starttime": 30.0, "endtime": None, "incomplete": True}),
    ]
    for name, record in records:
        (folder / base64.b64encode(name.encode()).decode()).write_text(json.dumps(record))
    jobs = read_job_times(tmp_path)
    assert len(jobs) == 3
    summary = summarise_job_times(jobs).set_index("rule")
    assert summary.loc["topics", "total_s"] == pytest.approx(10.0)
    assert summary.loc["embed", "jobs"] == 2
    later = summarise_job_times(jobs, since=15.0).set_index("rule")
    assert later.loc["embed", "jobs"] == 1


def test_import_probe_reports_heavy_modules_and_listed_ones(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("import json\nfrom thematica.errors import ThematicaError\nwith x:\n    import torch\n")
    statements = script_imports(script)
    assert statements == ["import json", "from thematica.errors import ThematicaError"]
    found = import_profile(statements, list_prefix="thematica")
    assert found["heavy"] == [] and "thematica.errors" in found["listed"]
    assert found["process_s"] >= found["import_s"] > 0
    with pytest.raises(RuntimeError, match="import probe failed"):
        import_profile(["import no_such_module_here"])
