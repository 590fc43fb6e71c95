"""Tests for thematica.demo.writers: round trips through the readers and byte determinism."""

from __future__ import annotations

import re
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thematica.demo.writers import (
    canonical_text,
    deterministic_zip,
    split_into_cues,
    write_docx,
    write_srt,
    write_txt,
    write_vtt,
)
from thematica.errors import ThematicaError
from thematica.ingest.formats import parse_cues, read_cue_times, read_transcript

TURNS = [
    ("Interviewer", "Thanks for joining. Could you tell me — in your own words — how the “new rota” went?"),
    (
        "P07",
        "Honestly? It was hard. Très difficile & tiring, <especially> at night; the 3:00 shift. "
        + " ".join(f"word{i}" for i in range(40))
        + ". Then it got better!",
    ),
    ("Participant 3", "I’d agree."),
    ("DR X", "Right."),
]

WRITERS = {
    "txt": lambda p, t: write_txt(p, t),
    "txt-bom-crlf": lambda p, t: write_txt(p, t, bom=True, crlf=True),
    "docx": lambda p, t: write_docx(p, t, title="Demo interview"),
    "vtt-zoom": lambda p, t: write_vtt(p, t),
    "vtt-voice": lambda p, t: write_vtt(p, t, zoom_style=False),
    "vtt-small": lambda p, t: write_vtt(p, t, max_words=3, start=3725.5),
    "srt": lambda p, t: write_srt(p, t),
    "srt-small": lambda p, t: write_srt(p, t, max_words=1, gap=0),
}


def suffix_of(kind: str) -> str:
    return "." + kind.split("-")[0]


def test_canonical_text():
    assert canonical_text([("A", "x y"), ("B", "z")]) == "A: x y\nB: z\n"


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_round_trip(tmp_path, kind):
    path = tmp_path / f"P07{suffix_of(kind)}"
    WRITERS[kind](path, TURNS)
    assert read_transcript(path) == canonical_text(TURNS)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_byte_determinism(tmp_path, kind):
    first, second = tmp_path / f"a{suffix_of(kind)}", tmp_path / f"b{suffix_of(kind)}"
    WRITERS[kind](first, TURNS)
    WRITERS[kind](second, TURNS)
    assert first.read_bytes() == second.read_bytes()


def test_docx_determinism_across_time(tmp_path):
    write_docx(tmp_path / "a.docx", TURNS)
    time.sleep(1.1)
    write_docx(tmp_path / "b.docx", TURNS)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_docx_structure(tmp_path):
    import docx

    path = tmp_path / "s.docx"
    write_docx(path, TURNS, title="Secret title")
    document = docx.Document(path)
    assert [p.runs[0].bold for p in document.paragraphs] == [True] * len(TURNS)
    assert document.paragraphs[0].runs[0].text == "Interviewer:"
    assert document.core_properties.title == "Secret title"
    assert document.core_properties.author == ""
    assert document.core_properties.modified.year == 2020
    assert "Secret title" not in read_transcript(path)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_deterministic_zip(tmp_path):
    members = [("b.txt", b"bee" * 100), ("a/é.xml", b"<x/>")]
    deterministic_zip(members, tmp_path / "one.zip")
    time.sleep(1.1)
    deterministic_zip(members, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["b.txt", "a/é.xml"]
        assert archive.read("b.txt") == b"bee" * 100
    deterministic_zip(members, tmp_path / "stored.zip", compression=zipfile.ZIP_STORED)
    with zipfile.ZipFile(tmp_path / "stored.zip") as archive:
        assert archive.getinfo("b.txt").compress_type == zipfile.ZIP_STORED
    with pytest.raises(ValueError, match="duplicate"):
        deterministic_zip([("x", b""), ("x", b"")], tmp_path / "dup.zip")


def test_txt_bytes(tmp_path):
    write_txt(tmp_path / "a.txt", [("A", "é")], bom=True, crlf=True)
    assert (tmp_path / "a.txt").read_bytes() == b"\xef\xbb\xbfA: \xc3\xa9\r\n"


# --------------------------------------------------------------------------------------------------
# subtitle layout


@pytest.mark.parametrize("max_words", [1, 2, 5, 24])
@pytest.mark.parametrize("writer", [write_vtt, write_srt])
def test_cue_word_limits_and_monotonic_times(tmp_path, writer, max_words):
    path = tmp_path / f"c{'.vtt' if writer is write_vtt else '.srt'}"
    duration = writer(path, TURNS, max_words=max_words, start=1.5)
    cues = read_cue_times(path)
    total_words = sum(len(text.split(" ")) for _label, text in TURNS)
    labels = {label for label, _text in TURNS}
    previous_end = 1.5
    for start, end, text in cues:
        label, chunk = text.split(": ", 1)
        assert label in labels
        assert 1 <= len(chunk.split(" ")) <= max_words
        assert previous_end <= start < end
        previous_end = end
    assert sum(len(text.split(": ", 1)[1].split(" ")) for _s, _e, text in cues) == total_words
    assert cues[0][0] == 1.5
    assert duration == pytest.approx(cues[-1][1] - 1.5)
    assert len(cues) >= total_words / max_words


def test_vtt_layout(tmp_path):
    path = tmp_path / "z.vtt"
    duration = write_vtt(path, [("A", "one two three"), ("B", "four")], words_per_minute=60, gap=0.5)
    assert path.read_text(encoding="utf-8") == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.000\nA: one two three\n\n"
        "2\n00:00:03.500 --> 00:00:04.500\nB: four\n"
    )
    assert duration == 4.5
    write_vtt(path, [("A", "x & y")], zoom_style=False, start=3600)
    assert path.read_text(encoding="utf-8").endswith("01:00:00.000 --> 01:00:01.286\n<v A>x &amp; y</v>\n")


