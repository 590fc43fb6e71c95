"""Alpha and other coefficients per code and theme, per coder pair, and unitized alpha on the raw spans."""

from thematica.reliability import ReliabilitySettings, reliability_tables
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    tables = reliability_tables(
        read_parquet(sm.input.segment_codes),
        read_parquet(sm.input.codings),
        read_parquet(sm.input.coder_transcripts),
        read_parquet(sm.input.codebook),
        sm.params.texts,
        segments=read_parquet(sm.input.segments),
        settings=ReliabilitySettings.from_config(sm.params.settings, seed=sm.params.seed),
    )
    write_csv(tables.alpha, sm.output.alpha)
    write_csv(tables.pairs, sm.output.pairs)
    write_csv(tables.unitized, sm.output.unitized)
    write_csv(tables.coefficients, sm.output.coefficients)
