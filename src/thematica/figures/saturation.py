"""Saturation figure: code accumulation with its random-order band, the Guest marker, the codebook's
share observed, and (inductive codebook) extrapolation and coverage.

Codes first voiced after the Guest et al. (2020) run that confirmed saturation are named by their
codebook labels. Each label is placed beside its point where it overlaps no other text and stays inside
the panel (:func:`place_labels` tries positions around the point, then further below it with a leader
line); when a panel's labels cannot all be placed so, every panel's labels are listed under the panels
instead, by interview, so the figure reads the same at 18 interviews and at 1,000.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from thematica.figures.saturation_labels import (  # noqa: F401  (LABEL_GID, LIST_GID, code_labels: public here too)
    LABEL_GID,
    LABEL_SIZE,
    LABEL_WIDTH,
    LIST_GID,
    code_labels,
    curve_points,
    late_codes,
    place_labels,
    wrap_list,
)
from thematica.figures.style import PALETTE, RC, new_figure

#: Codes first voiced after the Guest saturation run are named, at most this many interviews per panel
#: on the curve; the list under the panels names at most :data:`MAX_LISTED` per panel.
MAX_LATE_LABELS = 6
MAX_LISTED = 12
#: Curves with more interviews than this are drawn without a marker per interview.
MAX_MARKED = 60


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
    codebook: pd.DataFrame | None = None,
):
    """Accumulation curves, one column of panels per group plus all interviews.

    Top row: codes voiced after each interview in interview order (solid line), the exact mean over
    all orders (dashed) with the permutation band (grey), the Guest et al. (2020) run that confirmed
    saturation (shaded), and the codes first voiced after it, named by their codebook labels.
    A ``deductive`` codebook (``codebook_kind`` in the summary) adds its size (dashed line) and the share
    of it observed, and nothing beyond it. An ``inductive`` one adds the extrapolated richness beyond the
    sample (dotted, bootstrap band, never below the codes observed), Chao2 (thin horizontal line), the
    sample sizes at which each coverage target is reached (triangles), and a bottom row with the
    estimated sample coverage.

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
    codebook
        ``codebook.parquet``, for the codes' labels (None: codes are named by their ids).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    kinds = summary["codebook_kind"].dropna().astype(str) if "codebook_kind" in summary else pd.Series([])
    kind = kinds.iloc[0] if len(kinds) else "inductive"
    with plt.rc_context(RC):
        fig, panels = _draw(curve, summary, extrapolation, study, group_labels, level, source, kind, None)
        names = code_labels(codebook, level)
        renderer = fig.canvas.get_renderer()
        late = {}
        for group, (_, c, after, _) in panels.items():
            late[group] = late_codes(c, after, names) if after is not None else []
        placed = all(len(items) <= MAX_LATE_LABELS for items in late.values()) and all(
            place_labels(
                panels[g][0],
                [(x, y, "\n".join(textwrap.fill(t, LABEL_WIDTH) for t in labels)) for x, y, labels in items],
                renderer,
                obstacles=[t.get_window_extent(renderer) for t in panels[g][0].texts],
                avoid=curve_points(panels[g][0], panels[g][3]),
            )
            for g, items in late.items()
            if items
        )
        if placed:
            return fig
        plt.close(fig)
        titles = {"all": "All interviews", **group_labels}
        entries = {}
        for group, items in late.items():
            if items:
                shown = [f"{x}: {', '.join(labels)}" for x, _, labels in items[:MAX_LISTED]]
                if len(items) > MAX_LISTED:
                    shown.append(f"and {len(items) - MAX_LISTED} more interviews (curve.csv)")
                entries[f"{titles.get(group, group)}, new after saturation (interview: codes)"] = shown
        fig, _ = _draw(curve, summary, extrapolation, study, group_labels, level, source, kind, entries)
    return fig


