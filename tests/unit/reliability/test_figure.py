"""The alpha forest plot: sorted rows, codebook labels, benchmark lines, byte-identical files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.figures.reliability import plot_reliability_alpha
from thematica.figures.style import save_figure

ALPHA = pd.DataFrame(
    {
        "code": ["a", "b", "c", "d", "T1", "T2"],
        "level": ["code"] * 4 + ["theme"] * 2,
        "label": ["Alpha code", "Beta code", "Gamma code", "Delta code", "T1", "T2"],
        "theme": ["T1", "T1", "T2", "T2", "T1", "T2"],
        "alpha": [0.55, 0.91, 0.78, np.nan, 0.85, 0.7],
        "ci_low": [0.45, 0.88, 0.7, np.nan, 0.8, 0.62],
        "ci_high": [0.65, 0.94, 0.85, np.nan, 0.9, 0.77],
        "low_prevalence_warning": [False, False, True, True, False, False],
    }
)


def _top_down(ax) -> list[str]:
    pairs = zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True)
    return [label for _, label in sorted(pairs, reverse=True)]


def test_rows_are_sorted_and_labelled():
    fig = plot_reliability_alpha(ALPHA, study="demo", alpha_min=0.667, alpha_good=0.8)
    codes_ax, themes_ax = fig.axes[:2]
    assert _top_down(codes_ax) == ["Beta code", "Gamma code *", "Alpha code", "Delta code *"]
    assert _top_down(themes_ax) == ["Theme: T1", "Theme: T2"]
    lines = {round(line.get_xdata()[0], 3) for line in codes_ax.lines if len(set(line.get_xdata())) == 1}
    assert {0.667, 0.8} <= lines
    assert codes_ax.get_xlim()[1] > 1.0


def test_saved_files_are_byte_identical(tmp_path):
    for name in ("a", "b"):
        for ext in ("png", "svg"):
            save_figure(plot_reliability_alpha(ALPHA, study="demo"), tmp_path / f"{name}.{ext}", dpi=80)
    for ext in ("png", "svg"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()


def test_coefficients_figure_draws_every_coefficient():
    from thematica.figures.reliability import plot_reliability_coefficients

    long = pd.concat(
        [
            ALPHA.rename(columns={"alpha": "estimate"}).assign(coefficient=name, coder_a=None)
            for name in ("alpha", "fleiss_kappa", "gwet_ac1")
        ]
        + [ALPHA.rename(columns={"alpha": "estimate"}).assign(coefficient="cohen_kappa", coder_a="x")]
    )
    fig = plot_reliability_coefficients(long, study="demo")
    codes_ax = fig.axes[0]
    assert _top_down(codes_ax) == ["Beta code", "Gamma code", "Alpha code", "Delta code"]
    legend = [t.get_text() for t in codes_ax.get_legend().get_texts()]
    assert legend[:3] == ["Krippendorff's alpha", "Fleiss' kappa", "Gwet's AC1"]  # pair rows left out
    markers = [line for line in codes_ax.lines if line.get_marker() == "o"]
    assert len(markers) == 3 * 3  # three defined codes x three coefficients
