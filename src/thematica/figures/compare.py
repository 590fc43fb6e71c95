"""Group-comparison figures: prevalence by group with Wilson intervals, sorted by difference."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.figures.style import PALETTE, RC, new_figure


def _panel(ax, table: pd.DataFrame, labels: dict[str, str], group_labels: dict[str, str], title: str) -> None:
    groups = list(group_labels)
    first = table.loc[table["group"] == groups[0]].sort_values(["difference", "code"], kind="stable")
    codes = first["code"].tolist()
    y = np.arange(len(codes))
    offsets = {groups[0]: 0.15, groups[1]: -0.15}
    for i, group in enumerate(groups):
        rows = table.loc[table["group"] == group].set_index("code").loc[codes]
        ax.errorbar(rows["share"], y + offsets[group],
                    xerr=[rows["share"] - rows["ci_low"], rows["ci_high"] - rows["share"]],
                    fmt="o" if i == 0 else "s", ms=3.5, lw=0.9, capsize=0, color=PALETTE[i],
                    label=group_labels[group])
    ticks = []
    for code, significant, p_adj in zip(first["code"], first["significant"], first["p_adj"], strict=True):
        mark = "***" if p_adj < 0.001 else "**" if p_adj < 0.01 else "*" if significant else ""
        ticks.append(f"{labels.get(code, code)} {mark}".rstrip())
    ax.set_yticks(y, ticks)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Share of participants (95% Wilson CI)")
    ax.set_title(title, loc="left")
    ax.grid(axis="x", lw=0.3, color="#cccccc")
    ax.set_axisbelow(True)


def plot_prevalence(
    table: pd.DataFrame,
    *,
    labels: dict[str, str],
    group_labels: dict[str, str],
    title: str,
    level: str = "code",
):
    """Dot plot of participant-level prevalence by group, one row per code, sorted by difference.

    Parameters
    ----------
    table
        ``compare/prevalence.csv`` (see :func:`thematica.compare.compare_groups`).
    labels
        Code id -> display label (from the codebook).
    group_labels
        Group -> display label, in the order compared.
    level
        Which ``level`` rows to draw (``code``, ``theme``, ``bordin``, ``topic``).

    Returns
    -------
    matplotlib.figure.Figure
        Stars mark Benjamini–Hochberg adjusted p < 0.05 (*), 0.01 (**), 0.001 (***).
    """
    import matplotlib.pyplot as plt

    rows = table.loc[table["level"] == level]
    n = rows["code"].nunique()
    with plt.rc_context(RC):
        fig, ax = new_figure(5.5, 0.8 + 0.24 * max(n, 3))
        _panel(ax, rows, labels, group_labels, title)
        ax.legend(frameon=False, loc="lower right", ncols=2, bbox_to_anchor=(1.0, 1.0))
    return fig


def plot_perspectives(panels: list[dict]):
    """Theme-level prevalence by group for several studies side by side.

    Parameters
    ----------
    panels
        One dict per study with keys ``table``, ``labels``, ``group_labels``, ``title`` (as for
        :func:`plot_prevalence`); theme rows are drawn.
    """
    import matplotlib.pyplot as plt

    height = 0.9 + 0.26 * max(p["table"].loc[p["table"]["level"] == "theme", "code"].nunique() for p in panels)
    with plt.rc_context(RC):
        fig, axes = new_figure(3.6 * len(panels), max(height, 2.2), ncols=len(panels), squeeze=False)
        for ax, panel in zip(axes[0], panels, strict=True):
            rows = panel["table"].loc[panel["table"]["level"] == "theme"]
            _panel(ax, rows, panel["labels"], panel["group_labels"], panel["title"])
            ax.legend(frameon=False, loc="lower left", ncols=2, bbox_to_anchor=(0.0, 1.06))
        fig.tight_layout()
    return fig
