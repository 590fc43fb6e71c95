"""Codebook-guided themes: BERTopic's zero-shot topic modelling with the study's codes as its topics; the
segments near no code form new candidate themes, "not in the codebook"."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv, write_parquet
from thematica.topics.guided_study import study_guided_themes

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    codebook = next(iter(sm.input.codebook), None)  # none for a study without codes
    result = study_guided_themes(
        read_parquet(sm.input.segments),
        read_parquet(codebook) if codebook else None,
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=sm.params.settings,
        seed=sm.params.seed,
        backend=sm.params.backend,
        onnx_path=next(iter(sm.input.model), None),  # the ONNX export (onnx backends only)
        threads=sm.threads,
        study=sm.wildcards.study,
    )
    write_csv(result.info, sm.output.info)
    write_parquet(result.segments, sm.output.segments)
