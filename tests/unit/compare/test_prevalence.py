import numpy as np
import pandas as pd
import pytest

from thematica.compare.omnibus import freeman_halton
from thematica.compare.prevalence import (
    PAIRWISE_COLUMNS,
    PREVALENCE_COLUMNS,
    compare_groups,
    compare_level,
    presence_matrix,
    segment_rates,
    theme_assignments,
    topic_assignments,
)
from thematica.compare.stats import benjamini_hochberg, fisher_exact
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


def _study(groups: dict[str, int], voiced: dict[str, dict[str, int]]) -> pd.DataFrame:
    """Presence table: ``groups`` name -> size, ``voiced`` code -> group -> participants voicing it."""
    rows = []
    for code, per_group in voiced.items():
        for group, size in groups.items():
            for i in range(size):
                rows.append(
                    {
                        "participant_id": f"{group}{i:02d}",
                        "group": group,
                        "code": code,
                        "present": int(i < per_group[group]),
                    }
                )
    return pd.DataFrame(rows)


def test_one_group_gives_prevalence_with_wilson_intervals_and_no_test():
    presence = _study({"therapist": 18}, {"x": {"therapist": 9}, "y": {"therapist": 0}})
    prevalence, pairs = compare_level(presence, ["therapist"])
    assert list(prevalence.columns) == PREVALENCE_COLUMNS and len(prevalence) == 2 and pairs.empty
    x = prevalence.set_index("code").loc["x"]
    assert (x["n_participants"], x["k_with_code"], x["share"]) == (18, 9, 0.5)
    # Wilson 95% for 9 of 18, by the formula: (0.5 ± 1.96 sqrt(0.25/18 + 1.96²/(4·18²))) / (1 + 1.96²/18)
    z = 1.959963984540054
    half = z * np.sqrt(0.25 / 18 + z**2 / (4 * 18**2)) / (1 + z**2 / 18)
    assert (x["ci_low"], x["ci_high"]) == pytest.approx((0.5 - half, 0.5 + half), rel=1e-12)
    stats = ["difference", "diff_low", "diff_high", "odds_ratio", "p", "p_adj", "significant"]
    assert prevalence[stats].isna().all().all()
    assert set(prevalence["test"]) == {"none"} and set(prevalence["marker"]) == {"none"}
    assert list(pairs.columns) == PAIRWISE_COLUMNS


def test_three_groups_omnibus_then_every_pair():
    groups = {"psychiatry": 6, "family_medicine": 6, "nursing": 6}
    voiced = {
        "differs": {"psychiatry": 6, "family_medicine": 0, "nursing": 3},
        "same": {"psychiatry": 2, "family_medicine": 2, "nursing": 2},
    }
    prevalence, pairs = compare_level(_study(groups, voiced), list(groups))
    assert list(prevalence.columns) == PREVALENCE_COLUMNS and len(prevalence) == 6
    assert prevalence["group"].tolist()[:3] == list(groups)  # display order kept
    per_code = prevalence.drop_duplicates("code").set_index("code")
    assert set(per_code["test"]) == {"freeman_halton"}
    assert per_code[["difference", "diff_low", "diff_high", "odds_ratio"]].isna().all().all()
    # 'differs': the 2 x 3 table [[6, 0, 3], [0, 6, 3]] against every table with margins 9/9 and 6/6/6
    assert per_code.loc["differs", "p"] == pytest.approx(freeman_halton([6, 0, 3], [6, 6, 6])[0])
    assert per_code.loc["differs", "p"] < 0.01 and per_code.loc["same", "p"] == pytest.approx(1.0)
    assert per_code.loc["differs", "p_adj"] == pytest.approx(2 * per_code.loc["differs", "p"])
    assert per_code["marker"].to_dict() == {"differs": "significant", "same": "none"}
    # pairs: 3 per code, first minus second group in display order, BH over all 6 pairwise p
    assert len(pairs) == 6 and list(pairs.columns) == PAIRWISE_COLUMNS
    assert pairs.loc[pairs["code"] == "differs", ["group_a", "group_b"]].values.tolist() == [
        ["psychiatry", "family_medicine"],
        ["psychiatry", "nursing"],
        ["family_medicine", "nursing"],
    ]
    first = pairs.iloc[0]
    assert first["difference"] == 1.0 and first["p"] == pytest.approx(fisher_exact(6, 6, 0, 6))
    assert pairs["p_adj"].tolist() == pytest.approx(benjamini_hochberg(pairs["p"].to_numpy()).tolist())
    assert first["significant"] and first["marker"] == "significant" and first["diff_low_fcr"] > 0


@pytest.mark.parametrize("groups", [["a"], ["a", "b"], ["a", "b", "c"]])
def test_a_level_without_items_gives_empty_tables_with_their_columns(groups):
    empty = pd.DataFrame({"participant_id": [], "group": [], "code": [], "present": []}).astype(
        {"participant_id": str, "group": str, "code": str, "present": int}
    )
    prevalence, pairs = compare_level(empty, groups, level="topic")
    assert prevalence.empty and list(prevalence.columns) == PREVALENCE_COLUMNS
    assert pairs.empty and list(pairs.columns) == PAIRWISE_COLUMNS
