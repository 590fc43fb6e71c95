"""Participant-level prevalence, segment-level rates and pairwise comparisons by group, for every level."""

from thematica.compare.study import compare_study
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    prevalence, rates, pairwise = compare_study(
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.segments),
        dict(sm.params.participants),
        read_parquet(sm.input.codebook),
        list(sm.params.groups),
        segment_topics=read_parquet(sm.input.segment_topics),
        confidence=sm.params.confidence,
        alpha=sm.params.alpha,
        seed=sm.params.seed,
    )
    write_csv(prevalence, sm.output.prevalence)
    write_csv(rates, sm.output.rates)
    write_csv(pairwise, sm.output.pairwise)
