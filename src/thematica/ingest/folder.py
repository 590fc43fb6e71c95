"""A study folder: ``study.yaml``, ``participants.csv`` and ``transcripts/``, checked together.

The workflow loads every study while Snakemake parses it, so participants.csv is read with the ``csv``
module (:mod:`thematica.ingest.participants`) and a pandas table is built only when asked for one
(:attr:`Study.participants`): parsing the workflow then imports no pandas (Snakemake itself still imports
it to fingerprint params). The checks put what they find in :class:`~thematica.ingest.problems.Problems`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from thematica.errors import ThematicaError
from thematica.ingest.formats.registry import supported_suffixes
from thematica.ingest.participants import (
    participants_table,
    read_participant_rows,
    read_participants,  # noqa: F401
)
from thematica.ingest.problems import Problems
from thematica.ingest.speakers import SPEAKER_KEYS
from thematica.ingest.textio import read_text_file

if TYPE_CHECKING:
    import pandas as pd

STUDY_KEYS = {
    "name",
    "description",
    "group_column",
    "groups",
    "group_labels",
    "interviewer_labels",
    "speaker_pattern",
    # speaker_patterns, participants_per_interview, speakers: checked by thematica.ingest.speakers
    *SPEAKER_KEYS,
}


#: (key, allowed types, what to say) for study.yaml values; see workflow/schemas/study.schema.yaml.
_STUDY_TYPES = (
    ("name", str, "text"),
    ("description", str, "text"),
    ("group_column", str, "a column name"),
    ("groups", list, "a list of groups"),
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
        The participants.csv column holding the group, the groups (one or more, in display order), display
        labels.
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
    if not (isinstance(groups, list) and groups and len(set(map(str, groups))) == len(groups)):
        problems.error("'groups' must list one or more distinct groups", path=path)
    if len(problems.errors) > before:
        return None
    meta["groups"] = [str(g) for g in groups]
    if isinstance(meta["interviewer_labels"], str):
        meta["interviewer_labels"] = [meta["interviewer_labels"]]
    meta["interviewer_labels"] = [str(label) for label in meta["interviewer_labels"]]
    meta["group_labels"] = {str(k): str(v) for k, v in (meta.get("group_labels") or {}).items()}
    return meta


def find_transcripts(folder: Path, *, problems: Problems | None = None) -> dict[str, Path]:
    """Map transcript ids (file stems) to files; hidden files are ignored, anything else must be readable.

    Problems go to ``problems`` (:class:`Problems`); by default the first one is raised.
    """
    problems = problems or Problems()
    if not folder.is_dir():
        problems.error(
            "transcripts/ folder is missing; put one file per interview in it "
            f"({', '.join(supported_suffixes())})",
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
