"""The machine coder's features: each segment's embedding, optionally beside its neighbours' mean."""

from __future__ import annotations

import numpy as np
import pandas as pd


def segment_features(embeddings: np.ndarray, segments: pd.DataFrame, *, context: bool = False) -> np.ndarray:
    """Features of each segment, in the row order of ``segments``.

    Parameters
    ----------
    embeddings
        Shape ``(n, d)``: the segments' embeddings in the row order of ``segments``.
    segments
        ``n`` rows with columns ``transcript, start``.
    context
        Add the mean embedding of the segment's neighbours: the segments right before and after it in
        its transcript (by ``start``); one of them at a transcript's ends, zeros for a lone segment.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, d)``, or ``(n, 2 d)`` with ``context``; float64.

    Examples
    --------
    >>> e = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> s = pd.DataFrame({"transcript": ["a", "a", "b"], "start": [0, 10, 0]})
    >>> segment_features(e, s, context=True)[:, 2:].tolist()
    [[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]]
    """
    x = np.asarray(embeddings, dtype=np.float64)
    if len(x) != len(segments):
        raise ValueError(f"{len(x)} embeddings for {len(segments)} segments")
    if not context:
        return x
    order = np.lexsort((segments["start"].to_numpy(), segments["transcript"].astype(str).to_numpy()))
    transcripts = segments["transcript"].astype(str).to_numpy()[order]
    ordered = x[order]
    same_prev = np.r_[False, transcripts[1:] == transcripts[:-1]]
    same_next = np.r_[transcripts[:-1] == transcripts[1:], False]
    prev = np.where(same_prev[:, None], np.roll(ordered, 1, axis=0), 0.0)
    nxt = np.where(same_next[:, None], np.roll(ordered, -1, axis=0), 0.0)
    count = np.maximum(same_prev.astype(float) + same_next.astype(float), 1.0)
    neighbours = np.empty_like(ordered)
    neighbours[order] = (prev + nxt) / count[:, None]
    return np.hstack([x, neighbours])
