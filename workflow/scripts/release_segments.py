"""Write a release bundle's text-free segments table and the canonical texts' lengths."""

from thematica.release.study import write_text_free_tables
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_text_free_tables(
        read_parquet(sm.input.segments),
        list(sm.params.texts.values()),
        segments_path=sm.output.segments,
        lengths_path=sm.output.lengths,
    )
