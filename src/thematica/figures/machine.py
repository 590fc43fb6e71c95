"""The machine coder's figures: its alpha beside the humans' per code, and its learning curve.

Both read tables only (``results/<study>/reliability/machine.csv`` and
``results/<study>/machine/learning_curve.csv``), so restyling never refits a classifier.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from thematica.figures.style import PALETTE, RC, message_figure, new_figure

#: How each comparison of ``machine.csv`` is drawn: (legend label, colour, marker, filled, offset).
SERIES = {
    "machine_consensus": ("machine vs consensus", PALETTE[0], "o", True, -0.27),
    "machine_coder": ("machine vs each coder", PALETTE[5], "o", False, -0.09),
    "coders": ("human coders (all)", PALETTE[7], "D", True, 0.09),
    "coder_pair": ("human coder pairs", PALETTE[2], "s", False, 0.27),
}


def plot_machine_reliability(
    table: pd.DataFrame,
    *,
    study: str,
    alpha_min: float = 0.667,
    alpha_good: float = 0.800,
    ci_level: float = 0.95,
):
    """A forest plot of the machine coder as a distinct coder: its alpha against the consensus and each
    human coder, beside the humans' alpha (all coders, and each pair), per code.

    Parameters
    ----------
    table
        ``machine.csv``: columns ``code, label, comparison, alpha, ci_low, ci_high`` and optionally
        ``ci_low_transcripts, ci_high_transcripts`` (thin grey whiskers of the machine vs consensus).
    study
        Study name for the title.
    alpha_min, alpha_good
        Benchmarks drawn as vertical lines.
    ci_level
        Confidence level of the intervals (for the axis label).

    Returns
    -------
    matplotlib.figure.Figure
        One panel stating why when the table is empty (fewer than two coded transcripts).
    """
    import matplotlib.pyplot as plt

    title = f"{study}: machine coder against the consensus and the human coders"
    if table.empty:
        return message_figure(
            "No machine coder: the study has fewer than two coded transcripts.", title=title
        )
    first = table.loc[table["comparison"] == "machine_consensus"]
    first = first.assign(_key=first["alpha"].fillna(-np.inf)).sort_values(
        ["_key", "code"], ascending=[False, True], kind="stable"
    )
    codes = list(first["code"])
    y_of = {code: len(codes) - 1 - i for i, code in enumerate(codes)}
    finite = table[["alpha", "ci_low", "ci_high"]].to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]
    left = min(0.0, float(finite.min()) - 0.05) if finite.size else 0.0
    with plt.rc_context(RC):
        fig, ax = new_figure(7.0, 0.32 * len(codes) + 1.3)
        for comparison, (_, colour, marker, filled, offset) in SERIES.items():
            rows = table.loc[(table["comparison"] == comparison) & table["code"].isin(y_of)]
            for row in rows.itertuples(index=False):
                y = y_of[row.code] + offset
                if comparison == "machine_consensus":
                    lo_t = getattr(row, "ci_low_transcripts", np.nan)
                    hi_t = getattr(row, "ci_high_transcripts", np.nan)
                    if np.isfinite(lo_t) and np.isfinite(hi_t):
                        ax.plot([lo_t, hi_t], [y, y], color="0.65", lw=0.7, marker="|", ms=4, mew=0.7)
                if np.isfinite(row.ci_low) and np.isfinite(row.ci_high):
                    ax.plot([row.ci_low, row.ci_high], [y, y], color=colour, lw=1.1, solid_capstyle="butt")
                if np.isfinite(row.alpha):
                    ax.plot(
                        [row.alpha],
                        [y],
                        marker=marker,
                        ms=4,
                        color=colour,
                        markerfacecolor=colour if filled else "white",
                        markeredgewidth=1.0,
                        linestyle="none",
                    )
        labels = dict(zip(first["code"], first["label"], strict=True))
        ax.set_yticks([y_of[c] for c in codes], [labels[c] for c in codes])
        ax.set_ylim(-0.6, len(codes) - 0.4)
        ax.axvline(alpha_min, color="0.3", lw=0.8, ls="--")
        ax.axvline(alpha_good, color="0.3", lw=0.8, ls=":")
        ax.grid(axis="x", color="0.9", lw=0.5)
        ax.set_axisbelow(True)
        ax.set_xlim(left, 1.02)
        ax.set_xlabel(
            f"Krippendorff's alpha (binary, per segment) with {round(100 * ci_level)}% bootstrap interval; "
            "machine: cross-validated, folds grouped by transcript"
        )
        handles = [
            Line2D([], [], color=c, marker=m, mfc=c if f else "white", lw=1.1, label=label)
            for label, c, m, f, _ in SERIES.values()
        ]
        handles += [
            Line2D([], [], color="0.65", lw=0.7, marker="|", label="resampling transcripts"),
            Line2D([], [], color="0.3", lw=0.8, ls="--", label=f"alpha = {alpha_min:.3f}"),
            Line2D([], [], color="0.3", lw=0.8, ls=":", label=f"alpha = {alpha_good:.3f}"),
        ]
        ax.legend(
            handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0
        )
        ax.set_title(title)
    return fig


def plot_learning_curve(
    curve: pd.DataFrame,
    machine: pd.DataFrame,
    *,
    study: str,
    alpha_min: float = 0.667,
    alpha_good: float = 0.800,
):
    """The median over codes of the machine's alpha against the consensus, by the number of hand-coded
    transcripts it learnt from: one point per repeat, a line through their mean; the humans' median
    alpha (``machine.csv``'s ``coders`` rows) as a horizontal line where the study has two coders.

    Parameters
    ----------
    curve
        ``learning_curve.csv``: ``n_transcripts, repeat, code, alpha``.
    machine
        ``machine.csv`` (for the humans' median alpha).
    study
        Study name for the title.
    alpha_min, alpha_good
        Benchmarks drawn as horizontal lines.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    title = f"{study}: machine coder's learning curve"
    if curve.empty:
        return message_figure("No learning curve: too few coded transcripts.", title=title)
    medians = curve.groupby(["n_transcripts", "repeat"], sort=True)["alpha"].median().reset_index()
    mean = medians.groupby("n_transcripts", sort=True)["alpha"].mean()
    humans = machine.loc[machine["comparison"] == "coders", "alpha"] if not machine.empty else pd.Series()
    with plt.rc_context(RC):
        fig, ax = new_figure(6.5, 3.0)
        ax.plot(
            medians["n_transcripts"],
            medians["alpha"],
            "o",
            color=PALETTE[0],
            ms=3,
            alpha=0.6,
            label="median over codes, one training set",
        )
        ax.plot(mean.index, mean.to_numpy(), "-", color=PALETTE[0], lw=1.4, label="mean over training sets")
        if len(humans.dropna()):
            ax.axhline(float(humans.median()), color=PALETTE[7], lw=1.0, label="human coders' median alpha")
        ax.axhline(alpha_min, color="0.3", lw=0.8, ls="--", label=f"alpha = {alpha_min:.3f}")
        ax.axhline(alpha_good, color="0.3", lw=0.8, ls=":", label=f"alpha = {alpha_good:.3f}")
        ax.set_xlabel("Hand-coded transcripts the machine learnt from (the rest tested)")
        ax.set_ylabel("Alpha against the consensus (median over codes)")
        ax.grid(color="0.9", lw=0.5)
        ax.set_axisbelow(True)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
        ax.set_title(title)
    return fig
