"""The machine coder's proposals for what no two coders saw, as a REFI-QDA project for review.

Proposals cover the segments seen by fewer than two human coders:

- ``uncoded`` (no coder saw the segment): coded by classifiers fitted on every coded transcript;
- ``single_coded`` (one coder saw it, e.g. the parts a split secondary coder did not see): coded by the
  cross-validated classifier that never saw the segment's transcript, so the proposal is an independent
  second opinion beside the one human coding.

The project (``proposals.qdpx``) holds the study's codebook, each code's definition followed by the
machine's measured reliability, and one coding per proposed segment and code by the user
:data:`~thematica.machine.agreement.MACHINE_USER`; only transcripts with a proposal are included. The
proposals are for review in a QDA program: they never enter the consensus.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.ingest.study import read_canonical
from thematica.machine.agreement import MACHINE_USER
from thematica.refiqda import Code, Coding, write_qdpx

log = logging.getLogger(__name__)

PROPOSAL_COLUMNS = ["transcript", "segment_id", "start", "end", "code", "probability", "basis"]


def proposal_table(segments: pd.DataFrame, uncoded: pd.DataFrame, single_coded: pd.DataFrame) -> pd.DataFrame:
    """The proposed codes, one row per segment and code the machine applies.

    Parameters
    ----------
    segments
        ``segment_id, transcript, start, end``.
    uncoded, single_coded
        ``segment_id, code, probability, applied`` of the segments no coder / one coder saw.

    Returns
    -------
    pandas.DataFrame
        :data:`PROPOSAL_COLUMNS`, in segment order then code order of the inputs.
    """
    parts = [
        table.loc[table["applied"] == 1, ["segment_id", "code", "probability"]].assign(basis=basis)
        for basis, table in (("uncoded", uncoded), ("single_coded", single_coded))
    ]
    proposed = pd.concat(parts, ignore_index=True)
    order = {s: i for i, s in enumerate(segments["segment_id"])}
    proposed = proposed.assign(_order=proposed["segment_id"].map(order)).sort_values("_order", kind="stable")
    placed = proposed.merge(
        segments[["segment_id", "transcript", "start", "end"]],
        on="segment_id",
        how="left",
        validate="many_to_one",
    )
    return placed[PROPOSAL_COLUMNS].reset_index(drop=True)


def _reliability_note(code: str, machine_table: pd.DataFrame) -> str:
    rows = machine_table.loc[machine_table["code"] == code].set_index("comparison")
    if "machine_consensus" not in rows.index or not np.isfinite(rows.loc["machine_consensus", "alpha"]):
        return f"Proposed by {MACHINE_USER}; its agreement with the consensus could not be measured."
    m = rows.loc["machine_consensus"]
    note = (
        f"Proposed by {MACHINE_USER}: cross-validated alpha against the consensus {m['alpha']:.2f} "
        f"(interval {m['ci_low']:.2f} to {m['ci_high']:.2f})"
    )
    if "coders" in rows.index and np.isfinite(rows.loc["coders", "alpha"]):
        note += f"; the human coders' alpha {rows.loc['coders', 'alpha']:.2f}"
    return note + "."


def proposal_codebook(codebook: pd.DataFrame, machine_table: pd.DataFrame) -> list[Code]:
    """The study's codes under their themes, each definition followed by the machine's reliability."""
    codes = []
    code_ids = set(codebook["code"])
    for theme, label in dict(
        zip(codebook["theme"], codebook.get("theme_label", codebook["theme"]), strict=True)
    ).items():
        if theme not in code_ids:
            codes.append(Code(str(theme), str(label if pd.notna(label) else theme)))
    for row in codebook.itertuples(index=False):
        definition = str(row.definition) if pd.notna(getattr(row, "definition", None)) else ""
        note = _reliability_note(row.code, machine_table)
        parent = None if row.theme == row.code else str(row.theme)
        codes.append(Code(str(row.code), str(row.label), f"{definition}\n\n{note}".strip(), parent=parent))
    return codes


def write_proposals(
    *,
    study: str,
    proposals: pd.DataFrame,
    codebook: pd.DataFrame,
    machine_table: pd.DataFrame,
    text_paths: Sequence[str | Path],
    qdpx_path: str | Path,
    export_for: str = "refi-qda",
) -> None:
    """Write ``proposals.qdpx``, validated against REFI-QDA's Project.xsd.

    Parameters
    ----------
    study
        Study name (the project is named after it).
    proposals
        :func:`proposal_table`'s rows.
    codebook
        ``code, theme, label, definition`` (and ``theme_label``).
    machine_table
        ``machine.csv`` (each code's definition quotes its alpha).
    text_paths
        The canonical texts; only those of transcripts with a proposal are read and included.
    qdpx_path
        Destination.
    export_for
        The program that will open the project (:data:`thematica.refiqda.units.WRITE_UNITS`).
    """
    wanted = set(proposals["transcript"])
    texts = {Path(p).stem: read_canonical(p) for p in text_paths if Path(p).stem in wanted}
    codes = proposal_codebook(codebook, machine_table)
    codings = [
        Coding(str(t), str(c), int(s), int(e), MACHINE_USER)
        for t, c, s, e in zip(
            proposals["transcript"], proposals["code"], proposals["start"], proposals["end"], strict=True
        )
    ]
    arguments = dict(
        project_name=f"{study}: machine-coded proposals",
        sources=texts,
        codes=codes,
        codings=codings,
        users=[MACHINE_USER],
        for_program=export_for,
    )
    write_qdpx(qdpx_path, **arguments, validate=True)
    log.info("proposed %d codings in %d transcripts", len(codings), len(texts))
