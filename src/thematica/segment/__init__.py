"""Segment: participant turns split into sentence segments, and the transcript ledger that accounts for them.

- :mod:`~thematica.segment.sentences`: spaCy sentence boundaries inside one turn;
- :mod:`~thematica.segment.study`: every transcript of a study, ``segments.parquet`` (the workflow's entry);
- :mod:`~thematica.segment.ledger`: characters, turns and segments reconciled per transcript.
"""
