"""The refitted topic model is the one behind the pipeline's tables; quotes rank as the topics step ranks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.explore import load_study, quotes, quotes_by_group, refit_topic_model
from thematica.support.tables import read_parquet, write_parquet

from .conftest import STUDY


@pytest.fixture(scope="module")
def fitted(pipeline_root):
    return refit_topic_model(load_study(STUDY, pipeline_root))


def test_refit_assigns_every_segment_the_pipelines_topic(pipeline_root, fitted):
    stored = read_parquet(pipeline_root / "results" / STUDY / "topics" / "segment_topics.parquet")
    assert fitted.segments["segment_id"].tolist() == stored["segment_id"].tolist()
    assert np.array_equal(fitted.topics, stored["topic"].to_numpy())
    assert fitted.fit.n_topics == 4


def test_model_labels_and_ids_follow_the_pipelines_numbering(pipeline_root, fitted):
    info = pd.read_csv(pipeline_root / "results" / STUDY / "topics" / "topic_info.csv")
    model = fitted.model
    model_topics = np.asarray(model.topics_)
    for topic, label in zip(info["topic"], info["label"], strict=True):
        own = fitted.model_topics([topic])[0]
        assert np.array_equal(model_topics == own, fitted.topics == topic)
        assert model.custom_labels_[sorted(set(model.topics_)).index(own)] == f"{topic}: {label}"
    per_group = fitted.topics_per_group()
    assert set(per_group["Class"]) == {"a", "b"}
    assert per_group["Frequency"].sum() == len(fitted.docs)
    assert model.visualize_barchart(custom_labels=True) is not None


def test_refit_stops_when_the_tables_were_made_otherwise(pipeline_root, tmp_path):
    results = load_study(STUDY, pipeline_root)
    path = results.path("segment_topics")
    original = path.read_bytes()
    try:
        stored = read_parquet(path)
        stored.loc[0, "topic"] = (stored.loc[0, "topic"] + 1) % 4
        write_parquet(stored, path)
        with pytest.raises(ThematicaError, match="puts 1 of 240 segments in another topic"):
            refit_topic_model(load_study(STUDY, pipeline_root))
    finally:
        path.write_bytes(original)


def test_theme_quotes_for_the_whole_study_are_quotes_csv(pipeline_root):
    results = load_study(STUDY, pipeline_root)
    stored = results.quotes
    for topic in sorted(stored["topic"].unique()):
        mine = quotes(results, int(topic), k=5)
        theirs = stored.loc[stored["topic"] == topic]
        assert mine["segment_id"].tolist() == theirs["segment_id"].tolist()
        assert mine["centrality"].tolist() == pytest.approx(theirs["centrality"].tolist())


def test_quotes_per_group_and_per_code(pipeline_root):
    results = load_study(STUDY, pipeline_root)
    table = quotes_by_group(results, 0, k=3)
    assert table["group"].tolist() == ["a"] * 3 + ["b"] * 3
    assert table.groupby("group")["participant_id"].nunique().tolist() == [3, 3]  # one quote per participant
    consensus = results.consensus
    carrying = set(consensus.loc[(consensus["code"] == "c2") & (consensus["applied"] == 1), "segment_id"])
    coded = quotes(results, "c2", level="code", group="b", k=4)
    assert len(coded) == 4 and set(coded["segment_id"]) <= carrying and set(coded["group"]) == {"b"}
    assert coded["centrality"].is_monotonic_decreasing
    themed = quotes(results, "t1", level="theme", k=50, per_participant=100)
    assert set(themed["segment_id"]) <= set(
        consensus.loc[consensus["code"].isin(["c2", "c3"]) & (consensus["applied"] == 1), "segment_id"]
    )


def test_quotes_name_what_exists(pipeline_root):
    results = load_study(STUDY, pipeline_root)
    with pytest.raises(ThematicaError, match="no code 'c9'; the codes are: c0, c1, c2, c3"):
        quotes(results, "c9", level="code")
    with pytest.raises(ThematicaError, match="unknown group 'z'"):
        quotes(results, 0, group="z")
    with pytest.raises(ThematicaError, match="no candidate theme 17"):
        quotes(results, 17)
