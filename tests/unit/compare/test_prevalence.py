import pandas as pd
import pytest

from thematica.compare.prevalence import (
    compare_groups,
    presence_matrix,
    segment_rates,
    theme_assignments,
    topic_assignments,
)
from thematica.errors import ThematicaError

SEGMENTS = pd.DataFrame(
    {
        "segment_id": ["a1", "a2", "b1", "c1", "d1", "d2"],
        "participant_id": ["A", "A", "B", "C", "D", "D"],
        "group": ["g1", "g1", "g1", "g2", "g2", "g2"],
    }
)
PARTICIPANTS = pd.DataFrame(
    {"participant_id": ["A", "B", "C", "D", "E"], "group": ["g1", "g1", "g2", "g2", "g2"]}
)
CODES = pd.DataFrame(
    {
        "segment_id": [s for s in SEGMENTS["segment_id"] for _ in range(2)],
        "code": ["x", "y"] * 6,
        "applied": [1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1],
    }
)


def test_presence_counts_a_participant_once_and_keeps_silent_ones():
    presence = presence_matrix(CODES, SEGMENTS, PARTICIPANTS)
    x = presence.loc[presence["code"] == "x"].set_index("participant_id")["present"].to_dict()
    assert x == {"A": 1, "B": 0, "C": 0, "D": 0, "E": 0}
    y = presence.loc[presence["code"] == "y"].set_index("participant_id")["present"].to_dict()
    assert y == {"A": 1, "B": 0, "C": 1, "D": 1, "E": 0}


def test_compare_groups_table():
    table = compare_groups(presence_matrix(CODES, SEGMENTS, PARTICIPANTS), ["g1", "g2"])
    y = table.loc[table["code"] == "y"].set_index("group")
    assert y.loc["g1", "k_with_code"] == 1 and y.loc["g1", "n_participants"] == 2
    assert y.loc["g2", "k_with_code"] == 2 and y.loc["g2", "n_participants"] == 3
    assert y.loc["g1", "difference"] == pytest.approx(0.5 - 2 / 3)
    assert y.loc["g1", "p"] == pytest.approx(1.0)
    assert list(table.columns)[:3] == ["level", "code", "group"] and len(table) == 4


def test_themes_lift_codes():
    codebook = pd.DataFrame({"code": ["x", "y"], "theme": ["T", "T"]})
    lifted = theme_assignments(CODES, codebook)
    assert lifted.set_index("segment_id")["applied"].to_dict() == {
        "a1": 1,
        "a2": 1,
        "b1": 0,
        "c1": 1,
        "d1": 0,
        "d2": 1,
    }
    with pytest.raises(ThematicaError, match="not in the codebook"):
        theme_assignments(CODES, codebook.iloc[:1])


def test_segment_rates():
    rates = segment_rates(CODES, SEGMENTS, ["g1", "g2"]).set_index(["code", "group"])
    assert rates.loc[("x", "g1"), "k_segments"] == 2 and rates.loc[("x", "g1"), "n_segments"] == 3
    assert rates.loc[("y", "g2"), "rate"] == pytest.approx(2 / 3)


def test_topics_as_assignments_leave_out_outliers():
    topics = pd.DataFrame({"segment_id": ["a1", "a2", "b1"], "topic": [0, -1, 1]})
    table = topic_assignments(topics)
    assert set(table["code"]) == {"topic_0", "topic_1"}
    assert table.groupby("segment_id")["applied"].sum().to_dict() == {"a1": 1, "a2": 0, "b1": 1}


def test_planted_difference_is_detected_and_equal_code_is_not():
    participants = pd.DataFrame(
        {"participant_id": [f"P{i}" for i in range(42)], "group": ["g1"] * 21 + ["g2"] * 21}
    )
    segments = participants.assign(segment_id=participants["participant_id"] + "_s1")
    differs = [1] * 18 + [0] * 3 + [1] * 5 + [0] * 16
    same = [1] * 11 + [0] * 10 + [1] * 11 + [0] * 10
    codes = pd.concat(
        [
            pd.DataFrame({"segment_id": segments["segment_id"], "code": "differs", "applied": differs}),
            pd.DataFrame({"segment_id": segments["segment_id"], "code": "same", "applied": same}),
        ]
    )
    table = compare_groups(presence_matrix(codes, segments, participants), ["g1", "g2"]).drop_duplicates(
        "code"
    )
    flags = table.set_index("code")["significant"].to_dict()
    assert flags == {"differs": True, "same": False}
