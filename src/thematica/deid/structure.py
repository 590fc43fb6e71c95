"""Transcript structure that is never an identifier: speaker labels, timestamps, tool lines, backchannels.

The scan (:func:`thematica.deid.scan.scan_text`) sets these spans aside before it judges a finding of
spaCy or of a pattern, so a study's first run does not stop on the shape of its transcripts. The spans are
computed from the text itself with the regular expressions below, whatever reader or transcription tool
produced it (this module imports no reader and no speaker pattern). The rules:

**Speaker labels** (:data:`LABEL`), at a line start: one to four words, the first a letter of any script
(``Interviewer``, ``P07``, ``Zoë``, ``Kérdező``, ``Speaker 1``, ``Carer A``), later ones capitalised or
a number of up to three digits, then a colon; optionally bold (``**Interviewer:**``, ``__R:__``), after
a timestamp (``[00:12:31] I:``), or with a timestamp in brackets before the colon
(``Interviewer (00:00:03):``, Rev). **Label lines** (:data:`LABEL_LINE`): a label alone on its line
followed by a timestamp, the text on the next line (Otter: ``Speaker 1  0:03``). Inside a label, spaCy's
entities and dates are set aside (``Participant`` tagged as an organisation); e-mail addresses, phone,
record and other numbers are still found. Whether a label is itself a person's name is judged by
:func:`thematica.deid.scan.speaker_label_findings` (a full name such as ``Rosalind Whitcombe`` is).

**Timestamps** (:data:`TIMESTAMP`): ``0:03``, ``12:40``, ``1:02:03``, ``00:00:03.120`` (optionally in
``[]`` or ``()``), and whole **cue lines** of subtitles (:data:`CUE_TIMING`: ``00:00:04.250 -->
00:00:09.900`` with any cue settings, SRT's ``,`` included) with the cue number on the line before.

**Tool lines** (:data:`TOOL_LINE`): a ``WEBVTT`` header; ``Transcribed by https://otter.ai`` (any
``Transcribed by/with/using`` a tool's name or address alone on a line); Teams and Zoom's
``<who> started transcription`` / ``stopped transcription`` (and ``recording``), where ``<who>`` is
treated as a label (a full name there is still flagged). **Title lines** (:data:`TITLE`): before the
first label, a line naming the document, ``Interview N04 – nurse``, ``# Focus group 2 – carers``,
``Transcript: interview 12``: a document word (interview, focus group, transcript, session, recording,
meeting, conversation, discussion), an id of up to three letters and four digits, and a description;
its capitalised words after the id stay in the scan (``Interview 3 – Maria Lopez`` is flagged).
**Header metadata** (:data:`HEADER_META`): before the first label, a line holding only the recording's
date, time or length (Teams' ``March 12, 2024, 9:03AM`` and ``45m 12s``, Otter's ``Mon, Mar 14, 2024
10:02AM • 45:12``): the tool's record of the session, not something a participant said. A date anywhere
else, a header line included when it holds anything more, is still found.

**Backchannels** (:data:`BACKCHANNEL`), anywhere: ``Mm-hmm``, ``Mm-hm``, ``Mhm``, ``Mmhmm``, ``Mm``,
``Hmm``, ``Hm``, ``Uh-huh``, ``Uh huh``, ``Uh-uh``, ``Mm-mm``, ``Yeah``, ``Yep``, ``Yup``, any case.

Everything but the labels is set aside for every kind of finding. A finding partly inside these spans
is cut to the rest (``Mm-hmm Sarah`` -> ``Sarah``); one wholly inside them is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A timestamp: ``0:03``, ``1:02:03``, ``00:00:03.120``, ``00:00:10,120``.
_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
TIMESTAMP = re.compile(rf"(?<![\w:.,])(?:\[{_TS}\]|\({_TS}\)|{_TS})(?![\w:]|[.,]\d)")
#: A subtitle cue's timing line (WebVTT or SRT), settings included.
CUE_TIMING = re.compile(rf"^[ \t]*{_TS}[ \t]*-->[ \t]*{_TS}(?:[ \t]+[^\n]*)?[ \t]*$", re.MULTILINE)
_CUE_NUMBER = re.compile(r"^[ \t]*\d{1,6}[ \t]*\n(?=[ \t]*" + _TS + r"[ \t]*-->)", re.MULTILINE)

_FIRST_WORD = r"[^\W\d_][\w'’.\-]*"
_LABEL_WORDS = rf"{_FIRST_WORD}(?:[ \t]+(?:(?=[^\W\d_])(?![a-z]){_FIRST_WORD}|\d{{1,3}}))" + r"{0,3}"
_BOLD = r"(?:\*\*|__)"
_BRACKET_TS = rf"(?:\[{_TS}\]|\({_TS}\))"
#: A speaker label at a line start, up to and including its colon; group ``label`` is the label itself.
LABEL = re.compile(
    rf"^[ \t]*(?:{_BRACKET_TS}[ \t]+|{_TS}[ \t]+)?{_BOLD}?(?P<label>{_LABEL_WORDS}){_BOLD}?"
    rf"(?:[ \t]*{_BRACKET_TS})?[ \t]*{_BOLD}?:{_BOLD}?(?=[ \t]|$)",
    re.MULTILINE,
)
#: An Otter-style label line: the label, two spaces or more (or a tab), a timestamp, nothing else.
LABEL_LINE = re.compile(
    rf"^[ \t]*{_BOLD}?(?P<label>{_LABEL_WORDS}){_BOLD}?(?:[ \t]{{2,}}|\t)(?:{_TS}|{_BRACKET_TS})[ \t]*$",
    re.MULTILINE,
)
#: Lines written by the transcription tool.
TOOL_LINE = re.compile(
    r"^[ \t]*(?:WEBVTT\b[^\n]*"
    r"|(?i:transcribed (?:by|with|using) (?:https?://)?[\w.-]+(?:\.[a-z]{2,})?/?)[ \t]*"
    r"|(?P<who>" + _LABEL_WORDS + r")[ \t]+(?i:(?:started|stopped) (?:transcription|recording))\.?[ \t]*)$",
    re.MULTILINE,
)
#: A title line naming the document (looked for before the first label only).
TITLE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+)?(?P<head>(?:interview|focus[ \t]+group|transcript|session|recording|meeting"
    r"|conversation|discussion)(?:[ \t]*:)?(?:[ \t]+(?:interview|no\.?|number))?[ \t]*#?"
    r"[A-Za-z]{0,3}\d{1,4}[A-Za-z]?)\b(?P<rest>[^\n]{0,80})$",
    re.MULTILINE | re.IGNORECASE,
)
#: Backchannels and fillers that spaCy sometimes takes for a name.
BACKCHANNEL = re.compile(
    r"(?<![\w'’-])(?:m+-?h+m+|m{2,}|h+m+|m+h+m+|uh[- ]?huh|uh-uh|mm-mm|yeah|yep|yup)(?![\w'’-])",
    re.IGNORECASE,
)
_CAPITALISED_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?"
_DATE = (
    rf"(?:(?:{_DAY},?[ \t]+)?(?:{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}"
    rf"|\d{{1,2}}[ \t]+{_MONTH},?[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))"
)
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}[ \t]*(?:[ap]\.?m\.?)?"
_LENGTH = r"(?:\d+[ \t]*(?:h|hr|hrs|m|min|mins|s|sec|secs)\b[ \t]*){1,3}"
#: A recording's date, time or length alone on a line of a tool's header (before the first label):
#: ``March 12, 2024, 9:03AM`` and ``45m 12s`` (Teams), ``Mon, Mar 14, 2024 10:02AM • 45:12`` (Otter).
HEADER_META = re.compile(
    rf"^[ \t]*(?:{_DATE}|{_CLOCK}|{_LENGTH})(?:[ \t,•·|–-]+(?:{_CLOCK}|{_LENGTH}))*[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)

#: Kinds set aside inside a speaker label (identifiers with a shape are still found there).
LABEL_KINDS = frozenset({"name", "location", "facility", "organization", "date"})


@dataclass(frozen=True)
class Structure:
    """Spans of a text's structure, as offsets into the text.

    Attributes
    ----------
    labels
        ``(start, end)`` of each speaker label's text (``Interviewer``, ``Speaker 1``, ``Zoë``): the
        candidates for :func:`thematica.deid.scan.speaker_label_findings`.
    label_spans
        The labels with their markup, timestamps and colon: set aside for :data:`LABEL_KINDS`.
    spans
        Timestamps, cue lines, tool lines, title lines and backchannels: set aside for every kind.
    """

    labels: tuple[tuple[int, int], ...]
    label_spans: tuple[tuple[int, int], ...]
    spans: tuple[tuple[int, int], ...]

    def masks(self, length: int) -> tuple[bytearray, bytearray]:
        """``(all_kinds, label_kinds)``: per character 1 where it is set aside, 0 elsewhere."""
        every, labels = bytearray(length), bytearray(length)
        for start, end in self.spans:
            every[start:end] = b"\x01" * (end - start)
        for start, end in self.label_spans:
            labels[start:end] = b"\x01" * (end - start)
        return every, labels


def structure_spans(text: str) -> Structure:
    """Find the structure of a transcript's canonical text (see the module docstring for the rules).

    Examples
    --------
    >>> t = "Interview N04 – nurse\\n\\nSpeaker 1  0:03\\nMm-hmm. Okay.\\n**Zoë:** Yes.\\n"
    >>> s = structure_spans(t)
    >>> [t[a:b] for a, b in s.labels]
    ['Speaker 1', 'Zoë']
    >>> sorted(t[a:b] for a, b in s.spans)
    [' – nurse', '0:03', 'Interview N04', 'Mm-hmm']
    """
    labels: list[tuple[int, int]] = []
    label_spans: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    tool_lines = set()
    for match in TOOL_LINE.finditer(text):
        if match.group("who"):
            labels.append(match.span("who"))
            label_spans.append(match.span("who"))
            spans.append((match.end("who"), match.end()))
        else:
            spans.append(match.span())
        tool_lines.add(match.start())
    for regex in (LABEL, LABEL_LINE):
        for match in regex.finditer(text):
            if match.start() in tool_lines:
                continue
            labels.append(match.span("label"))
            label_spans.append(match.span())
    for regex in (CUE_TIMING, _CUE_NUMBER, TIMESTAMP, BACKCHANNEL):
        spans += [m.span() for m in regex.finditer(text)]
    first_label = min((start for start, _ in label_spans), default=len(text))
    spans += [m.span() for m in HEADER_META.finditer(text, 0, first_label)]
    for match in TITLE.finditer(text, 0, first_label):
        spans.append(match.span("head"))
        rest_start = match.start("rest")
        # the description's lower-case words, numbers and punctuation; capitalised words stay in the scan
        cursor = rest_start
        for word in _CAPITALISED_WORD.finditer(match.group("rest")):
            if word.group()[0].isupper():
                spans.append((cursor, rest_start + word.start()))
                cursor = rest_start + word.end()
        spans.append((cursor, match.end()))
    return Structure(
        tuple(sorted(set(labels))),
        tuple(sorted(set(label_spans))),
        tuple(sorted({s for s in spans if s[1] > s[0]})),
    )
