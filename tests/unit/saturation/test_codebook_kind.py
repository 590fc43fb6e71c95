"""Deductive and inductive codebooks on a hand-made incidence matrix: the same columns, the codebook's share
and the last new code for both, and estimates beyond the codebook for an inductive one only.

Six interviews, a codebook of five codes (``e`` never voiced):

- ``a`` in every interview, ``b`` in interviews 1 and 3, ``c`` only in 4, ``d`` only in 6;
- so 4 of 5 codes are voiced (codebook coverage 0.8), the last new code (``d``) comes in interview 6,
  Q1 = 2 (c, d), Q2 = 1 (b), U = 10 incidences;
- Chao2 = 4 + (5/6) * 2^2 / (2 * 1) = 5.666667 (inductive only).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from thematica.saturation.settings import SaturationSettings
from thematica.saturation.study import (
    DEDUCTIVE_NOTE,
    ESTIMATE_COLUMNS,
    EXTRAPOLATION_COLUMNS,
    analyse_matrix,
    last_new,
)

MATRIX = pd.DataFrame(
    [
        [1, 1, 1, 1, 1, 1],
        [1, 0, 1, 0, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0],
    ],
    index=list("abcde"),
    columns=[f"P{i}" for i in range(1, 7)],
)


def _run(kind: str, **kw):
    settings = SaturationSettings(n_permutations=4000, n_bootstrap=50, codebook_kind=kind, **kw)
    return analyse_matrix(MATRIX, settings, rng_key=(3,))


def _exact_mean_last_new() -> float:
    """Mean position of the last new code over all 720 orders of the six interviews."""
    values = MATRIX.to_numpy()
    positions = []
    for order in itertools.permutations(range(6)):
        seen, cumulative = set(), []
        for u in order:
            seen |= set(np.flatnonzero(values[:, u]))
            cumulative.append(len(seen))
        positions.append(last_new(np.array(cumulative)).item())
    return float(np.mean(positions))


def test_both_kinds_report_the_codebook_share_and_the_last_new_code():
    for kind in ("deductive", "inductive"):
        _, summary, _ = _run(kind)
        assert summary["codebook_kind"] == kind
        assert (summary["n_codes"], summary["observed"]) == (5, 4)
        assert summary["codebook_coverage"] == pytest.approx(0.8)
        assert summary["last_new"] == 6
        assert (summary["q1"], summary["q2"], summary["incidences"]) == (2, 1, 10)
        assert summary["last_new_perm_mean"] == pytest.approx(_exact_mean_last_new(), abs=0.05)
        assert (
            1
            <= summary["last_new_perm_low"]
            <= summary["last_new_perm_mean"]
            <= summary["last_new_perm_high"]
            <= 6
        )


def test_deductive_estimates_nothing_beyond_the_codebook():
    curve_d, deductive, extra_d = _run("deductive")
    curve_i, inductive, extra_i = _run("inductive")
    assert list(deductive) == list(inductive)  # one set of columns for both kinds
    pd.testing.assert_frame_equal(curve_d, curve_i)  # the curve does not depend on the kind
    estimates = ESTIMATE_COLUMNS + [
        c for c in deductive if c.startswith(("extra_interviews_", "codes_expected_"))
    ]
    assert len(estimates) == len(ESTIMATE_COLUMNS) + 12
    assert all(np.isnan(deductive[c]) for c in estimates)
    assert deductive["n_bootstrap"] == 0 and deductive["coverage_note"] == DEDUCTIVE_NOTE
    assert extra_d.empty and list(extra_d.columns) == EXTRAPOLATION_COLUMNS[3:]
    # inductive: Chao2 and coverage as before
    assert inductive["chao2"] == pytest.approx(4 + 5 / 6 * 4 / 2)
    assert inductive["chao2_low"] >= 4 and np.isfinite(inductive["coverage"])
    assert inductive["coverage_note"] != DEDUCTIVE_NOTE
    assert len(extra_i) >= 12 and (extra_i["richness_low"][extra_i["t"] >= 6] >= 4).all()


def test_last_new_of_orderings():
    assert last_new(np.array([1, 1, 1])).item() == 1
    assert last_new(np.array([[1, 2, 2, 3], [3, 3, 3, 3], [0, 0, 0, 0]])).tolist()[:2] == [4, 1]
    assert np.isnan(last_new(np.array([0, 0]))).item()
