"""Merge the coders' segment codes into one consensus coding.

Rules (``codes.consensus``), over the coders who saw the segment:

``majority``
    Applied when more than half of them applied the code; an exact tie (half of them) counts as
    applied under ``codes.majority_ties: applied`` and as not applied under ``not_applied`` (the
    pipeline's default, so that one coder's additions do not enter the consensus). With two coders, a
    tie is one coder out of two, so ``applied`` then equals ``union`` and ``not_applied`` equals
    ``intersection``.
``union``
    Applied when at least one of them applied it.
``intersection``
    Applied when all of them applied it.
``coder:<name>``
    The named coder's codes (a consensus coder, or the primary coder); only segments that coder saw.

A segment no coder saw (for ``coder:<name>``: that coder did not see) has no rows: missing, not
zero, as in ``segment_codes``.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

logger = logging.getLogger(__name__)

CONSENSUS_COLUMNS = ["segment_id", "code", "applied", "n_coders", "n_applied"]
Ties = Literal["applied", "not_applied"]


def merge_consensus(
    segment_codes: pd.DataFrame,
    *,
    rule: str = "majority",
    ties: Ties = "not_applied",
) -> pd.DataFrame:
    """Consensus codes of every segment that was coded.

    Parameters
    ----------
    segment_codes
        ``segment_id, coder, code, applied`` (see :func:`thematica.codes.align.align_segments`).
    rule
        ``majority``, ``union``, ``intersection`` or ``coder:<name>``.
    ties
        For ``majority``: whether exactly half of the coders makes the code applied.

    Returns
    -------
    pandas.DataFrame
        ``segment_id, code, applied, n_coders, n_applied`` (``applied`` int8; ``n_coders`` coders
        saw the segment, ``n_applied`` of them applied the code), in the order of ``segment_codes``.

    Raises
    ------
    ThematicaError
        For an unknown rule or a consensus coder that is not among the coders.

    Examples
    --------
    >>> sc = pd.DataFrame({"segment_id": ["s1"] * 4, "coder": ["a", "b", "c", "d"], "code": ["k"] * 4,
    ...                    "applied": [1, 1, 0, 0]})
    >>> [int(merge_consensus(sc, rule=r, ties=t)["applied"].iloc[0])
    ...  for r, t in [("majority", "applied"), ("majority", "not_applied"), ("union", "applied"),
    ...               ("intersection", "applied"), ("coder:c", "applied")]]
    [1, 0, 1, 0, 0]
    """
    coders = sorted(segment_codes["coder"].unique())
    if rule.startswith("coder:"):
        name = rule.split(":", 1)[1].strip()
        if name not in coders:
            raise ThematicaError(
                f"codes.consensus names coder {name!r}, who is not among the coders {coders}; "
                "use one of them, or majority, union or intersection",
                path="config",
            )
        segment_codes = segment_codes.loc[segment_codes["coder"] == name]
    elif rule not in ("majority", "union", "intersection"):
        raise ThematicaError(
            f"codes.consensus is {rule!r}; use majority, union, intersection or coder:<name>", path="config"
        )
    if ties not in ("applied", "not_applied"):
        raise ThematicaError(f"codes.majority_ties is {ties!r}; use applied or not_applied", path="config")
    grouped = segment_codes.groupby(["segment_id", "code"], sort=False)["applied"]
    table = grouped.agg(n_coders="size", n_applied="sum").reset_index()
    n, k = table["n_coders"].to_numpy(), table["n_applied"].to_numpy()
    if rule == "union":
        applied = k >= 1
    elif rule == "intersection":
        applied = k == n
    elif rule == "majority":
        applied = (2 * k > n) | ((2 * k == n) & (ties == "applied"))
    else:
        applied = k >= 1
    table["applied"] = applied.astype(np.int8)
    table["n_coders"] = table["n_coders"].astype(np.int64)
    table["n_applied"] = table["n_applied"].astype(np.int64)
    table = table[CONSENSUS_COLUMNS]
    logger.info(
        "consensus (%s): %d segments x codes, %d applied",
        rule if rule != "majority" else f"majority, ties {ties}",
        len(table),
        int(table["applied"].sum()),
    )
    return table
