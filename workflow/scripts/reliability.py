"""Krippendorff's alpha per code and theme, per coder pair, and unitized alpha on the raw spans."""

from thematica.reliability import reliability_tables
from thematica.runlog import step_logging
from thematica.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    tables = reliability_tables(
        read_parquet(sm.input.segment_codes),
        read_parquet(sm.input.codings),
        read_parquet(sm.input.coder_transcripts),
        read_parquet(sm.input.codebook),
        sm.params.texts,
        segments=read_parquet(sm.input.segments),
        seed=sm.params.seed,
        alpha_min=sm.params.alpha_min,
        n_bootstrap=sm.params.n_bootstrap,
        ci_level=sm.params.ci_level,
        bootstrap_draws=sm.params.bootstrap_draws,
        warn_significance=sm.params.warn_significance,
        min_units_with_code=sm.params.min_units_with_code,
    )
    write_csv(tables.alpha, sm.output.alpha)
    write_csv(tables.pairs, sm.output.pairs)
    write_csv(tables.unitized, sm.output.unitized)
