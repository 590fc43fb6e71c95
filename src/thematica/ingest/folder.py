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
from thematica.ingest.formats.registry import supported_suffixes
from thematica.ingest.speakers import SPEAKER_KEYS
from thematica.ingest.textio import read_text_file

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
STUDY_KEYS = {
    "name",
    "description",
    "group_column",
    "groups",
    "group_labels",
    "interviewer_labels",
    "speaker_pattern",
    *SPEAKER_KEYS,  # speaker_patterns, participants_per_interview, speakers: checked by thematica.ingest.speakers
}


class Problems:
    """Where the checks of a study folder put what they find.

    ``collect=False`` (the pipeline) raises the first problem; ``collect=True`` (``thematica check``) keeps
    every problem in :attr:`errors`, so that one pass reports them all. Warnings are logged and kept in
    :attr:`warnings` either way.
    """

    def __init__(self, collect: bool = False) -> None:
        self.collect = collect
        self.errors: list[ThematicaError] = []
        self.warnings: list[ThematicaError] = []

    def error(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        exc = ThematicaError(message, path=path, line=line)
        if not self.collect:
            raise exc
        self.errors.append(exc)

    def add(self, exc: ThematicaError) -> None:
        """Record an error raised by another check."""
        if not self.collect:
            raise exc
        self.errors.append(exc)

    def warn(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        exc = ThematicaError(message, path=path, line=line)
        log.warning("%s", exc)
        self.warnings.append(exc)


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
        Naming the file, line and fix for the first of: a missing or empty folder, a missing or malformed
        study.yaml, missing columns, duplicate or empty participant ids or transcripts, unknown groups,
        transcripts without a participant row and participant rows without a transcript, unsupported
        transcript files (:func:`check_study_folder` lists them all at once).
    """
    study = _read_study(Path(root), Problems(collect=False))
    assert study is not None  # every problem raised
    return study


def check_study_folder(root: str | Path) -> tuple[Study | None, Problems]:
    """Every problem of a study folder's files at once, without stopping at the first.

    Returns
    -------
    (Study or None, Problems)
        The study when it loads (its problems, if any, are then elsewhere), and what the checks found:
        the same messages :func:`load_study` raises, and its warnings.
    """
    problems = Problems(collect=True)
    study = _read_study(Path(root), problems)
    return (None if problems.errors else study), problems


def _read_study(root: Path, problems: Problems) -> Study | None:
    if not root.is_dir():
        problems.error("study folder not found; check 'studies' in the config", path=root)
        return None
    if not any(not p.name.startswith(".") for p in root.iterdir()):
        problems.error(
            "the study folder is empty; fill it with `thematica init "
            f"{root} --from <your transcripts folder>`, or add study.yaml, participants.csv and "
            "transcripts/ (config/README.md)",
            path=root,
        )
        return None
    meta = _read_study_yaml(root / "study.yaml", problems)
    participants = read_participant_rows(
        root / "participants.csv",
        meta["group_column"] if meta else None,
        meta["groups"] if meta else None,
        problems=problems,
    )
    transcripts = find_transcripts(root / "transcripts", problems=problems)
    if participants is not None:
        _cross_check(root, participants[1], participants[2], transcripts, problems)
    if meta is None or participants is None or problems.errors:
        return None
    columns, rows, _ = participants
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


def _read_study_yaml(path: Path, problems: Problems | None = None) -> dict | None:
    """study.yaml, checked; None when it is unusable (every problem recorded in ``problems``, or the first
    raised without ``problems``)."""
    problems = problems or Problems()
    if not path.is_file():
        problems.error(
            "study.yaml is missing; every study folder needs one (`thematica init` writes it; see "
            "config/README.md)",
            path=path,
        )
        return None
    try:
        meta = yaml.safe_load(read_text_file(path))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        problems.error(
            f"is not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=None if line is None else line + 1,
        )
        return None
    except ThematicaError as exc:
        problems.add(exc)
        return None
    if not isinstance(meta, dict):
        problems.error("must be a mapping of keys to values", path=path)
        return None
    before = len(problems.errors)
    unknown = sorted(set(meta) - STUDY_KEYS)
    if unknown:
        problems.error(f"unknown key(s) {unknown}; allowed: {sorted(STUDY_KEYS)}", path=path)
    for key in ("group_column", "groups", "interviewer_labels"):
        if not meta.get(key):
            problems.error(f"'{key}' is required", path=path)
    for key, types, what in _STUDY_TYPES:
        if meta.get(key) is not None and not isinstance(meta[key], types):
            problems.error(f"'{key}' must be {what}, not {type(meta[key]).__name__}", path=path)
    if len(problems.errors) > before:
        return None
    for key in ("groups", "interviewer_labels"):
        values = meta[key] if isinstance(meta[key], list) else [meta[key]]
        if not all(isinstance(v, str | int | float) for v in values):
            problems.error(f"'{key}' must list plain text values", path=path)
    if not all(isinstance(v, str | int | float) for v in (meta.get("group_labels") or {}).values()):
        problems.error("'group_labels' must map each group to a plain text label", path=path)
    groups = meta["groups"]
    if not (isinstance(groups, list) and len(groups) == 2 and len(set(map(str, groups))) == 2):
        problems.error("'groups' must list exactly the two groups to compare", path=path)
    if len(problems.errors) > before:
        return None
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


def find_transcripts(folder: Path, *, problems: Problems | None = None) -> dict[str, Path]:
    """Map transcript ids (file stems) to files; hidden files are ignored, anything else must be readable.

    Problems go to ``problems`` (:class:`Problems`); by default the first one is raised.
    """
    problems = problems or Problems()
    if not folder.is_dir():
        problems.error(
            f"transcripts/ folder is missing; put one file per interview in it ({', '.join(supported_suffixes())})",
            path=folder,
        )
        return {}
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() not in supported_suffixes():
            problems.error(
                f"unsupported transcript type '{path.suffix}'; use one of {', '.join(supported_suffixes())} "
                "or move the file out of transcripts/",
                path=path,
            )
            continue
        if path.stem in found:
            problems.error(
                f"two transcripts share the id '{path.stem}' ({found[path.stem].name}); keep one", path=path
            )
            continue
        found[path.stem] = path
    if not found and not problems.errors:
        problems.error("no transcripts found", path=folder)
    return found


def _cross_check(
    root: Path,
    rows: list[dict[str, str]],
    lines: list[int],
    transcripts: dict[str, Path],
    problems: Problems,
) -> None:
    listed = {row["transcript"]: line for line, row in zip(lines, rows, strict=True) if row["transcript"]}
    for stem, path in transcripts.items():
        if stem not in listed:
            problems.error(
                f"transcript '{stem}' has no row in participants.csv; add one or remove the file", path=path
            )
    if not transcripts and problems.collect:
        return  # transcripts/ is missing or unreadable: one problem, not one per row
    for stem, line in listed.items():
        if stem not in transcripts:
            problems.error(
                f"participant row names transcript '{stem}' but transcripts/ has no such file",
                path=root / "participants.csv",
                line=line,
            )
