"""Who is speaking: each transcript's speakers checked and tabled, and the study's speaker settings.

Each speaker label gets a role and the reason for it (:func:`thematica.ingest.roles.decide_roles`: the
study's interviewer labels, common interviewer and participant labels, the participant id, the only other
speaker, else ``unknown``); the reason is the ``decided_by`` column of ``results/<study>/qa/speakers.csv``
(:func:`speakers_table`).

What can silently go wrong gets one warning line per transcript naming the file, the line, the label and
the fix (:func:`speaker_issues`): no interviewer turn, a label decided ``unknown``, more non-interviewer
speakers than ``participants_per_interview``, labels that differ only in case or spacing. With
``speakers.strict: true`` in study.yaml the first three stop the run. A transcript where no label is an
interviewer's and several are unknown always stops the run: nothing tells the interviewer from the
participant.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError
from thematica.ingest.roles import Decision, decide_roles, label_key

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

SPEAKER_COLUMNS = ["transcript", "label", "role", "decided_by", "turns", "words", "first_line"]

#: study.yaml keys read here (workflow/schemas/study.schema.yaml documents them).
SPEAKER_KEYS = ("speaker_patterns", "participants_per_interview", "speakers")


@dataclass(frozen=True)
class SpeakerSettings:
    """The study's speaker settings (study.yaml): extra patterns, participants per interview, strictness."""

    speaker_patterns: tuple[str, ...] = ()
    participants_per_interview: int = 1
    strict: bool = False


DEFAULT_SETTINGS = SpeakerSettings()


def speaker_issues(
    decisions: Mapping[str, Decision],
    first_lines: Mapping[str, int],
    spellings: Mapping[str, Sequence[tuple[str, int]]],
    *,
    participants_per_interview: int = 1,
    participant_id: str | None = None,
) -> tuple[list[tuple[str, int | None]], list[tuple[str, int | None]]]:
    """What to say about one transcript's speakers: ``(problems, notes)``, each a list of (message, line).

    ``problems`` become errors under ``speakers.strict``; ``notes`` (labels that differ only in case or
    spacing) stay warnings.
    """
    problems: list[tuple[str, int | None]] = []
    notes: list[tuple[str, int | None]] = []
    unknown = [k for k, d in decisions.items() if d.decided_by == "unknown"]
    others = [k for k, d in decisions.items() if d.role == "participant"]
    has_interviewer = any(d.role == "interviewer" for d in decisions.values())
    whose = f"{participant_id}'s" if participant_id else "the participant's"
    if not has_interviewer:
        listed = ", ".join(repr(decisions[k].label) for k in others)
        problems.append(
            (
                f"no interviewer turn: no label among {listed} is an interviewer label; if one of them "
                "is the interviewer, add it to 'interviewer_labels' in study.yaml (or rename it "
                "'Interviewer' in the transcript)",
                first_lines.get(others[0]) if others else None,
            )
        )
    if unknown:
        key = unknown[0]
        listed = ", ".join(f"{decisions[k].label!r} (line {first_lines.get(k)})" for k in unknown)
        problems.append(
            (
                f"{len(others)} non-interviewer speakers where {participants_per_interview} "
                f"{'is' if participants_per_interview == 1 else 'are'} expected: label(s) {listed} are "
                f"neither an interviewer label nor {whose}, and are analysed as participant speech; add an "
                "interviewer's label to 'interviewer_labels' in study.yaml, correct the label in the "
                "transcript, or set 'participants_per_interview' if more participants speak",
                first_lines.get(key),
            )
        )
    elif len(others) > participants_per_interview:
        listed = ", ".join(f"{decisions[k].label!r} (line {first_lines.get(k)})" for k in others)
        problems.append(
            (
                f"{len(others)} participant speakers ({listed}) where {participants_per_interview} "
                f"{'is' if participants_per_interview == 1 else 'are'} expected; write one participant's "
                "label the same way throughout, or set 'participants_per_interview' in study.yaml if more "
                "participants speak",
                first_lines.get(others[1]),
            )
        )
    for spelled in spellings.values():
        if len(spelled) > 1:
            shown = ", ".join(f"{label!r} (line {line})" for label, line in spelled)
            notes.append(
                (
                    f"labels {shown} differ only in case or spacing and are treated as one speaker; write "
                    "them the same way to silence this",
                    spelled[1][1],
                )
            )
    return problems, notes


def check_speakers(
    turns: pd.DataFrame,
    text: str,
    *,
    interviewer_labels: Iterable[str],
    participant_id: str | None = None,
    settings: SpeakerSettings = DEFAULT_SETTINGS,
    path: str | None = None,
) -> None:
    """Warn (one line) about a transcript's speakers, or stop the run (see the module docstring).

    Raises
    ------
    ThematicaError
        When no label is an interviewer's and several are unknown, or under ``speakers.strict`` for any
        problem; naming the file, the line, the label and the fix.
    """
    decisions, first_lines, spellings = _survey(
        turns, text, interviewer_labels, participant_id, settings.participants_per_interview
    )
    problems, notes = speaker_issues(
        decisions,
        first_lines,
        spellings,
        participants_per_interview=settings.participants_per_interview,
        participant_id=participant_id,
    )
    where = path or (str(turns["transcript"].iloc[0]) if len(turns) else None)
    unknown = [d for d in decisions.values() if d.decided_by == "unknown"]
    if not any(d.role == "interviewer" for d in decisions.values()) and len(unknown) > 1:
        line = min(first_lines[label_key(d.label)] for d in unknown)
        raise ThematicaError(
            "no label is an interviewer label and the speakers "
            + ", ".join(repr(d.label) for d in unknown)
            + " are all unknown, so the interviewer cannot be told from the participant; add the "
            "interviewer's label to 'interviewer_labels' in study.yaml or rename it 'Interviewer' in the "
            "transcript",
            path=where,
            line=line,
        )
    if problems and settings.strict:
        message, line = problems[0]
        extra = f" (and {len(problems) - 1} more problem)" if len(problems) > 1 else ""
        raise ThematicaError(f"{message}{extra} [speakers.strict: true in study.yaml]", path=where, line=line)
    for message, line in [*problems, *notes][:1]:
        log.warning("%s, line %s: %s", where, line, message)
    for message, line in [*problems, *notes][1:]:
        log.info("%s, line %s: %s", where, line, message)


