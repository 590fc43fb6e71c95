"""The ``thematica`` command: ``init`` a study folder, ``check`` it, ``run`` the pipeline.

- :mod:`~thematica.cli.main`: the argument parser;
- :mod:`~thematica.cli.scaffold`: ``thematica init``;
- :mod:`~thematica.cli.interviewers`: the speaker labels ``thematica init`` proposes as the interviewer's;
- :mod:`~thematica.cli.check`: ``thematica check``;
- :mod:`~thematica.cli.runner`: ``thematica run``;
- :mod:`~thematica.cli.run_output`: what ``thematica run`` reads of Snakemake's output and the step logs.
"""

from thematica.cli.main import main

__all__ = ["main"]