def test_srt_layout(tmp_path):
    path = tmp_path / "z.srt"
    write_srt(path, [("A", "one two"), ("B", "a & b <i>")], words_per_minute=120)
    assert path.read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:01,000\nA: one two\n\n2\n00:00:01,400 --> 00:00:03,400\nB: a & b &lt;i>\n"
    )


def test_split_prefers_sentence_end_in_second_half():
    words = "a b c d e f. g h i j k l m n o p"
    assert split_into_cues(words, 8) == ["a b c d e f.", "g h i j k l m n", "o p"]
    assert split_into_cues("a b. c d e f g h i j", 8) == ["a b. c d e f g h", "i j"]
    assert split_into_cues("x y z", 3) == ["x y z"]


def test_vtt_cue_count(tmp_path):
    path = tmp_path / "n.vtt"
    write_vtt(path, [("A", " ".join(["w"] * 50)), ("B", "ok")], max_words=24)
    assert len(parse_cues(path, kind="vtt")) == 4


@pytest.mark.parametrize(
    "turns",
    [
        [],
        [("A", "")],
        [("A", " x")],
        [("A", "x  y")],
        [("A", "x\ny")],
        [("A", "e\u0301")],
        [("1A", "x")],
        [("A:", "x")],
        [("", "x")],
        [("A" * 41, "x")],
    ],
)
def test_bad_turns_rejected(tmp_path, turns):
    for writer, suffix in ((write_txt, ".txt"), (write_vtt, ".vtt")):
        with pytest.raises(ThematicaError):
            writer(tmp_path / f"bad{suffix}", turns)


def test_subtitles_reject_same_speaker_twice(tmp_path):
    turns = [("A", "x"), ("A", "y")]
    write_txt(tmp_path / "ok.txt", turns)
    with pytest.raises(ThematicaError, match="same speaker"):
        write_srt(tmp_path / "no.srt", turns)


def test_bad_timing_parameters(tmp_path):
    with pytest.raises(ValueError):
        write_vtt(tmp_path / "x.vtt", TURNS, words_per_minute=0)
    with pytest.raises(ValueError):
        write_srt(tmp_path / "x.srt", TURNS, max_words=0)


# --------------------------------------------------------------------------------------------------
# property: every writer round-trips arbitrary clean turns

LABELS = st.one_of(
    st.sampled_from(["Interviewer", "P07", "Participant 3", "DR X", "Moderator", "Dr. Okafor-Smith"]),
    st.from_regex(re.compile(r"[A-Za-z][A-Za-z0-9.'\-]{0,12}( [A-Za-z0-9]{1,8})?"), fullmatch=True),
)
CHARS = st.one_of(
    st.characters(categories=["L", "M", "N", "P", "S"]),
    st.sampled_from("é—–“”‘’…«»&<>;:!?.,"),
)
WORDS = st.text(CHARS, min_size=1, max_size=10)


@st.composite
def clean_text(draw) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=40))
    text = unicodedata.normalize("NFC", " ".join(words))
    parts = text.split(" ")
    if any(not part or part != part.strip() for part in parts) or parts[0].endswith(":"):
        return draw(st.sampled_from(["Fine.", "Yes — “of course”.", "Ça va, merci."]))
    return text


@st.composite
def clean_turns(draw) -> list[tuple[str, str]]:
    turns = draw(st.lists(st.tuples(LABELS, clean_text()), min_size=1, max_size=6))
    merged: list[tuple[str, str]] = []
    for label, text in turns:
        if merged and merged[-1][0] == label:
            merged[-1] = (label, f"{merged[-1][1]} {text}")
        else:
            merged.append((label, text))
    return merged


@settings(max_examples=40, deadline=None)
@given(turns=clean_turns(), max_words=st.integers(1, 30))
def test_round_trip_property(turns, max_words):
    expected = canonical_text(turns)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        write_txt(folder / "a.txt", turns)
        write_docx(folder / "a.docx", turns)
        write_vtt(folder / "a.vtt", turns, max_words=max_words)
        write_vtt(folder / "b.vtt", turns, max_words=max_words, zoom_style=False)
        write_srt(folder / "a.srt", turns, max_words=max_words)
        for name in ("a.txt", "a.docx", "a.vtt", "b.vtt", "a.srt"):
            assert read_transcript(folder / name) == expected, name
