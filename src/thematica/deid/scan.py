"""The scan: pattern and NER findings combined, placeholders and allowlisted terms set aside.

A finding is dropped as **clean** when nothing is left of its text once placeholders, titles,
articles, fillers and a few generic clinical acronyms are taken out (:mod:`thematica.deid.clean`:
``Dr. [NAME]``, ``<CLINIC>``, ``[REDACTED]``, ``***``, ``XXX``, a pseudonym such as ``[PERSON_1]`` written
by :func:`thematica.deid.redact.redact_text`, "Hmm" or "CBT" tagged as an entity). It is
**allowlisted** when nothing is left once the study's allowlist terms (:mod:`thematica.deid.allowlist`)
are taken out as well (product names, "Dr. Google", the study's speaker labels and participant ids).
Everything else is **flagged**. Overlapping flagged findings are merged into one span labelled with the
most specific kind (:data:`thematica.deid.model.KINDS` order).

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

# Allowlist and read_allowlist are imported from here too
from thematica.deid.allowlist import Allowlist, read_allowlist  # noqa: F401
from thematica.deid.clean import NEUTRAL_WORDS, is_clean
from thematica.deid.model import KINDS, Finding
from thematica.deid.patterns import find_patterns
from thematica.deid.structure import LABEL_KINDS, Structure, structure_spans
from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

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
