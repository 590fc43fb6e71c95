"""Stability: best-match Jaccard against a brute-force reference, agreement between refits."""

from __future__ import annotations

import numpy as np
import pytest

from thematica.topics.stability import best_match_overlap, topic_stability


def _brute(reference, other):
    out = {}
    for t in sorted(set(reference) - {-1}):
        a = {i for i, x in enumerate(reference) if x == t}
        best = (0.0, -1)
        for u in sorted(set(other) - {-1}):
            b = {i for i, x in enumerate(other) if x == u}
            j = len(a & b) / len(a | b)
            if j > best[0]:
                best = (j, u)
        out[t] = best
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_best_match_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    reference = rng.integers(-1, 5, size=80)
    other = rng.integers(-1, 6, size=80)
    table = best_match_overlap(reference, other)
    brute = _brute(reference.tolist(), other.tolist())
    for topic, match, jaccard in table.itertuples(index=False):
        assert jaccard == pytest.approx(brute[topic][0])
        assert match == brute[topic][1]


def test_relabelled_refit_is_perfectly_stable():
    reference = np.array([0, 0, 1, 1, 2, 2, -1])
    relabelled = np.array([5, 5, 3, 3, 9, 9, -1])
    per_topic, runs = topic_stability(reference, [relabelled, reference], [1, 2], threshold=0.5)
    assert per_topic["stability"].tolist() == [1.0, 1.0, 1.0]
    assert per_topic["stable"].all()
    assert runs["ari"].tolist() == [1.0, 1.0] and runs["seed"].tolist() == [1, 2]


def test_dissolving_topic_is_flagged():
    reference = np.array([0] * 6 + [1] * 6)
    refit = np.array([0] * 6 + [1, 2, 3, 4, 5, 6])
    per_topic, _ = topic_stability(reference, [refit], [7], threshold=0.5)
    assert per_topic.set_index("topic")["stable"].to_dict() == {0: True, 1: False}
    assert per_topic.set_index("topic").loc[1, "stability"] == pytest.approx(1 / 6)


def test_no_refits():
    per_topic, runs = topic_stability(np.array([0, 1]), [], [])
    assert per_topic["stable"].all() and per_topic["stability"].isna().all() and runs.empty
