"""Tests for thematica.ingest.formats: .txt, .docx, .vtt and .srt into canonical text."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thematica.errors import ThematicaError
from thematica.ingest.formats import (
    cue_segments,
    escape_cue_text,
    merge_segments,
    read_cue_times,
    read_transcript,
)
from thematica.ingest.formats.subrip import read_srt
from thematica.ingest.formats.text import read_txt
from thematica.ingest.formats.webvtt import read_vtt
from thematica.ingest.formats.word import read_docx


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


# --------------------------------------------------------------------------------------------------
# dispatch and .txt


def test_dispatch_txt_and_md(tmp_path):
    for name in ("a.txt", "b.MD", "c.Txt"):
        path = write(tmp_path, name, "P01: hi\r\n")
        assert read_transcript(path) == "P01: hi\n"


def test_read_txt_empty(tmp_path):
    with pytest.raises(ThematicaError, match="is empty"):
        read_txt(write(tmp_path, "e.txt", "\n \n"))


@pytest.mark.parametrize("name", ["x.pdf", "x.rtf", "noext"])
def test_unknown_suffix(tmp_path, name):
    path = write(tmp_path, name, "P01: hi\n")
    with pytest.raises(ThematicaError, match="unsupported transcript type") as info:
        read_transcript(path)
    message = str(info.value)
    assert name in message
    for suffix in (".txt", ".md", ".docx", ".vtt", ".srt"):
        assert suffix in message


def test_dispatch_is_case_insensitive_for_subtitles(tmp_path):
    path = write(tmp_path, "z.VTT", "WEBVTT\n\n00:01.000 --> 00:02.000\nA: hi\n")
    assert read_transcript(path) == "A: hi\n"


# --------------------------------------------------------------------------------------------------
# .vtt

VOICE_VTT = """WEBVTT
Kind: captions

NOTE exported by a tool
spanning two lines

1
00:00:01.000 --> 00:00:04.000
<v Interviewer>How are <i>you</i>
today?</v>

2
00:00:04.500 --> 00:00:06.000 align:start position:10%
<v.loud P07>Fine &amp; you &lt;3</v>

3
00:00:06.000 --> 00:00:07.000
<v P07><00:00:06.500><c.yellow>Really</c> fine.</v>
"""


def test_vtt_voice_tags(tmp_path):
    text = read_vtt(write(tmp_path, "v.vtt", VOICE_VTT))
    assert text == "Interviewer: How are you today?\nP07: Fine & you <3 Really fine.\n"


ZOOM_VTT = """WEBVTT

1
00:00:01.000 --> 00:00:03.200
Interviewer: So, tell me about
your work.

2
00:00:03.200 --> 00:00:05.000
Interviewer: What do you do?

3
00:00:05.500 --> 00:00:09.000
Participant 3: I'm a nurse.

4
00:00:09.000 --> 00:00:11.000
Mostly nights.

