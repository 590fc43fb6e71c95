"""One call from a study's segments, embeddings and codebook to its codebook-guided theme tables
(:mod:`thematica.topics.guided`), and their recovery of a demo study's planted codes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.topics.guided import (
    NEW_THEME,
    UNASSIGNED,
    GuidedSettings,
    code_texts,
    guided_space,
)
from thematica.topics.guided_fit import GuidedFit, fit_guided
from thematica.topics.settings import TopicSettings

log = logging.getLogger(__name__)

#: The columns of ``guided_info.csv``.
GUIDED_INFO_COLUMNS = [
    "theme",
    "code",
    "label",
    "keywords",
    "n_segments",
    "n_participants",
    "share_segments",
    "mean_similarity",
]
#: The columns of ``guided_segments.parquet``.
GUIDED_SEGMENT_COLUMNS = ["segment_id", "theme", "code", "similarity", "nearest_code"]
#: The columns of ``guided_recovery.csv``: the mode (``topics``: the ordinary fit; ``guided``) first.
GUIDED_RECOVERY_COLUMNS = [
    "mode",
    "variant",
    "n_segments",
    "n_codes",
    "n_topics",
    "outlier_share",
    "ari",
    "nmi",
]


@dataclass
class GuidedThemes:
    """The outputs of :func:`study_guided_themes`.

    Attributes
    ----------
    info
        ``guided_info.csv``: one row per theme (:data:`GUIDED_INFO_COLUMNS`): the codes in codebook order
        (``code`` their id), then the new themes by size (``code`` = "not in the codebook"), then the
        unassigned segments (theme ``-1``) when there are any.
    segments
        ``guided_segments.parquet``: each segment's theme, its code (or "not in the codebook",
        "unassigned"), its cosine to the nearest code and that code.
    fit
        The :class:`~thematica.topics.guided_fit.GuidedFit`; ``None`` when the study was skipped.
    """

    info: pd.DataFrame
    segments: pd.DataFrame
    fit: GuidedFit | None


def split_settings(section: dict | None) -> tuple[TopicSettings, GuidedSettings]:
    """The config's ``topics`` section as the ordinary fit's and the guided mode's settings.

    Examples
    --------
    >>> topics, guided = split_settings({"min_topic_size": 12, "guided": {"context_span": 1}})
    >>> topics.min_topic_size, guided.context_span
    (12, 1)
    """
    section = dict(section or {})
    guided = section.pop("guided", None)
    return TopicSettings.from_config(section), GuidedSettings.from_config(guided)


def skipped_guided() -> GuidedThemes:
    """The tables of a study without guided themes: their columns, no rows.

    Examples
    --------
    >>> skipped = skipped_guided()
    >>> len(skipped.info), list(skipped.segments.columns)
    (0, ['segment_id', 'theme', 'code', 'similarity', 'nearest_code'])
    """
    dtypes = {"theme": "int64", "n_segments": "int64", "n_participants": "int64"}
    floats = {"share_segments", "mean_similarity", "similarity"}

    def empty(columns):
        return pd.DataFrame(
            {c: pd.Series(dtype=dtypes.get(c, "float64" if c in floats else "object")) for c in columns}
        )

    return GuidedThemes(empty(GUIDED_INFO_COLUMNS), empty(GUIDED_SEGMENT_COLUMNS), None)


def turn_keys(segments: pd.DataFrame) -> list[str]:
    """One key per speaker turn of a transcript (segments of a turn share it)."""
    return (segments["transcript"].astype(str) + "\x1f" + segments["turn"].astype(str)).tolist()


def guided_themes(
    segments: pd.DataFrame,
    embeddings: np.ndarray,
    codebook: pd.DataFrame,
    settings: TopicSettings,
    guided: GuidedSettings,
    *,
    seed: int,
    encoder,
) -> GuidedThemes:
    """Fit the codebook-guided themes of a study and build their tables.

    Parameters
    ----------
    segments
        ``n`` participant segments: ``segment_id, transcript, participant_id, turn, text``, in transcript
        order.
    embeddings
        Shape ``(n, d)``: their stored embeddings.
    codebook
        ``k`` codes: ``code, label, definition``.
    settings, guided
        The ordinary fit's settings (UMAP, HDBSCAN, keywords) and the guided mode's.
    seed
        UMAP's random state.
    encoder
        The model that embedded the segments (:func:`thematica.embed.model.load_encoder`); it embeds the
        code texts and the keywords.

    Returns
    -------
    GuidedThemes
    """
    from thematica.embed.model import embed_texts

    segments = segments.reset_index(drop=True)
    codebook = codebook.reset_index(drop=True)
    texts = code_texts(codebook)
    vectors = embed_texts([t for own in texts for t in own], model=encoder)
    space, prototypes, threshold = guided_space(embeddings, turn_keys(segments), vectors, texts, guided)
    codes = codebook["code"].astype(str).tolist()
    fit = fit_guided(
        segments["text"].astype(str).tolist(),
        space,
        prototypes,
        threshold,
        codes,
        settings,
        seed=seed,
        encoder=encoder,
        labels=[f"{code}: {own[0]}" for code, own in zip(codes, texts, strict=True)],
    )
    labels = [own[0] for own in texts]
    return GuidedThemes(
        _info(segments, fit, labels, settings.label_words), _segment_table(segments, fit), fit
    )


def _code_of(fit: GuidedFit) -> np.ndarray:
    k = len(fit.codes)
    names = np.array([*fit.codes, NEW_THEME, UNASSIGNED], dtype=object)
    index = np.where(fit.themes < 0, k + 1, np.minimum(fit.themes, k))
    return names[index]


def _segment_table(segments: pd.DataFrame, fit: GuidedFit) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "segment_id": segments["segment_id"].astype(str).to_numpy(),
            "theme": fit.themes.astype(np.int64),
            "code": _code_of(fit).astype(str),
            "similarity": fit.similarity.astype(np.float64),
            "nearest_code": np.array(fit.codes, dtype=object)[fit.nearest].astype(str),
        },
        columns=GUIDED_SEGMENT_COLUMNS,
    )


def _info(segments: pd.DataFrame, fit: GuidedFit, labels: Sequence[str], label_words: int) -> pd.DataFrame:
    k = len(fit.codes)
    themes = list(range(k)) + sorted(set(fit.themes.tolist()) - set(range(k)) - {-1})
    if (fit.themes == -1).any():
        themes.append(-1)
    participants = segments["participant_id"].astype(str).to_numpy()
    rows = []
    for theme in themes:
        members = fit.themes == theme
        words = [w for w, _ in fit.keywords.get(theme, [])]
        if theme == -1:
            code, label = UNASSIGNED, "(unassigned: near no code and in no new theme)"
        elif theme < k:
            code, label = fit.codes[theme], labels[theme]
        else:
            code, label = NEW_THEME, ", ".join(words[:label_words])
        rows.append(
            {
                "theme": int(theme),
                "code": code,
                "label": label,
                "keywords": ", ".join(words),
                "n_segments": int(members.sum()),
                "n_participants": len(set(participants[members].tolist())),
                "share_segments": float(members.mean()) if len(members) else 0.0,
                "mean_similarity": float(fit.similarity[members].mean()) if members.any() else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=GUIDED_INFO_COLUMNS)


def study_guided_themes(
    segments: pd.DataFrame,
    codebook: pd.DataFrame | None,
    *,
    npy_paths: Sequence[str],
    json_paths: Sequence[str],
    settings: dict | None,
    seed: int,
    backend: str = "torch",
    onnx_path: str | None = None,
    threads: int = 1,
    study: str = "",
) -> GuidedThemes:
    """A study's codebook-guided themes (the workflow's guided_topics step).

    Parameters
    ----------
    segments
        ``data/processed/<study>/segments.parquet``.
    codebook
        ``data/processed/<study>/codebook.parquet``, or ``None`` for a study without codes.
    npy_paths, json_paths
        The study's embeddings and sidecar.
    settings
        The config's ``topics`` section (its ``guided`` mapping included).
    seed
        UMAP's random state.
    backend, onnx_path, threads
        The embedding backend that embedded the segments, its ONNX export, and its threads.
    study
        The study's name, for the line that says why a study is skipped.

    Notes
    -----
    A study without a codebook (or with an empty one), with ``topics.guided.enabled: false``, or too small
    for candidate themes is skipped with one info line and the tables of :func:`skipped_guided`.
    """
    from thematica.embed.model import load_encoder, load_study_embeddings
    from thematica.support.jitcache import limit_numba_threads
    from thematica.topics.model import too_small

    topic_settings, guided = split_settings(settings)
    prefix = f"{study}: " if study else ""
    reason = None
    if codebook is None or codebook.empty:
        reason = "no codebook"
    elif not guided.enabled:
        reason = "topics.guided.enabled is false"
    elif too_small(len(segments), topic_settings):
        reason = f"fewer participant segments than topics.min_segments ({topic_settings.min_segments})"
    if reason is not None:
        log.info("%s%s: codebook-guided themes skipped", prefix, reason)
        return skipped_guided()
    limit_numba_threads(threads)
    embeddings = load_study_embeddings(segments, npy_paths, json_paths)
    encoder = load_encoder(backend, onnx_path=onnx_path, threads=threads)  # type: ignore[arg-type]
    return guided_themes(segments, embeddings, codebook, topic_settings, guided, seed=seed, encoder=encoder)


def guided_recovery(
    segments: pd.DataFrame,
    guided_segments: pd.DataFrame,
    truth_path: str | Path,
    segment_topics: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``guided_recovery.csv``: recovery of the planted codes (:func:`thematica.topics.recovery.
    recovery_scores`) by the ordinary candidate themes (``mode`` = ``topics``, when ``segment_topics`` is
    given and not empty) and by the guided themes (``guided``; unassigned segments form one cluster).

    Returns
    -------
    pandas.DataFrame
        :data:`GUIDED_RECOVERY_COLUMNS`; the ``uncoded_excluded`` rows score the segments that carry a
        planted code, each exactly one.
    """
    from thematica.topics.recovery import planted_labels, read_truth_sentences, recovery_scores

    frames = []
    base = segments[["segment_id", "transcript", "start", "end"]].reset_index(drop=True)
    labels = planted_labels(base, read_truth_sentences(truth_path))
    for mode, table, column in (("topics", segment_topics, "topic"), ("guided", guided_segments, "theme")):
        if table is None or table.empty:
            continue
        merged = base.merge(table[["segment_id", column]], on="segment_id", how="left", validate="one_to_one")
        if merged[column].isna().any():
            raise ThematicaError(f"some segments have no {mode} theme; rerun its step", path=truth_path)
        scores = recovery_scores(labels, merged[column].astype(int).to_numpy())
        frames.append(scores.assign(mode=mode))
    if not frames:
        return pd.DataFrame(columns=GUIDED_RECOVERY_COLUMNS)
    return pd.concat(frames, ignore_index=True)[GUIDED_RECOVERY_COLUMNS]
