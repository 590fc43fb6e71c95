"""The saturation figure draws from the tables alone and saves byte-identically."""

from __future__ import annotations

import hashlib

from tests.unit.saturation.test_study import _inputs
from thematica.figures.saturation import plot_saturation
from thematica.figures.style import save_figure
from thematica.saturation.settings import SaturationSettings
from thematica.saturation.study import saturation_tables
from thematica.support.tables import read_csv, write_csv


def test_figure_from_written_tables(tmp_path):
    tables = saturation_tables(
        **_inputs(), settings=SaturationSettings(n_permutations=50, n_bootstrap=20), seed=0
    )
    paths = {}
    for name in ("curve", "summary", "extrapolation"):
        paths[name] = tmp_path / f"{name}.csv"
        write_csv(getattr(tables, name), paths[name])
    digests = []
    for i in range(2):
        fig = plot_saturation(
            *(read_csv(paths[n]) for n in ("curve", "summary", "extrapolation")),
            study="tiny",
            group_labels={"g1": "Group one", "g2": "Group two"},
        )
        assert len(fig.axes) == 6
        out = tmp_path / f"fig{i}.svg"
        save_figure(fig, out)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    theme = plot_saturation(
        *(read_csv(paths[n]) for n in ("curve", "summary", "extrapolation")),
        study="tiny",
        group_labels={"g1": "Group one", "g2": "Group two"},
        level="theme",
        source="c2",
    )
    save_figure(theme, tmp_path / "theme.png")
