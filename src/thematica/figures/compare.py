"""Group-comparison figures: prevalence by group with Wilson intervals, and the differences between groups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.figures.style import PALETTE, RC, new_figure

#: Marker shapes of the groups (prevalence figure) and of the pairs (perspectives figure), in order.
SHAPES = ["o", "s", "^", "D", "v", "P", "X", "<", ">"]
#: Explanation of the dagger of the prevalence figure.
DAGGER_NOTE = "† 95% interval of the difference excludes 0, but not significant after the FDR adjustment (BH)"


def _markers(rows: pd.DataFrame) -> pd.Series:
    """The ``marker`` column, or for a table written before it, the markers it would have held."""
    if "marker" in rows:
        return rows["marker"].fillna("none")
    from thematica.compare.fcr import difference_markers

    significant = rows["significant"].astype(str) == "True"
    return pd.Series(
        difference_markers(significant, rows["diff_low"], rows["diff_high"]), index=rows.index, dtype=object
    )


def _stars(p_adj: float, significant) -> str:
    if str(significant) != "True":
        return ""
    return "***" if p_adj < 0.001 else "**" if p_adj < 0.01 else "*"


def _panel(ax, table: pd.DataFrame, labels: dict[str, str], group_labels: dict[str, str], title: str) -> bool:
    """One prevalence panel; returns whether a dagger was drawn (the figure then explains it)."""
    groups = list(group_labels)
    shares = table.pivot_table(index="code", columns="group", values="share", aggfunc="first", dropna=False)
    first = table.loc[table["group"] == groups[0]]
    if len(groups) == 1:
        order = first.sort_values(["share", "code"], kind="stable")["code"]
    elif len(groups) == 2:
        order = first.sort_values(["difference", "code"], kind="stable")["code"]
    else:  # the spread between the groups' shares
        spread = (shares[groups].max(axis=1) - shares[groups].min(axis=1)).rename("spread")
        order = spread.reset_index().sort_values(["spread", "code"], kind="stable")["code"]
    codes = order.tolist()
    first = first.set_index("code").loc[codes]
    y = np.arange(len(codes))
    offsets = (
        {groups[0]: 0.0}
        if len(groups) == 1
        else {groups[0]: 0.15, groups[1]: -0.15}
        if len(groups) == 2
        else dict(zip(groups, np.linspace(0.3, -0.3, len(groups)), strict=True))
    )
    for i, group in enumerate(groups):
        rows = table.loc[table["group"] == group].set_index("code").loc[codes]
        ax.errorbar(
            rows["share"],
            y + offsets[group],
            xerr=[rows["share"] - rows["ci_low"], rows["ci_high"] - rows["share"]],
            fmt=SHAPES[i % len(SHAPES)],
            ms=3.5,
            lw=0.9,
            capsize=0,
            color=PALETTE[i % len(PALETTE)],
            label=group_labels[group],
        )
    ticks, dagger = [], False
    markers = _markers(first)
    for code in codes:
        mark = "" if len(groups) == 1 else _stars(first.at[code, "p_adj"], first.at[code, "significant"])
        if len(groups) == 2 and markers.at[code] == "interval_only":
            mark, dagger = "†", True
        ticks.append(f"{labels.get(code, code)} {mark}".rstrip())
    ax.set_yticks(y, ticks)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Share of participants (95% Wilson CI)")
    ax.set_title(title, loc="left")
    ax.grid(axis="x", lw=0.3, color="#cccccc")
    ax.set_axisbelow(True)
    return dagger


def plot_prevalence(
    table: pd.DataFrame,
    *,
    labels: dict[str, str],
    group_labels: dict[str, str],
    title: str,
    level: str = "code",
):
    """Dot plot of participant-level prevalence by group, one row per code.

    Parameters
    ----------
    table
        ``compare/prevalence.csv`` (see :func:`thematica.compare.prevalence.compare_level`).
    labels
        Code id -> display label (from the codebook).
    group_labels
        Group -> display label, in display order: one group or more.
    level
        Which ``level`` rows to draw (``code``, ``theme``, ``bordin``, ``topic``).

    Returns
    -------
    matplotlib.figure.Figure
        One group: rows sorted by share, no test. Two groups: sorted by the difference; stars mark
        Benjamini–Hochberg adjusted p < 0.05 (*), 0.01 (**), 0.001 (***) of Fisher's exact test, and a
        dagger (explained under the axis) an item whose unadjusted interval of the difference excludes 0
        without being significant after the adjustment. Three or more: sorted by the spread of the shares,
        stars from the adjusted p of the omnibus test.
    """
    import matplotlib.pyplot as plt

    rows = table.loc[table["level"] == level]
    n = rows["code"].nunique()
    k = len(group_labels)
    with plt.rc_context(RC):
        fig, ax = new_figure(5.5, 0.8 + (0.24 + 0.06 * max(k - 2, 0)) * max(n, 3))
        dagger = _panel(ax, rows, labels, group_labels, title)
        if k <= 2:
            ax.legend(frameon=False, loc="lower right", ncols=2, bbox_to_anchor=(1.0, 1.0))
        else:  # below the axis: beside the title, three or more would overlap it
            ax.legend(frameon=False, loc="upper center", ncols=min(k, 4), bbox_to_anchor=(0.5, -0.12))
        if dagger:
            ax.annotate(
                DAGGER_NOTE,
                xy=(0, 0),
                xycoords="axes fraction",
                xytext=(0, -26),
                textcoords="offset points",
                va="top",
                fontsize=6.5,
            )
    return fig


def _pair_rows(panel: dict) -> pd.DataFrame:
    """The code-level pairs of one perspectives panel: ``pairwise.csv``, or with two groups and no
    pairwise table, the per-code statistics of ``prevalence.csv``."""
    pairs = panel.get("pairwise")
    if pairs is not None:
        return pairs.loc[pairs["level"] == "code"].copy()
    groups = list(panel["group_labels"])
    rows = panel["table"].loc[panel["table"]["level"] == "code"].drop_duplicates("code").copy()
    return rows.assign(group_a=groups[0], group_b=groups[1])


def _share_panel(ax, panel: dict, colours: dict) -> None:
    """One group: each code's share with its Wilson interval, no comparison axis."""
    rows = panel["table"].loc[panel["table"]["level"] == "code"].drop_duplicates("code")
    rows = rows.sort_values(["share", "code"], kind="stable")
    y = np.arange(len(rows))
    for yi, row in zip(y, rows.itertuples(), strict=True):
        colour = colours.get(panel["themes"].get(row.code), "#555555")
        ax.plot([row.ci_low, row.ci_high], [yi, yi], color=colour, lw=1.6)
        ax.plot(row.share, yi, "o", ms=4, color=colour)
    ax.set_yticks(y, [panel["labels"].get(c, c) for c in rows["code"]])
    ax.set_xlim(-0.02, 1.02)
    (group,) = panel["group_labels"].values()
    ax.set_xlabel(f"Share of participants ({group}; 95% Wilson CI)\none group: no comparison")


