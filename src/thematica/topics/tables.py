"""One call from segments and embeddings to the candidate-theme tables of a study."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.topics.model import TopicFit, check_corpus, fit_topics
from thematica.topics.quotes import representative_quotes
from thematica.topics.settings import TopicSettings
from thematica.topics.stability import refit_seeds, topic_stability

log = logging.getLogger(__name__)

OUTLIER_LABEL = "(outliers: no candidate theme)"


@dataclass
class CandidateThemes:
    """The outputs of :func:`candidate_themes`.

    Attributes
    ----------
    topic_info
        One row per topic (``-1`` first when outliers remain): ``topic, label, keywords, n_segments,
        n_participants, n_reassigned``, then ``n_segments_<g>, n_participants_<g>, share_participants_<g>``
        for each group ``g``, then ``stability, stability_min, stable``.
    segment_topics
        ``segment_id, topic, probability`` in segment order.
    quotes
        ``topic, rank, segment_id, participant_id, group, centrality, text``.
    stability
        One row per refit: ``seed, n_topics, outlier_share, ari, nmi, mean_best_match``.
    fit
        The reference :class:`~thematica.topics.model.TopicFit`.
    """

    topic_info: pd.DataFrame
    segment_topics: pd.DataFrame
    quotes: pd.DataFrame
    stability: pd.DataFrame
    fit: TopicFit


def candidate_themes(
    segments: pd.DataFrame,
    embeddings: np.ndarray,
    settings: TopicSettings,
    *,
    seed: int,
    groups: Sequence[str],
    embedding_model=None,
    refits: np.ndarray | None = None,
) -> CandidateThemes:
    """Fit the topic model, refit it for stability (unless given the refits), and build every table.

    Parameters
    ----------
    segments
        A study's segments (``segment_id, participant_id, group, text``, ...), ``n`` rows.
    embeddings
        Shape ``(n, d)``, rows in segment order.
    settings
        Topic settings.
    seed
        The config's seed: the reference fit's UMAP seed; refits use ``seed + 1 ..``.
    groups
        The study's two compared groups, in display order.
    embedding_model
        The local SentenceTransformer, for keyword representations (:func:`thematica.embed.load_model`).
    refits
        Shape ``(settings.stability_runs, n)``: :func:`stability_refits` with seeds ``seed + 1 ..``, made
        in another process (the workflow's ``topic_refits`` step); computed here when ``None``.

    Returns
    -------
    CandidateThemes

    Raises
    ------
    ThematicaError
        If the corpus is too small to model or no topic is found.
    """
    check_corpus(len(segments), settings)
    segments = segments.reset_index(drop=True)
    docs = segments["text"].astype(str).tolist()
    fit = fit_topics(docs, embeddings, settings, seed=seed, embedding_model=embedding_model, represent=True)
    seeds = refit_seeds(seed, settings.stability_runs)
    if refits is None:
        refits = stability_refits(docs, embeddings, settings, seeds)
    elif np.shape(refits) != (len(seeds), len(docs)):
        raise ThematicaError(
            f"the stability refits have shape {np.shape(refits)}, not {(len(seeds), len(docs))} "
            "(topics.stability_runs x segments); rerun the topic_refits step"
        )
    per_topic, runs = topic_stability(fit.topics, list(refits), seeds, threshold=settings.stability_threshold)
    info = topic_table(segments, fit, groups=groups, label_words=settings.label_words)
    info = info.merge(per_topic, on="topic", how="left")
    info["stable"] = info["stable"].astype("boolean")
    info.loc[info["topic"] == -1, "stable"] = pd.NA
    segment_topics = pd.DataFrame(
        {
            "segment_id": segments["segment_id"].astype(str),
            "topic": fit.topics.astype(np.int64),
            "probability": fit.probability.astype(np.float64),
        }
    )
    quotes = representative_quotes(
        segments, fit.topics, embeddings, k=settings.n_quotes, per_participant=settings.quotes_per_participant
    )
    unstable = int((~info["stable"].fillna(True)).sum())
    log.info(
        "%d candidate themes, %.1f%% outliers, %d unstable; refits agree with ARI %s",
        fit.n_topics,
        100 * fit.outlier_share,
        unstable,
        ", ".join(f"{a:.2f}" for a in runs["ari"]),
    )
    return CandidateThemes(info, segment_topics, quotes, runs, fit)


def stability_refits(
    docs: Sequence[str], embeddings: np.ndarray, settings: TopicSettings, seeds: Sequence[int]
) -> np.ndarray:
    """The topics of a refit with each seed (no keywords), shape ``(len(seeds), n)``; a refit that finds no
    topic at all is all outliers (maximally unstable, not a failure). All refits run in this one process,
    so UMAP's numba compilation is paid once."""
    refits = np.full((len(seeds), len(docs)), -1, dtype=np.int64)
    for i, other in enumerate(seeds):
        try:
            refits[i] = fit_topics(docs, embeddings, settings, seed=other, represent=False).topics
        except ValueError as exc:
            log.warning("refit with seed %d found no topics (%s)", other, exc)
    return refits


def topic_label(keywords: Sequence[str], n: int = 3) -> str:
    """The first ``n`` keywords that share no word with an earlier one, joined by commas.

    Bigrams repeat their unigrams ("animated character", "character", "animated"), so taking the first
    keywords as they come often says the same thing three times.

    Examples
    --------
    >>> topic_label(["animated character", "character cute", "character", "day", "cute"], 3)
    'animated character, day, cute'
    """
    chosen: list[str] = []
    used: set[str] = set()
    for keyword in keywords:
        words = set(keyword.split())
        if words & used:
            continue
        chosen.append(keyword)
        used |= words
        if len(chosen) == n:
            break
    return ", ".join(chosen)


def topic_table(
    segments: pd.DataFrame, fit: TopicFit, *, groups: Sequence[str], label_words: int = 3
) -> pd.DataFrame:
    """Topic sizes, keywords and counts by group (see :class:`CandidateThemes`)."""
    table = (
        segments[["participant_id", "group"]]
        .reset_index(drop=True)
        .assign(topic=fit.topics, reassigned=fit.reassigned)
    )
    group_totals = segments.groupby("group")["participant_id"].nunique()
    rows = []
    for topic, members in table.groupby("topic", sort=True):
        words = [w for w, _ in fit.keywords.get(int(topic), [])]
        row = {
            "topic": int(topic),
            "label": OUTLIER_LABEL if topic == -1 else topic_label(words, label_words) or f"topic {topic}",
            "keywords": "; ".join(words),
            "n_segments": len(members),
            "n_participants": members["participant_id"].nunique(),
            "n_reassigned": int(members["reassigned"].sum()),
        }
        for group in groups:
            mine = members.loc[members["group"] == group]
            row[f"n_segments_{group}"] = len(mine)
            row[f"n_participants_{group}"] = mine["participant_id"].nunique()
        for group in groups:
            total = int(group_totals.get(group, 0))
            row[f"share_participants_{group}"] = row[f"n_participants_{group}"] / total if total else 0.0
        rows.append(row)
    return pd.DataFrame(rows)


def study_topics(
    segments: pd.DataFrame,
    *,
    npy_paths: Sequence[str],
    json_paths: Sequence[str],
    settings: dict | TopicSettings,
    seed: int,
    groups: Sequence[str],
    threads: int = 1,
    refits_path: str | None = None,
) -> CandidateThemes:
    """The workflow's topics step: load a study's embeddings and the local model, then
    :func:`candidate_themes`.

    Parameters
    ----------
    segments
        ``data/processed/<study>/segments.parquet``.
    npy_paths, json_paths
        The study's embeddings and sidecar (``data/processed/<study>/embeddings.npy``, ``.json``), or
        parts of it in matching order (:func:`thematica.embed.load_study_embeddings`).
    settings
        The config's ``topics`` section, or :class:`TopicSettings`.
    seed, groups
        See :func:`candidate_themes`.
    threads
        Torch threads for keyword embeddings.
    refits_path
        The stability refits (:func:`study_refits`, ``.npy``); made here when ``None``.
    """
    from thematica.embed import load_model, load_study_embeddings

    if not isinstance(settings, TopicSettings):
        settings = TopicSettings.from_config(settings)
    check_corpus(len(segments), settings)
    embeddings = load_study_embeddings(segments, npy_paths, json_paths)
    model = None
    if settings.representation != "ctfidf":
        import torch

        torch.set_num_threads(max(1, int(threads)))
        model = load_model()
    refits = None if refits_path is None else np.load(refits_path, allow_pickle=False)
    return candidate_themes(
        segments, embeddings, settings, seed=seed, groups=groups, embedding_model=model, refits=refits
    )


def study_refits(
    segments: pd.DataFrame,
    *,
    npy_paths: Sequence[str],
    json_paths: Sequence[str],
    settings: dict | TopicSettings,
    seed: int,
) -> np.ndarray:
    """The workflow's topic_refits step: :func:`stability_refits` of a study with seeds ``seed + 1 ..``,
    in a process of its own, so that it runs beside the reference fit (arguments as :func:`study_topics`)."""
    from thematica.embed import load_study_embeddings

    if not isinstance(settings, TopicSettings):
        settings = TopicSettings.from_config(settings)
    check_corpus(len(segments), settings)
    embeddings = load_study_embeddings(segments, npy_paths, json_paths)
    docs = segments.reset_index(drop=True)["text"].astype(str).tolist()
    return stability_refits(docs, embeddings, settings, refit_seeds(seed, settings.stability_runs))
