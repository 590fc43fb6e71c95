"""Read one transcript to its canonical source text (scanned by the deid rules before anything reads it)."""

from thematica.ingest import read_source, write_canonical
from thematica.runlog import step_logging

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_canonical(read_source(sm.input[0]), sm.output[0])
