"""Candidate-theme figures: overview (size, keywords, share by group) and stability across seeds."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from thematica.figures.style import PALETTE, RC, message_figure, new_figure

UNSTABLE_COLOUR = "#BBBBBB"
#: What every figure of candidate themes says, in one panel, for a study too small for them.
SKIPPED_NOTE = (
    "No candidate themes: this study has fewer participant segments than topics.min_segments, too few "
    "for the topic model, so they were skipped. Every other stage ran (codes, reliability, saturation, "
    "group comparison)."
)


def plot_skipped(*, study: str, title: str):
    """One readable panel, no axes, saying that a study's candidate themes were skipped
    (:data:`SKIPPED_NOTE`): what the candidate-theme figures draw from tables without rows.

    Parameters
    ----------
    study
        Study name for the title.
    title
        What the figure would have shown (``"candidate themes"``, ...).

    Returns
    -------
    matplotlib.figure.Figure
    """
    return message_figure(SKIPPED_NOTE, title=f"{study}: {title}", align="left")


def _topic_labels(info: pd.DataFrame, width: int = 48) -> list[str]:
    labels = []
    for topic, label in zip(info["topic"], info["label"], strict=True):
        text = f"T{int(topic):02d} {label}"
        labels.append(text if len(text) <= width else text[: width - 1] + "…")
    return labels


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def hierarchy_rows(info: pd.DataFrame) -> list[tuple[str, int | None]]:
    """The overview's rows: a heading per top-level theme (``1..k``), then its sub-themes, and the topics
    of interview talk last under their own heading; ``(text, topic)`` with ``topic`` ``None`` for a
    heading. A table without ``theme`` lists its topics in order, without headings.

    Examples
    --------
    >>> info = pd.DataFrame({"topic": [0, 1, 2], "label": ["a", "b", "c"], "kind": ["theme", "talk", "theme"],
    ...                      "theme": [1, 0, 1], "theme_label": ["care", "(talk)", "care"]})
    >>> hierarchy_rows(info)
    [('1 care', None), ('  T00 a', 0), ('  T02 c', 2), ('interview talk (set apart)', None), ('  T01 b', 1)]
    """
    if "theme" not in info:
        return list(zip(_topic_labels(info), info["topic"].astype(int).tolist(), strict=True))
    rows: list[tuple[str, int | None]] = []
    numbers = sorted(set(info["theme"].astype(int)) - {0}) + ([0] if (info["theme"] == 0).any() else [])
    for number in numbers:
        members = info.loc[info["theme"].astype(int) == number].sort_values("topic")
        heading = (
            "interview talk (set apart)"
            if number == 0
            else _short(f"{number} {members['theme_label'].iloc[0]}", 52)
        )
        rows.append((heading, None))
        texts = _topic_labels(members, 46)
        rows += [("  " + text, int(t)) for text, t in zip(texts, members["topic"], strict=True)]
    return rows


def plot_topics_overview(topic_info: pd.DataFrame, *, study: str, group_labels: dict[str, str]):
    """Candidate themes: segments per theme (bars; grey = unstable) and share of each group's participants;
    :func:`plot_skipped` when there are none (a study too small for candidate themes).

    Parameters
    ----------
    topic_info
        ``results/<study>/topics/topic_info.csv``.
    study
        Study name for the title.
    group_labels
        Group -> display label, in display order; ``share_participants_<group>`` columns are plotted.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    info = topic_info.loc[topic_info["topic"] != -1].sort_values("topic")
    if info.empty:
        return plot_skipped(study=study, title="candidate themes")
    outliers = topic_info.loc[topic_info["topic"] == -1, "n_segments"].sum()
    total = int(topic_info["n_segments"].sum())
    rows = hierarchy_rows(info)
    headings = [i for i, (_, t) in enumerate(rows) if t is None]
    n_themes = len([text for text, t in rows if t is None and not text.startswith("interview talk")])
    n = len(rows)
    y = np.array([i for i, (_, t) in enumerate(rows) if t is not None])
    info = info.set_index("topic").loc[[t for _, t in rows if t is not None]].reset_index()
    stable = ~info["stable"].astype(str).str.lower().eq("false").to_numpy()
    with plt.rc_context(RC):
        fig, (ax_size, ax_share) = new_figure(
            7.0,
            1.0 + 0.17 * max(n, 4),
            ncols=2,
            sharey=True,
            gridspec_kw={"width_ratios": [1.4, 1.0]},
            layout="constrained",
        )
        colours = [PALETTE[2] if s else UNSTABLE_COLOUR for s in stable]
        ax_size.barh(y, info["n_segments"], color=colours, height=0.75)
        ax_size.set_yticks(np.arange(n), [text for text, _ in rows])
        for i in headings:
            ax_size.get_yticklabels()[i].set_fontweight("bold")
            for ax in (ax_size, ax_share):
                ax.axhline(i - 0.5, color="0.85", lw=0.5)
        ax_size.set_ylim(n - 0.5, -0.5)
        ax_size.set_xlabel("Segments")
        for i, count, people in zip(y, info["n_segments"], info["n_participants"], strict=True):
            ax_size.text(count, i, f" {people}p", va="center", fontsize=6)
        groups = list(group_labels)
        offsets = np.linspace(-0.2, 0.2, len(groups)) if len(groups) > 1 else [0.0]
        for k, group in enumerate(groups):
            column = f"share_participants_{group}"
            if column in info:
                ax_share.barh(
                    y + offsets[k],
                    100 * info[column].to_numpy(dtype=float),
                    height=0.4,
                    color=PALETTE[k % len(PALETTE)],
                    label=group_labels[group],
                )
        ax_share.set_xlim(0, 100)
        ax_share.set_xlabel("Participants voicing the theme (% of group)")
        handles = [
            Patch(color=PALETTE[k % len(PALETTE)], label=group_labels[g]) for k, g in enumerate(groups)
        ]
        handles.append(Patch(color=UNSTABLE_COLOUR, label="unstable across seeds"))
        fig.legend(handles=handles, frameon=False, ncol=len(handles), loc="outside lower center")
        share = 100 * outliers / total if total else 0.0
        ax_size.set_title(
            f"{study}: {n_themes} top-level candidate themes, {len(info)} topics\n"
            f"{total:,} segments ({share:.1f}% outliers); labels: key phrases; p: participants",
            loc="left",
        )
    return fig


