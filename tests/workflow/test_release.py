"""Release bundle end to end: run two small coded studies, keep only their bundles and the config, delete
everything else (transcripts, coder exports, processed tables, results), rebuild from the bundles alone and
compare every figure and statistic with the original byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.workflow.conftest import coded_small_study, run_snakemake, write_config
from thematica.ingest.study import read_canonical
from thematica.release import BUNDLE_FILES, NOT_REBUILT, SEGMENT_COLUMNS

# Two interviews of each demo study, one per group: enough segments for candidate themes, two coded studies
# for the combined perspectives figure, the Bordin levels of the alliance codebook.
PICK = {
    "demo_alliance": ["interview_01", "interview_02"],
    "demo_physicians": ["interview_01", "interview_04"],
}
SETTINGS = {
    "reliability": {"n_bootstrap": 200},
    "saturation": {"n_permutations": 100, "n_bootstrap": 20},
    "topics": {"stability_runs": 1},
}
REBUILD = {"rebuild_from": "results/{study}/release"}


def _config(work: Path, studies: dict[str, Path], *, share_export: bool = True, **release) -> Path:
    config = write_config(work, studies, share_export=share_export)
    data = yaml.safe_load(config.read_text())
    for section, values in SETTINGS.items():
        data[section].update(values)
    data["release"] = {"rebuild_from": None, **release}
    config.write_text(yaml.safe_dump(data))
    return config


def _digests(root: Path, paths: list[str]) -> dict[str, str]:
    return {p: hashlib.sha256((root / p).read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, demo_raw) -> tuple[Path, Path]:
    """(original run, rebuild from the bundles alone)."""
    original = tmp_path_factory.mktemp("release_original")
    studies = {n: coded_small_study(demo_raw / n, original / "raw" / n, ts) for n, ts in PICK.items()}
    _config(original, studies)
    # The bundles need every output they record (all figures and statistics), not the text-only extras.
    result = run_snakemake(original, *[f"results/{name}/release/README.md" for name in PICK])
    assert result.returncode == 0, result.stderr[-4000:]

    rebuild = tmp_path_factory.mktemp("release_rebuild")
    for name in PICK:
        shutil.copytree(original / "results" / name / "release", rebuild / "results" / name / "release")
    # The rebuild's config names the same studies; their folders do not exist there.
    _config(rebuild, {n: rebuild / "raw" / n for n in PICK}, share_export=False, **REBUILD)  # no model there
    result = run_snakemake(rebuild)
    (rebuild / "rebuild.stderr").write_text(result.stderr)
    assert result.returncode == 0, result.stderr[-4000:]
    return original, rebuild


def _recorded(original: Path) -> dict[str, str]:
    outputs = {}
    for name in PICK:
        manifest = json.loads((original / "results" / name / "release" / "manifest.json").read_text())
        outputs.update(manifest["outputs"])
    return outputs


def test_bundle_holds_the_documented_files(runs):
    original, _ = runs
    for name in PICK:
        folder = original / "results" / name / "release"
        names = {p.name for p in folder.iterdir()}
        expected = {f.name for f in BUNDLE_FILES} | {"codebook.csv", "README.md", "manifest.json"}
        assert names == expected
        manifest = json.loads((folder / "manifest.json").read_text())
        assert set(manifest["files"]) == names - {"manifest.json"}
        for file, digest in manifest["files"].items():
            assert hashlib.sha256((folder / file).read_bytes()).hexdigest() == digest, file
            assert digest in (folder / "README.md").read_text() or file == "README.md"
        segments = pd.read_parquet(folder / "segments.parquet")
        processed = pd.read_parquet(original / "data" / "processed" / name / "segments.parquet")
        assert list(segments.columns) == SEGMENT_COLUMNS
        pd.testing.assert_frame_equal(segments, processed[SEGMENT_COLUMNS])
        lengths = pd.read_csv(folder / "transcript_lengths.csv").set_index("transcript")["length"]
        for transcript in PICK[name]:
            text = read_canonical(original / "data" / "processed" / name / "text" / f"{transcript}.txt")
            assert lengths[transcript] == len(text)


def test_bundle_holds_no_transcript_text(runs):
    """No sentence of any transcript (canonical or source text) appears in any bundle file."""
    original, _ = runs
    for name in PICK:
        sentences = set()
        for folder in ("text", "source_text"):
            for path in (original / "data" / "processed" / name / folder).glob("*.txt"):
                for piece in re.split(r"(?<=[.!?])\s+|\n", read_canonical(path)):
                    # the speaker label is a study.yaml / participants.csv value, not speech
                    piece = re.sub(r"^[^:]{1,40}:\s*", "", piece).strip()
                    if len(piece) >= 25:
                        sentences.add(piece)
        assert len(sentences) > 200
        for path in (original / "results" / name / "release").iterdir():
            content = path.read_bytes()
            for candidate in (content.decode("utf-8", "replace"), _decoded_parquet(path)):
                leaked = [s for s in sentences if s in candidate]
                assert not leaked, (path.name, leaked[:2])


def _decoded_parquet(path: Path) -> str:
    if path.suffix != ".parquet":
        return ""
    return pd.read_parquet(path).astype(str).to_csv(index=False)


def test_rebuild_read_nothing_but_the_bundles(runs):
    _, rebuild = runs
    assert not (rebuild / "raw").exists()
    assert not list((rebuild / "data" / "processed").rglob("*.txt"))
    assert not list((rebuild / "data" / "processed").rglob("embedding*"))
    assert sorted(p.name for p in (rebuild / "data" / "processed").iterdir()) == sorted(PICK)


def test_every_figure_is_recorded_and_rebuilt_byte_for_byte(runs):
    original, rebuild = runs
    recorded = _recorded(original)
    figures = sorted(str(p.relative_to(original)) for p in (original / "results").rglob("figures/*.*"))
    # the machine coder and the guided themes need the embeddings, which a bundle does not hold
    assert not [p for p in recorded if "machine" in p or "guided" in p]
    # PNG + SVG: alliance 11 (with Bordin), physicians 10 (with the reliability coefficients), perspectives
    assert len(figures) == 2 * (11 + 10 + 1)
    assert set(figures) <= set(recorded)
    assert _digests(rebuild, figures) == _digests(original, figures)


def test_every_statistic_is_rebuilt_byte_for_byte(runs):
    original, rebuild = runs
    recorded = _recorded(original)
    tables = [
        f"results/{name}/{table}"
        for name in PICK
        for table in (
            "reliability/alpha.csv",
            "reliability/pairs.csv",
            "reliability/unitized.csv",
            "saturation/curve.csv",
            "saturation/summary.csv",
            "saturation/extrapolation.csv",
            "compare/prevalence.csv",
            "compare/segment_rates.csv",
            "topics/crosswalk.csv",
            "topics/crosswalk_summary.csv",
        )
    ]
    assert set(tables) <= set(recorded)
    assert _digests(rebuild, tables) == _digests(original, tables)
    assert _digests(rebuild, list(recorded)) == recorded


def test_the_rebuild_recomputed_rather_than_copied(runs):
    _, rebuild = runs
    for name in PICK:
        for log in ("reliability/reliability.log", "saturation/saturation.log", "topics/crosswalk.log"):
            assert (rebuild / "logs" / name / log).is_file(), log
        check = pd.read_csv(rebuild / "results" / name / "qa" / "release_check.csv")
        assert len(check) > 20 and check["identical"].all()


def test_outputs_that_need_text_are_not_recorded(runs):
    original, _ = runs
    recorded = _recorded(original)
    for name in PICK:
        for pattern in NOT_REBUILT:
            path = pattern.format(study=name)
            assert not any(p == path or p.startswith(path) for p in recorded), path


def test_a_changed_bundle_stops_the_rebuild(runs, tmp_path):
    _, rebuild = runs
    for name in PICK:
        shutil.copytree(rebuild / "results" / name / "release", tmp_path / "results" / name / "release")
    consensus = tmp_path / "results" / "demo_alliance" / "release" / "consensus.parquet"
    table = pd.read_parquet(consensus)
    table.loc[table.index[0], "applied"] = 1 - table.loc[table.index[0], "applied"]
    table.to_parquet(consensus, index=False)
    _config(tmp_path, {n: tmp_path / "raw" / n for n in PICK}, **REBUILD)
    result = run_snakemake(tmp_path, "data/processed/demo_alliance/consensus.parquet")
    assert result.returncode != 0
    assert "consensus.parquet: differs from the SHA-256 in the bundle's manifest.json" in result.stderr
    assert not (tmp_path / "data" / "processed" / "demo_alliance" / "consensus.parquet").exists()


def test_no_rebuild_over_a_full_run(runs):
    original, _ = runs
    result = run_snakemake(original, "-n", "--config", 'release={rebuild_from: "results/{study}/release"}')
    assert result.returncode != 0
    assert "holds a full run of study 'demo_alliance'" in result.stdout + result.stderr
