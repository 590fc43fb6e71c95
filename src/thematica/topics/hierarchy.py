"""A hierarchy of the fitted topics, cut to a reviewable number of top-level candidate themes.

The topic model finds dozens of fine topics in a study of 25-50 interviews; no analyst reviews 66
unordered clusters. BERTopic's ``hierarchical_topics`` merges the fitted topics step by step (Ward
linkage, SciPy, with ``optimal_ordering``) on the cosine distances between the topics' centroids (the mean
of their segments' unit embeddings: what the segments mean, not which words they share). The tree is cut
into at most ``topics.top_level`` top-level candidate themes by undoing its highest merges, as SciPy's
``fcluster(..., criterion="maxclust")`` does; each fitted topic is a sub-theme of one of them. Topics of
interview talk (:mod:`thematica.topics.talk`) are taken out of the tree before the cut (a merge with a
talk topic counts as its other branch), so talk is never a top-level theme nor merged into one.

The fitted topics keep their ids; top-level themes are numbered ``1..k`` by size (segments, then their
smallest topic), with ``0`` for interview talk and ``-1`` for the outliers. Everything is deterministic:
the distances are rounded to 9 decimals before the linkage, and ties are broken by topic ids.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

#: ``theme`` of the topics of interview talk, set apart from the top-level themes.
TALK_THEME = 0
#: ``theme`` of the outlier topic (``-1``).
OUTLIER_THEME = -1


@dataclass(frozen=True)
class Merge:
    """One merge of the tree: the pipeline's topics under it and its linkage distance."""

    topics: frozenset[int]
    distance: float
    left: frozenset[int]
    right: frozenset[int]


