"""Representative quotes: the segments most central to each topic, deterministic and spread over people.

BERTopic's own representative documents are drawn from a random sample; here every segment of a topic is
scored by the cosine similarity of its embedding to the topic's centroid (the normalised mean of its
segments' embeddings), similarities are rounded to 6 decimals so that float noise cannot reorder them,
and ties are broken by segment id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

QUOTE_COLUMNS = ["topic", "theme", "rank", "segment_id", "participant_id", "group", "centrality", "text"]


def centrality(embeddings: np.ndarray, topics: np.ndarray) -> np.ndarray:
    """Cosine similarity of each segment to its topic's centroid.

    Parameters
    ----------
    embeddings
        Shape ``(n, d)``.
    topics
        Shape ``(n,)``; ``-1`` (outliers) get ``nan``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``, rounded to 6 decimals.

    Examples
    --------
    >>> e = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.6, 0.8]])
    >>> centrality(e, np.array([0, 0, -1, 1])).tolist()
    [0.707107, 0.707107, nan, 1.0]
    """
    embeddings = np.asarray(embeddings, dtype=np.float64)
    norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
    unit = embeddings / np.where(norms == 0, 1.0, norms)
    out = np.full(len(topics), np.nan)
    for topic in np.unique(topics[topics != -1]):
        members = topics == topic
        centroid = unit[members].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        out[members] = unit[members] @ centroid
    return np.round(out, 6)


def representative_quotes(
    segments: pd.DataFrame,
    topics: np.ndarray,
    embeddings: np.ndarray,
    *,
    k: int = 5,
    per_participant: int = 1,
    theme_of: dict[int, int] | None = None,
) -> pd.DataFrame:
    """The ``k`` most central segments of each topic, at most ``per_participant`` from one participant
    while segments of other participants remain.

    Segments are ranked by :func:`centrality` (descending), ties by ``segment_id``. A greedy pass takes the
    best segments under the per-participant cap; if that yields fewer than ``k``, the best of the rest
    fill up, so a topic voiced by one participant still gets ``k`` quotes.

    Parameters
    ----------
    segments
        ``n`` rows with ``segment_id``, ``participant_id``, ``group``, ``text``.
    topics
        Shape ``(n,)``: topic per segment, ``-1`` for outliers (never quoted).
    embeddings
        Shape ``(n, d)``.
    k, per_participant
        Quotes per topic and the per-participant cap.
    theme_of
        Topic -> its top-level candidate theme (:mod:`thematica.topics.hierarchy`; ``0``: interview
        talk); ``None``: each topic its own theme, ``topic + 1``.

    Returns
    -------
    pandas.DataFrame
        ``topic, theme, rank (1..k), segment_id, participant_id, group, centrality, text``, by topic and
        rank.
    """
    topics = np.asarray(topics)
    table = segments[["segment_id", "participant_id", "group", "text"]].reset_index(drop=True).copy()
    table["topic"] = topics
    table["centrality"] = centrality(embeddings, topics)
    table = table.loc[table["topic"] != -1].sort_values(
        ["topic", "centrality", "segment_id"], ascending=[True, False, True], kind="mergesort"
    )
    rows = []
    for _, members in table.groupby("topic", sort=True):
        chosen: list[int] = []
        taken: dict[str, int] = {}
        for index, participant in zip(members.index, members["participant_id"], strict=True):
            if len(chosen) == k:
                break
            if taken.get(participant, 0) < per_participant:
                chosen.append(index)
                taken[participant] = taken.get(participant, 0) + 1
        if len(chosen) < k:
            rest = [i for i in members.index if i not in set(chosen)]
            chosen += rest[: k - len(chosen)]
        picked = members.loc[chosen]
        picked = picked.sort_values(["centrality", "segment_id"], ascending=[False, True], kind="mergesort")
        rows.append(picked.assign(rank=np.arange(1, len(picked) + 1)))
    if not rows:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    quotes = pd.concat(rows, ignore_index=True)
    quotes["topic"] = quotes["topic"].astype(int)
    lookup = theme_of if theme_of is not None else {t: t + 1 for t in quotes["topic"].tolist()}
    quotes["theme"] = quotes["topic"].map(lambda t: int(lookup[int(t)])).astype(int)
    return quotes[QUOTE_COLUMNS].reset_index(drop=True)
