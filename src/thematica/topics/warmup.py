"""Compile the topic fit's numba code once per run, before the topic steps start.

With an empty numba cache (a new machine, new library versions, CI), every process that fits topics or
imports BERTopic compiles UMAP's and pynndescent's numba functions for itself: on the demo studies six
processes (reference fit, refits and codes' keywords of two studies) compiled the same code side by side,
about 10-20 s of CPU each. :func:`warm_jit_cache` compiles it once, with the run's topic settings, on a
small synthetic corpus through both of the pipeline's UMAP paths (UMAP's own exact search below 4,096
segments; precomputed exact neighbours above), and :func:`thematica.jitcache.enable_jit_cache` stores it
on disk, so the topic steps load machine code instead. Nothing it computes is kept: the themes of a study
are the same bytes with and without it (compiled code is the same code).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

from thematica.errors import ThematicaError
from thematica.topics.settings import TopicSettings

log = logging.getLogger(__name__)

CORPUS = 300
"""Segments of the synthetic corpus: a fit in a few seconds, enough for HDBSCAN to find its clusters."""


def synthetic_corpus(n: int = CORPUS, *, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """``n`` short documents in three word-clusters and their unit embeddings (float32, 384 columns, as
    the bundled model's), clustered alike.

    Examples
    --------
    >>> docs, vectors = synthetic_corpus(6)
    >>> len(docs), vectors.shape, vectors.dtype.name
    (6, (6, 384), 'float32')
    """
    rng = np.random.default_rng(seed)
    words = (
        ("privacy", "records", "consent"),
        ("chatbot", "app", "reminders"),
        ("trust", "alliance", "rapport"),
    )
    cluster = np.arange(n) % len(words)
    centres = rng.normal(size=(len(words), 384))
    vectors = centres[cluster] + 0.3 * rng.normal(size=(n, 384))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    docs = [" ".join(rng.permutation(words[c]).tolist()) + f" patient {i % 7}" for i, c in enumerate(cluster)]
    return docs, vectors.astype(np.float32)


def warm_jit_cache(settings: dict | TopicSettings, *, seed: int) -> dict:
    """Compile the numba code of a topic fit (and cache it on disk, where the cache is on).

    Parameters
    ----------
    settings
        The config's ``topics`` section (so that the compiled signatures are the run's).
    seed
        The config's seed (UMAP's random state, as in the topic steps).

    Returns
    -------
    dict
        ``cache`` (the folder, or ``None`` when caching is off), ``cpu_s`` and, per UMAP path, the topics
        found or the reason none were.
    """
    from thematica.jitcache import enable_jit_cache, limit_numba_threads
    from thematica.topics.model import fit_topics
    from thematica.topics.neighbors import exact_cosine_neighbors
    from thematica.topics.settings import resolve_sizes

    limit_numba_threads(1)
    folder = enable_jit_cache()
    if not isinstance(settings, TopicSettings):
        settings = TopicSettings.from_config(settings)
    start = time.process_time()
    docs, vectors = synthetic_corpus(seed=seed % (2**32))
    k = resolve_sizes(settings, len(docs))["n_neighbors"]
    paths = {"umap_search": None, "precomputed_neighbors": exact_cosine_neighbors(vectors, k)}
    found: dict[str, object] = {}
    for name, neighbors in paths.items():
        try:
            fit = fit_topics(docs, vectors, settings, seed=seed, represent=False, neighbors=neighbors)
            found[name] = fit.n_topics
        except (ThematicaError, ValueError) as exc:  # compiled all the same; the fit itself is not kept
            found[name] = f"no fit: {exc}"
    out = {"cache": None if folder is None else str(folder), "cpu_s": time.process_time() - start, **found}
    log.info("numba code compiled in %.1f s of CPU (cache: %s)", out["cpu_s"], out["cache"])
    return out


def write_warm_record(record: dict, path: str | Path) -> None:
    """The warm-up's record, JSON (the workflow's ``jit_cache`` output)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
