"""Crosswalk of topics and human codes against brute-force counts; c-TF-IDF keywords per code."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from thematica.errors import ThematicaError
from thematica.topics.crosswalk import (
    code_keywords,
    code_matrix,
    crosswalk,
    crosswalk_summary,
    topic_code_crosswalk,
)
from thematica.topics.settings import TopicSettings

from .conftest import VOCAB


@pytest.fixture()
def random_case():
    rng = np.random.default_rng(7)
    topics = rng.integers(-1, 4, size=200)
    applied = (rng.random((200, 3)) < np.array([0.3, 0.1, 0.0])).astype(np.int8)  # code "c" never applied
    return topics, applied, ["a", "b", "c"]


def test_counts_lift_and_jaccard_match_brute_force(random_case):
    topics, applied, codes = random_case
    table = crosswalk(topics, applied, codes)
    assert len(table) == len(set(topics)) * len(codes)
    n = len(topics)
    for row in table.itertuples(index=False):
        in_topic = topics == row.topic
        has_code = applied[:, codes.index(row.code)] == 1
        both = int((in_topic & has_code).sum())
        assert row.overlap == both and row.n_topic == in_topic.sum() and row.n_code == has_code.sum()
        union = (in_topic | has_code).sum()
        assert row.jaccard == pytest.approx(both / union)
        if has_code.sum():
            assert row.lift == pytest.approx(both * n / (in_topic.sum() * has_code.sum()))
        else:
            assert np.isnan(row.lift)


def test_best_matches_each_way(random_case):
    topics, applied, codes = random_case
    table = crosswalk(topics, applied, codes)
    real = table.loc[table["topic"] != -1]
    assert not table.loc[table["topic"] == -1, ["best_code_for_topic", "best_topic_for_code"]].any().any()
    for _, rows in real.groupby("topic"):
        assert rows["best_code_for_topic"].sum() == 1
        assert rows.loc[rows["best_code_for_topic"], "jaccard"].item() == rows["jaccard"].max()
    for code, rows in real.groupby("code"):
        expected = 0 if code == "c" else 1  # a code never applied has no best topic
        assert rows["best_topic_for_code"].sum() == expected
    assert (table["mutual_best"] == table["best_code_for_topic"] & table["best_topic_for_code"]).all()


def test_summary_nmi_uses_single_coded_segments(random_case):
    topics, applied, codes = random_case
    summary = crosswalk_summary(topics, applied, codes).iloc[0]
    single = applied.sum(axis=1) == 1
    labels = np.array(codes)[applied.argmax(axis=1)]
    expected = normalized_mutual_info_score(labels[single], topics[single])
    assert summary["nmi_single_coded"] == pytest.approx(expected)
    assert summary["n_single_coded"] == single.sum()
    assert summary["n_coded"] == (applied.sum(axis=1) > 0).sum()


def test_perfect_correspondence():
    topics = np.array([0, 0, 1, 1, 2, 2])
    applied = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [0, 0], [0, 0]])
    summary = crosswalk_summary(topics, applied, ["x", "y"]).iloc[0]
    assert summary["nmi_single_coded"] == pytest.approx(1.0)
    assert summary["n_mutual_matches"] == 2 and summary["n_topics_without_code"] == 1


def test_code_matrix_order_and_missing_segments():
    consensus = pd.DataFrame(
        {"segment_id": ["s1", "s1", "s2", "s2"], "code": ["b", "a", "b", "a"], "applied": [1, 0, 0, 1]}
    )
    matrix, codes = code_matrix(["s2", "s1"], consensus, ["a", "b"])
    assert codes == ["a", "b"] and matrix.tolist() == [[1, 0], [0, 1]]
    with pytest.raises(ThematicaError, match="out of date"):
        code_matrix(["s3"], consensus)


def test_code_keywords_come_from_each_codes_segments(corpus):
    segments, emb, planted = corpus
    codes = ["privacy", "homework", "crisis", "empathy"]
    applied = np.zeros((len(planted), 4), dtype=np.int8)
    applied[np.arange(len(planted)), planted] = 1
    applied[planted == 3, 3] = 0  # "empathy" never applied: no keywords
    keywords = code_keywords(segments["text"].tolist(), applied, codes, emb, TopicSettings(top_n_words=5))
    assert set(keywords["code"]) == {"privacy", "homework", "crisis"}
    for j, code in enumerate(codes[:3]):
        words = keywords.loc[keywords["code"] == code].sort_values("rank")["keyword"]
        assert len(words) == 5
        assert all(any(v in w for v in VOCAB[j]) for w in words), (code, list(words))


def test_topic_code_crosswalk_end_to_end(corpus):
    segments, emb, planted = corpus
    codes = ["privacy", "homework", "crisis", "empathy"]
    consensus = pd.DataFrame(
        [
            {"segment_id": s, "code": c, "applied": int(p == j)}
            for s, p in zip(segments["segment_id"], planted, strict=True)
            for j, c in enumerate(codes)
        ]
    )
    topics = pd.DataFrame(
        {"segment_id": segments["segment_id"], "topic": (planted + 1) % 4, "probability": 1.0}
    )
    codebook = pd.DataFrame({"code": codes, "label": [c.title() for c in codes]})
    table, summary, keywords = topic_code_crosswalk(
        segments, topics, consensus, codebook, emb, TopicSettings()
    )
    assert summary.loc[0, "nmi_single_coded"] == pytest.approx(1.0)
    assert summary.loc[0, "n_mutual_matches"] == 4
    best = table.loc[table["mutual_best"]].set_index("code")["topic"].to_dict()
    assert best == {"privacy": 1, "homework": 2, "crisis": 3, "empathy": 0}
    assert list(keywords["code"].unique()) == codes
    assert summary.loc[0, "n_segments_not_seen"] == 0

    unseen = segments["transcript"] == "int_01"  # a transcript no coder saw: no consensus rows
    partial = consensus.loc[~consensus["segment_id"].isin(segments.loc[unseen, "segment_id"])]
    table, summary, _ = topic_code_crosswalk(segments, topics, partial, codebook, emb, TopicSettings())
    assert summary.loc[0, "n_segments_not_seen"] == unseen.sum()
    assert summary.loc[0, "n_segments"] == len(segments) - unseen.sum()
    assert table.groupby("code")["n_code"].first().sum() == len(segments) - unseen.sum()


def test_the_workflow_steps_give_the_crosswalk_of_one_call(corpus, tmp_path):
    """The workflow splits the crosswalk: the codes' keywords (rule code_keywords, beside the topic fits)
    and the overlap tables (rule crosswalk, light, after them); together they are one call's tables, with
    a transcript no coder saw too."""
    from thematica.embed.model import model_identity, text_digest, write_embeddings
    from thematica.topics.crosswalk import study_code_keywords, topic_code_overlap

    segments, emb, planted = corpus
    codes = ["privacy", "homework", "crisis", "empathy"]
    consensus = pd.DataFrame(
        [
            {"segment_id": s, "code": c, "applied": int(p == j)}
            for s, p, t in zip(segments["segment_id"], planted, segments["transcript"], strict=True)
            for j, c in enumerate(codes)
            if t != "int_01"
        ]
    )
    topics = pd.DataFrame({"segment_id": segments["segment_id"], "topic": planted % 3, "probability": 1.0})
    codebook = pd.DataFrame({"code": codes, "label": [c.title() for c in codes]})
    sidecar = {
        **model_identity(),
        "n_segments": len(segments),
        "segment_ids": segments["segment_id"].tolist(),
        "text_sha256": text_digest(segments["text"].tolist()),
    }
    npy, meta = tmp_path / "embeddings.npy", tmp_path / "embeddings.json"
    write_embeddings(emb, sidecar, npy, meta)

    table, summary, keywords = topic_code_crosswalk(
        segments, topics, consensus, codebook, emb, TopicSettings()
    )
    alone = study_code_keywords(
        segments, consensus, codebook, npy_paths=[npy], json_paths=[meta], settings=TopicSettings()
    )
    split_table, split_summary = topic_code_overlap(segments, topics, consensus, codebook)
    assert summary.loc[0, "n_segments_not_seen"] > 0
    pd.testing.assert_frame_equal(alone, keywords)
    pd.testing.assert_frame_equal(split_table, table)
    pd.testing.assert_frame_equal(split_summary, summary)
