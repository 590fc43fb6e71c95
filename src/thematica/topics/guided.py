"""Codebook-guided themes: BERTopic's zero-shot topic modelling with the codes of a codebook as its topics.

Deductive and inductive analysis in one model. Each code of the study's codebook becomes a zero-shot
topic: a segment close enough to a code forms part of that code's theme; every other segment goes through
the ordinary fit's seeded UMAP and HDBSCAN (:func:`thematica.topics.model.build_topic_model`) into new
candidate themes, listed as "not in the codebook" for the team to consider.

How a segment is compared with a code (each step a pure function below):

1. **Code texts** (:func:`code_texts`). A code is described by its label, its label followed by its
   definition, and each sentence of the definition on its own (a codebook's "Include ..." sentences carry
   its inclusion criteria). A code without a definition is described by its label alone.
2. **Prototype** (:func:`code_prototypes`). The mean of the code texts' embeddings, made with the model
   that embedded the segments.
3. **Context** (:func:`context_embeddings`). A segment's embedding plus its neighbours' in the same
   speaker turn, weighted ``context_weight ** distance`` up to ``context_span`` segments away: a stance is
   voiced over several sentences, a single sentence often names only its subject.
4. **Centring.** Segments and prototypes have the corpus mean subtracted and are scaled to unit length:
   sentence embeddings share a large common direction that otherwise dominates every cosine.
5. **Refinement** (:func:`refine_prototypes`). One step of semi-supervised k-means: each code's
   prototype is re-centred on the ``refine_share`` of its nearest segments that are most similar to it,
   so a code is described in the participants' own words, not only in the codebook's.
6. **Threshold** (:func:`otsu_threshold`). A segment joins a code when its cosine to the nearest
   refined prototype reaches ``min_similarity``; ``"otsu"`` chooses it from the data alone, as the cut
   that best separates the segments' best similarities into two groups (Otsu's method), without looking
   at any coding.

The defaults (``context_weight`` 0.5, ``context_span`` 2, ``refine_share`` 0.5, one refinement step) were
chosen on the alliance demo study and carried unchanged to the physicians demo study, whose recovery of its
planted codes is the held-out figure (``benchmarks/bench_guided.py``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Literal

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

#: The ``code`` of a guided theme that no code of the codebook describes.
NEW_THEME = "not in the codebook"
#: The ``code`` of segments neither close to a code nor in a new theme (HDBSCAN's outliers).
UNASSIGNED = "unassigned"

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


@dataclass(frozen=True)
class GuidedSettings:
    """The config's ``topics.guided`` section.

    Attributes
    ----------
    enabled
        ``False`` skips the codebook-guided themes.
    context_weight
        Weight of a neighbouring segment of the same turn, per segment of distance (0 = no context).
    context_span
        How many segments either side count as context.
    refine_share
        Share of a code's nearest segments its prototype is re-centred on (0 = no refinement).
    min_similarity
        Cosine a segment needs to its nearest code to join that code's theme (BERTopic's
        ``zeroshot_min_similarity``), or ``"otsu"`` to choose it from the data (:func:`otsu_threshold`).
    """

    enabled: bool = True
    context_weight: float = 0.5
    context_span: int = 2
    refine_share: float = 0.5
    min_similarity: float | Literal["otsu"] = "otsu"

    @classmethod
    def from_config(cls, section: dict | None) -> GuidedSettings:
        """Build from the config's ``topics.guided`` mapping (missing keys take the defaults).

        Examples
        --------
        >>> GuidedSettings.from_config({"context_span": 1}).context_span
        1
        """
        section = dict(section or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ThematicaError(
                f"unknown topics.guided setting(s) {unknown}; allowed: {sorted(known)}", path="config"
            )
        settings = cls(**section)
        if not 0.0 <= settings.refine_share <= 1.0:
            raise ThematicaError(
                f"topics.guided.refine_share {settings.refine_share} must be within 0..1", path="config"
            )
        if settings.context_weight < 0 or settings.context_span < 0:
            raise ThematicaError("topics.guided.context_weight and context_span must be >= 0", path="config")
        if isinstance(settings.min_similarity, str) and settings.min_similarity != "otsu":
            raise ThematicaError(
                f"topics.guided.min_similarity must be a number or 'otsu', not '{settings.min_similarity}'",
                path="config",
            )
        return settings

    def to_dict(self) -> dict:
        """Plain types, for logs."""
        return asdict(self)


def code_texts(codebook: pd.DataFrame) -> list[list[str]]:
    """The texts that describe each code: label, label and definition, each definition sentence.

    Parameters
    ----------
    codebook
        ``k`` rows with ``code``, ``label`` and ``definition`` (empty or missing: none).

    Returns
    -------
    list of list of str
        ``k`` lists, in codebook order; a code without a definition has its label only, a code without a
        label its id.

    Examples
    --------
    >>> book = pd.DataFrame({"code": ["a", "b"], "label": ["Trust", "Cost"],
    ...                      "definition": ["Relying on it. Include doubt.", ""]})
    >>> code_texts(book)
    [['Trust', 'Trust. Relying on it. Include doubt.', 'Relying on it.', 'Include doubt.'], ['Cost']]
    """
    out = []
    for code, label, definition in zip(
        codebook["code"].astype(str),
        _column(codebook, "label"),
        _column(codebook, "definition"),
        strict=True,
    ):
        label = label or code
        texts = [label]
        if definition:
            sentences = [s.strip() for s in _SENTENCE_END.split(definition) if s.strip()]
            texts += [f"{label.rstrip('.')}. {definition}", *(s for s in sentences if s not in texts)]
        out.append(list(dict.fromkeys(texts)))
    return out


def _column(table: pd.DataFrame, name: str) -> list[str]:
    if name not in table.columns:
        return [""] * len(table)
    return [" ".join(str(v).split()) if isinstance(v, str) else "" for v in table[name].tolist()]


def code_prototypes(texts: Sequence[Sequence[str]], vectors: np.ndarray) -> np.ndarray:
    """Each code's prototype: the mean of its texts' embeddings, at unit length.

    Parameters
    ----------
    texts
        ``k`` lists of texts (:func:`code_texts`), ``m`` texts in all.
    vectors
        Shape ``(m, d)``: their embeddings, in the order of the flattened lists.

    Returns
    -------
    numpy.ndarray
        Shape ``(k, d)``, float64.
    """
    sizes = [len(t) for t in texts]
    if sum(sizes) != len(vectors) or min(sizes, default=1) < 1:
        raise ValueError(f"{sum(sizes)} code texts but {len(vectors)} embeddings, or a code without text")
    owner = np.repeat(np.arange(len(texts)), sizes)
    vectors = np.asarray(vectors, dtype=np.float64)
    means = np.stack([vectors[owner == k].mean(axis=0) for k in range(len(texts))])
    return _unit(means)


def context_embeddings(
    embeddings: np.ndarray, turns: Sequence[object], *, weight: float = 0.5, span: int = 2
) -> np.ndarray:
    """Each segment's embedding plus its turn's neighbours', weighted ``weight ** distance``, unit length.

    Parameters
    ----------
    embeddings
        Shape ``(n, d)``, in transcript order.
    turns
        ``n`` keys; neighbours count only within a run of equal keys (a speaker turn of one transcript).
    weight, span
        Weight per segment of distance, and the farthest neighbour counted.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, d)``, float64.

    Examples
    --------
    >>> x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    >>> context_embeddings(x, ["t1", "t1", "t2"], weight=1.0, span=1).round(3).tolist()
    [[0.707, 0.707], [0.707, 0.707], [1.0, 0.0]]
    """
    embeddings = np.asarray(embeddings, dtype=np.float64)
    keys = np.asarray(pd.factorize(pd.Series(list(turns), dtype=object))[0])
    if len(keys) != len(embeddings):
        raise ValueError(f"{len(keys)} turn keys for {len(embeddings)} embeddings")
    out = embeddings.copy()
    n = len(embeddings)
    for distance in range(1, int(span) + 1):
        factor = float(weight) ** distance
        if factor == 0 or distance >= n:
            break
        same = keys[distance:] == keys[:-distance]
        out[distance:][same] += factor * embeddings[:-distance][same]
        out[:-distance][same] += factor * embeddings[distance:][same]
    return _unit(out)


def centre(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``vectors - mean`` at unit length (rows)."""
    return _unit(np.asarray(vectors, dtype=np.float64) - mean)


