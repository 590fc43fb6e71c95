"""Disagreements behind an alpha, checked on a hand-made coding where every case is known."""

from __future__ import annotations

import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.explore import StudyResults, coded_spans, coder_values, disagreements

SEGMENTS = pd.DataFrame(
    {
        "segment_id": ["t_s0001", "t_s0002", "t_s0003", "t_s0004", "t_s0005"],
        "transcript": "t",
        "participant_id": "P1",
        "group": "a",
        "turn": 1,
        "start": [0, 10, 20, 30, 40],
        "end": [9, 19, 29, 39, 49],
        "text": ["aaaaaaaaa", "bbbbbbbbb", "ccccccccc", "ddddddddd", "eeeeeeeee"],
    }
)
CODEBOOK = pd.DataFrame({"code": ["x", "y"], "theme": ["T", "T"], "label": ["X", "Y"]})
# code x: s1 1/0 (disagree), s2 1/1 (agree), s3 1/- (one coder saw it), s4 0/0/1 (disagree), s5 0/0
VALUES = {
    ("t_s0001", "c1"): (1, 0),
    ("t_s0001", "c2"): (0, 1),
    ("t_s0002", "c1"): (1, 0),
    ("t_s0002", "c2"): (1, 0),
    ("t_s0003", "c1"): (1, 0),
    ("t_s0004", "c1"): (0, 0),
    ("t_s0004", "c2"): (0, 0),
    ("t_s0004", "c3"): (1, 0),
    ("t_s0005", "c1"): (0, 0),
    ("t_s0005", "c2"): (0, 0),
}


class Tables(StudyResults):
    """A StudyResults over in-memory tables."""

    def __init__(self, tables: dict[str, pd.DataFrame], text: str = "") -> None:
        super().__init__("t", ".", {"studies": {"t": "."}})
        self._tables = tables
        self._text = text

    def transcript_text(self, transcript: str) -> str:
        return self._text


@pytest.fixture()
def results():
    rows = [
        {"segment_id": s, "coder": c, "code": code, "applied": v}
        for (s, c), values in VALUES.items()
        for code, v in zip(["x", "y"], values, strict=True)
    ]
    codings = pd.DataFrame(
        {
            "coder": ["c1", "c2", "c1", "c2"],
            "transcript": "t",
            "code": ["x", "y", "x", "x"],
            "start": [0, 3, 12, 45],
            "end": [12, 9, 18, 49],
        }
    )
    text = "".join(SEGMENTS["text"] + " ")
    return Tables(
        {"segments": SEGMENTS, "segment_codes": pd.DataFrame(rows), "codebook": CODEBOOK, "codings": codings},
        text,
    )


def test_disagreements_are_the_segments_where_coders_who_saw_it_differ(results):
    table = disagreements(results, "x")
    assert table["segment_id"].tolist() == ["t_s0001", "t_s0004"]
    assert table["applied_by"].tolist() == ["c1", "c3"]
    assert table["not_applied_by"].tolist() == ["c2", "c1, c2"]
    assert table["c3"].isna().tolist() == [True, False]  # c3 never saw s1: missing, not 0
    assert table["text"].tolist() == ["aaaaaaaaa", "ddddddddd"]


def test_a_pair_of_coders_and_a_theme(results):
    assert disagreements(results, "x", coders=["c1", "c3"])["segment_id"].tolist() == ["t_s0004"]  # shared
    assert coder_values(results, "x", coders=["c1", "c3"]).loc["t_s0004"].tolist() == [0, 1]
    assert disagreements(results, "x", coders=["c1", "c2"])["segment_id"].tolist() == ["t_s0001"]
    # theme T = x or y: s1 is 1/1 (agree now), s4 is 0/0/1
    assert disagreements(results, "T", level="theme")["segment_id"].tolist() == ["t_s0004"]


def test_unknown_names_are_plain_errors(results):
    with pytest.raises(ThematicaError, match="no code 'z'.*the codes are: x, y"):
        disagreements(results, "z")
    with pytest.raises(ThematicaError, match="unknown coder"):
        disagreements(results, "x", coders=["c9"])


def test_coded_spans_cut_each_coders_span_from_the_text(results):
    spans = coded_spans(results, "t_s0002")
    assert spans[["coder", "code", "start", "end", "overlap"]].values.tolist() == [
        ["c1", "x", 0, 12, 2],
        ["c1", "x", 12, 18, 6],
    ]
    assert spans["text"].tolist() == ["aaaaaaaaa bb", "bbbbbb"]
    assert coded_spans(results, "t_s0001", codes=["y"])["text"].tolist() == ["aaaaaa"]
