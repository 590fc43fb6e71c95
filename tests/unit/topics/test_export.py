"""REFI-QDA export of candidate themes: schema-valid, and re-imported codings point at the same text."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from thematica.ingest.study import write_canonical
from thematica.refiqda import read_qdc, read_qdpx, validate_project_xml
from thematica.topics.export import PARENT_CODE, PIPELINE_USER, export_candidates, topic_code

TEXTS = {
    "int_01": "Interviewer: Why?\nP01: The app — it “gets” me. Café talk at 2 a.m. helps.\n",
    "int_02": "Interviewer: And?\nP02: I worry where the data goes. Nobody reads the privacy policy.\n",
}


def _inputs(tmp_path):
    rows = []
    for t, text in TEXTS.items():
        body = text.index(":", text.index("\n")) + 2
        middle = text.index(".", body) + 1
        rows += [(t, body, middle), (t, middle + 1, len(text) - 1)]
    segments = pd.DataFrame(rows, columns=["transcript", "start", "end"])
    segments.insert(0, "segment_id", [f"{t}_s{i:04d}" for i, t in enumerate(segments["transcript"])])
    segments["participant_id"] = ["P01", "P01", "P02", "P02"]
    segments["group"] = ["client", "client", "therapist", "therapist"]
    segments["text"] = [
        TEXTS[t][s:e]
        for t, s, e in zip(segments["transcript"], segments["start"], segments["end"], strict=True)
    ]
    topics = pd.DataFrame({"segment_id": segments["segment_id"], "topic": [0, 1, -1, 1], "probability": 1.0})
    info = pd.DataFrame(
        {
            "topic": [-1, 0, 1],
            "label": ["(outliers)", "app, gets, café", "data, privacy, policy"],
            "keywords": ["", "app; gets; café", "data; privacy; policy"],
            "n_segments": [1, 1, 2],
            "n_participants": [1, 1, 2],
            "stability": [float("nan"), 0.9, 0.3],
            "stable": [pd.NA, True, False],
        }
    )
    quotes = segments.merge(topics).query("topic != -1").assign(rank=1)
    paths = []
    for t, text in TEXTS.items():
        write_canonical(text, tmp_path / "text" / f"{t}.txt")
        paths.append(tmp_path / "text" / f"{t}.txt")
    return segments, topics, info, quotes, paths


@pytest.fixture()
def exported(tmp_path):
    segments, topics, info, quotes, paths = _inputs(tmp_path)
    qdc, qdpx = tmp_path / "out" / "c.qdc", tmp_path / "out" / "c.qdpx"
    export_candidates(
        study="tiny",
        topic_info=info,
        quotes=quotes,
        segments=segments,
        segment_topics=topics,
        text_paths=paths,
        qdc_path=qdc,
        qdpx_path=qdpx,
    )
    return segments, topics, qdc, qdpx


def test_project_is_schema_valid_and_codings_round_trip(exported):
    segments, topics, _, qdpx = exported
    with zipfile.ZipFile(qdpx) as archive:
        validate_project_xml(archive.read("project.qde"))
    project = read_qdpx(qdpx)
    assert project.sources == TEXTS
    assert set(project.users.values()) == {PIPELINE_USER}
    coded = segments.merge(topics).query("topic != -1")
    assert len(project.codings) == len(coded)
    by_span = {(c.source, c.start, c.end): c for c in project.codings}
    for row in coded.itertuples():
        coding = by_span[(row.transcript, row.start, row.end)]
        assert coding.code == topic_code(row.topic)
        assert coding.user == PIPELINE_USER
        assert project.sources[coding.source][coding.start : coding.end] == row.text


def test_codebook_lists_candidates_under_one_parent(exported):
    _, _, qdc, _ = exported
    codes = {c.code: c for c in read_qdc(qdc)}
    assert set(codes) == {PARENT_CODE, "topic_00", "topic_01"}
    assert codes["topic_01"].parent == PARENT_CODE
    assert codes["topic_01"].label == "T01 data, privacy, policy"
    assert (
        "UNSTABLE" in codes["topic_01"].definition
        and "Keywords: data, privacy, policy" in codes["topic_01"].definition
    )


def test_export_is_byte_identical(tmp_path, exported):
    _, _, qdc, qdpx = exported
    segments, topics, info, quotes, paths = _inputs(tmp_path / "again")
    export_candidates(
        study="tiny",
        topic_info=info,
        quotes=quotes,
        segments=segments,
        segment_topics=topics,
        text_paths=paths,
        qdc_path=tmp_path / "again.qdc",
        qdpx_path=tmp_path / "again.qdpx",
    )
    assert (tmp_path / "again.qdc").read_bytes() == qdc.read_bytes()
    assert (tmp_path / "again.qdpx").read_bytes() == qdpx.read_bytes()
