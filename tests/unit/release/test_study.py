"""The release bundle's library: text-free tables, the index, restoring and checking a rebuild."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.ingest.study import write_canonical
from thematica.release import (
    SEGMENT_COLUMNS,
    bundle_code_files,
    check_rebuild,
    check_rebuild_workdir,
    check_text_free,
    compare_rebuild,
    load_bundle_study,
    rebuild_differences,
    rebuilt_outputs,
    text_free_segments,
    text_lengths,
    transcript_lengths,
    verify_bundle,
    write_bundle_index,
)
from thematica.support.tables import write_csv, write_parquet

SEGMENTS = pd.DataFrame(
    {
        "segment_id": ["int_01_s0001", "int_02_s0001"],
        "transcript": ["int_01", "int_02"],
        "participant_id": ["P01", "P02"],
        "group": ["therapist", "client"],
        "turn": [1, 1],
        "start": [5, 5],
        "end": [40, 30],
        "text": ["Mostly for homework between sessions.", "At two in the morning."],
    }
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_segments_lose_only_their_text():
    table = text_free_segments(SEGMENTS)
    assert list(table.columns) == SEGMENT_COLUMNS == [c for c in SEGMENTS.columns if c != "text"]
    pd.testing.assert_frame_equal(table, SEGMENTS.drop(columns="text"))
    with pytest.raises(ThematicaError, match="lacks column"):
        text_free_segments(SEGMENTS.drop(columns="turn"))


def test_lengths_count_code_points_and_a_lengths_table_stands_in(tmp_path):
    texts = {"int_01": "P01: caf\u00e9 \U0001f600 ok\n", "int_02": "P02: plain\n"}
    paths = []
    for name, text in texts.items():
        paths.append(tmp_path / f"{name}.txt")
        write_canonical(text, paths[-1])
    table = transcript_lengths(paths)
    assert table.to_dict("list") == {"transcript": ["int_01", "int_02"], "length": [15, 11]}
    assert len(texts["int_01"]) == 15 and len(texts["int_01"].encode("utf-8")) != 15
    write_csv(table, tmp_path / "transcript_lengths.csv")
    assert (
        text_lengths(paths)
        == text_lengths([tmp_path / "transcript_lengths.csv"])
        == {"int_01": 15, "int_02": 11}
    )
    assert text_lengths({"x": paths[1]}) == {"x": 11}
    write_csv(table.rename(columns={"length": "chars"}), tmp_path / "bad.csv")
    with pytest.raises(ThematicaError, match="needs columns transcript, length"):
        text_lengths([tmp_path / "bad.csv"])


@pytest.mark.parametrize("column", ["text", "quote", "coded_text", "masked_excerpt", "Context", "sentence"])
def test_text_columns_are_refused(tmp_path, column):
    path = tmp_path / "t.parquet"
    write_parquet(pd.DataFrame({"segment_id": ["a"], column: ["said something"]}), path)
    with pytest.raises(ThematicaError, match=f"column '{column}' may hold transcript text"):
        check_text_free(path)
    with pytest.raises(ThematicaError, match="may hold transcript text"):
        write_bundle_index(tmp_path, study="s", files=[path], outputs=[], config={})
    assert not (tmp_path / "manifest.json").exists()


def test_counts_named_after_text_are_allowed(tmp_path):
    path = tmp_path / "ledger.csv"
    write_csv(pd.DataFrame({"transcript": ["a"], "text_mismatches": [0], "chars_in_turns": [9]}), path)
    check_text_free(path)


def test_rebuilt_outputs_leave_out_qa_text_and_processed_tables():
    targets = [
        "results/s/figures/a.png",
        "results/s/qa/ledger.csv",
        "results/s/topics/quotes.csv",
        "results/s/topics/candidate_themes.qdpx",
        "results/s/topics/topic_info.csv",
        "data/processed/s/consensus.parquet",
        "results/s/figures/a.png",
        "results/st/qa/x.csv",
    ]
    assert rebuilt_outputs(targets, ["s"]) == [
        "results/s/figures/a.png",
        "results/s/topics/topic_info.csv",
        "results/st/qa/x.csv",
    ]


@pytest.fixture()
def bundle(tmp_path, tiny_study, monkeypatch) -> Path:
    """A bundle of the tiny study with a segments table, and one recorded output, in a working dir."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "results" / "tiny" / "release"
    folder.mkdir(parents=True)
    for name in ("study.yaml", "participants.csv"):
        shutil.copy(tiny_study / name, folder / name)
    write_parquet(text_free_segments(SEGMENTS), folder / "segments.parquet")
    output = Path("results/tiny/figures/f.svg")
    output.parent.mkdir(parents=True)
    output.write_text("<svg/>")
    write_bundle_index(
        folder,
        study="tiny",
        files=[folder / n for n in ("study.yaml", "participants.csv", "segments.parquet")],
        outputs=[str(output)],
        config={"seed": 1, "figures": {"dpi": 200}, "studies": {"tiny": "x"}},
    )
    return folder


