"""Candidate-theme figures render from tables alone and are byte-identical when drawn twice."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.figures.crosswalk import plot_crosswalk
from thematica.figures.style import save_figure
from thematica.figures.topics import plot_topic_stability, plot_topics_overview
from thematica.topics.crosswalk import crosswalk

INFO = pd.DataFrame(
    {
        "topic": [-1, 0, 1, 2],
        "label": ["(outliers)", "privacy, data", "homework, practice", "crisis, safety"],
        "n_segments": [3, 40, 25, 10],
        "n_participants": [2, 9, 7, 4],
        "share_participants_a": [0.2, 1.0, 0.6, 0.2],
        "share_participants_b": [0.0, 0.8, 0.8, 0.6],
        "stability": [np.nan, 0.9, 0.7, 0.3],
        "stability_min": [np.nan, 0.8, 0.5, 0.1],
        "stable": [pd.NA, True, True, False],
    }
)
RUNS = pd.DataFrame(
    {"seed": [2, 3], "n_topics": [3, 4], "outlier_share": [0.0, 0.0], "ari": [0.8, 0.7], "nmi": [0.9, 0.8]}
)


def _draw_twice(tmp_path, make, name):
    paths = []
    for i in range(2):
        path = tmp_path / f"{name}_{i}.svg"
        save_figure(make(), path)
        paths.append(path)
    assert paths[0].stat().st_size > 5000
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_overview_and_stability(tmp_path):
    labels = {"a": "Group A", "b": "Group B"}
    _draw_twice(tmp_path, lambda: plot_topics_overview(INFO, study="s", group_labels=labels), "overview")
    _draw_twice(tmp_path, lambda: plot_topic_stability(INFO, RUNS, study="s", threshold=0.5), "stability")


def test_crosswalk_heatmap(tmp_path):
    rng = np.random.default_rng(0)
    topics = rng.integers(-1, 3, size=120)
    applied = (rng.random((120, 3)) < 0.3).astype(int)
    table = crosswalk(topics, applied, ["x", "y", "z"])
    codebook = pd.DataFrame({"code": ["z", "y", "x"], "label": ["Zed", "Why", "Ex"]})
    _draw_twice(tmp_path, lambda: plot_crosswalk(table, INFO, study="s", codebook=codebook), "crosswalk")


def test_one_drawing_saved_in_every_format_matches_each_saved_alone(tmp_path):
    labels = {"a": "Group A", "b": "Group B"}

    def make():
        return plot_topics_overview(INFO, study="s", group_labels=labels)

    save_figure(make(), [tmp_path / "both.svg", tmp_path / "both.png"])
    for ext in ("svg", "png"):
        save_figure(make(), tmp_path / f"alone.{ext}")
        assert (tmp_path / f"both.{ext}").read_bytes() == (tmp_path / f"alone.{ext}").read_bytes()
    assert (tmp_path / "both.png").read_bytes()[:4] == b"\x89PNG"
