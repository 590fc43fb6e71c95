"""Evaluation of the pipeline: corpora with known answers and measurements, never used by a run.

Nothing in the pipeline (the workflow, the command line, the stage packages) imports this package; the
benchmarks in ``benchmarks/`` and the tests do (``tests/unit/test_layering.py`` checks it).

Modules
-------
``planted_pii``
    A planted-identifier corpus (Faker identifiers in interview-like text from the demo sentence banks)
    and its scoring: the deidentification scan's recall and precision per kind.
``perf``
    Import cost of modules and scripts (which heavy libraries a module pulls in, and how long importing it
    takes) and the benchmark result files.
"""
