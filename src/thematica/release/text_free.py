"""Text-free tables: a bundle's segments without their text, the canonical texts' lengths, and the check
that refuses any table with a column that may hold transcript text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError
from thematica.reliability.spans import text_lengths  # noqa: F401  (the bundle's lengths table)

if TYPE_CHECKING:
    import pandas as pd

#: The columns of ``segments.parquet`` a bundle keeps (everything but ``text``).
SEGMENT_COLUMNS = ["segment_id", "transcript", "participant_id", "group", "turn", "start", "end"]
#: Column names a bundle table may not have: they hold (or may hold) transcript text.
TEXT_COLUMN = re.compile(r"(^|_)(text|texts|quote|quotes|excerpt|snippet|sentence|context)$", re.I)


def text_free_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """``segments.parquet`` without its text: the columns :data:`SEGMENT_COLUMNS`, rows unchanged.

    Parameters
    ----------
    segments
        ``n`` segments with at least :data:`SEGMENT_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        ``n`` rows, columns :data:`SEGMENT_COLUMNS`.
    """
    missing = [c for c in SEGMENT_COLUMNS if c not in segments]
    if missing:
        raise ThematicaError(f"segments table lacks column(s) {missing}; rerun the segment step")
    return segments[SEGMENT_COLUMNS].reset_index(drop=True)


def transcript_lengths(texts: Sequence[str | Path]) -> pd.DataFrame:
    """Length in code points of each canonical text (``data/processed/<s>/text/<t>.txt``).

    Returns
    -------
    pandas.DataFrame
        ``transcript, length``, one row per text, in the order given.
    """
    import pandas as pd

    from thematica.ingest.study import read_canonical

    rows = [(Path(p).stem, len(read_canonical(p))) for p in texts]
    return pd.DataFrame(rows, columns=["transcript", "length"])


def table_columns(path: str | Path) -> list[str]:
    """Column names of a parquet or CSV table (reads the parquet schema or the CSV header only)."""
    import pandas as pd

    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    if path.suffix == ".csv":
        return list(pd.read_csv(path, nrows=0).columns)
    return []


def check_text_free(path: str | Path) -> None:
    """Refuse a table with a column that holds, or may hold, transcript text (``text``, ``quote``...).

    Raises
    ------
    ThematicaError
        Naming the file and the column.
    """
    found = [c for c in table_columns(path) if TEXT_COLUMN.search(str(c))]
    if found:
        raise ThematicaError(
            f"column {found[0]!r} may hold transcript text and cannot go into a release bundle; "
            "drop it from the table or from the bundle",
            path=path,
        )
