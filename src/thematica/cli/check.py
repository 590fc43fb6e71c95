"""``thematica check``: every problem of a study folder (or of a config's studies) at once, in seconds.

The pipeline stops at the first bad input; before a run, a researcher wants the whole list. This module runs
the same checks the workflow runs while it starts and in its first steps, collecting instead of stopping:
study.yaml and participants.csv (:func:`thematica.ingest.folder.check_study_folder`), each transcript read and
split into turns (:func:`thematica.ingest.study.read_source`,
:func:`thematica.ingest.study.transcript_turns`), the coder exports' folder
(:func:`thematica.codes.find_code_files`) and the deidentification allowlist
(:func:`thematica.deid.read_allowlist`). Nothing is written; the deidentification scan, the code import and
later steps still check what only they can.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from thematica.errors import ThematicaError
from thematica.ingest.folder import Problems, _read_study_yaml, check_study_folder, find_transcripts

log = logging.getLogger(__name__)

DEFAULT_ALLOWLIST = "deid_allowlist.txt"


@dataclass
class CheckReport:
    """What :func:`check_study` and :func:`check_config_file` found.

    Attributes
    ----------
    errors, warnings
        Problems that stop a run, and those it accepts with a warning; each names its file and line.
    studies
        Study name -> the number of transcripts checked.
    """

    errors: list[ThematicaError] = field(default_factory=list)
    warnings: list[ThematicaError] = field(default_factory=list)
    studies: dict[str, int] = field(default_factory=dict)

    def extend(self, other: CheckReport) -> None:
        self.errors += other.errors
        self.warnings += other.warnings
        self.studies.update(other.studies)


def check_study(
    root: str | Path,
    *,
    name: str | None = None,
    speaker_pattern: str | None = None,
    allowlist: str = DEFAULT_ALLOWLIST,
) -> CheckReport:
    """Check one study folder, collecting every problem.

    Parameters
    ----------
    root
        The study folder.
    name
        The study's name (its key under ``studies``), for the summary; default the folder's name.
    speaker_pattern
        The config's ``speaker_pattern`` (a study's own in study.yaml wins); None: the built-in patterns.
    allowlist
        The config's ``deid.allowlist`` file name inside the study folder.
    """
    root = Path(root)
    study, problems = check_study_folder(root)
    report = CheckReport(errors=list(problems.errors), warnings=list(problems.warnings))
    if study is not None:
        transcripts, labels = study.transcripts, study.interviewer_labels
        pattern = study.speaker_pattern or speaker_pattern
    else:  # still read every transcript, so that their problems come in the same report
        scratch = Problems(collect=True)
        transcripts = find_transcripts(root / "transcripts", problems=scratch) if root.is_dir() else {}
        meta = _read_study_yaml(root / "study.yaml", scratch) if root.is_dir() else None
        labels = meta["interviewer_labels"] if meta else None
        pattern = (meta or {}).get("speaker_pattern") or speaker_pattern
    report.studies[name or root.name] = len(transcripts)
    _check_transcripts(transcripts, labels, pattern, problems)
    if root.is_dir():
        _check_codes(root, problems)
        _check_allowlist(root / allowlist, problems)
    report.errors = list(problems.errors)
    report.warnings = list(problems.warnings)
    return report


def _check_transcripts(
    transcripts: dict[str, Path], labels: list[str] | None, pattern: str | None, problems: Problems
) -> None:
    """Read each transcript and split it into turns; ``labels`` None (no usable study.yaml) skips the
    interviewer check."""
    from thematica.ingest.study import read_source, transcript_turns

    for transcript, path in transcripts.items():
        before = len(problems.warnings)
        try:
            text = read_source(path)
        except ThematicaError as exc:
            problems.add(exc)
            continue
        kwargs = {"speaker_pattern": pattern} if pattern else {}
        try:
            with _warnings_to(problems):
                turns = transcript_turns(
                    text, transcript=transcript, interviewer_labels=labels or [], path=path, **kwargs
                )
        except ThematicaError as exc:
            problems.add(exc)
            continue
        said = len(problems.warnings) > before  # the speaker checks' own warnings name the transcript
        if labels is not None and not said and not (turns["role"] == "interviewer").any():
            found = sorted(set(turns["speaker"]) - {""})
            problems.warn(
                f"no turn carries an interviewer label {labels}; the labels are {found}: "
                "add the interviewer's to 'interviewer_labels' in study.yaml, or every turn counts as "
                "participant speech",
                path=path,
            )


class _Collect(logging.Handler):
    def __init__(self, problems: Problems) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.warnings.append(ThematicaError(record.getMessage()))


@contextmanager
def _warnings_to(problems: Problems) -> Iterator[None]:
    """Keep the warnings the library logs (speaker labels, text before the first label) in ``problems``."""
    logger = logging.getLogger("thematica")
    handler = _Collect(problems)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _check_codes(root: Path, problems: Problems) -> None:
    from thematica.codes import find_code_files

    try:
        find_code_files(root)
    except ThematicaError as exc:
        problems.add(exc)


def _check_allowlist(path: Path, problems: Problems) -> None:
    from thematica.deid import read_allowlist

    try:
        read_allowlist(path)
    except ThematicaError as exc:
        problems.add(exc)


def check_config_file(path: str | Path, *, workdir: str | Path = ".") -> CheckReport:
    """Check a config file and every study it lists, collecting every problem.

    The config is checked as the workflow checks it: ``config/config.yaml`` of ``workdir`` gives every key
    its default, and the file's ``studies`` replace the default's. Study folders are taken from ``workdir``.
    """
    from thematica.config import check_config

    path, workdir = Path(path), Path(workdir)
    report = CheckReport()
    try:
        config = read_run_config(path, workdir)
        schema = Path("workflow") / "schemas" / "config.schema.yaml"
        if not (workdir / schema).is_file():  # a work folder outside the checkout
            schema = Path(__file__).resolve().parents[3] / schema
        check_config(config, workdir / schema, source=str(path))
    except ThematicaError as exc:
        report.errors.append(exc)
        return report
    for name, folder in config["studies"].items():
        folder = Path(folder)
        report.extend(
            check_study(
                folder if folder.is_absolute() else workdir / folder,
                name=name,
                speaker_pattern=config.get("speaker_pattern"),
                allowlist=(config.get("deid") or {}).get("allowlist") or DEFAULT_ALLOWLIST,
            )
        )
    return report


def read_run_config(path: str | Path, workdir: str | Path = ".") -> dict:
    """The configuration a run with config file ``path`` gets: ``workdir/config/config.yaml``'s keys,
    updated section by section with the file's, and the file's ``studies`` instead of the default's (what
    the workflow does, ``workflow/rules/common.smk``)."""
    path = Path(path)
    base_path = Path(workdir) / "config" / "config.yaml"
    base = _read_yaml(base_path) if base_path.is_file() else {}
    given = _read_yaml(path)
    if "studies" not in given:
        raise ThematicaError("lists no 'studies'; name each study and its folder under 'studies:'", path=path)
    merged = _update(base, given)
    merged["studies"] = dict(given["studies"] or {})
    return merged


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise ThematicaError("config file not found", path=path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise ThematicaError(
            f"is not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=None if line is None else line + 1,
        ) from None
    if not isinstance(data, dict):
        raise ThematicaError("must be a mapping of keys to values", path=path)
    return data


def _update(base: dict, new: dict) -> dict:
    merged = dict(base)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _update(merged[key], value)
        else:
            merged[key] = value
    return merged
