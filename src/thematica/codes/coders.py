"""Which coder saw which transcript (``coder_transcripts`` of :func:`thematica.codes.study.import_codes`).

From ``coders.csv`` (columns ``coder, transcript``) when the study has one (:func:`read_coders`).
Otherwise inferred: a coder saw every transcript it placed a coding in, and every transcript that is a
source of a ``.qdpx`` holding its codings (a QDA project lists the documents its coder had open, coded or
not). A coder of a CSV export who applied nothing to a transcript cannot be told from one who never saw
it: give ``coders.csv`` for such studies.
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

import pandas as pd

from thematica.codes.anchor import TranscriptIndex
from thematica.codes.raw_spans import Export
from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file

# the codes import has always logged under this name (the run logs and thematica run's warnings show it)
logger = logging.getLogger("thematica.codes.study")


def read_coders(path: str | Path, index: TranscriptIndex, export_coders: list[str]) -> pd.DataFrame:
    """Read ``coders.csv`` (``coder, transcript``) into ``coder, transcript`` pairs.

    Transcripts are matched like export sources; rows naming a transcript the study does not have
    are skipped with a warning (a study folder cut down to some transcripts keeps its coders.csv).

    Raises
    ------
    ThematicaError
        For missing columns, empty cells, and a coder without any codings in the exports.
    """
    path = Path(path)
    rows = list(csv.reader(io.StringIO(read_text_file(path))))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    missing = [c for c in ("coder", "transcript") if c not in header]
    if missing:
        raise ThematicaError(
            f"missing column(s) {missing}; coders.csv lists which coder coded which transcript as "
            f"columns coder, transcript; found {rows[0] if rows else []}",
            path=path,
            line=1,
        )
    ci, ti = header.index("coder"), header.index("transcript")
    pairs, unknown = set(), []
    for line, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        coder = values[ci].strip() if ci < len(values) else ""
        name = values[ti].strip() if ti < len(values) else ""
        if not coder or not name:
            raise ThematicaError(
                "empty coder or transcript; fill it in or delete the row", path=path, line=line
            )
        if coder not in export_coders:
            raise ThematicaError(
                f"coder {coder!r} has no codings in any export ({', '.join(export_coders)}); add the coder's "
                "export to codes/, fix the name, or remove the coder's rows",
                path=path,
                line=line,
            )
        transcript = index.match(name)
        if transcript is None:
            unknown.append(f"{name!r} (line {line})")
            continue
        pairs.add((coder, transcript))
    if unknown:
        logger.warning(
            "%s: %d row(s) name transcripts the study does not have, skipped: %s",
            path,
            len(unknown),
            ", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else ""),
        )
    missing_coders = sorted(set(export_coders) - {c for c, _ in pairs})
    if missing_coders:
        logger.warning("%s assigns no transcript of this study to coder(s) %s", path, missing_coders)
    return pd.DataFrame(sorted(pairs), columns=["coder", "transcript"]).astype(str)


def _check_assignment(assigned: pd.DataFrame, codings: pd.DataFrame, path: Path) -> None:
    have = set(zip(assigned["coder"], assigned["transcript"], strict=True))
    extra = codings.loc[
        [(c, t) not in have for c, t in zip(codings["coder"], codings["transcript"], strict=True)]
    ]
    if len(extra):
        pairs = extra.drop_duplicates(["coder", "transcript"])
        shown = ", ".join(
            f"{r.coder} -> {r.transcript} ({r.source})" for r in pairs.head(5).itertuples(index=False)
        )
        raise ThematicaError(
            f"{len(pairs)} coder/transcript pair(s) have codings but no row here: {shown}; add the rows "
            "(coder, transcript) or fix the exports",
            path=path,
        )


def _infer_assignment(loaded: list[Export], codings: pd.DataFrame, index: TranscriptIndex) -> pd.DataFrame:
    pairs = set(zip(codings["coder"], codings["transcript"], strict=True))
    for export in loaded:
        if export.kind != "qdpx":
            continue
        transcripts = {index.match(name) for name in export.sources} - {None}
        pairs |= {(c, str(t)) for c in export.coders for t in transcripts}
    logger.info("no coders.csv: inferred %d coder-transcript pairs from the exports", len(pairs))
    return pd.DataFrame(sorted(pairs), columns=["coder", "transcript"]).astype(str)
