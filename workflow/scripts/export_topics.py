"""Export the candidate themes as a REFI-QDA codebook (.qdc) and project (.qdpx)."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv, read_parquet
from thematica.topics.export import export_candidates

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    export_candidates(
        study=sm.wildcards.study,
        topic_info=read_csv(sm.input.topic_info),
        quotes=read_csv(sm.input.quotes),
        segments=read_parquet(sm.input.segments),
        segment_topics=read_parquet(sm.input.segment_topics),
        text_paths=list(sm.params.texts.values()),
        qdc_path=sm.output.qdc,
        qdpx_path=sm.output.qdpx,
        export_for=sm.params.export_for,
    )
