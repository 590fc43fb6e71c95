"""Speaker turns: split a transcript's canonical text into labelled turns.

A turn starts at a line whose beginning matches the speaker pattern (``Interviewer:``, ``P07:``,
``**P07:**``, ``[00:01:02] P07:``, ``Participant 7 (psychiatrist):``) and runs until the next such line.
Lines without a label continue the current turn. Text before the first label is kept as an
``unattributed`` turn so that nothing is lost.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

#: Default speaker-label pattern. The named group ``speaker`` is the label. An optional timestamp
#: (``[00:01:02]`` or ``00:01:02``), markdown bold and a parenthesised note may surround it.
DEFAULT_SPEAKER_PATTERN = (
    r"^[ \t]*(?:\[?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]?[ \t]+)?"
    r"(?:\*\*|__)?(?P<speaker>[A-Za-z][A-Za-z0-9'_.\-]*(?:[ \t][A-Za-z0-9'_.\-]+){0,3}?)"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+"
)

ROLES = ("interviewer", "participant", "unattributed")
TURN_COLUMNS = ["transcript", "turn", "speaker", "role", "start", "end", "text"]


def normalise_label(label: str) -> str:
    """Case-fold a speaker label and collapse its inner whitespace (``"P 07 "`` -> ``"p 07"``)."""
    return " ".join(label.split()).casefold()


def parse_turns(
    text: str,
    *,
    transcript: str,
    interviewer_labels: Iterable[str],
    speaker_pattern: str = DEFAULT_SPEAKER_PATTERN,
    path: str | None = None,
) -> pd.DataFrame:
    """Split canonical text into speaker turns.

    Parameters
    ----------
    text
        The transcript's canonical text (NFC, ``\\n`` line endings).
    transcript
        Transcript id (file stem), copied into every row.
    interviewer_labels
        Speaker labels that mark interviewer speech, compared case-insensitively.
    speaker_pattern
        Regular expression matched at the start of each line, with a named group ``speaker``;
        the turn's text begins where the match ends.
    path
        File name used in error messages.

    Returns
    -------
    pandas.DataFrame
        One row per turn with columns ``transcript, turn, speaker, role, start, end, text``;
        ``start``/``end`` are code-point offsets of the turn's text (label excluded, surrounding
        whitespace trimmed) and ``text == canonical[start:end]``.

    Raises
    ------
    ThematicaError
        If the pattern is not a valid regex with a ``speaker`` group, or no line carries a label.

    Examples
    --------
    >>> t = parse_turns("Interviewer: Hi?\\nP01: Hello.\\nMore.\\n", transcript="P01",
    ...                 interviewer_labels=["Interviewer"])
    >>> t[["speaker", "role", "text"]].values.tolist()
    [['Interviewer', 'interviewer', 'Hi?'], ['P01', 'participant', 'Hello.\\nMore.']]
    """
    import pandas as pd

    where = path or transcript
    regex = compile_speaker_pattern(speaker_pattern)
    interviewers = {normalise_label(label) for label in interviewer_labels}

    starts: list[tuple[int, int, str]] = []  # (label start, text start, speaker)
    pos = 0
    for line in text.splitlines(keepends=True):
        match = regex.match(line)
        if match:
            starts.append((pos, pos + match.end(), " ".join(match.group("speaker").split())))
        pos += len(line)
    if not starts:
        raise ThematicaError(
            "no line starts with a speaker label (e.g. 'Interviewer:' or 'P07:'); "
            "label the turns or set 'speaker_pattern' in the config",
            path=where,
        )

    rows = []
    if text[: starts[0][0]].strip():
        first_line = 1
        rows.append(_turn(text, transcript, "", "unattributed", 0, starts[0][0]))
        log.warning(
            "%s, line %d: text before the first speaker label kept as unattributed", where, first_line
        )
    for i, (_, body_start, speaker) in enumerate(starts):
        body_end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        role = "interviewer" if normalise_label(speaker) in interviewers else "participant"
        rows.append(_turn(text, transcript, speaker, role, body_start, body_end))
    turns = pd.DataFrame(rows, columns=TURN_COLUMNS[1:])
    turns.insert(0, "transcript", transcript)
    turns["turn"] = range(len(turns))
    return turns[TURN_COLUMNS]


def compile_speaker_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a speaker pattern, checking it has a ``speaker`` group."""
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise ThematicaError(f"speaker_pattern is not a valid regular expression: {exc}") from None
    if "speaker" not in regex.groupindex:
        raise ThematicaError("speaker_pattern needs a named group (?P<speaker>...) for the label")
    return regex


def line_of(text: str, offset: int) -> int:
    """1-based line number of a code-point offset in ``text``."""
    return text.count("\n", 0, offset) + 1


def _turn(text: str, transcript: str, speaker: str, role: str, start: int, end: int) -> dict:
    body = text[start:end]
    lead = len(body) - len(body.lstrip())
    stripped = body.strip()
    s = start + lead
    return {
        "turn": 0,
        "speaker": speaker,
        "role": role,
        "start": s,
        "end": s + len(stripped),
        "text": stripped,
    }