def refine_prototypes(segments: np.ndarray, prototypes: np.ndarray, share: float = 0.5) -> np.ndarray:
    """One step of semi-supervised k-means: re-centre each prototype on its most similar nearest segments.

    Parameters
    ----------
    segments
        Shape ``(n, d)``, unit rows.
    prototypes
        Shape ``(k, d)``, unit rows.
    share
        Of the segments nearest to a prototype, the share most similar to it that re-centres it; a
        prototype nearest to fewer than 3 segments, or ``share`` 0, is kept.

    Returns
    -------
    numpy.ndarray
        Shape ``(k, d)``, unit rows.

    Examples
    --------
    >>> seg = np.array([[1.0, 0.0], [0.96, 0.28], [0.8, 0.6], [0.6, 0.8], [0.28, 0.96], [0.0, 1.0]])
    >>> refine_prototypes(seg, np.array([[1.0, 0.0], [0.0, 1.0]]), share=1.0).round(3).tolist()
    [[0.953, 0.304], [0.304, 0.953]]
    """
    segments = np.asarray(segments, dtype=np.float64)
    prototypes = np.asarray(prototypes, dtype=np.float64)
    if share <= 0 or not len(segments):
        return prototypes.copy()
    similarity = segments @ prototypes.T
    nearest, best = similarity.argmax(axis=1), similarity.max(axis=1)
    out = prototypes.copy()
    for k in range(len(prototypes)):
        own = np.flatnonzero(nearest == k)
        if len(own) < 3:
            continue
        n_keep = max(3, int(np.ceil(share * len(own))))
        order = np.lexsort((own, -best[own]))  # most similar first, ties by position
        out[k] = segments[own[order[:n_keep]]].mean(axis=0)
    return _unit(out)