5
00:00:11.000 --> 00:00:12.000
Interviewer: Okay.
"""


def test_vtt_zoom_labels_merge_and_continuation(tmp_path):
    text = read_vtt(write(tmp_path, "zoom.vtt", ZOOM_VTT))
    assert text == (
        "Interviewer: So, tell me about your work. What do you do?\n"
        "Participant 3: I'm a nurse. Mostly nights.\n"
        "Interviewer: Okay.\n"
    )


def test_vtt_hourless_timestamps_and_settings(tmp_path):
    vtt = (
        "WEBVTT - title\n\nintro\n01:02.500 --> 01:04.000 line:0 align:end\nA: one\n\n"
        "59:59.000 --> 01:00:00.250\nB: two\n"
    )
    path = write(tmp_path, "h.vtt", vtt)
    assert read_vtt(path) == "A: one\nB: two\n"
    assert read_cue_times(path) == [(62.5, 64.0, "A: one"), (3599.0, 3600.25, "B: two")]


def test_vtt_note_style_region_blocks_skipped(tmp_path):
    vtt = (
        "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:r1\n\nNOTE\nA: not a cue\n\n"
        "00:00.000 --> 00:01.000\nA: real\n\nNOTE trailing note\n"
    )
    assert read_vtt(write(tmp_path, "n.vtt", vtt)) == "A: real\n"


def test_vtt_unlabelled_first_cue_starts_unlabelled_line(tmp_path):
    vtt = (
        "WEBVTT\n\n00:00.000 --> 00:01.000\nwelcome everyone\n\n00:01.000 --> 00:02.000\nA: hi\n\n"
        "00:02.000 --> 00:03.000\n\n00:03.000 --> 00:04.000\nB: yo\n"
    )
    assert read_vtt(write(tmp_path, "u.vtt", vtt)) == "welcome everyone\nA: hi\nB: yo\n"


def test_vtt_crlf_and_bom(tmp_path):
    path = tmp_path / "w.vtt"
    path.write_bytes(b"\xef\xbb\xbfWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nA: caf\xc3\xa9\r\n")
    assert read_vtt(path) == "A: café\n"


@pytest.mark.parametrize(
    ("timing", "fragment"),
    [
        ("00:00:01.000 -> 00:00:02.000", "malformed cue timing line"),
        ("00:00:01,000 --> 00:00:02,000", "uses '.'"),
        ("00:00:01.00 --> 00:00:02.000", "malformed timestamp"),
        ("00:61.000 --> 00:62.000", "00-59"),
        ("00:00:01.000 -->00:00:02.000", "malformed cue timing line"),
    ],
)
def test_vtt_bad_timing_line_number(tmp_path, timing, fragment):
    vtt = f"WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nA: ok\n\n2\n{timing}\nB: bad\n"
    with pytest.raises(ThematicaError, match=fragment) as info:
        read_vtt(write(tmp_path, "bad.vtt", vtt))
    assert info.value.line == 8
    assert "bad.vtt, line 8: " in str(info.value)


def test_vtt_end_before_start(tmp_path):
    vtt = "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nA: backwards\n"
    with pytest.raises(ThematicaError, match="ends .* before it starts") as info:
        read_vtt(write(tmp_path, "back.vtt", vtt))
    assert info.value.line == 3


def test_vtt_missing_header(tmp_path):
    with pytest.raises(ThematicaError, match="must start with 'WEBVTT'") as info:
        read_vtt(write(tmp_path, "nohead.vtt", "00:00.000 --> 00:01.000\nA: hi\n"))
    assert info.value.line == 1
    assert "nohead.vtt, line 1" in str(info.value)


def test_vtt_header_needs_blank_line(tmp_path):
    with pytest.raises(ThematicaError, match="blank line") as info:
        read_vtt(write(tmp_path, "h.vtt", "WEBVTT\n00:00.000 --> 00:01.000\nA: hi\n"))
    assert info.value.line == 2


def test_vtt_stray_text_block_is_an_error(tmp_path):
    vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nA: hi\n\nstray\n"
    with pytest.raises(ThematicaError) as info:
        read_vtt(write(tmp_path, "s.vtt", vtt))
    assert info.value.line == 6


def test_vtt_without_cue_text(tmp_path):
    with pytest.raises(ThematicaError, match="no cue text"):
        read_vtt(write(tmp_path, "empty.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n<i> </i>\n"))


# --------------------------------------------------------------------------------------------------
# .srt

SRT = """1
00:00:01,000 --> 00:00:03,000
Interviewer: How did it
<i>start</i>?

2
00:00:03,000 --> 00:00:04,000
Interviewer: Take your time.

3
00:00:04,500 --> 00:01:10,000
P07: It started &amp; ended
quickly.

4
00:01:10,000 --> 00:01:12,000
Then nothing.

5
01:00:00,000 --> 01:00:01,000
Interviewer: Thanks.

