"""The group comparison on the demo studies' planted truth: every planted difference is flagged after
Benjamini-Hochberg and no code planted without a difference is.

Two views of each full demo study (42 and 25 participants), through the same library call as the pipeline
(:func:`thematica.compare.compare_study`): the planted sentence codes themselves, and the codes both
simulated coders of a transcript applied somewhere in it (``truth/coder_events.csv``: their misses, false
additions and boundary errors), which is what a participant-level consensus of two coders sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from thematica.codes import read_codebook
from thematica.compare.study import compare_study
from thematica.ingest.folder import load_study

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
STUDIES = ["demo_physicians", "demo_alliance"]
APPLIED = ("coded", "extended", "trimmed", "added")


def _planted(study: str) -> dict:
    return json.loads((RAW / study / "truth" / "planted.json").read_text(encoding="utf-8"))


def _inputs(study: str, present: pd.DataFrame) -> tuple:
    """Segments, consensus, participants, codebook and groups for compare_study, from a table of
    ``participant_id, code`` pairs (one pseudo-segment per participant and code, plus one uncoded)."""
    folder = load_study(RAW / study)
    people = dict(
        zip(folder.participants["participant_id"], folder.participants[folder.group_column], strict=True)
    )
    codebook = read_codebook(RAW / study / "codebook.csv")
    segments = pd.DataFrame(
        {
            "segment_id": [f"{p}_s0" for p in people],
            "participant_id": list(people),
            "group": list(people.values()),
        }
    )
    consensus = pd.DataFrame(
        [
            {
                "segment_id": f"{p}_s0",
                "code": code,
                "applied": int(code in set(present.loc[present["participant_id"] == p, "code"])),
            }
            for p in people
            for code in codebook["code"]
        ]
    )
    return consensus, segments, people, codebook, list(folder.groups)


def _planted_codes(study: str) -> pd.DataFrame:
    sentences = pd.read_csv(RAW / study / "truth" / "sentences.csv", dtype=str, keep_default_na=False)
    return sentences.loc[sentences["code"] != "", ["participant_id", "code"]].drop_duplicates()


def _two_coder_codes(study: str) -> pd.DataFrame:
    events = pd.read_csv(RAW / study / "truth" / "coder_events.csv", dtype=str)
    applied = events.loc[events["event"].isin(APPLIED), ["coder", "transcript", "code"]].drop_duplicates()
    coders = pd.read_csv(RAW / study / "coders.csv", dtype=str)
    assert (coders.groupby("transcript").size() == 2).all()  # two coders saw every transcript
    both = applied.groupby(["transcript", "code"]).size().reset_index(name="n").query("n == 2")
    folder = load_study(RAW / study)
    participant = dict(
        zip(folder.participants["transcript"], folder.participants["participant_id"], strict=True)
    )
    return both.assign(participant_id=both["transcript"].map(participant))[["participant_id", "code"]]


def _codes(study: str, present: pd.DataFrame) -> pd.DataFrame:
    prevalence, _, _ = compare_study(*_inputs(study, present))
    codes = prevalence.loc[prevalence["level"] == "code"]
    for code, shares in _planted(study)["group_differences"].items():  # the planted direction
        rows = codes.loc[codes["code"] == code].set_index("group")["share"]
        assert rows[max(shares, key=shares.get)] > rows[min(shares, key=shares.get)], code
    return codes.drop_duplicates("code").set_index("code")


@pytest.mark.parametrize("study", STUDIES)
def test_planted_differences_are_flagged_and_no_others(study):
    codes = _codes(study, _planted_codes(study))
    planted = _planted(study)
    differs, same = sorted(planted["group_differences"]), sorted(planted["no_group_difference"])
    assert codes.loc[differs, "significant"].all(), codes.loc[differs, ["p", "p_adj"]]
    assert not codes.loc[same, "significant"].any(), codes.loc[same, ["p", "p_adj"]]


@pytest.mark.parametrize("study", STUDIES)
def test_two_coders_keep_the_differences_and_flag_no_other(study):
    """Both coders' codes lose some of each planted difference (a participant counts when both coders
    applied the code), so a planted difference need only differ before the adjustment here."""
    codes = _codes(study, _two_coder_codes(study))
    planted = _planted(study)
    differs, same = sorted(planted["group_differences"]), sorted(planted["no_group_difference"])
    assert (codes.loc[differs, "p"] < 0.05).all(), codes.loc[differs, ["p", "p_adj"]]
    assert not codes.loc[same, "significant"].any(), codes.loc[same, ["p", "p_adj"]]


@pytest.mark.parametrize("study", STUDIES)
def test_markers_match_the_intervals_on_the_demo_studies(study):
    """Every level of the two-coder view: an item whose unadjusted interval excludes 0 is flagged or marked
    interval_only, an open marker's interval includes 0, and a flagged item's false-coverage-rate interval is
    at least as wide as its unadjusted one and excludes 0."""
    prevalence, _, pairwise = compare_study(*_inputs(study, _two_coder_codes(study)))
    items = prevalence.drop_duplicates(["level", "code"])
    assert (items["marker"].to_numpy() == pairwise["marker"].to_numpy()).all()
    excludes = (items["diff_low"] > 0) | (items["diff_high"] < 0)
    assert (items.loc[excludes & ~items["significant"], "marker"] == "interval_only").all()
    assert not excludes[items["marker"] == "none"].any()
    flagged = items.loc[items["significant"]]
    assert len(flagged) > 0
    assert (flagged["diff_low_fcr"] <= flagged["diff_low"]).all()
    assert (flagged["diff_high_fcr"] >= flagged["diff_high"]).all()
    assert ((flagged["diff_low_fcr"] > 0) | (flagged["diff_high_fcr"] < 0)).all()
