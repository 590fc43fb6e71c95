"""One look for every figure: paper-sized, colour-blind-safe, saved without timestamps."""

from __future__ import annotations

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


def save_figure(figure, path: str | Path, dpi: int = 200) -> None:
    """Save as PNG or SVG (by suffix) with no dates or software versions, then close the figure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    metadata = {
        "svg": {"Date": None, "Creator": None},
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }.get(suffix.lstrip("."), {})
    with plt.rc_context(RC):
        figure.savefig(path, dpi=dpi, metadata=metadata)
    plt.close(figure)
