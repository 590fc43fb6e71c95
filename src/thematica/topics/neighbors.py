"""Nearest neighbours of the segment embeddings, found once per corpus and handed to every UMAP fit.

UMAP finds the neighbours of a corpus of 4,096 segments or more with pynndescent's approximate NN-descent,
and of a smaller one exactly, by computing every distance. Both are slow here. pynndescent's numba
functions take the distance function as an argument, so numba cannot cache them on disk
(:mod:`thematica.support.jitcache`): every process that fits a larger corpus compiled them again, for far
longer than an exact search takes. The small-corpus
path calls UMAP's numba cosine from Python once per pair of segments, through scikit-learn's
``pairwise_distances``: millions of Python-level calls in every fit, for what one matrix product computes
(measured: docs/performance.md). Up to :data:`EXACT_MAX` segments the topic
fits therefore hand UMAP the exact neighbours (``UMAP(precomputed_knn=...)``, which UMAP takes at any
corpus size): no compilation, no pairwise loop, and the true neighbours rather than an approximation.

Above it the exact search costs more than the compilation (it grows with the square of the corpus), and
the neighbours are UMAP's own NN-descent, run as a seeded UMAP runs it
(:func:`approximate_cosine_neighbors`), once for all the fits of one process: the stability refits of a
large corpus searched and compiled once each before, in every forked refit. Either way the reference fit
and every refit share one graph, so the refits vary only UMAP's layout and what follows.
"""

from __future__ import annotations

import warnings

import numpy as np

#: Largest corpus whose neighbours are searched exactly here.
EXACT_MAX = 20_000


def precomputed_neighbors(
    embeddings: np.ndarray, n_neighbors: int, *, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The neighbours to give UMAP: exact up to :data:`EXACT_MAX` segments, UMAP's own NN-descent with
    ``seed`` above it (searched in a forked process, so that this one can still fork its workers:
    :func:`thematica.support.workers.in_child_process`)."""
    if len(embeddings) > EXACT_MAX:
        from thematica.support.workers import in_child_process

        return in_child_process(approximate_cosine_neighbors, embeddings, n_neighbors, seed)
    return exact_cosine_neighbors(embeddings, n_neighbors)


def approximate_cosine_neighbors(embeddings: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """UMAP's approximate cosine neighbours, as ``UMAP(n_neighbors=k, metric="cosine", random_state=seed)``
    finds them when it searches itself: pynndescent's NN-descent on float32 rows, single-threaded (a
    seeded UMAP sets ``n_jobs=1``), so the graph is the same on every run. It starts numba's threads.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Indices (int32) and distances (float32), shape ``(n, k)``, as :func:`exact_cosine_neighbors`.
    """
    from sklearn.utils import check_random_state
    from umap.umap_ import nearest_neighbors

    x = np.ascontiguousarray(embeddings, dtype=np.float32)
    with warnings.catch_warnings():  # its numba functions cannot be cached on disk, and say so each time
        warnings.filterwarnings("ignore", message="Cannot cache compiled function")
        indices, distances, _ = nearest_neighbors(
            x,
            k,
            "cosine",
            {},
            True,  # angular random-projection trees, which UMAP uses for the cosine metric
            check_random_state(seed % (2**32)),
            True,  # low_memory, UMAP's default
            use_pynndescent=True,
            n_jobs=1,
            verbose=False,
        )
    return indices, distances


def exact_cosine_neighbors(
    embeddings: np.ndarray, k: int, *, block: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` nearest rows by cosine distance, itself first, as UMAP's ``precomputed_knn`` takes
    them.

    Distances are computed in float64 (a row block at a time) and ranked as float32, the precision UMAP
    keeps, with ties going to the lower row index: rounding noise of the matrix product (which changes with
    the BLAS and the block's shape) does not reorder equal distances. A zero vector is at distance 1 from
    every other row.

    Parameters
    ----------
    embeddings
        Shape ``(n, d)``.
    k
        Neighbours per row, itself included (UMAP's ``n_neighbors``); at most ``n``.
    block
        Rows per block (memory: ``block * n`` float64).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Indices (int32) and distances (float32), shape ``(n, k)``, nearest first.

    Examples
    --------
    >>> x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    >>> indices, distances = exact_cosine_neighbors(x, 2)
    >>> indices.tolist()
    [[0, 1], [1, 0], [2, 1]]
    >>> bool(distances[0, 0] == 0.0)
    True
    """
    x = np.asarray(embeddings, dtype=np.float64)
    n = x.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of rows ({n}), not {k}")
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    unit = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    indices = np.empty((n, k), dtype=np.int32)
    distances = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, block):
        rows = np.arange(start, min(start + block, n))
        dist = np.clip(1.0 - unit[rows] @ unit.T, 0.0, 2.0).astype(np.float32)
        dist[np.arange(len(rows)), rows] = -1.0  # itself first, whatever its norm
        # the k smallest, then sorted by (distance, index): argpartition's pick among ties at the k-th
        # distance is replaced by the lowest indices
        kth = np.partition(dist, k - 1, axis=1)[:, k - 1 : k]
        for i, row in enumerate(dist):
            below = np.flatnonzero(row < kth[i])
            tied = np.flatnonzero(row == kth[i])[: k - len(below)]
            chosen = np.concatenate([below, tied])
            order = np.lexsort((chosen, row[chosen]))
            indices[start + i] = chosen[order]
            distances[start + i] = np.maximum(row[chosen[order]], 0.0)
    return indices, distances