def centroid_distances(embeddings: np.ndarray, topics: np.ndarray, ids: Iterable[int]) -> np.ndarray:
    """Cosine distances between the centroids of the topics ``ids`` (mean unit embedding of each).

    Returns
    -------
    numpy.ndarray
        Shape ``(m, m)``, zero diagonal, rounded to 9 decimals.

    Examples
    --------
    >>> e = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> centroid_distances(e, np.array([0, 0, 1]), [0, 1]).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    e = np.asarray(embeddings, dtype=np.float64)
    e = e / np.where((n := np.linalg.norm(e, axis=1, keepdims=True)) == 0, 1.0, n)
    topics = np.asarray(topics)
    centroids = np.stack([e[topics == t].mean(axis=0) for t in ids])
    centroids /= np.where((n := np.linalg.norm(centroids, axis=1, keepdims=True)) == 0, 1.0, n)
    distance = np.clip(1.0 - centroids @ centroids.T, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    return np.round((distance + distance.T) / 2, 9)


def bertopic_hierarchy(model, docs, embeddings: np.ndarray) -> pd.DataFrame:
    """BERTopic's ``hierarchical_topics`` of a fitted model, with the distances this module uses: Ward
    linkage (``optimal_ordering``) on the cosine distances of the topics' centroids. What
    ``visualize_hierarchy(hierarchical_topics=...)`` draws; in the model's own topic numbering.

    Parameters
    ----------
    model
        The fitted ``bertopic.BERTopic``.
    docs
        The ``n`` segment texts it was fitted on.
    embeddings
        Shape ``(n, d)``: the segments' embeddings.
    """
    from scipy.cluster import hierarchy as sch

    model_topics = np.asarray(model.topics_, dtype=np.int64)
    ids = sorted(set(model_topics.tolist()) - {-1})  # BERTopic's rows of its topic representations
    distance = centroid_distances(embeddings, model_topics, ids)

    def linkage(condensed):
        return sch.linkage(condensed, "ward", optimal_ordering=True)

    # the merged topics' names are not used: c-TF-IDF alone, not the keyword model at every merge
    representation, model.representation_model = model.representation_model, None
    try:
        return model.hierarchical_topics(
            list(docs), linkage_function=linkage, distance_function=lambda _: distance
        )
    finally:
        model.representation_model = representation


def topic_merges(model, docs, topics: np.ndarray, embeddings: np.ndarray) -> list[Merge]:
    """:func:`bertopic_hierarchy` in the pipeline's topic numbering.

    Parameters
    ----------
    model
        The fitted ``bertopic.BERTopic`` (:attr:`thematica.topics.model.TopicFit.model`).
    docs
        The ``n`` segment texts it was fitted on.
    topics
        Shape ``(n,)``: the pipeline's topics (:attr:`~thematica.topics.model.TopicFit.topics`).
    embeddings
        Shape ``(n, d)``: the segments' embeddings, whose topic centroids give the distances.

    Returns
    -------
    list of Merge
        The ``m - 1`` merges of ``m`` topics, by increasing distance.
    """
    model_topics = np.asarray(model.topics_, dtype=np.int64)
    pairs = dict(zip(model_topics.tolist(), np.asarray(topics).tolist(), strict=True))
    ids = sorted(t for t in pairs if t != -1)
    if len(ids) < 2:
        return []
    tree = bertopic_hierarchy(model, docs, embeddings)
    nodes: dict[str, frozenset[int]] = {str(i): frozenset({pairs[t]}) for i, t in enumerate(ids)}
    merges = []
    # in the linkage's order (a parent's id is above its children's), then by increasing distance
    for row in tree.assign(order=tree["Parent_ID"].astype(int)).sort_values("order").itertuples(index=False):
        left, right = nodes[str(row.Child_Left_ID)], nodes[str(row.Child_Right_ID)]
        both = left | right
        nodes[str(row.Parent_ID)] = both
        merges.append(Merge(both, round(float(row.Distance), 9), left, right))
    return sorted(merges, key=lambda m: (m.distance, sorted(m.topics)))


def cut_merges(merges: list[Merge], topics: Iterable[int], *, talk: Iterable[int] = (), k: int = 12) -> dict:
    """Cut a tree of topics into at most ``k`` top-level themes, leaving out the talk topics.

    Parameters
    ----------
    merges
        The tree (:func:`topic_merges`): every merge of the topics.
    topics
        Every fitted topic (not ``-1``).
    talk
        Topics of interview talk: out of the tree, theme :data:`TALK_THEME`.
    k
        ``topics.top_level``: the most top-level themes (fewer when there are fewer content topics).

    Returns
    -------
    dict
        Topic -> its group: a ``frozenset`` of the topics of its top-level theme (numbered by
        :func:`number_themes`), or ``None`` for a talk topic.

    Examples
    --------
    >>> m = [Merge(frozenset({0, 1}), 0.1, frozenset({0}), frozenset({1})),
    ...      Merge(frozenset({2, 3}), 0.2, frozenset({2}), frozenset({3})),
    ...      Merge(frozenset({0, 1, 2, 3}), 0.9, frozenset({0, 1}), frozenset({2, 3}))]
    >>> groups = cut_merges(m, [0, 1, 2, 3], talk=[3], k=2)
    >>> sorted(groups[0]), sorted(groups[2]), groups[3]
    ([0, 1], [2], None)
    """
    talk = set(talk)
    content = frozenset(topics) - talk
    # the tree without talk: a merge of content with talk is no merge; keep only merges of two content sides
    splits: dict[frozenset[int], tuple[float, frozenset[int], frozenset[int]]] = {}
    for merge in merges:
        left, right = merge.left & content, merge.right & content
        if left and right:
            splits[left | right] = (merge.distance, left, right)
    clusters = [content] if content else []
    while len(clusters) < k:
        splittable = [c for c in clusters if c in splits]
        if not splittable:
            break
        top = max(splittable, key=lambda c: (splits[c][0], -min(c)))
        _, left, right = splits[top]
        clusters.remove(top)
        clusters += [left, right]
    missing = content - frozenset().union(*clusters) if clusters else content
    clusters += [frozenset({t}) for t in sorted(missing)]  # topics absent from the tree stand alone
    groups: dict[int, frozenset[int] | None] = {t: None for t in talk}
    for cluster in clusters:
        for t in cluster:
            groups[t] = cluster
    return groups


def number_themes(groups: dict, sizes: dict[int, int]) -> dict[int, int]:
    """Topic -> top-level theme number: ``1..k`` by the theme's segments (descending, then its smallest
    topic), :data:`TALK_THEME` for talk.

    Examples
    --------
    >>> a, b = frozenset({0, 2}), frozenset({1})
    >>> number_themes({0: a, 2: a, 1: b, 3: None}, {0: 5, 1: 9, 2: 1, 3: 4})
    {0: 2, 2: 2, 1: 1, 3: 0}
    """
    clusters = {g for g in groups.values() if g is not None}
    order = sorted(clusters, key=lambda c: (-sum(sizes.get(t, 0) for t in c), min(c)))
    number = {c: i + 1 for i, c in enumerate(order)}
    return {t: TALK_THEME if g is None else number[g] for t, g in groups.items()}


def theme_of_segments(topics: np.ndarray, theme_of: dict[int, int]) -> np.ndarray:
    """Shape ``(n,)``: each segment's top-level theme (:data:`OUTLIER_THEME` for an outlier)."""
    lookup = {**theme_of, -1: OUTLIER_THEME}
    return np.array([lookup[int(t)] for t in np.asarray(topics).tolist()], dtype=np.int64)


def tree_table(merges: list[Merge]) -> pd.DataFrame:
    """The tree as a table: ``distance, topics, left, right`` (topic ids joined by ``;``), a row per merge."""
    return pd.DataFrame(
        {
            "distance": [m.distance for m in merges],
            "topics": ["; ".join(map(str, sorted(m.topics))) for m in merges],
            "left": ["; ".join(map(str, sorted(m.left))) for m in merges],
            "right": ["; ".join(map(str, sorted(m.right))) for m in merges],
        }
    )