def otsu_threshold(values: np.ndarray, bins: int = 256) -> float:
    """The cut that best separates ``values`` into two groups (Otsu 1979: the largest between-group
    variance over a histogram of ``bins`` bins; when a gap between the groups makes several cuts equally
    good, the middle of the gap).

    Examples
    --------
    >>> round(otsu_threshold(np.r_[np.full(50, 0.1), np.full(50, 0.6)]), 2)
    0.35
    """
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    if not len(values):
        raise ValueError("no values to threshold")
    low, high = float(values.min()), float(values.max())
    if high <= low:
        return low
    counts, edges = np.histogram(values, bins=bins, range=(low, high))
    centres = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(counts)
    total = weight[-1]
    mean_low = np.cumsum(counts * centres)
    between = np.zeros(bins)
    inner = (weight > 0) & (weight < total)
    w0 = weight[inner] / total
    m0 = mean_low[inner] / weight[inner]
    m1 = (mean_low[-1] - mean_low[inner]) / (total - weight[inner])
    between[inner] = w0 * (1 - w0) * (m0 - m1) ** 2
    best = np.flatnonzero(between == between.max())
    first = int(best[0])
    last = first + int(np.argmin(np.r_[best[1:] - best[:-1] == 1, False]))  # the plateau that starts there
    return float((edges[first + 1] + edges[best[last - first] + 1]) / 2)  # a gap's middle, not its edge


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def guided_space(
    embeddings: np.ndarray,
    turns: Sequence[object],
    code_vectors: np.ndarray,
    texts: Sequence[Sequence[str]],
    guided: GuidedSettings,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Segments and refined code prototypes in the centred space, and the threshold (steps 2-6).

    Parameters
    ----------
    embeddings
        Shape ``(n, d)``: the segments' stored embeddings, in transcript order.
    turns
        ``n`` speaker-turn keys.
    code_vectors
        Embeddings of the flattened :func:`code_texts`.
    texts
        The code texts, ``k`` lists.
    guided
        Settings.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, float)
        Segments, shape ``(n, d)``; prototypes, shape ``(k, d)``; the threshold.
    """
    embeddings = np.asarray(embeddings, dtype=np.float64)
    mean = embeddings.mean(axis=0)
    segments = centre(
        context_embeddings(embeddings, turns, weight=guided.context_weight, span=guided.context_span), mean
    )
    prototypes = centre(code_prototypes(texts, code_vectors), mean)
    prototypes = refine_prototypes(segments, prototypes, guided.refine_share)
    best = (segments @ prototypes.T).max(axis=1)
    if guided.min_similarity == "otsu":
        threshold = otsu_threshold(best)
    else:
        threshold = float(guided.min_similarity)
    return segments, prototypes, threshold
