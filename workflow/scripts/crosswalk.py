"""Crosswalk of candidate themes and human consensus codes: overlap and lift, no text or embeddings needed
(so a rebuild from a release bundle runs it too)."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv
from thematica.topics.crosswalk import topic_code_overlap

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    table, summary = topic_code_overlap(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.segment_topics),
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.codebook),
    )
    write_csv(table, sm.output.crosswalk)
    write_csv(summary, sm.output.summary)
