"""Matching export sources to transcripts, and re-anchoring or locating spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from thematica.codes.anchor import Anchorer, TranscriptIndex, loose_name
from thematica.codes.exports import Export, RawSpan

TEXTS = {
    "interview_01": "Interviewer: Hi.\nP01: Yes. I trust her. Yes.\n",
    "interview_02": "Interviewer: Hi.\nP02: The app's advice -- it's generic.\n",
    "P3_followup": "Interviewer: Hi.\nP03: More.\n",
}
PARTICIPANTS = {"interview_01": "P01", "interview_02": "P02", "P3_followup": "P03"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("interview_01", "interview_01"),
        ("Interview 01", "interview_01"),
        ("interview_1.docx", "interview_01"),
        ("INTERVIEW-02.txt", "interview_02"),
        ("P02", "interview_02"),
        ("p3", "P3_followup"),  # loose participant id
        ("interview_03", None),
        ("Interview", None),
    ],
)
def test_source_names(name, expected):
    assert TranscriptIndex(TEXTS, PARTICIPANTS).match(name) == expected


def test_loosely_equal_transcripts_are_not_guessed():
    index = TranscriptIndex({"Int-1": "a", "int_01": "b"})
    assert index.match("int 1") is None
    assert index.match("Int-1") == "Int-1"


def test_loose_name_drops_suffix_case_and_leading_zeros():
    assert loose_name("Interview 007.DOCX") == "interview_7"


def _qdpx(source_text: str, spans: list[tuple[int, int]], name: str = "interview_01") -> Export:
    raw = [RawSpan("x.qdpx", "p", "ana", name, ("k",), s, e) for s, e in spans]
    return Export(Path("x.qdpx"), "qdpx", raw, {name: source_text})


def _placed(export, texts=TEXTS):
    anchorer = Anchorer(export, TranscriptIndex(texts))
    return [anchorer.place(s) for s in export.spans]


def test_equal_text_keeps_offsets():
    text = TEXTS["interview_01"]
    (p,) = _placed(_qdpx(text, [(22, 26)]))
    assert (p.start, p.end, p.method) == (22, 26, "offsets")


def test_text_differing_in_whitespace_and_quotes_is_reanchored():
    text = TEXTS["interview_02"]
    exported = "Interviewer:  Hi.\n\nP02: The app\u2019s advice \u2014 it\u2019s generic.\n"
    start = exported.index("advice")
    (p,) = _placed(_qdpx(exported, [(start, len(exported) - 1)], "interview_02"))
    assert p.method == "reanchored"
    assert text[p.start : p.end] == "advice -- it's generic."


def test_edited_text_locates_the_coding_using_context():
    edited = (
        "Interviewer: Hello.\nP01: Yes. I trust her. Yes.\n"  # "Hi" became "Hello" in the transcript later
    )
    first, second = edited.index("Yes"), edited.rindex("Yes")
    p1, p2 = _placed(_qdpx(edited, [(first, first + 4), (second, second + 4)]))
    text = TEXTS["interview_01"]
    assert (p1.method, p1.start) == ("located", text.index("Yes"))
    assert (p2.method, p2.start) == ("located", text.rindex("Yes"))


def test_edited_text_that_cannot_be_found_is_unplaced():
    edited = "Interviewer: Hello.\nP01: No. I doubt her.\n"
    (p,) = _placed(_qdpx(edited, [(edited.index("I doubt"), edited.index("her"))]))
    assert not p.placed and p.reason == "text_not_found"


def test_blank_span_in_edited_text():
    edited = "Interviewer: Hello.\nP01:    Yes.\n"
    (p,) = _placed(_qdpx(edited, [(25, 27)]))
    assert p.reason == "blank_span"


def test_unknown_source():
    (p,) = _placed(_qdpx("whatever", [(0, 3)], "memo"))
    assert (p.placed, p.reason) == (False, "unknown_source")
