"""Ledgers: tables of counts taken independently from what stages wrote, and the identities that tie them.

:func:`reconcile` checks the identities and raises :class:`~thematica.errors.ThematicaError` naming the
table, the row and the identity that fails. The transcript ledger (:mod:`thematica.segment.ledger`) and the
codes' span ledger (:mod:`thematica.codes.spans_ledger`) are built on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError


@dataclass(frozen=True)
class Identity:
    """Counts that must agree: the sum of the ``left`` columns equals the sum of the ``right`` ones.

    An empty ``right`` means the ``left`` columns must be zero.
    """

    name: str
    left: tuple[str, ...]
    right: tuple[str, ...] = ()


def _sum(table: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    if not columns:
        return np.zeros(len(table), dtype=np.int64)
    return table[list(columns)].to_numpy(np.int64).sum(axis=1)


def holds(table: pd.DataFrame, identities: Sequence[Identity]) -> np.ndarray:
    """Whether each row satisfies every identity, shape ``(n_rows,)``."""
    ok = np.ones(len(table), dtype=bool)
    for identity in identities:
        ok &= _sum(table, identity.left) == _sum(table, identity.right)
    return ok


def reconcile(
    table: pd.DataFrame,
    identities: Sequence[Identity],
    *,
    key: Sequence[str],
    name: str,
    path: str | None = None,
) -> None:
    """Raise unless every row of a ledger satisfies every identity.

    Parameters
    ----------
    table
        A ledger with the columns the identities name, shape ``(n_rows, ...)``.
    identities
        The identities to check.
    key
        Columns that name a row in the message (e.g. ``["coder", "transcript"]``).
    name
        The ledger's name in the message (e.g. ``"ledger.csv"``).
    path
        File the message points at, if any.

    Raises
    ------
    ThematicaError
        Listing, for up to five failing rows, the row, the identity and both sides' values.
    """
    problems = []
    for identity in identities:
        left, right = _sum(table, identity.left), _sum(table, identity.right)
        for i in np.flatnonzero(left != right):
            row = table.iloc[int(i)]
            where = ", ".join(f"{k} {row[k]!r}" for k in key)
            rhs = " + ".join(identity.right) if identity.right else "0"
            problems.append(
                f"{where}: {identity.name} ({' + '.join(identity.left)} = {left[i]}, {rhs} = {right[i]})"
            )
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise ThematicaError(
            f"{name} does not reconcile: {shown}; counts in must equal counts out between stages, so "
            "this is a bug: please report it with this message",
            path=path,
        )
