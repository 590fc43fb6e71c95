"""Exact neighbours for UMAP: the true cosine neighbours, deterministic, and used by the topic fits."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import NearestNeighbors

from thematica.topics import neighbors as nb
from thematica.topics.model import build_topic_model, corpus_neighbors, fit_topics
from thematica.topics.settings import TopicSettings

from .conftest import make_corpus

SETTINGS = TopicSettings(representation="ctfidf", stability_runs=2)


def test_neighbours_are_the_brute_force_ones():
    x = np.random.default_rng(3).normal(size=(300, 16))
    indices, distances = nb.exact_cosine_neighbors(x, 12)
    brute = NearestNeighbors(n_neighbors=12, metric="cosine", algorithm="brute").fit(x)
    expected_d, expected_i = brute.kneighbors(x)
    assert indices.dtype == np.int32 and distances.dtype == np.float32
    assert np.array_equal(indices, expected_i)  # continuous data: no ties
    assert np.allclose(distances, expected_d, atol=1e-6)
    assert np.array_equal(indices[:, 0], np.arange(300)) and not distances[:, 0].any()


def test_ties_go_to_the_lower_index_whatever_the_block():
    x = np.array([[1.0, 0.0]] * 5 + [[0.0, 1.0], [0.0, 0.0]])  # five identical rows and a zero vector
    indices, distances = nb.exact_cosine_neighbors(x, 3)
    assert indices[:5].tolist() == [[0, 1, 2], [1, 0, 2], [2, 0, 1], [3, 0, 1], [4, 0, 1]]
    assert indices[6, 0] == 6 and np.allclose(distances[6, 1:], 1.0)  # the zero vector: 1 from the rest
    rows = np.random.default_rng(4).integers(0, 4, size=(200, 3)).astype(float)  # many ties
    assert all(
        np.array_equal(nb.exact_cosine_neighbors(rows, 9, block=b)[0], nb.exact_cosine_neighbors(rows, 9)[0])
        for b in (1, 7, 64)
    )


def test_k_outside_the_corpus_is_refused():
    with pytest.raises(ValueError, match="k must be between 1 and the number of rows"):
        nb.exact_cosine_neighbors(np.ones((3, 2)), 4)


def test_every_corpus_up_to_the_limit_gets_them(monkeypatch):
    x = np.random.default_rng(5).normal(size=(50, 4))
    assert nb.precomputed_neighbors(x, 5)[0].shape == (50, 5)  # small corpora too
    monkeypatch.setattr(nb, "EXACT_MAX", 40)
    assert nb.precomputed_neighbors(x, 5) is None  # too large to search exactly: UMAP's NN-descent


def test_the_model_hands_them_to_umap():
    neighbors = (np.zeros((5000, 36), dtype=np.int32), np.zeros((5000, 36), dtype=np.float32))
    model = build_topic_model(SETTINGS, 5000, seed=7, neighbors=neighbors)
    assert model.umap_model.precomputed_knn[0] is neighbors[0]
    assert build_topic_model(SETTINGS, 5000, seed=7).umap_model.precomputed_knn == (None, None, None)


def test_fits_use_them_without_umap_searching(monkeypatch):
    """A corpus is fitted on the exact neighbours: UMAP never searches or computes its distance matrix, and
    the planted topics are found as with UMAP's own exact search."""
    import umap.umap_

    segments, emb, planted = make_corpus(seed=4)
    docs = segments["text"].tolist()
    with monkeypatch.context() as patch:
        patch.setattr(nb, "EXACT_MAX", 10)  # UMAP's own search: its distance matrix, for a small corpus
        assert corpus_neighbors(emb, SETTINGS) is None
        own = fit_topics(docs, emb, SETTINGS, seed=11)

    def no_search(*args, **kwargs):
        raise AssertionError("UMAP searched for neighbours itself")

    monkeypatch.setattr(umap.umap_, "nearest_neighbors", no_search)  # its approximate search
    monkeypatch.setattr(umap.umap_, "pairwise_distances", no_search)  # its exact one, for small corpora
    assert corpus_neighbors(emb, SETTINGS) is not None
    exact = fit_topics(docs, emb, SETTINGS, seed=11)
    assert adjusted_rand_score(planted, exact.topics) > 0.95
    assert adjusted_rand_score(own.topics, exact.topics) > 0.95


def test_only_a_fit_with_umaps_own_search_can_transform():
    segments, emb, _ = make_corpus(seed=4)
    docs = segments["text"].tolist()
    # other vectors of the same segments (the training vectors themselves UMAP hands back unsearched)
    other = emb + np.random.default_rng(0).normal(scale=1e-3, size=emb.shape).astype(emb.dtype)
    searched = fit_topics(docs, emb, SETTINGS, seed=11, umap_search=True)
    assert searched.model.umap_model.precomputed_knn == (None, None, None)
    assigned, _ = searched.model.transform(docs, embeddings=other)
    assert len(assigned) == len(docs)
    exact = fit_topics(docs, emb, SETTINGS, seed=11)
    with pytest.raises(NotImplementedError, match="No search index"):
        exact.model.transform(docs, embeddings=other)
