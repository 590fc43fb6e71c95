"""``thematica init``: a study folder from a folder of transcripts, in one command.

:func:`init_study` copies the transcripts into ``STUDY_DIR/transcripts/`` and writes what a researcher would
otherwise write by hand, each file commented where a decision is theirs:

- ``study.yaml``: the speaker labels found in the transcripts (read as the pipeline reads them,
  :func:`thematica.ingest.formats.read_transcript` and :func:`thematica.ingest.turns.parse_turns`), the
  interviewer-like ones proposed as ``interviewer_labels``, and two placeholder groups to rename;
- ``participants.csv``: one row per transcript (participant_id, transcript, an empty ``group`` to fill in);
- ``deid_allowlist.suggested.txt``: what a first deidentification scan (:func:`thematica.deid.scan_text`)
  flags, one term per line with where it was found, to review before renaming it ``deid_allowlist.txt``;
- a run config naming the study (``<study>.yaml``), unless one exists.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from thematica.cli.interviewers import _proposed_askers, is_interviewer_label
from thematica.errors import ThematicaError
from thematica.ingest.formats.registry import supported_suffixes
from thematica.ingest.participants import ID_PATTERN

log = logging.getLogger(__name__)

#: Kinds a first scan suggests for the allowlist (named things that may be vocabulary: a product, a
#: hospital's type, a city named in passing). Contact details, numbers and addresses are never suggested.
SUGGESTED_KINDS = ("organization", "facility", "location", "name", "date")
STUDY_NAME = re.compile(r"[^A-Za-z0-9_\-]+")


@dataclass
class InitReport:
    """What :func:`init_study` did.

    Attributes
    ----------
    study_dir, name, config
        The study folder, the study's name, and the run config written (None when one existed).
    transcripts
        Transcript id -> the source file it was copied from.
    labels
        Speaker label -> number of transcripts it occurs in.
    interviewer_labels
        The labels proposed as the interviewer's.
    suggestions
        Terms written to ``deid_allowlist.suggested.txt``.
    problems
        Transcripts that could not be read or split into turns (``thematica check`` reports them too).
    skipped
        Files of the source folder that are not transcripts.
    askers
        Generic labels proposed as the interviewer's because they ask the questions
        (:func:`thematica.cli.interviewers.question_asker`), with the number of transcripts where they do.
    """

    study_dir: Path
    name: str
    config: Path | None = None
    transcripts: dict[str, Path] = field(default_factory=dict)
    labels: Counter = field(default_factory=Counter)
    interviewer_labels: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    problems: list[ThematicaError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    askers: dict[str, int] = field(default_factory=dict)


def transcript_id(path: Path) -> str:
    """A transcript id for a file: its stem, with anything but letters, digits, ``_ . -`` replaced by ``_``.

    Examples
    --------
    >>> transcript_id(Path("Interview 3 (final).docx"))
    'Interview_3_final'
    """
    stem = re.sub(r"[^A-Za-z0-9_.\-]+", "_", path.stem).strip("_.-")
    return stem or "transcript"


def init_study(
    study_dir: str | Path,
    source: str | Path,
    *,
    name: str | None = None,
    config: str | Path | None = None,
    workdir: str | Path = ".",
    scan: bool = True,
) -> InitReport:
    """Make a study folder from a folder of transcripts.

    Parameters
    ----------
    study_dir
        The study folder to create; it must not exist or be empty.
    source
        A folder of transcripts (any suffix :func:`~thematica.ingest.formats.supported_suffixes` lists; other
        files are skipped and listed).
    name
        The study's name (default: the folder's name, with anything but letters, digits, ``_``, ``-``
        replaced by ``_``).
    config
        The run config to write (default ``<workdir>/<name>.yaml``); an existing file is left alone.
    workdir
        The pipeline's working directory: study paths in the config are relative to it.
    scan
        Run the deidentification scan for ``deid_allowlist.suggested.txt`` (spaCy; a few seconds).

    Raises
    ------
    ThematicaError
        If ``source`` is missing or holds no transcript, ``study_dir`` is not empty, or two files would get
        the same transcript id.
    """
    study_dir, source, workdir = Path(study_dir), Path(source), Path(workdir)
    if not source.is_dir():
        raise ThematicaError(
            "transcript folder not found; give the folder that holds your transcripts", path=source
        )
    if study_dir.exists() and any(study_dir.iterdir()):
        raise ThematicaError(
            "is not empty; give a new folder for the study (`thematica check` checks an existing one)",
            path=study_dir,
        )
    name = name or STUDY_NAME.sub("_", study_dir.resolve().name).strip("_-") or "my_study"
    report = InitReport(study_dir=study_dir, name=name)
    files: dict[str, Path] = {}
    for path in sorted(source.iterdir(), key=_natural):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() not in supported_suffixes():
            report.skipped.append(path)
            continue
        tid = transcript_id(path)
        if tid in files:
            raise ThematicaError(
                f"gives the transcript id '{tid}' that {files[tid].name} has too; rename one of them",
                path=path,
            )
        files[tid] = path
    if not files:
        raise ThematicaError(
            f"holds no transcript ({', '.join(supported_suffixes())}); give the folder that holds them",
            path=source,
        )
    (study_dir / "transcripts").mkdir(parents=True, exist_ok=True)
    texts: dict[str, str] = {}
    speakers: dict[str, list[str]] = {}
    for tid, path in files.items():
        target = study_dir / "transcripts" / f"{tid}{path.suffix.lower()}"
        shutil.copy2(path, target)
        report.transcripts[tid] = path
        try:
            texts[tid], speakers[tid] = _read_speakers(target, tid)
        except ThematicaError as exc:
            report.problems.append(exc)
            continue
        report.labels.update({label for label, _ in speakers[tid]})
    report.askers = _proposed_askers(speakers)
    report.interviewer_labels = sorted(
        {lab for lab in report.labels if is_interviewer_label(lab)} | set(report.askers), key=str.casefold
    )
    labels = {tid: [label for label, _ in turns] for tid, turns in speakers.items()}
    participants = _participant_ids(files, labels, report.interviewer_labels)
    (study_dir / "study.yaml").write_text(_study_yaml(name, report), encoding="utf-8")
    _write_participants(study_dir / "participants.csv", participants)
    if scan and texts:
        known = [*report.interviewer_labels, *participants.values()]
        findings = _scan(texts, known)
        report.suggestions = list(findings)
        (study_dir / "deid_allowlist.suggested.txt").write_text(
            _allowlist_text(findings, study_dir), encoding="utf-8"
        )
    config = Path(config) if config is not None else workdir / f"{name}.yaml"
    if not config.exists():
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(_config_text(name, study_dir, workdir, config), encoding="utf-8")
        report.config = config
    return report


def _natural(path: Path) -> list:
    """Sort key: case-insensitive, numbers by value (``interview_2`` before ``interview_10``)."""
    name = transcript_id(path)
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _read_speakers(path: Path, transcript: str) -> tuple[str, list[tuple[str, str]]]:
    """A transcript's canonical text and the (speaker label, text) of each labelled turn, read as the
    pipeline reads them."""
    from thematica.ingest.formats import read_transcript
    from thematica.ingest.turns import parse_turns

    text = read_transcript(path)
    turns = parse_turns(text, transcript=transcript, interviewer_labels=[], path=str(path))
    return text, [(s, t) for s, t in zip(turns["speaker"], turns["text"], strict=True) if s]


def _participant_ids(
    files: dict[str, Path], speakers: dict[str, list[str]], interviewer_labels: list[str]
) -> dict[str, str]:
    """Transcript -> participant id: the transcript's one non-interviewer label when it is an id (``P07``)
    and no other transcript has it, else ``P01``, ``P02``... in file order."""
    interviewers = {label.casefold() for label in interviewer_labels}
    own: dict[str, str] = {}
    for tid in files:
        others = {s for s in speakers.get(tid, []) if s.casefold() not in interviewers}
        if len(others) == 1:
            label = next(iter(others))
            if ID_PATTERN.match(label) and any(ch.isdigit() for ch in label):
                own[tid] = label
    counts = Counter(own.values())
    width = max(2, len(str(len(files))))
    ids, used = {}, {v for v in own.values() if counts[v] == 1}
    n = 0
    for tid in files:
        if tid in own and counts[own[tid]] == 1:
            ids[tid] = own[tid]
            continue
        n += 1
        while f"P{n:0{width}d}" in used:
            n += 1
        ids[tid] = f"P{n:0{width}d}"
        used.add(ids[tid])
    return ids


def _yaml_list(values: list[str]) -> str:
    import json

    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def _study_yaml(name: str, report: InitReport) -> str:
    found = sorted(report.labels.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    n = len(report.transcripts)
    lines = [
        f"# The study folder of '{name}', written by `thematica init`: check every line marked TODO,",
        f"# then run `thematica check {report.study_dir}`. Every key is described in config/README.md.",
        f"name: {name}",
        "description: ''  # TODO: one line about the study",
        "",
        "# The participants.csv column that holds each participant's group, and the two groups compared.",
        "# TODO: rename the groups, and fill in the group column of participants.csv with them.",
        "group_column: group",
        "groups: [group_a, group_b]",
        "group_labels:  # how the figures name each group",
        "  group_a: Group A",
        "  group_b: Group B",
        "",
        "# Speaker labels found (transcripts they occur in, of " + str(n) + "):",
    ]
    for label, count in found[:40]:
        mark = "  <- proposed interviewer" if label in report.interviewer_labels else ""
        if label in report.askers:
            mark += f" (asks the questions in {report.askers[label]} transcript(s) that name no interviewer)"
        lines.append(f"#   {label}: {count}{mark}")
    if len(found) > 40:
        lines.append(f"#   ... and {len(found) - 40} more")
    if not found:
        lines.append(
            "#   none: no line starts with a label such as 'Interviewer:' or 'P07:' (see speaker_pattern)"
        )
    lines.append(
        "# Labels that mark interviewer speech (compared case-insensitively); every other label is a"
    )
    lines.append("# participant's.")
    if report.interviewer_labels:
        lines.append(f"interviewer_labels: {_yaml_list(report.interviewer_labels)}")
    else:
        lines.append("# TODO: no label looks like an interviewer's; put the interviewer's label(s) here.")
        lines.append("interviewer_labels: [Interviewer]")
    lines += [
        "",
        "# Further speaker-label patterns, if the built-in ones miss your transcripts' labels (a named group",
        "# 'speaker' is the label; the turn's text starts where the match ends):",
        "# speaker_patterns: ['^(?P<speaker>[A-Z]+) >[ \\t]+']",
        "# participants_per_interview: 1   # more for paired or group interviews",
        "# speakers:",
        "#   strict: true                  # stop on an unknown label instead of a warning",
        "",
    ]
    return "\n".join(lines)


def _write_participants(path: Path, participants: dict[str, str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["participant_id", "transcript", "group"])
    for tid, pid in participants.items():
        writer.writerow([pid, tid, ""])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _scan(texts: dict[str, str], known: list[str]) -> dict[str, dict]:
    """Distinct flagged terms of the kinds in :data:`SUGGESTED_KINDS`: term -> kinds, transcripts, first
    place."""
    from thematica.deid import Allowlist, scan_text
    from thematica.ingest.turns import line_of

    allow = Allowlist(terms=tuple(known))
    found: dict[str, dict] = {}
    keys: dict[str, str] = {}
    for tid, text in texts.items():
        try:
            findings = scan_text(text, allowlist=allow)
        except ThematicaError as exc:  # a missing model: the suggestions are optional
            log.warning("no deidentification suggestions: %s", exc)
            return {}
        for f in findings:
            if f.status != "flagged" or f.kind not in SUGGESTED_KINDS:
                continue
            term = " ".join(text[f.start : f.end].split())
            key = keys.setdefault(term.casefold(), term)
            entry = found.setdefault(key, {"kinds": set(), "transcripts": set(), "first": None})
            entry["kinds"].add(f.kind)
            entry["transcripts"].add(tid)
            if entry["first"] is None:
                entry["first"] = (tid, line_of(text, f.start))
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[1]["transcripts"]), kv[0].casefold())))


def _allowlist_text(findings: dict[str, dict], study_dir: Path) -> str:
    lines = [
        "# Suggested deidentification allowlist, from a first scan by `thematica init`. The pipeline does",
        "# NOT read this file. Review every line: keep the terms that identify no one (a product, a drug, a",
        "# public body, a city named in passing); DELETE every real person's name and every place or",
        "# organisation that could identify a participant, and remove those from the transcripts instead.",
        f"# Then rename the file to deid_allowlist.txt (in {study_dir}). Terms match case-insensitively as",
        "# whole words; '#' starts a comment, 're:' a regular expression. Most frequent first.",
        "",
    ]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for term, entry in findings.items():
        kinds = "/".join(sorted(entry["kinds"]))
        tid, line = entry["first"]
        by_kind[kinds].append(
            f"{term}  # {kinds}, in {len(entry['transcripts'])} transcript(s), first {tid} line {line}"
        )
    if not findings:
        lines.append("# (the scan flagged nothing to suggest)")
    for kinds in sorted(by_kind):
        lines += [f"# -- {kinds}", *by_kind[kinds], ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _config_text(name: str, study_dir: Path, workdir: Path, config: Path) -> str:
    from thematica.support.manifest import run_folder

    folder = study_dir.resolve()
    try:
        folder_text = str(folder.relative_to(workdir.resolve()))
    except ValueError:
        folder_text = str(folder)
    return (
        f"# Runs exactly the study '{name}': `thematica run {config}` (or `make run CONFIG={config}`).\n"
        "# Every key not set here takes its value from config/config.yaml; copy a section from there to\n"
        "# change it (config/README.md describes every key). Results: results/<study>/; this run's report\n"
        f"# and manifest: {run_folder(config)}/.\n"
        "studies:\n"
        f"  {name}: {folder_text}\n"
    )
