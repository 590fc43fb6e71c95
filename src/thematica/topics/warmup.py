"""Compile UMAP's numba code once per run, before the topic fits need it.

The topic fits load UMAP's compiled functions from numba's on-disk cache (:mod:`thematica.support.jitcache`),
and the first process to find the cache empty compiles them, which takes seconds. In a cold run the reference
fits of two studies start together, and both compiled the same functions side by side. The workflow's
``jit_cache`` step fits a small synthetic corpus once, at the start of a run beside the jobs that lead to
the embeddings, with the study's topic settings (the same code paths: exact neighbours, the seeded layout,
HDBSCAN, outlier reduction); every later fit then loads the code. With the cache filled already it is
cheap. It computes nothing any result depends on (measured: docs/performance.md).
"""

from __future__ import annotations

import logging
import time

import numpy as np

from thematica.errors import ThematicaError
from thematica.topics.settings import TopicSettings

log = logging.getLogger(__name__)

#: Segments of the synthetic corpus, and the clusters planted in it.
N_SEGMENTS, N_CLUSTERS = 400, 4


def compile_topic_fits(settings: TopicSettings, *, dimension: int = 384) -> float:
    """Fit a synthetic corpus of :data:`N_SEGMENTS` float32 vectors once, without keywords, so that
    numba compiles (and caches) what a topic fit runs.

    Returns
    -------
    float
        Seconds of CPU the fit took (compilation or cache loading included).
    """
    from thematica.support.jitcache import enable_jit_cache
    from thematica.topics.model import fit_topics

    folder = enable_jit_cache()
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(N_CLUSTERS, dimension))
    labels = np.arange(N_SEGMENTS) % N_CLUSTERS
    vectors = (centres[labels] + 0.3 * rng.normal(size=(N_SEGMENTS, dimension))).astype(np.float32)
    docs = [f"cluster{label} words about theme {label} segment {i}" for i, label in enumerate(labels)]
    settings = TopicSettings.from_config(
        {**settings.to_dict(), "representation": "ctfidf", "min_segments": 1, "stability_runs": 0}
    )
    start = time.process_time()
    try:
        fit_topics(docs, vectors, settings, seed=0, represent=False)
    except ThematicaError as exc:  # no topic in the synthetic corpus: UMAP has run, which is the point
        log.info("the synthetic fit found no topic (%s)", exc)
    cpu = time.process_time() - start
    log.info("topic fit compiled or loaded in %.1f s of CPU (numba cache: %s)", cpu, folder or "off")
    return cpu