def plot_topic_stability(topic_info: pd.DataFrame, runs: pd.DataFrame, *, study: str, threshold: float):
    """Per-theme stability (mean best-match Jaccard over refits) and each refit's agreement (ARI, NMI);
    :func:`plot_skipped` when there are no candidate themes.

    Parameters
    ----------
    topic_info
        ``topic_info.csv`` with ``stability`` and ``stability_min``.
    runs
        ``stability.csv``: ``seed, ari, nmi, n_topics, outlier_share``.
    study
        Study name for the title.
    threshold
        The config's ``topics.stability_threshold`` (dashed line).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    info = topic_info.loc[topic_info["topic"] != -1].sort_values("topic")
    if info.empty:
        return plot_skipped(study=study, title="stability of candidate themes")
    x = np.arange(len(info))
    stability = info["stability"].to_numpy(dtype=float)
    low = info["stability_min"].to_numpy(dtype=float)
    with plt.rc_context(RC):
        fig, (ax_topics, ax_runs) = new_figure(7.0, 2.8, ncols=2, gridspec_kw={"width_ratios": [3.0, 1.0]})
        colours = [PALETTE[2] if s >= threshold else UNSTABLE_COLOUR for s in np.nan_to_num(stability, nan=1)]
        ax_topics.bar(x, np.nan_to_num(stability), color=colours, width=0.8)
        ax_topics.errorbar(
            x,
            np.nan_to_num(stability),
            yerr=[np.nan_to_num(stability - low), np.zeros_like(stability)],
            fmt="none",
            ecolor="#444444",
            elinewidth=0.6,
            capsize=0,
        )
        ax_topics.axhline(threshold, color=PALETTE[5], ls="--", lw=0.8)
        ax_topics.set_xticks(x, [f"T{int(t):02d}" for t in info["topic"]], rotation=90)
        ax_topics.set_ylim(0, 1.02)
        ax_topics.set_ylabel("Best-match Jaccard overlap\n(mean over refits; whisker: minimum)")
        ax_topics.set_title(f"{study}: stability of candidate themes across {len(runs)} refits", loc="left")
        if len(runs):
            seeds = np.arange(len(runs))
            ax_runs.plot(seeds, runs["ari"], "o", color=PALETTE[0], label="ARI")
            ax_runs.plot(seeds, runs["nmi"], "s", color=PALETTE[1], label="NMI")
            ax_runs.set_xticks(seeds, [str(s) for s in runs["seed"]], rotation=90)
            ax_runs.legend(frameon=False, loc="lower right")
            ax_runs.set_xlim(-0.5, len(runs) - 0.5)
        ax_runs.set_ylim(0, 1.02)
        ax_runs.set_xlabel("Refit seed")
        ax_runs.set_title("Agreement with reported fit", loc="left")
    return fig
