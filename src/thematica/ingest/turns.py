"""Speaker turns: split a transcript's canonical text into labelled turns.

A turn starts at a line whose beginning matches a speaker pattern and runs until the next such line. The
built-in patterns (:data:`BUILTIN_SPEAKER_PATTERNS`, tried in order, the first match wins):

- ``inline``: the label and a colon, then the text on the same line: ``Interviewer:``, ``P07:``,
  ``**P07:**``, ``**Interviewer**:``, ``[00:01:02] P07:``, ``00:01:02 P07:``,
  ``Participant 7 (psychiatrist):``, ``Interviewer (00:00:03):``, ``Kérdező:``, ``Zoë:`` (a label is up
  to four words of letters in any script, digits, ``' _ . -``, beginning with a letter);
- ``name_time``: the label and a time alone on a line, the text on the next lines, as Otter.ai (.txt, .docx)
  and Microsoft Teams (.docx) export it: ``Speaker 1  0:03``, ``Ann Smith   1:02:03``;
- ``name_time_colon``: Rev's ``Speaker 1 (00:03):`` / ``Ann Smith (01:02:03):`` alone on a line;
- ``bracket_name_time``: Zoom's saved transcript ``[Ann Smith] 12:03:04``, the text on the same or next line.

Lines without a label continue the current turn. Text before the first label is kept as an ``unattributed``
turn so that nothing is lost, and so is a line a transcription tool wrote (:mod:`thematica.ingest.tooltext`:
``Transcribed by https://otter.ai``, ``Ann Smith stopped transcription``); speech after such a line continues
the speaker before it. Roles are decided by :func:`thematica.ingest.roles.decide_roles`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError
from thematica.ingest.roles import decide_roles, label_key
from thematica.ingest.tooltext import is_tool_line

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

#: A label: a letter (any script), then up to three more words of letters, digits, ``' _ . -``.
_LABEL = r"(?P<speaker>[^\W\d_][\w'.\-]*(?:[ \t][\w'.\-]+){0,3}?)"
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"

#: The inline speaker-label pattern (and the default of the config's ``speaker_pattern``). The named group
#: ``speaker`` is the label. An optional timestamp (``[00:01:02]`` or ``00:01:02``), markdown bold and a
#: parenthesised note may surround it.
DEFAULT_SPEAKER_PATTERN = (
    r"^[ \t]*(?:\[?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]?[ \t]+)?"
    r"(?:\*\*|__)?" + _LABEL + r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+"
)

#: The built-in patterns by name, in the order they are tried (see the module docstring). A pattern that
#: ends with a line break puts the turn's text on the next line.
_BOLD = r"(?:\*\*|__)?"
BUILTIN_SPEAKER_PATTERNS: dict[str, str] = {
    "inline": DEFAULT_SPEAKER_PATTERN,
    "name_time": r"^[ \t]*" + _BOLD + _LABEL + _BOLD + r"[ \t]+" + _TIME + r"[ \t]*\n",
    "name_time_colon": r"^[ \t]*" + _BOLD + _LABEL + r"[ \t]*\(" + _TIME + r"\)[ \t]*:" + _BOLD + r"[ \t]*\n",
    "bracket_name_time": (
        r"^[ \t]*\[(?P<speaker>[^\W\d_][^\[\]\n]{0,59})\][ \t]+" + _TIME + r"(?:[ \t]*\n|[ \t]+)"
    ),
}
#: Built-in patterns whose label must begin with a capital letter: a line such as ``at about 10:30`` is
#: speech, not a label.
_CAPITALISED = ("name_time", "name_time_colon")

ROLES = ("interviewer", "participant", "unattributed")
TURN_COLUMNS = ["transcript", "turn", "speaker", "role", "start", "end", "text"]


def speaker_patterns(speaker_pattern: str | None = None, extra: Sequence[str] = ()) -> list[str]:
    """The patterns to try, in order: the built-in ones (``speaker_pattern`` None or the default) or the
    one ``speaker_pattern`` that replaces them, then ``extra`` (a study's ``speaker_patterns``).

    Examples
    --------
    >>> len(speaker_patterns()), len(speaker_patterns(extra=["^(?P<speaker>Q)> "]))
    (4, 5)
    >>> speaker_patterns("^(?P<speaker>Q)> ")
    ['^(?P<speaker>Q)> ']
    """
    if speaker_pattern is None or speaker_pattern == DEFAULT_SPEAKER_PATTERN:
        return [*BUILTIN_SPEAKER_PATTERNS.values(), *extra]
    return [speaker_pattern, *extra]


def normalise_label(label: str) -> str:
    """Case-fold a speaker label and collapse its inner whitespace (``"P 07 "`` -> ``"p 07"``)."""
    return " ".join(label.split()).casefold()


def parse_turns(
    text: str,
    *,
    transcript: str,
    interviewer_labels: Iterable[str],
    speaker_pattern: str = DEFAULT_SPEAKER_PATTERN,
    speaker_patterns_extra: Sequence[str] = (),
    participant_id: str | None = None,
    participants_per_interview: int = 1,
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
        The study's speaker labels of interviewer speech, compared by
        :func:`thematica.ingest.roles.label_key`
        (common interviewer labels such as ``I`` and ``Moderator`` are interviewer labels in every study).
    speaker_pattern
        Regular expression matched at the start of each line, with a named group ``speaker``; the turn's
        text begins where the match ends. The default stands for every built-in pattern
        (:data:`BUILTIN_SPEAKER_PATTERNS`); another pattern replaces them.
    speaker_patterns_extra
        Patterns tried after those (a study's ``speaker_patterns``).
    participant_id
        The transcript's participant id, a participant label (:func:`thematica.ingest.roles.decide_roles`).
    participants_per_interview
        How many participants may speak in one interview (see :func:`thematica.ingest.roles.decide_roles`).
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
        If a pattern is not a valid regex with a ``speaker`` group, or no line carries a label.

    Examples
    --------
    >>> t = parse_turns("Interviewer: Hi?\\nP01: Hello.\\nMore.\\n", transcript="P01",
    ...                 interviewer_labels=["Interviewer"])
    >>> t[["speaker", "role", "text"]].values.tolist()
    [['Interviewer', 'interviewer', 'Hi?'], ['P01', 'participant', 'Hello.\\nMore.']]
    """
    import pandas as pd

    where = path or transcript
    patterns = speaker_patterns(speaker_pattern, speaker_patterns_extra)
    regexes = [compile_speaker_pattern(p) for p in patterns]
    capitalised = {
        i for i, p in enumerate(patterns) for name in _CAPITALISED if p == BUILTIN_SPEAKER_PATTERNS[name]
    }

    # (label start, text start, speaker or None for unattributed text, kind)
    starts: list[tuple[int, int, str | None, str]] = []
    pos = 0
    current: str | None = None
    for line in text.splitlines(keepends=True):
        match = _match_label(line, regexes, capitalised)
        if match is not None:
            current = " ".join(match.group("speaker").split())
            starts.append((pos, pos + match.end(), current, "label"))
        elif is_tool_line(line):
            starts.append((pos, pos, None, "tool"))
            # what follows the tool's line, up to the next label, is still the speaker before it
            starts.append((pos + len(line), pos + len(line), current, "resume"))
        pos += len(line)
    if not any(kind == "label" for *_, kind in starts):
        raise ThematicaError(
            "no line starts with a speaker label (e.g. 'Interviewer:' or 'P07:'); "
            "label the turns or set 'speaker_pattern' in the config",
            path=where,
        )
    labels = [speaker for _, _, speaker, kind in starts if kind == "label"]
    roles = decide_roles(
        labels,
        interviewer_labels=interviewer_labels,
        participant_id=participant_id,
        participants_per_interview=participants_per_interview,
    )

    rows = []
    if starts[0][0] and text[: starts[0][0]].strip():
        rows.append(_turn(text, transcript, "", "unattributed", 0, starts[0][0]))
        log.warning("%s, line 1: text before the first speaker label kept as unattributed", where)
    for i, (_, body_start, speaker, kind) in enumerate(starts):
        body_end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if kind == "resume" and not text[body_start:body_end].strip():
            continue
        if speaker is None:
            rows.append(_turn(text, transcript, "", "unattributed", body_start, body_end))
        else:
            role = roles[label_key(speaker)].role
            rows.append(_turn(text, transcript, speaker, role, body_start, body_end))
    turns = pd.DataFrame(rows, columns=TURN_COLUMNS[1:])
    turns.insert(0, "transcript", transcript)
    turns["turn"] = range(len(turns))
    return turns[TURN_COLUMNS]


def _match_label(line: str, regexes: list[re.Pattern[str]], capitalised: set[int]) -> re.Match[str] | None:
    """The first pattern's match of a label at the start of ``line`` (see :data:`_CAPITALISED`)."""
    for i, regex in enumerate(regexes):
        match = regex.match(line)
        label = match.group("speaker") if match else None
        if label and (i not in capitalised or label[0].isupper()):
            return match
    return None


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