def _survey(turns, text, interviewer_labels, participant_id, participants_per_interview):
    labelled = turns.loc[turns["role"] != "unattributed"]
    labels = labelled["speaker"].tolist()
    decisions = decide_roles(
        labels,
        interviewer_labels=interviewer_labels,
        participant_id=participant_id,
        participants_per_interview=participants_per_interview,
    )
    first_lines: dict[str, int] = {}
    spellings: dict[str, list[tuple[str, int]]] = {}
    for label, start in zip(labels, labelled["start"], strict=True):
        key = label_key(label)
        seen = spellings.setdefault(key, [])
        if all(label != s for s, _ in seen):
            seen.append((label, _line_before(text, int(start))))
        first_lines.setdefault(key, seen[0][1])
    return decisions, first_lines, spellings


def _line_before(text: str, offset: int) -> int:
    """The line of the label of a turn whose text starts at ``offset`` (on the label's line or the next)."""
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    if offset == line_start and line > 1 and not text[line_start:offset].strip():
        # text on the line after a label line (Otter, Teams .docx, Rev): the label is on the line before
        return line - 1
    return line


def speakers_table(
    turns: pd.DataFrame,
    texts: Mapping[str, str],
    *,
    interviewer_labels: Sequence[str],
    participant_ids: Mapping[str, str],
    participants_per_interview: int = 1,
) -> pd.DataFrame:
    """One row per transcript and speaker: how its role was decided, its turns and words.

    Parameters
    ----------
    turns
        A study's turn table (``data/processed/<study>/turns.parquet``).
    texts
        Transcript -> its canonical text (for line numbers).
    interviewer_labels, participants_per_interview
        The study's settings (see :func:`decide_roles`).
    participant_ids
        Transcript -> participant id.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SPEAKER_COLUMNS`, transcripts in the turn table's order, speakers in order of
        appearance, then the transcript's unattributed text (``label`` empty, ``decided_by``
        ``unlabelled_text``) if any.
    """
    import pandas as pd

    rows = []
    for transcript in dict.fromkeys(turns["transcript"]):
        own = turns.loc[turns["transcript"] == transcript]
        text = texts[transcript]
        decisions, first_lines, _ = _survey(
            own, text, interviewer_labels, participant_ids.get(transcript), participants_per_interview
        )
        words = own["text"].map(lambda t: len(t.split()))
        keys = own["speaker"].map(label_key)
        for key, decision in decisions.items():
            mine = (keys == key) & (own["role"] != "unattributed")
            rows.append(
                [
                    transcript,
                    decision.label,
                    decision.role,
                    decision.decided_by,
                    int(mine.sum()),
                    int(words[mine].sum()),
                    first_lines[key],
                ]
            )
        loose = own["role"] == "unattributed"
        if loose.any():
            first = int(own.loc[loose, "start"].iloc[0])
            rows.append(
                [
                    transcript,
                    "",
                    "unattributed",
                    "unlabelled_text",
                    int(loose.sum()),
                    int(words[loose].sum()),
                    text.count("\n", 0, first) + 1,
                ]
            )
    table = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return table.astype({c: "int64" for c in ("turns", "words", "first_line")})


def read_speaker_settings(study_yaml: str | Path) -> SpeakerSettings:
    """The speaker settings of a study.yaml (defaults where it has none, or where there is no file).

    Raises
    ------
    ThematicaError
        For a value of the wrong type, naming the key and what it must be.
    """
    import yaml

    path = Path(study_yaml)
    if not path.is_file():
        return SpeakerSettings()
    meta = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    return speaker_settings(meta, path=path)


def speaker_settings(meta: Mapping, *, path: str | Path | None = None) -> SpeakerSettings:
    """:class:`SpeakerSettings` from a parsed study.yaml mapping (see :func:`read_speaker_settings`)."""
    from thematica.ingest.turns import compile_speaker_pattern

    patterns = meta.get("speaker_patterns") or []
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ThematicaError("'speaker_patterns' must be a list of regular expressions", path=path)
    for pattern in patterns:
        try:
            compile_speaker_pattern(pattern)
        except ThematicaError as exc:
            raise ThematicaError(f"'speaker_patterns' entry {pattern!r}: {exc.message}", path=path) from None
    per = meta.get("participants_per_interview", 1)
    if isinstance(per, bool) or not isinstance(per, int) or per < 1:
        raise ThematicaError("'participants_per_interview' must be a whole number of at least 1", path=path)
    speakers = meta.get("speakers") or {}
    if not isinstance(speakers, dict) or set(speakers) - {"strict"}:
        raise ThematicaError("'speakers' must be a mapping with one key, 'strict' (true or false)", path=path)
    strict = speakers.get("strict", False)
    if not isinstance(strict, bool):
        raise ThematicaError("'speakers.strict' must be true or false", path=path)
    return SpeakerSettings(tuple(patterns), per, strict)
