"""Crosswalk of candidate themes and human consensus codes, with c-TF-IDF keywords per code."""

from thematica.runlog import step_logging
from thematica.tables import read_parquet, write_csv
from thematica.topics.crosswalk import study_crosswalk

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    table, summary, keywords = study_crosswalk(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.segment_topics),
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.codebook),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=sm.params.settings,
    )
    write_csv(table, sm.output.crosswalk)
    write_csv(summary, sm.output.summary)
    write_csv(keywords, sm.output.keywords)
