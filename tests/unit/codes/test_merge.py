"""Consensus rules: majority (both tie rules), union, intersection, a named coder; missing stays missing."""

from __future__ import annotations

import pandas as pd
import pytest

from thematica.codes.merge import merge_consensus
from thematica.errors import ThematicaError

# s1: three coders saw it (2 of 3 applied k); s2: two coders (1 of 2); s3: one coder (0 of 1);
# s4: two coders, both applied; s5: nobody saw it (no rows)
ROWS = [
    ("s1", "ana", 1),
    ("s1", "bob", 1),
    ("s1", "cid", 0),
    ("s2", "ana", 1),
    ("s2", "cid", 0),
    ("s3", "bob", 0),
    ("s4", "ana", 1),
    ("s4", "bob", 1),
]
SEGMENT_CODES = pd.DataFrame(
    [(s, c, "k", a) for s, c, a in ROWS], columns=["segment_id", "coder", "code", "applied"]
).astype({"applied": "int8"})


def _applied(rule, ties="applied"):
    table = merge_consensus(SEGMENT_CODES, rule=rule, ties=ties)
    return dict(zip(table["segment_id"], table["applied"].tolist(), strict=True))


@pytest.mark.parametrize(
    ("rule", "ties", "expected"),
    [
        ("majority", "applied", {"s1": 1, "s2": 1, "s3": 0, "s4": 1}),
        ("majority", "not_applied", {"s1": 1, "s2": 0, "s3": 0, "s4": 1}),
        ("union", "applied", {"s1": 1, "s2": 1, "s3": 0, "s4": 1}),
        ("intersection", "applied", {"s1": 0, "s2": 0, "s3": 0, "s4": 1}),
        ("coder:ana", "applied", {"s1": 1, "s2": 1, "s4": 1}),  # ana never saw s3: missing
        ("coder:cid", "applied", {"s1": 0, "s2": 0}),
    ],
)
def test_rules(rule, ties, expected):
    assert _applied(rule, ties) == expected


def test_counts_and_schema():
    table = merge_consensus(SEGMENT_CODES)
    assert list(table.columns) == ["segment_id", "code", "applied", "n_coders", "n_applied"]
    assert table["applied"].dtype == "int8"
    assert table.set_index("segment_id").loc["s1", ["n_coders", "n_applied"]].tolist() == [3, 2]
    assert "s5" not in set(table["segment_id"])


def test_three_coder_majority_without_ties():
    rows = [("s", c, "k", a) for c, a in zip("abc", [1, 0, 0], strict=True)]
    table = merge_consensus(pd.DataFrame(rows, columns=["segment_id", "coder", "code", "applied"]))
    assert table["applied"].tolist() == [0]


def test_order_follows_segment_codes():
    table = merge_consensus(SEGMENT_CODES)
    assert table["segment_id"].tolist() == ["s1", "s2", "s3", "s4"]


@pytest.mark.parametrize(("rule", "match"), [("mode", "use majority, union"), ("coder:zed", "not among")])
def test_bad_rules(rule, match):
    with pytest.raises(ThematicaError, match=match):
        merge_consensus(SEGMENT_CODES, rule=rule)


def test_bad_ties():
    with pytest.raises(ThematicaError, match="majority_ties"):
        merge_consensus(SEGMENT_CODES, ties="coin")
