"""Corpus overview: how much each participant said, by group."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from thematica.figures.style import PALETTE, RC, new_figure


def plot_corpus_overview(ledger: pd.DataFrame, *, study: str, group_labels: dict[str, str]):
    """Participant words and segments per interview, sorted within group.

    Parameters
    ----------
    ledger
        The QA ledger (``results/<study>/qa/ledger.csv``): one row per transcript.
    study
        Study name for the title.
    group_labels
        Group value -> display label, in the order the groups are shown.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    order = list(group_labels)
    table = ledger.assign(_g=pd.Categorical(ledger["group"], categories=order, ordered=True))
    table = table.sort_values(
        ["_g", "participant_words", "transcript"], ascending=[True, False, True], kind="stable"
    )
    colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(order)}
    x = np.arange(len(table))
    with plt.rc_context(RC):
        fig, (ax_words, ax_segments) = new_figure(7.0, 4.2, nrows=2, sharex=True)
        bar_colours = [colours[g] for g in table["group"]]
        ax_words.bar(x, table["participant_words"], color=bar_colours, width=0.8)
        ax_segments.bar(x, table["segments"], color=bar_colours, width=0.8)
        for ax, label, column in (
            (ax_words, "Participant words", "participant_words"),
            (ax_segments, "Segments", "segments"),
        ):
            ax.set_ylabel(label)
            for g in order:
                values = table.loc[table["group"] == g, column]
                if len(values):
                    ax.axhline(values.median(), color=colours[g], lw=0.8, ls="--")
        ax_segments.set_xticks(x, table["participant_id"], rotation=90)
        ax_segments.set_xlabel("Participant (sorted by words within group; dashed line: group median)")
        counts = table["group"].value_counts()
        handles = [
            Patch(color=colours[g], label=f"{group_labels[g]} (n={int(counts.get(g, 0))})") for g in order
        ]
        ax_words.legend(handles=handles, frameon=False, loc="upper right")
        ax_words.set_title(f"{study}: participant speech per interview")
        fig.align_ylabels()
    return fig
