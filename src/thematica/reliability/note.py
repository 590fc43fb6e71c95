"""Reliability without two coders on a segment: the one note every table, figure and caption carries.

Agreement needs at least two coders judging the same material. A study coded by one coder (or by
several who never shared a transcript) has no coefficient to report, so rather than one undefined row
per code, each table holds a single row that says why (:func:`note_tables`): ``code`` is
:data:`~thematica.reliability.columns.ALL_CODES` and ``level`` (``scope`` in ``unitized.csv``) is
:data:`NOTE_LEVEL`; the note is the ``label`` of ``alpha.csv`` and ``pairs.csv``, and the ``note`` of
``coefficients.csv`` and of ``unitized.csv``'s label. :func:`table_note` reads it back for the figures,
the report captions and the notebooks.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from thematica.reliability.columns import (
    ALL_CODES,
    ALPHA_COLUMNS,
    COEFFICIENT_COLUMNS,
    PAIR_COLUMNS,
    UNITIZED_COLUMNS,
)

#: ``level`` (``scope`` in ``unitized.csv``) of the one row a table holds when reliability is undefined.
NOTE_LEVEL = "codebook"


def no_pairs_note(values: pd.DataFrame, coders: Iterable[str]) -> str | None:
    """Why reliability is undefined for the whole study, or ``None`` when some segment has two coders.

    Parameters
    ----------
    values
        Columns ``segment_id, coder`` (``segment_codes``: one row per segment a coder saw and code).
    coders
        Every coder of the study (from the codes, the spans and ``coders.csv``).

    Examples
    --------
    >>> one = pd.DataFrame({"segment_id": ["s1", "s2"], "coder": ["ana", "ana"]})
    >>> no_pairs_note(one, ["ana"])
    'reliability needs two coders; this study has one (ana)'
    >>> two = pd.DataFrame({"segment_id": ["s1", "s2"], "coder": ["ana", "ben"]})
    >>> no_pairs_note(two, ["ana", "ben"])
    'reliability needs two coders on the same transcripts; the 2 coders (ana, ben) share none'
    >>> both = pd.DataFrame({"segment_id": ["s1", "s1"], "coder": ["ana", "ben"]})
    >>> no_pairs_note(both, ["ana", "ben"]) is None
    True
    """
    per_segment = values.groupby("segment_id")["coder"].nunique()
    if len(per_segment) and int(per_segment.max()) >= 2:
        return None
    names = sorted({str(c) for c in coders} | {str(c) for c in values["coder"].unique()})
    if len(names) < 2:
        who = f"one ({names[0]})" if names else "none"
        return f"reliability needs two coders; this study has {who}"
    return (
        "reliability needs two coders on the same transcripts; "
        f"the {len(names)} coders ({', '.join(names)}) share none"
    )


def note_tables(
    note: str, *, n_coders: int, n_spans: int, alpha_min: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``alpha``, ``pairs``, ``unitized`` and ``coefficients`` tables of one row each, carrying ``note``.

    Parameters
    ----------
    note
        The reason (:func:`no_pairs_note`).
    n_coders
        Coders in the study (0 or 1, or several who share no transcript).
    n_spans
        Coded spans (``unitized.csv``'s ``n_spans``).
    alpha_min
        The settings' ``alpha_min`` (``alpha.csv`` states it on every row).

    Returns
    -------
    tuple of pandas.DataFrame
        With the columns of :data:`~thematica.reliability.columns.ALPHA_COLUMNS`, ``PAIR_COLUMNS``,
        ``UNITIZED_COLUMNS`` and ``COEFFICIENT_COLUMNS``; counts are 0 (nothing is pairable), every
        coefficient and interval is empty.
    """
    common = {"code": ALL_CODES, "level": NOTE_LEVEL}
    alpha = pd.DataFrame(
        [
            {
                **common,
                "label": note,
                "theme": ALL_CODES,
                "alpha_min": alpha_min,
                "n_units": 0,
                "n_coders": n_coders,
                "n_values": 0.0,
                "n_units_with_code": 0,
                "low_prevalence_warning": False,
                "bootstrap_pairs": 0,
            }
        ],
        columns=ALPHA_COLUMNS,
    )
    pairs = pd.DataFrame([{**common, "label": note, "n_units": 0}], columns=PAIR_COLUMNS)
    unitized = pd.DataFrame(
        [
            {
                "scope": NOTE_LEVEL,
                "code": ALL_CODES,
                "label": note,
                "n_spans": n_spans,
                "n_coders": n_coders,
                "n_transcripts": 0,
                "pairable_length": 0.0,
            }
        ],
        columns=UNITIZED_COLUMNS,
    )
    coefficients = pd.DataFrame(
        [
            {
                **common,
                "label": "All codes",
                "theme": ALL_CODES,
                "n_units": 0,
                "n_coders": n_coders,
                "note": note,
            }
        ],
        columns=COEFFICIENT_COLUMNS,
    )
    return alpha, pairs, unitized, coefficients


def table_note(table: pd.DataFrame) -> str | None:
    """The note of a reliability table written by :func:`note_tables`, or ``None`` for a table of results.

    Parameters
    ----------
    table
        ``alpha.csv``, ``pairs.csv``, ``coefficients.csv`` or ``unitized.csv`` as read (or the long table
        the figures draw).

    Examples
    --------
    >>> alpha, pairs, unitized, coefficients = note_tables(
    ...     "reliability needs two coders; this study has one (ana)", n_coders=1, n_spans=3, alpha_min=0.667
    ... )
    >>> {table_note(t) for t in (alpha, pairs, unitized, coefficients)}
    {'reliability needs two coders; this study has one (ana)'}
    >>> table_note(pd.DataFrame({"code": ["a"], "level": ["code"], "label": ["A"]})) is None
    True
    """
    level = table["level"] if "level" in table else table.get("scope")
    if level is None or len(table) != 1 or level.iloc[0] != NOTE_LEVEL:
        return None
    row = table.iloc[0]
    if str(row.get("code")) != ALL_CODES:
        return None
    if "note" in table and isinstance(row["note"], str) and row["note"]:
        return row["note"]
    estimate = [c for c in ("alpha", "estimate", "alpha_U") if c in table]
    if (
        estimate
        and np.isfinite(pd.to_numeric(table[estimate[0]], errors="coerce").to_numpy(dtype=float)).any()
    ):
        return None
    return str(row["label"])
