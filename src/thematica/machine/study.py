"""The machine coder's workflow entry: from a study's embeddings and human codes to its tables.

- :func:`machine_reliability` (``workflow/scripts/machine.py``): cross-validated codes of every coded
  segment (``data/processed/<s>/machine/predictions.parquet``) and ``results/<s>/reliability/machine.csv``;
- :func:`machine_learning_curve` (``workflow/scripts/machine_curve.py``): ``learning_curve.csv``;
- :func:`machine_proposals` (``workflow/scripts/machine_proposals.py``): ``proposals.csv`` and
  ``proposals.qdpx`` for the segments no two coders saw.

A segment is coded when the consensus has rows for it; its labels are the consensus codes. Every fit runs
on one BLAS thread, so a rerun on the same machine gives the same bytes whatever the core count.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.machine.agreement import MACHINE_COLUMNS, machine_alpha_table
from thematica.machine.crossval import cross_validate, fit_code
from thematica.machine.curve import CURVE_COLUMNS, learning_curve
from thematica.machine.features import segment_features
from thematica.machine.proposals import PROPOSAL_COLUMNS, proposal_table, write_proposals
from thematica.machine.settings import MachineSettings
from thematica.reliability.settings import ReliabilitySettings

log = logging.getLogger(__name__)

PREDICTION_COLUMNS = ["segment_id", "code", "fold", "probability", "threshold", "applied"]


@dataclass(frozen=True)
class MachineResult:
    """The machine coder measured: its cross-validated codes (:data:`PREDICTION_COLUMNS`) and
    ``machine.csv`` (:data:`~thematica.machine.agreement.MACHINE_COLUMNS`)."""

    predictions: pd.DataFrame
    table: pd.DataFrame


@dataclass(frozen=True)
class CodedData:
    """The coded segments: their rows in the segment table, consensus codes and transcripts."""

    rows: np.ndarray  # (n,) row positions in segments
    labels: np.ndarray  # (n, K) int64
    groups: np.ndarray  # (n,) transcripts
    codes: list[str]


def coded_data(segments: pd.DataFrame, consensus: pd.DataFrame, codebook: pd.DataFrame) -> CodedData:
    """The segments the consensus codes, in segment order, with their codes in codebook order."""
    codes = [str(c) for c in codebook["code"]]
    wide = consensus.pivot_table(index="segment_id", columns="code", values="applied", aggfunc="max")
    coded = segments["segment_id"].isin(wide.index).to_numpy()
    rows = np.flatnonzero(coded)
    ids = segments["segment_id"].to_numpy()[rows]
    labels = wide.reindex(index=ids, columns=codes).fillna(0).to_numpy(dtype=np.int64)
    groups = segments["transcript"].astype(str).to_numpy()[rows]
    return CodedData(rows, labels, groups, codes)


def _features(segments, npy_paths, json_paths, settings: MachineSettings) -> np.ndarray:
    from thematica.embed.model import load_study_embeddings

    embeddings = load_study_embeddings(segments, list(npy_paths), list(json_paths))
    return segment_features(embeddings, segments, context=settings.context)


def _one_thread():
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def machine_reliability(
    segments: pd.DataFrame,
    consensus: pd.DataFrame,
    segment_codes: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    npy_paths: Sequence[str | Path],
    json_paths: Sequence[str | Path],
    settings: MachineSettings,
    reliability: ReliabilitySettings,
) -> MachineResult:
    """Cross-validate the machine coder (folds grouped by transcript) and measure it like a human coder.

    Parameters
    ----------
    segments
        ``segments.parquet``.
    consensus, segment_codes, codebook
        The human codes (``consensus.parquet``, ``segment_codes.parquet``, ``codebook.parquet``).
    npy_paths, json_paths
        The study's embeddings and their sidecars.
    settings
        The machine coder's settings.
    reliability
        The reliability settings: the intervals are the humans'.

    Returns
    -------
    MachineResult
        Empty tables (and a warning) with fewer than two coded transcripts.
    """
    data = coded_data(segments, consensus, codebook)
    if len(np.unique(data.groups)) < 2:
        log.warning("the machine coder needs at least two coded transcripts; its tables are empty")
        return MachineResult(pd.DataFrame(columns=PREDICTION_COLUMNS), pd.DataFrame(columns=MACHINE_COLUMNS))
    x = _features(segments, npy_paths, json_paths, settings)[data.rows]
    with _one_thread():
        cv = cross_validate(x, data.labels, data.groups, settings)
    ids = segments["segment_id"].to_numpy()[data.rows]
    k = len(data.codes)
    predictions = pd.DataFrame(
        {
            "segment_id": np.repeat(ids, k),
            "code": np.tile(data.codes, len(ids)),
            "fold": np.repeat(cv.fold, k),
            "probability": cv.probability.ravel(),
            "threshold": cv.threshold[cv.fold].ravel(),
            "applied": cv.applied.ravel(),
        }
    )
    transcript_of = dict(zip(segments["segment_id"], segments["transcript"].astype(str), strict=True))
    values = segment_codes[["segment_id", "coder", "code", "applied"]].astype({"applied": "int64"})
    table = machine_alpha_table(
        predictions.astype({"applied": "int64"}),
        consensus.astype({"applied": "int64"}),
        values,
        codebook,
        transcript_of,
        reliability,
    )
    median = table.loc[table["comparison"] == "machine_consensus", "alpha"].median()
    log.info("machine coder: %d codes, median cross-validated alpha against the consensus %.3f", k, median)
    return MachineResult(predictions, table)


def machine_learning_curve(
    segments: pd.DataFrame,
    consensus: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    npy_paths: Sequence[str | Path],
    json_paths: Sequence[str | Path],
    settings: MachineSettings,
) -> pd.DataFrame:
    """``learning_curve.csv``: alpha against the consensus by the number of coded transcripts learnt from
    (:func:`~thematica.machine.curve.learning_curve`)."""
    data = coded_data(segments, consensus, codebook)
    if len(np.unique(data.groups)) <= settings.curve_step:
        log.warning("too few coded transcripts for a learning curve in steps of %d", settings.curve_step)
        return pd.DataFrame(columns=CURVE_COLUMNS)
    x = _features(segments, npy_paths, json_paths, settings)[data.rows]
    with _one_thread():
        return learning_curve(x, data.labels, data.groups, data.codes, settings)


def machine_proposals(
    segments: pd.DataFrame,
    consensus: pd.DataFrame,
    codebook: pd.DataFrame,
    predictions: pd.DataFrame,
    machine_table: pd.DataFrame,
    *,
    npy_paths: Sequence[str | Path],
    json_paths: Sequence[str | Path],
    settings: MachineSettings,
    study: str,
    text_paths: Sequence[str | Path],
    qdpx_path: str | Path,
    export_for: str = "refi-qda",
) -> pd.DataFrame:
    """Propose codes for the segments no two coders saw and write them as ``proposals.qdpx``
    (:mod:`~thematica.machine.proposals`).

    Returns
    -------
    pandas.DataFrame
        ``proposals.csv`` (:data:`~thematica.machine.proposals.PROPOSAL_COLUMNS`).
    """
    data = coded_data(segments, consensus, codebook)
    n_coders = consensus.groupby("segment_id")["n_coders"].max()
    single = set(n_coders.index[n_coders == 1])
    single_coded = predictions.loc[predictions["segment_id"].isin(single)]
    uncoded_rows = np.setdiff1d(np.arange(len(segments)), data.rows)
    columns = ["segment_id", "code", "probability", "applied"]
    uncoded = pd.DataFrame(columns=columns)
    if len(uncoded_rows) and len(np.unique(data.groups)) >= 2:
        x = _features(segments, npy_paths, json_paths, settings)
        ids = segments["segment_id"].to_numpy()[uncoded_rows]
        parts = []
        with _one_thread():
            for k, code in enumerate(data.codes):
                model = fit_code(x[data.rows], data.labels[:, k], data.groups, settings)
                p = model.predict_proba(x[uncoded_rows])
                parts.append(
                    pd.DataFrame(
                        {
                            "segment_id": ids,
                            "code": code,
                            "probability": p,
                            "applied": (p >= model.threshold_).astype(np.int8),
                        }
                    )
                )
        order = {c: i for i, c in enumerate(data.codes)}
        uncoded = pd.concat(parts, ignore_index=True)
        uncoded = (
            uncoded.assign(
                _c=uncoded["code"].map(order), _s=uncoded["segment_id"].map({s: i for i, s in enumerate(ids)})
            )
            .sort_values(["_s", "_c"])
            .drop(columns=["_s", "_c"])
        )
    proposals = proposal_table(segments, uncoded, single_coded[columns])
    write_proposals(
        study=study,
        proposals=proposals,
        codebook=codebook,
        machine_table=machine_table,
        text_paths=text_paths,
        qdpx_path=qdpx_path,
        export_for=export_for,
    )
    return proposals[PROPOSAL_COLUMNS]
