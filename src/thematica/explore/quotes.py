"""Quotes for a candidate theme, a code or a theme, for the whole study or one group.

Quotes are ranked as the topics step ranks them (:func:`thematica.topics.quotes.representative_quotes`):
by cosine similarity to the centroid of the segments that carry the item, ties by segment id, at most
``per_participant`` from one participant while others remain. For one group the centroid is that
group's: the quotes are the most typical way the group voices the item. For a candidate theme and the
whole study they are the rows of ``quotes.csv``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from thematica.compare.study import level_assignments
from thematica.errors import ThematicaError
from thematica.explore.results import StudyResults
from thematica.topics.quotes import representative_quotes

Level = Literal["topic", "code", "theme", "bordin"]
QUOTE_COLUMNS = ["level", "item", "rank", "segment_id", "participant_id", "group", "centrality", "text"]


def carrying_segments(results: StudyResults, item: str | int, *, level: Level = "topic") -> set[str]:
    """Ids of the segments that carry an item: a candidate theme, or a code / theme / Bordin dimension
    under the consensus.

    Raises
    ------
    ThematicaError
        If the item does not exist at that level.
    """
    if level == "topic":
        assigned = results.segment_topics
        if int(item) not in set(assigned["topic"].astype(int)):
            raise ThematicaError(
                f"no candidate theme {item}; topics are numbered 0..{assigned['topic'].max()}"
            )
        return set(assigned.loc[assigned["topic"].astype(int) == int(item), "segment_id"])
    levels = level_assignments(results.consensus, results.codebook)
    if level not in levels:
        raise ThematicaError(f"unknown level {level!r}; this study has: topic, {', '.join(levels)}")
    assigned = levels[level]
    if str(item) not in set(assigned["code"].astype(str)):
        known = ", ".join(sorted(set(assigned["code"].astype(str))))
        raise ThematicaError(f"no {level} {item!r}; the {level}s are: {known}")
    carrying = assigned.loc[(assigned["code"].astype(str) == str(item)) & (assigned["applied"] == 1)]
    return set(carrying["segment_id"])


def quotes(
    results: StudyResults,
    item: str | int,
    *,
    level: Level = "topic",
    group: str | None = None,
    k: int = 5,
    per_participant: int = 1,
) -> pd.DataFrame:
    """The ``k`` most central segments carrying an item, in the study or in one group.

    Parameters
    ----------
    results
        The study (:func:`thematica.explore.load_study`).
    item
        A candidate theme's number (``level="topic"``), or a code, theme or Bordin dimension.
    level
        ``topic`` (candidate themes) or a consensus level: ``code``, ``theme``, ``bordin``.
    group
        One of the study's groups, or ``None`` for all participants.
    k, per_participant
        Quotes wanted and the per-participant cap.

    Returns
    -------
    pandas.DataFrame
        ``level, item, rank, segment_id, participant_id, group, centrality, text``, best first; fewer
        than ``k`` rows when fewer segments carry the item.
    """
    if group is not None and group not in results.groups:
        raise ThematicaError(f"unknown group {group!r}; the study compares {', '.join(results.groups)}")
    segments = results.segments.reset_index(drop=True)
    keep = segments["segment_id"].isin(carrying_segments(results, item, level=level))
    if group is not None:
        keep &= segments["group"].astype(str) == group
    labels = np.where(keep.to_numpy(), 0, -1)
    table = representative_quotes(segments, labels, results.embeddings, k=k, per_participant=per_participant)
    table = table.drop(columns="topic").assign(level=level, item=item)
    return table[QUOTE_COLUMNS].reset_index(drop=True)


def quotes_by_group(
    results: StudyResults, item: str | int, *, level: Level = "topic", k: int = 3, per_participant: int = 1
) -> pd.DataFrame:
    """:func:`quotes` for each of the study's groups in turn (group order), one table."""
    return pd.concat(
        [
            quotes(results, item, level=level, group=g, k=k, per_participant=per_participant)
            for g in results.groups
        ],
        ignore_index=True,
    )
