"""Saturation figure: accumulation with permutation band, Guest marker and coverage, one panel per group."""

from thematica.figures.saturation import plot_saturation
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv, read_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_saturation(
        read_csv(sm.input.curve),
        read_csv(sm.input.summary),
        read_csv(sm.input.extrapolation),
        study=sm.wildcards.study,
        group_labels=sm.params.group_labels,
        level=sm.params.level,
        codebook=read_parquet(sm.input.codebook),
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