def _draw(curve, summary, extrapolation, study, group_labels, level, source, kind, entries):
    """The figure without labels on the curves; with ``entries``, the labels listed under the panels.

    Returns the figure and, per group, (top axes, the group's curve rows, the interview after which new
    codes are labelled, or None, the curves the labels must not cover).
    """
    groups = ["all", *group_labels]
    labels = {"all": "All interviews", **group_labels}
    colours = _colours(list(group_labels))
    pick = {"level": level, "source": source}
    deductive = kind == "deductive"

    def sel(table: pd.DataFrame, group: str) -> pd.DataFrame:
        if table.empty:
            return table
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
    nrows = 1 if deductive else 2
    panel_h = 2.6 if deductive else 2.3
    width = 7.0
    list_text = ""
    if entries:
        list_text = wrap_list(entries, int(width * 0.775 * 72 / (0.62 * LABEL_SIZE)))
    list_h = (list_text.count("\n") + 1) * 1.5 * LABEL_SIZE / 72 + 0.1 if list_text else 0.0
    height = nrows * panel_h + list_h
    fig, axes = new_figure(width, height, ncols=len(groups), nrows=nrows, squeeze=False)
    fig.subplots_adjust(top=1 - 0.62 / height, bottom=(0.45 + list_h) / height, hspace=0.25)
    if list_text:  # in the bottom list_h inches, under the axis labels
        fig.text(
            0.125, (list_h - 0.05) / height, list_text, ha="left", va="top", fontsize=LABEL_SIZE, color="0.2",
            gid=LIST_GID,
        )  # fmt: skip
    panels = {}
    for j, group in enumerate(groups):
        ax = axes[0, j]
        ax_cov = None if deductive else axes[1, j]
        if ax_cov is not None:
            ax_cov.sharex(ax)
            ax.tick_params(labelbottom=False)
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
        (mean,) = ax.plot(x, c["expected"], color="0.35", ls="--", lw=0.9, label="mean of all orders (exact)")
        marked = {"marker": "o", "ms": 2.2} if n <= MAX_MARKED else {}
        (order,) = ax.plot(
            x,
            c["cumulative"],
            color=colour,
            lw=1.4 if n <= MAX_MARKED else 1.0,
            label="interview order",
            **marked,
        )
        observed = int(row["observed"])
        top = observed
        if deductive:
            size = int(row["n_codes"])
            top = max(top, size)
            ax.axhline(size, color="0.3", lw=0.7, ls=(0, (4, 2)), label="codebook size")
            ax.set_xlim(0, n + 1)
        else:
            top = _draw_estimates(ax, row, e, n, observed, colour, targets, j)
        g_n = None
        if pd.notna(row["guest_n"]):
            g_n, g_r = int(row["guest_n"]), int(row["guest_run_length"])
            ax.axvspan(g_n, g_n + g_r, color=colour, alpha=0.12, lw=0)
            ax.axvline(g_n, color=colour, lw=0.8)
            late = c.loc[(c["order"] > g_n + g_r) & (c["new"] > 0)]
            ax.plot(late["order"], late["cumulative"], marker="o", ms=2.8, color=colour, ls="none")
            g_n += g_r
        panels[group] = (ax, c, g_n, [mean, order])
        ax.text(
            0.98,
            0.04,
            _panel_text(row, deductive, unit),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=6,
        )
        ax.set_ylim(0, max(top, 1) * 1.12)
        if ax_cov is not None:
            ax_cov.fill_between(e["t"], e["coverage_low"], e["coverage_high"], color=colour, alpha=0.15, lw=0)
            inner, outer = e.loc[e["t"] <= n], e.loc[e["t"] >= n]
            ax_cov.plot(inner["t"], inner["coverage"], color=colour, lw=1.2)
            ax_cov.plot(outer["t"], outer["coverage"], color=colour, lw=1.2, ls=":")
            for label in targets:
                ax_cov.axhline(float(label) / 100, color="0.5", lw=0.6, ls="--")
            ax_cov.set_xlabel("Interviews")
            ax_cov.set_ylim(0, 1.02)
        else:
            ax.set_xlabel("Interviews")
    axes[0, 0].set_ylabel(f"Distinct {unit}" if not deductive else f"Codebook {unit} voiced")
    if not deductive:
        axes[1, 0].set_ylabel("Sample coverage")
    handles, names = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper center", ncol=4, frameon=False, bbox_to_anchor=(0.5, 0.0))
    if deductive:
        title = f"{study}: codebook {unit} per interview ({source}; deductive codebook)"
    else:
        title = f"{study}: {unit} per interview ({source}; inductive codebook), saturation and coverage"
    fig.suptitle(title)
    fig.align_ylabels()
    return fig, panels


def _draw_estimates(ax, row, e, n, observed, colour, targets, j) -> float:
    """Extrapolation, Chao2 and the coverage targets of an inductive codebook; returns the y extent."""
    top = observed
    ext = e.loc[e["t"] >= n]
    if len(ext) > 1:
        low = np.maximum(ext["richness_low"].to_numpy(dtype=float), observed)  # never below what is seen
        ax.fill_between(ext["t"], low, ext["richness_high"], color=colour, alpha=0.15, lw=0)
        ax.plot(
            ext["t"], ext["richness"], color=colour, ls=":", lw=1.2, label="extrapolated (bootstrap band)"
        )
        top = max(top, float(np.nanmax(ext["richness_high"])) if ext["richness_high"].notna().any() else top)
    if pd.notna(row["chao2"]) and np.isfinite(row["chao2"]):
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
        top = max(top, float(row["chao2"]))
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
    return top


def _panel_text(row, deductive: bool, unit: str) -> str:
    guest = str(row["guest_saturation"])
    text = (
        f"Guest b={int(row['guest_base_size'])}, r={int(row['guest_run_length'])}, "
        f"≤{row['guest_threshold']:.0%}: {guest}"
    )
    if guest != "not assessable" and pd.notna(row["perm_share_reached"]):
        text += f"\nreached in {row['perm_share_reached']:.0%} of random orders"
    if deductive:
        text += f"\n{int(row['observed'])} of {int(row['n_codes'])} codebook {unit}"
        if pd.notna(row.get("codebook_coverage")):
            text += f" ({row['codebook_coverage']:.0%})"
        if pd.notna(row.get("last_new")):
            text += f"\nlast new code: interview {int(row['last_new'])}"
            if pd.notna(row.get("last_new_perm_mean")):
                text += (
                    f"\nrandom orders: {row['last_new_perm_mean']:.0f} "
                    f"({row['last_new_perm_low']:.0f}–{row['last_new_perm_high']:.0f})"
                )
    return text
