"""One look for every figure: paper-sized, colour-blind-safe, saved without timestamps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402

#: Okabe–Ito palette (colour-blind safe); the first two colours mark the two compared groups.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.hashsalt": "thematica",
    "svg.fonttype": "path",
    "path.simplify": False,
}


def new_figure(width: float = 7.0, height: float = 3.0, ncols: int = 1, nrows: int = 1, **kwargs):
    """A figure in the house style (inches; 7 in is a two-column paper width)."""
    with plt.rc_context(RC):
        return plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)


def message_figure(text: str, *, title: str, align: str = "center"):
    """One panel without axes that says, in a sentence, why a figure has nothing to draw.

    Parameters
    ----------
    text
        The sentence.
    title
        The figure's title.
    align
        ``"center"`` (text and title centred) or ``"left"``.
    """
    with plt.rc_context(RC):
        fig, ax = new_figure(7.0, 1.6)
        ax.set_axis_off()
        x = 0.5 if align == "center" else 0.0
        ax.text(x, 0.5, text, ha=align, va="center", wrap=True, fontsize=9, color="0.25")
        ax.set_title(title, loc=align)
    return fig


def save_figure(figure, path: str | Path | Sequence[str | Path], dpi: int = 200) -> None:
    """Save as PNG, SVG or PDF (by suffix) with no dates or software versions, then close the figure.

    ``path`` may be several files (a workflow job writes every format of ``figures.formats`` from one
    drawing); each file has the same bytes as when it is saved alone.
    """
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    try:
        for one in paths:
            one.parent.mkdir(parents=True, exist_ok=True)
            metadata = {
                "svg": {"Date": None, "Creator": None},
                "png": {"Software": None},
                "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
            }.get(one.suffix.lower().lstrip("."), {})
            with plt.rc_context(RC):
                figure.savefig(one, dpi=dpi, metadata=metadata)
    finally:
        plt.close(figure)