"""


def test_srt_merge_continuation_tags(tmp_path):
    path = write(tmp_path, "a.srt", SRT)
    assert read_srt(path) == (
        "Interviewer: How did it start? Take your time.\n"
        "P07: It started & ended quickly. Then nothing.\n"
        "Interviewer: Thanks.\n"
    )
    times = read_cue_times(path)
    assert times[0] == (1.0, 3.0, "Interviewer: How did it start?")
    assert times[-1] == (3600.0, 3601.0, "Interviewer: Thanks.")
    assert len(times) == 5


def test_srt_unlabelled_start(tmp_path):
    srt = "1\n00:00:00,000 --> 00:00:01,000\nhello\n\n2\n00:00:01,000 --> 00:00:02,000\nA: hi\n"
    assert read_srt(write(tmp_path, "u.srt", srt)) == "hello\nA: hi\n"


@pytest.mark.parametrize(
    ("timing", "fragment"),
    [
        ("00:00:01.000 --> 00:00:02.000", "uses ','"),
        ("00:01,000 --> 00:02,000", "malformed timestamp"),
        ("00:00:01,000 to 00:00:02,000", "malformed cue timing line"),
        ("00:00:61,000 --> 00:00:62,000", "00-59"),
    ],
)
def test_srt_bad_timing_line_number(tmp_path, timing, fragment):
    srt = f"1\n00:00:00,000 --> 00:00:01,000\nA: ok\n\n2\n{timing}\nB: bad\n"
    with pytest.raises(ThematicaError, match=fragment) as info:
        read_srt(write(tmp_path, "bad.srt", srt))
    assert info.value.line == 6
    assert "bad.srt, line 6: " in str(info.value)


def test_srt_end_before_start(tmp_path):
    srt = "1\n00:00:00,000 --> 00:00:01,000\nA: ok\n\n\n2\n00:00:09,000 --> 00:00:08,999\nB: no\n"
    with pytest.raises(ThematicaError, match="before it starts") as info:
        read_srt(write(tmp_path, "back.srt", srt))
    assert info.value.line == 7


def test_srt_bad_cue_number(tmp_path):
    srt = "1\n00:00:00,000 --> 00:00:01,000\nA: ok\n\nfirst\n00:00:01,000 --> 00:00:02,000\nB: x\n"
    with pytest.raises(ThematicaError, match="expected a cue number") as info:
        read_srt(write(tmp_path, "n.srt", srt))
    assert info.value.line == 5


def test_srt_missing_timing(tmp_path):
    with pytest.raises(ThematicaError, match="no timing line") as info:
        read_srt(write(tmp_path, "t.srt", "1\n"))
    assert info.value.line == 2


def test_srt_empty(tmp_path):
    with pytest.raises(ThematicaError, match="no cue text"):
        read_srt(write(tmp_path, "e.srt", "\n\n"))


def test_cue_times_need_subtitles(tmp_path):
    with pytest.raises(ThematicaError, match=".vtt or .srt"):
        read_cue_times(write(tmp_path, "a.txt", "A: b\n"))


# --------------------------------------------------------------------------------------------------
# cue text helpers


def test_cue_segments_several_voices():
    assert cue_segments("<v A>hi</v> <v B>yo</v>") == [("A", "hi"), ("B", "yo")]
    assert cue_segments("<v>P1: plain</v>") == [("P1", "plain")]
    assert cue_segments("a <b") == [(None, "a <b")]


def test_merge_segments_label_only():
    assert merge_segments([("A", ""), (None, "then"), ("B", "x")]) == ["A: then", "B: x"]


@pytest.mark.parametrize("text", ["a &amp; b", "<i>x</i>", "x <3> y", "a<b<c>", "&lt;", "<v A>", "&nbsp;x"])
@pytest.mark.parametrize("minimal", [False, True])
def test_escape_cue_text_round_trips(text, minimal):
    escaped = escape_cue_text(text, minimal=minimal)
    assert cue_segments(escaped) == [(None, text)]


# --------------------------------------------------------------------------------------------------
# .docx


def make_docx(path: Path, *, with_table: bool = False) -> Path:
    document = docx.Document()
    document.add_paragraph("")
    first = document.add_paragraph()
    first.add_run("Interviewer:").bold = True
    first.add_run(" How did it ")
    first.add_run("start").italic = True
    first.add_run("?")
    document.add_paragraph("   ")
    document.add_paragraph("P07: Cafe\u0301 — “slowly”.")
    if with_table:
        document.add_table(rows=1, cols=2).cell(0, 0).text = "P07: hidden"
    document.add_paragraph("Interviewer: Thanks.")
    document.save(path)
    return path


def test_docx_paragraphs(tmp_path, caplog):
    path = make_docx(tmp_path / "t.docx")
    with caplog.at_level(logging.WARNING):
        text = read_transcript(path)
    assert text == "Interviewer: How did it start?\nP07: Café — “slowly”.\nInterviewer: Thanks.\n"
    assert not caplog.records


def test_docx_tables_ignored_with_warning(tmp_path, caplog):
    path = make_docx(tmp_path / "tab.docx", with_table=True)
    with caplog.at_level(logging.WARNING, logger="thematica.ingest.formats"):
        text = read_docx(path)
    assert "hidden" not in text
    assert any("table" in r.getMessage() and "tab.docx" in r.getMessage() for r in caplog.records)


def test_docx_truncated(tmp_path):
    good = make_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ThematicaError, match="cannot be opened as .docx") as info:
        read_docx(path)
    assert "cut.docx" in str(info.value)
    assert "re-save it from Word" in str(info.value)


def test_docx_not_a_zip(tmp_path):
    with pytest.raises(ThematicaError, match="cannot be opened as .docx"):
        read_transcript(write(tmp_path, "plain.docx", "P01: this is text\n"))


def test_docx_without_text(tmp_path):
    document = docx.Document()
    document.add_paragraph(" ")
    document.save(tmp_path / "blank.docx")
    with pytest.raises(ThematicaError, match="empty"):
        read_docx(tmp_path / "blank.docx")


# --------------------------------------------------------------------------------------------------
# arbitrary bytes never crash a reader


@pytest.mark.parametrize("suffix", [".txt", ".vtt", ".srt", ".docx"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=200).map(lambda b: b"WEBVTT\n\n" + b),
        st.text(alphabet="0123456789:.,-> \nAB<v>", max_size=120).map(lambda s: ("WEBVTT\n\n" + s).encode()),
        st.text(alphabet="0123456789:.,-> \nAB<v>", max_size=120).map(str.encode),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
    )
)
def test_arbitrary_bytes_give_text_or_thematica_error(suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        try:
            result = read_transcript(path)
        except ThematicaError as error:
            assert error.path == str(path)
        else:
            assert isinstance(result, str)
            assert result.strip()
            assert "\r" not in result


def test_ingest_study_names_every_unreadable_transcript_and_writes_nothing(tmp_path):
    from thematica.errors import ThematicaError
    from thematica.ingest.study import ingest_study

    good = tmp_path / "P01.txt"
    good.write_text("Interviewer: Hello?\nP01: Hello.\n", encoding="utf-8")
    empty_a, empty_b = tmp_path / "P02.txt", tmp_path / "P03.txt"
    empty_a.write_text("", encoding="utf-8")
    empty_b.write_text("  \n", encoding="utf-8")
    out = tmp_path / "source_text"
    with pytest.raises(ThematicaError) as error:
        ingest_study({"P01": good, "P02": empty_a, "P03": empty_b}, out)
    message = str(error.value)
    assert message.startswith("2 transcripts cannot be read: ")
    assert "P02.txt" in message and "P03.txt" in message
    assert not out.exists()
    ingest_study({"P01": good}, out)
    assert (out / "P01.txt").read_text(encoding="utf-8") == "Interviewer: Hello?\nP01: Hello.\n"
