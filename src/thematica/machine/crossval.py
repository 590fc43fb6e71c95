"""Cross-validated codes of the machine coder: folds grouped by transcript, one classifier per code.

Every coded segment is coded once by a classifier that never saw its transcript: the transcripts are
dealt into ``folds`` (seeded), and for each fold and code a
:class:`~thematica.machine.classifier.CodeClassifier` is fitted on the other folds' transcripts, its
threshold chosen by grouped folds inside them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from thematica.machine.classifier import CodeClassifier, grouped_folds
from thematica.machine.settings import MachineSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold codes of ``n`` segments and ``K`` codes.

    Attributes
    ----------
    fold
        Shape ``(n,)``: the test fold of each segment (0-based).
    probability
        Shape ``(n, K)``: the probability from the fold's classifier.
    threshold
        Shape ``(F, K)``: each fold's threshold per code, chosen inside its training transcripts.
    applied
        Shape ``(n, K)``: 1 where the probability reaches the fold's threshold (int8).
    """

    fold: np.ndarray
    probability: np.ndarray
    threshold: np.ndarray
    applied: np.ndarray


def fit_code(x: np.ndarray, y: np.ndarray, groups: np.ndarray, settings: MachineSettings) -> CodeClassifier:
    """One code's classifier fitted on ``x`` (``(n, d)``), ``y`` (``(n,)``) of segments in ``groups``."""
    return CodeClassifier(C=settings.C, inner_folds=settings.inner_folds, random_state=settings.seed).fit(
        x, y, groups
    )


def cross_validate(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, settings: MachineSettings
) -> CrossValidation:
    """Out-of-fold codes of every segment, folds grouped by transcript.

    Parameters
    ----------
    x
        Shape ``(n, d)``: the coded segments' features.
    y
        Shape ``(n, K)``: their consensus codes (0/1).
    groups
        Shape ``(n,)``: their transcripts.
    settings
        ``folds``, ``inner_folds``, ``C`` and ``seed``.

    Raises
    ------
    ValueError
        With fewer than two transcripts.
    """
    y = np.asarray(y, dtype=np.int64)
    folds = grouped_folds(groups, settings.folds, settings.seed)
    fold = np.full(len(y), -1, dtype=np.int64)
    probability = np.zeros(y.shape, dtype=np.float64)
    threshold = np.zeros((len(folds), y.shape[1]), dtype=np.float64)
    for f, (train, test) in enumerate(folds):
        fold[test] = f
        for k in range(y.shape[1]):
            model = fit_code(x[train], y[train, k], groups[train], settings)
            probability[test, k] = model.predict_proba(x[test])
            threshold[f, k] = model.threshold_
        log.info("fold %d of %d: %d training, %d test segments", f + 1, len(folds), len(train), len(test))
    applied = (probability >= threshold[fold]).astype(np.int8)
    return CrossValidation(fold, probability, threshold, applied)
