"""The comparison figures for one, two and three groups, and the rule that no interval excluding 0 sits beside
an open ("not different") marker without the figure saying why."""

import matplotlib

matplotlib.use("agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.unit.compare.test_fcr import COUNTS, _presence  # noqa: E402
from thematica.compare.prevalence import compare_level  # noqa: E402
from thematica.figures.compare import DAGGER_NOTE, plot_perspectives, plot_prevalence  # noqa: E402

CODEBOOK_THEMES = {code: code.split("_")[0] for code in COUNTS}


def _panel(prevalence, pairwise, group_labels):
    return {
        "table": prevalence,
        "pairwise": pairwise,
        "labels": {c: c for c in COUNTS},
        "themes": CODEBOOK_THEMES,
        "group_labels": group_labels,
        "title": "study",
    }


def _points(ax):
    """(y, x, fillstyle) of every point and (y, low, high) of every thick interval of a panel."""
    points, intervals = [], []
    for line in ax.get_lines():
        x, y = line.get_xdata(), line.get_ydata()
        if len(x) == 1:
            points.append((round(float(y[0]), 6), float(x[0]), line.get_fillstyle()))
        elif len(x) == 2 and y[0] == y[1] and line.get_linewidth() > 1:
            intervals.append((round(float(y[0]), 6), float(min(x)), float(max(x))))
    return points, dict((y, (low, high)) for y, low, high in intervals)


def test_perspectives_marks_every_interval_that_excludes_zero():
    """The demo physicians' case: conversation_starter is half-filled and the legend says why."""
    prevalence, pairs = compare_level(_presence(COUNTS), ["a", "b"])
    fig = plot_perspectives([_panel(prevalence, pairs, {"a": "A", "b": "B"})])
    points, intervals = _points(fig.axes[0])
    assert len(points) == len(COUNTS)
    for y, _, fill in points:
        low, high = intervals[y]
        excludes = low > 0 or high < 0
        assert fill != "none" or not excludes  # no open marker beside an interval excluding 0
    fills = {fig.axes[0].get_yticklabels()[int(y)].get_text(): fill for y, _, fill in points}
    assert (
        fills["conversation_starter"] == "left" and fills["clear_1"] == "full" and fills["same_0"] == "none"
    )
    legend = " | ".join(t.get_text() for t in fig.legends[0].get_texts())
    assert "95% interval excludes 0, not significant after FDR" in legend and "FCR interval" in legend


def test_prevalence_figure_daggers_and_explains_an_interval_only_code():
    prevalence, _ = compare_level(_presence(COUNTS), ["a", "b"])
    fig = plot_prevalence(prevalence, labels={}, group_labels={"a": "A", "b": "B"}, title="t")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "conversation_starter †" in ticks and "clear_1 ***" in ticks
    assert DAGGER_NOTE in [t.get_text() for t in fig.axes[0].texts]


def test_one_group_figures_have_no_comparison_axis():
    presence = _presence(COUNTS)
    prevalence, pairs = compare_level(presence.loc[presence["group"] == "a"], ["a"])
    fig = plot_prevalence(prevalence, labels={}, group_labels={"a": "A"}, title="t")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks[-1] == "clear_1" and not any(
        "*" in t or "†" in t for t in ticks
    )  # sorted by share, no marks
    fig = plot_perspectives([_panel(prevalence, pairs, {"a": "A"})])
    ax = fig.axes[0]
    assert ax.get_xlim() == pytest.approx((-0.02, 1.02)) and "no comparison" in ax.get_xlabel()
    assert not fig.legends  # no test, no marker to explain


def test_three_groups_draw_every_group_and_every_pair():
    rows = []
    for code, shares in {"x": (6, 0, 3), "y": (2, 2, 2)}.items():
        for group, k in zip("abc", shares, strict=True):
            rows += [
                {"participant_id": f"{group}{i}", "group": group, "code": code, "present": int(i < k)}
                for i in range(6)
            ]
    prevalence, pairs = compare_level(pd.DataFrame(rows), ["a", "b", "c"])
    labels = {"a": "A", "b": "B", "c": "C"}
    fig = plot_prevalence(prevalence, labels={}, group_labels=labels, title="t")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["A", "B", "C"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["y", "x **"]  # by spread, omnibus stars
    panel = _panel(prevalence, pairs, labels) | {"labels": {}, "themes": {}}
    fig = plot_perspectives([panel])
    points, _ = _points(fig.axes[0])
    assert len(points) == 6  # two codes x three pairs
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert ["A − B", "A − C", "B − C"] == [t for t in legend if "−" in t]
