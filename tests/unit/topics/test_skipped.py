"""A study too small for candidate themes: one warning, tables with their columns and no rows, figures and
captions that say so, and every later step of the topics family reading those tables without failing."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd
import pytest

from thematica.cli.run_output import collect_warnings
from thematica.figures.compare import plot_study_comparison
from thematica.figures.crosswalk import plot_crosswalk
from thematica.figures.topics import SKIPPED_NOTE, plot_topic_stability, plot_topics_overview
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv, read_parquet, write_csv, write_parquet
from thematica.topics.crosswalk import CROSSWALK_COLUMNS, SUMMARY_COLUMNS, topic_code_overlap
from thematica.topics.export import PARENT_CODE, export_candidates
from thematica.topics.facts import crosswalk_facts, topics_facts
from thematica.topics.recovery import RECOVERY_COLUMNS, topic_recovery
from thematica.topics.settings import TopicSettings
from thematica.topics.stability import RUN_COLUMNS, study_stability
from thematica.topics.study import study_refits, study_topics, topic_table_columns
from thematica.topics.themes import theme_table_columns

REPO = Path(__file__).resolve().parents[3]
GROUPS = ["therapist", "client"]
WARNING = (
    "small: only 29 participant segments, fewer than topics.min_segments (30): candidate themes skipped; "
    "every other stage runs"
)
SETTINGS = {**TopicSettings().to_dict(), "stability_runs": 2}


def _segments(n: int = 29) -> pd.DataFrame:
    """``n`` participant segments of two transcripts (the second one's participant in the second group)."""
    transcript = np.where(np.arange(n) < n // 2, "int_01", "int_02")
    return pd.DataFrame(
        {
            "segment_id": [f"{t}_s{i:04d}" for i, t in enumerate(transcript)],
            "transcript": transcript,
            "participant_id": np.where(transcript == "int_01", "P01", "P02"),
            "group": np.where(transcript == "int_01", GROUPS[0], GROUPS[1]),
            "turn": 1,
            "start": [10 * (i % (n // 2 + 1)) for i in range(n)],
            "end": [10 * (i % (n // 2 + 1)) + 9 for i in range(n)],
            "text": [f"sentence number {i}." for i in range(n)],
        }
    )


def _topics(segments: pd.DataFrame, **kwargs):
    # the embedding files do not exist: a skipped study never reads them, nor loads a model
    return study_topics(
        segments,
        npy_paths=["missing.npy"],
        json_paths=["missing.json"],
        settings=SETTINGS,
        seed=7,
        groups=GROUPS,
        study="small",
        **kwargs,
    )


@pytest.fixture()
def skipped(tmp_path: Path) -> Path:
    """The topics, refits and stability steps of a 29-segment study, their tables written and read back
    as the workflow does; returns the study's results folder (``results/small``) with a QA ledger."""
    results = tmp_path / "results" / "small"
    segments = _segments()
    reference = _topics(segments, refit=False)
    write_parquet(reference.topic_table, tmp_path / "reference.parquet")
    write_parquet(reference.segment_topics, results / "topics" / "segment_topics.parquet")
    write_csv(reference.quotes, results / "topics" / "quotes.csv")
    refits = study_refits(segments, npy_paths=[], json_paths=[], settings=SETTINGS, seed=7)
    info, runs = study_stability(
        read_parquet(tmp_path / "reference.parquet"),
        read_parquet(results / "topics" / "segment_topics.parquet"),
        refits,
        settings=SETTINGS,
        seed=7,
    )
    write_csv(info, results / "topics" / "topic_info.csv")
    write_csv(runs, results / "topics" / "stability.csv")
    ledger = pd.DataFrame({"transcript": ["int_01", "int_02"], "segments": [14, 15]})
    write_csv(ledger, results / "qa" / "ledger.csv")
    return results


def test_the_topics_step_warns_once_and_writes_tables_without_rows(caplog):
    with caplog.at_level(logging.INFO, logger="thematica"):
        reference = _topics(_segments(), refit=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [WARNING]
    assert reference.fit is None
    assert list(reference.topic_table.columns) == topic_table_columns(GROUPS)
    assert list(reference.segment_topics.columns) == ["segment_id", "topic", "probability"]
    assert reference.segment_topics["topic"].dtype == np.int64
    assert list(reference.quotes.columns) == [
        "topic", "theme", "rank", "segment_id", "participant_id", "group", "centrality", "text"
    ]  # fmt: skip
    assert list(reference.themes.columns) == theme_table_columns(GROUPS)
    assert len(reference.topic_table) == len(reference.segment_topics) == len(reference.quotes) == 0
    assert reference.themes.empty


def test_a_study_at_min_segments_is_modelled():
    # 30 segments are enough: the fit starts and looks for the embeddings (which this test does not have)
    with pytest.raises(FileNotFoundError):
        _topics(_segments(30), refit=False)


def test_refits_are_empty_and_do_not_warn_again(caplog):
    with caplog.at_level(logging.INFO, logger="thematica"):
        refits = study_refits(_segments(), npy_paths=[], json_paths=[], settings=SETTINGS, seed=7)
    assert refits.shape == (2, 0) and refits.dtype == np.int64
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_stability_and_the_whole_fit_have_their_columns_and_no_rows(skipped):
    info = read_csv(skipped / "topics" / "topic_info.csv")
    assert list(info.columns) == topic_table_columns(GROUPS) + ["stability", "stability_min", "stable"]
    assert info.empty
    runs = read_csv(skipped / "topics" / "stability.csv")
    assert list(runs.columns) == RUN_COLUMNS and runs.empty
    themes = _topics(_segments(), refit=True)  # the one-process path (notebooks): the same tables
    assert list(themes.topic_info.columns) == list(info.columns) and themes.topic_info.empty
    assert list(themes.stability.columns) == RUN_COLUMNS and themes.stability.empty


def test_the_warning_reaches_the_run_summary(tmp_path):
    log = tmp_path / "logs" / "small" / "topics" / "topics.log"
    with step_logging(log):
        _topics(_segments(), refit=False)
    assert collect_warnings(["small"], tmp_path) == {
        "topics.study": {"logs/small/topics/topics.log": [WARNING]}
    }


def test_export_holds_the_parent_code_alone(skipped, tmp_path):
    text = tmp_path / "text"
    text.mkdir()
    for name in ("int_01", "int_02"):
        (text / f"{name}.txt").write_text("x" * 200 + "\n", encoding="utf-8")
    qdc, qdpx = tmp_path / "out" / "themes.qdc", tmp_path / "out" / "themes.qdpx"
    export_candidates(
        study="small",
        topic_info=read_csv(skipped / "topics" / "topic_info.csv"),
        quotes=read_csv(skipped / "topics" / "quotes.csv"),
        segments=_segments(),
        segment_topics=read_parquet(skipped / "topics" / "segment_topics.parquet"),
        text_paths=sorted(text.glob("*.txt")),
        qdc_path=qdc,
        qdpx_path=qdpx,
    )
    codebook = qdc.read_text(encoding="utf-8")
    assert codebook.count("<Code ") == 1 and PARENT_CODE in codebook
    assert "fewer participant segments than topics.min_segments" in codebook
    with zipfile.ZipFile(qdpx) as archive:
        project = archive.read("project.qde").decode("utf-8")
    assert "<Coding " not in project and "<PlainTextSelection " not in project


def test_crosswalk_and_recovery_have_their_columns_and_no_rows(skipped, tmp_path):
    segments = _segments()
    consensus = pd.DataFrame(
        {"segment_id": segments["segment_id"], "code": "a", "applied": np.arange(len(segments)) % 2}
    )
    codebook = pd.DataFrame({"code": ["a"], "theme": ["t"], "label": ["A code"]})
    segment_topics = read_parquet(skipped / "topics" / "segment_topics.parquet")
    table, summary = topic_code_overlap(segments, segment_topics, consensus, codebook)
    assert list(table.columns) == CROSSWALK_COLUMNS and table.empty
    assert list(summary.columns) == SUMMARY_COLUMNS and summary.empty
    truth = tmp_path / "sentences.csv"
    truth.write_text("transcript,start,end,code\nint_01,0,9,a\n", encoding="utf-8")
    recovery = topic_recovery(segments, segment_topics, truth)
    assert list(recovery.columns) == RECOVERY_COLUMNS and recovery.empty


def _texts(figure) -> list[str]:
    return [t.get_text() for ax in figure.axes for t in ax.texts]


def test_figures_draw_one_panel_that_says_so(skipped):
    import matplotlib.pyplot as plt

    info = read_csv(skipped / "topics" / "topic_info.csv")
    runs = read_csv(skipped / "topics" / "stability.csv")
    crosswalk = pd.DataFrame(columns=CROSSWALK_COLUMNS)
    codebook = pd.DataFrame({"code": ["a"], "theme": ["t"], "label": ["A code"]})
    # the group comparison of a study without candidate themes: codes and themes, no topic rows
    prevalence = pd.DataFrame(
        {"level": ["code", "theme"], "code": ["a", "t"], "group": GROUPS[0], "share": 0.5}
    ).assign(ci_low=0.2, ci_high=0.8, p_adj=1.0, significant=False, difference=0.0)
    figures = {
        "candidate themes by group": plot_study_comparison(
            prevalence, codebook, level="topic", group_labels={GROUPS[0]: "g"}, study="small", topic_info=info
        ),
        "candidate themes": plot_topics_overview(
            info, study="small", group_labels=dict.fromkeys(GROUPS, "g")
        ),
        "stability": plot_topic_stability(info, runs, study="small", threshold=0.5),
        "human codes": plot_crosswalk(crosswalk, info, study="small", codebook=codebook),
    }
    for title, figure in figures.items():
        assert len(figure.axes) == 1 and not figure.axes[0].axison  # one panel, no empty axes
        assert _texts(figure) == [SKIPPED_NOTE]
        heading = figure.axes[0].get_title(loc="left")
        assert heading.startswith("small: ") and title in heading
        plt.close(figure)


class _Snakemake:
    """What a caption sees: the rule's params (its facts), wildcards and the config."""

    def __init__(self, facts):
        self.params = type("Params", (), {"facts": facts})()
        self.wildcards = type("Wildcards", (), {"study": "small"})()
        self.config = {"topics": {"min_segments": 30, "stability_threshold": 0.5}, "seed": 7}


CAPTIONS = {
    "topics": ["topic_info.rst", "topic_quotes.rst", "topic_stability.rst", "topics_overview.rst"],
    "crosswalk": ["crosswalk.rst", "crosswalk_figure.rst"],
}


@pytest.mark.parametrize("kind", list(CAPTIONS))
def test_facts_and_captions_say_so(skipped, kind):
    if kind == "topics":
        facts = topics_facts(skipped / "topics" / "topic_info.csv")
    else:
        write_csv(pd.DataFrame(columns=SUMMARY_COLUMNS), skipped / "topics" / "crosswalk_summary.csv")
        facts = crosswalk_facts(skipped / "topics" / "crosswalk_summary.csv")
    assert facts["skipped"] is True and facts["n_topics"] == 0
    assert facts["n_segments"] == 29  # from the QA ledger
    params = type("Facts", (), facts)()
    for name in CAPTIONS[kind]:
        template = (REPO / "workflow" / "report" / name).read_text(encoding="utf-8")
        caption = " ".join(jinja2.Template(template).render(snakemake=_Snakemake(params)).split())
        assert caption.startswith(
            "Study small has 29 participant segments, fewer than ``topics.min_segments`` (30): too few for "
            "the topic model, so its candidate themes were skipped"
        ), name
        assert "Every other stage ran" in caption, name
