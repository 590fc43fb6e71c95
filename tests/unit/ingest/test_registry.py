"""The registry of transcript formats: every suffix list derives from it, and one module adds a format."""

from __future__ import annotations

import sys
import textwrap

import pytest

from thematica.errors import ThematicaError
from thematica.ingest import formats as formats_package
from thematica.ingest.folder import Problems, find_transcripts
from thematica.ingest.formats import read_transcript
from thematica.ingest.formats.registry import TranscriptFormat, formats, reader_for, supported_suffixes


def test_the_shipped_formats_and_their_suffixes():
    assert [f.name for f in formats()] == [
        "plain text",
        "Word document",
        "WebVTT subtitles",
        "SubRip subtitles",
    ]
    assert supported_suffixes() == (".txt", ".md", ".docx", ".vtt", ".srt")


def test_suffixes_must_be_lower_case_with_a_dot():
    with pytest.raises(ValueError, match="lower case"):
        TranscriptFormat("bad", ("TXT",), str)


def test_an_unknown_suffix_names_the_ones_that_are_read(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"x")
    with pytest.raises(
        ThematicaError, match=r"unsupported transcript type '\.pdf'.*\.txt, \.md, \.docx, \.vtt, \.srt"
    ):
        read_transcript(path)
    assert reader_for(tmp_path / "A.VTT").__name__ == "read_vtt"


@pytest.fixture
def new_format(tmp_path, monkeypatch):
    """A format module dropped into the package: ``.lines``, one speaker-labelled line per row."""
    folder = tmp_path / "extra_formats"
    folder.mkdir()
    (folder / "lines.py").write_text(
        textwrap.dedent(
            """
            from thematica.ingest.formats.registry import TranscriptFormat
            from thematica.ingest.textio import read_text_file

            def read_lines(path):
                return read_text_file(path).replace(" | ", ": ")

            FORMAT = TranscriptFormat("pipe lines", (".lines",), read_lines, order=50)
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(formats_package, "__path__", [*formats_package.__path__, str(folder)])
    formats.cache_clear()
    yield
    formats.cache_clear()
    sys.modules.pop("thematica.ingest.formats.lines", None)


def test_one_module_adds_a_format_everywhere(new_format, tmp_path):
    assert ".lines" in supported_suffixes()
    study = tmp_path / "study"
    (study / "transcripts").mkdir(parents=True)
    (study / "transcripts" / "p01.lines").write_text("Interviewer | Hi?\nP01 | Fine.\n", encoding="utf-8")
    assert read_transcript(study / "transcripts" / "p01.lines") == "Interviewer: Hi?\nP01: Fine.\n"
    (study / "transcripts" / "p02.odt").write_bytes(b"x")
    problems = Problems(collect=True)
    assert list(find_transcripts(study / "transcripts", problems=problems)) == ["p01"]
    assert [
        str(e) for e in problems.errors if "p02.odt" in str(e)
    ]  # the study folder accepts .lines, not .odt


def test_two_formats_cannot_claim_one_suffix(tmp_path, monkeypatch):
    folder = tmp_path / "clash"
    folder.mkdir()
    (folder / "clash.py").write_text(
        "from thematica.ingest.formats.registry import TranscriptFormat\n"
        "FORMAT = TranscriptFormat('other vtt', ('.vtt',), str)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(formats_package, "__path__", [*formats_package.__path__, str(folder)])
    formats.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"\.vtt is claimed by both"):
            formats()
    finally:
        formats.cache_clear()
        sys.modules.pop("thematica.ingest.formats.clash", None)
