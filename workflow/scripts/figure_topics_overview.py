"""Candidate-themes overview figure: size, top keywords and share of participants by group."""

from thematica.figures.style import save_figure
from thematica.figures.topics import plot_topics_overview
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_topics_overview(
        read_csv(sm.input.topic_info), study=sm.wildcards.study, group_labels=sm.params.group_labels
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
