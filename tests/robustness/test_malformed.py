"""Malformed inputs: each stops with one ThematicaError naming the file and the place, never a traceback.

Covers wrong encodings, mixed line endings, empty and binary files, truncated .docx/.qdpx/.qdc,
subtitle files with bad timestamps, code exports with reversed or non-numeric offsets and missing
columns, duplicate ids in participants.csv and a codebook, study.yaml and config typos, and a bad
allowlist pattern. (The DAG-level versions are in tests/workflow/test_bad_input.py.)
"""

from __future__ import annotations

from functools import partial

import pytest

from tests.conftest import PARTICIPANTS, make_study
from tests.robustness.conftest import REPO, only_thematica_errors, sample_bytes, small_zip_of, written
from thematica.config import check_config
from thematica.ingest.folder import load_study
from thematica.ingest.formats import read_transcript
from thematica.ingest.textio import read_text_file
from thematica.refiqda import read_qdc, read_qdpx

codes = pytest.importorskip("thematica.codes")

VTT_HEAD = b"WEBVTT\n\n1\n"
CASES = [
    # (id, bytes, file name, reader, fragments the message must contain)
    ("invalid-utf8-and-cp1252", b"Interviewer: caf\x81\x8d\nP01: ok\n", "t.txt", read_transcript,
     ["byte offset 16"]),
    ("truncated-utf16", b"\xff\xfeI\x00n\x00t", "t.txt", read_transcript, ["UTF-16", "byte offset"]),
    ("binary-txt", b"\x00\x01\x02\x03binary", "t.txt", read_transcript, ["binary"]),
    ("empty-txt", b"", "t.txt", read_transcript, ["is empty"]),
    ("whitespace-md", b" \r\n\t\n", "t.md", read_transcript, ["is empty"]),
    ("empty-docx", b"", "t.docx", read_transcript, ["is empty"]),
    ("truncated-docx", sample_bytes(".docx", 3000), "t.docx", read_transcript, ["cannot be opened as .docx"]),
    ("text-as-docx", b"Interviewer: hi\n", "t.docx", read_transcript, ["cannot be opened as .docx"]),
    ("empty-vtt", b"", "t.vtt", read_transcript, ["line 1", "WEBVTT"]),
    ("vtt-bad-timestamp", VTT_HEAD + b"00:00:01.000 --> 00:00:0x.000\nP01: hi\n", "t.vtt", read_transcript,
     ["line 4", "malformed timestamp"]),
    ("vtt-srt-comma", VTT_HEAD + b"00:00:01,000 --> 00:00:02,000\nP01: hi\n", "t.vtt", read_transcript,
     ["line 4", "WebVTT uses '.'"]),
    ("vtt-seconds-60", VTT_HEAD + b"00:00:61.000 --> 00:01:02.000\nP01: hi\n", "t.vtt", read_transcript,
     ["line 4", "00-59"]),
    ("vtt-reversed-cue", VTT_HEAD + b"00:00:05.000 --> 00:00:01.000\nP01: hi\n", "t.vtt", read_transcript,
     ["line 4", "before it starts"]),
    ("vtt-no-arrow", VTT_HEAD + b"00:00:05.000 00:00:06.000\nP01: hi\n", "t.vtt", read_transcript, ["line"]),
    ("srt-bad-cue-number", b"x1\n00:00:01,000 --> 00:00:02,000\nP01: hi\n", "t.srt", read_transcript,
     ["line 1", "cue number"]),
    ("srt-no-timing", b"1\nP01: hi\n", "t.srt", read_transcript, ["line 2"]),
    ("truncated-qdpx", sample_bytes(".qdpx", 5000), "c.qdpx", read_qdpx, ["c.qdpx", "zip"]),
    ("empty-qdpx", b"", "c.qdpx", read_qdpx, ["c.qdpx"]),
    ("qdpx-without-project", small_zip_of({"sources/a.txt": b"hi"}), "c.qdpx", read_qdpx,
     ["no project file"]),
    ("qdpx-bad-xml", small_zip_of({"project.qde": b"<Project><Codes>"}), "c.qdpx", read_qdpx, ["XML"]),
    ("truncated-qdc", sample_bytes(".qdc", 500), "c.qdc", read_qdc, ["line", "XML"]),
    ("codes-reversed-span", b"coder,transcript,code,start,end\nc1,int_01,x,50,10\n", "c.csv",
     codes.read_export, ["line 2", "after end"]),
    ("codes-offset-not-a-number", b"coder,transcript,code,start,end\nc1,int_01,x,a,10\n", "c.csv",
     codes.read_export, ["line 2", "not a whole number"]),
    ("codes-negative-offset", b"coder,transcript,code,start,end\nc1,int_01,x,-5,10\n", "c.csv",
     codes.read_export, ["line 2"]),
    ("codes-missing-column", b"coder,transcript,code,start\nc1,int_01,x,5\n", "c.csv",
     codes.read_export, ["line 1", "missing column"]),
    ("codes-truncated-qdpx", sample_bytes(".qdpx", 4000), "c.qdpx", codes.read_export, ["c.qdpx"]),
    ("codebook-duplicate-code", b"code,theme,definition\na,t,x\na,t,y\n", "codebook.csv",
     codes.read_codebook, ["line 3", "duplicate code 'a'"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "name", "reader", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_one_clear_message_naming_file_and_place(data, name, reader, fragments):
    with written(data, name) as path:
        error = only_thematica_errors(partial(reader, path))
    assert error is not None, "a malformed file was accepted"
    message = str(error)
    assert message.startswith(str(path)), message  # names the file first
    assert "\n" not in message.strip()
    for fragment in fragments:
        assert fragment in message, message


def test_mixed_line_endings_give_one_canonical_text():
    data = b"Interviewer: one\r\nP01: two\rthree\nP01: four\r\n"
    with written(data, "t.txt") as path:
        assert read_text_file(path) == "Interviewer: one\nP01: two\nthree\nP01: four\n"


def test_cp1252_is_read_with_a_warning(caplog):
    with written("Interviewer: café?\nP01: naïve\n".encode("cp1252"), "t.txt") as path:
        assert "café" in read_transcript(path)
    assert "Windows-1252" in caplog.text


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ({"participants": PARTICIPANTS.replace("P02,", "P01,")}, ["participants.csv, line 3", "duplicate"]),
        ({"participants": PARTICIPANTS + "P03,int_03,client\n"}, ["participants.csv, line 4", "int_03"]),
        ({"participants": PARTICIPANTS.replace("client", "clinet")}, ["line 3", "unknown group 'clinet'"]),
        ({"study_yaml": "name: tiny\ngroup_colum: role\n"}, ["study.yaml", "unknown key"]),
        ({"study_yaml": "name: [tiny\n"}, ["study.yaml, line", "not valid YAML"]),
        (
            {"study_yaml": "group_column: [role]\ngroups: [therapist, client]\ninterviewer_labels: [I]\n"},
            ["study.yaml", "'group_column' must be a column name, not list"],
        ),
        ({"transcripts": {"int_01.txt": "a", "int_01.docx": "b", "int_02.txt": "c"}}, ["share the id"]),
    ],
)
def test_study_folder_mistakes(tmp_path, change, fragments):
    root = make_study(tmp_path / "tiny", **change)
    error = only_thematica_errors(lambda: load_study(root))
    assert error is not None
    for fragment in fragments:
        assert fragment in str(error), str(error)


def test_config_typo_suggests_the_key():
    schema = REPO / "workflow" / "schemas" / "config.schema.yaml"
    error = only_thematica_errors(
        lambda: check_config({"studies": {"a": "b"}, "deid": {"polcy": "fail"}}, schema)
    )
    assert error is not None and "unknown key 'deid.polcy'; did you mean 'policy'?" in str(error)
    error = only_thematica_errors(
        lambda: check_config({"studies": {"a": "b"}, "deid": {"policy": "off"}}, schema)
    )
    assert error is not None and "deid.policy" in str(error)


def test_bad_allowlist_pattern_names_file_and_line():
    from thematica.deid.scan import read_allowlist

    with written(b"MindMate\n# note\nre:(unclosed\n", "deid_allowlist.txt") as path:
        error = only_thematica_errors(lambda: read_allowlist(path))
    assert error is not None and "deid_allowlist.txt, line 3" in str(error)
