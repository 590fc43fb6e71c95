"""Crosswalk heatmap: candidate themes (rows) against human consensus codes (columns)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thematica.figures.style import RC, new_figure
from thematica.figures.topics import plot_skipped


def plot_crosswalk(crosswalk: pd.DataFrame, topic_info: pd.DataFrame, *, study: str, codebook: pd.DataFrame):
    """Jaccard overlap of every candidate theme with every human code; boxes mark mutual best matches.

    Codes keep the codebook order; themes are ordered by their best code so matches line up on a
    diagonal, and themes that match no code (overlap below 0.1) come last. Without candidate themes (a
    study too small for them: no rows) the figure is :func:`~thematica.figures.topics.plot_skipped`.

    Parameters
    ----------
    crosswalk
        ``results/<study>/topics/crosswalk.csv``.
    topic_info
        ``topic_info.csv`` (for theme labels).
    study
        Study name for the title.
    codebook
        ``codebook.parquet`` (``code``, ``label``): code order and display labels; codes not in it are
        shown by id, after these.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    table = crosswalk.loc[crosswalk["topic"] != -1]
    if table.empty and not (topic_info["topic"] != -1).any():
        return plot_skipped(study=study, title="candidate themes vs human codes")
    label_column = "label" if "label" in codebook else "code"
    code_labels = {
        str(c): (str(lab) if len(str(lab)) <= 32 else str(lab)[:31] + "…")
        for c, lab in zip(codebook["code"], codebook[label_column], strict=True)
    }
    codes = [c for c in code_labels if c in set(table["code"])]
    codes += sorted(set(table["code"]) - set(codes))
    grid = table.pivot(index="topic", columns="code", values="jaccard").reindex(columns=codes).fillna(0.0)
    best = grid.to_numpy().argmax(axis=1) if len(codes) else np.zeros(len(grid), dtype=int)
    strength = grid.to_numpy().max(axis=1) if len(codes) else np.zeros(len(grid))
    key = np.where(strength >= 0.1, best, len(codes))
    order = np.lexsort((grid.index.to_numpy(), -strength, key))
    grid = grid.iloc[order]
    mutual = table.loc[table["mutual_best"].astype(str).str.lower().eq("true"), ["topic", "code"]]
    labels = dict(zip(topic_info["topic"], topic_info["label"], strict=True))
    n_rows, n_cols = grid.shape
    # overlaps of whole themes with whole codes are modest: scale colours to the largest one for contrast
    vmax = float(max(0.1, np.ceil(10 * grid.to_numpy().max()) / 10)) if grid.size else 1.0
    with plt.rc_context(RC):
        fig, ax = new_figure(7.0, 1.6 + 0.16 * max(n_rows, 6))
        image = ax.imshow(
            grid.to_numpy(), aspect="auto", cmap="viridis", vmin=0, vmax=vmax, interpolation="none"
        )
        ax.set_xticks(np.arange(n_cols), [code_labels.get(c, c) for c in codes], rotation=60, ha="right")
        ylabels = []
        for t in grid.index:
            text = f"T{int(t):02d} {labels.get(t, '')}"
            ylabels.append(text if len(text) <= 40 else text[:39] + "…")
        ax.set_yticks(np.arange(n_rows), ylabels)
        rows = {t: i for i, t in enumerate(grid.index)}
        cols = {c: j for j, c in enumerate(codes)}
        for t, c in zip(mutual["topic"], mutual["code"], strict=True):
            if t in rows and c in cols:
                ax.add_patch(
                    plt.Rectangle(
                        (cols[c] - 0.5, rows[t] - 0.5), 1, 1, fill=False, edgecolor="#E69F00", linewidth=1.2
                    )
                )
        colorbar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
        colorbar.set_label("Jaccard overlap of segments")
        ax.set_xlabel("Human consensus code")
        ax.set_ylabel("Candidate theme")
        ax.set_title(f"{study}: candidate themes vs human codes (boxes: mutual best match)", loc="left")
    return fig
