"""Transcript structure is set aside: no finding on labels, timestamps, tool lines, titles, backchannels,
while identifiers in and around them are still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from thematica.deid.scan import label_is_name, scan_text
from thematica.deid.structure import structure_spans
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN

FORMATS = Path(__file__).parent / "formats"
#: Identifier-free texts shaped like each tool's export, as the readers hand them to the scan.
FIXTURES = sorted(p.name for p in FORMATS.iterdir() if p.suffix in (".txt", ".md"))
#: A speaker pattern that takes labels in any script (engineer-agnostic: the scan must not depend on it).
ANY_SCRIPT = r"^[ \t]*(?:\*\*|__)?(?P<speaker>[^\W\d_][\w'’.\-]*(?:[ \t][\w'’.\-]+){0,3}?)(?:\*\*|__)?[ \t]*:"


def test_every_format_is_covered():
    assert FIXTURES == [
        "handtyped.txt",
        "markdown.md",
        "otter.txt",
        "rev.txt",
        "teams.txt",
        "vtt_timings.txt",
        "zoom.txt",
    ]


@pytest.mark.parametrize("pattern", [DEFAULT_SPEAKER_PATTERN, ANY_SCRIPT])
@pytest.mark.parametrize("name", FIXTURES)
def test_no_finding_in_identifier_free_exports(name, pattern):
    """No allowlist at all: a study's first run with its own labels."""
    text = (FORMATS / name).read_text(encoding="utf-8")
    found = [(f.kind, f.detector, text[f.start : f.end]) for f in scan_text(text, speaker_pattern=pattern)]
    assert found == []


def test_structure_of_an_otter_export():
    text = (FORMATS / "otter.txt").read_text(encoding="utf-8")
    structure = structure_spans(text)
    labels = {text[a:b] for a, b in structure.labels}
    assert labels == {"Speaker 1", "Participant", "Unknown Speaker"}
    spans = {text[a:b] for a, b in structure.spans}
    assert {"Interview N04", " – nurse", "0:03", "1:02:03", "Transcribed by https://otter.ai"} <= spans
    assert {"Mm-hmm", "Uh-huh", "Uh huh", "Mhm", "Hmm", "Yeah"} <= spans


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Interviewer: Hi.", "Interviewer"),
        ("Zoë: Hi.", "Zoë"),
        ("Kérdező: Hi.", "Kérdező"),
        ("**Interviewer:** Hi.", "Interviewer"),
        ("__R:__ Hi.", "R"),
        ("Interviewer (00:00:03): Hi.", "Interviewer"),
        ("Speaker 1 (01:02):", "Speaker 1"),
        ("Speaker 1  0:03", "Speaker 1"),
        ("Unknown Speaker  1:02:03", "Unknown Speaker"),
        ("[00:12:31] I: Hi.", "I"),
        ("Carer B: Hi.", "Carer B"),
    ],
)
def test_labels(line, label):
    text = line + "\n"
    assert [text[a:b] for a, b in structure_spans(text).labels] == [label]


@pytest.mark.parametrize(
    "line",
    [
        "Maria said: it's fine.",  # later label words are capitalised: this is speech
        "So what I told them was this: nothing.",  # more than four words
        "P01: Mm-hmm.",  # a label, but its text is not
    ],
)
def test_speech_is_not_a_label(line):
    text = line + "\n"
    labels = [text[a:b] for a, b in structure_spans(text).labels]
    assert labels in ([], ["P01"])


def test_identifiers_in_and_around_the_structure_are_still_found():
    text = (
        "Interview 3 – Margaret Okonkwo\n"
        "Maria Lopez started transcription\n"
        "Rosalind Whitcombe  0:03\n"
        "Mm-hmm, Margaret told me to call 617-555-0134 at 10:30.\n"
        "**Dr. Feldman:** Uh-huh. Email me at r.w@example.org.\n"
        "Participant (00:01:02): Yeah, I live at 12 Baker Street, Springfield.\n"
        "Zoë: My MRN is 00482917, Mhm.\n"
    )
    found = {text[f.start : f.end]: f.kind for f in scan_text(text, speaker_pattern=DEFAULT_SPEAKER_PATTERN)}
    assert found == {
        "Margaret Okonkwo": "name",  # a capitalised word in a title stays in the scan
        "Maria Lopez": "name",  # who started the transcription, a full name
        "Rosalind Whitcombe": "name",  # an Otter label line with a full name
        "Margaret": "name",  # cut from "Mm-hmm, Margaret" if spaCy took both
        "617-555-0134": "phone",
        "Dr. Feldman": "name",
        "r.w@example.org": "email",
        "12 Baker Street": "address",
        "Springfield": "location",
        "00482917": "record_number",
    }


def test_a_finding_is_cut_to_what_lies_outside_the_structure():
    from thematica.deid.model import Finding
    from thematica.deid.scan import set_aside

    text = "P01: Mm-hmm Sarah was there.\n"
    masks = structure_spans(text).masks(len(text))
    cut = set_aside(text, Finding(5, 17, "name", "ner:PERSON"), masks)
    assert text[cut.start : cut.end] == "Sarah"
    assert set_aside(text, Finding(5, 11, "name", "ner:PERSON"), masks) is None
    assert set_aside(text, Finding(0, 3, "organization", "ner:ORG"), masks) is None  # the label
    assert set_aside(text, Finding(0, 3, "record_number", "pattern:x"), masks) == Finding(
        0, 3, "record_number", "pattern:x"
    )  # shapes are still sought inside a label


@pytest.mark.parametrize(
    ("label", "is_name"),
    [
        ("Rosalind Whitcombe", True),
        ("ROSALIND WHITCOMBE", True),
        ("Dr. Okafor", True),
        ("Zoë", False),
        ("Maria", False),
        ("Kérdező", False),
        ("Unknown Speaker", False),
        ("Speaker 1", False),
        ("Carer A", False),
        ("Interviewer", False),
    ],
)
def test_label_is_name(label, is_name):
    assert label_is_name(label) is is_name


def test_header_metadata_lines_are_set_aside_only_before_the_first_label():
    from thematica.deid.structure import structure_spans

    text = (
        "Interview N04 – nurse-20240312_090312-Meeting Recording\nMarch 12, 2024, 9:03AM\n45m 12s\n"
        "Mon, Mar 14, 2024 10:02AM • 45:12\nAnn Smith started transcription\n"
        "Speaker 1   0:03\nWhen did you start, March 12, 2024?\nMarch 12, 2024, 9:03AM\n"
    )
    spans = structure_spans(text).spans
    set_aside = {text[a:b] for a, b in spans}
    assert {"March 12, 2024, 9:03AM", "45m 12s", "Mon, Mar 14, 2024 10:02AM • 45:12"} <= set_aside
    after = text.index("Speaker 1")
    assert not [text[a:b] for a, b in spans if a >= after and "2024" in text[a:b]]  # dates in speech stay
