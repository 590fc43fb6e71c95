"""Codebook-guided themes, the fit: BERTopic's zero-shot topic modelling with the codes' prototypes
(:mod:`thematica.topics.guided`) as its topics, and the leftover segments clustered into new themes.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from thematica.errors import ThematicaError

log = logging.getLogger(__name__)


@dataclass
class GuidedFit:
    """What :func:`fit_guided` returns.

    Attributes
    ----------
    themes
        Shape ``(n,)``, int: theme of each segment; ``0..k-1`` are the codes in codebook order (a code no
        segment reached keeps its number), ``k..`` the new themes by size, ``-1`` unassigned.
    similarity
        Shape ``(n,)``: cosine of each segment to its nearest refined code prototype.
    nearest
        Shape ``(n,)``, int: that code's position in the codebook.
    threshold
        The similarity a segment needed to join a code.
    codes
        ``k`` code ids, in codebook order.
    keywords
        Theme -> ``[(keyword, score), ...]``, best first.
    model
        The fitted BERTopic (not saved).
    """

    themes: np.ndarray
    similarity: np.ndarray
    nearest: np.ndarray
    threshold: float
    codes: list[str]
    keywords: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    model: object = field(default=None, repr=False)


def fit_guided(
    docs: Sequence[str],
    segments: np.ndarray,
    prototypes: np.ndarray,
    threshold: float,
    codes: Sequence[str],
    settings,
    *,
    seed: int,
    encoder,
    labels: Sequence[str] | None = None,
) -> GuidedFit:
    """BERTopic's zero-shot topic modelling with the codes' prototypes as its topics.

    Parameters
    ----------
    docs
        ``n`` segment texts.
    segments, prototypes, threshold
        From :func:`guided_space`.
    codes
        ``k`` code ids; ``labels`` their unique names in BERTopic's zero-shot topic list (default: ids).
    settings
        The :class:`~thematica.topics.settings.TopicSettings` of the ordinary fit (UMAP, HDBSCAN, keywords).
    seed
        UMAP's random state.
    encoder
        The study's embedding model (BERTopic embeds keywords with it).

    Returns
    -------
    GuidedFit
    """
    from threadpoolctl import threadpool_limits

    from thematica.support.jitcache import one_numba_thread

    with threadpool_limits(limits=1), one_numba_thread():
        return _fit_guided(
            docs, segments, prototypes, threshold, list(codes), settings, seed, encoder, labels
        )


def _fit_guided(docs, segments, prototypes, threshold, codes, settings, seed, encoder, labels) -> GuidedFit:
    from thematica.topics.model import build_topic_model

    docs = [str(d) for d in docs]
    segments = np.asarray(segments, dtype=np.float64)
    prototypes = np.asarray(prototypes, dtype=np.float64)
    if len(docs) != len(segments):
        raise ThematicaError(f"{len(docs)} segments but {len(segments)} embeddings; rerun the embed step")
    labels = list(codes) if labels is None else [str(x) for x in labels]
    if len(set(labels)) != len(labels) or len(labels) != len(prototypes):
        raise ValueError("one unique zero-shot topic name per code prototype is needed")
    similarity_matrix = segments @ prototypes.T
    nearest = similarity_matrix.argmax(axis=1)
    similarity = similarity_matrix.max(axis=1)
    joined = similarity >= threshold
    # The leftover segments' UMAP is fitted on every segment and then transforms the leftover (BERTopic's
    # zero-shot flow), so UMAP keeps its own neighbour search here: no precomputed neighbours.
    model = build_topic_model(settings, len(docs), seed=seed, embedding_model=encoder, represent=True)
    model.embedding_model = _prototype_embedder(
        model.embedding_model, dict(zip(labels, prototypes, strict=True))
    )
    model.zeroshot_topic_list = labels
    model.zeroshot_min_similarity = float(threshold)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("BERTopic").setLevel(logging.ERROR)
        raw, _ = model.fit_transform(docs, segments.astype(np.float32))
    raw = np.asarray(raw, dtype=np.int64)
    themes, old_of = _number_themes(raw, joined, nearest, len(codes))
    keywords = {
        new: [(str(w), float(s)) for w, s in (model.get_topic(old) or []) if str(w)]
        for new, old in old_of.items()
    }
    fit = GuidedFit(themes, similarity, nearest, float(threshold), list(codes), keywords, model)
    log.info(
        "guided themes: %d of %d codes reached (cosine >= %.3f, %.1f%% of segments), %d new themes, "
        "%.1f%% unassigned",
        len(set(themes[joined].tolist())),
        len(codes),
        threshold,
        100 * joined.mean(),
        len(set(themes[~joined].tolist()) - {-1}),
        100 * float(np.mean(themes == -1)),
    )
    return fit


def _number_themes(
    raw: np.ndarray, joined: np.ndarray, nearest: np.ndarray, n_codes: int
) -> tuple[np.ndarray, dict[int, int]]:
    """Codes keep their codebook position; BERTopic's other topics follow by size (ties by its number)."""
    themes = np.full(len(raw), -1, dtype=np.int64)
    old_of: dict[int, int] = {}
    for old in sorted(set(raw[joined].tolist())):
        members = joined & (raw == old)
        code = set(nearest[members].tolist())
        if len(code) != 1 or (raw[~joined] == old).any():
            raise ThematicaError("BERTopic's zero-shot topics do not match the codes' nearest prototypes")
        new = int(code.pop())
        themes[members] = new
        old_of[new] = int(old)
    rest = raw[~joined]
    ids, counts = np.unique(rest[rest != -1], return_counts=True)
    order = sorted(zip(ids.tolist(), counts.tolist(), strict=True), key=lambda x: (-x[1], x[0]))
    for offset, (old, _) in enumerate(order):
        themes[~joined & (raw == old)] = n_codes + offset
        old_of[n_codes + offset] = int(old)
    return themes, old_of


def _prototype_embedder(embedder, prototypes: dict[str, np.ndarray]):
    """A BERTopic embedder that answers the zero-shot topic names with the codes' prototypes and embeds
    every other text (keywords, representative segments) with the study's model."""
    from bertopic.backend import BaseEmbedder

    class PrototypeEmbedder(BaseEmbedder):
        def __init__(self, inner, table) -> None:
            super().__init__()
            self.inner = inner
            self.table = table
            self.embedding_model = getattr(inner, "embedding_model", inner)

        def embed(self, documents, verbose: bool = False):
            documents = list(documents)
            if documents and all(d in self.table for d in documents):
                return np.stack([self.table[d] for d in documents]).astype(np.float32)
            if hasattr(self.inner, "embed"):
                return self.inner.embed(documents, verbose=verbose)
            return self.inner.encode(documents)

    return PrototypeEmbedder(embedder, prototypes)
