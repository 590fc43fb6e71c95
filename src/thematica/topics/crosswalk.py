"""Crosswalk between candidate themes and the human consensus codes.

For every (topic, code) pair: how many segments the topic and the code share, the share of each, their
Jaccard overlap and lift (observed over expected co-occurrence), and whether each is the other's best
match. Analysts see which candidate themes the humans already have (a mutual best match with high overlap)
and which are new (no code overlaps much). Overall agreement is NMI between topics and the codes of
segments that carry exactly one code. Keywords for each human code come from c-TF-IDF computed by BERTopic
with the codes as manual labels (``BaseCluster`` with ``y``), with the same vectorizer as the topic model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.topics.settings import TopicSettings

log = logging.getLogger(__name__)

CROSSWALK_COLUMNS = [
    "topic",
    "code",
    "n_topic",
    "n_code",
    "overlap",
    "share_of_topic",
    "share_of_code",
    "jaccard",
    "lift",
    "best_code_for_topic",
    "best_topic_for_code",
    "mutual_best",
]

#: The columns of ``crosswalk_summary.csv`` (:func:`topic_code_overlap`).
SUMMARY_COLUMNS = [
    "n_segments",
    "n_segments_not_seen",
    "n_coded",
    "n_single_coded",
    "n_topics",
    "n_codes",
    "nmi_single_coded",
    "ari_single_coded",
    "nmi_with_uncoded",
    "n_mutual_matches",
    "n_topics_without_code",
]


def code_matrix(
    segment_ids: Sequence[str], consensus: pd.DataFrame, codes: Sequence[str] | None = None
) -> tuple[np.ndarray, list[str]]:
    """The consensus as a 0/1 matrix in the order of ``segment_ids``.

    Parameters
    ----------
    segment_ids
        ``n`` segment ids.
    consensus
        Long table ``segment_id, code, applied`` (0/1).
    codes
        Code order (the codebook's); defaults to the consensus codes sorted.

    Returns
    -------
    (numpy.ndarray, list of str)
        Shape ``(n, m)`` int8, and the ``m`` codes.

    Raises
    ------
    ThematicaError
        If a segment has no consensus row (the tables are out of date).
    """
    codes = list(codes) if codes is not None else sorted(consensus["code"].astype(str).unique())
    wide = (
        consensus.assign(applied=consensus["applied"].astype(np.int8))
        .pivot_table(index="segment_id", columns="code", values="applied", aggfunc="max", fill_value=0)
        .reindex(columns=codes, fill_value=0)
    )
    missing = [s for s in segment_ids if s not in wide.index]
    if missing:
        raise ThematicaError(
            f"{len(missing)} segment(s) have no consensus codes (first: {missing[0]}); "
            "the consensus table is out of date: rerun the codes steps"
        )
    return wide.loc[list(segment_ids)].to_numpy(dtype=np.int8), codes


def crosswalk(topics: np.ndarray, applied: np.ndarray, codes: Sequence[str]) -> pd.DataFrame:
    """Overlap of every topic with every code.

    Parameters
    ----------
    topics
        Shape ``(n,)``: topic per segment, ``-1`` for outliers (listed, but never a best match).
    applied
        Shape ``(n, m)``, 0/1: consensus code applied to segment.
    codes
        The ``m`` code names.

    Returns
    -------
    pandas.DataFrame
        One row per topic x code (:data:`CROSSWALK_COLUMNS`). ``lift = overlap * n / (n_topic * n_code)``
        (``nan`` when the code is never applied); best matches maximise Jaccard overlap, ties to the lower
        topic or the earlier code, and need a positive overlap.

    Examples
    --------
    >>> t = np.array([0, 0, 1, 1])
    >>> a = np.array([[1, 0], [1, 0], [0, 1], [1, 1]])
    >>> cw = crosswalk(t, a, ["x", "y"])
    >>> cw[["topic", "code", "overlap", "jaccard", "lift", "mutual_best"]]
       topic code  overlap   jaccard      lift  mutual_best
    0      0    x        2  0.666667  1.333333         True
    1      0    y        0  0.000000  0.000000        False
    2      1    x        1  0.250000  0.666667        False
    3      1    y        2  1.000000  2.000000         True
    """
    topics = np.asarray(topics)
    applied = np.asarray(applied, dtype=np.int64)
    n = len(topics)
    labels = np.unique(topics)
    member = (topics[:, None] == labels[None, :]).astype(np.int64)  # (n, p)
    overlap = member.T @ applied  # (p, m)
    n_topic = member.sum(axis=0)[:, None]
    n_code = applied.sum(axis=0)[None, :]
    union = n_topic + n_code - overlap
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, overlap / np.maximum(union, 1), 0.0)
        lift = np.where(n_code > 0, overlap * n / (n_topic * n_code), np.nan)
        share_topic = overlap / n_topic
        share_code = np.where(n_code > 0, overlap / np.maximum(n_code, 1), np.nan)
    real = labels != -1
    best_code = np.zeros_like(overlap, dtype=bool)
    for i in np.flatnonzero(real):
        if overlap[i].max() > 0:
            best_code[i, int(np.argmax(jaccard[i]))] = True
    best_topic = np.zeros_like(overlap, dtype=bool)
    if real.any():
        rows = np.flatnonzero(real)
        for j in range(overlap.shape[1]):
            if overlap[rows, j].max() > 0:
                best_topic[rows[int(np.argmax(jaccard[rows, j]))], j] = True
    p, m = overlap.shape
    table = pd.DataFrame(
        {
            "topic": np.repeat(labels, m).astype(int),
            "code": np.tile(np.asarray(codes, dtype=object), p),
            "n_topic": np.repeat(n_topic[:, 0], m),
            "n_code": np.tile(n_code[0], p),
            "overlap": overlap.ravel(),
            "share_of_topic": share_topic.ravel(),
            "share_of_code": share_code.ravel(),
            "jaccard": jaccard.ravel(),
            "lift": lift.ravel(),
            "best_code_for_topic": best_code.ravel(),
            "best_topic_for_code": best_topic.ravel(),
        }
    )
    table["mutual_best"] = table["best_code_for_topic"] & table["best_topic_for_code"]
    return table[CROSSWALK_COLUMNS]


def crosswalk_summary(topics: np.ndarray, applied: np.ndarray, codes: Sequence[str]) -> pd.DataFrame:
    """Overall agreement of topics with codes (one row).

    Multi-coded segments cannot enter a partition comparison, so NMI and ARI use the segments with
    exactly one consensus code (``*_single_coded``); ``nmi_with_uncoded`` adds the uncoded segments as one
    more label. Outliers count as their own topic.

    Returns
    -------
    pandas.DataFrame
        ``n_segments, n_coded, n_single_coded, n_topics, n_codes, nmi_single_coded, ari_single_coded,
        nmi_with_uncoded, n_mutual_matches, n_topics_without_code`` (topics whose best Jaccard overlap with
        any code is below 0.1: candidates the human codebook does not have).
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    topics = np.asarray(topics)
    applied = np.asarray(applied, dtype=np.int64)
    per_segment = applied.sum(axis=1)
    single = per_segment == 1
    code_of = np.where(single, np.argmax(applied, axis=1), -1)
    names = np.asarray(list(codes) + ["(uncoded)"], dtype=object)
    label = names[np.where(per_segment == 0, len(codes), code_of)]
    upto_one = per_segment <= 1
    cw = crosswalk(topics, applied, codes)
    real = cw.loc[cw["topic"] != -1]
    best = real.groupby("topic")["jaccard"].max() if len(real) else pd.Series(dtype=float)

    def _score(func, keep):
        return float(func(label[keep].astype(str), topics[keep])) if keep.sum() > 1 else float("nan")

    return pd.DataFrame(
        [
            {
                "n_segments": len(topics),
                "n_coded": int((per_segment > 0).sum()),
                "n_single_coded": int(single.sum()),
                "n_topics": len(set(topics.tolist()) - {-1}),
                "n_codes": len(codes),
                "nmi_single_coded": _score(normalized_mutual_info_score, single),
                "ari_single_coded": _score(adjusted_rand_score, single),
                "nmi_with_uncoded": _score(normalized_mutual_info_score, upto_one),
                "n_mutual_matches": int(real["mutual_best"].sum()) if len(real) else 0,
                "n_topics_without_code": int((best < 0.1).sum()),
            }
        ]
    )


def code_keywords(
    texts: Sequence[str],
    applied: np.ndarray,
    codes: Sequence[str],
    embeddings: np.ndarray,
    settings: TopicSettings,
) -> pd.DataFrame:
    """c-TF-IDF keywords of each human code, from BERTopic with the codes as manual labels.

    A segment with several codes counts once for each; uncoded segments form BERTopic's outlier class,
    so they shape the IDF but get no keywords. No clustering or dimension reduction happens
    (``BaseDimensionalityReduction``, ``BaseCluster``).

    Parameters
    ----------
    texts
        ``n`` segment texts.
    applied
        Shape ``(n, m)``, 0/1.
    codes
        The ``m`` code names.
    embeddings
        Shape ``(n, d)``: the segments' embeddings (BERTopic averages them into code vectors).
    settings
        The topic settings (vectorizer, ``top_n_words``).

    Returns
    -------
    pandas.DataFrame
        ``code, rank, keyword, score`` for codes applied at least once, in code order.
    """
    from thematica.topics.bertopic_import import import_bertopic

    import_bertopic(embeds=False)  # c-TF-IDF only: no torch
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

    from thematica.topics.model import build_vectorizer

    applied = np.asarray(applied, dtype=np.int64)
    rows, cols = np.nonzero(applied)
    uncoded = np.flatnonzero(applied.sum(axis=1) == 0)
    index = np.concatenate([rows, uncoded])
    y = np.concatenate([cols, np.full(len(uncoded), -1)]).astype(int)
    if not len(rows):
        return pd.DataFrame(columns=["code", "rank", "keyword", "score"])
    order = np.lexsort((index, y))  # deterministic document order: by code, then segment
    index, y = index[order], y[order]
    model = BERTopic(
        embedding_model=None,
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=BaseCluster(),
        vectorizer_model=build_vectorizer(settings),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=settings.top_n_words,
        calculate_probabilities=False,
        verbose=False,
    )
    model.fit([str(texts[i]) for i in index], embeddings=np.asarray(embeddings)[index], y=y)
    mapping = model.topic_mapper_.get_mappings(original_topics=True)
    out = []
    for j, code in enumerate(codes):
        if j not in mapping:
            continue
        words = [(w, s) for w, s in (model.get_topic(int(mapping[j])) or []) if w]
        out += [(code, rank, str(w), float(s)) for rank, (w, s) in enumerate(words, start=1)]
    log.info("c-TF-IDF keywords for %d codes", len({c for c, *_ in out}))
    return pd.DataFrame(out, columns=["code", "rank", "keyword", "score"])


def _seen_codes(
    segments: pd.DataFrame, consensus: pd.DataFrame, codebook: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Segments some coder saw: (mask over ``segments``, their 0/1 codes, the codes)."""
    segments = segments.reset_index(drop=True)
    # A segment of a transcript no coder saw has no consensus rows: it is missing, not uncoded.
    seen = segments["segment_id"].astype(str).isin(set(consensus["segment_id"].astype(str))).to_numpy()
    if not seen.any():
        raise ThematicaError("no segment has consensus codes; check the codes steps")
    if not seen.all():
        log.info(
            "%d segment(s) of transcripts no coder saw are left out of the crosswalk", int((~seen).sum())
        )
    codes = [c for c in codebook["code"].astype(str) if c in set(consensus["code"].astype(str))]
    applied, codes = code_matrix(segments.loc[seen, "segment_id"].astype(str).tolist(), consensus, codes)
    return seen, applied, codes


def _coded_segments(
    segments: pd.DataFrame, segment_topics: pd.DataFrame, consensus: pd.DataFrame, codebook: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Segments some coder saw: (mask over ``segments``, their topics, their 0/1 codes, the codes)."""
    segments = segments.reset_index(drop=True)
    table = segments[["segment_id"]].merge(
        segment_topics[["segment_id", "topic"]], on="segment_id", how="left", validate="one_to_one"
    )
    if table["topic"].isna().any():
        raise ThematicaError("some segments have no topic; rerun the topics step")
    seen, applied, codes = _seen_codes(segments, consensus, codebook)
    return seen, table.loc[seen, "topic"].astype(int).to_numpy(), applied, codes


def topic_code_overlap(
    segments: pd.DataFrame,
    segment_topics: pd.DataFrame,
    consensus: pd.DataFrame,
    codebook: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``crosswalk.csv`` and ``crosswalk_summary.csv`` of a study: no text or embeddings needed.

    Parameters
    ----------
    segments
        The study's segments (``segment_id``), ``n`` rows. Segments of transcripts no coder saw (no
        consensus rows) are left out and counted in the summary's ``n_segments_not_seen``.
    segment_topics
        ``segment_id, topic, probability``.
    consensus
        ``segment_id, code, applied``.
    codebook
        ``code, ...`` (code order).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        :data:`CROSSWALK_COLUMNS` and :data:`SUMMARY_COLUMNS`; both with no rows when ``segment_topics``
        has none (a study too small for candidate themes: nothing to cross).
    """
    if segment_topics.empty:
        log.info("no candidate themes (too few participant segments): no crosswalk")
        return pd.DataFrame(columns=CROSSWALK_COLUMNS), pd.DataFrame(columns=SUMMARY_COLUMNS)
    return _overlap_tables(*_coded_segments(segments, segment_topics, consensus, codebook))


def _overlap_tables(
    seen: np.ndarray, topics: np.ndarray, applied: np.ndarray, codes: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    summary = crosswalk_summary(topics, applied, codes)
    summary.insert(1, "n_segments_not_seen", int((~seen).sum()))
    return crosswalk(topics, applied, codes), summary


def topic_code_crosswalk(
    segments: pd.DataFrame,
    segment_topics: pd.DataFrame,
    consensus: pd.DataFrame,
    codebook: pd.DataFrame,
    embeddings: np.ndarray,
    settings: TopicSettings,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``crosswalk.csv``, ``crosswalk_summary.csv`` and ``code_keywords.csv`` of a study.

    Parameters
    ----------
    segments
        The study's segments (``segment_id, text``), ``n`` rows, in the row order of ``embeddings``.
        Segments of transcripts no coder saw (no consensus rows) are left out and counted in the
        summary's ``n_segments_not_seen``.
    segment_topics
        ``segment_id, topic, probability``.
    consensus
        ``segment_id, code, applied``.
    codebook
        ``code, ...`` (code order).
    embeddings
        Shape ``(n, d)``.
    settings
        Topic settings (the vectorizer).
    """
    segments = segments.reset_index(drop=True)
    seen, topics, applied, codes = _coded_segments(segments, segment_topics, consensus, codebook)
    texts = segments.loc[seen, "text"].tolist()
    keywords = code_keywords(texts, applied, codes, np.asarray(embeddings)[seen], settings)
    table, summary = _overlap_tables(seen, topics, applied, codes)
    return table, summary, keywords


def study_code_keywords(
    segments: pd.DataFrame,
    consensus: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    npy_paths: Sequence[str],
    json_paths: Sequence[str],
    settings: dict | TopicSettings,
) -> pd.DataFrame:
    """The workflow's code_keywords step: load embeddings, then :func:`code_keywords` of the segments some
    coder saw. It needs no candidate themes, so it runs beside the topic fits; the crosswalk itself
    (:func:`topic_code_overlap`) is a light step after them."""
    from thematica.embed.model import load_study_embeddings

    if not isinstance(settings, TopicSettings):
        settings = TopicSettings.from_config(settings)
    embeddings = load_study_embeddings(segments, npy_paths, json_paths)
    segments = segments.reset_index(drop=True)
    seen, applied, codes = _seen_codes(segments, consensus, codebook)
    texts = segments.loc[seen, "text"].tolist()
    return code_keywords(texts, applied, codes, np.asarray(embeddings)[seen], settings)
