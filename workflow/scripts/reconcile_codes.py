"""Account for every coded span and aligned code: the span ledger and the spans that mark no segment."""

from thematica.codes.study import reconcile_codes
from thematica.ingest.study import read_canonical
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv, read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    result = reconcile_codes(
        import_ledger=read_csv(sm.input.import_ledger),
        codings=read_parquet(sm.input.codings),
        unplaced=read_csv(sm.input.unplaced),
        coder_transcripts=read_parquet(sm.input.coder_transcripts),
        codebook=read_parquet(sm.input.codebook),
        segments=read_parquet(sm.input.segments),
        segment_codes=read_parquet(sm.input.segment_codes),
        consensus=read_parquet(sm.input.consensus),
        texts={t: read_canonical(p) for t, p in sm.params.texts.items()},
    )
    write_csv(result.ledger, sm.output.ledger)
    write_csv(result.unaligned, sm.output.unaligned)