def _difference_panel(ax, panel: dict, colours: dict) -> tuple[list, set]:
    """Two or more groups: each pair's difference with its intervals; returns the pairs' legend handles
    and the markers drawn."""
    from matplotlib.lines import Line2D

    rows = _pair_rows(panel)
    rows["marker"] = _markers(rows)
    rows["pair"] = list(zip(rows["group_a"], rows["group_b"], strict=True))
    pairs = list(dict.fromkeys(rows["pair"]))
    if len(pairs) == 1:
        order = rows.sort_values(["difference", "code"], kind="stable")["code"].tolist()
        offsets = {pairs[0]: 0.0}
    else:  # the largest difference of any pair on top
        spread = rows.assign(size=rows["difference"].abs()).groupby("code")["size"].max().reset_index()
        order = spread.sort_values(["size", "code"], kind="stable")["code"].tolist()
        offsets = dict(zip(pairs, np.linspace(0.25, -0.25, len(pairs)), strict=True))
    position = {code: i for i, code in enumerate(order)}
    names = panel["group_labels"]
    fill = {"significant": "full", "interval_only": "left", "none": "none"}
    for row in rows.itertuples():
        yi = position[row.code] + offsets[row.pair]
        colour = colours.get(panel["themes"].get(row.code), "#555555")
        shape = SHAPES[pairs.index(row.pair) % len(SHAPES)]
        low_fcr, high_fcr = getattr(row, "diff_low_fcr", np.nan), getattr(row, "diff_high_fcr", np.nan)
        if pd.notna(low_fcr):
            ax.plot([low_fcr, high_fcr], [yi, yi], color=colour, lw=0.6, zorder=1)
        ax.plot([row.diff_low, row.diff_high], [yi, yi], color=colour, lw=1.6, zorder=2)
        ax.plot(
            row.difference,
            yi,
            shape,
            ms=4,
            color=colour,
            fillstyle=fill.get(row.marker, "none"),
            markerfacecoloralt="white",
            markerfacecolor=colour if row.marker != "none" else "white",
            zorder=3,
        )
    ax.axvline(0, color="#333333", lw=0.6)
    ax.set_yticks(np.arange(len(order)), [panel["labels"].get(c, c) for c in order])
    ax.set_xlim(-1.02, 1.02)
    if len(pairs) == 1:
        g1, g2 = names[pairs[0][0]], names[pairs[0][1]]
        ax.set_xlabel(f"Difference in share of participants\n← more in {g2}  |  more in {g1} →")
    else:
        ax.set_xlabel("Difference in share of participants\n(first minus second group of each pair)")
    handles = []
    if len(pairs) > 1:
        handles = [
            Line2D(
                [],
                [],
                color="#555555",
                marker=SHAPES[i % len(SHAPES)],
                lw=0,
                ms=4,
                label=f"{names[a]} − {names[b]}",
            )
            for i, (a, b) in enumerate(pairs)
        ]
    return handles, set(rows["marker"])


