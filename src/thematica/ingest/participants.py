"""participants.csv: one row per transcript (participant id, transcript, group), read and checked.

It is read with the ``csv`` module, as strings in file order; a pandas table is built only when asked for
one (:func:`participants_table`), so that parsing the workflow imports no pandas.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError
from thematica.ingest.problems import Problems
from thematica.ingest.textio import read_text_file

if TYPE_CHECKING:
    import pandas as pd

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def read_participants(path: Path, group_column: str, groups: list[str]) -> pd.DataFrame:
    """Read participants.csv as strings and check ids, transcripts and groups (a table, in file order)."""
    columns, rows, _ = read_participant_rows(path, group_column, groups)
    return participants_table(rows, columns)


def participants_table(rows, columns) -> pd.DataFrame:
    """Rows of participants.csv (dicts of strings) as a table with the given columns."""
    import pandas as pd

    return pd.DataFrame(
        {c: pd.Series([row[c] for row in rows], dtype="str") for c in columns}, columns=list(columns)
    )


def read_participant_rows(
    path: Path, group_column: str | None, groups: list[str] | None, *, problems: Problems | None = None
) -> tuple[list[str], list[dict[str, str]], list[int]] | None:
    """Read participants.csv and check ids, transcripts and groups.

    Parameters
    ----------
    path
        The file.
    group_column, groups
        From study.yaml; None (an unusable study.yaml, under ``thematica check``) skips the group checks.
    problems
        Where to record problems (:class:`Problems`); by default the first one is raised.

    Returns
    -------
    columns, rows, lines
        The header's column names, one dict of stripped strings per row in file order, and each row's line
        in the file; blank lines are skipped and a row with fewer fields than the header has empty strings
        for the rest. A group that differs from one of ``groups`` only in case is read as that group, with
        a warning. None when the file cannot be read as a table (the problem recorded).

    Raises
    ------
    ThematicaError
        Without ``problems``: naming the line of a row with more fields than the header, a missing column,
        an empty or badly formed id, a duplicate participant or transcript, or a group study.yaml does not
        list.
    """
    problems = problems or Problems()
    if not path.is_file():
        problems.error("participants.csv is missing; list participant_id, transcript and group", path=path)
        return None
    try:
        reader = csv.reader(io.StringIO(read_text_file(path)))
    except ThematicaError as exc:
        problems.add(exc)
        return None
    try:
        header = next((row for row in reader if row), None)
        columns = [c.strip() for c in header or []]
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if repeated:
            problems.error(
                f"column(s) {repeated} appear more than once in the header; name each column once",
                path=path,
                line=reader.line_num,
            )
            return None
        lines: list[int] = []
        rows: list[dict[str, str]] = []
        for fields in reader:
            if not fields:
                continue
            if len(fields) > len(columns):
                problems.error(
                    f"{len(fields)} fields but the header names {len(columns)} columns; quote values that "
                    "hold a comma",
                    path=path,
                    line=reader.line_num,
                )
                continue
            fields = [f.strip() for f in fields] + [""] * (len(columns) - len(fields))
            rows.append(dict(zip(columns, fields, strict=True)))
            lines.append(reader.line_num)
    except csv.Error as exc:
        problems.error(f"is not a valid CSV: {exc}", path=path, line=reader.line_num)
        return None
    required = ["participant_id", "transcript"] + ([group_column] if group_column else [])
    missing = [c for c in required if c not in columns]
    if missing:
        problems.error(f"missing column(s) {missing}; found {columns}", path=path)
        return None
    for column in required:
        first: dict[str, int] = {}
        for line, row in zip(lines, rows, strict=True):
            value = row[column]
            if not value:
                problems.error(f"empty '{column}'; fill it in", path=path, line=line)
                continue
            if column == group_column:
                continue
            if not ID_PATTERN.match(value):
                problems.error(
                    f"'{column}' {value!r} may use only letters, digits, '_', '.', '-'", path=path, line=line
                )
            elif value in first:
                problems.error(
                    f"duplicate {column} {value!r} (also on line {first[value]}); each must be unique",
                    path=path,
                    line=line,
                )
            else:
                first[value] = line
    if group_column and groups:
        folded = {}
        for group in groups:
            folded.setdefault(group.casefold(), []).append(group)
        for line, row in zip(lines, rows, strict=True):
            value = row[group_column]
            if not value or value in groups:
                continue
            same = folded.get(value.casefold(), [])
            if len(same) == 1:
                problems.warn(
                    f"group {value!r} differs from study.yaml's {same[0]!r} only in case; read as "
                    f"{same[0]!r} (write {same[0]!r} here to silence this warning)",
                    path=path,
                    line=line,
                )
                row[group_column] = same[0]
                continue
            problems.error(
                f"unknown group {value!r} in column '{group_column}'; study.yaml allows {groups}",
                path=path,
                line=line,
            )
    return columns, rows, lines
