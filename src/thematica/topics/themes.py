"""Reviewable candidate themes: the fitted topics as sub-themes of a few top-level themes, labelled with key
phrases, with interview talk set apart.

One call, :func:`review_themes`, from a fit to what ``topic_info.csv`` and ``themes.csv`` say about it:

- each fitted topic's ``kind``: ``talk`` when most of its segments are interview talk
  (:mod:`thematica.topics.talk`), else ``theme``;
- its top-level ``theme`` (:mod:`thematica.topics.hierarchy`): ``1..k``, ``0`` for talk;
- key-phrase labels of topics and top-level themes (:mod:`thematica.topics.labels`); a topic without a
  phrase said twice keeps a label of its keywords, filtered the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from thematica.topics.hierarchy import (
    OUTLIER_THEME,
    TALK_THEME,
    Merge,
    cut_merges,
    number_themes,
    theme_of_segments,
    topic_merges,
)
from thematica.topics.labels import _stem, _stop_words, phrase_labels, segment_phrases
from thematica.topics.model import TopicFit, _plain
from thematica.topics.settings import TopicSettings
from thematica.topics.talk import TALK_PHRASES, talk_segments, talk_topics

log = logging.getLogger(__name__)

TALK_LABEL = "(interview talk: set apart, not a candidate theme)"
OUTLIER_THEME_LABEL = "(outliers: no candidate theme)"
#: The columns of ``themes.csv`` before the group columns.
THEME_COLUMNS = ["theme", "label", "kind", "n_topics", "topics", "n_segments", "n_participants"]


@dataclass
class ReviewedThemes:
    """What :func:`review_themes` returns.

    Attributes
    ----------
    kind
        Topic -> ``"theme"`` or ``"talk"``.
    theme
        Topic -> top-level theme (``1..k``; :data:`~thematica.topics.hierarchy.TALK_THEME` for talk).
    topic_labels
        Topic -> its label (key phrases joined by ``", "``).
    theme_labels
        Top-level theme -> its label (:data:`TALK_LABEL` for ``0``).
    merges
        The tree of the topics (:func:`thematica.topics.hierarchy.topic_merges`).
    """

    kind: dict[int, str]
    theme: dict[int, int]
    topic_labels: dict[int, str]
    theme_labels: dict[int, str]
    merges: list[Merge] = field(default_factory=list, repr=False)


def clean_label(words: Sequence[str], fillers: Sequence[str], n: int = 3) -> str:
    """A label of at most ``n`` keywords without stop or filler words, no word twice.

    Examples
    --------
    >>> clean_label(["forth forth", "hard", "hard forth", "yeah", "patients", "patient"], ["yeah"])
    'forth, hard, patients'
    """
    stop = _stop_words(fillers)
    chosen: list[str] = []
    used: set[str] = set()
    for keyword in words:
        kept = []
        for word in _plain(keyword).split():
            if word not in stop and word not in kept:
                kept.append(word)
        if not kept or {_stem(w) for w in kept} & used:
            continue
        chosen.append(" ".join(kept))
        used |= {_stem(w) for w in kept}
        if len(chosen) == n:
            break
    return ", ".join(chosen)


def review_themes(
    segments: pd.DataFrame,
    embeddings: np.ndarray,
    fit: TopicFit,
    settings: TopicSettings,
    *,
    embedding_model=None,
    nlp=None,
) -> ReviewedThemes:
    """Kinds, top-level themes and key-phrase labels of a fit (see the module's description).

    Parameters
    ----------
    segments
        ``n`` segments with ``text``, in the order of the fit.
    embeddings
        Shape ``(n, d)``.
    fit
        The reference fit, with its model.
    settings
        ``top_level``, ``talk_phrases``, ``talk_share``, ``label_words``, ``mmr_diversity``, ``fillers``.
    embedding_model
        Embeds the candidate phrases (the study's backend); ``None``: class TF-IDF order.
    nlp
        A spaCy pipeline with a parser (:func:`thematica.topics.labels.phrase_pipeline` when ``None``).
    """
    docs = segments["text"].astype(str).tolist()
    topics = np.asarray(fit.topics)
    ids = [int(t) for t in np.unique(topics[topics != -1])]
    phrases = TALK_PHRASES if settings.talk_phrases is None else settings.talk_phrases
    talk = talk_topics(topics, talk_segments(docs, phrases), share=settings.talk_share)
    kind = {t: "talk" if t in talk else "theme" for t in ids}
    merges = topic_merges(fit.model, docs, topics, embeddings)
    groups = cut_merges(merges, ids, talk=talk, k=settings.top_level)
    sizes = {t: int((topics == t).sum()) for t in ids}
    theme = number_themes(groups, sizes)
    said = segment_phrases(docs, fillers=settings.fillers, nlp=nlp)
    k, diversity = settings.label_words, settings.mmr_diversity
    labels = phrase_labels(
        said, topics, embeddings, embedding_model=embedding_model, k=k, diversity=diversity
    )
    topic_labels = {}
    for t in ids:
        keywords = [w for w, _ in fit.keywords.get(t, [])]
        label = ", ".join(labels.get(t, [])) or clean_label(keywords, settings.fillers, k)
        topic_labels[t] = label or f"topic {t}"
    per_segment = theme_of_segments(topics, theme)
    content = np.where(per_segment == TALK_THEME, OUTLIER_THEME, per_segment)
    top = phrase_labels(said, content, embeddings, embedding_model=embedding_model, k=k, diversity=diversity)
    theme_labels = {TALK_THEME: TALK_LABEL} if talk else {}
    for number in sorted(set(theme.values()) - {TALK_THEME}):
        members = sorted(t for t, n in theme.items() if n == number)
        label = ", ".join(top.get(number, []))
        theme_labels[number] = label or topic_labels[members[0]]
    log.info(
        "%d topics: %d top-level candidate themes, %d of interview talk",
        len(ids),
        len(theme_labels) - bool(talk),
        len(talk),
    )
    return ReviewedThemes(kind, theme, topic_labels, theme_labels, merges)


def theme_table_columns(groups: Sequence[str]) -> list[str]:
    """The columns of ``themes.csv`` for these groups.

    Examples
    --------
    >>> theme_table_columns(["a"])[7:]
    ['n_segments_a', 'n_participants_a', 'share_participants_a']
    """
    columns = list(THEME_COLUMNS)
    for group in groups:
        columns += [f"n_segments_{group}", f"n_participants_{group}"]
    return columns + [f"share_participants_{group}" for group in groups]


def theme_table(
    segments: pd.DataFrame, topic_table: pd.DataFrame, topics: np.ndarray, *, groups
) -> pd.DataFrame:
    """``themes.csv``: one row per top-level candidate theme (``1..k``), then one for interview talk
    (``0``) when there is any: its topics, segments and participants in total and by group.

    Parameters
    ----------
    segments
        ``n`` segments with ``participant_id, group``.
    topic_table
        The topic table with ``topic, kind, theme, theme_label``.
    topics
        Shape ``(n,)``: each segment's topic.
    groups
        The study's groups, in display order.
    """
    info = topic_table.loc[topic_table["topic"] != -1]
    if info.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in theme_table_columns(groups)})
    theme_of = dict(zip(info["topic"].astype(int), info["theme"].astype(int), strict=True))
    table = (
        segments[["participant_id", "group"]]
        .reset_index(drop=True)
        .assign(theme=theme_of_segments(topics, theme_of))
    )
    group_totals = segments.groupby("group")["participant_id"].nunique()
    order = sorted(set(theme_of.values()) - {TALK_THEME}) + (
        [TALK_THEME] if TALK_THEME in theme_of.values() else []
    )
    rows = []
    for number in order:
        members = info.loc[info["theme"] == number]
        said = table.loc[table["theme"] == number]
        row = {
            "theme": number,
            "label": str(members["theme_label"].iloc[0]),
            "kind": "talk" if number == TALK_THEME else "theme",
            "n_topics": len(members),
            "topics": "; ".join(str(int(t)) for t in sorted(members["topic"])),
            "n_segments": len(said),
            "n_participants": said["participant_id"].nunique(),
        }
        for group in groups:
            mine = said.loc[said["group"] == group]
            row[f"n_segments_{group}"] = len(mine)
            row[f"n_participants_{group}"] = mine["participant_id"].nunique()
        for group in groups:
            total = int(group_totals.get(group, 0))
            row[f"share_participants_{group}"] = row[f"n_participants_{group}"] / total if total else 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=theme_table_columns(groups))


def _dtype(column: str) -> str:
    if column in ("label", "kind", "topics"):
        return "object"
    return "float64" if column.startswith("share_") else "int64"
