import numpy as np
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


def test_topics_as_assignments_list_each_segment_once_and_leave_out_outliers():
    topics = pd.DataFrame({"segment_id": ["b1", "a2", "a1"], "topic": [1, -1, 0]})
    table = topic_assignments(topics)
    assert table.to_dict("list") == {
        "segment_id": ["a1", "b1"],
        "code": ["topic_0", "topic_1"],
        "applied": [1, 1],
    }


def _dense_topic_assignments(segment_topics: pd.DataFrame) -> pd.DataFrame:
    """The former layout: a row for every segment x topic, 0 or 1 (segments x topics rows)."""
    kept = segment_topics.loc[segment_topics["topic"] >= 0, ["segment_id", "topic"]]
    topics = sorted(kept["topic"].unique())
    grid = pd.MultiIndex.from_product([segment_topics["segment_id"], topics], names=["segment_id", "topic"])
    applied = pd.Series(1, index=pd.MultiIndex.from_frame(kept)).reindex(grid, fill_value=0)
    table = applied.rename("applied").reset_index()
    table["code"] = "topic_" + table["topic"].astype(str)
    return table[["segment_id", "code", "applied"]]


def test_topic_level_tables_equal_those_of_a_dense_segment_by_topic_table():
    rng = np.random.default_rng(3)
    participants = pd.DataFrame(
        {"participant_id": [f"P{i:02d}" for i in range(30)], "group": ["g1"] * 12 + ["g2"] * 15 + ["g3"] * 3}
    )
    owner = rng.integers(0, 30, 900)
    segments = pd.DataFrame(
        {
            "segment_id": [f"s{i:04d}" for i in range(900)],
            "participant_id": participants["participant_id"].to_numpy()[owner],
            "group": participants["group"].to_numpy()[owner],
        }
    )
    # 12 topics of uneven size, outliers, one topic only group g3 voices, and a segment without a topic row
    topic = rng.choice(np.arange(-1, 11), size=900, p=[0.1] + [0.9 / 11] * 11)
    topic[segments["group"].to_numpy() == "g3"] = 11
    segment_topics = pd.DataFrame({"segment_id": segments["segment_id"], "topic": topic}).iloc[1:]
    sparse, dense = topic_assignments(segment_topics), _dense_topic_assignments(segment_topics)
    assert len(sparse) == (segment_topics["topic"] >= 0).sum() < len(dense) / 10
    groups = ["g1", "g2"]
    pd.testing.assert_frame_equal(
        presence_matrix(sparse, segments, participants), presence_matrix(dense, segments, participants)
    )
    judged = segment_topics["segment_id"]
    got = segment_rates(sparse, segments, groups, level="topic", judged=judged)
    want = segment_rates(dense, segments, groups, level="topic")
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert set(got["code"]) == {f"topic_{k}" for k in range(12)}
    assert (got.loc[got["code"] == "topic_11", "k_segments"] == 0).all()  # no g1 or g2 segment has it


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
