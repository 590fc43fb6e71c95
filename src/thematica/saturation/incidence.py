"""Code presence per participant (incidence data): which codes each interview voiced at least once.

Saturation counts codes per *interview*, not per segment: a participant "has" a code when at least one of
their segments carries it. The interview order is the row order of ``participants.csv`` unless an
``order_column`` (a date, say) is configured.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

#: Name of the consensus source in the saturation tables (coders appear under their own names).
CONSENSUS = "consensus"


def interview_order(
    participants: pd.DataFrame,
    order_column: str | None = None,
    *,
    path: str | Path = "participants.csv",
) -> list[str]:
    """Participant ids in interview order.

    Parameters
    ----------
    participants
        ``participants.csv`` as read by :func:`thematica.ingest.folder.read_participants` (strings, file
        order).
    order_column
        ``None``: the file order is the interview order. Otherwise a column holding ISO dates
        (``2024-03-05``, optionally with a time) or numbers; interviews are sorted by it, ties keep
        their file order.
    path
        The file, named in error messages.

    Returns
    -------
    list of str, shape (n_participants,)

    Examples
    --------
    >>> table = pd.DataFrame({"participant_id": ["P1", "P2", "P3"],
    ...                       "date": ["2024-03-05", "2024-01-10", "2024-03-05"]})
    >>> interview_order(table), interview_order(table, "date")
    (['P1', 'P2', 'P3'], ['P2', 'P1', 'P3'])
    """
    ids = participants["participant_id"].astype(str).tolist()
    if order_column is None:
        return ids
    if order_column not in participants.columns:
        raise ThematicaError(
            f"saturation.order_column '{order_column}' is not a column; found {list(participants.columns)}. "
            "Add the column or set saturation.order_column to null (file order)",
            path=path,
        )
    raw = participants[order_column].astype(str).str.strip()
    keys = pd.to_numeric(raw, errors="coerce")
    if keys.isna().any():
        keys = pd.to_datetime(raw, errors="coerce", format="ISO8601")
    bad = keys.isna().to_numpy().nonzero()[0]
    if len(bad):
        i = int(bad[0])
        raise ThematicaError(
            f"'{order_column}' value {raw.iloc[i]!r} is neither a number nor an ISO date (YYYY-MM-DD); "
            "fix it so the interviews can be ordered",
            path=path,
            line=i + 2,
        )
    order = np.argsort(keys.to_numpy(), kind="stable")
    return [ids[i] for i in order]


def _check_segments(table: pd.DataFrame, segments: pd.DataFrame, name: str) -> pd.DataFrame:
    """Attach participant ids to a table keyed by segment_id; unknown segments stop the run."""
    owner = segments.set_index("segment_id")["participant_id"]
    unknown = sorted(set(table["segment_id"]) - set(owner.index))
    if unknown:
        raise ThematicaError(
            f"{len(unknown)} segment id(s) are not in segments.parquet (first: {unknown[0]!r}); "
            "rebuild the codes stage so both tables come from the same segmentation",
            path=name,
        )
    return table.assign(participant_id=table["segment_id"].map(owner).astype(str))


def _matrix(applied: pd.DataFrame, codes: list[str], participants: list[str]) -> pd.DataFrame:
    """codes x participants 0/1 matrix: 1 where any segment of the participant has the code applied."""
    hits = applied.loc[applied["applied"].astype(int) == 1, ["code", "participant_id"]].drop_duplicates()
    values = np.zeros((len(codes), len(participants)), dtype=np.int8)
    if len(hits):
        rows = pd.Index(codes).get_indexer(hits["code"])
        cols = pd.Index(participants).get_indexer(hits["participant_id"])
        keep = (rows >= 0) & (cols >= 0)
        values[rows[keep], cols[keep]] = 1
    return pd.DataFrame(
        values, index=pd.Index(codes, name="code"), columns=pd.Index(participants, name="participant_id")
    )


def participant_incidence(
    consensus: pd.DataFrame, segments: pd.DataFrame, order: list[str], *, codes: list[str] | None = None
) -> pd.DataFrame:
    """Consensus code presence per participant.

    Parameters
    ----------
    consensus
        ``consensus.parquet``: segment_id, code, applied (0/1), one row per segment x code.
    segments
        ``segments.parquet`` (segment_id, participant_id, ...).
    order
        Participant ids in interview order (:func:`interview_order`); participants without segments
        get an all-zero column.
    codes
        Row order of the result (the codebook's codes); default: the codes in ``consensus``, sorted.

    Returns
    -------
    pandas.DataFrame, shape (n_codes, n_participants)
        int8 0/1, index ``code``, columns the participant ids in interview order.
    """
    _unknown_participants(segments, order)
    table = _check_segments(consensus, segments, "consensus.parquet")
    codes = sorted(table["code"].astype(str).unique()) if codes is None else list(codes)
    _unknown_codes(table, codes, "consensus.parquet")
    return _matrix(table, codes, list(order))


def coder_incidence(
    segment_codes: pd.DataFrame, segments: pd.DataFrame, order: list[str], *, codes: list[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Each coder's code presence per participant, over the participants whose transcripts the coder saw.

    Parameters
    ----------
    segment_codes
        ``segment_codes.parquet``: segment_id, coder, code, applied; a coder has rows only for the
        transcripts they saw.
    segments, order, codes
        As in :func:`participant_incidence`.

    Returns
    -------
    dict
        coder -> DataFrame of shape (n_codes, n_participants_seen), columns in interview order.
    """
    _unknown_participants(segments, order)
    table = _check_segments(segment_codes, segments, "segment_codes.parquet")
    codes = sorted(table["code"].astype(str).unique()) if codes is None else list(codes)
    _unknown_codes(table, codes, "segment_codes.parquet")
    out = {}
    for coder in sorted(table["coder"].astype(str).unique()):
        own = table.loc[table["coder"].astype(str) == coder]
        seen = set(own["participant_id"])
        out[coder] = _matrix(own, codes, [p for p in order if p in seen])
    return out


def theme_incidence(matrix: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Theme (parent code) presence: a participant has a theme when they have any of its codes.

    Parameters
    ----------
    matrix
        codes x participants 0/1 (:func:`participant_incidence`).
    codebook
        ``codebook.parquet`` with columns code, theme; a code without a theme is its own theme.

    Returns
    -------
    pandas.DataFrame, shape (n_themes, n_participants)
        Themes in order of first appearance in the codebook.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 0], [0, 0], [0, 1]], index=["a", "b", "c"], columns=["P1", "P2"])
    >>> book = pd.DataFrame({"code": ["a", "b", "c"], "theme": ["T1", "T1", "T2"]})
    >>> theme_incidence(m, book).to_dict("index")
    {'T1': {'P1': 1, 'P2': 0}, 'T2': {'P1': 0, 'P2': 1}}
    """
    book = codebook.drop_duplicates("code").set_index("code")
    theme_of = book["theme"].where(book["theme"].notna() & (book["theme"].astype(str) != ""), book.index)
    theme_of = theme_of.astype(str)
    missing = sorted(set(matrix.index) - set(theme_of.index))
    if missing:
        raise ThematicaError(
            f"code(s) {missing} have no row in the codebook, so their theme is unknown; "
            "add them to codebook.csv / codebook.qdc",
            path="codebook.parquet",
        )
    themes = list(dict.fromkeys(theme_of.loc[matrix.index]))
    grouped = matrix.groupby(theme_of.loc[matrix.index].to_numpy(), sort=False).max()
    grouped = grouped.reindex(themes).astype(np.int8)
    grouped.index.name = "theme"
    return grouped


def _unknown_participants(segments: pd.DataFrame, order: list[str]) -> None:
    unknown = sorted(set(segments["participant_id"].astype(str)) - set(order))
    if unknown:
        raise ThematicaError(
            f"participant(s) {unknown} have segments but no row in participants.csv; "
            "rebuild segments after editing participants.csv",
            path="segments.parquet",
        )


def _unknown_codes(table: pd.DataFrame, codes: list[str], name: str) -> None:
    unknown = sorted(set(table["code"].astype(str)) - set(codes))
    if unknown:
        raise ThematicaError(
            f"code(s) {unknown} are not in the codebook; add them to the codebook or rebuild the codes stage",
            path=name,
        )
