"""Support code every stage shares: logging, worker processes, caches, table I/O, the manifest, model loading.

- :mod:`~thematica.support.runlog`: a step's log file and progress lines;
- :mod:`~thematica.support.workers`: process pools and per-item caches;
- :mod:`~thematica.support.jitcache`: numba's compilation cache shared between steps;
- :mod:`~thematica.support.tables`: Parquet and CSV written byte-for-byte reproducibly;
- :mod:`~thematica.support.manifest`: SHA-256 records of inputs and outputs;
- :mod:`~thematica.support.report_facts`: numbers for the report's captions, read from result files;
- :mod:`~thematica.support.spacy_model`: the bundled spaCy pipeline;
- :mod:`~thematica.support.lazy`, :mod:`~thematica.support.hidden_imports`: import helpers.

Nothing here imports a stage.
"""
