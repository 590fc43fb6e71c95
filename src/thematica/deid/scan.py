"""The scan: pattern and NER findings combined, placeholders and allowlisted terms set aside.

A finding is dropped as **clean** when nothing is left of its text once placeholders, titles,
articles, fillers and a few generic clinical acronyms are taken out: ``Dr. [NAME]``, ``<CLINIC>``,
``[REDACTED]``, ``***``, ``XXX``, a pseudonym such as ``[PERSON_1]`` written by
:func:`thematica.deid.redact.redact_text`, "Hmm" or "CBT" tagged as an entity. It is
**allowlisted** when nothing is left once the study's allowlist terms are taken out as well
(product names, "Dr. Google", the study's speaker labels and participant ids). Everything else is
**flagged**. Overlapping flagged findings are merged into one span labelled with the most specific
kind (:data:`thematica.deid.model.KINDS` order).

Before that, the transcript's structure is set aside (:mod:`thematica.deid.structure`: speaker labels,
label lines, timestamps, subtitle timings, transcription tools' header and footer lines, title lines,
backchannels such as "Mm-hmm"): a finding of spaCy or of a pattern wholly inside it is dropped, one partly
inside it is cut to the rest. Whether a speaker label is itself a person's name is judged by
:func:`speaker_label_findings`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from thematica.deid.model import KINDS, Finding
from thematica.deid.patterns import find_patterns
from thematica.deid.structure import LABEL_KINDS, Structure, structure_spans
from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file

log = logging.getLogger(__name__)

#: Labels used in pseudonyms (``[PERSON_1]``) and accepted as placeholders.
PSEUDONYM_LABELS = {
    "name": "PERSON",
    "location": "LOCATION",
    "facility": "FACILITY",
    "organization": "ORGANIZATION",
    "date": "DATE",
    "email": "EMAIL",
    "phone": "PHONE",
    "url": "URL",
    "record_number": "ID",
    "address": "ADDRESS",
    "postcode": "POSTCODE",
    "age": "AGE",
}
_PLACEHOLDER_WORDS = frozenset(
    (
        "name names redacted removed deleted anonymised anonymized deidentified de-identified withheld "
        "person participant patient client therapist doctor clinician provider staff colleague friend "
        "partner spouse husband wife family relative child son daughter sibling clinic hospital practice "
        "service organisation organization company employer school university college workplace agency "
        "place location city town village county state country region area street address postcode zip "
        "date day month year age number phone email e-mail url website id identifier redaction"
    ).split()
)
_CONNECTORS = frozenset(
    "of the a an and or my her his their our your own first last full given family "
    "maiden home work other another same s".split()
)
_BRACKETED = re.compile(r"[\[<{]([^\[\]<>{}\n]{1,60})[\]>}]")
_CAPS_CONTENT = re.compile(r"\s*[A-Z][A-Z0-9_ .&/'-]{0,40}\s*")
_MASKS = re.compile(
    r"\*{2,}|(?<![A-Za-z])[Xx]{3,}(?![A-Za-z])|_{3,}|#{3,}"  # ***, XXX, ___
    r"|\b(?:" + "|".join(PSEUDONYM_LABELS.values()) + r")_\d+\b"  # PERSON_1 (a pseudonymised speaker label)
)


def _is_placeholder_content(content: str) -> bool:
    """Bracket content that marks a removed identifier: all capitals, or only placeholder words."""
    if _CAPS_CONTENT.fullmatch(content):
        return True
    words = re.findall(r"[A-Za-z][A-Za-z-]*|\d+", content.replace("’", "'"))
    return (
        bool(words)
        and any(w.casefold() in _PLACEHOLDER_WORDS for w in words)
        and all(
            w.casefold() in _PLACEHOLDER_WORDS or w.casefold() in _CONNECTORS or w.isdigit() for w in words
        )
    )


def strip_placeholders(text: str) -> str:
    """``text`` with placeholders blanked out.

    Placeholders are bracketed (``[]``, ``<>``, ``{}``) text in capitals (``[NAME]``,
    ``<CLINIC>``, ``[PERSON_1]``) or made only of placeholder words (``[name of clinic]``,
    ``[patient's husband]``, ``[redacted]``), masks (``***``, ``XXX``, ``___``) and bare
    pseudonyms (``PERSON_1``).

    Examples
    --------
    >>> strip_placeholders("[Name] and <CLINIC> and [John] and XXX").split()
    ['and', 'and', '[John]', 'and']
    """
    text = _BRACKETED.sub(lambda m: " " if _is_placeholder_content(m[1]) else m[0], text)
    return _MASKS.sub(" ", text)


#: Words that are never an identifier on their own.
NEUTRAL_WORDS = frozenset(
    (
        # titles and forms of address
        "dr doctor mr mrs ms miss mx prof professor sir madam madame nurse rev sister brother "
        "mom mum mother dad father grandma grandpa auntie uncle aunt md phd rn np lcsw msw psyd "
        # articles, pronouns and fillers
        "the a an my our your his her their this that hmm hm mm mmm mm-hm mhm uh um er erm ah oh yeah yes "
        "no okay ok right well so like wow sorry thanks hi hello bye s "
        # generic clinical and technical acronyms
        "ai ml app apps cbt dbt act emdr ect tms ipt mbct phq gad phq-9 gad-7 ptsd adhd ocd bpd mdd "
        "gp er ed icu ehr emr ssri ssris snri maoi nhs fda hipaa gdpr irb covid covid-19 "
        # words that announce an identifier (the identifier itself is found by a pattern)
        "mrn ssn id chart record records account number no "
        "monday tuesday wednesday thursday friday saturday sunday weekend today tomorrow yesterday"
    ).split()
)
_WORD = re.compile(r"[\w][\w'’.-]*")


@dataclass(frozen=True)
class Allowlist:
    """A study's known false positives.

    Parameters
    ----------
    terms
        Words or phrases matched case-insensitively as whole words ("MindMate", "Dr. Google").
    patterns
        Regular expressions (``re:`` lines of an allowlist file), matched case-insensitively.

    Examples
    --------
    >>> allow = Allowlist(terms=("MindMate", "Dr. Google"))
    >>> allow.covers("the MindMate app's"), allow.covers("Dr. Google"), allow.covers("Maria")
    (True, True, False)
    """

    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    _regex: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alternatives = [
            re.escape(" ".join(t.split())).replace(r"\ ", r"\s+") for t in self.terms if t.strip()
        ]
        alternatives.sort(key=len, reverse=True)
        alternatives += [f"(?:{p})" for p in self.patterns]
        regex = (
            re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)
            if alternatives
            else None
        )
        object.__setattr__(self, "_regex", regex)

    def extended(self, terms: Iterable[str]) -> Allowlist:
        """A copy with more terms (e.g. the study's speaker labels and participant ids)."""
        return Allowlist(tuple(dict.fromkeys([*self.terms, *terms])), self.patterns)

    def remove(self, text: str) -> str:
        """``text`` with every allowlisted term blanked out."""
        return text if self._regex is None else self._regex.sub(" ", text)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every allowlisted term in ``text``."""
        return [] if self._regex is None else [m.span() for m in self._regex.finditer(text)]

    def covers(self, text: str) -> bool:
        """Whether nothing identifying is left of ``text`` once allowlisted terms are removed."""
        return is_clean(self.remove(text))


def read_allowlist(path: str | Path | None) -> Allowlist:
    """Read an allowlist file: one term per line; ``#`` starts a comment; ``re:`` starts a regex.

    A missing file (or ``None``) is an empty allowlist.

    Raises
    ------
    ThematicaError
        If a ``re:`` line is not a valid regular expression (naming the file and line).
    """
    if path is None or not Path(path).is_file():
        return Allowlist()
    terms, patterns = [], []
    for number, raw in enumerate(read_text_file(path).split("\n"), start=1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("re:") else raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("re:"):
            pattern = line[3:].strip()
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ThematicaError(
                    f"allowlist pattern {pattern!r} is not a valid regular expression: {exc}",
                    path=path,
                    line=number,
                ) from None
            patterns.append(pattern)
        else:
            terms.append(line)
    return Allowlist(tuple(terms), tuple(patterns))


def is_clean(text: str) -> bool:
    """Whether ``text`` is only placeholders, punctuation and neutral words.

    Examples
    --------
    >>> is_clean("Dr. [NAME]"), is_clean("<CLINIC>"), is_clean("XXX-XXX"), is_clean("[PERSON_2]'s")
    (True, True, True, True)
    >>> is_clean("Dr. Okafor"), is_clean("[NAME] Okafor")
    (False, False)
    """
    rest = strip_placeholders(text)
    for word in _WORD.findall(rest):
        word = re.sub(r"['’]s?$", "", word).casefold().rstrip(".")
        if word and word not in NEUTRAL_WORDS and f"{word}." not in NEUTRAL_WORDS:
            return False
    return True


#: Speaker labels made only of these words (and digits) name a role, not a person.
ROLE_WORDS = frozenset(
    "interviewer interviewee int iv participant respondent moderator facilitator researcher speaker "
    "client therapist patient doctor clinician counselor counsellor psychiatrist psychologist nurse host "
    "guest member unknown inaudible unidentified male female man woman voice audience team group all both "
    "carer caregiver parent partner relative student teacher manager staff observer note notes "
    # the same roles in a few other languages (a study's own labels are allowlisted anyway)
    "kérdező válaszadó interjúalany entrevistador entrevistadora entrevistado entrevistada interviewerin "
    "befragte befragter befragerin enquêteur enquêtrice intervistatore intervistatrice intervistato "
    "q a r i p".split()
)
#: Titles that make a single further word of a label a name (``Dr. Okafor``).
TITLES = frozenset("dr doctor mr mrs ms miss mx prof professor sir madam rev".split())


def label_is_name(label: str) -> bool:
    """Whether a speaker label looks like a person's name.

    It does when it has no digit and holds two capitalised words that are not role or neutral words
    (``Rosalind Whitcombe``, the full names Otter, Teams and Zoom write), or a title and one such word
    (``Dr. Okafor``). One given name alone (``Zoë``, ``Maria``) is taken for the pseudonym a researcher
    gave a speaker, and a label of role words (``Interviewer``, ``Carer A``, ``Kérdező``) for a role.

    Examples
    --------
    >>> [label_is_name(x) for x in ("Rosalind Whitcombe", "Dr. Okafor", "Zoë", "Speaker 1", "Carer A")]
    [True, True, False, False, False]
    """
    if any(ch.isdigit() for ch in label):
        return False
    words = [w.strip(".").casefold() for w in re.findall(r"[^\W\d_][\w'’.-]*", label)]
    capitalised = [w[:1].isupper() for w in re.findall(r"[^\W\d_][\w'’.-]*", label)]
    names = sum(
        cap and w not in ROLE_WORDS and w not in NEUTRAL_WORDS
        for w, cap in zip(words, capitalised, strict=True)
    )
    return names >= 2 or (names >= 1 and any(w in TITLES for w in words))


def speaker_label_findings(
    text: str, speaker_pattern: str, structure: Structure | None = None
) -> list[Finding]:
    """Speaker labels that look like a person's name (``Rosalind Whitcombe:``), as ``name`` findings.

    The labels are those the study's ``speaker_pattern`` matches and those of the transcript's structure
    (:func:`thematica.deid.structure.structure_spans`: Otter's ``Name  0:03`` lines, Rev's
    ``Name (00:00:03):``, labels in any script, the ``<who>`` of "<who> started transcription"); each is
    judged by :func:`label_is_name`. NER rarely tags names in label position, hence this detector.

    Examples
    --------
    >>> from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN
    >>> t = "Interviewer: Hi.\\nP07: Hello.\\nRosalind Whitcombe: Sorry, the door.\\nZoë: Hi.\\n"
    >>> [t[f.start:f.end] for f in speaker_label_findings(t, DEFAULT_SPEAKER_PATTERN)]
    ['Rosalind Whitcombe']
    """
    from thematica.ingest.turns import compile_speaker_pattern

    regex = compile_speaker_pattern(speaker_pattern)
    structure = structure_spans(text) if structure is None else structure
    spans, offset = set(structure.labels), 0
    for line in text.splitlines(keepends=True):
        match = regex.match(line)
        if match:
            start, end = match.span("speaker")
            spans.add((offset + start, offset + end))
        offset += len(line)
    return [
        Finding(start, end, "name", "pattern:speaker_label")
        for start, end in sorted(spans)
        if label_is_name(text[start:end])
    ]


def set_aside(text: str, finding: Finding, masks: tuple[bytearray, bytearray]) -> Finding | None:
    """``finding`` cut to what lies outside the transcript's structure, or None if nothing of it does.

    ``masks`` is :meth:`thematica.deid.structure.Structure.masks` of ``text``; labels count for the kinds in
    :data:`thematica.deid.structure.LABEL_KINDS` only.
    """
    every, labels = masks
    use_labels = finding.kind in LABEL_KINDS

    def outside(i: int) -> bool:
        return not every[i] and not (use_labels and labels[i])

    start, end = finding.start, finding.end
    if all(outside(i) for i in range(start, end)):
        return finding
    if not any(outside(i) and text[i].isalnum() for i in range(start, end)):
        return None
    while not (outside(start) and text[start].isalnum()):
        start += 1
    while not (outside(end - 1) and (text[end - 1].isalnum() or text[end - 1] in ".)]'’")):
        end -= 1
    return Finding(start, end, finding.kind, finding.detector, finding.status)


def scan_text(
    text: str,
    *,
    allowlist: Allowlist | None = None,
    kinds: Sequence[str] = KINDS,
    ner: bool = True,
    speaker_pattern: str | None = None,
    entities: Sequence[Finding] | None = None,
) -> list[Finding]:
    """Find possible identifiers in a transcript's canonical text.

    Parameters
    ----------
    text
        Canonical text.
    allowlist
        The study's known false positives; findings it covers get status ``allowlisted``.
    kinds
        Kinds to look for (default all of :data:`thematica.deid.model.KINDS`).
    ner
        Run spaCy's named-entity recogniser (names, places, organisations, dates); False runs
        the patterns only.
    speaker_pattern
        The study's speaker-label pattern: labels that look like names are flagged
        (:func:`speaker_label_findings`); None skips this check.
    entities
        The named entities of ``text`` found beforehand (:mod:`thematica.deid.entities`), used instead of
        running spaCy here (with ``ner`` True).

    Returns
    -------
    list of Finding
        Non-overlapping flagged findings and the allowlisted ones that overlap none of them,
        sorted by start.

    Examples
    --------
    >>> text = "P01: Call me on (617) 555-0134, or at [EMAIL]; MRN 00482917."
    >>> [(f.kind, text[f.start:f.end]) for f in scan_text(text, ner=False)]
    [('phone', '(617) 555-0134'), ('record_number', '00482917')]
    """
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ThematicaError(f"unknown identifier kind(s) {unknown}; known kinds: {list(KINDS)}")
    allowlist = allowlist or Allowlist()
    structure = structure_spans(text)
    masks = structure.masks(len(text))
    raw = find_patterns(text)
    labels = speaker_label_findings(text, speaker_pattern, structure) if speaker_pattern else []
    if ner and entities is not None:
        raw += list(entities)
    elif ner:
        from thematica.deid.ner import find_entities

        raw += find_entities(text)
    # the structure is set aside for every detector but the speaker labels' own (the order kept for merging)
    raw = [kept for finding in raw if (kept := set_aside(text, finding, masks)) is not None]
    n_patterns = sum(f.detector.startswith("pattern:") for f in raw)
    raw = raw[:n_patterns] + labels + raw[n_patterns:]
    raw = [piece for finding in raw for piece in _split_lines(text, finding)]
    wanted = set(kinds)
    # an allowlisted term is matched in the whole text, so "Google" tagged inside "Dr. Google" is covered
    allowed_chars = [False] * len(text)
    for start, end in allowlist.spans(text):
        allowed_chars[start:end] = [True] * (end - start)
    flagged, allowed = [], []
    for finding in raw:
        if finding.kind not in wanted or finding.end <= finding.start:
            continue
        surface = text[finding.start : finding.end]
        if is_clean(surface):
            continue
        rest = "".join(" " if allowed_chars[i] else text[i] for i in range(finding.start, finding.end))
        if is_clean(rest) or allowlist.covers(surface):
            allowed.append(finding)
        else:
            flagged.append(finding)
    merged = merge_overlapping(flagged, "flagged")
    allowed = [f for f in merge_overlapping(allowed, "allowlisted") if not _overlaps_any(f, merged)]
    return sorted(merged + allowed, key=lambda f: (f.start, f.end))


def merge_overlapping(findings: Iterable[Finding], status: str) -> list[Finding]:
    """Merge overlapping findings into their union, labelled with the most specific kind.

    Examples
    --------
    >>> merge_overlapping([Finding(0, 5, "name", "ner:PERSON"), Finding(3, 9, "email", "pattern:email")],
    ...                   "flagged")
    [Finding(start=0, end=9, kind='email', detector='ner:PERSON+pattern:email', status='flagged')]
    """
    rank = {kind: i for i, kind in enumerate(KINDS)}
    groups: list[list[Finding]] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if groups and finding.start < max(f.end for f in groups[-1]):
            groups[-1].append(finding)
        else:
            groups.append([finding])
    merged = []
    for group in groups:
        kind = min((f.kind for f in group), key=rank.__getitem__)
        detectors = "+".join(dict.fromkeys(d for f in group for d in f.detector.split("+")))
        merged.append(Finding(group[0].start, max(f.end for f in group), kind, detectors, status))
    return merged


def _split_lines(text: str, finding: Finding) -> list[Finding]:
    """A finding cut at line breaks (a pattern may match across one), blank pieces dropped.

    Redaction must never swallow a line break: lines are turns.
    """
    pieces, start = [], finding.start
    while start < finding.end:
        stop = text.find("\n", start, finding.end)
        stop = finding.end if stop < 0 else stop
        piece = text[start:stop]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            s = start + lead
            pieces.append(Finding(s, s + len(piece.strip()), finding.kind, finding.detector, finding.status))
        start = stop + 1
    return pieces


def _overlaps_any(finding: Finding, others: list[Finding]) -> bool:
    return any(finding.start < other.end and other.start < finding.end for other in others)
