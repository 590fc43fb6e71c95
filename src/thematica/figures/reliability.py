"""Forest plot of Krippendorff's alpha per code and theme, with bootstrap intervals and benchmark lines."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from thematica.figures.style import PALETTE, RC, new_figure


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    """Highest alpha first; undefined alphas last, in table order."""
    return table.assign(_key=table["alpha"].fillna(-np.inf)).sort_values(
        ["_key", "code"], ascending=[False, True], kind="stable"
    )


def plot_reliability_alpha(
    alpha: pd.DataFrame,
    *,
    study: str,
    alpha_min: float = 0.667,
    alpha_good: float = 0.800,
    ci_level: float = 0.95,
):
    """Alpha per code (top) and per theme (bottom) with confidence intervals, sorted by alpha.

    Parameters
    ----------
    alpha
        ``results/<study>/reliability/alpha.csv``: columns ``code, level, label, theme, alpha, ci_low,
        ci_high, low_prevalence_warning`` and optionally ``ci_low_transcripts, ci_high_transcripts`` (drawn
        as thin grey whiskers); one row per code (``level == "code"``) and per theme.
    study
        Study name for the title.
    alpha_min, alpha_good
        Benchmarks drawn as vertical lines (Krippendorff: .667 the lowest for tentative conclusions,
        .800 for reliable data).
    ci_level
        Confidence level of the intervals (for the axis label).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    codes = _ordered(alpha.loc[alpha["level"] == "code"])
    themes = _ordered(alpha.loc[alpha["level"] == "theme"])
    theme_order = list(dict.fromkeys(alpha.loc[alpha["level"] == "code", "theme"]))
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(theme_order)}
    finite = alpha[["alpha", "ci_low", "ci_high"]].to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]
    left = min(0.0, float(finite.min()) - 0.05) if finite.size else 0.0
    panels = [(codes, "Code"), (themes, "Theme")]
    panels = [(t, name) for t, name in panels if len(t)]
    heights = [max(len(t), 1) for t, _ in panels] or [1]
    with plt.rc_context(RC):
        fig, axes = new_figure(
            7.0,
            0.24 * sum(heights) + 1.4,
            nrows=len(heights),
            sharex=True,
            gridspec_kw={"height_ratios": heights},
            squeeze=False,
        )
        axes = axes[:, 0]
        for ax, (table, name) in zip(axes, panels, strict=True):
            y = np.arange(len(table))[::-1]
            colour = [colours.get(t, PALETTE[7]) for t in table["theme"]]
            warn = table["low_prevalence_warning"].astype(bool).to_numpy()
            value = table["alpha"].to_numpy(dtype=float)
            low = table["ci_low"].to_numpy(dtype=float)
            high = table["ci_high"].to_numpy(dtype=float)
            wide = table.reindex(columns=["ci_low_transcripts", "ci_high_transcripts"]).to_numpy(dtype=float)
            for yi, (t_lo, t_hi) in zip(y, wide, strict=True):
                if np.isfinite(t_lo) and np.isfinite(t_hi):
                    ax.plot([t_lo, t_hi], [yi, yi], color="0.65", lw=0.7, marker="|", ms=5, mew=0.7)
            for yi, v, lo, hi, c, w in zip(y, value, low, high, colour, warn, strict=True):
                if np.isfinite(lo) and np.isfinite(hi):
                    ax.plot([lo, hi], [yi, yi], color=c, lw=1.4, solid_capstyle="butt")
                if np.isfinite(v):
                    ax.plot(
                        [v],
                        [yi],
                        marker="o" if name == "Code" else "D",
                        ms=5,
                        color=c,
                        markerfacecolor="white" if w else c,
                        markeredgewidth=1.2,
                        linestyle="none",
                    )
                else:
                    ax.text(left + 0.01, yi, "alpha undefined", va="center", fontsize=6, color="0.4")
            names = table["label"] if name == "Code" else "Theme: " + table["code"].astype(str)
            labels = [f"{label}{' *' if w else ''}" for label, w in zip(names, warn, strict=True)]
            ax.set_yticks(y, labels)
            ax.set_ylim(-0.7, len(table) - 0.3)
            ax.axvline(alpha_min, color="0.3", lw=0.8, ls="--")
            ax.axvline(alpha_good, color="0.3", lw=0.8, ls=":")
            ax.grid(axis="x", color="0.9", lw=0.5)
            ax.set_axisbelow(True)
        axes[-1].set_xlim(left, 1.02)
        axes[-1].set_xlabel(
            f"Krippendorff's alpha (binary, per segment) with {round(100 * ci_level)}% bootstrap interval"
        )
        handles = [
            Line2D([], [], color="0.3", lw=1.4, label="Krippendorff bootstrap"),
            Line2D([], [], color="0.65", lw=0.7, marker="|", label="resampling transcripts"),
            Line2D([], [], color="0.3", lw=0.8, ls="--", label=f"alpha = {alpha_min:.3f}"),
            Line2D([], [], color="0.3", lw=0.8, ls=":", label=f"alpha = {alpha_good:.3f}"),
            Line2D([], [], color="0.3", marker="o", mfc="white", ls="none", label="* low prevalence"),
        ]
        handles += [Line2D([], [], color=colours[t], marker="o", ls="none", label=t) for t in theme_order]
        axes[0].legend(
            handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0
        )
        axes[0].set_title(f"{study}: inter-coder reliability per code and theme")
    return fig
