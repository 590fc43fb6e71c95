"""Forest plots of reliability per code and theme: alpha alone, or every coefficient of ``coefficients.csv``.

One function, :func:`plot_reliability`, draws both from a long table (one row per code or theme and
coefficient): with one coefficient the rows are coloured by theme and hollow markers flag low prevalence
(the alpha figure); with several, each code's coefficients sit side by side, coloured by coefficient.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from thematica.figures.style import PALETTE, RC, message_figure, new_figure
from thematica.reliability.coefficients import COEFFICIENTS
from thematica.reliability.note import table_note

#: How a coefficient is named where it is undefined (a row without a marker).
SHORT = {"alpha": "alpha", "cohen_kappa": "kappa", "fleiss_kappa": "kappa", "gwet_ac1": "AC1"}


def plot_note(note: str, *, study: str):
    """A small figure that states, once, why there is nothing to plot (e.g. a study with one coder).

    Parameters
    ----------
    note
        The reason, as the tables carry it (:func:`~thematica.reliability.note.table_note`).
    study
        Study name for the title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    return message_figure(note[:1].upper() + note[1:] + ".", title=f"{study}: inter-coder reliability")


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    """Highest estimate first; undefined estimates last, in table order."""
    return table.assign(_key=table["estimate"].fillna(-np.inf)).sort_values(
        ["_key", "code"], ascending=[False, True], kind="stable"
    )


