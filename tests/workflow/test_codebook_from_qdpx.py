"""The codebook rule reads the coders' .qdpx when a study has no codebook file; theme_level reaches it."""

from __future__ import annotations

import pandas as pd

from tests.workflow.conftest import coded_small_study, run_snakemake, write_config

BOOK = "data/processed/{study}/codebook.parquet"


def test_codebook_from_the_coders_qdpx(tmp_path, demo_raw):
    with_file = coded_small_study(demo_raw / "demo_physicians", tmp_path / "raw" / "with", ["interview_01"])
    without = coded_small_study(demo_raw / "demo_physicians", tmp_path / "raw" / "without", ["interview_01"])
    (without / "codebook.csv").unlink()
    (without / "codebook.qdc").unlink()
    write_config(tmp_path, {"with": with_file, "without": without}, share_export=False)
    dry = run_snakemake(tmp_path, "-n", "results/without/release/manifest.json")
    assert dry.returncode == 0, dry.stderr[-3000:]  # the release bundle copies no .qdpx as codebook
    result = run_snakemake(tmp_path, BOOK.format(study="with"), BOOK.format(study="without"))
    assert result.returncode == 0, result.stderr[-3000:]
    log = (tmp_path / "logs" / "without" / "codes" / "codebook.log").read_text()
    assert "coder_1.qdpx, coder_2.qdpx, coder_3.qdpx" in log
    csv_book = pd.read_parquet(tmp_path / BOOK.format(study="with"))
    qdpx_book = pd.read_parquet(tmp_path / BOOK.format(study="without"))
    cols = ["code", "theme", "label", "definition", "parent", "level"]
    pd.testing.assert_frame_equal(csv_book[cols], qdpx_book[cols])
    assert qdpx_book["path"].str.count(" > ").eq(1).all()
    assert (qdpx_book["path"] == qdpx_book["theme_label"] + " > " + qdpx_book["label"]).all()

    write_config(tmp_path, {"without": without}, share_export=False, codes={"theme_level": 2})
    deeper = run_snakemake(tmp_path, BOOK.format(study="without"), "--forcerun", "codebook")
    assert deeper.returncode == 0, deeper.stderr[-3000:]
    level2 = pd.read_parquet(tmp_path / BOOK.format(study="without"))
    assert level2["code"].tolist() == qdpx_book["code"].tolist()
    assert (level2["theme"] == level2["code"]).all()  # every code is its own theme one level down
    assert (level2["path"] == qdpx_book["path"]).all() and (level2["level"] == 2).all()
