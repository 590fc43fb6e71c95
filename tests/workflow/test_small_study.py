"""A study too small for candidate themes, end to end with the default target: the topics step warns once,
the candidate-theme tables have their columns and no rows, and every other stage runs (codes, reliability,
saturation, the group comparison, figures, the report and the release bundle, which rebuilds byte for byte).

The study: the eight .txt interviews of demo_alliance, each cut to two or three short passages that coder 1
coded (one per participant turn, between interviewer questions), about 24 participant segments in all,
below ``topics.min_segments`` (30). Both coders' exports become quote CSVs (coder, transcript, code, text):
coder 1's passages, and coder 2's quotes that the shortened transcripts still hold.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.workflow.conftest import run_snakemake, small_study, write_config
from thematica.ingest.formats import read_transcript
from thematica.topics.crosswalk import CROSSWALK_COLUMNS, SUMMARY_COLUMNS
from thematica.topics.quotes import QUOTE_COLUMNS
from thematica.topics.stability import RUN_COLUMNS
from thematica.topics.study import topic_table_columns

STUDY = "small"
SOURCE = "demo_alliance"
PICK = [f"interview_{i:02d}" for i in (2, 6, 8, 12, 14, 18, 20, 24)]  # the .txt ones: 3 therapists, 5 clients
PASSAGES = 3  # per interview: the two shortest that coder 2 also coded, then the shortest of the rest
SETTINGS = {
    "reliability": {"n_bootstrap": 200},
    "saturation": {"n_permutations": 100, "n_bootstrap": 20},
    "topics": {"stability_runs": 2},
}
WARNING = (
    "WARNING thematica.topics.study: {study}: only {n} participant segments, fewer than topics.min_segments "
    "(30): candidate themes skipped; every other stage runs"
)


def _passages(text: str, spans: pd.DataFrame, quotes: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Coder 1's passages to keep: (start, end, code), within one line, in text order."""
    agreed, others = [], []
    for span in spans.itertuples():
        passage = text[span.start : span.end]
        if "\n" in passage or len(passage) > 200:
            continue
        inside = any(q in passage for q in quotes["text"])
        (agreed if inside else others).append((len(passage), span.start, span.end, span.code))
    chosen = sorted(agreed)[: PASSAGES - 1]
    chosen += sorted(others + sorted(agreed)[PASSAGES - 1 :])[: PASSAGES - len(chosen)]
    return sorted((start, end, code) for _, start, end, code in chosen)


def short_study(src: Path, dst: Path, transcripts: list[str]) -> tuple[Path, int]:
    """A coded copy of ``src`` whose ``transcripts`` are cut down to :data:`PASSAGES` passages each, with
    consistent quote-CSV exports of both coders; returns the folder and the passages kept."""
    small_study(src, dst, transcripts)
    for name in ("codebook.csv", "codebook.qdc"):
        shutil.copy(src / name, dst / name)
    coder_1 = pd.read_csv(src / "codes" / "coder_1.csv")
    coder_2 = pd.read_csv(src / "codes" / "coder_2_quotes.csv")
    rows_1, rows_2, n_passages = [], [], 0
    for transcript in transcripts:
        text = read_transcript(src / "transcripts" / f"{transcript}.txt")
        lines = text.splitlines()
        quotes = coder_2.loc[coder_2["transcript"] == transcript]
        kept = _passages(text, coder_1.loc[coder_1["transcript"] == transcript], quotes)
        label = text[text.rfind("\n", 0, kept[0][0]) + 1 :].split(":", 1)[0]  # the participant's label
        short = [lines[0]]  # the interviewer's opening question
        for i, (start, end, code) in enumerate(kept):
            if i:
                short.append("Interviewer: Could you say more about that?")
            short.append(f"{label}: {text[start:end]}")
            rows_1.append(("coder_1", transcript, code, text[start:end]))
        short_text = "\n".join(short) + "\n"
        rows_2 += [
            ("coder_2", transcript, q.code, q.text) for q in quotes.itertuples() if q.text in short_text
        ]
        (dst / "transcripts" / f"{transcript}.txt").write_text(short_text, encoding="utf-8")
        n_passages += len(kept)
    (dst / "codes").mkdir()
    for name, rows in (("coder_1.csv", rows_1), ("coder_2_quotes.csv", rows_2)):
        with open(dst / "codes" / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["coder", "transcript", "code", "text"])
            writer.writerows(rows)
    coders = pd.read_csv(src / "coders.csv")
    coders.loc[coders["transcript"].isin(transcripts)].to_csv(dst / "coders.csv", index=False)
    return dst, n_passages