def plot_reliability(
    table: pd.DataFrame,
    *,
    study: str,
    coefficients: Sequence[str] | None = None,
    alpha_min: float = 0.667,
    alpha_good: float = 0.800,
    ci_level: float = 0.95,
):
    """Coefficients per code (top) and per theme (bottom) with confidence intervals, sorted by the first.

    Parameters
    ----------
    table
        Long: columns ``level, code, label, theme, coefficient, estimate, ci_low, ci_high`` and optionally
        ``ci_low_transcripts, ci_high_transcripts`` (thin grey whiskers) and ``low_prevalence_warning``
        (hollow markers, one coefficient only); rows naming a coder pair (``coder_a``) are left out.
    study
        Study name for the title.
    coefficients
        The coefficients to draw, in order (registry names, :data:`~thematica.reliability.COEFFICIENTS`);
        default those in the table. Rows are sorted by the first.
    alpha_min, alpha_good
        Benchmarks drawn as vertical lines (Krippendorff: .667 the lowest for tentative conclusions,
        .800 for reliable data).
    ci_level
        Confidence level of the intervals (for the axis label).

    Returns
    -------
    matplotlib.figure.Figure
        With one panel stating the tables' note instead when the study has no coefficient to show (one
        coder, or coders who share no transcript; :mod:`~thematica.reliability.note`).
    """
    import matplotlib.pyplot as plt

    note = table_note(table)
    if note is not None:
        return plot_note(note, study=study)
    if "coder_a" in table:
        table = table.loc[table["coder_a"].isna()]
    names = list(coefficients) if coefficients is not None else list(dict.fromkeys(table["coefficient"]))
    unknown = [n for n in names if n not in set(table["coefficient"])]
    if not names or unknown:
        raise ValueError(f"no rows of coefficient(s) {unknown or names} in the table to plot")
    single = len(names) == 1
    table = table.loc[table["coefficient"].isin(names)]
    first = table.loc[table["coefficient"] == names[0]]
    codes = _ordered(first.loc[first["level"] == "code"])
    themes = _ordered(first.loc[first["level"] == "theme"])
    theme_order = list(dict.fromkeys(first.loc[first["level"] == "code", "theme"]))
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(theme_order)}
    series = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    finite = table[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]
    left = min(0.0, float(finite.min()) - 0.05) if finite.size else 0.0
    panels = [(codes, "Code"), (themes, "Theme")]
    panels = [(t, name) for t, name in panels if len(t)]
    heights = [max(len(t), 1) for t, _ in panels] or [1]
    row_height = 0.24 if single else 0.075 * (len(names) + 1)
    spread = 0.0 if single else 0.7 / len(names)
    with plt.rc_context(RC):
        fig, axes = new_figure(
            7.0,
            row_height * sum(heights) + 1.4,
            nrows=len(heights),
            sharex=True,
            gridspec_kw={"height_ratios": heights},
            squeeze=False,
        )
        axes = axes[:, 0]
        for ax, (rows, name) in zip(axes, panels, strict=True):
            y0 = np.arange(len(rows))[::-1]
            level = "code" if name == "Code" else "theme"
            for j, coefficient in enumerate(names):
                own = table.loc[(table["coefficient"] == coefficient) & (table["level"] == level)]
                own = own.set_index("code").reindex(rows["code"])
                y = y0 + (j - (len(names) - 1) / 2.0) * spread if not single else y0
                colour = (
                    [colours.get(t, PALETTE[7]) for t in rows["theme"]]
                    if single
                    else [series[coefficient]] * len(rows)
                )
                warn = (
                    own["low_prevalence_warning"].fillna(False).astype(bool).to_numpy()
                    if single and "low_prevalence_warning" in own
                    else np.zeros(len(rows), dtype=bool)
                )
                value = own["estimate"].to_numpy(dtype=float)
                low = own["ci_low"].to_numpy(dtype=float)
                high = own["ci_high"].to_numpy(dtype=float)
                wide = own.reindex(columns=["ci_low_transcripts", "ci_high_transcripts"]).to_numpy(
                    dtype=float
                )
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
                            ms=5 if single else 3.5,
                            color=c,
                            markerfacecolor="white" if w else c,
                            markeredgewidth=1.2,
                            linestyle="none",
                        )
                    elif single:
                        ax.text(
                            left + 0.01,
                            yi,
                            f"{SHORT.get(coefficient, coefficient)} undefined",
                            va="center",
                            fontsize=6,
                            color="0.4",
                        )
            first_warn = (
                rows["low_prevalence_warning"].astype(bool).to_numpy()
                if single and "low_prevalence_warning" in rows
                else np.zeros(len(rows), dtype=bool)
            )
            labels_ = rows["label"] if name == "Code" else "Theme: " + rows["code"].astype(str)
            labels = [f"{label}{' *' if w else ''}" for label, w in zip(labels_, first_warn, strict=True)]
            ax.set_yticks(y0, labels)
            ax.set_ylim(-0.7, len(rows) - 0.3)
            ax.axvline(alpha_min, color="0.3", lw=0.8, ls="--")
            ax.axvline(alpha_good, color="0.3", lw=0.8, ls=":")
            ax.grid(axis="x", color="0.9", lw=0.5)
            ax.set_axisbelow(True)
        axes[-1].set_xlim(left, 1.02)
        percent = round(100 * ci_level)
        if single and names[0] == "alpha":
            axes[-1].set_xlabel(
                f"Krippendorff's alpha (binary, per segment) with {percent}% bootstrap interval"
            )
        elif single:
            label = COEFFICIENTS[names[0]].label if names[0] in COEFFICIENTS else names[0]
            axes[-1].set_xlabel(f"{label} (binary, per segment) with {percent}% bootstrap interval")
        else:
            axes[-1].set_xlabel(
                f"Coefficient (binary, per segment) with {percent}% bootstrap interval "
                "(alpha: Krippendorff's; the others: resampling segments)"
            )
        if single:
            handles = [
                Line2D([], [], color="0.3", lw=1.4, label="Krippendorff bootstrap"),
                Line2D([], [], color="0.65", lw=0.7, marker="|", label="resampling transcripts"),
                Line2D([], [], color="0.3", lw=0.8, ls="--", label=f"alpha = {alpha_min:.3f}"),
                Line2D([], [], color="0.3", lw=0.8, ls=":", label=f"alpha = {alpha_good:.3f}"),
                Line2D([], [], color="0.3", marker="o", mfc="white", ls="none", label="* low prevalence"),
            ]
            if names[0] != "alpha":
                handles[0] = Line2D([], [], color="0.3", lw=1.4, label="bootstrap")
            handles += [Line2D([], [], color=colours[t], marker="o", ls="none", label=t) for t in theme_order]
        else:
            handles = [
                Line2D(
                    [],
                    [],
                    color=series[n],
                    marker="o",
                    lw=1.4,
                    label=COEFFICIENTS[n].label if n in COEFFICIENTS else n,
                )
                for n in names
            ]
            handles += [
                Line2D([], [], color="0.65", lw=0.7, marker="|", label="resampling transcripts"),
                Line2D([], [], color="0.3", lw=0.8, ls="--", label=f"{alpha_min:.3f}"),
                Line2D([], [], color="0.3", lw=0.8, ls=":", label=f"{alpha_good:.3f}"),
            ]
        axes[0].legend(
            handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0
        )
        what = "inter-coder reliability" if single else "agreement coefficients"
        axes[0].set_title(f"{study}: {what} per code and theme")
    return fig


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
    study, alpha_min, alpha_good, ci_level
        As for :func:`plot_reliability`, which draws it as the table's one coefficient.

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = alpha.rename(columns={"alpha": "estimate"}).assign(coefficient="alpha")
    return plot_reliability(
        table,
        study=study,
        coefficients=["alpha"],
        alpha_min=alpha_min,
        alpha_good=alpha_good,
        ci_level=ci_level,
    )


def plot_reliability_coefficients(
    coefficients: pd.DataFrame,
    *,
    study: str,
    alpha_min: float = 0.667,
    alpha_good: float = 0.800,
    ci_level: float = 0.95,
):
    """Every coefficient of ``results/<study>/reliability/coefficients.csv`` per code and theme.

    The all-coder rows (Cohen's kappa: the mean over coder pairs when there are more than two coders),
    sorted by the first coefficient of the table; :func:`plot_reliability` draws them.
    """
    return plot_reliability(
        coefficients, study=study, alpha_min=alpha_min, alpha_good=alpha_good, ci_level=ci_level
    )
