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
        ax.errorbar(
            rows["share"],
            y + offsets[group],
            xerr=[rows["share"] - rows["ci_low"], rows["ci_high"] - rows["share"]],
            fmt="o" if i == 0 else "s",
            ms=3.5,
            lw=0.9,
            capsize=0,
            color=PALETTE[i],
            label=group_labels[group],
        )
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
    """How the compared groups differ, study by study: prevalence difference per code with its interval.

    Parameters
    ----------
    panels
        One dict per study with keys ``table`` (``compare/prevalence.csv``), ``labels`` (code -> label),
        ``themes`` (code -> theme label), ``group_labels`` (the two groups, in order) and ``title``.

    Returns
    -------
    matplotlib.figure.Figure
        Points are first-group minus second-group shares with Newcombe hybrid score 95% intervals, colour
        by theme; filled points differ at Benjamini–Hochberg adjusted p < 0.05.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    n_max = max(p["table"].loc[p["table"]["level"] == "code", "code"].nunique() for p in panels)
    theme_palette = [c for c in PALETTE if c != "#F0E442"]  # yellow is too faint for lines on white
    with plt.rc_context(RC):
        fig, axes = new_figure(3.9 * len(panels), 2.2 + 0.2 * n_max, ncols=len(panels), squeeze=False)
        for ax, panel in zip(axes[0], panels, strict=True):
            themes = sorted(set(panel["themes"].values()))
            colours = {t: theme_palette[i % len(theme_palette)] for i, t in enumerate(themes)}
            rows = panel["table"].loc[panel["table"]["level"] == "code"].drop_duplicates("code")
            rows = rows.sort_values(["difference", "code"], kind="stable")
            y = np.arange(len(rows))
            for yi, row in zip(y, rows.itertuples(), strict=True):
                colour = colours.get(panel["themes"].get(row.code), "#555555")
                ax.plot([row.diff_low, row.diff_high], [yi, yi], color=colour, lw=1.0)
                ax.plot(
                    row.difference,
                    yi,
                    "o",
                    ms=4,
                    color=colour,
                    markerfacecolor=colour if row.significant else "white",
                )
            ax.axvline(0, color="#333333", lw=0.6)
            ax.set_yticks(y, [panel["labels"].get(c, c) for c in rows["code"]])
            g1, g2 = list(panel["group_labels"].values())
            ax.set_xlim(-1.02, 1.02)
            ax.set_xlabel(f"Difference in share of participants\n← more in {g2}  |  more in {g1} →")
            ax.set_title(panel["title"], loc="left")
            ax.grid(axis="x", lw=0.3, color="#cccccc")
            ax.set_axisbelow(True)
            handles = [Line2D([], [], color=colours[t], marker="o", lw=1.0, ms=4, label=t) for t in themes]
            handles.append(
                Line2D(
                    [],
                    [],
                    color="#555555",
                    marker="o",
                    markerfacecolor="white",
                    lw=0,
                    ms=4,
                    label="open: not significant (BH 5%)",
                )
            )
            ax.legend(handles=handles, frameon=False, loc="upper right", bbox_to_anchor=(1.0, -0.19), ncols=2)
        fig.tight_layout()
    return fig


def level_labels(
    level: str, codebook: pd.DataFrame, topic_info: pd.DataFrame | None = None
) -> dict[str, str]:
    """Display labels of the items compared at ``level`` (codes, themes, Bordin dimensions or topics)."""
    if level == "code":
        return dict(
            zip(
                codebook["code"],
                codebook["label"].where(codebook["label"] != "", codebook["code"]),
                strict=True,
            )
        )
    if level == "theme":
        themes = codebook.drop_duplicates("theme")
        column = "theme_label" if "theme_label" in themes else "theme"
        return dict(zip(themes["theme"], themes[column], strict=True))
    if level == "bordin":
        return {"goal": "Goal (agreement on aims)", "task": "Task (agreement on activities)", "bond": "Bond"}
    if level == "topic" and topic_info is not None:
        return {
            f"topic_{t}": f"{t}: {label}"
            for t, label in zip(topic_info["topic"], topic_info["label"], strict=True)
        }
    return {}


def plot_study_comparison(
    prevalence: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    level: str,
    group_labels: dict[str, str],
    study: str,
    topic_info: pd.DataFrame | None = None,
):
    """The prevalence figure of one study at one level, labelled from the codebook or topic table."""
    titles = {
        "code": "codes",
        "theme": "themes",
        "bordin": "working-alliance dimensions (Bordin)",
        "topic": "candidate themes",
    }
    return plot_prevalence(
        prevalence,
        labels=level_labels(level, codebook, topic_info),
        group_labels=group_labels,
        title=f"{study}: {titles.get(level, level)} by group",
        level=level,
    )


def plot_studies_perspectives(
    prevalences: list[pd.DataFrame],
    codebooks: list[pd.DataFrame],
    group_labels: list[dict],
    studies: list[str],
):
    """The combined perspectives figure from each study's prevalence table and codebook."""
    panels = []
    for table, codebook, groups, study in zip(prevalences, codebooks, group_labels, studies, strict=True):
        themes = level_labels("theme", codebook)
        panels.append(
            {
                "table": table,
                "labels": level_labels("code", codebook),
                "group_labels": groups,
                "themes": {c: themes[t] for c, t in zip(codebook["code"], codebook["theme"], strict=True)},
                "title": study,
            }
        )
    return plot_perspectives(panels)
