"""Showing the house-style matplotlib figures in a notebook."""

from __future__ import annotations

import io


def show(figure, dpi: int = 110):
    """A matplotlib figure as a PNG image for a notebook cell, closing the figure.

    :mod:`thematica.figures` draws on the non-interactive ``agg`` backend, so figures do not appear by
    themselves; end a cell with ``show(fig)`` to display one exactly once, whatever the notebook's
    matplotlib backend.

    Parameters
    ----------
    figure
        A ``matplotlib.figure.Figure`` (any of the ``thematica.figures.plot_*`` functions' results).
    dpi
        Resolution of the image.

    Returns
    -------
    IPython.display.Image
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image

    from thematica.figures.style import RC

    buffer = io.BytesIO()
    with plt.rc_context(RC):
        figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return Image(data=buffer.getvalue(), format="png")