def plot_perspectives(panels: list[dict]):
    """How the groups differ, study by study: prevalence difference per code (per pair) with its intervals.

    Parameters
    ----------
    panels
        One dict per study with keys ``table`` (``compare/prevalence.csv``), ``pairwise``
        (``compare/pairwise.csv``, or None: two groups read from ``table``), ``labels`` (code -> label),
        ``themes`` (code -> theme label), ``group_labels`` (the groups, in order) and ``title``.

    Returns
    -------
    matplotlib.figure.Figure
        Points are first-group minus second-group shares with Newcombe hybrid score 95% intervals (thick),
        one marker shape per pair when there are several, colour by theme. Filled points are significant
        after the Benjamini–Hochberg adjustment, with a thin whisker out to their Benjamini–Yekutieli
        false-coverage-rate interval; half-filled points have an unadjusted interval that excludes 0 but are
        not significant after the adjustment; open points neither. A one-group study's panel shows each
        code's share with its Wilson interval instead.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    def n_rows(panel):
        codes = panel["table"].loc[panel["table"]["level"] == "code", "code"].nunique()
        k = len(panel["group_labels"])
        return codes * (1 + 0.4 * max(k * (k - 1) // 2 - 1, 0))

    n_max = max(n_rows(p) for p in panels)
    theme_palette = [c for c in PALETTE if c != "#F0E442"]  # yellow is too faint for lines on white
    grey = "#555555"
    explained = {
        "significant": (
            "full",
            "filled: significant after FDR (BH 5%), thin whisker: its FCR interval (BY 2005)",
        ),
        "interval_only": ("left", "half-filled: 95% interval excludes 0, not significant after FDR"),
        "none": ("none", "open: not significant after FDR"),
    }
    drawn: set[str] = set()
    with plt.rc_context(RC):
        fig, axes = new_figure(3.9 * len(panels), 2.2 + 0.2 * n_max, ncols=len(panels), squeeze=False)
        for ax, panel in zip(axes[0], panels, strict=True):
            themes = sorted(set(panel["themes"].values()))
            colours = {t: theme_palette[i % len(theme_palette)] for i, t in enumerate(themes)}
            handles = [Line2D([], [], color=colours[t], marker="o", lw=1.0, ms=4, label=t) for t in themes]
            if len(panel["group_labels"]) == 1:
                _share_panel(ax, panel, colours)
            else:
                pair_handles, markers = _difference_panel(ax, panel, colours)
                handles += pair_handles
                drawn |= markers | {"significant", "none"}
            ax.set_title(panel["title"], loc="left")
            ax.grid(axis="x", lw=0.3, color="#cccccc")
            ax.set_axisbelow(True)
            ax.legend(handles=handles, frameon=False, loc="upper right", bbox_to_anchor=(1.0, -0.19), ncols=2)
        fig.tight_layout()
        # what the markers mean, once for every panel (an interval-only marker only where one is drawn)
        keys = [m for m in explained if m in drawn]
        if keys:
            fig.legend(
                handles=[
                    Line2D(
                        [],
                        [],
                        color=grey,
                        marker="o",
                        lw=0,
                        ms=4,
                        fillstyle=explained[m][0],
                        markerfacecoloralt="white",
                        markerfacecolor=grey if m != "none" else "white",
                        label=explained[m][1],
                    )
                    for m in keys
                ],
                frameon=False,
                loc="lower center",
                bbox_to_anchor=(0.5, 1.0),
                ncols=len(keys) if len(panels) > 1 else 1,
            )
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
    """The prevalence figure of one study at one level, labelled from the codebook or topic table; without
    candidate themes (a study too small for them) the topic level is one panel that says so."""
    if level == "topic" and not (prevalence["level"] == "topic").any():
        from thematica.figures.topics import plot_skipped

        return plot_skipped(study=study, title="candidate themes by group")
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
    pairwise: list[pd.DataFrame] | None = None,
):
    """The combined perspectives figure from each study's prevalence and pairwise tables and codebook."""
    panels = []
    pairwise = pairwise if pairwise is not None else [None] * len(prevalences)
    for table, pairs, codebook, groups, study in zip(
        prevalences, pairwise, codebooks, group_labels, studies, strict=True
    ):
        themes = level_labels("theme", codebook)
        panels.append(
            {
                "table": table,
                "pairwise": pairs,
                "labels": level_labels("code", codebook),
                "group_labels": groups,
                "themes": {c: themes[t] for c, t in zip(codebook["code"], codebook["theme"], strict=True)},
                "title": study,
            }
        )
    return plot_perspectives(panels)
