"""The machine coder's learning curve: median alpha against the number of hand-coded transcripts."""

from thematica.figures.machine import plot_learning_curve
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_learning_curve(
        read_csv(sm.input.curve),
        read_csv(sm.input.table),
        study=sm.wildcards.study,
        alpha_min=sm.params.alpha_min,
        alpha_good=sm.params.alpha_good,
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
