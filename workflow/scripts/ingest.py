"""Read every transcript of a study to its canonical source text (scanned by the deid rules before anything
reads it)."""

from thematica.ingest.study import ingest_study
from thematica.support.runlog import step_logging

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    ingest_study(sm.params.sources, sm.output[0])
