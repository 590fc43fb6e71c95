"""Evaluation: recovery of the demo study's planted codes by the ordinary and the codebook-guided themes."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv
from thematica.topics.guided_study import guided_recovery

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    scores = guided_recovery(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.guided_segments),
        sm.input.truth,
        segment_topics=read_parquet(sm.input.segment_topics),
    )
    write_csv(scores, sm.output[0])
