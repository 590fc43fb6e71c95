"""The machine coder's learning curve: alpha against the number of hand-coded transcripts it learns from.

For each size ``n = step, 2 step, ...`` (at most all coded transcripts but one) and each repeat, ``n``
coded transcripts are drawn (seeded by the seed, the size and the repeat), a classifier per code is
fitted on them (threshold chosen inside them), and the other coded transcripts are coded and compared
with the consensus. The spread over repeats shows how much the curve depends on which transcripts were
hand-coded.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from thematica.machine.crossval import fit_code
from thematica.machine.settings import MachineSettings
from thematica.reliability.alpha import binary_alpha

log = logging.getLogger(__name__)

CURVE_COLUMNS = ["n_transcripts", "repeat", "code", "alpha", "n_test_transcripts", "n_test_units"]


def curve_sizes(n_transcripts: int, step: int) -> list[int]:
    """Training sizes: multiples of ``step`` that leave at least one transcript to test on.

    Examples
    --------
    >>> curve_sizes(17, 5), curve_sizes(3, 5)
    ([5, 10, 15], [])
    """
    return list(range(step, n_transcripts, step))


def pair_alpha(a: np.ndarray, b: np.ndarray) -> float:
    """Binary nominal alpha of two coders who coded the same units (``a``, ``b``: 0/1, shape ``(n,)``).

    Examples
    --------
    >>> round(pair_alpha(np.array([1, 0, 0, 0]), np.array([1, 1, 0, 0])), 3)
    0.533
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    o01 = float((a != b).sum())
    o = np.array([[2.0 * ((a == 0) & (b == 0)).sum(), o01], [o01, 2.0 * ((a == 1) & (b == 1)).sum()]])
    return float(binary_alpha(o))


def learning_curve(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, codes: list[str], settings: MachineSettings
) -> pd.DataFrame:
    """Alpha against the consensus on held-out transcripts, per training size, repeat and code.

    Parameters
    ----------
    x
        Shape ``(n, d)``: the coded segments' features.
    y
        Shape ``(n, K)``: their consensus codes.
    groups
        Shape ``(n,)``: their transcripts.
    codes
        The ``K`` codes' names.
    settings
        ``curve_step``, ``curve_repeats``, the classifier's settings and ``seed``.

    Returns
    -------
    pandas.DataFrame
        :data:`CURVE_COLUMNS`; empty when there are too few coded transcripts for one size.
    """
    transcripts = np.unique(groups)
    rows = []
    for size in curve_sizes(len(transcripts), settings.curve_step):
        for repeat in range(settings.curve_repeats):
            rng = np.random.default_rng([settings.seed, size, repeat])
            chosen = np.sort(rng.choice(transcripts, size=size, replace=False))
            train = np.isin(groups, chosen)
            test = ~train
            for k, code in enumerate(codes):
                model = fit_code(x[train], y[train, k], groups[train], settings)
                rows.append(
                    {
                        "n_transcripts": size,
                        "repeat": repeat,
                        "code": code,
                        "alpha": pair_alpha(model.predict(x[test]), y[test, k]),
                        "n_test_transcripts": len(transcripts) - size,
                        "n_test_units": int(test.sum()),
                    }
                )
        log.info("learning curve: %d of %d transcripts done", size, len(transcripts))
    return pd.DataFrame(rows, columns=CURVE_COLUMNS)
