"""Naming codes on a saturation curve: codebook labels placed beside their points without overlap, or
listed under the panels when they cannot all be placed (:mod:`thematica.figures.saturation`).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

#: Font size of the code labels and of the list (points).
LABEL_SIZE = 5.5
#: gid of the code labels drawn on the curves, and of the list under the panels.
LABEL_GID = "saturation-label"
LIST_GID = "saturation-label-list"
LABEL_WIDTH = 22  # characters per line of a label on the curve
_BOX = {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8}


def code_labels(codebook: pd.DataFrame | None, level: str = "code") -> dict[str, str]:
    """Code (or theme) id -> its codebook label; ids without a label keep the id.

    Examples
    --------
    >>> book = pd.DataFrame({"code": ["a", "b"], "label": ["Alpha", ""],
    ...                      "theme": ["T", "T"], "theme_label": ["Theme", "Theme"]})
    >>> code_labels(book), code_labels(book, "theme")
    ({'a': 'Alpha', 'b': 'b'}, {'T': 'Theme'})
    """
    if codebook is None:
        return {}
    key, column = ("code", "label") if level == "code" else ("theme", "theme_label")
    if key not in codebook.columns:
        return {}
    ids = codebook[key].astype(str)
    if column in codebook.columns:
        text = codebook[column].fillna("").astype(str).str.strip()
        names = text.where(text != "", ids)
    else:
        names = ids
    return dict(zip(ids, names, strict=True))


def late_codes(c: pd.DataFrame, after: int, names: dict[str, str]) -> list[tuple[int, float, list[str]]]:
    """(interview, cumulative, labels) of each interview after ``after`` that brought new codes."""
    late = c.loc[(c["order"] > after) & (c["new"] > 0)]
    out = []
    for _, hit in late.iterrows():
        codes = [s for s in str(hit["new_codes"]).split("; ") if s and s != "nan"]
        out.append((int(hit["order"]), float(hit["cumulative"]), [names.get(s, s) for s in codes]))
    return out


def _overlaps(box, boxes) -> bool:
    return any(box.overlaps(other) for other in boxes)


def _covers(box, points: np.ndarray | None, pad: float = 2.0) -> bool:
    if points is None or len(points) == 0:
        return False
    x, y = points[:, 0], points[:, 1]
    return bool(((x >= box.x0 - pad) & (x <= box.x1 + pad) & (y >= box.y0 - pad) & (y <= box.y1 + pad)).any())


def _inside(box, frame) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


def curve_points(ax, lines) -> np.ndarray:
    """Display coordinates along the drawn curves (each segment sampled), shape (n_points, 2)."""
    pts = []
    for line in lines:
        xy = np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)
        xy = xy[np.isfinite(xy).all(axis=1)]
        if len(xy) > 1:
            steps = np.linspace(0, 1, 6)[:-1, None, None]
            xy = np.concatenate([(xy[:-1] + steps * (xy[1:] - xy[:-1])).reshape(-1, 2), xy[-1:]])
        pts.append(xy)
    return ax.transData.transform(np.concatenate(pts)) if pts else np.zeros((0, 2))


def place_labels(
    ax, items: list[tuple[float, float, str]], renderer, *, obstacles=(), avoid: np.ndarray | None = None
) -> bool:
    """Place each label beside its point, overlapping no other label or text, inside the axes.

    Tries, in order, above-left, above-right, below-left, below-right, above and below the point, then
    positions further below and above it, shifted sideways, with a leader line. Returns False (and removes
    the labels it drew) when a label has no free position.

    Parameters
    ----------
    ax
        The panel.
    items
        (x, y, text) in data coordinates, in the order to place them.
    renderer
        The figure's renderer (``figure.canvas.get_renderer()``), to measure the text.
    obstacles
        Bounding boxes (display coordinates) the labels must not overlap.
    avoid
        Points (display coordinates, shape (n, 2)) the labels must not cover: the curves.
    """
    from matplotlib.text import Text

    frame = ax.get_window_extent(renderer)
    placed, drawn = list(obstacles), []
    near = [
        (-3, 3, "right", "bottom"),
        (3, 3, "left", "bottom"),
        (-3, -3, "right", "top"),
        (3, -3, "left", "top"),
    ]
    near += [(0, 4, "center", "bottom"), (0, -4, "center", "top")]
    far = [
        (dx, dy, ha, va)
        for k in range(1, 12)
        for dy, va in ((-4 - 8 * k, "top"), (4 + 8 * k, "bottom"))
        for dx, ha in ((-3, "right"), (3, "left"), *((s, "center") for s in (0, -25, 25, -50, 50, -75, 75)))
    ]
    for x, y, text in items:
        label = ax.annotate(
            text, (x, y), xytext=near[0][:2], textcoords="offset points", ha="right", va="bottom",
            fontsize=LABEL_SIZE, color="0.2", gid=LABEL_GID, annotation_clip=False, bbox=_BOX,
        )  # fmt: skip
        for dx, dy, ha, va in near + far:
            label.set_position((dx, dy))
            label.set_ha(ha)
            label.set_va(va)
            label.update_positions(renderer)
            box = Text.get_window_extent(label, renderer)
            if _inside(box, frame) and not _overlaps(box, placed) and not _covers(box, avoid):
                break
        else:
            label.remove()
            for other in drawn:
                other.remove()
            return False
        if (dx, dy, ha, va) in far:  # far from its point: redraw with a leader line
            label.remove()
            label = ax.annotate(
                text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=LABEL_SIZE, color="0.2", gid=LABEL_GID, annotation_clip=False, bbox=_BOX,
                arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "0.55", "shrinkA": 0, "shrinkB": 1.5},
            )  # fmt: skip
        label.update_positions(renderer)
        placed.append(Text.get_window_extent(label, renderer))
        drawn.append(label)
    return True


def wrap_list(entries: dict[str, list[str]], width_chars: int) -> str:
    lines = []
    for title, items in entries.items():
        lines.extend(textwrap.wrap(f"{title}: " + "; ".join(items), width_chars, subsequent_indent="   "))
    return "\n".join(lines)