def _config(work: Path, studies: dict[str, Path], **release) -> Path:
    config = write_config(work, studies, share_export=not release)
    data = yaml.safe_load(config.read_text())
    for section, values in SETTINGS.items():
        data[section].update(values)
    data["release"] = {"rebuild_from": None, **release}
    config.write_text(yaml.safe_dump(data))
    return config


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    """The default target and the report of the short study."""
    work = tmp_path_factory.mktemp("small_study")
    study, n_passages = short_study(demo_raw / SOURCE, work / "raw" / STUDY, PICK)
    assert 2 * len(PICK) <= n_passages <= PASSAGES * len(PICK)
    _config(work, {STUDY: study})
    result = run_snakemake(work)
    (work / "run.stderr").write_text(result.stderr)
    assert result.returncode == 0, result.stderr[-4000:]
    report = run_snakemake(work, "--report", "results/report.html")
    assert report.returncode == 0, report.stderr[-4000:]
    return work


def _segments(work: Path) -> pd.DataFrame:
    return pd.read_parquet(work / "data" / "processed" / STUDY / "segments.parquet")


def test_the_study_is_too_small_for_candidate_themes(workdir):
    assert 2 * len(PICK) <= len(_segments(workdir)) < 30


def test_the_topics_step_warns_once(workdir):
    expected = WARNING.format(study=STUDY, n=len(_segments(workdir)))
    topics_log = (workdir / "logs" / STUDY / "topics" / "topics.log").read_text().splitlines()
    assert [line for line in topics_log if line.startswith("WARNING")] == [expected]
    others = [p for p in (workdir / "logs" / STUDY).rglob("*.log") if p.name != "topics.log"]
    assert not [p for p in others if "candidate themes skipped" in p.read_text()]
    assert (workdir / "run.stderr").read_text().count("candidate themes skipped") == 1


def test_topic_tables_have_their_columns_and_no_rows(workdir):
    topics = workdir / "results" / STUDY / "topics"
    groups = ["therapist", "client"]
    expected = {
        "topic_info.csv": topic_table_columns(groups) + ["stability", "stability_min", "stable"],
        "quotes.csv": QUOTE_COLUMNS,
        "stability.csv": RUN_COLUMNS,
        "crosswalk.csv": CROSSWALK_COLUMNS,
        "crosswalk_summary.csv": SUMMARY_COLUMNS,
    }
    for name, columns in expected.items():
        table = pd.read_csv(topics / name)
        assert list(table.columns) == columns and table.empty, name
    assigned = pd.read_parquet(topics / "segment_topics.parquet")
    assert list(assigned.columns) == ["segment_id", "topic", "probability"] and assigned.empty
    for name in ("candidate_themes.qdc", "candidate_themes.qdpx"):
        assert (topics / name).stat().st_size > 0
    assert len(pd.read_csv(topics / "code_keywords.csv")) > 0  # the codes' keywords need no candidate themes


def test_every_other_stage_ran(workdir):
    results = workdir / "results" / STUDY
    for table in ("reliability/alpha.csv", "saturation/curve.csv", "saturation/summary.csv"):
        assert len(pd.read_csv(results / table)) > 0, table
    alpha = pd.read_csv(results / "reliability" / "alpha.csv")
    assert alpha["alpha"].notna().any()
    prevalence = pd.read_csv(results / "compare" / "prevalence.csv")
    assert {"code", "theme"} <= set(prevalence["level"]) and "topic" not in set(prevalence["level"])
    assert set(prevalence["group"]) == {"therapist", "client"}
    for figure in ("reliability_alpha", "saturation", "compare_codes", "compare_topics", "topics_overview"):
        for ext in ("png", "svg"):
            assert (results / "figures" / f"{figure}.{ext}").stat().st_size > 5000, figure
    report = (workdir / "results" / "report.html").read_text(encoding="utf-8", errors="replace")
    assert len(report) > 100_000


def test_the_release_bundle_rebuilds_byte_for_byte(workdir, tmp_path):
    shutil.copytree(workdir / "results" / STUDY / "release", tmp_path / "results" / STUDY / "release")
    _config(tmp_path, {STUDY: tmp_path / "raw" / STUDY}, rebuild_from="results/{study}/release")
    result = run_snakemake(tmp_path)
    assert result.returncode == 0, result.stderr[-4000:]
    check = pd.read_csv(tmp_path / "results" / STUDY / "qa" / "release_check.csv")
    assert check["identical"].all(), check.loc[~check["identical"]]
    rebuilt = set(check.iloc[:, 0].astype(str))
    assert any("topics/crosswalk.csv" in p for p in rebuilt)
    assert any("figures/topics_overview" in p for p in rebuilt)
