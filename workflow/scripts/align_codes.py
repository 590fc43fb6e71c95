"""Align each coder's spans to segments: segment_codes (missing where a coder never saw a transcript)."""

from thematica.codes.schemas import SEGMENT_CODES
from thematica.codes.study import align_segments
from thematica.ingest.study import read_canonical
from thematica.schemas import validated
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    table = align_segments(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.codings),
        read_parquet(sm.input.coder_transcripts),
        read_parquet(sm.input.codebook),
        {t: read_canonical(p) for t, p in sm.params.texts.items()},
        min_overlap=sm.params.min_overlap,
        min_span_share=sm.params.min_span_share,
    )
    write_parquet(validated(table, SEGMENT_CODES), sm.output[0])
