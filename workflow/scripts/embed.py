"""Embed a study's participant segments with the bundled all-MiniLM-L6-v2 (offline), transcript by
transcript, reusing unchanged transcripts from the cache."""

from thematica.embed.study import embed_study, write_embeddings
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    vectors, meta = embed_study(
        read_parquet(sm.input.segments),
        sm.params.cache,
        backend=sm.params.backend,
        onnx_path=next(iter(sm.input.model), None),  # the ONNX export (onnx backends only)
        batch_size=sm.params.batch_size,
        threads=sm.threads,
    )
    write_embeddings(vectors, meta, sm.output.npy, sm.output.meta)
