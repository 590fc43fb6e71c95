"""Saturation figure: code accumulation with its random-order band, the Guest marker, and coverage."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.figures.style import PALETTE, RC, new_figure

#: Codes first voiced after the Guest saturation point are labelled on the curve, at most this many.
MAX_LATE_LABELS = 4


def _colours(groups: list[str]) -> dict[str, str]:
    return {"all": PALETTE[7], **{g: PALETTE[i % 6] for i, g in enumerate(groups)}}


def plot_saturation(
    curve: pd.DataFrame,
    summary: pd.DataFrame,
    extrapolation: pd.DataFrame,
    *,
    study: str,
    group_labels: dict[str, str],
    level: str = "code",
    source: str = "consensus",
):
    """Accumulation and coverage curves, one column of panels per group plus all interviews.

    Top row: codes voiced after each interview in interview order (solid line), the exact mean over
    all orders (dashed) with the permutation band (grey), the extrapolated richness beyond the sample
    (dotted, bootstrap band), Chao2 (thin horizontal line), the Guest et al. (2020) run that confirmed
    saturation (shaded), and the sample sizes at which each coverage target is reached (triangles).
    Bottom row: estimated sample coverage, rarefied and extrapolated, with the coverage targets.

    Parameters
    ----------
    curve, summary, extrapolation
        ``results/<study>/saturation/{curve,summary,extrapolation}.csv``.
    study
        Study name for the title.
    group_labels
        Group value -> display label, in display order.
    level, source
        Which level ("code" / "theme") and source ("consensus" or a coder) to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    groups = ["all", *group_labels]
    labels = {"all": "All interviews", **group_labels}
    colours = _colours(list(group_labels))
    pick = {"level": level, "source": source}

    def sel(table: pd.DataFrame, group: str) -> pd.DataFrame:
        mask = (table["group"].astype(str) == group) & np.logical_and.reduce(
            [table[k].astype(str) == v for k, v in pick.items()]
        )
        return table.loc[mask]

    targets = sorted(
        {
            c[len("extra_interviews_") :]
            for c in summary.columns
            if c.startswith("extra_interviews_") and not c.endswith(("_low", "_high"))
        },
        key=float,
    )
    unit = "codes" if level == "code" else "themes"
    with plt.rc_context(RC):
        fig, axes = new_figure(7.0, 4.6, ncols=len(groups), nrows=2, sharex="col", squeeze=False)
        for j, group in enumerate(groups):
            ax, ax_cov = axes[0, j], axes[1, j]
            colour = colours.get(group, PALETTE[2])
            c, e = sel(curve, group), sel(extrapolation, group)
            s = sel(summary, group)
            ax.set_title(labels.get(group, group))
            if c.empty or s.empty:
                ax.text(0.5, 0.5, "no interviews", ha="center", va="center", transform=ax.transAxes)
                continue
            row = s.iloc[0]
            n = int(row["n_interviews"])
            x = c["order"].to_numpy()
            ax.fill_between(
                x, c["band_low"], c["band_high"], color="0.85", lw=0, label="random orders (permutation band)"
            )
            ax.plot(x, c["expected"], color="0.35", ls="--", lw=0.9, label="mean of all orders (exact)")
            ax.plot(x, c["cumulative"], color=colour, lw=1.4, marker="o", ms=2.2, label="interview order")
            ext = e.loc[e["t"] >= n]
            if len(ext) > 1:
                ax.fill_between(
                    ext["t"], ext["richness_low"], ext["richness_high"], color=colour, alpha=0.15, lw=0
                )
                ax.plot(
                    ext["t"],
                    ext["richness"],
                    color=colour,
                    ls=":",
                    lw=1.2,
                    label="extrapolated (bootstrap band)",
                )
            if np.isfinite(row["chao2"]):
                ax.axhline(row["chao2"], color=colour, lw=0.6, alpha=0.7)
                ax.annotate(
                    f"Chao2 {row['chao2']:.1f}",
                    (1.0, row["chao2"]),
                    xycoords=("axes fraction", "data"),
                    ha="right",
                    va="bottom",
                    fontsize=6,
                    color=colour,
                )
            guest = str(row["guest_saturation"])
            if pd.notna(row["guest_n"]):
                g_n, g_r = int(row["guest_n"]), int(row["guest_run_length"])
                ax.axvspan(g_n, g_n + g_r, color=colour, alpha=0.12, lw=0)
                ax.axvline(g_n, color=colour, lw=0.8)
                late = c.loc[(c["order"] > g_n + g_r) & (c["new"] > 0)]
                for _, hit in late.head(MAX_LATE_LABELS).iterrows():
                    ax.plot(hit["order"], hit["cumulative"], marker="o", ms=2.5, color=colour)
                    ax.annotate(
                        str(hit["new_codes"]).replace("; ", "\n"),
                        (hit["order"], hit["cumulative"]),
                        xytext=(-2, 3),
                        textcoords="offset points",
                        ha="right",
                        va="bottom",
                        fontsize=5.5,
                        color="0.25",
                    )
            text = (
                f"Guest b={int(row['guest_base_size'])}, r={int(row['guest_run_length'])}, "
                f"≤{row['guest_threshold']:.0%}: {guest}"
            )
            if guest != "not assessable" and pd.notna(row["perm_share_reached"]):
                text += f"\nreached in {row['perm_share_reached']:.0%} of random orders"
            ax.text(
                0.98,
                0.04,
                text,
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=6,
            )
            for k, label in enumerate(targets):
                extra = row[f"extra_interviews_{label}"]
                if pd.notna(extra) and np.isfinite(extra):
                    ax.plot(
                        n + extra,
                        row[f"codes_expected_{label}"],
                        marker="^v"[k % 2],
                        ms=4,
                        color=colour,
                        ls="none",
                        label=f"{label}% coverage" if j == 0 else None,
                    )
            ax_cov.fill_between(e["t"], e["coverage_low"], e["coverage_high"], color=colour, alpha=0.15, lw=0)
            inner, outer = e.loc[e["t"] <= n], e.loc[e["t"] >= n]
            ax_cov.plot(inner["t"], inner["coverage"], color=colour, lw=1.2)
            ax_cov.plot(outer["t"], outer["coverage"], color=colour, lw=1.2, ls=":")
            for label in targets:
                ax_cov.axhline(float(label) / 100, color="0.5", lw=0.6, ls="--")
            ax_cov.set_xlabel("Interviews")
            ax_cov.set_ylim(0, 1.02)
            ax.set_ylim(bottom=0)
        axes[0, 0].set_ylabel(f"Distinct {unit}")
        axes[1, 0].set_ylabel("Sample coverage")
        handles, names = axes[0, 0].get_legend_handles_labels()
        fig.legend(handles, names, loc="lower center", ncol=4, frameon=False, bbox_to_anchor=(0.5, -0.06))
        fig.suptitle(f"{study}: {unit} per interview ({source}), saturation and coverage")
        fig.align_ylabels()
    return fig
