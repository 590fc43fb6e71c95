"""A study folder: ``study.yaml``, ``participants.csv`` and ``transcripts/``, checked together.

The workflow loads every study while Snakemake parses it, so this module reads participants.csv with the
``csv`` module and builds a pandas table only when asked for one (:attr:`Study.participants`): parsing the
workflow then imports no pandas (Snakemake itself still imports it to fingerprint params).
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from thematica.errors import ThematicaError
from thematica.textio import read_text_file

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".docx", ".vtt", ".srt")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
STUDY_KEYS = {
    "name",
    "description",
    "group_column",
    "groups",
    "group_labels",
    "interviewer_labels",
    "speaker_pattern",
}


#: (key, allowed types, what to say) for study.yaml values; see workflow/schemas/study.schema.yaml.
_STUDY_TYPES = (
    ("name", str, "text"),
    ("description", str, "text"),
    ("group_column", str, "a column name"),
    ("groups", list, "a list of two groups"),
    ("group_labels", dict, "a mapping of group to label"),
    ("interviewer_labels", (list, str), "a list of speaker labels"),
    ("speaker_pattern", str, "a regular expression"),
)


@dataclass(frozen=True)
class Study:
    """A checked study folder.

    Attributes
    ----------
    name, root
        The study id (folder name) and its folder.
    group_column, groups, group_labels
        The participants.csv column holding the group, the two groups compared, display labels.
    interviewer_labels
        Speaker labels that mark interviewer speech.
    participant_rows, participant_columns
        participants.csv as strings, in file order (the interview order), one row per transcript
        (:attr:`participants` is the same as a table).
    transcripts
        Transcript id (file stem) -> path.
    speaker_pattern
        Study-level override of the speaker-label pattern, or None.
    """

    name: str
    root: Path
    group_column: str
    groups: list[str]
    group_labels: dict[str, str]
    interviewer_labels: list[str]
    participant_rows: tuple[dict[str, str], ...] = field(repr=False)
    participant_columns: tuple[str, ...] = field(repr=False)
    transcripts: dict[str, Path] = field(repr=False)
    description: str = ""
    speaker_pattern: str | None = None

    @functools.cached_property
    def participants(self) -> pd.DataFrame:
        """participants.csv as a table of strings, in file order."""
        return participants_table(self.participant_rows, self.participant_columns)

    def participant_of(self, transcript: str) -> dict[str, str]:
        """The participants.csv row of a transcript, with its group under the key ``group``."""
        return dict(self._participant_index[transcript])

    def participant_groups(self) -> dict[str, str]:
        """Participant id -> group, in file order."""
        return {row["participant_id"]: row[self.group_column] for row in self.participant_rows}

    def transcript_participants(self) -> dict[str, str]:
        """Transcript id -> participant id, in file order."""
        return {row["transcript"]: row["participant_id"] for row in self.participant_rows}

    @functools.cached_property
    def _participant_index(self) -> dict[str, dict[str, str]]:
        # built once: the workflow asks for every transcript while building its DAG (O(n) each otherwise)
        return {
            row["transcript"]: {"participant_id": row["participant_id"], "group": row[self.group_column]}
            for row in self.participant_rows
        }


def load_study(root: str | Path) -> Study:
    """Read and cross-check a study folder.

    Raises
    ------
    ThematicaError
        Naming the file, line and fix for: a missing or malformed study.yaml, missing columns,
        duplicate or empty participant ids or transcripts, unknown groups, transcripts without a
        participant row and participant rows without a transcript, unsupported transcript files.
    """
    root = Path(root)
    if not root.is_dir():
        raise ThematicaError("study folder not found; check 'studies' in the config", path=root)
    meta = _read_study_yaml(root / "study.yaml")
    columns, rows, lines = read_participant_rows(
        root / "participants.csv", meta["group_column"], meta["groups"]
    )
    transcripts = find_transcripts(root / "transcripts")
    _cross_check(root, rows, lines, transcripts)
    return study_from(meta, root, columns, rows, transcripts, name=meta.get("name", root.name))


def study_from(
    meta: dict,
    root: Path,
    columns: list[str],
    rows: list[dict[str, str]],
    transcripts: dict[str, Path],
    *,
    name: str,
) -> Study:
    """A :class:`Study` from a checked study.yaml (``meta``) and participants.csv (``columns, rows``)."""
    return Study(
        name=name,
        root=root,
        group_column=meta["group_column"],
        groups=list(meta["groups"]),
        group_labels={g: meta.get("group_labels", {}).get(g, g) for g in meta["groups"]},
        interviewer_labels=list(meta["interviewer_labels"]),
        participant_rows=tuple(rows),
        participant_columns=tuple(columns),
        transcripts=transcripts,
        description=meta.get("description", ""),
        speaker_pattern=meta.get("speaker_pattern"),
    )


def _read_study_yaml(path: Path) -> dict:
    if not path.is_file():
        raise ThematicaError(
            "study.yaml is missing; every study folder needs one (see config/README.md)", path=path
        )
    try:
        meta = yaml.safe_load(read_text_file(path))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise ThematicaError(
            f"is not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=None if line is None else line + 1,
        ) from None
    if not isinstance(meta, dict):
        raise ThematicaError("must be a mapping of keys to values", path=path)
    unknown = sorted(set(meta) - STUDY_KEYS)
    if unknown:
        raise ThematicaError(f"unknown key(s) {unknown}; allowed: {sorted(STUDY_KEYS)}", path=path)
    for key in ("group_column", "groups", "interviewer_labels"):
        if not meta.get(key):
            raise ThematicaError(f"'{key}' is required", path=path)
    for key, types, what in _STUDY_TYPES:
        if meta.get(key) is not None and not isinstance(meta[key], types):
            raise ThematicaError(f"'{key}' must be {what}, not {type(meta[key]).__name__}", path=path)
    for key in ("groups", "interviewer_labels"):
        values = meta[key] if isinstance(meta[key], list) else [meta[key]]
        if not all(isinstance(v, str | int | float) for v in values):
            raise ThematicaError(f"'{key}' must list plain text values", path=path)
    if not all(isinstance(v, str | int | float) for v in (meta.get("group_labels") or {}).values()):
        raise ThematicaError("'group_labels' must map each group to a plain text label", path=path)
    groups = meta["groups"]
    if not (isinstance(groups, list) and len(groups) == 2 and len(set(map(str, groups))) == 2):
        raise ThematicaError("'groups' must list exactly the two groups to compare", path=path)
    meta["groups"] = [str(g) for g in groups]
    if isinstance(meta["interviewer_labels"], str):
        meta["interviewer_labels"] = [meta["interviewer_labels"]]
    meta["interviewer_labels"] = [str(label) for label in meta["interviewer_labels"]]
    meta["group_labels"] = {str(k): str(v) for k, v in (meta.get("group_labels") or {}).items()}
    return meta


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
    path: Path, group_column: str, groups: list[str]
) -> tuple[list[str], list[dict[str, str]], list[int]]:
    """Read participants.csv and check ids, transcripts and groups.

    Returns
    -------
    columns, rows, lines
        The header's column names, one dict of stripped strings per row in file order, and each row's line
        in the file; blank lines are skipped and a row with fewer fields than the header has empty strings
        for the rest.

    Raises
    ------
    ThematicaError
        Naming the line of a row with more fields than the header, a missing column, an empty or badly
        formed id, a duplicate participant or transcript, or a group study.yaml does not list.
    """
    if not path.is_file():
        raise ThematicaError(
            "participants.csv is missing; list participant_id, transcript and group", path=path
        )
    reader = csv.reader(io.StringIO(read_text_file(path)))
    try:
        header = next((row for row in reader if row), None)
        columns = [c.strip() for c in header or []]
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if repeated:
            raise ThematicaError(
                f"column(s) {repeated} appear more than once in the header; name each column once",
                path=path,
                line=reader.line_num,
            )
        lines: list[int] = []
        rows: list[dict[str, str]] = []
        for fields in reader:
            if not fields:
                continue
            if len(fields) > len(columns):
                raise ThematicaError(
                    f"{len(fields)} fields but the header names {len(columns)} columns; quote values that "
                    "hold a comma",
                    path=path,
                    line=reader.line_num,
                )
            fields = [f.strip() for f in fields] + [""] * (len(columns) - len(fields))
            rows.append(dict(zip(columns, fields, strict=True)))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise ThematicaError(f"is not a valid CSV: {exc}", path=path, line=reader.line_num) from None
    missing = [c for c in ("participant_id", "transcript", group_column) if c not in columns]
    if missing:
        raise ThematicaError(f"missing column(s) {missing}; found {columns}", path=path)
    for column in ("participant_id", "transcript", group_column):
        first: dict[str, int] = {}
        for line, row in zip(lines, rows, strict=True):
            value = row[column]
            if not value:
                raise ThematicaError(f"empty '{column}'; fill it in", path=path, line=line)
            if column == group_column:
                continue
            if not ID_PATTERN.match(value):
                raise ThematicaError(
                    f"'{column}' {value!r} may use only letters, digits, '_', '.', '-'", path=path, line=line
                )
            if value in first:
                raise ThematicaError(
                    f"duplicate {column} {value!r} (also on line {first[value]}); each must be unique",
                    path=path,
                    line=line,
                )
            first[value] = line
    for line, row in zip(lines, rows, strict=True):
        if row[group_column] not in groups:
            raise ThematicaError(
                f"unknown group {row[group_column]!r} in column '{group_column}'; study.yaml allows {groups}",
                path=path,
                line=line,
            )
    return columns, rows, lines


def find_transcripts(folder: Path) -> dict[str, Path]:
    """Map transcript ids (file stems) to files; hidden files are ignored, anything else must be readable."""
    if not folder.is_dir():
        raise ThematicaError("transcripts/ folder is missing", path=folder)
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() not in TRANSCRIPT_SUFFIXES:
            raise ThematicaError(
                f"unsupported transcript type '{path.suffix}'; use one of {', '.join(TRANSCRIPT_SUFFIXES)} "
                "or move the file out of transcripts/",
                path=path,
            )
        if path.stem in found:
            raise ThematicaError(
                f"two transcripts share the id '{path.stem}' ({found[path.stem].name}); keep one", path=path
            )
        found[path.stem] = path
    if not found:
        raise ThematicaError("no transcripts found", path=folder)
    return found


def _cross_check(
    root: Path, rows: list[dict[str, str]], lines: list[int], transcripts: dict[str, Path]
) -> None:
    listed = {row["transcript"]: line for line, row in zip(lines, rows, strict=True)}
    for stem, path in transcripts.items():
        if stem not in listed:
            raise ThematicaError(
                f"transcript '{stem}' has no row in participants.csv; add one or remove the file", path=path
            )
    for stem, line in listed.items():
        if stem not in transcripts:
            raise ThematicaError(
                f"participant row names transcript '{stem}' but transcripts/ has no such file",
                path=root / "participants.csv",
                line=line,
            )
