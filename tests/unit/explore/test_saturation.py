"""Saturation under other settings: the Guest grid and a rerun of the stage."""

from __future__ import annotations

import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.explore import StudyResults, guest_grid, load_study, rerun_saturation
from thematica.support.tables import write_csv

from .conftest import STUDY


class Curve(StudyResults):
    def __init__(self, curve: pd.DataFrame) -> None:
        super().__init__("t", ".", {"studies": {"t": "."}, "saturation": {"threshold": 0.05}})
        self._tables = {"saturation_curve": curve}


def test_guest_grid_reproduces_the_worked_example():
    # Guest et al. (2020)-style example (thematica.saturation.guest): base of 4 interviews with 10 codes,
    # interviews 5-6 add 2 (20%), 6-7 add 1 (10%), 7-8 add none: saturation at 6+2.
    cumulative = [4, 7, 9, 10, 11, 12, 12, 12]
    curve = pd.DataFrame(
        {"source": "consensus", "level": "code", "group": "all", "order": range(8, 0, -1), "cumulative": 0}
    )
    curve["cumulative"] = [cumulative[o - 1] for o in curve["order"]]  # stored out of order on purpose
    grid = guest_grid(Curve(curve), base_sizes=[4, 7], run_lengths=[1, 2], thresholds=[0.05, 0.25])
    table = grid.set_index(["base_size", "run_length", "threshold"])
    assert table.loc[(4, 2, 0.05), "saturation"] == "6+2" and table.loc[(4, 2, 0.05), "base_codes"] == 10
    assert table.loc[(4, 2, 0.25), "saturation"] == "4+2"  # 2 new codes of 10 is within 25%
    assert table.loc[(4, 1, 0.05), "saturation"] == "6+1"
    assert table.loc[(7, 2, 0.05), "saturation"] == "not assessable"
    assert pd.isna(table.loc[(7, 2, 0.05), "n"]) and "needs at least 9" in table.loc[(7, 2, 0.05), "note"]


def test_guest_grid_names_the_curves_there_are():
    curve = pd.DataFrame({"source": ["consensus"], "level": ["code"], "group": ["all"], "order": [1]})
    with pytest.raises(
        ThematicaError, match="no saturation curve coder_9/code/all; the curves are: consensus"
    ):
        guest_grid(Curve(curve.assign(cumulative=1)), source="coder_9")


def test_rerun_without_changes_gives_the_stored_tables(pipeline_root, tmp_path):
    results = load_study(STUDY, pipeline_root)
    again = rerun_saturation(results)
    for name, table in (("curve", "saturation_curve"), ("summary", "saturation_summary")):
        write_csv(getattr(again, name), tmp_path / f"{name}.csv")
        assert (tmp_path / f"{name}.csv").read_bytes() == results.path(table).read_bytes(), name


def test_rerun_with_another_base_and_run(pipeline_root):
    results = load_study(STUDY, pipeline_root)
    again = rerun_saturation(results, base_size=2, run_length=3, coders=False, levels=["code"])
    assert set(again.summary["source"]) == {"consensus"} and set(again.summary["level"]) == {"code"}
    assert (again.summary["guest_base_size"] == 2).all() and (again.summary["guest_run_length"] == 3).all()
    with pytest.raises(ThematicaError, match="unknown saturation setting"):
        rerun_saturation(results, base=3)
