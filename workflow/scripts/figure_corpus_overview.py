"""Corpus overview figure: participant words and segments per interview, by group."""

from thematica.figures.overview import plot_corpus_overview
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_corpus_overview(
        read_csv(sm.input.ledger), study=sm.wildcards.study, group_labels=sm.params.group_labels
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
