"""Representative quotes: centrality ranking, ties by segment id, spread over participants."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.topics.quotes import centrality, representative_quotes


def _segments(participants):
    n = len(participants)
    return pd.DataFrame(
        {
            "segment_id": [f"t_s{i:04d}" for i in range(n)],
            "participant_id": participants,
            "group": ["a"] * n,
            "text": [f"text {i}" for i in range(n)],
        }
    )


def test_centrality_is_cosine_to_the_normalised_mean():
    emb = np.array([[3.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    got = centrality(emb, np.array([0, 0, 0]))
    unit = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    centre = unit.mean(axis=0) / np.linalg.norm(unit.mean(axis=0))
    assert np.allclose(got, unit @ centre, atol=1e-6)
    assert got[2] == 1.0


def test_most_central_first_with_ties_broken_by_segment_id():
    # segments 1 and 3 are identical (a tie); 0 is the centre itself; 2 is far away
    emb = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [0.8, 0.6], [0.9, 0.1]])
    quotes = representative_quotes(_segments(["P1", "P2", "P3", "P4", "P5"]), np.zeros(5, int), emb, k=5)
    order = quotes["segment_id"].tolist()
    assert order.index("t_s0001") < order.index("t_s0003")  # tie: lower id first
    assert order[-1] == "t_s0002"
    assert quotes["rank"].tolist() == [1, 2, 3, 4, 5]
    assert quotes["centrality"].is_monotonic_decreasing


def test_spread_across_participants_then_fill():
    emb = np.array([[1.0, 0.0], [0.99, 0.1], [0.98, 0.2], [0.5, 0.5], [0.1, 1.0]])
    segments = _segments(["P1", "P1", "P1", "P2", "P3"])
    quotes = representative_quotes(segments, np.zeros(5, int), emb, k=3, per_participant=1)
    assert sorted(quotes["participant_id"]) == ["P1", "P2", "P3"]
    filled = representative_quotes(segments, np.zeros(5, int), emb, k=4, per_participant=1)
    assert filled["participant_id"].tolist().count("P1") == 2
    assert len(filled) == 4


def test_outliers_never_quoted_and_row_order_does_not_matter():
    rng = np.random.default_rng(3)
    emb = rng.normal(size=(30, 8))
    topics = np.repeat([0, 1, -1], 10)
    segments = _segments([f"P{i % 7}" for i in range(30)])
    quotes = representative_quotes(segments, topics, emb, k=3)
    assert set(quotes["topic"]) == {0, 1}
    perm = rng.permutation(30)
    shuffled = representative_quotes(segments.iloc[perm], topics[perm], emb[perm], k=3)
    pd.testing.assert_frame_equal(quotes, shuffled)
