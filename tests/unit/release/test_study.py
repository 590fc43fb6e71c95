"""The release stage's entry points: the bundle index, the bundle's study, verifying a bundle and checking a
rebuild."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.unit.release.test_text_free import SEGMENTS
from thematica.errors import ThematicaError
from thematica.release.bundle import bundle_code_files, load_bundle_study
from thematica.release.rebuild import check_rebuild_workdir, compare_rebuild, rebuild_differences
from thematica.release.study import check_rebuild, verify_bundle, write_bundle_index
from thematica.release.text_free import text_free_segments
from thematica.support.tables import write_parquet


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
