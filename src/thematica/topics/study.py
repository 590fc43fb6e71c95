"""One call from segments and embeddings to the candidate-theme tables of a study."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thematica.topics.hierarchy import OUTLIER_THEME
from thematica.topics.model import (
    TopicFit,
    check_corpus,
    corpus_neighbors,
    fit_topics,
    skip_message,
    too_small,
)
from thematica.topics.quotes import QUOTE_COLUMNS, representative_quotes
from thematica.topics.settings import TopicSettings
from thematica.topics.stability import (
    refit_seeds,
    with_stability,
)
from thematica.topics.themes import OUTLIER_THEME_LABEL, ReviewedThemes, review_themes, theme_table

log = logging.getLogger(__name__)

OUTLIER_LABEL = "(outliers: no candidate theme)"
#: The columns of ``segment_topics.parquet``.
SEGMENT_TOPIC_COLUMNS = ["segment_id", "topic", "probability"]


@dataclass
class CandidateThemes:
    """The outputs of :func:`candidate_themes`.

    Attributes
    ----------
    topic_info
        One row per topic (``-1`` first when outliers remain): ``topic, label, keywords, n_segments,
        n_participants, n_reassigned``, then ``n_segments_<g>, n_participants_<g>, share_participants_<g>``
        for each group ``g``, then ``kind`` (``theme``, ``talk`` for interview talk, ``outlier`` for
        ``-1``), ``theme`` (the top-level candidate theme the topic is a sub-theme of: ``1..k``; ``0``
        for talk, ``-1`` for the outliers) and ``theme_label``, then ``stability, stability_min, stable``
        (:mod:`thematica.topics.themes`).
    segment_topics
        ``segment_id, topic, probability`` in segment order.
    quotes
        ``topic, rank, segment_id, participant_id, group, centrality, text``.
    stability
        One row per refit: ``seed, n_topics, outlier_share, ari, nmi, mean_best_match``.
    fit
        The reference :class:`~thematica.topics.model.TopicFit`; ``None`` for a study too small for
        candidate themes, whose tables have their columns and no rows (:func:`skipped_themes`).
    themes
        ``themes.csv``: the top-level candidate themes with their sub-themes
        (:func:`thematica.topics.themes.theme_table`).
    """

    topic_info: pd.DataFrame
    segment_topics: pd.DataFrame
    quotes: pd.DataFrame
    stability: pd.DataFrame
    fit: TopicFit | None
    themes: pd.DataFrame | None = None


@dataclass
class ReferenceThemes:
    """The reference fit's tables, before its stability is known (:func:`reference_themes`).

    Attributes
    ----------
    topic_table
        :attr:`CandidateThemes.topic_info` without ``stability, stability_min, stable``.
    segment_topics, quotes, fit, themes
        As in :class:`CandidateThemes`.
    """

    topic_table: pd.DataFrame
    segment_topics: pd.DataFrame
    quotes: pd.DataFrame
    fit: TopicFit | None
    themes: pd.DataFrame | None = None


def topic_table_columns(groups: Sequence[str]) -> list[str]:
    """The columns of :func:`topic_table` for these groups (``topic_info.csv`` before its stability).

    Examples
    --------
    >>> topic_table_columns(["a"])[6:]
    ['n_segments_a', 'n_participants_a', 'share_participants_a', 'kind', 'theme', 'theme_label']
    """
    columns = ["topic", "label", "keywords", "n_segments", "n_participants", "n_reassigned"]
    for group in groups:
        columns += [f"n_segments_{group}", f"n_participants_{group}"]
    return columns + [f"share_participants_{group}" for group in groups] + ["kind", "theme", "theme_label"]


def skipped_themes(groups: Sequence[str]) -> ReferenceThemes:
    """The reference tables of a study too small for candidate themes: their columns, no rows.

    A study with fewer participant segments than ``topics.min_segments`` has no candidate themes; the
    steps after the topics (stability, export, crosswalk, figures, the group comparison's ``topic`` level)
    read these empty tables and write theirs empty too, so every other stage runs.

    Examples
    --------
    >>> skipped = skipped_themes(["a", "b"])
    >>> len(skipped.topic_table), list(skipped.segment_topics.columns), skipped.fit
    (0, ['segment_id', 'topic', 'probability'], None)
    """

    def _dtype(column: str) -> str:
        if column in ("label", "keywords", "kind", "theme_label"):
            return "object"
        return "float64" if column.startswith("share_") else "int64"

    table = pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in topic_table_columns(groups)})
    segment_topics = pd.DataFrame(
        {
            "segment_id": pd.Series(dtype="object"),
            "topic": pd.Series(dtype="int64"),
            "probability": pd.Series(dtype="float64"),
        }
    )
    themes = theme_table(pd.DataFrame(columns=["participant_id", "group"]), table, np.empty(0), groups=groups)
    return ReferenceThemes(table, segment_topics, pd.DataFrame(columns=QUOTE_COLUMNS), None, themes)


def reference_themes(
    segments: pd.DataFrame,
    embeddings: np.ndarray,
    settings: TopicSettings,
    *,
    seed: int,
    groups: Sequence[str],
    embedding_model=None,
) -> ReferenceThemes:
    """Fit the topic model with ``seed`` and build its tables (arguments as :func:`candidate_themes`)."""
    check_corpus(len(segments), settings)
    segments = segments.reset_index(drop=True)
    docs = segments["text"].astype(str).tolist()
    fit = fit_topics(docs, embeddings, settings, seed=seed, embedding_model=embedding_model, represent=True)
    segment_topics = pd.DataFrame(
        {
            "segment_id": segments["segment_id"].astype(str),
            "topic": fit.topics.astype(np.int64),
            "probability": fit.probability.astype(np.float64),
        }
    )
    reviewed = review_themes(segments, embeddings, fit, settings, embedding_model=embedding_model)
    quotes = representative_quotes(
        segments,
        fit.topics,
        embeddings,
        k=settings.n_quotes,
        per_participant=settings.quotes_per_participant,
        theme_of=reviewed.theme,
    )
    table = topic_table(segments, fit, groups=groups, label_words=settings.label_words, reviewed=reviewed)
    themes = theme_table(segments, table, fit.topics, groups=groups)
    return ReferenceThemes(table, segment_topics, quotes, fit, themes)


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
        The model that embeds keywords (:func:`thematica.topics.keyword_model.keyword_model`).
    refits
        Shape ``(settings.stability_runs, n)``: :func:`stability_refits` with seeds ``seed + 1 ..``, made
        in other processes (the workflow's ``topic_refits`` steps); computed here when ``None``.

    Returns
    -------
    CandidateThemes

    Raises
    ------
    ThematicaError
        If the corpus is too small to model or no topic is found.
    """
    reference = reference_themes(
        segments, embeddings, settings, seed=seed, groups=groups, embedding_model=embedding_model
    )
    seeds = refit_seeds(seed, settings.stability_runs)
    if refits is None:
        docs = segments["text"].astype(str).tolist()
        refits = stability_refits(docs, embeddings, settings, seeds, reference_seed=seed)
    info, runs = with_stability(
        reference.topic_table, reference.fit.topics, refits, seeds, threshold=settings.stability_threshold
    )
    return CandidateThemes(
        info, reference.segment_topics, reference.quotes, runs, reference.fit, reference.themes
    )


def stability_refits(
    docs: Sequence[str],
    embeddings: np.ndarray,
    settings: TopicSettings,
    seeds: Sequence[int],
    *,
    reference_seed: int,
    workers: int = 1,
) -> np.ndarray:
    """The topics of a refit with each seed (no keywords), shape ``(len(seeds), n)``; a refit that finds no
    topic at all is all outliers (maximally unstable, not a failure).

    The corpus's neighbours are found once for all refits, as the reference fit (seeded with
    ``reference_seed``) finds them, so that the refits vary only the layout and what follows. With
    ``workers`` above 1 the refits are shared by that many processes forked from this one (each refit is
    serial, a seeded UMAP layout, and a refit's topics do not depend on the process that fits it: the same
    bytes as in this process); the children inherit the imported libraries and the neighbours, so each
    pays neither again. A process whose numba or torch thread pools are already running cannot fork
    safely and fits them itself
    (:func:`thematica.support.workers.map_in_processes`).
    """
    from thematica.support.workers import map_in_processes
    from thematica.topics.bertopic_import import import_bertopic

    import_bertopic(embeds=False)  # once, before any worker forks
    refits = np.full((len(seeds), len(docs)), -1, dtype=np.int64)
    neighbors = corpus_neighbors(np.asarray(embeddings), settings, seed=reference_seed)
    _REFIT.update(docs=docs, embeddings=embeddings, settings=settings, neighbors=neighbors)
    try:
        rows = map_in_processes(_refit, seeds, processes=workers, progress="stability refits")
    finally:
        _REFIT.clear()
    for i, row in enumerate(rows):
        if row is not None:
            refits[i] = row
    return refits


#: What :func:`_refit` fits: set by :func:`stability_refits` before its workers fork.
_REFIT: dict = {}


def _refit(seed: int) -> np.ndarray | None:
    """One stability refit's topics, ``None`` when it finds no topic."""
    try:
        return fit_topics(
            _REFIT["docs"],
            _REFIT["embeddings"],
            _REFIT["settings"],
            seed=seed,
            represent=False,
            neighbors=_REFIT["neighbors"],
        ).topics
    except ValueError as exc:
        log.warning("refit with seed %d found no topics (%s)", seed, exc)
        return None


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
    segments: pd.DataFrame,
    fit: TopicFit,
    *,
    groups: Sequence[str],
    label_words: int = 3,
    reviewed: ReviewedThemes | None = None,
) -> pd.DataFrame:
    """Topic sizes, labels, keywords, counts by group and the top-level themes (see
    :class:`CandidateThemes`). Without ``reviewed`` (:func:`thematica.topics.themes.review_themes`) the
    labels are the leading keywords (:func:`topic_label`), every topic's ``kind`` is ``theme`` and each is
    its own top-level theme."""
    table = (
        segments[["participant_id", "group"]]
        .reset_index(drop=True)
        .assign(topic=fit.topics, reassigned=fit.reassigned)
    )
    group_totals = segments.groupby("group")["participant_id"].nunique()
    rows = []
    for topic, members in table.groupby("topic", sort=True):
        words = [w for w, _ in fit.keywords.get(int(topic), [])]
        if reviewed is not None and topic != -1:
            label = reviewed.topic_labels[int(topic)]
        else:
            label = OUTLIER_LABEL if topic == -1 else topic_label(words, label_words) or f"topic {topic}"
        row = {
            "topic": int(topic),
            "label": label,
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
        if topic == -1:
            row.update(kind="outlier", theme=OUTLIER_THEME, theme_label=OUTLIER_THEME_LABEL)
        elif reviewed is None:
            row.update(kind="theme", theme=int(topic) + 1, theme_label=label)
        else:
            number = reviewed.theme[int(topic)]
            row.update(
                kind=reviewed.kind[int(topic)], theme=number, theme_label=reviewed.theme_labels[number]
            )
        rows.append(row)
    return pd.DataFrame(rows)


def _settings(settings: dict | TopicSettings) -> TopicSettings:
    return settings if isinstance(settings, TopicSettings) else TopicSettings.from_config(settings)


def _settings_and_embeddings(segments, npy_paths, json_paths, settings):
    from thematica.embed.model import load_study_embeddings

    settings = _settings(settings)
    check_corpus(len(segments), settings)
    return settings, load_study_embeddings(segments, npy_paths, json_paths)


def study_topics(
    segments: pd.DataFrame,
    *,
    npy_paths: Sequence[str],
    json_paths: Sequence[str],
    settings: dict | TopicSettings,
    seed: int,
    groups: Sequence[str],
    threads: int = 1,
    refit: bool = True,
    backend: str = "torch",
    onnx_path: str | None = None,
    study: str = "",
) -> CandidateThemes | ReferenceThemes:
    """A study's candidate themes: load its embeddings and the local model, then :func:`candidate_themes`
    with the refits in this process, or with ``refit=False`` only :func:`reference_themes` (the workflow's
    topics step; :func:`study_refits` and :func:`thematica.topics.stability.study_stability` do the rest
    in other processes, with the same tables).

    Parameters
    ----------
    segments
        ``data/processed/<study>/segments.parquet``.
    npy_paths, json_paths
        The study's embeddings and sidecar (``data/processed/<study>/embeddings.npy``, ``.json``), or
        parts of it in matching order (:func:`thematica.embed.model.load_study_embeddings`).
    settings
        The config's ``topics`` section, or :class:`TopicSettings`.
    seed, groups
        See :func:`candidate_themes`.
    threads
        Threads for keyword embeddings, and numba's workers in this process
        (:func:`thematica.support.jitcache.limit_numba_threads`).
    refit
        ``False``: the reference fit's tables only, without its stability.
    backend, onnx_path
        The embedding backend that embeds keywords (``embed.backend``, the one that embedded the segments)
        and its ONNX export (:func:`thematica.topics.keyword_model.keyword_model`).
    study
        The study's name, for the warning of a study too small for candidate themes.

    Notes
    -----
    A study with fewer participant segments than ``topics.min_segments`` is not modelled: one warning line
    (:func:`thematica.topics.model.skip_message`) and the tables of :func:`skipped_themes` (with
    ``refit=True``, also ``stability`` and the stability columns, empty), so that every other stage runs.
    """
    from thematica.support.jitcache import limit_numba_threads
    from thematica.topics.keyword_model import keyword_model

    settings = _settings(settings)
    if too_small(len(segments), settings):
        log.warning("%s", skip_message(len(segments), settings, study))
        skipped = skipped_themes(groups)
        if not refit:
            return skipped
        seeds = refit_seeds(seed, settings.stability_runs)
        refits = np.empty((len(seeds), 0), dtype=np.int64)
        threshold = settings.stability_threshold
        reference = np.empty(0, dtype=np.int64)
        info, runs = with_stability(skipped.topic_table, reference, refits, seeds, threshold=threshold)
        return CandidateThemes(info, skipped.segment_topics, skipped.quotes, runs, None, skipped.themes)
    limit_numba_threads(threads)
    settings, embeddings = _settings_and_embeddings(segments, npy_paths, json_paths, settings)
    model = keyword_model(settings, backend=backend, onnx_path=onnx_path, threads=threads)
    themes = candidate_themes if refit else reference_themes
    return themes(segments, embeddings, settings, seed=seed, groups=groups, embedding_model=model)


def study_refits(
    segments: pd.DataFrame,
    *,
    npy_paths: Sequence[str],
    json_paths: Sequence[str],
    settings: dict | TopicSettings,
    seed: int,
    threads: int = 1,
) -> np.ndarray:
    """The workflow's topic_refits step: :func:`stability_refits` with seeds ``seed + 1 ..``, in processes
    of their own beside the reference fit; shape ``(settings.stability_runs, n)``. ``threads``: the
    processes that share the refits (each fit is serial), and numba's workers in each. Other arguments as
    :func:`study_topics`. A study too small for candidate themes has no refits: shape
    ``(settings.stability_runs, 0)``."""
    from thematica.support.jitcache import limit_numba_threads

    settings = _settings(settings)
    if too_small(len(segments), settings):  # the topics step warns; this one only says why it is empty
        log.info("%d participant segments, fewer than topics.min_segments: no refits", len(segments))
        return np.empty((settings.stability_runs, 0), dtype=np.int64)
    limit_numba_threads(threads)
    settings, embeddings = _settings_and_embeddings(segments, npy_paths, json_paths, settings)
    docs = segments.reset_index(drop=True)["text"].astype(str).tolist()
    return stability_refits(
        docs,
        embeddings,
        settings,
        refit_seeds(seed, settings.stability_runs),
        workers=threads,
        reference_seed=seed,
    )
