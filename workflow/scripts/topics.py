"""Fit BERTopic on a study's segment embeddings and write the reference fit's tables, its top-level
candidate themes among them (rule topic_stability adds each theme's stability across the refits)."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv, write_parquet
from thematica.topics.study import study_topics

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    result = study_topics(
        read_parquet(sm.input.segments),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=sm.params.settings,
        seed=sm.params.seed,
        groups=sm.params.groups,
        threads=sm.threads,
        refit=False,
        backend=sm.params.backend,
        onnx_path=next(iter(sm.input.model), None),  # the ONNX export (onnx backends only)
        study=sm.wildcards.study,  # named in the warning of a study too small for candidate themes
    )
    write_parquet(result.topic_table, sm.output.topic_table)
    write_parquet(result.segment_topics, sm.output.segment_topics)
    write_csv(result.quotes, sm.output.quotes)
    write_csv(result.themes, sm.output.themes)
