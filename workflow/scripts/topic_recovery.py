"""Evaluation: agreement of the candidate themes with the demo study's planted codes."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv
from thematica.topics.recovery import topic_recovery

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    scores = topic_recovery(
        read_parquet(sm.input.segments), read_parquet(sm.input.segment_topics), sm.input.truth
    )
    write_csv(scores, sm.output[0])
