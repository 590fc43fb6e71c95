"""Code presence per participant from consensus / coder tables, theme roll-up and interview order."""

from __future__ import annotations

import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.saturation.incidence import (
    coder_incidence,
    interview_order,
    participant_incidence,
    theme_incidence,
)

SEGMENTS = pd.DataFrame(
    {"segment_id": ["t1_s0", "t1_s1", "t2_s0", "t3_s0"], "participant_id": ["P1", "P1", "P2", "P3"]}
)
CODES = ["a", "b", "c"]
ORDER = ["P3", "P1", "P2", "P4"]  # P4 has no segments at all


def _long(applied: dict[str, set[str]]) -> pd.DataFrame:
    rows = [(s, c, int(c in applied.get(s, set()))) for s in SEGMENTS["segment_id"] for c in CODES]
    return pd.DataFrame(rows, columns=["segment_id", "code", "applied"])


def test_a_participant_has_a_code_when_any_segment_has_it():
    consensus = _long({"t1_s0": {"a"}, "t1_s1": {"a", "c"}, "t3_s0": {"b"}})
    matrix = participant_incidence(consensus, SEGMENTS, ORDER, codes=CODES)
    assert list(matrix.columns) == ORDER and list(matrix.index) == CODES
    assert matrix.to_dict("list") == {"P3": [0, 1, 0], "P1": [1, 0, 1], "P2": [0, 0, 0], "P4": [0, 0, 0]}


def test_coders_only_count_participants_they_saw():
    table = pd.concat(
        [
            _long({"t1_s0": {"a"}}).assign(coder="c1"),
            _long({"t2_s0": {"b"}}).assign(coder="c2").query("segment_id == 't2_s0'"),
        ]
    )
    by_coder = coder_incidence(table, SEGMENTS, ORDER, codes=CODES)
    assert list(by_coder) == ["c1", "c2"]
    assert list(by_coder["c1"].columns) == ["P3", "P1", "P2"]
    assert list(by_coder["c2"].columns) == ["P2"] and by_coder["c2"]["P2"].tolist() == [0, 1, 0]


def test_themes_roll_up_codes():
    matrix = participant_incidence(_long({"t1_s0": {"a"}, "t2_s0": {"c"}}), SEGMENTS, ORDER, codes=CODES)
    book = pd.DataFrame({"code": ["a", "b", "c"], "theme": ["T2", "T2", None]})
    themes = theme_incidence(matrix, book)
    assert list(themes.index) == ["T2", "c"]  # a code without a theme is its own theme
    assert themes.loc["T2"].tolist() == [0, 1, 0, 0] and themes.loc["c"].tolist() == [0, 0, 1, 0]


def test_interview_order_by_file_or_by_a_date_column():
    table = pd.DataFrame(
        {"participant_id": ["P1", "P2", "P3"], "date": ["2024-05-01", "2024-01-31", "2024-02-29"]}
    )
    assert interview_order(table) == ["P1", "P2", "P3"]
    assert interview_order(table, "date") == ["P2", "P3", "P1"]
    numbered = table.assign(visit=["10", "9", "11"])
    assert interview_order(numbered, "visit") == ["P2", "P1", "P3"]  # numeric, not string, order


def test_bad_order_column_names_the_file_line_and_fix():
    table = pd.DataFrame({"participant_id": ["P1", "P2"], "date": ["2024-05-01", "last spring"]})
    with pytest.raises(ThematicaError, match=r"participants.csv, line 3: 'date' value 'last spring'"):
        interview_order(table, "date")
    with pytest.raises(ThematicaError, match="not a column"):
        interview_order(table, "when")


def test_inconsistent_tables_stop_with_a_plain_message():
    stray = pd.concat([_long({}), pd.DataFrame({"segment_id": ["zz"], "code": ["a"], "applied": [1]})])
    with pytest.raises(ThematicaError, match="not in segments.parquet"):
        participant_incidence(stray, SEGMENTS, ORDER, codes=CODES)
    with pytest.raises(ThematicaError, match="not in the codebook"):
        participant_incidence(_long({}), SEGMENTS, ORDER, codes=["a", "b"])
    with pytest.raises(ThematicaError, match="no row in participants.csv"):
        participant_incidence(_long({}), SEGMENTS, ["P1", "P2"], codes=CODES)
