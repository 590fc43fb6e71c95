"""Stability of candidate themes across seeds: does a topic come back when UMAP is seeded differently?

For every topic of the reference fit, its best match in a refit is the refit topic whose segment set has
the largest Jaccard overlap with it; a topic's stability is the mean of that best overlap over refits
(1 = the same segments every time, near 0 = it dissolves). Overall agreement between runs is the adjusted
Rand index and NMI of the full assignments (outliers as their own label).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.topics.settings import TopicSettings

log = logging.getLogger(__name__)

#: The columns of ``stability.csv``: one row per refit.
RUN_COLUMNS = ["seed", "n_topics", "outlier_share", "ari", "nmi", "mean_best_match"]


def contingency(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts of segments in each pair of labels.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        The sorted labels of ``a`` (shape ``(p,)``), of ``b`` (``(q,)``), and the counts ``(p, q)``.
    """
    a, b = np.asarray(a), np.asarray(b)
    la, ia = np.unique(a, return_inverse=True)
    lb, ib = np.unique(b, return_inverse=True)
    counts = np.zeros((len(la), len(lb)), dtype=np.int64)
    np.add.at(counts, (ia, ib), 1)
    return la, lb, counts


def best_match_overlap(reference: np.ndarray, other: np.ndarray) -> pd.DataFrame:
    """For each topic of ``reference`` (not -1), its best-matching topic in ``other`` by Jaccard overlap.

    Parameters
    ----------
    reference, other
        Shape ``(n,)``: two assignments of the same segments.

    Returns
    -------
    pandas.DataFrame
        ``topic, match, jaccard``; ``match`` is -1 and ``jaccard`` 0 when nothing overlaps.

    Examples
    --------
    >>> best_match_overlap(np.array([0, 0, 1, 1, -1]), np.array([5, 5, 5, 7, 7])).round(3)
       topic  match  jaccard
    0      0      5    0.667
    1      1      7    0.333
    """
    la, lb, counts = contingency(reference, other)
    size_a = counts.sum(axis=1, keepdims=True)
    size_b = counts.sum(axis=0, keepdims=True)
    keep_b = lb != -1
    union = size_a + size_b - counts
    jaccard = np.where(union > 0, counts / np.maximum(union, 1), 0.0)[:, keep_b]
    rows = []
    for i, topic in enumerate(la.tolist()):
        if topic == -1:
            continue
        if jaccard.shape[1] == 0 or jaccard[i].max() == 0:
            rows.append((topic, -1, 0.0))
            continue
        j = int(np.argmax(jaccard[i]))  # first maximum: the lowest label wins a tie
        rows.append((topic, int(lb[keep_b][j]), float(jaccard[i, j])))
    return pd.DataFrame(rows, columns=["topic", "match", "jaccard"])


