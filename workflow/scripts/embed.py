"""Embed one transcript's participant segments with the bundled all-MiniLM-L6-v2 (offline)."""

from thematica.embed import embed_segments, write_embeddings
from thematica.runlog import step_logging
from thematica.tables import read_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    vectors, meta = embed_segments(
        read_parquet(sm.input.segments),
        backend=sm.params.backend,
        onnx_path=next(iter(sm.input.model), None),  # the ONNX export (onnx backends only)
        batch_size=sm.params.batch_size,
        threads=sm.threads,
    )
    write_embeddings(vectors, meta, sm.output.npy, sm.output.meta)