def test_index_records_every_file_and_output(bundle):
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert sorted(manifest["files"]) == ["README.md", "participants.csv", "segments.parquet", "study.yaml"]
    assert all(manifest["files"][n] == _digest(bundle / n) for n in manifest["files"])
    assert manifest["outputs"] == {"results/tiny/figures/f.svg": _digest(Path("results/tiny/figures/f.svg"))}
    readme = (bundle / "README.md").read_text()
    assert "| `segments.parquet` | participant segments without their text" in readme
    assert f"| 2 | `{manifest['files']['segments.parquet']}` |" in readme
    assert "make from-release" in readme


def test_index_is_deterministic(bundle):
    before = {p.name: p.read_bytes() for p in bundle.iterdir()}
    files = [bundle / n for n in ("study.yaml", "participants.csv", "segments.parquet")]
    config = {"seed": 1, "figures": {"dpi": 200}, "studies": {"tiny": "x"}}
    write_bundle_index(
        bundle, study="tiny", files=files, outputs=["results/tiny/figures/f.svg"], config=config
    )
    assert {p.name: p.read_bytes() for p in bundle.iterdir()} == before


def test_bundle_study_reads_yaml_and_participants(bundle, tiny_study):
    study = load_bundle_study(bundle, "tiny")
    assert study.groups == ["therapist", "client"] and study.group_column == "role"
    assert list(study.transcripts) == ["int_01", "int_02"]
    assert not any(p.exists() for p in study.transcripts.values())
    assert study.participant_of("int_02") == {"participant_id": "P02", "group": "client"}
    assert bundle_code_files(bundle) is None
    (bundle / "codings.parquet").write_bytes(b"")
    assert bundle_code_files(bundle).codebook == bundle / "codebook.parquet"
    with pytest.raises(ThematicaError, match="manifest.json is missing"):
        load_bundle_study(tiny_study, "tiny")


def test_verify_checks_every_recorded_hash(bundle):
    table = verify_bundle(bundle)
    assert table["file"].tolist() == ["README.md", "participants.csv", "segments.parquet", "study.yaml"]
    assert table["identical"].all()
    shutil.copy(bundle / "study.yaml", bundle / "extra.yaml")  # not listed: ignored
    verify_bundle(bundle)
    write_parquet(text_free_segments(SEGMENTS).iloc[:1], bundle / "segments.parquet")
    with pytest.raises(
        ThematicaError, match="segments.parquet: differs from the SHA-256 in the bundle's manifest"
    ):
        verify_bundle(bundle)
    (bundle / "segments.parquet").unlink()
    with pytest.raises(ThematicaError, match="segments.parquet: is missing from the release bundle"):
        verify_bundle(bundle)


def test_rebuild_check_names_what_differs(bundle):
    config = {"seed": 1, "figures": {"dpi": 200}, "studies": {"tiny": "elsewhere"}, "release": {"x": 1}}
    table = check_rebuild(bundle / "manifest.json", config)
    assert table["identical"].all() and len(table) == 1
    Path("results/tiny/figures/f.svg").write_text("<svg></svg>")
    assert not compare_rebuild(bundle / "manifest.json")["identical"].any()
    changed = {**config, "figures": {"dpi": 300}}
    with pytest.raises(ThematicaError, match=r"1 of 1 rebuilt outputs differ .*figures.dpi: 200 -> 300"):
        check_rebuild(bundle / "manifest.json", changed)
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert rebuild_differences(manifest, config) == []


def test_no_rebuild_over_a_full_run(tmp_path):
    check_rebuild_workdir(["s"], tmp_path)
    (tmp_path / "data" / "processed" / "s" / "text").mkdir(parents=True)
    with pytest.raises(ThematicaError, match="holds a full run of study 's'"):
        check_rebuild_workdir(["s"], tmp_path)
