"""Aligning spans to segments: thresholds, the containment rule, missing versus zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thematica.codes.align import align_segments, applied_matrix, nonblank_prefix

#        0         1         2         3         4         5
#        0123456789012345678901234567890123456789012345678901234
TEXT = "P01: aaaa bbbb cccc dddd. eeee ffff. gggg hhhh iiii jjjj.\n"
SEGMENTS = pd.DataFrame(
    {
        "segment_id": ["t1_s0001", "t1_s0002", "t1_s0003"],
        "transcript": ["t1"] * 3,
        "start": [5, 26, 37],
        "end": [25, 36, 57],
    }
)
BOOK = pd.DataFrame({"code": ["a", "b"], "theme": ["x", "x"]})


def _seg_matrix(spans, min_overlap=0.5, min_span_share=None):
    s = np.array([sp[0] for sp in spans], dtype=np.int64)
    e = np.array([sp[1] for sp in spans], dtype=np.int64)
    return applied_matrix(
        SEGMENTS["start"].to_numpy(),
        SEGMENTS["end"].to_numpy(),
        s,
        e,
        nonblank_prefix(TEXT),
        min_overlap=min_overlap,
        min_span_share=min_span_share,
    ).tolist()


def test_nonblank_prefix_skips_whitespace():
    nb = nonblank_prefix("ab \n c")
    assert nb.tolist() == [0, 1, 2, 2, 2, 2, 3]


def test_full_cover_and_no_cover():
    assert _seg_matrix([(5, 25)]) == [True, False, False]
    assert _seg_matrix([]) == [False, False, False]


def test_threshold_counts_non_blank_characters():
    # segment 1 = "aaaa bbbb cccc dddd." has 17 non-blank characters; 0.5 needs 8.5 -> 9
    assert _seg_matrix([(5, 14)]) == [False, False, False]  # 8 non-blank characters
    assert _seg_matrix([(5, 16)]) == [True, False, False]  # 9 (the space at 14 does not count)
    assert _seg_matrix([(5, 16)], min_overlap=0.6) == [False, False, False]  # 9/17 = 0.53
    assert _seg_matrix([(5, 25)], min_overlap=1.0) == [True, False, False]
    assert _seg_matrix([(5, 24)], min_overlap=1.0) == [False, False, False]


def test_threshold_is_inclusive():
    # segment 2 = "eeee ffff." has 9 non-blank characters; spans covering 4.5 -> need 5 at 0.5
    assert _seg_matrix([(26, 31)]) == [False, False, False]  # "eeee " = 4
    assert _seg_matrix([(26, 32)]) == [False, True, False]  # "eeee f" = 5 >= 4.5
    assert _seg_matrix([(26, 32)], min_overlap=5 / 9) == [False, True, False]  # exactly at the threshold


def test_spans_of_one_coder_and_code_are_united_not_summed():
    # two overlapping spans over the same 4 characters must not count twice
    assert _seg_matrix([(26, 30), (26, 30)]) == [False, False, False]
    assert _seg_matrix([(26, 30), (31, 32)]) == [False, True, False]


def test_span_across_segments_marks_each_it_covers_enough():
    # 15..45: "cccc dddd." = 9 of 17 in segment 1, all of segment 2, "gggg hhh" = 7 of 17 in segment 3
    assert _seg_matrix([(15, 45)]) == [True, True, False]
    assert _seg_matrix([(17, 51)]) == [False, True, True]  # "cc dddd." = 7 of 17; "gggg hhhh iiii" = 12
    assert _seg_matrix([(14, 57)]) == [True, True, True]


def test_containment_rule_for_short_spans():
    short = [(42, 46)]  # "hhhh" inside segment 3 (17 non-blank characters)
    assert _seg_matrix(short) == [False, False, False]
    assert _seg_matrix(short, min_span_share=0.5) == [False, False, True]
    # a long span grazing a segment's edge does not mark it through containment
    assert _seg_matrix([(5, 28)], min_span_share=0.5) == [True, False, False]


def test_whitespace_only_span_marks_nothing():
    assert _seg_matrix([(25, 26)], min_span_share=0.5) == [False, False, False]


def _align(codings, coder_transcripts, **kw):
    return align_segments(
        SEGMENTS,
        pd.DataFrame(codings, columns=["coder", "transcript", "code", "start", "end", "source"]),
        pd.DataFrame(coder_transcripts, columns=["coder", "transcript"]),
        BOOK,
        {"t1": TEXT},
        **kw,
    )


def test_missing_versus_zero():
    table = _align(
        [("ana", "t1", "a", 5, 25, "ana.csv")],
        [("ana", "t1"), ("bob", "t1")],  # bob saw t1 and applied nothing: zeros
    )
    assert len(table) == 3 * 2 * 2
    assert table.loc[table["coder"] == "bob", "applied"].eq(0).all()
    assert table.set_index(["segment_id", "coder", "code"]).loc[("t1_s0001", "ana", "a"), "applied"] == 1
    assert int(table["applied"].sum()) == 1
    assert table["applied"].dtype == np.int8
    unseen = _align([("ana", "t1", "a", 5, 25, "ana.csv")], [("ana", "t1"), ("bob", "t2")])
    assert set(unseen["coder"]) == {"ana"}  # bob never saw t1: no rows, missing


def test_rows_follow_segments_then_coders_then_codebook():
    table = _align([], [("bob", "t1"), ("ana", "t1")])
    assert table[["segment_id", "coder", "code"]].head(4).values.tolist() == [
        ["t1_s0001", "ana", "a"],
        ["t1_s0001", "ana", "b"],
        ["t1_s0001", "bob", "a"],
        ["t1_s0001", "bob", "b"],
    ]


def test_config_thresholds_are_checked():
    with pytest.raises(ValueError, match="codes.min_overlap is 0"):
        _align([], [("ana", "t1")], min_overlap=0)
    with pytest.raises(ValueError, match="codes.min_span_share is 1.5"):
        _align([], [("ana", "t1")], min_span_share=1.5)


def _brute_force(text, segs, spans, min_overlap, min_span_share):
    """Per-character reference: sets of covered non-blank positions."""
    nonblank = {i for i, ch in enumerate(text) if not ch.isspace()}
    covered = {i for a, b in spans for i in range(a, b)} & nonblank
    out = []
    for s, e in segs:
        seg = set(range(s, e)) & nonblank
        hit = bool(seg) and len(seg & covered) >= min_overlap * len(seg) - 1e-9
        if min_span_share is not None:
            for a, b in spans:
                span = set(range(a, b)) & nonblank
                inside = span & seg
                if span and inside and len(inside) >= min_span_share * len(span) - 1e-9:
                    hit = True
        out.append(hit)
    return out


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab \n", min_size=5, max_size=80),
    cuts=st.lists(st.integers(0, 80), min_size=2, max_size=10, unique=True),
    raw_spans=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 30)), max_size=6),
    min_overlap=st.sampled_from([0.1, 0.5, 2 / 3, 1.0]),
    min_span_share=st.sampled_from([None, 0.5, 1.0]),
)
def test_applied_matrix_matches_a_per_character_reference(text, cuts, raw_spans, min_overlap, min_span_share):
    n = len(text)
    bounds = sorted({min(c, n) for c in cuts})
    segs = [(a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]
    spans = [(min(a, n), min(a + w, n)) for a, w in raw_spans]
    got = applied_matrix(
        np.array([s for s, _ in segs], dtype=np.int64),
        np.array([e for _, e in segs], dtype=np.int64),
        np.array([a for a, _ in spans], dtype=np.int64),
        np.array([b for _, b in spans], dtype=np.int64),
        nonblank_prefix(text),
        min_overlap=min_overlap,
        min_span_share=min_span_share,
    ).tolist()
    assert got == _brute_force(text, segs, spans, min_overlap, min_span_share)
