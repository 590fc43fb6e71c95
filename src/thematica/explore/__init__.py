"""Exploring a study's results in a notebook, through the pipeline's own functions.

Everything here reads what the workflow wrote (``results/<study>/``, ``data/processed/<study>/``) and, where
a view needs more than a table, calls the stage's public functions again with the configuration the results
were made with. The notebooks in ``notebooks/`` are written against this package.

Modules
-------
``results``
    :func:`load_study` and :class:`StudyResults`: every table of a study by name (:data:`TABLES`).
``topics``
    :func:`refit_topic_model`: the fitted BERTopic model (not saved by the workflow), refitted
    deterministically and checked against ``segment_topics.parquet``, for BERTopic's interactive views.
``quotes``
    :func:`quotes` and :func:`quotes_by_group`: the most central segments of a candidate theme, code or
    theme, in the study or in one group.
``reliability``
    :func:`disagreements` (the segments behind an alpha on which coders disagreed) and
    :func:`coded_spans` (what each coder actually marked there).
``saturation``
    :func:`guest_grid` (Guest saturation for other base sizes and run lengths) and
    :func:`rerun_saturation` (the stage's tables under changed settings).
``display``
    :func:`show`: a house-style matplotlib figure as an image in a notebook cell.

Examples
--------
>>> from thematica import explore
>>> results = explore.load_study("demo_physicians", root="..")  # doctest: +SKIP
>>> explore.disagreements(results, "ai_note_burden").head()  # doctest: +SKIP
"""

from thematica.explore.display import show
from thematica.explore.quotes import carrying_segments, quotes, quotes_by_group
from thematica.explore.reliability import coded_spans, coder_values, disagreements
from thematica.explore.results import TABLES, StudyResults, load_study, read_table
from thematica.explore.saturation import guest_grid, rerun_saturation
from thematica.explore.topics import FittedTopics, refit_topic_model

__all__ = [
    "TABLES",
    "FittedTopics",
    "StudyResults",
    "carrying_segments",
    "coded_spans",
    "coder_values",
    "disagreements",
    "guest_grid",
    "load_study",
    "quotes",
    "quotes_by_group",
    "read_table",
    "refit_topic_model",
    "rerun_saturation",
    "show",
]
