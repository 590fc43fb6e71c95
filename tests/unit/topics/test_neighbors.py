"""Exact neighbours for UMAP: the true cosine neighbours, deterministic, and used by the topic fits."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import NearestNeighbors

from thematica.topics import neighbors as nb
from thematica.topics.model import build_topic_model, corpus_neighbors, fit_topics
from thematica.topics.settings import TopicSettings, resolve_sizes

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


def test_a_corpus_above_the_limit_gets_umaps_own_search(monkeypatch):
    x = np.random.default_rng(5).normal(size=(50, 4))
    exact = nb.precomputed_neighbors(x, 5, seed=3)
    assert np.array_equal(exact[0], nb.exact_cosine_neighbors(x, 5)[0])  # small corpora: exact
    searched = []

    def search(embeddings, k, seed):
        searched.append((len(embeddings), k, seed))
        return nb.exact_cosine_neighbors(embeddings, k)

    monkeypatch.setattr(nb, "EXACT_MAX", 40)
    monkeypatch.setattr(nb, "approximate_cosine_neighbors", search)
    monkeypatch.setattr("thematica.support.workers.fork_safe", lambda: False)  # the call in this process
    nb.precomputed_neighbors(x, 5, seed=3)
    assert searched == [(50, 5, 3)]  # too large to search exactly: NN-descent, seeded


@pytest.mark.filterwarnings("ignore:n_jobs value:UserWarning")  # a seeded UMAP runs one job, as the search
def test_the_approximate_search_is_the_one_a_seeded_umap_runs():
    """Above the limit the fits get the neighbours UMAP itself would find with the reference fit's seed:
    pynndescent's NN-descent as UMAP calls it, the same graph on every call."""
    import umap

    x = np.random.default_rng(8).normal(size=(400, 12)).astype(np.float32)
    indices, distances = nb.approximate_cosine_neighbors(x, 10, 7)
    own = umap.UMAP(
        n_neighbors=10, metric="cosine", random_state=7, force_approximation_algorithm=True, n_epochs=5
    ).fit(x)
    assert np.array_equal(indices, own._knn_indices)
    assert np.array_equal(distances, own._knn_dists)
    again = nb.approximate_cosine_neighbors(x, 10, 7)
    assert np.array_equal(again[0], indices) and np.array_equal(again[1], distances)
    assert indices.shape == (400, 10) and (indices[:, 0] == np.arange(400)).all()


def test_refits_of_a_large_corpus_share_one_search_with_the_reference_seed(monkeypatch, tmp_path):
    """The refits of a corpus above the limit search its neighbours once, with the reference fit's seed,
    not once per refit with their own."""
    from thematica.topics.study import stability_refits

    segments, emb, _ = make_corpus(seed=4)
    record = tmp_path / "searches.txt"

    def search(embeddings, k, seed):  # may run in a forked child: the record is a file
        with record.open("a") as out:
            out.write(f"{len(embeddings)} {k} {seed}\n")
        return nb.exact_cosine_neighbors(embeddings, k)

    monkeypatch.setattr(nb, "EXACT_MAX", 10)
    monkeypatch.setattr(nb, "approximate_cosine_neighbors", search)
    refits = stability_refits(segments["text"].tolist(), emb, SETTINGS, [12, 13], reference_seed=11)
    n = len(segments)
    assert record.read_text().splitlines() == [f"{n} {resolve_sizes(SETTINGS, n)['n_neighbors']} 11"]
    assert refits.shape == (2, n)


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
    own = fit_topics(docs, emb, SETTINGS, seed=11, umap_search=True)  # UMAP's own search

    def no_search(*args, **kwargs):
        raise AssertionError("UMAP searched for neighbours itself")

    monkeypatch.setattr(umap.umap_, "nearest_neighbors", no_search)  # its approximate search
    monkeypatch.setattr(umap.umap_, "pairwise_distances", no_search)  # its exact one, for small corpora
    assert corpus_neighbors(emb, SETTINGS, seed=11)[0].shape[0] == len(docs)
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


def test_the_search_of_a_large_corpus_leaves_the_refits_free_to_fork():
    """NN-descent starts numba's threads; run in a child, it leaves the refits' parent able to fork them."""
    import json
    import subprocess
    import sys
    import textwrap

    code = """
        import json
        import numba
        import numba.np.ufunc.parallel as numba_parallel
        from tests.unit.topics.conftest import make_corpus
        from thematica.topics import neighbors as nb
        from thematica.topics.settings import TopicSettings
        from thematica.topics.study import stability_refits

        def search(embeddings, k, seed):
            numba.set_num_threads(1)  # as NN-descent does
            return nb.exact_cosine_neighbors(embeddings, k)

        nb.EXACT_MAX = 10
        nb.approximate_cosine_neighbors = search
        segments, emb, _ = make_corpus(seed=4)
        settings = TopicSettings(representation="ctfidf", stability_runs=2)
        docs = segments["text"].tolist()
        refits = stability_refits(docs, emb, settings, [12, 13], reference_seed=11, workers=2)
        print(json.dumps({"parent_threads": numba_parallel._is_initialized, "n": len(refits)}))
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"parent_threads": False, "n": 2}
