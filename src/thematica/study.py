"""A study folder: ``study.yaml``, ``participants.csv`` and ``transcripts/``, checked together."""

from __future__ import annotations

import functools
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from thematica.errors import ThematicaError
from thematica.textio import read_text_file

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
    participants
        participants.csv as strings, in file order (the interview order), one row per transcript.
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
    participants: pd.DataFrame = field(repr=False)
    transcripts: dict[str, Path] = field(repr=False)
    description: str = ""
    speaker_pattern: str | None = None

    def participant_of(self, transcript: str) -> dict[str, str]:
        """The participants.csv row of a transcript, with its group under the key ``group``."""
        return dict(self._participant_index[transcript])

    @functools.cached_property
    def _participant_index(self) -> dict[str, dict[str, str]]:
        # built once: the workflow asks for every transcript while building its DAG (O(n) each otherwise)
        table = self.participants
        return {
            t: {"participant_id": p, "group": g}
            for t, p, g in zip(
                table["transcript"], table["participant_id"], table[self.group_column], strict=True
            )
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
    participants = read_participants(root / "participants.csv", meta["group_column"], meta["groups"])
    transcripts = find_transcripts(root / "transcripts")
    _cross_check(root, participants, transcripts)
    return Study(
        name=meta.get("name", root.name),
        root=root,
        group_column=meta["group_column"],
        groups=list(meta["groups"]),
        group_labels={g: meta.get("group_labels", {}).get(g, g) for g in meta["groups"]},
        interviewer_labels=list(meta["interviewer_labels"]),
        participants=participants,
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
    """Read participants.csv as strings and check ids, transcripts and groups."""
    if not path.is_file():
        raise ThematicaError(
            "participants.csv is missing; list participant_id, transcript and group", path=path
        )
    try:
        table = pd.read_csv(io.StringIO(read_text_file(path)), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise ThematicaError(f"is not a valid CSV: {exc}", path=path) from None
    table.columns = [c.strip() for c in table.columns]
    missing = [c for c in ("participant_id", "transcript", group_column) if c not in table.columns]
    if missing:
        raise ThematicaError(f"missing column(s) {missing}; found {list(table.columns)}", path=path)
    table = table.apply(lambda col: col.str.strip())
    for column in ("participant_id", "transcript", group_column):
        for i, value in enumerate(table[column]):
            if not value:
                raise ThematicaError(f"empty '{column}'; fill it in", path=path, line=i + 2)
            if column != group_column and not ID_PATTERN.match(value):
                raise ThematicaError(
                    f"'{column}' {value!r} may use only letters, digits, '_', '.', '-'", path=path, line=i + 2
                )
        if column == group_column:
            continue
        dup = table[column].duplicated(keep="first")
        if dup.any():
            i = int(dup.to_numpy().nonzero()[0][0])
            first = int((table[column] == table[column].iloc[i]).to_numpy().nonzero()[0][0])
            raise ThematicaError(
                f"duplicate {column} {table[column].iloc[i]!r} (also on line {first + 2}); "
                "each must be unique",
                path=path,
                line=i + 2,
            )
    unknown = ~table[group_column].isin(groups)
    if unknown.any():
        i = int(unknown.to_numpy().nonzero()[0][0])
        raise ThematicaError(
            f"unknown group {table[group_column].iloc[i]!r} in column '{group_column}'; "
            f"study.yaml allows {groups}",
            path=path,
            line=i + 2,
        )
    return table.reset_index(drop=True)


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


def _cross_check(root: Path, participants: pd.DataFrame, transcripts: dict[str, Path]) -> None:
    listed = dict(zip(participants["transcript"], range(len(participants)), strict=True))
    for stem, path in transcripts.items():
        if stem not in listed:
            raise ThematicaError(
                f"transcript '{stem}' has no row in participants.csv; add one or remove the file", path=path
            )
    for stem, i in listed.items():
        if stem not in transcripts:
            raise ThematicaError(
                f"participant row names transcript '{stem}' but transcripts/ has no such file",
                path=root / "participants.csv",
                line=i + 2,
            )
