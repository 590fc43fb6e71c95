"""Reliability per pair of coders (``pairs.csv``): the 2 x 2 counts, percent agreement and alpha."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np
import pandas as pd

from thematica.reliability.alpha import binary_alpha


def pair_rows(values: pd.DataFrame, order: list[str], *, level: str, labels: Mapping[str, str]) -> list[dict]:
    """Per pair of coders and code (or theme): the 2 x 2 counts over the units both saw, and alpha.

    Parameters
    ----------
    values
        Columns ``segment_id, coder, code, applied`` (one level: codes, or themes).
    order
        The codes (or themes) in table order.
    level
        ``"code"`` or ``"theme"``.
    labels
        Code -> label (a code without one is its own label).

    Returns
    -------
    list of dict
        Rows of ``pairs.csv`` (:data:`~thematica.reliability.columns.PAIR_COLUMNS`), pair by pair.
    """
    wide = values.pivot_table(index=["code", "segment_id"], columns="coder", values="applied", aggfunc="max")
    rows = []
    for a, b in itertools.combinations(sorted(wide.columns), 2):
        both = wide[[a, b]].dropna()
        both = both.assign(x=both[a].astype(int), y=both[b].astype(int))
        counts = both.groupby(level="code")[["x", "y"]].apply(
            lambda t: pd.Series(
                {
                    "n_units": len(t),
                    "n_both": int(((t["x"] == 1) & (t["y"] == 1)).sum()),
                    "n_a_only": int(((t["x"] == 1) & (t["y"] == 0)).sum()),
                    "n_b_only": int(((t["x"] == 0) & (t["y"] == 1)).sum()),
                    "n_neither": int(((t["x"] == 0) & (t["y"] == 0)).sum()),
                }
            )
        )
        for code in order:
            if code not in counts.index:
                continue
            c = counts.loc[code]
            units = int(c["n_units"])
            if units == 0:
                continue
            o01 = float(c["n_a_only"] + c["n_b_only"])
            o = np.array([[2.0 * c["n_neither"], o01], [o01, 2.0 * c["n_both"]]])
            rows.append(
                {
                    "coder_a": a,
                    "coder_b": b,
                    "code": code,
                    "level": level,
                    "label": labels.get(code, code),
                    "n_units": units,
                    "n_both": int(c["n_both"]),
                    "n_a_only": int(c["n_a_only"]),
                    "n_b_only": int(c["n_b_only"]),
                    "n_neither": int(c["n_neither"]),
                    "pct_agree": 100.0 * (c["n_both"] + c["n_neither"]) / units,
                    "prevalence": (2.0 * c["n_both"] + o01) / (2.0 * units),
                    "alpha": float(binary_alpha(o)),
                }
            )
    return rows
