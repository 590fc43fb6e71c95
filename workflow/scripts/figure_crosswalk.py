"""Crosswalk heatmap: candidate themes against human consensus codes."""

from thematica.figures.crosswalk import plot_crosswalk
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv, read_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_crosswalk(
        read_csv(sm.input.crosswalk),
        read_csv(sm.input.topic_info),
        study=sm.wildcards.study,
        codebook=read_parquet(sm.input.codebook),
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