def topic_stability(
    reference: np.ndarray, refits: Sequence[np.ndarray], seeds: Sequence[int], *, threshold: float = 0.5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-topic stability and per-refit agreement with the reference fit.

    Parameters
    ----------
    reference
        Shape ``(n,)``: the reported topics.
    refits
        Assignments from refits with other seeds, each shape ``(n,)``.
    seeds
        The refits' seeds.
    threshold
        Topics whose mean best-match overlap is below this are flagged unstable.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        ``topic, stability, stability_min, stable`` (one row per reference topic; stability is ``nan`` and
        stable true when there are no refits) and ``seed, n_topics, outlier_share, ari, nmi, mean_best_match``
        (one row per refit).
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    reference = np.asarray(reference)
    topics = sorted(set(reference.tolist()) - {-1})
    per_topic = pd.DataFrame({"topic": topics})
    matches = []
    runs = []
    for seed, other in zip(seeds, refits, strict=True):
        other = np.asarray(other)
        best = best_match_overlap(reference, other).set_index("topic")["jaccard"]
        matches.append(best.reindex(topics).fillna(0.0).to_numpy())
        runs.append(
            {
                "seed": int(seed),
                "n_topics": len(set(other.tolist()) - {-1}),
                "outlier_share": float(np.mean(other == -1)),
                "ari": float(adjusted_rand_score(reference, other)),
                "nmi": float(normalized_mutual_info_score(reference, other)),
                "mean_best_match": float(best.mean()) if len(best) else 0.0,
            }
        )
    if matches:
        stacked = np.vstack(matches)
        per_topic["stability"] = stacked.mean(axis=0)
        per_topic["stability_min"] = stacked.min(axis=0)
        per_topic["stable"] = per_topic["stability"] >= threshold
    else:
        per_topic["stability"] = np.nan
        per_topic["stability_min"] = np.nan
        per_topic["stable"] = True
    return per_topic, pd.DataFrame(runs, columns=RUN_COLUMNS)


def refit_seeds(seed: int, n: int) -> list[int]:
    """The seeds of ``n`` stability refits: ``seed + 1 .. seed + n``.

    Examples
    --------
    >>> refit_seeds(7, 3)
    [8, 9, 10]
    """
    return [seed + i for i in range(1, n + 1)]


def with_stability(
    table: pd.DataFrame,
    reference: np.ndarray,
    refits: np.ndarray,
    seeds: Sequence[int],
    *,
    threshold: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The topic table with each theme's stability across the refits, and one row per refit.

    Parameters
    ----------
    table
        :attr:`thematica.topics.study.ReferenceThemes.topic_table`.
    reference
        Shape ``(n,)``: the reference fit's topics, in segment order.
    refits
        Shape ``(len(seeds), n)``: the refits' topics (:func:`thematica.topics.study.stability_refits`).
    seeds
        The refits' seeds, in row order.
    threshold
        ``topics.stability_threshold``.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The ``topic_info`` and ``stability`` tables of :class:`thematica.topics.study.CandidateThemes`;
        both with their columns and no rows when ``reference`` has no segment (a study too small for
        candidate themes, :func:`thematica.topics.study.skipped_themes`).
    """
    reference = np.asarray(reference)
    if np.shape(refits) != (len(seeds), len(reference)):
        raise ThematicaError(
            f"the stability refits have shape {np.shape(refits)}, not {(len(seeds), len(reference))} "
            "(topics.stability_runs x segments); rerun the topic_refits step"
        )
    if not len(reference):  # a study too small for candidate themes: no fit, no refits
        log.info("no candidate themes (too few participant segments): no stability to measure")
        return _without_rows(table), pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in ("seed", "n_topics") else "float64") for c in RUN_COLUMNS}
        )
    per_topic, runs = topic_stability(reference, list(refits), seeds, threshold=threshold)
    info = table.merge(per_topic, on="topic", how="left")
    info["stable"] = info["stable"].astype("boolean")
    info.loc[info["topic"] == -1, "stable"] = pd.NA
    unstable = int((~info["stable"].fillna(True)).sum())
    log.info(
        "%d candidate themes, %.1f%% outliers, %d unstable; refits agree with ARI %s",
        int((info["topic"] != -1).sum()),
        100 * float(np.mean(reference == -1)) if len(reference) else 0.0,
        unstable,
        ", ".join(f"{a:.2f}" for a in runs["ari"]),
    )
    return info, runs


def _without_rows(table: pd.DataFrame) -> pd.DataFrame:
    """An empty topic table with the stability columns ``with_stability`` adds."""
    return table.iloc[:0].assign(
        stability=pd.Series(dtype="float64"),
        stability_min=pd.Series(dtype="float64"),
        stable=pd.Series(dtype="boolean"),
    )


def study_stability(
    table: pd.DataFrame,
    segment_topics: pd.DataFrame,
    refits: np.ndarray,
    *,
    settings: dict | TopicSettings,
    seed: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The workflow's topic_stability step: the reference fit's topic table and topics
    (``segment_topics.parquet``) with the refits of the topic_refits step
    (:func:`thematica.topics.study.study_refits`), then :func:`with_stability`. A light step: it imports
    neither BERTopic nor UMAP.

    Raises
    ------
    ThematicaError
        If the refits are not ``topics.stability_runs`` refits of these segments (a stale refit file).
    """
    if not isinstance(settings, TopicSettings):
        settings = TopicSettings.from_config(settings)
    seeds = refit_seeds(seed, settings.stability_runs)
    reference = segment_topics["topic"].to_numpy()
    return with_stability(table, reference, refits, seeds, threshold=settings.stability_threshold)
