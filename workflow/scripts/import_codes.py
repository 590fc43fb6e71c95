"""Import the coder exports of a study: codings, coder assignment, unplaced spans, ledger."""

from thematica.codes.schemas import CODER_TRANSCRIPTS, CODINGS
from thematica.codes.study import import_codes
from thematica.deid.study import read_offset_map
from thematica.ingest.study import read_canonical
from thematica.schemas import validated
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    result = import_codes(
        sm.input.exports,
        codebook=read_parquet(sm.input.codebook),
        texts={t: read_canonical(p) for t, p in sm.params.source_texts.items()},
        participants=sm.params.participants,
        coders=sm.input.coders[0] if sm.input.coders else None,
        offset_maps={t: read_offset_map(p) for t, p in sm.params.offset_maps.items()},
    )
    write_parquet(validated(result.codings, CODINGS), sm.output.codings)
    write_parquet(validated(result.coder_transcripts, CODER_TRANSCRIPTS), sm.output.coder_transcripts)
    write_csv(result.unplaced, sm.output.unplaced)
    write_csv(result.ledger, sm.output.ledger)
