"""How well candidate themes recover a demo study's planted codes (evaluation only).

The demo generator writes ``truth/sentences.csv``: every participant sentence with its planted code or
none. The pipeline never reads it; this module is used only to write ``recovery.csv`` for studies that
have it, and by tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

UNCODED = ""
#: The columns of ``recovery.csv``.
RECOVERY_COLUMNS = ["variant", "n_segments", "n_codes", "n_topics", "outlier_share", "ari", "nmi"]


def read_truth_sentences(path: str | Path) -> pd.DataFrame:
    """Read ``truth/sentences.csv`` (transcript, start, end, code; empty code = uncoded)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"transcript", "start", "end", "code"} - set(table.columns)
    if missing:
        raise ThematicaError(f"missing column(s) {sorted(missing)}", path=path)
    return table.assign(start=table["start"].astype(int), end=table["end"].astype(int))


def planted_labels(segments: pd.DataFrame, truth: pd.DataFrame) -> np.ndarray:
    """The planted code covering most characters of each segment.

    Parameters
    ----------
    segments
        ``n`` rows with ``transcript, start, end``.
    truth
        Planted sentences: ``transcript, start, end, code`` (``""`` = no code).

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``, str: the code, or ``""`` when the segment's characters are mostly uncoded or
        outside every planted sentence. Ties go to the alphabetically first label.

    Examples
    --------
    >>> seg = pd.DataFrame({"transcript": ["t", "t"], "start": [0, 10], "end": [10, 30]})
    >>> truth = pd.DataFrame({"transcript": ["t"] * 3, "start": [0, 10, 18], "end": [10, 18, 30],
    ...                       "code": ["a", "", "b"]})
    >>> planted_labels(seg, truth).tolist()
    ['a', 'b']
    """
    labels = np.full(len(segments), UNCODED, dtype=object)
    by_transcript = {t: g for t, g in truth.groupby("transcript", sort=False)}
    positions = np.arange(len(segments))
    for transcript, own in segments.reset_index(drop=True).groupby("transcript", sort=False):
        sentences = by_transcript.get(transcript)
        if sentences is None:
            continue
        s_start, s_end = sentences["start"].to_numpy(), sentences["end"].to_numpy()
        codes = sentences["code"].to_numpy()
        overlap = np.minimum(own["end"].to_numpy()[:, None], s_end[None, :]) - np.maximum(
            own["start"].to_numpy()[:, None], s_start[None, :]
        )
        overlap = np.clip(overlap, 0, None)
        names = sorted(set(codes.tolist()))
        per_code = np.stack([overlap[:, codes == name].sum(axis=1) for name in names], axis=1)
        best = per_code.argmax(axis=1)  # first maximum: alphabetical tie-break
        covered = per_code.max(axis=1) > 0
        index = positions[own.index.to_numpy()]
        labels[index[covered]] = np.array(names, dtype=object)[best[covered]]
    return labels.astype(str)


def recovery_scores(labels: np.ndarray, topics: np.ndarray) -> pd.DataFrame:
    """Adjusted Rand index and NMI of topics against planted labels, two ways.

    Parameters
    ----------
    labels
        Shape ``(n,)``: planted code per segment, ``""`` for uncoded.
    topics
        Shape ``(n,)``: topic per segment (``-1`` = outlier, kept as its own cluster).

    Returns
    -------
    pandas.DataFrame
        One row per variant — ``uncoded_as_label`` (uncoded segments form one more planted label) and
        ``uncoded_excluded`` (only segments with a planted code) — with ``n_segments, n_codes, n_topics,
        outlier_share, ari, nmi``.
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    labels = np.asarray(labels).astype(str)
    topics = np.asarray(topics)
    rows = []
    for variant, keep in (
        ("uncoded_as_label", np.ones(len(labels), dtype=bool)),
        ("uncoded_excluded", labels != UNCODED),
    ):
        lab, top = labels[keep], topics[keep]
        rows.append(
            {
                "variant": variant,
                "n_segments": int(keep.sum()),
                "n_codes": len(set(lab.tolist()) - {UNCODED}),
                "n_topics": len(set(top.tolist()) - {-1}),
                "outlier_share": float(np.mean(top == -1)) if len(top) else 0.0,
                "ari": float(adjusted_rand_score(lab, top)) if len(top) else float("nan"),
                "nmi": float(normalized_mutual_info_score(lab, top)) if len(top) else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=RECOVERY_COLUMNS)


def topic_recovery(
    segments: pd.DataFrame, segment_topics: pd.DataFrame, truth_path: str | Path
) -> pd.DataFrame:
    """``recovery.csv``: :func:`recovery_scores` of a study's topics against its planted truth; its columns
    and no rows when the study had too few segments for candidate themes (empty ``segment_topics``)."""
    if segment_topics.empty:
        return pd.DataFrame(columns=RECOVERY_COLUMNS)
    table = segments[["segment_id", "transcript", "start", "end"]].merge(
        segment_topics[["segment_id", "topic"]], on="segment_id", how="left", validate="one_to_one"
    )
    if table["topic"].isna().any():
        raise ThematicaError("some segments have no topic; rerun the topics step", path=truth_path)
    labels = planted_labels(table, read_truth_sentences(truth_path))
    return recovery_scores(labels, table["topic"].astype(int).to_numpy())
