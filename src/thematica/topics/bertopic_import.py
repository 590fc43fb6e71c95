"""Import BERTopic for a step that embeds nothing, without torch and the embedding stack.

``import bertopic`` loads, through optional back-ends and representations it never uses here,
sentence-transformers, transformers, torch, spaCy and plotly: seconds of CPU and hundreds of MB in every
process.
The stability refits and the codes' c-TF-IDF keywords fit on precomputed embeddings and never embed, so
:func:`import_bertopic` with ``embeds=False`` hides those packages while BERTopic is imported
(:func:`thematica.support.hidden_imports.modules_hidden`: BERTopic treats them as not installed for its
optional parts, and its plotting falls back to a stub). The import then costs a fraction of that
(docs/performance.md). The hidden packages stay importable afterwards, and a process that has already
imported any of them imports BERTopic as it is.

What a fit computes does not depend on those packages: UMAP, HDBSCAN, the CountVectorizer and c-TF-IDF
are the same modules either way, and refits and keywords are byte-identical
(``tests/unit/topics/test_bertopic_import.py``).
"""

from __future__ import annotations

import sys

HIDDEN = ("torch", "sentence_transformers", "transformers", "spacy", "plotly")
"""Packages hidden while BERTopic is imported for a step that embeds nothing."""

#: Imported first, with torch visible: SciPy's array-API helpers look torch up in ``sys.modules`` at
#: import time and fail on a hidden entry.
_FIRST = ("scipy.stats", "sklearn.base", "umap", "hdbscan")


def import_bertopic(embeds: bool, *, plots: bool = False):
    """``import bertopic`` and return the module; with ``embeds=False`` without :data:`HIDDEN` (but with
    plotly when ``plots``: BERTopic's interactive views, in notebooks).

    numba's on-disk cache is enabled first (:func:`thematica.support.jitcache.enable_jit_cache`), as BERTopic
    imports UMAP and HDBSCAN.

    Parameters
    ----------
    embeds
        Whether the step embeds text with BERTopic through torch (a KeyBERT or MMR representation with the
        torch backend). ``True`` imports BERTopic as it is.
    plots
        Keep plotly visible, so that the fitted model can draw its views.
    """
    import importlib

    from thematica.support.hidden_imports import modules_hidden
    from thematica.support.jitcache import enable_jit_cache

    enable_jit_cache()
    if embeds or "bertopic" in sys.modules or any(sys.modules.get(name) for name in HIDDEN):
        module = importlib.import_module("bertopic")
    else:
        for name in _FIRST:
            importlib.import_module(name)
        with modules_hidden(tuple(name for name in HIDDEN if not (plots and name == "plotly"))):
            module = importlib.import_module("bertopic")
    if plots:
        _restore_plots()
    return module


def _restore_plots() -> None:
    """Give BERTopic its plotting module where an earlier import without plotly left it the stub that
    raises (``bertopic._bertopic.plotting``, chosen once, at its import): a notebook that fitted through
    a step's function first can still draw."""
    import importlib

    core = sys.modules["bertopic._bertopic"]
    if type(core.plotting).__name__ == "MockPlotlyModule":
        core.plotting = importlib.import_module("bertopic.plotting")
