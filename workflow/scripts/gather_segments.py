"""Gather a study's segments and write the reconciled QA ledger."""

from thematica.ledger import gather_study
from thematica.runlog import step_logging
from thematica.tables import write_csv, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    segments, ledger = gather_study(sm.input.text, sm.input.turns, sm.input.segments)
    write_parquet(segments, sm.output.segments)
    write_csv(ledger, sm.output.ledger)
